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

private:
  explicit SqlResultsStore(std::unique_ptr<SqlConnection> db) : mDb(std::move(db)) {}
  core::Expected<void> migrate(int target);
  core::Expected<void> writeAttempt(const AttemptRecord& record);
  void rollback();

  std::unique_ptr<SqlConnection> mDb;
  int mVersion = 0;
};

} // namespace skillsim::records
