#include "JobCardCommand.h"

#include "skillsim/app/Cli.h"

#include <skillsim/course/CourseLoader.h>
#include <skillsim/course/JobCard.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/records/WorkstationKey.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <ostream>

namespace skillsim::app {
namespace {

std::int64_t nowUtc() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/**
 * The card's status in plain words; the key as its short id and in full. `keyChecked`: the
 * signer was checked against trusted keys; without them only the signature's integrity is known,
 * not whose key it is (found by a new user: a card the trainee signed read "counts").
 */
std::string describe(const course::JobCardFile& f, const course::JobCardVerification& v,
                     bool keyChecked) {
  const course::JobCard& c = f.card;
  std::string where = c.machine + " at " + c.company + ", " + c.workshop + ", " + c.date;
  switch (v.status) {
  case course::JobCardStatus::Signed:
    if (!keyChecked) {
      return "signed for mentor " + c.mentorName + " (" + c.mentorId + ") with key " +
             records::publicKeyHex(*v.signer) + " on " +
             records::formatUtc(f.signature->signedUtc) + "; " + where +
             "; the card is intact, but whose key this is was NOT checked (give the mentor's "
             "registered key with --trusted-key): it counts only with a trusted key";
    }
    return "signed by mentor " + c.mentorName + " (" + c.mentorId + ") with key " +
           records::publicKeyHex(*v.signer) + " on " + records::formatUtc(f.signature->signedUtc) +
           "; " + where + "; counts";
  case course::JobCardStatus::Unsigned:
    return "NOT SIGNED by the mentor: it does not count (" + where + ")";
  case course::JobCardStatus::Altered:
    return "ALTERED after it was signed (the signature does not match the card): it does not "
           "count";
  case course::JobCardStatus::UntrustedKey:
    return "signed with key " + records::publicKeyHex(*v.signer) +
           ", which is not a trusted mentor key: it does not count";
  }
  return "";
}

bool writeFile(const std::string& path, const std::string& text, std::ostream& err) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    err << "skillsim jobcard: " << path << ": cannot write the file\n";
    return false;
  }
  return true;
}

int runNew(const JobCardOptions& o, std::ostream& out, std::ostream& err) {
  course::CourseReport report = course::loadCourse(o.courseFile);
  if (!report.valid()) {
    for (const core::Error& p : report.problems) {
      err << p.toString() << '\n';
    }
    return kExitFailure;
  }
  const course::Course& c = *report.course;
  course::JobCardFile f;
  f.card = {c.id,   o.learningTask, o.trainee,  o.company, o.workshop, o.machine,
            o.date, o.mentorName,   o.mentorId, {},        o.remarks};
  for (const course::RubricItem& item : c.assessment.mentorRubric) {
    f.card.items.push_back({item.id, false, 0});
  }
  for (const std::string& given : o.items) {
    const auto eq = given.find('=');
    int rating = -1;
    try {
      rating = eq == std::string::npos ? -1 : std::stoi(given.substr(eq + 1));
    } catch (const std::exception&) {
      rating = -1;
    }
    auto it = std::find_if(f.card.items.begin(), f.card.items.end(), [&](const auto& i) {
      return eq != std::string::npos && i.id == given.substr(0, eq);
    });
    if (it == f.card.items.end() || rating < 0) {
      std::string ids;
      for (const auto& i : f.card.items) {
        ids += (ids.empty() ? "" : ", ") + i.id;
      }
      err << "skillsim jobcard new: --item " << given
          << ": expected ITEM=RATING with ITEM one of the course's mentor rubric items (" << ids
          << ")\n";
      return kExitUsage;
    }
    it->ticked = true;
    it->rating = rating;
  }
  // The card must read back as written and fit its course before it is handed to the mentor.
  const std::string text = course::jobCardToToml(f);
  auto back = course::parseJobCard(text, o.out);
  if (!back) {
    err << back.error().toString() << '\n';
    return kExitFailure;
  }
  if (auto fits = course::checkJobCardAgainstCourse(back->card, c, o.out); !fits) {
    err << fits.error().toString() << '\n';
    return kExitFailure;
  }
  if (!writeFile(o.out, text, err)) {
    return kExitFailure;
  }
  out << o.out << ": job card for learning task '" << o.learningTask << "', trainee " << o.trainee
      << "; not signed yet (skillsim jobcard sign)\n";
  // An item left out is not ticked and counts 0 (docs/course-format.md): say so, never silently
  // (found by a new user, who took it for a default rating).
  for (std::size_t i = 0; i < f.card.items.size(); ++i) {
    const course::JobCardItem& item = f.card.items[i];
    const int maximum = c.assessment.mentorRubric[i].maxRating;
    if (item.ticked) {
      out << "  " << item.id << ": ticked, rated " << item.rating << " of " << maximum << '\n';
    } else {
      out << "  " << item.id << ": NOT ticked, so it counts 0 of " << maximum << " (give --item "
          << item.id << "=RATING if the mentor saw it)\n";
    }
  }
  return kExitOk;
}

