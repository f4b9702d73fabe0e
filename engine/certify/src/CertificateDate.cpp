#include "skillsim/certify/CertificateDate.h"

#include <chrono>
#include <cstdio>

namespace skillsim::certify {
namespace {

std::optional<unsigned> digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) {
    return std::nullopt;
  }
  unsigned value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value;
}

} // namespace

std::string CertificateDate::toString() const {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", year, month, day);
  return text;
}

CertificateDate CertificateDate::plusYears(unsigned years) const {
  using namespace std::chrono;
  year_month_day ymd{std::chrono::year{year + static_cast<int>(years)}, std::chrono::month{month},
                     std::chrono::day{day}};
  if (!ymd.ok()) {
    // Only 29 February can fail here: move back to the last day of February.
    ymd = year_month_day{year_month_day_last{ymd.year(), month_day_last{ymd.month()}}};
  }
  return CertificateDate{static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                         static_cast<unsigned>(ymd.day())};
}

std::optional<CertificateDate> parseCertificateDate(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  if (text.size() > 10 && text[10] != 'T') {
    return std::nullopt;
  }
  auto y = digits(text, 0, 4);
  auto m = digits(text, 5, 2);
  auto d = digits(text, 8, 2);
  if (!y || !m || !d) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(*y)}, std::chrono::month{*m},
                                  std::chrono::day{*d}};
  if (!ymd.ok()) {
    return std::nullopt;
  }
  return CertificateDate{static_cast<int>(*y), *m, *d};
}

} // namespace skillsim::certify
