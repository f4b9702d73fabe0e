#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace skillsim::certify {

/**
 * A calendar date (proleptic Gregorian, UTC), used for decision dates and validity periods.
 * Certificates are issued per day, so no time of day is kept.
 */
struct CertificateDate {
  int year = 1970;
  unsigned month = 1; ///< 1..12
  unsigned day = 1;   ///< 1..31, valid for the month

  friend auto operator<=>(const CertificateDate&, const CertificateDate&) = default;

  /** `YYYY-MM-DD`. */
  [[nodiscard]] std::string toString() const;

  /**
   * The same day `years` later. 29 February moves to 28 February in a year that has none
   * (the licence's validity ends no later than its anniversary).
   */
  [[nodiscard]] CertificateDate plusYears(unsigned years) const;
};

/**
 * Parses `YYYY-MM-DD`, or an ISO 8601 UTC timestamp that starts with it
 * (`YYYY-MM-DDThh:mm:ssZ`, the form the results store and traces use). nullopt when the text is
 * not such a date or the date does not exist (2026-02-30).
 */
[[nodiscard]] std::optional<CertificateDate> parseCertificateDate(std::string_view text);

} // namespace skillsim::certify
