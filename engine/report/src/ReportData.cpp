#include "skillsim/report/ReportData.h"

#include <map>

namespace skillsim::report {

std::vector<ReportRosterRow> makeReportRoster(const std::vector<ReportAttempt>& attempts) {
  std::vector<ReportRosterRow> rows;
  std::map<std::string, std::size_t> index;
  std::map<std::string, std::string> latestStart;
  for (const ReportAttempt& attempt : attempts) {
    auto [it, inserted] = index.emplace(attempt.traineeId, rows.size());
    if (inserted) {
      rows.push_back(ReportRosterRow{attempt.traineeId, attempt.traineeName});
    }
    ReportRosterRow& row = rows[it->second];
    if (row.traineeName.empty()) {
      row.traineeName = attempt.traineeName;
    }
    ++row.attempts;
    if (!attempt.verified || !(attempt.maxScore > 0.0)) {
      continue;
    }
    ++row.verifiedAttempts;
    if (attempt.passed) {
      ++row.passedAttempts;
    }
    double percent = 100.0 * attempt.score / attempt.maxScore;
    if (!row.bestPercent || percent > *row.bestPercent) {
      row.bestPercent = percent;
    }
    std::string& latest = latestStart[attempt.traineeId];
    if (!row.latestPercent || attempt.startedAt >= latest) {
      latest = attempt.startedAt;
      row.latestPercent = percent;
    }
  }
  return rows;
}

} // namespace skillsim::report
