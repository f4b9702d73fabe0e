#include "skillsim/report/ReportFromResult.h"

#include <skillsim/records/ResultJson.h>

#include <map>

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
    const std::string reason =
        result.format < 2 ? d.legacyReason : records::findingToJson(d.finding);
    attempt.deductions.push_back(
        ReportDeduction{d.time, d.position.x, d.position.z, d.points, d.itemId, reason, d.itemId});
  }
  return attempt;
}

void writeDeductionTexts(ReportAttempt& attempt, const assessment::AttemptResult& result,
                         const messages::MessageTemplates& templates,
                         const scenario::Scenario* scenario) {
  const std::map<std::string, scenario::Scenario::Label, std::less<>> none;
  const messages::MessageContext context = messages::makeContext(
      scenario != nullptr && scenario->machine ? &*scenario->machine : nullptr,
      scenario != nullptr ? scenario->labels : none);
  const std::size_t n = std::min(attempt.deductions.size(), result.deductions.size());
  for (std::size_t i = 0; i < n; ++i) {
    const assessment::Deduction& d = result.deductions[i];
    attempt.deductions[i].reason = messages::deductionText(d, result, templates, context);
    if (scenario != nullptr) {
      attempt.deductions[i].itemTitle =
          messages::itemTitle(scenario->standard, d.itemId, templates);
    }
  }
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
