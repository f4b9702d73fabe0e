#include "skillsim/app/Cli.h"

#include "BadgeCommand.h"
#include "CertifyCommand.h"
#include "CourseCommand.h"
#include "EditSession.h"
#include "JobCardCommand.h"
#include "OperateCommand.h"
#include "ReplayCommand.h"
#include "ReportCommand.h"
#include "RunCommand.h"
#include "ValidateCommand.h"
#include "skillsim/app/ClassroomCommand.h"
#include "skillsim/app/ExamStationCommand.h"
#include "skillsim/app/ExportCommand.h"
#include "skillsim/app/QueueCommand.h"
#include "skillsim/app/VerifyCommand.h"
#include "skillsim/app/VerifyWorkerCommand.h"

#include <skillsim/core/Log.h>
#include <skillsim/core/Version.h>
#include <skillsim/physics/PhysicsInfo.h>
#include <skillsim/platform/PlatformInfo.h>
#include <skillsim/records/StoreInfo.h>
#include <skillsim/render/RenderInfo.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/ui/UiInfo.h>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <ostream>
#include <unistd.h>

namespace skillsim::app {
namespace {

constexpr const char* kUsage = "usage: skillsim [--version] [--help] <command> [options]";

} // namespace

/** `skillsim --gpu list`: every Vulkan device with its index, kind and whether it can be used. */
int listGpus(std::ostream& out, std::ostream& err) {
  auto devices = render::Renderer::listDevices();
  if (!devices) {
    err << "skillsim: " << devices.error().toString() << '\n';
    return kExitFailure;
  }
  if (devices->empty()) {
    err << "skillsim: Vulkan reports no devices; install a driver (Debian: mesa-vulkan-drivers "
           "for the software rasteriser lavapipe, or your GPU vendor's driver)\n";
    return kExitFailure;
  }
  for (std::size_t i = 0; i < devices->size(); ++i) {
    const render::DeviceCandidate& d = (*devices)[i];
    out << i << ": " << d.name << " (" << render::toString(d.type) << ")"
        << (d.suitable ? "" : " — not usable: " + d.whyNot) << '\n';
  }
  return kExitOk;
}

std::string versionText() {
  std::string text = "skillsim " + std::string(core::engineVersion()) + '\n';
  text += "build " + std::string(core::buildId()) + '\n';
  text += "bullet " + physics::bulletVersion() + ", vulkan loader " +
          render::vulkanLoaderVersion() + ", glfw " + platform::glfwVersion() + ", imgui " +
          ui::imguiVersion() + ", sqlite " + records::sqliteVersion() + ", libpq " +
          records::libpqVersion() + '\n';
  return text;
}

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return runCli(args, out, err, checkStoredAttempts, RunObserver{});
}

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           const StoredAttemptChecker& checker) {
  return runCli(args, out, err, checker, RunObserver{});
}

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           const RunObserver& observer) {
  return runCli(args, out, err, checkStoredAttempts, observer);
}

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           const StoredAttemptChecker& checker, const RunObserver& observer) {
  CLI::App cli{"SkillSim: vocational skills training simulator for industrial machines, scored "
               "against certificate standards.",
               "skillsim"};
  cli.set_help_all_flag("--help-all", "Show help for every subcommand");
  bool showVersion = false;
  std::string logLevel = "info";
  cli.add_flag("--version", showVersion, "Print the version, build id and linked libraries");
  cli.add_option("--log-level", logLevel, "trace, debug, info, warn, error, critical or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  std::string gpu;
  cli.add_option("--gpu", gpu,
                 "Vulkan device for the commands that render: an index or part of its name; "
                 "'list' prints the devices");

  ValidateOptions validate;
  CLI::App* validateCmd =
      cli.add_subcommand("validate", "Check scenario, standard and course files; print every "
                                     "problem with file:line:column and a valid scenario's hash");
  validateCmd
      ->add_option("files", validate.files,
                   "Scenario, standard or course files, or folders of them (every *.toml inside)")
      ->required();
  validateCmd->add_flag("--json", validate.json, "Print one JSON document for tools");
  validateCmd->add_option(
      "--assets", validate.assetsRoot,
      "Folder holding standards/ (default: the nearest assets/ above each file)");

  VerifyCommandOptions verify;
  CLI::App* verifyCmd = cli.add_subcommand(
      "verify", "Check signed attempt traces: signature, scenario by hash, headless "
                "re-simulation, same result (exit 0 when all match)");
  verifyCmd->add_option("traces", verify.traces,
                        ".sktrace files or folders of them; with --db, attempt ids (none: all)");
  std::string verifyDb;
  verifyCmd->add_option("--db", verifyDb,
                        "Verify stored attempts from the traces this store keeps (SQLite file "
                        "or postgresql:// URL): no trace files needed");
  verifyCmd->add_option("--scenarios", verify.scenariosDir, "Folder searched for the scenarios");
  verifyCmd->add_option("--rescore", verify.rescoreScenario,
                        "Re-score the traces under this revised scenario; old and new scores");
  verifyCmd->add_option("-j,--jobs", verify.jobs, "Parallel traces (default: every core)");
  verifyCmd->add_flag("--allow-other-build", verify.allowOtherBuild,
                      "Try traces recorded by another engine build");
  verifyCmd->add_option("--trusted-key", verify.trustedKeys,
                        "Accept only traces signed by this workstation key (64 hex digits)");
  verifyCmd->add_flag("!--no-progress", verify.progress, "No progress bar");
  verifyCmd
      ->add_option("--parent", verify.parents,
                   "The replayed trace a take-over continues: its inputs up to the "
                   "take-over tick must be the child's first ticks")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);

  VerifyWorkerOptions worker;
  CLI::App* workerCmd = cli.add_subcommand(
      "verify-worker", "Claim stored attempts needing verification, re-simulate each from its "
                       "stored trace, write the verdict once (many workers share one server)");
  workerCmd->add_option("--db", worker.db, "The results store: a postgresql:// URL")->required();
  workerCmd->add_option("-j,--jobs", worker.jobs, "Attempts verified at once (default 1)");
  workerCmd->add_option("--lease", worker.leaseS,
                        "Seconds a claim holds before another worker may take it (default 600)");
  workerCmd->add_option("--poll", worker.pollS,
                        "Seconds between looks when nothing can be claimed (default 1)");
  workerCmd->add_flag("--once", worker.once, "Verify at most one attempt (per job), then stop");
  workerCmd->add_flag("--until-empty", worker.untilEmpty,
                      "Stop when every attempt with a stored trace has a verdict");
  workerCmd->add_option("--worker-id", worker.workerId,
                        "Who signs the verdicts (default: host:pid)");
  workerCmd->add_option("--scenarios", worker.scenariosDir, "Folder searched for the scenarios");
  workerCmd->add_flag("--allow-other-build", worker.allowOtherBuild,
                      "Count traces recorded by another engine build");
  workerCmd->add_flag("--timings", worker.timings,
                      "Print mean database and re-simulation seconds per attempt at the end");

  OperateOptions operate;
  CLI::App* operateCmd = cli.add_subcommand(
      "operate", "Run a scripted operator of the scenario's machine and write its signed trace");
  operateCmd->add_option("scenario", operate.scenario, "The scenario file")->required();
  operateCmd->add_option("--profile", operate.profile,
                         "The operator profile (the machine's, e.g. competent or careless)");
  operateCmd->add_option("--out", operate.out, "The .sktrace file to write")->required();
  operateCmd->add_option("--trainee", operate.trainee,
                         "Trainee id written in the trace (default scripted-operator)");
  operateCmd->add_option("--mode", operate.mode, "practice or exam (default exam)");
  operateCmd->add_option("--start-utc", operate.startUtc,
                         "The trace's start time, s since 1970 (default 2026-01-01T00:00:00Z)");
  operateCmd->add_option("--key-dir", operate.keyDir,
                         "Folder of the scripted operator's own signing key, scripted-operator.key "
                         "(default: the user's config)");

  RunOptions run;
  CLI::App* runCmd = cli.add_subcommand(
      "run", "Take a scenario at the workstation (a window), or headless replay a recorded "
             "attempt, score it, write a report and a screenshot; the attempt is stored");
  runCmd->add_option("scenario", run.scenario,
                     "Scenario file (none, on a display: the start screen)");
  runCmd->add_option("--trainee", run.trainee,
                     "Trainee id (headless: the trace's; another is refused)");
  runCmd
      ->add_option("--mode", run.mode,
                   "practice or exam (headless: the trace's; another is refused)")
      ->check(CLI::IsMember({"practice", "exam"}));
  runCmd->add_option("--db", run.db, "Results store: SQLite file or postgresql:// URL");
  runCmd->add_option("--exam-session", run.examSession,
                     "Exam mode: the invigilated session ('skillsim session open'), read from "
                     "the results store; it must be open");
  runCmd->add_option("--lang", run.lang, "UI language: zh-CN or en (default: from the locale)");
  runCmd->add_option("--bindings", run.bindings,
                     "Input bindings file (default: assets/input/bindings.toml)");
  runCmd->add_flag("--headless", run.headless, "No display: replay --input");
  runCmd->add_option("--input", run.input, "Headless: the .sktrace to replay");
  runCmd->add_option("--screenshot", run.screenshot, "Headless: write a PNG (scene and HUD)");
  runCmd->add_option("--at", run.at, "Headless: screenshot time in s (default: the end)");
  runCmd->add_option("--report", run.report, "Headless: write the attempt as JSON");
  runCmd->add_flag("--no-store", run.noStore, "Do not record the attempt in the results store");
  runCmd->add_option("--seat", run.seat,
                     "Classroom seat name the attempt's live state is published under (a "
                     "postgresql:// store; default: the host name)");
  runCmd->add_option("--gpu", run.gpu,
                     "Vulkan device: an index or part of its name (see 'skillsim --gpu list')");
  runCmd
      ->add_option("--render-scale", run.renderScale,
                   "Scene resolution relative to the window, 0.25-1 (default: automatic, 0.5 "
                   "on a software rasteriser, else 1)")
      ->check(CLI::Range(0.25, 1.0));
  CertifyOptions certify;
  CLI::App* certifyCmd = addCertifyCommand(cli, certify);
  ReportOptions report;
  CLI::App* reportCmd = addReportCommand(cli, report);
  ExportOptions exportOptions;
  CLI::App* exportCmd = addExportCommand(cli, exportOptions);
  QueueOptions queue;
  CLI::App* queueCmd = addQueueCommand(cli, queue);
  BadgeVerifyOptions badgeVerify;
  CLI::App* badgeVerifyCmd = addBadgeCommand(cli, badgeVerify);
  StationOptions station;
  CLI::App* stationCmd = addStationCommand(cli, station);
  SessionOptions examSession;
  CLI::App* sessionCmd = addSessionCommand(cli, examSession);
  JobCardOptions jobCard;
  CLI::App* jobCardCmd = addJobCardCommand(cli, jobCard);
  CourseOptions courseOptions;
  CLI::App* courseCmd = addCourseCommand(cli, courseOptions);
  PortfolioOptions portfolio;
  CLI::App* portfolioCmd = addPortfolioCommand(cli, portfolio);
  ReplayCommandOptions replay;
  CLI::App* replayCmd = addReplayCommand(cli, replay);
  ClassroomOptions classroom;
  CLI::App* classroomCmd = addClassroomCommand(cli, classroom);
  EditCommandOptions editOptions;
  CLI::App* editCmd = addEditCommand(cli, editOptions);

  // CLI11 parses the arguments in reverse order from the back of the vector.
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    cli.parse(reversed);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
      out << cli.help();
      return kExitOk;
    }
    err << "skillsim: " << e.what() << '\n' << kUsage << "\nRun 'skillsim --help' for more.\n";
    return kExitUsage;
  }
  core::setLogLevel(logLevel);

  try {
    if (showVersion) {
      out << versionText();
      return kExitOk;
    }
    if (gpu == "list") {
      return listGpus(out, err);
    }
    if (run.gpu.empty()) {
      run.gpu = gpu; // `skillsim --gpu 1 run ...` as well as `skillsim run --gpu 1 ...`
    }
    if (validateCmd->parsed()) {
      return runValidate(validate, out, err);
    }
    if (verifyCmd->parsed()) {
      if (!verifyDb.empty()) {
        if (!verify.rescoreScenario.empty()) {
          err << "skillsim verify: --rescore works on trace files, not with --db\n";
          return kExitUsage;
        }
        return runVerifyStored(StoredVerifyOptions{verifyDb, verify.traces, verify.scenariosDir,
                                                   verify.allowOtherBuild},
                               out, err);
      }
      if (verify.traces.empty()) {
        err << "skillsim verify: name .sktrace files or folders, or --db STORE\n";
        return kExitUsage;
      }
      return runVerify(verify, out, err);
    }
    if (workerCmd->parsed()) {
      return runVerifyWorker(worker, out, err);
    }
    if (operateCmd->parsed()) {
      return runOperate(operate, out, err);
    }
    if (runCmd->parsed()) {
      run.observer = observer;
      return runRun(run, out, err);
    }
    if (certifyCmd->parsed()) {
      return runCertify(certify, out, err, checker);
    }
    if (reportCmd->parsed()) {
      return runReport(report, out, err, checker);
    }
    if (exportCmd->parsed()) {
      return runExport(exportOptions, out, err);
    }
    if (queueCmd->parsed()) {
      queue.confirmation = ::isatty(STDIN_FILENO) == 1 ? &std::cin : nullptr;
      return runQueue(queue, out, err);
    }
    if (badgeVerifyCmd->parsed()) {
      return runBadgeVerify(badgeVerify, out, err);
    }
    if (stationCmd->parsed()) {
      return runStation(station, out, err);
    }
    if (sessionCmd->parsed()) {
      return runSession(examSession, out, err);
    }
    if (jobCardCmd->parsed()) {
      return runJobCard(jobCard, out, err);
    }
    if (courseCmd->parsed()) {
      courseOptions.observer = observer;
      return runCourse(courseOptions, out, err);
    }
    if (portfolioCmd->parsed()) {
      return runPortfolio(portfolio, out, err);
    }
    if (replayCmd->parsed()) {
      replay.observer = observer;
      return runReplay(replay, out, err);
    }
    if (classroomCmd->parsed()) {
      return runClassroom(classroom, out, err);
    }
    if (editCmd->parsed()) {
      return runEdit(editOptions, observer, out, err);
    }
    if (cli.get_subcommands().empty()) {
      out << kUsage << '\n' << "Run 'skillsim --help' for the commands.\n";
      return kExitOk;
    }
  } catch (const std::exception& e) {
    // No exception crosses a module boundary; this is the last line of defence.
    err << "skillsim: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
  return kExitOk;
}

} // namespace skillsim::app
