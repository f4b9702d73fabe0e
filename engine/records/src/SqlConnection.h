#pragma once

// Private: the little a results store needs from a database connection, so that one
// SqlResultsStore drives both SQLite and PostgreSQL with the same statements.

#include <skillsim/core/Expected.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace skillsim::records {

/** A bound parameter or a column value. PostgreSQL returns every value as text. */
using SqlValue = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using SqlRow = std::vector<SqlValue>;

/** Reads a value as a number, integer, flag or text, whichever form the backend gave. */
double sqlDouble(const SqlValue& v);
std::int64_t sqlInt(const SqlValue& v);
bool sqlBool(const SqlValue& v);
std::string sqlText(const SqlValue& v);

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

} // namespace skillsim::records
