#include "SqlConnection.h"

#include <cstdlib>

namespace skillsim::records {

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

} // namespace skillsim::records
