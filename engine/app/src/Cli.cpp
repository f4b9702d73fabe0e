#include "skillsim/app/Cli.h"

#include "ValidateCommand.h"
#include "skillsim/app/VerifyCommand.h"

#include <skillsim/core/Log.h>
#include <skillsim/core/Version.h>
#include <skillsim/physics/PhysicsInfo.h>
#include <skillsim/platform/PlatformInfo.h>
#include <skillsim/records/StoreInfo.h>
#include <skillsim/render/RenderInfo.h>
#include <skillsim/ui/UiInfo.h>

#include <CLI/CLI.hpp>

#include <exception>
#include <ostream>

namespace skillsim::app {
namespace {

constexpr const char* kUsage = "usage: skillsim [--version] [--help] <command> [options]";

} // namespace

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
  CLI::App cli{"SkillSim: vocational skills training simulator (overhead crane, forklift, "
               "industrial robot), scored against certificate standards.",
               "skillsim"};
  cli.set_help_all_flag("--help-all", "Show help for every subcommand");
  bool showVersion = false;
  std::string logLevel = "info";
  cli.add_flag("--version", showVersion, "Print the version, build id and linked libraries");
  cli.add_option("--log-level", logLevel, "trace, debug, info, warn, error, critical or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}));

  ValidateOptions validate;
  CLI::App* validateCmd =
      cli.add_subcommand("validate", "Check scenario and standard files; print every problem "
                                     "with file:line:column and a valid scenario's hash");
  validateCmd->add_option("files", validate.files, "Scenario or standard files")->required();
  validateCmd->add_flag("--json", validate.json, "Print one JSON document for tools");
  validateCmd->add_option(
      "--assets", validate.assetsRoot,
      "Folder holding standards/ (default: the nearest assets/ above each file)");

  VerifyCommandOptions verify;
  CLI::App* verifyCmd = cli.add_subcommand(
      "verify", "Check signed attempt traces: signature, scenario by hash, headless "
                "re-simulation, same result (exit 0 when all match)");
  verifyCmd->add_option("traces", verify.traces, ".sktrace files or folders of them")->required();
  verifyCmd->add_option("--scenarios", verify.scenariosDir, "Folder searched for the scenarios");
  verifyCmd->add_option("--rescore", verify.rescoreScenario,
                        "Re-score the traces under this revised scenario; old and new scores");
  verifyCmd->add_option("-j,--jobs", verify.jobs, "Parallel traces (default: every core)");
  verifyCmd->add_flag("--allow-other-build", verify.allowOtherBuild,
                      "Try traces recorded by another engine build");
  verifyCmd->add_option("--trusted-key", verify.trustedKeys,
                        "Accept only traces signed by this workstation key (64 hex digits)");
  verifyCmd->add_flag("!--no-progress", verify.progress, "No progress bar");

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
    if (validateCmd->parsed()) {
      return runValidate(validate, out, err);
    }
    if (verifyCmd->parsed()) {
      return runVerify(verify, out, err);
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
