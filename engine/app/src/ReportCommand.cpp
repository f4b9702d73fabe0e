#include "ReportCommand.h"

#include "ProgressBar.h"
#include "TraceSearchCli.h"

#include "skillsim/app/AssetsFolder.h"
#include "skillsim/app/Cli.h"

#include <skillsim/certify/CertificateDecisionStore.h>
#include <skillsim/core/Log.h>
#include <skillsim/course/CourseLoader.h>
#include <skillsim/course/CourseRecordStore.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/report/ReportClassList.h>
#include <skillsim/report/ReportCourseTable.h>
#include <skillsim/report/ReportFromResult.h>
#include <skillsim/report/ReportScenarioOverlay.h>
#include <skillsim/report/ReportWriter.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <CLI/CLI.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>

namespace skillsim::app {
namespace {

std::string decisionText(const certify::StoredCertificateDecision& d) {
  std::string text = d.certificateId + (d.level.empty() ? "" : " " + d.level) + ": " + d.outcome +
                     " (" + d.decidedOn;
  if (!d.validUntil.empty()) {
    text += " – " + d.validUntil;
  }
  return text + ")";
}

/**
 * The valid scenarios under `dir` by their hash (hex), so that an attempt is drawn over the zones
 * of exactly the scenario version it was made in. Files that are not valid scenarios are skipped.
 */
std::map<std::string, scenario::Scenario> scenariosByHash(const std::string& dir) {
  std::map<std::string, scenario::Scenario> found;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    core::logger().info("report: no scenario folder {}; the ground plan shows no zones", dir);
    return found;
  }
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().extension() != ".toml") {
      continue;
    }
    auto loaded = scenario::loadScenario(it->path());
    if (loaded) {
      found.emplace(core::toHex(loaded->hash), std::move(*loaded));
    }
  }
  return found;
}

