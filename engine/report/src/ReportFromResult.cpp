#include "skillsim/report/ReportFromResult.h"

#include <skillsim/records/TraceHeader.h>

#include <algorithm>
#include <map>
#include <string>

namespace skillsim::report {

std::vector<ReportScorePoint> runningScoreSeries(const assessment::AttemptResult& result) {
  std::map<std::string, double> remaining;
  double score = 0.0;
  for (const assessment::ItemResult& item : result.items) {
    remaining[item.itemId] += item.maxPoints;
    score += item.maxPoints;
  }
  std::vector<ReportScorePoint> series{{0.0, score}};
  for (const assessment::Deduction& d : result.deductions) {
    double loss = 0.0;
    if (auto it = remaining.find(d.itemId); it != remaining.end()) {
      double after = std::max(0.0, it->second - d.points);
      loss = it->second - after;
      it->second = after;
    } else {
      loss = std::min(score, d.points);
    }
    if (loss > 0.0) {
      series.push_back({d.time, score});
      score -= loss;
      series.push_back({d.time, score});
    }
  }
  series.push_back({std::max(result.duration, series.back().time), score});
  return series;
}

ReportAttempt reportAttemptFromResult(const assessment::AttemptResult& result) {
  ReportAttempt attempt;
  attempt.scenarioId = result.scenarioId;
  attempt.score = result.totalPoints;
  attempt.maxScore = result.maxPoints;
  attempt.passMark = result.passMark;
  attempt.passed = result.passed;
  attempt.vetoed = !result.vetoes.empty();
  attempt.scoreSeries = runningScoreSeries(result);
  for (const assessment::Deduction& d : result.deductions) {
    attempt.deductions.push_back(
        ReportDeduction{d.time, d.position.x, d.position.z, d.points, d.itemId, d.reason});
  }
  return attempt;
}

ReportAttempt reportAttemptFromRecord(const records::AttemptRecord& record,
                                      const std::string& language) {
  ReportAttempt attempt = reportAttemptFromResult(record.result);
  attempt.attemptId = record.attemptId;
  attempt.traineeId = record.traineeId;
  attempt.traineeName = record.traineeName;
  attempt.scenarioId = record.scenario.id;
  attempt.scenarioTitle = language == "en" ? record.scenario.titleEn : record.scenario.title;
  if (attempt.scenarioTitle.empty()) {
    attempt.scenarioTitle = record.scenario.id;
  }
  attempt.startedAt = records::formatUtc(record.startUtc);
  attempt.verified = record.signatureValid;
  return attempt;
}

} // namespace skillsim::report
