#include "skillsim/app/ScorePrinter.h"

#include <skillsim/records/ResultJson.h>

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

std::string titleOf(const ScoreText& text, const std::string& itemId) {
  if (text.standard == nullptr || text.templates == nullptr) {
    return itemId;
  }
  return messages::itemTitle(*text.standard, itemId, *text.templates);
}

template <typename Entry>
std::string reasonOf(const Entry& e, const assessment::AttemptResult& r, const ScoreText& text) {
  if (r.format < 2) {
    return e.legacyReason;
  }
  if (text.templates == nullptr) {
    return records::findingToJson(e.finding); // no templates: the data itself, never nothing
  }
  return messages::findingText(e.finding, *text.templates, text.context);
}

} // namespace

void printItemisedScore(const assessment::AttemptResult& r, std::ostream& out,
                        const ScoreText& text) {
  out << "scenario " << r.scenarioId << ", standard " << r.standardId << "\n";
  out << "items:\n";
  for (const auto& item : r.items) {
    out << "  " << titleOf(text, item.itemId) << " (" << assessment::toString(item.category)
        << ", clause " << item.clause << "): " << fixed(item.awardedPoints, 2) << " / "
        << fixed(item.maxPoints, 0) << "\n";
  }
  out << "deductions:" << (r.deductions.empty() ? " none" : "") << "\n";
  for (const auto& d : r.deductions) {
    out << "  t=" << fixed(d.time, 1) << " s  -" << fixed(d.points, 2) << "  "
        << titleOf(text, d.itemId) << ": " << reasonOf(d, r, text) << "\n";
  }
  out << "vetoes:" << (r.vetoes.empty() ? " none" : "") << "\n";
  for (const auto& v : r.vetoes) {
    out << "  t=" << fixed(v.time, 1) << " s  " << titleOf(text, v.itemId) << ": "
        << reasonOf(v, r, text) << "\n";
  }
  out << "total " << fixed(r.totalPoints, 2) << " / " << fixed(r.maxPoints, 0) << ", pass mark "
      << fixed(r.passMark, 0) << ": " << (r.passed ? "PASS" : "FAIL")
      << (r.completed ? "" : " (stopped before the end)") << ", duration " << fixed(r.duration, 1)
      << " s\n";
}

} // namespace skillsim::app
