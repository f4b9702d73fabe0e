#pragma once

#include "skillsim/app/StoredAttemptCheck.h"

#include <iosfwd>
#include <string>

namespace CLI {
class App;
} // namespace CLI

namespace skillsim::app {

/** Options of `skillsim certify`. */
struct CertifyOptions {
  std::string traineeId;
  std::string certificateId;
  std::string theoryScores;                            ///< CSV file; empty: no theory score.
  std::string db;                                      ///< Store path or URL; empty: default.
  std::string certificatesDir = "assets/certificates"; ///< Where `<id>.toml` rules are.
  std::string date;           ///< Decision date `YYYY-MM-DD`; empty: today (UTC).
  std::string badgeOut;       ///< Write the signed credential (JWT) here (awarded only).
  std::string badgeJsonOut;   ///< Write the unsigned credential (JSON) here (awarded only).
  std::string issuerKeyDir;   ///< Folder of issuer.key; empty: records::defaultConfigDir().
  std::string xapiOut;        ///< Write the decision's xAPI statements here.
  std::string lang = "zh-CN"; ///< Language of the credential: zh-CN or en.
  bool noRecord = false;      ///< Do not record the decision in the store.
  TraceSearchOptions traces;  ///< Where the attempts' traces and scenarios are (--traces …).
};

/** Registers `certify` and its options on `cli`; returns the subcommand. */
CLI::App* addCertifyCommand(CLI::App& cli, CertifyOptions& options);

/**
 * `skillsim certify --trainee ID --certificate ID [--theory-scores FILE.csv] [--db ...]
 * [--traces DIR]... [--scenarios DIR]`: loads the certificate rule, the trainee's attempts from
 * the results store and the theory score; re-verifies the exam attempts at the rule's scenarios
 * with `checker` (checkStoredAttempts: each attempt's trace found by hash under the trace folders
 * and re-simulated, in parallel, with a progress bar on a terminal) and prints one line per
 * attempt that does not verify; evaluates the rule (certify::evaluateCertificate) with only
 * the verified attempts counting, prints the decision with its reasons item by item, records it
 * in the store (table certificate_decisions) and optionally writes the Open Badges credential
 * (signed as a JWT with the issuer key `issuer.key`, created on first use; or unsigned JSON) and
 * xAPI statements. Returns kExitOk when awarded or pending a panel review, kExitFailure when not
 * awarded or on an error (printed on `err`). Never throws.
 */
int runCertify(const CertifyOptions& options, std::ostream& out, std::ostream& err,
               const StoredAttemptChecker& checker = checkStoredAttempts);

} // namespace skillsim::app
