#include "skillsim/app/ExportCommand.h"

#include "ProgressBar.h"
#include "TraceSearchCli.h"

#include "skillsim/app/AssetsFolder.h"
#include "skillsim/app/Cli.h"

#include <skillsim/certify/CertificateDate.h>
#include <skillsim/export/CsvExport.h>
#include <skillsim/export/XapiExport.h>
#include <skillsim/messages/FindingText.h>
#include <skillsim/messages/MessageTemplates.h>
#include <skillsim/records/ResultJson.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/report/ReportClassList.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>
#include <tuple>
#include <utility>

namespace skillsim::app {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

int exportAttempts(const ExportOptions& options, std::ostream& out, std::ostream& err) {
  auto fail = [&](const core::Error& error) {
    err << "skillsim export: " << error.toString() << '\n';
    return kExitFailure;
  };
  if (!options.traineeId.empty() && !options.classFile.empty()) {
    err << "skillsim export: give one of --trainee ID and --class FILE, not both\n";
    return kExitUsage;
  }
  // --out over the store or the class list would destroy what it reads (found by a new user:
  // `--out` equal to `--db` replaced the results store with the CSV).
  for (const auto& [name, input] :
       {std::pair{"--db", &options.db}, std::pair{"--class", &options.classFile}}) {
    std::error_code same;
    if (!input->empty() && !options.out.empty() &&
        (*input == options.out || std::filesystem::equivalent(*input, options.out, same))) {
      err << "skillsim export: --out " << options.out << " is the " << name
          << " file it reads from; nothing was written (give another file name)\n";
      return kExitUsage;
    }
  }
  std::optional<std::int64_t> from;
  std::optional<std::int64_t> toExclusive;
  for (const auto& [name, text, bound] : {std::tuple{"--from", &options.from, &from},
                                          std::tuple{"--to", &options.to, &toExclusive}}) {
    if (text->empty()) {
      continue;
    }
    *bound = startOfUtcDay(*text);
    if (!*bound) {
      err << "skillsim export: " << name << " '" << *text
          << "': expected a day that exists, written YYYY-MM-DD (e.g. 2026-11-30)\n";
      return kExitUsage;
    }
  }
  if (toExclusive) {
    *toExclusive += kSecondsPerDay; // --to names the last day included
  }
  if (from && toExclusive && *from >= *toExclusive) {
    err << "skillsim export: --from " << options.from << " is after --to " << options.to << '\n';
    return kExitUsage;
  }

  std::vector<report::ReportClassMember> members;
  if (!options.classFile.empty()) {
    auto list = report::loadReportClassList(options.classFile);
    if (!list) {
      return fail(list.error());
    }
    members = std::move(*list);
  } else if (!options.traineeId.empty()) {
    members.push_back({options.traineeId, ""});
  }

  // Opening an SQLite path creates a store; a mistyped path would then export nothing, silently.
  std::error_code ec;
  if (!records::ResultsStore::isPostgresUrl(options.db) && options.db.rfind("file:", 0) != 0 &&
      !std::filesystem::is_regular_file(options.db, ec)) {
    err << "skillsim export: " << options.db
        << ": no results store there (give the SQLite file the workstations record into, or a "
           "postgresql:// URL)\n";
    return kExitFailure;
  }
  auto store = records::ResultsStore::open(options.db);
  if (!store) {
    return fail(store.error());
  }

  std::vector<records::AttemptRecord> attempts;
  std::set<std::string> trainees;
  auto keep = [&](records::AttemptRecord&& record, const std::string& name) {
    if ((from && record.startUtc < *from) || (toExclusive && record.startUtc >= *toExclusive)) {
      return;
    }
    if (record.traineeName.empty()) {
      record.traineeName = name;
    }
    trainees.insert(record.traineeId);
    attempts.push_back(std::move(record));
  };
  if (members.empty()) {
    auto stored = (*store)->attempts();
    if (!stored) {
      return fail(stored.error());
    }
    for (records::AttemptRecord& record : *stored) {
      keep(std::move(record), "");
    }
  }
  std::vector<std::string> without; ///< Named trainees with no attempt exported (a typo?).
  for (const report::ReportClassMember& member : members) {
    auto stored = (*store)->attempts(records::AttemptQuery{member.traineeId, ""});
    if (!stored) {
      return fail(stored.error());
    }
    const std::size_t before = attempts.size();
    for (records::AttemptRecord& record : *stored) {
      keep(std::move(record), member.name);
    }
    if (attempts.size() == before) {
      without.push_back(member.traineeId);
    }
  }
  // A mistyped trainee ID exports an empty file: say so, naming them (found by a new user).
  if (!without.empty()) {
    const bool dated = from || toExclusive;
    err << "skillsim export: note: no attempts" << (dated ? " in the dates given" : "") << " for ";
    if (without.size() == members.size() && members.size() == 1) {
      err << "trainee " << without.front();
    } else {
      err << without.size() << " of the " << members.size() << " trainees: ";
      for (std::size_t i = 0; i < without.size() && i < 10; ++i) {
        err << (i == 0 ? "" : ", ") << without[i];
      }
      if (without.size() > 10) {
        err << ", …";
      }
    }
    err << " in " << options.db << " (check the ID" << (dated ? " and --from/--to" : "") << ")\n";
  }

  ProgressBar bar(err, stderrIsTerminal(err) && attempts.size() >= kExportProgressThreshold,
                  "attempts");
  auto progress = [&bar](std::size_t done, std::size_t total) { bar(done, total); };
  std::string text;
  if (options.format == "csv") {
    exporting::CsvOptions csv;
    csv.itemColumns = true;
    csv.progress = progress;
    text = exporting::attemptsToCsv(attempts, csv);
  } else if (options.format == "json") {
    text = records::attemptsToJson(attempts, 2, progress);
  } else {
    exporting::XapiOptions xapi;
    std::optional<messages::MessageTemplates> english;
    // The exported attempts' scenarios, for the machine's labels and the display names in the
    // deduction texts ("load swing", "circle B", not load_swing_angle, circle_b; found by a new
    // user). Kept alive here: a context points into its scenario's machine declaration.
    std::map<std::string, scenario::Scenario> scenarios;
    if (auto assets = findAssetsFolder("")) {
      if (auto loaded = messages::MessageTemplates::load(*assets, "en")) {
        english = std::move(*loaded);
        xapi.text.english = &*english;
      }
      std::set<std::string> wanted;
      for (const records::AttemptRecord& a : attempts) {
        wanted.insert(a.scenario.id);
      }
      const std::filesystem::path dir = assets->parent_path() / "scenarios";
      std::error_code ec;
      for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->path().extension() != ".toml" || scenarios.size() == wanted.size()) {
          continue;
        }
        auto found = scenario::loadScenario(it->path());
        if (found && wanted.contains(found->id) && !scenarios.contains(found->id)) {
          scenarios.emplace(found->id, std::move(*found));
        }
      }
      for (const auto& [id, s] : scenarios) {
        xapi.text.contexts.emplace(
            id, messages::makeContext(s.machine ? &*s.machine : nullptr, s.labels));
      }
    }
    xapi.progress = progress;
    text = exporting::attemptsToXapi(attempts, xapi);
  }

  std::ofstream file(options.out, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    err << "skillsim export: " << options.out << ": cannot write the file\n";
    return kExitFailure;
  }
  out << "wrote " << options.out << ": " << attempts.size() << " attempt(s) of " << trainees.size()
      << " trainee(s)\n";
  return kExitOk;
}

} // namespace

