#include "skillsim/records/SqlConnection.h"

#include "PgConnection.h"
#include "SqliteConnection.h"

#include <cstdlib>

namespace skillsim::records {

core::Expected<std::unique_ptr<SqlConnection>> openSqlConnection(const std::string& location,
                                                                 const StoreOptions& options) {
  if (ResultsStore::isPostgresUrl(location)) {
    auto pg = PgConnection::open(location, options);
    if (!pg) {
      return std::move(pg).error();
    }
    return std::unique_ptr<SqlConnection>(std::move(*pg));
  }
  if (location.empty()) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "no results store given: pass a file path or a postgresql:// URL");
  }
  auto lite = SqliteConnection::open(location, options);
  if (!lite) {
    return std::move(lite).error();
  }
  return std::unique_ptr<SqlConnection>(std::move(*lite));
}

double sqlDouble(const SqlValue& v) {
  if (const auto* d = std::get_if<double>(&v)) {
    return *d;
  }
  if (const auto* n = std::get_if<std::int64_t>(&v)) {
    return static_cast<double>(*n);
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    return std::strtod(s->c_str(), nullptr); // PostgreSQL >= 12 prints float8 round-trip exact
  }
  return 0.0;
}

std::int64_t sqlInt(const SqlValue& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v)) {
    return *n;
  }
  if (const auto* d = std::get_if<double>(&v)) {
    return static_cast<std::int64_t>(*d);
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    return std::strtoll(s->c_str(), nullptr, 10);
  }
  return 0;
}

bool sqlBool(const SqlValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    return *s == "t" || *s == "true" || *s == "1";
  }
  return sqlInt(v) != 0;
}

std::string sqlText(const SqlValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    return *s;
  }
  if (const auto* n = std::get_if<std::int64_t>(&v)) {
    return std::to_string(*n);
  }
  return {};
}

std::string sqlBytes(const SqlValue& v) {
  if (const auto* b = std::get_if<SqlBytes>(&v)) {
    return b->bytes;
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    return *s;
  }
  return {};
}

} // namespace skillsim::records
