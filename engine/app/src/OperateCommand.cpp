#include "OperateCommand.h"

#include "Session.h"
#include "skillsim/app/AssetsFolder.h"

#include "skillsim/app/Cli.h"
#include "skillsim/app/ScorePrinter.h"

#include <skillsim/operator/OperatorRun.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <ostream>

namespace skillsim::app {

int runOperate(const OperateOptions& options, std::ostream& out, std::ostream& err) {
  // Found by a new user: an empty id was stored (an xAPI actor named ""), a negative start 1969.
  if (options.trainee.empty() ||
      std::all_of(options.trainee.begin(), options.trainee.end(),
                  [](unsigned char c) { return std::isspace(c) != 0; })) {
    err << "skillsim operate: --trainee is empty: give the trainee's id (or leave the option out "
           "for scripted-operator)\n";
    return kExitUsage;
  }
  if (options.startUtc < 0) {
    err << "skillsim operate: --start-utc " << options.startUtc
        << ": expected seconds since 1970-01-01T00:00:00Z, 0 or more\n";
    return kExitUsage;
  }
  const auto mode = records::attemptModeFromName(options.mode);
  if (!mode) {
    err << "skillsim operate: --mode is practice or exam\n";
    return kExitUsage;
  }
  auto scenario = scenario::loadScenario(options.scenario, commandLineLoadOptions());
  if (!scenario) {
    err << scenario.error().toString() << '\n';
    return kExitFailure;
  }
  // The machine's operators come from the registry: this command names no machine.
  const auto registry = op::OperatorRegistry::builtIn();
  const auto profiles = registry.profiles(op::OperatorRegistry::machineKind(*scenario));
  if (std::find(profiles.begin(), profiles.end(), options.profile) == profiles.end()) {
    err << "skillsim operate: --profile is one of";
    for (const auto& p : profiles) {
      err << ' ' << p;
    }
    err << (profiles.empty() ? " nothing: no scripted operator for the machine '" +
                                   op::OperatorRegistry::machineKind(*scenario) + "'"
                             : std::string())
        << '\n';
    return kExitUsage;
  }
  auto run = op::runOperator(*scenario, options.profile, registry);
  if (!run) {
    err << run.error().toString() << '\n';
    return kExitFailure;
  }
  if (run->failure) {
    err << "skillsim operate: the scripted operator got stuck: " << *run->failure << '\n';
    return kExitFailure;
  }
  // The scripted operator signs with a key of its own, never the workstation's, and its header
  // says "scripted": such a trace can never count as an exam attempt (issue 13, point 13).
  auto key = records::WorkstationKey::loadOrCreate(
      options.keyDir.empty() ? records::defaultConfigDir() : std::filesystem::path(options.keyDir),
      records::WorkstationKey::kOperatorFileName);
  if (!key) {
    err << key.error().toString() << '\n';
    return kExitFailure;
  }
  // By default 2026-01-01T00:00:00Z: reference traces carry no wall clock.
  records::TraceHeader header =
      makeTraceHeader(*scenario, options.trainee, *mode, options.startUtc);
  header.scripted = true;
  auto writer = records::TraceWriter::create(options.out, header, *key);
  if (!writer) {
    err << writer.error().toString() << '\n';
    return kExitFailure;
  }
  for (const auto& actions : run->actions) {
    if (auto ok = writer->append(actions); !ok) {
      err << ok.error().toString() << '\n';
      return kExitFailure;
    }
  }
  if (auto ok = writer->finish(run->result); !ok) {
    err << ok.error().toString() << '\n';
    return kExitFailure;
  }
  // The scripted operator's run is printed in English (it has no --lang).
  std::optional<messages::MessageTemplates> templates;
  if (const auto assets = findAssetsFolder(options.scenario)) {
    if (auto loaded = messages::MessageTemplates::load(*assets, "en"); loaded) {
      templates = std::move(*loaded);
    }
  }
  printItemisedScore(
      run->result, out,
      ScoreText{templates ? &*templates : nullptr,
                messages::makeContext(scenario->machine ? &*scenario->machine : nullptr,
                                      scenario->labels),
                &scenario->standard});
  out << "trace: " << options.out << " (" << run->actions.size() << " ticks)\n";
  return kExitOk;
}

} // namespace skillsim::app
