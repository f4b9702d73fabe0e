#include "skillsim/app/ScorePrinter.h"

#include <cstdio>
#include <ostream>
#include <string>

namespace skillsim::app {
namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

} // namespace

void printItemisedScore(const assessment::AttemptResult& r, std::ostream& out) {
  out << "scenario " << r.scenarioId << ", standard " << r.standardId << "\n";
  out << "items:\n";
  for (const auto& item : r.items) {
    out << "  " << item.itemId << " (" << assessment::toString(item.category) << ", clause "
        << item.clause << "): " << fixed(item.awardedPoints, 2) << " / " << fixed(item.maxPoints, 0)
        << "\n";
  }
  out << "deductions:" << (r.deductions.empty() ? " none" : "") << "\n";
  for (const auto& d : r.deductions) {
    out << "  t=" << fixed(d.time, 1) << " s  -" << fixed(d.points, 2) << "  " << d.itemId << " / "
        << d.criterionId << ": " << d.reason << "\n";
  }
  out << "vetoes:" << (r.vetoes.empty() ? " none" : "") << "\n";
  for (const auto& v : r.vetoes) {
    out << "  t=" << fixed(v.time, 1) << " s  " << v.itemId << " / " << v.criterionId << ": "
        << v.reason << "\n";
  }
  out << "total " << fixed(r.totalPoints, 2) << " / " << fixed(r.maxPoints, 0) << ", pass mark "
      << fixed(r.passMark, 0) << ": " << (r.passed ? "PASS" : "FAIL")
      << (r.completed ? "" : " (stopped before the end)") << ", duration " << fixed(r.duration, 1)
      << " s\n";
}

} // namespace skillsim::app
