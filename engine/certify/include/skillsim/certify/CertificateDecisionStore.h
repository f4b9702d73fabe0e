#pragma once

#include "skillsim/certify/CertificateDecision.h"

#include <skillsim/core/Expected.h>
#include <skillsim/records/ResultsStore.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::certify {

/** A certificate decision as the store keeps it (table `certificate_decisions`). */
struct StoredCertificateDecision {
  std::string decisionId; ///< UUID derived from certificate, level, trainee and date.
  std::string certificateId;
  std::string level;
  std::string traineeId;
  std::string decidedOn;                    ///< `YYYY-MM-DD`.
  std::string outcome;                      ///< toString(CertificateOutcome).
  std::optional<double> weightedPercent;    ///< nullopt when not every part had a score.
  std::string validUntil;                   ///< `YYYY-MM-DD`, or empty.
  std::vector<std::string> countedAttempts; ///< Attempt ids that counted.
  std::vector<std::string> reasons;         ///< The decision's reasons, in order.

  friend bool operator==(const StoredCertificateDecision&,
                         const StoredCertificateDecision&) = default;
};

/**
 * Certificate decisions kept in the results store's database (SQLite file or PostgreSQL URL, as
 * records::ResultsStore::open takes them), in a table of their own: `certificate_decisions`,
 * versioned by its own `certificate_decisions_schema` table so that it never interferes with the
 * results store's schema_version and migrations (docs/certificate-format.md). One decision per
 * certificate, level, trainee and day: deciding again on the same day replaces it.
 *
 * Errors: as ResultsStore (Unavailable when the database cannot be reached or written now; Io
 * otherwise; Unsupported when the table's schema is newer than this build).
 */
class CertificateDecisionStore {
public:
  /** Opens the database at `location` and creates the table when missing. */
  [[nodiscard]] static core::Expected<std::unique_ptr<CertificateDecisionStore>>
  open(const std::string& location, const records::StoreOptions& options = {});

  ~CertificateDecisionStore();
  CertificateDecisionStore(const CertificateDecisionStore&) = delete;
  CertificateDecisionStore& operator=(const CertificateDecisionStore&) = delete;

  /** Writes (or replaces) a decision in one transaction; returns its decision id. */
  core::Expected<std::string> record(const CertificateDecision& decision);

  /** The decisions about `traineeId`, oldest first (by date, then certificate). */
  [[nodiscard]] core::Expected<std::vector<StoredCertificateDecision>>
  decisions(const std::string& traineeId);

private:
  class Impl;
  explicit CertificateDecisionStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> mImpl;
};

} // namespace skillsim::certify
