#include "BadgeCommand.h"

#include "skillsim/app/Cli.h"

#include <skillsim/certify/CertificateDate.h>
#include <skillsim/certify/SignedCredential.h>

#include <CLI/CLI.hpp>

#include <chrono>
#include <fstream>
#include <ostream>
#include <sstream>

namespace skillsim::app {

CLI::App* addBadgeCommand(CLI::App& cli, BadgeVerifyOptions& options) {
  CLI::App* badge = cli.add_subcommand("badge", "Signed Open Badges 3.0 credentials");
  badge->require_subcommand(1);
  CLI::App* verify = badge->add_subcommand(
      "verify", "Check a signed credential offline: signature, issuer key, dates and shape");
  verify->add_option("file", options.file, "The credential (a .jwt as certify --badge writes)")
      ->required();
  verify->add_option("--issuer", options.trustedIssuer,
                     "Accept only this issuer (its did:key, as certify prints it)");
  verify->add_option("--at", options.at, "Check the dates on this day YYYY-MM-DD (default: now)");
  return verify;
}

int runBadgeVerify(const BadgeVerifyOptions& options, std::ostream& out, std::ostream& err) {
  try {
    std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    if (!options.at.empty()) {
      auto date = certify::parseCertificateDate(options.at);
      if (!date || options.at.size() != 10) {
        err << "skillsim badge verify: --at " << options.at
            << ": expected a date YYYY-MM-DD that exists\n";
        return kExitUsage;
      }
      const std::chrono::year_month_day ymd{std::chrono::year{date->year},
                                            std::chrono::month{date->month},
                                            std::chrono::day{date->day}};
      now =
          static_cast<std::int64_t>(std::chrono::sys_days{ymd}.time_since_epoch().count()) * 86400;
    }
    std::ifstream file(options.file, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    if (!file) {
      err << "skillsim badge verify: " << options.file << ": cannot read the file\n";
      return kExitFailure;
    }
    auto verified = certify::verifyOpenBadgeJwt(text.str(), now, options.trustedIssuer);
    if (!verified) {
      err << "skillsim badge verify: " << options.file << ": " << verified.error().message << '\n';
      return kExitFailure;
    }
    out << options.file << ": valid credential '" << verified->name << "' for trainee "
        << verified->traineeId << "\n  issued by " << verified->issuerName << " ("
        << verified->issuer << ")\n  valid from " << verified->validFrom.substr(0, 10)
        << (verified->validUntil ? " until " + verified->validUntil->substr(0, 10)
                                 : std::string(", no end date"))
        << "\n  id " << verified->credentialId << '\n';
    return kExitOk;
  } catch (const std::exception& e) {
    err << "skillsim badge verify: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
}

} // namespace skillsim::app
