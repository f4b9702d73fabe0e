#include "skillsim/ui/Format.h"

#include "skillsim/ui/I18n.h"

#include <cmath>
#include <cstdio>
#include <numbers>

namespace skillsim::ui {

namespace {

/** `printf("%.*f")` of a value, without the "-0.00" a tiny negative value rounds to. */
std::string fixedPoint(double value, int precision) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", precision, value);
  std::string s(buf);
  if (s.starts_with('-') && s.find_first_not_of("-0.") == std::string::npos) {
    s.erase(0, 1);
  }
  return s;
}

} // namespace

std::string formatClock(double seconds) {
  if (!(seconds > 0.0)) {
    seconds = 0.0;
  }
  const auto tenths = static_cast<long long>(std::floor(seconds * 10.0 + 1e-9));
  const long long minutes = tenths / 600;
  const long long secs = (tenths / 10) % 60;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld.%lld", minutes, secs, tenths % 10);
  return buf;
}

std::string formatQuantity(double value, sim::Unit unit, int precision) {
  if (!std::isfinite(value)) {
    return "\u2014";
  }
  precision = precision < 0 ? 0 : (precision > 6 ? 6 : precision);
  if (unit == sim::Unit::Radian) {
    return fixedPoint(value * 180.0 / std::numbers::pi, precision) + "\u00b0";
  }
  if (unit == sim::Unit::RadianPerSecond) {
    return fixedPoint(value * 180.0 / std::numbers::pi, precision) + "\u00b0/s";
  }
  const std::string_view symbol = sim::unitSymbol(unit);
  std::string out = fixedPoint(value, precision);
  if (!symbol.empty()) {
    out.append(" ").append(symbol);
  }
  return out;
}

std::string formatQuantity(double value, sim::Unit unit, int precision, const I18n& text) {
  std::string_view key;
  switch (unit) {
  case sim::Unit::Metre: key = "unit.metre"; break;
  case sim::Unit::Radian: key = "unit.degree"; break;
  case sim::Unit::MetrePerSecond: key = "unit.metre_per_second"; break;
  case sim::Unit::RadianPerSecond: key = "unit.degree_per_second"; break;
  case sim::Unit::Kilogram: key = "unit.kilogram"; break;
  case sim::Unit::Newton: key = "unit.newton"; break;
  case sim::Unit::Second: key = "unit.second"; break;
  case sim::Unit::None:
  case sim::Unit::Flag: break;
  }
  if (key.empty() || !text.has(key) || !std::isfinite(value)) {
    return formatQuantity(value, unit, precision);
  }
  // The number alone (a unitless quantity of the same value), then the table's unit word.
  const bool angle = unit == sim::Unit::Radian || unit == sim::Unit::RadianPerSecond;
  return formatQuantity(angle ? value * 180.0 / std::numbers::pi : value, sim::Unit::None,
                        precision) +
         text.text(key);
}

std::string formatPoints(double points) {
  char buf[32];
  const double rounded = std::round(points * 10.0) / 10.0;
  if (rounded == std::floor(rounded)) {
    std::snprintf(buf, sizeof buf, "%.0f", rounded);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", rounded);
  }
  return buf;
}

} // namespace skillsim::ui
