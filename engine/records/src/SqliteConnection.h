#pragma once

#include "skillsim/records/SqlConnection.h"

#include "skillsim/records/ResultsStore.h"

#include <memory>

struct sqlite3;

namespace skillsim::records {

/** An SQLite connection in WAL mode with foreign keys on and a busy timeout. */
class SqliteConnection final : public SqlConnection {
public:
  /** Opens `location` (a path or a `file:` URI); Unavailable when it cannot be opened. */
  static core::Expected<std::unique_ptr<SqliteConnection>> open(const std::string& location,
                                                                const StoreOptions& options);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  [[nodiscard]] std::string_view backend() const override { return "sqlite"; }
  core::Expected<void> execute(std::string_view sql) override;
  core::Expected<std::vector<SqlRow>> query(std::string_view sql,
                                            std::span<const SqlValue> params) override;
  [[nodiscard]] std::int64_t changes() const override { return mChanges; }
  core::Expected<void> beginWrite() override;

private:
  SqliteConnection() = default;
  core::Error error(int code, const std::string& what) const;

  sqlite3* mDb = nullptr;
  std::string mLocation;
  std::int64_t mChanges = 0;
};

} // namespace skillsim::records
