#include "skillsim/records/CertificateEvidenceFromRecords.h"

#include "skillsim/records/ReportFromResult.h"
#include "skillsim/records/TraceHeader.h"

namespace skillsim::records {

assessment::CertificateAttempt certificateAttemptFromRecord(const AttemptRecord& record) {
  assessment::CertificateAttempt attempt;
  attempt.attemptId = record.attemptId;
  attempt.scenarioId = record.scenario.id;
  attempt.score = record.result.totalPoints;
  attempt.maxScore = record.result.maxPoints;
  attempt.passed = record.result.passed;
  attempt.vetoed = record.vetoed();
  attempt.verified = record.signatureValid;
  if (!record.signatureValid) {
    attempt.verificationNote = "the trace's signature did not verify when the attempt was recorded";
  }
  attempt.exam = record.mode == AttemptMode::Exam;
  attempt.startedAt = formatUtc(record.startUtc);
  return attempt;
}

ReportAttempt reportAttemptFromRecord(const AttemptRecord& record, const std::string& language) {
  ReportAttempt attempt = reportAttemptFromResult(record.result);
  attempt.attemptId = record.attemptId;
  attempt.traineeId = record.traineeId;
  attempt.traineeName = record.traineeName;
  attempt.scenarioId = record.scenario.id;
  attempt.scenarioTitle = language == "en" ? record.scenario.titleEn : record.scenario.title;
  if (attempt.scenarioTitle.empty()) {
    attempt.scenarioTitle = record.scenario.id;
  }
  attempt.startedAt = formatUtc(record.startUtc);
  attempt.verified = record.signatureValid;
  return attempt;
}

} // namespace skillsim::records