int report(const ReportOptions& options, std::ostream& out, std::ostream& err,
           const StoredAttemptChecker& checker) {
  auto fail = [&](const core::Error& error) {
    err << "skillsim report: " << error.toString() << '\n';
    return kExitFailure;
  };
  if (options.traineeId.empty() == options.classFile.empty()) {
    err << "skillsim report: give exactly one of --trainee ID and --class FILE\n";
    return kExitUsage;
  }
  std::vector<report::ReportClassMember> members;
  if (!options.classFile.empty()) {
    auto list = report::loadReportClassList(options.classFile);
    if (!list) {
      return fail(list.error());
    }
    members = std::move(*list);
  } else {
    members.push_back({options.traineeId, ""});
  }

  const std::string location =
      options.db.empty() ? records::defaultStorePath().string() : options.db;
  auto store = records::ResultsStore::open(location);
  if (!store) {
    return fail(store.error());
  }
  auto decisions = certify::CertificateDecisionStore::open(location);
  if (!decisions) {
    return fail(decisions.error());
  }

  std::optional<course::Course> courseLoaded;
  std::unique_ptr<course::CourseRecordStore> courseStore;
  if (!options.courseFile.empty()) {
    course::CourseReport loaded = course::loadCourse(options.courseFile);
    if (!loaded.valid()) {
      for (const core::Error& p : loaded.problems) {
        err << "skillsim report: " << p.toString() << '\n';
      }
      return kExitFailure;
    }
    courseLoaded = std::move(*loaded.course);
    auto opened = course::CourseRecordStore::open(location);
    if (!opened) {
      return fail(opened.error());
    }
    courseStore = std::move(*opened);
  }

  const std::map<std::string, scenario::Scenario> scenarios =
      scenariosByHash(options.traces.scenariosDir);
  // Deduction texts in the report's language, from the templates the HUD uses.
  const std::string templatesTag = options.lang == "en" ? "en" : "zh-CN";
  const auto assetsDir = findAssetsFolder(options.traces.scenariosDir);
  auto templates =
      assetsDir
          ? messages::MessageTemplates::load(*assetsDir, templatesTag)
          : core::Expected<messages::MessageTemplates>(core::makeError(
                core::ErrorCode::NotFound,
                describeAssetsSearch(options.traces.scenariosDir, AssetsSearch::fromProcess())));
  if (!templates) {
    return fail(templates.error());
  }
  report::ReportDocument document;
  document.language = options.lang;
  document.title = options.title;
  document.subtitle = options.classFile.empty() ? options.traineeId : options.classFile;
  if (courseLoaded) {
    report::ReportCourseTable table;
    table.courseId = courseLoaded->id;
    table.title = courseLoaded->title;
    for (const course::LearningTask& t : courseLoaded->learningTasks) {
      table.tasks.emplace_back(t.id, t.title);
    }
    document.course = std::move(table);
  }

  // Every member's attempts first, so that all traces are re-simulated in one parallel pass.
  std::vector<records::AttemptRecord> all;
  std::vector<std::size_t> firstOf;
  for (const report::ReportClassMember& member : members) {
    auto stored = (*store)->attempts(records::AttemptQuery{member.traineeId, ""});
    if (!stored) {
      return fail(stored.error());
    }
    firstOf.push_back(all.size());
    all.insert(all.end(), stored->begin(), stored->end());
  }
  firstOf.push_back(all.size());
  TraceSearchOptions search = options.traces;
  search.collectMotion = true;
  ProgressBar bar(err, stderrIsTerminal(err) && all.size() > 1);
  auto checks =
      checker(all, search, [&bar](std::size_t done, std::size_t total) { bar(done, total); });
  if (!checks) {
    return fail(checks.error());
  }
  if (checks->size() != all.size()) {
    err << "skillsim report: internal error: " << checks->size() << " checks for " << all.size()
        << " attempts\n";
    return kExitFailure;
  }

  for (std::size_t m = 0; m < members.size(); ++m) {
    const report::ReportClassMember& member = members[m];
    std::vector<report::ReportAttempt> mine;
    for (std::size_t i = firstOf[m]; i < firstOf[m + 1]; ++i) {
      const records::AttemptRecord& record = all[i];
      const StoredAttemptCheck& check = (*checks)[i];
      report::ReportAttempt attempt = report::reportAttemptFromRecord(record, options.lang);
      attempt.verified = check.verified; // the re-verification, never the store's flag
      if (!check.verified) {
        attempt.verificationNote = check.note;
      }
      auto s = scenarios.find(record.scenario.hash);
      report::writeDeductionTexts(attempt, record.result, *templates,
                                  s != scenarios.end() ? &s->second : nullptr);
      if (s != scenarios.end()) {
        attempt.zones = report::reportZones(s->second, options.lang != "en");
      }
      if (s != scenarios.end()) {
        // The machine's plotted readouts; their samples and bands when the trace re-simulated.
        attempt.series =
            check.motion ? report::reportSeries(s->second, options.lang, check.motion->phaseTimes,
                                                check.motion->duration)
                         : report::reportSeries(s->second, options.lang, {}, 0.0);
        if (check.motion) {
          attempt.samples = check.motion->samples;
        }
      }
      if (!member.name.empty()) {
        attempt.traineeName = member.name;
      }
      mine.push_back(std::move(attempt));
    }
    std::vector<report::ReportRosterRow> rows = report::makeReportRoster(mine);
    report::ReportRosterRow row =
        rows.empty() ? report::ReportRosterRow{member.traineeId, member.name} : rows.front();
    auto made = (*decisions)->decisions(member.traineeId);
    if (!made) {
      return fail(made.error());
    }
    if (!made->empty()) {
      row.certificate = decisionText(made->back());
    }
    document.roster.push_back(std::move(row));
    if (courseLoaded) {
      std::map<std::string, course::TaskRecords> stored;
      for (const course::LearningTask& t : courseLoaded->learningTasks) {
        auto r = courseStore->records({member.traineeId, courseLoaded->id, t.id});
        if (!r) {
          return fail(r.error());
        }
        stored.emplace(t.id, std::move(*r));
      }
      const std::vector<records::AttemptRecord> attemptsOf(all.begin() + firstOf[m],
                                                           all.begin() + firstOf[m + 1]);
      document.course->rows.push_back(report::makeReportCourseRow(*courseLoaded, member.traineeId,
                                                                  member.name, stored, attemptsOf));
    }
    for (report::ReportAttempt& attempt : mine) {
      document.attempts.push_back(std::move(attempt));
    }
  }

  const bool showProgress =
      isatty(STDERR_FILENO) != 0 && document.attempts.size() >= kReportProgressThreshold;
  report::ReportProgress progress;
  if (showProgress) {
    progress = [&err](std::size_t done, std::size_t total) {
      err << '\r' << report::formatReportProgressBar(done, total) << std::flush;
      if (done == total) {
        err << '\n';
      }
    };
  }
  auto html = report::writeHtmlReport(document, progress);
  if (!html) {
    return fail(html.error());
  }
  std::ofstream file(options.out, std::ios::binary | std::ios::trunc);
  file << *html;
  file.close();
  if (!file) {
    err << "skillsim report: " << options.out << ": cannot write the file\n";
    return kExitFailure;
  }
  out << "wrote " << options.out << ": " << document.roster.size() << " trainee(s), "
      << document.attempts.size() << " attempt(s)\n";
  return kExitOk;
}

} // namespace

CLI::App* addReportCommand(CLI::App& cli, ReportOptions& options) {
  CLI::App* cmd = cli.add_subcommand(
      "report", "Write one self-contained HTML report (SVG plots, class roster) of a trainee's "
                "or a class's attempts");
  auto* trainee = cmd->add_option("--trainee", options.traineeId, "One trainee's id");
  auto* klass =
      cmd->add_option("--class", options.classFile, "Class list: one ID or ID,NAME per line");
  trainee->excludes(klass);
  cmd->add_option("--db", options.db,
                  "Results store: SQLite file or postgresql:// URL (default: the user's store)");
  cmd->add_option("--out", options.out, "The HTML file to write")->required();
  cmd->add_option("--lang", options.lang, "zh-CN or en")->check(CLI::IsMember({"zh-CN", "en"}));
  cmd->add_option("--title", options.title, "Report title");
  cmd->add_option(
      "--course", options.courseFile,
      "Course file: add each trainee's learning tasks done, open and locked and scores");
  addTraceSearchOptions(cmd, options.traces);
  return cmd;
}

int runReport(const ReportOptions& options, std::ostream& out, std::ostream& err,
              const StoredAttemptChecker& checker) {
  try {
    return report(options, out, err, checker);
  } catch (const std::exception& e) {
    err << "skillsim report: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
}

} // namespace skillsim::app
