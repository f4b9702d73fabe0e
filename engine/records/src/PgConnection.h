#pragma once

#include "skillsim/records/SqlConnection.h"

#include "skillsim/records/ResultsStore.h"

#include <memory>

struct pg_conn;

namespace skillsim::records {

/** A PostgreSQL connection through libpq, with lock_timeout set from StoreOptions. */
class PgConnection final : public SqlConnection {
public:
  /** Connects to `url` (a libpq connection URI); Unavailable when the server cannot be reached. */
  static core::Expected<std::unique_ptr<PgConnection>> open(const std::string& url,
                                                            const StoreOptions& options);
  ~PgConnection() override;
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  [[nodiscard]] std::string_view backend() const override { return "postgresql"; }
  core::Expected<void> execute(std::string_view sql) override;
  core::Expected<std::vector<SqlRow>> query(std::string_view sql,
                                            std::span<const SqlValue> params) override;
  [[nodiscard]] std::int64_t changes() const override { return mChanges; }
  core::Expected<void> beginWrite() override { return execute("BEGIN"); }

private:
  PgConnection() = default;

  pg_conn* mConn = nullptr;
  std::string mShownUrl; ///< The URL without its password, for messages.
  std::int64_t mChanges = 0;
};

/** `url` with any password replaced by `***`, for messages and logs. */
std::string redactPassword(const std::string& url);

} // namespace skillsim::records
