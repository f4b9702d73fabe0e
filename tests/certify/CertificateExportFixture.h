#pragma once

// Shared by the certificate export tests: a licence rule and decisions made by the real evaluator.
#include <skillsim/certify/CertificateEvaluator.h>
#include <skillsim/certify/CertificateRuleLoader.h>
#include <skillsim/core/Check.h>

#include <string>

namespace skillsim::certify::testing {

inline CertificateRule exportLicenceRule() {
  auto rule = parseCertificateRule(R"toml(format_version = 1
id = "q2_test"
kind = "special_equipment_licence"
level_system = "none"
validity_years = 4
title = { zh = "起重机司机（Q2）", en = "Crane operator (Q2)" }
awarding_body = { zh = "考试机构", en = "Examination body" }
criteria = { zh = "理论与实操均不低于70分。", en = "Theory and practical at least 70 each." }
[[parts]]
kind = "theory"
weight = 0.5
minimum = 70
title = { zh = "理论", en = "Theory" }
[[parts]]
kind = "practical"
scenario = "q2_practical"
weight = 0.5
minimum = 70
title = { zh = "实操", en = "Practical" }
)toml",
                                   "q2_test.toml");
  SKILLSIM_CHECK(rule.hasValue(), rule ? "" : rule.error().toString());
  return *rule;
}

/** A decision for trainee `trainee` with the given theory and practical percentages. */
inline CertificateDecision exportDecision(const CertificateRule& rule, const std::string& trainee,
                                          double theory, double practical) {
  CertificateEvidence evidence;
  evidence.traineeId = trainee;
  evidence.traineeName = "张三 <Zhang> & \"San\"";
  evidence.theory = CertificateTheoryScore{theory, 100.0, "", "theory.csv:2"};
  CertificateAttempt attempt;
  attempt.attemptId = "a1b2";
  attempt.scenarioId = "q2_practical";
  attempt.score = practical;
  attempt.maxScore = 100.0;
  attempt.passed = practical >= 70.0;
  attempt.verified = true;
  attempt.exam = true;
  attempt.admission = ExamAdmission::admitted();
  attempt.startedAt = "2026-11-20T08:00:00Z";
  evidence.attempts.push_back(attempt);
  attempt.attemptId = "c3d4";
  attempt.verified = false;
  attempt.verificationNote = "truncated trace";
  evidence.attempts.push_back(attempt);
  evidence.decisionDate = CertificateDate{2026, 11, 29};
  return evaluateCertificate(rule, evidence);
}

} // namespace skillsim::certify::testing
