#pragma once

#include "skillsim/records/SqlConnection.h"

#include "skillsim/records/ResultsStore.h"

#include <memory>

namespace skillsim::records {

/**
 * The results store over any SqlConnection: schema migrations, one transaction per attempt, and
 * reading attempts back. The SQL is the common subset of SQLite and PostgreSQL, so both backends
 * run the very same statements (docs/results-store.md).
 */
class SqlResultsStore final : public ResultsStore {
public:
  /** Takes the connection, migrates to `options.schemaVersion`. */
  static core::Expected<std::unique_ptr<SqlResultsStore>>
  create(std::unique_ptr<SqlConnection> connection, const StoreOptions& options);

  [[nodiscard]] std::string_view backend() const override { return mDb->backend(); }
  core::Expected<int> schemaVersion() override;
  core::Expected<bool> recordAttempt(const AttemptRecord& record) override;
  core::Expected<std::vector<AttemptRecord>> attempts(const AttemptQuery& query) override;
  core::Expected<std::optional<std::string>> attemptTrace(const std::string& attemptId) override;
  core::Expected<std::optional<VerificationClaim>> claimVerification(const std::string& workerId,
                                                                     double leaseS) override;
  core::Expected<bool> recordVerdict(const VerificationVerdict& verdict) override;
  core::Expected<std::vector<VerificationVerdict>> verdicts() override;
  core::Expected<std::vector<std::tuple<std::string, std::int64_t, std::string>>>
  verificationClaims() override;
  core::Expected<VerificationBacklog> verificationBacklog() override;
  core::Expected<bool> recordAbandoned(const AbandonedAttempt& attempt) override;
  core::Expected<std::vector<AbandonedAttempt>>
  abandonedAttempts(const AttemptQuery& query) override;
  core::Expected<ExamStation> registerStation(const PublicKey& key, const std::string& name,
                                              const std::string& by, std::int64_t nowUtc) override;
  core::Expected<std::vector<ExamStation>> stations() override;
  core::Expected<ExamStation> revokeStation(std::int64_t id, const std::string& by,
                                            std::int64_t nowUtc) override;
  core::Expected<ExamSession> openSession(const std::string& invigilatorId,
                                          std::int64_t nowUtc) override;
  core::Expected<ExamSession> closeSession(const std::string& id, std::int64_t nowUtc) override;
  core::Expected<std::vector<ExamSession>> sessions() override;

private:
  explicit SqlResultsStore(std::unique_ptr<SqlConnection> db) : mDb(std::move(db)) {}
  core::Expected<void> migrate(int target);
  core::Expected<void> writeAttempt(const AttemptRecord& record);
  core::Expected<void> writeTraineeAndScenario(const std::string& traineeId,
                                               const std::string& traineeName,
                                               const ScenarioInfo& scenario);
  void rollback();
  /** The database's clock now, s since 1970, as an SQL expression for this backend. */
  [[nodiscard]] std::string nowSql() const;
  /** Unsupported unless the store is at schema 6 (traces and verification). */
  [[nodiscard]] core::Expected<void> needsVerificationTables() const;
  /** Unsupported unless the store is at schema 3 (exam stations and sessions). */
  core::Expected<void> needsExamTables() const;
  /** Begins a write transaction; on PostgreSQL also serialises exam-table writers. */
  core::Expected<void> beginExamWrite();

  std::unique_ptr<SqlConnection> mDb;
  int mVersion = 0;
};

} // namespace skillsim::records