std::optional<std::int64_t> startOfUtcDay(std::string_view date) {
  if (date.size() != 10) {
    return std::nullopt;
  }
  auto day = certify::parseCertificateDate(date);
  if (!day) {
    return std::nullopt;
  }
  // H. Hinnant, days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
  const std::int64_t y = day->year - (day->month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t m = day->month;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day->day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (era * 146097 + doe - 719468) * kSecondsPerDay;
}

CLI::App* addExportCommand(CLI::App& cli, ExportOptions& options) {
  CLI::App* cmd = cli.add_subcommand(
      "export", "Write a trainee's or a class's attempts from the results store as CSV (one row "
                "per attempt, item scores as columns), JSON or xAPI statements");
  cmd->add_option("--db", options.db, "Results store: SQLite file or postgresql:// URL")
      ->required();
  auto* trainee = cmd->add_option("--trainee", options.traineeId, "One trainee's id");
  auto* klass =
      cmd->add_option("--class", options.classFile, "Class list: one ID or ID,NAME per line");
  trainee->excludes(klass);
  cmd->add_option("--from", options.from, "First day included, YYYY-MM-DD (UTC)");
  cmd->add_option("--to", options.to, "Last day included, YYYY-MM-DD (UTC)");
  cmd->add_option("--format", options.format, "csv, json or xapi")
      ->required()
      ->check(CLI::IsMember({"csv", "json", "xapi"}));
  cmd->add_option("--out", options.out, "The file to write")->required();
  return cmd;
}

int runExport(const ExportOptions& options, std::ostream& out, std::ostream& err) {
  try {
    return exportAttempts(options, out, err);
  } catch (const std::exception& e) {
    err << "skillsim export: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
}

} // namespace skillsim::app