int runSign(const JobCardOptions& o, std::ostream& out, std::ostream& err) {
  auto f = course::loadJobCard(o.card);
  if (!f) {
    err << f.error().toString() << '\n';
    return kExitFailure;
  }
  auto key = records::WorkstationKey::loadOrCreate(
      o.keyDir.empty() ? records::defaultConfigDir() : std::filesystem::path(o.keyDir),
      course::kMentorKeyFileName);
  if (!key) {
    err << "skillsim jobcard sign: " << key.error().toString() << '\n';
    return kExitFailure;
  }
  if (f->signature) {
    course::JobCardVerification v = course::verifyJobCard(*f);
    if (v.status == course::JobCardStatus::Signed && f->signature->publicKey != key->publicKey()) {
      err << "skillsim jobcard sign: " << o.card << " is already signed with another key ("
          << records::publicKeyHex(f->signature->publicKey)
          << "); one card carries one mentor's signature: make a new card\n";
      return kExitFailure;
    }
    if (v.status == course::JobCardStatus::Altered) {
      // Signing again would approve whatever was changed since the mentor signed: refuse.
      err << "skillsim jobcard sign: " << o.card
          << " was changed after it was signed (the signature does not match the card); signing "
             "it again would approve those changes: check the card with the mentor and make a "
             "new one (skillsim jobcard new)\n";
      return kExitFailure;
    }
  }
  f->signature = course::signJobCard(f->card, *key, nowUtc());
  if (!writeFile(o.card, course::jobCardToToml(*f), err)) {
    return kExitFailure;
  }
  out << o.card << ": signed for mentor " << f->card.mentorName << " (" << f->card.mentorId
      << ") with key " << records::publicKeyHex(key->publicKey()) << '\n';
  return kExitOk;
}

int runVerify(const JobCardOptions& o, std::ostream& out, std::ostream& err) {
  std::vector<records::PublicKey> trusted;
  for (const std::string& k : o.trustedKeys) {
    auto key = records::parsePublicKey(k);
    if (!key) {
      err << "skillsim jobcard verify: --trusted-key " << k << ": expected 64 hex digits\n";
      return kExitUsage;
    }
    trusted.push_back(*key);
  }
  std::optional<course::Course> c;
  if (!o.verifyCourse.empty()) {
    course::CourseReport report = course::loadCourse(o.verifyCourse);
    if (!report.valid()) {
      for (const core::Error& p : report.problems) {
        err << p.toString() << '\n';
      }
      return kExitFailure;
    }
    c = std::move(report.course);
  }
  bool allCount = true;
  for (const std::string& path : o.cards) {
    auto f = course::loadJobCard(path);
    if (!f) {
      out << f.error().toString() << ": it does not count\n";
      allCount = false;
      continue;
    }
    course::JobCardVerification v = course::verifyJobCard(*f, trusted);
    out << path << ": " << describe(*f, v, !trusted.empty()) << '\n';
    allCount = allCount && v.counts() && !trusted.empty();
    if (c && v.counts()) {
      if (auto fits = course::checkJobCardAgainstCourse(f->card, *c, path); !fits) {
        out << "  " << fits.error().toString() << ": it does not count\n";
        allCount = false;
      } else if (auto percent = course::mentorPercent(*f, v, *c)) {
        out << "  mentor's rating for learning task '" << f->card.learningTask << "'"
            << (trusted.empty() ? " (once its key is trusted)" : "") << ": "
            << static_cast<int>(*percent + 0.5) << " of 100\n";
      }
    }
  }
  return allCount ? kExitOk : kExitFailure;
}

