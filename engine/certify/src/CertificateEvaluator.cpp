#include "skillsim/certify/CertificateEvaluator.h"

#include "skillsim/certify/CertificateReasonText.h"

#include <cmath>

namespace skillsim::certify {
namespace {

const CertificatePart* practicalPart(const CertificateRule& rule, const std::string& scenarioId) {
  for (const CertificatePart& part : rule.parts) {
    if (part.kind == CertificatePartKind::Practical && part.scenarioId == scenarioId) {
      return &part;
    }
  }
  return nullptr;
}

/** Sets `c.note` and words it (English, as recorded). */
void note(AttemptConsideration& c, AttemptNote n) {
  c.note = n;
  c.reason = attemptReasonText(c, "en");
}

/** Fills `c` for an attempt; returns true when it is eligible to count. */
bool screen(const CertificateAttempt& attempt, const CertificateRule& rule,
            const CertificateDate& decisionDate, AttemptConsideration& c) {
  c.attemptId = attempt.attemptId;
  c.scenarioId = attempt.scenarioId;
  c.startedAt = attempt.startedAt;
  c.score = attempt.score;
  c.maxScore = attempt.maxScore;
  if (practicalPart(rule, attempt.scenarioId) == nullptr) {
    c.use = AttemptUse::Unrelated;
    note(c, AttemptNote::NotAPart);
    return false;
  }
  c.use = AttemptUse::Excluded;
  bool dataValid = std::isfinite(attempt.score) && std::isfinite(attempt.maxScore) &&
                   attempt.maxScore > 0.0 && attempt.score >= 0.0 &&
                   attempt.score <= attempt.maxScore;
  if (!dataValid) {
    note(c, AttemptNote::InvalidScore);
    return false;
  }
  c.percent = 100.0 * attempt.score / attempt.maxScore;
  // Practice never counts, so its trace need not be re-simulated (certify checks exam attempts).
  if (!attempt.exam) {
    note(c, AttemptNote::Practice);
    return false;
  }
  if (!attempt.verified) {
    c.verificationNote = attempt.verificationNote;
    note(c, AttemptNote::NotVerified);
    return false;
  }
  if (!attempt.admission.counts()) {
    c.admission = attempt.admission;
    note(c, AttemptNote::NotAdmitted);
    return false;
  }
  auto date = parseCertificateDate(attempt.startedAt);
  if (!date) {
    note(c, AttemptNote::BadStartTime);
    return false;
  }
  if (*date > decisionDate) {
    c.madeOn = date->toString();
    c.decisionDate = decisionDate.toString();
    note(c, AttemptNote::AfterDecisionDate);
    return false;
  }
  return true;
}

/** True when `a` should count instead of `b` under `policy`. */
bool preferred(const CertificateAttempt& a, const CertificateAttempt& b, double percentA,
               double percentB, AttemptPolicy policy) {
  if (policy == AttemptPolicy::Best) {
    if (percentA != percentB) {
      return percentA > percentB;
    }
    // Equal scores: the earlier attempt was first to show the skill.
    return a.startedAt != b.startedAt ? a.startedAt < b.startedAt : a.attemptId < b.attemptId;
  }
  return a.startedAt != b.startedAt ? a.startedAt > b.startedAt : a.attemptId > b.attemptId;
}

} // namespace

std::string_view toString(CertificateOutcome outcome) {
  switch (outcome) {
  case CertificateOutcome::Awarded: return "awarded";
  case CertificateOutcome::NotAwarded: return "not awarded";
  case CertificateOutcome::PendingPanelReview: return "pending panel review";
  }
  return "unknown";
}

std::string_view toString(AttemptUse use) {
  switch (use) {
  case AttemptUse::Counted: return "counted";
  case AttemptUse::Superseded: return "superseded";
  case AttemptUse::Excluded: return "excluded";
  case AttemptUse::Unrelated: return "unrelated";
  }
  return "unknown";
}

CertificateDecision evaluateCertificate(const CertificateRule& rule,
                                        const CertificateEvidence& evidence) {
  CertificateDecision decision;
  decision.certificateId = rule.id;
  decision.level = rule.level;
  decision.traineeId = evidence.traineeId;
  decision.traineeName = evidence.traineeName;
  decision.decidedOn = evidence.decisionDate;
  decision.overallMinimum = rule.overallMinimum;

  std::vector<bool> eligible(evidence.attempts.size(), false);
  decision.attempts.resize(evidence.attempts.size());
  for (std::size_t i = 0; i < evidence.attempts.size(); ++i) {
    eligible[i] = screen(evidence.attempts[i], rule, evidence.decisionDate, decision.attempts[i]);
  }

  bool allMet = true;
  bool allScored = true;
  double weighted = 0.0;
  for (const CertificatePart& part : rule.parts) {
    PartOutcome outcome;
    outcome.label = part.label();
    outcome.weight = part.weight;
    outcome.minimum = part.minimum;
    if (part.kind == CertificatePartKind::Theory) {
      if (evidence.theory) {
        const CertificateTheoryScore& theory = *evidence.theory;
        outcome.sourceScore = theory.score;
        outcome.sourceMax = theory.maxScore;
        if (std::isfinite(theory.score) && std::isfinite(theory.maxScore) &&
            theory.maxScore > 0.0 && theory.score >= 0.0 && theory.score <= theory.maxScore) {
          outcome.percent = 100.0 * theory.score / theory.maxScore;
          outcome.source = PartSource::TheoryScore;
          outcome.sourceOrigin = theory.source;
        } else {
          outcome.source = PartSource::TheoryInvalid;
        }
      } else {
        outcome.source = PartSource::TheoryMissing;
      }
    } else {
      std::optional<std::size_t> chosen;
      for (std::size_t i = 0; i < evidence.attempts.size(); ++i) {
        if (!eligible[i] || evidence.attempts[i].scenarioId != part.scenarioId) {
          continue;
        }
        if (!chosen || preferred(evidence.attempts[i], evidence.attempts[*chosen],
                                 *decision.attempts[i].percent, *decision.attempts[*chosen].percent,
                                 part.policy)) {
          chosen = i;
        }
      }
      for (std::size_t i = 0; i < evidence.attempts.size(); ++i) {
        if (!eligible[i] || evidence.attempts[i].scenarioId != part.scenarioId) {
          continue;
        }
        AttemptConsideration& c = decision.attempts[i];
        c.bestPolicy = part.policy == AttemptPolicy::Best;
        if (chosen && i == *chosen) {
          c.use = AttemptUse::Counted;
          c.vetoed = evidence.attempts[i].vetoed;
          note(c, AttemptNote::Counted);
        } else {
          c.use = AttemptUse::Superseded;
          c.supersededBy = evidence.attempts[*chosen].attemptId;
          note(c, AttemptNote::Superseded);
        }
      }
      if (chosen) {
        const CertificateAttempt& attempt = evidence.attempts[*chosen];
        outcome.percent = decision.attempts[*chosen].percent;
        outcome.countedAttemptId = attempt.attemptId;
        outcome.vetoed = attempt.vetoed;
        outcome.source = PartSource::Attempt;
        outcome.sourceScore = attempt.score;
        outcome.sourceMax = attempt.maxScore;
      } else {
        outcome.source = PartSource::NoAttempt;
      }
    }

    if (outcome.percent) {
      outcome.met = meetsMinimum(*outcome.percent, part.minimum) && !outcome.vetoed;
      weighted += part.weight * *outcome.percent;
    } else {
      outcome.met = false;
      allScored = false;
    }
    outcome.reason = partReasonText(outcome, "en");
    allMet = allMet && outcome.met;
    decision.parts.push_back(std::move(outcome));
  }

  bool overallMet = true;
  if (allScored) {
    decision.weightedPercent = weighted;
    if (rule.overallMinimum) {
      overallMet = meetsMinimum(weighted, *rule.overallMinimum);
    }
  } else {
    overallMet = !rule.overallMinimum.has_value();
  }

  if (allMet && overallMet) {
    decision.outcome =
        rule.panelReview ? CertificateOutcome::PendingPanelReview : CertificateOutcome::Awarded;
  } else {
    decision.outcome = CertificateOutcome::NotAwarded;
  }
  if (decision.awarded() && rule.validityYears > 0) {
    decision.validUntil = evidence.decisionDate.plusYears(rule.validityYears);
  }
  decision.reasons = certificateReasonLines(decision, "en");
  return decision;
}

} // namespace skillsim::certify
