#pragma once

// The little a store needs from a database connection, so that every store (the results store,
// certify's decision store) drives SQLite and PostgreSQL with the same statements. SQLite and
// libpq themselves stay in engine/records/src (STYLE.md): a store sees only this interface.

#include "skillsim/records/ResultsStore.h"

#include <skillsim/core/Expected.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace skillsim::records {

/**
 * Binary bytes as a parameter or a column value: PostgreSQL `bytea` (sent in binary, read back
 * unescaped), SQLite `BLOB`. Used for an attempt's signed trace (schema 6).
 */
struct SqlBytes {
  std::string bytes; ///< Raw bytes, any values (not text).
  friend bool operator==(const SqlBytes&, const SqlBytes&) = default;
};

/** A bound parameter or a column value. PostgreSQL returns every value but bytea as text. */
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string, SqlBytes>;
using SqlRow = std::vector<SqlValue>;

/** Reads a value as a number, integer, flag or text, whichever form the backend gave. */
double sqlDouble(const SqlValue& v);
std::int64_t sqlInt(const SqlValue& v);
bool sqlBool(const SqlValue& v);
std::string sqlText(const SqlValue& v);
/** The bytes of a bytea/BLOB column (SqlBytes) or of a text value; empty for NULL and numbers. */
std::string sqlBytes(const SqlValue& v);

/**
 * One database connection. Statements use PostgreSQL's `$1, $2, …` placeholders; the SQLite side
 * rewrites them. Errors are Unavailable (locked, read-only, connection lost) or Io, their message
 * naming the backend's own error text.
 */
class SqlConnection {
public:
  virtual ~SqlConnection() = default;
  [[nodiscard]] virtual std::string_view backend() const = 0;
  /** Runs statements without parameters or results (several, separated by ';'). */
  virtual core::Expected<void> execute(std::string_view sql) = 0;
  /** Runs one statement and returns its rows (none for INSERT and the like). */
  virtual core::Expected<std::vector<SqlRow>> query(std::string_view sql,
                                                    std::span<const SqlValue> params = {}) = 0;
  /** Rows changed by the last INSERT/UPDATE/DELETE run by query(). */
  [[nodiscard]] virtual std::int64_t changes() const = 0;
  /** Starts a write transaction that takes the write lock at once (SQLite BEGIN IMMEDIATE). */
  virtual core::Expected<void> beginWrite() = 0;
};

/**
 * Opens a connection to the database at `location`, the one place every store opens one: a
 * `postgresql://` or `postgres://` URL (ResultsStore::isPostgresUrl; a libpq connection URI) is a
 * PostgreSQL connection with lock_timeout and connect_timeout from `options`; anything else is an
 * SQLite file path (parent directories are created) or `file:` URI, in WAL mode with foreign keys
 * on and the busy timeout from `options`. Errors: InvalidInput for an empty location (naming
 * both forms); Unavailable when the database cannot be opened or reached now.
 */
[[nodiscard]] core::Expected<std::unique_ptr<SqlConnection>>
openSqlConnection(const std::string& location, const StoreOptions& options = {});

} // namespace skillsim::records
