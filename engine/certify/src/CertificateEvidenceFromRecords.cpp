#include "skillsim/certify/CertificateEvidenceFromRecords.h"

#include <skillsim/records/TraceHeader.h>

namespace skillsim::certify {

CertificateAttempt certificateAttemptFromRecord(const records::AttemptRecord& record) {
  CertificateAttempt attempt;
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
  attempt.exam = record.mode == records::AttemptMode::Exam;
  attempt.startedAt = records::formatUtc(record.startUtc);
  return attempt;
}

} // namespace skillsim::certify
