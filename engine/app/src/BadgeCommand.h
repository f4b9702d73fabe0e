#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
} // namespace CLI

namespace skillsim::app {

/** Options of `skillsim badge verify`. */
struct BadgeVerifyOptions {
  std::string file;          ///< The signed credential (compact JWS, as `certify --badge` writes).
  std::string trustedIssuer; ///< Required issuer did:key; empty: any key the credential names.
  std::string at;            ///< Check the dates at this day `YYYY-MM-DD`; empty: now (UTC).
};

/** Registers `badge` with its `verify` subcommand on `cli`; returns the `verify` subcommand. */
CLI::App* addBadgeCommand(CLI::App& cli, BadgeVerifyOptions& options);

/**
 * `skillsim badge verify FILE [--issuer DID] [--at YYYY-MM-DD]`: verifies a signed Open Badges
 * 3.0 credential offline (certify::verifyOpenBadgeJwt: signature, issuer key, Open Badges shape,
 * validFrom/validUntil and nbf/exp) and prints what it states. Returns kExitOk when it verifies,
 * kExitFailure with the reason on `err` otherwise, kExitUsage for a bad --at. Never throws.
 */
int runBadgeVerify(const BadgeVerifyOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