int runList(const JobCardOptions& o, std::ostream& out, std::ostream& err) {
  std::error_code ec;
  if (!std::filesystem::is_directory(o.dir, ec)) {
    err << "skillsim jobcard list: " << o.dir << ": not a folder\n";
    return kExitFailure;
  }
  std::vector<std::filesystem::path> files;
  for (std::filesystem::recursive_directory_iterator it(o.dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().extension() == ".toml" && it->is_regular_file(ec)) {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  int count = 0;
  for (const auto& path : files) {
    auto f = course::loadJobCard(path);
    if (!f && f.error().location.fieldPath == "format") {
      continue; // another kind of file (a course, a scenario)
    }
    ++count;
    if (!f) {
      out << f.error().toString() << ": it does not count\n";
      continue;
    }
    const course::JobCardVerification v = course::verifyJobCard(*f);
    const char* status = v.status == course::JobCardStatus::Signed     ? "signed"
                         : v.status == course::JobCardStatus::Unsigned ? "NOT SIGNED"
                                                                       : "ALTERED";
    out << path.string() << ": " << status << ", trainee " << f->card.trainee << ", learning task '"
        << f->card.learningTask << "', " << f->card.date << ", mentor " << f->card.mentorName
        << " (" << f->card.mentorId << ")\n";
  }
  out << count << " job card" << (count == 1 ? "" : "s") << " in " << o.dir << '\n';
  return kExitOk;
}

} // namespace

CLI::App* addJobCardCommand(CLI::App& cli, JobCardOptions& o) {
  CLI::App* jobcard = cli.add_subcommand(
      "jobcard", "Workplace job cards: the learning task done on a real machine in a company's "
                 "workshop, signed by the enterprise mentor's own key");
  jobcard->require_subcommand(1);
  o.newCmd = jobcard->add_subcommand("new", "Write an unsigned job card for a learning task");
  o.newCmd->add_option("--course", o.courseFile, "The course file")->required();
  o.newCmd->add_option("--task", o.learningTask, "The learning task id")->required();
  o.newCmd->add_option("--trainee", o.trainee, "The trainee's id")->required();
  o.newCmd->add_option("--company", o.company, "The company")->required();
  o.newCmd->add_option("--workshop", o.workshop, "The workshop")->required();
  o.newCmd->add_option("--machine", o.machine, "The real machine (model, number)")->required();
  o.newCmd->add_option("--date", o.date, "The day of the job, YYYY-MM-DD")->required();
  o.newCmd->add_option("--mentor-name", o.mentorName, "The enterprise mentor's name")->required();
  o.newCmd->add_option("--mentor-id", o.mentorId, "The mentor's staff or certificate number")
      ->required();
  o.newCmd->add_option("--item", o.items,
                       "ITEM=RATING: a mentor rubric item ticked, with its rating (repeatable)");
  o.newCmd->add_option("--remarks", o.remarks, "The mentor's remarks");
  o.newCmd->add_option("--out", o.out, "The card file to write")->required();

  o.signCmd = jobcard->add_subcommand("sign", "Sign a job card with the mentor's own key");
  o.signCmd->add_option("card", o.card, "The job card file (rewritten with the signature)")
      ->required();
  o.signCmd->add_option("--key-dir", o.keyDir,
                        "Folder of the mentor's key mentor.key, made on first use (default: "
                        "the user's config)");

  o.verifyCmd = jobcard->add_subcommand(
      "verify", "Say who signed each card, or that it is unsigned or altered (exit 0 when all "
                "count)");
  o.verifyCmd->add_option("cards", o.cards, "Job card files")->required();
  o.verifyCmd->add_option("--trusted-key", o.trustedKeys,
                          "Accept only cards signed by this mentor key (64 hex digits)");
  o.verifyCmd->add_option("--course", o.verifyCourse,
                          "Check the cards against this course file and show the mentor's part");

  o.listCmd = jobcard->add_subcommand("list", "List the job cards in a folder with their status");
  o.listCmd->add_option("dir", o.dir, "The folder")->required();
  return jobcard;
}

int runJobCard(const JobCardOptions& options, std::ostream& out, std::ostream& err) {
  try {
    if (options.newCmd != nullptr && options.newCmd->parsed()) {
      return runNew(options, out, err);
    }
    if (options.signCmd != nullptr && options.signCmd->parsed()) {
      return runSign(options, out, err);
    }
    if (options.verifyCmd != nullptr && options.verifyCmd->parsed()) {
      return runVerify(options, out, err);
    }
    if (options.listCmd != nullptr && options.listCmd->parsed()) {
      return runList(options, out, err);
    }
  } catch (const std::exception& e) {
    err << "skillsim jobcard: " << e.what() << '\n';
    return kExitFailure;
  }
  return kExitUsage;
}

} // namespace skillsim::app
