#include "skillsim/certify/CertificateEvaluator.h"

#include <cmath>
#include <cstdio>

namespace skillsim::certify {
namespace {

std::string percentText(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f%%", value);
  return text;
}

std::string numberText(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

bool meets(double percent, double minimum) {
  return percent >= minimum - kCertificateScoreTolerance;
}

const CertificatePart* practicalPart(const CertificateRule& rule, const std::string& scenarioId) {
  for (const CertificatePart& part : rule.parts) {
    if (part.kind == CertificatePartKind::Practical && part.scenarioId == scenarioId) {
      return &part;
    }
  }
  return nullptr;
}

/** Fills `c` for an attempt; returns true when it is eligible to count. */
bool screen(const CertificateAttempt& attempt, const CertificateRule& rule,
            const CertificateDate& decisionDate, AttemptConsideration& c) {
  c.attemptId = attempt.attemptId;
  c.scenarioId = attempt.scenarioId;
  c.startedAt = attempt.startedAt;
  if (practicalPart(rule, attempt.scenarioId) == nullptr) {
    c.use = AttemptUse::Unrelated;
    c.reason = "scenario '" + attempt.scenarioId + "' is not a part of this certificate";
    return false;
  }
  c.use = AttemptUse::Excluded;
  bool dataValid = std::isfinite(attempt.score) && std::isfinite(attempt.maxScore) &&
                   attempt.maxScore > 0.0 && attempt.score >= 0.0 &&
                   attempt.score <= attempt.maxScore;
  if (!dataValid) {
    c.reason = "excluded: invalid score " + numberText(attempt.score) + " of " +
               numberText(attempt.maxScore) + " (needs 0 <= score <= max, max > 0)";
    return false;
  }
  c.percent = 100.0 * attempt.score / attempt.maxScore;
  // Practice never counts, so its trace need not be re-simulated (certify checks exam attempts).
  if (!attempt.exam) {
    c.reason = "excluded: a practice attempt (hints and pause allowed); only exam attempts count";
    return false;
  }
  if (!attempt.verified) {
    c.reason = "excluded: trace does not verify (" +
               (attempt.verificationNote.empty() ? std::string("no reason recorded")
                                                 : attempt.verificationNote) +
               ")";
    return false;
  }
  if (!attempt.admission.counts()) {
    std::string why = examAdmissionText(attempt.admission, "en");
    constexpr std::string_view kPrefix = "not counted: ";
    if (why.starts_with(kPrefix)) {
      why.erase(0, kPrefix.size());
    }
    c.reason = "excluded: " + why;
    return false;
  }
  auto date = parseCertificateDate(attempt.startedAt);
  if (!date) {
    c.reason = "excluded: start time '" + attempt.startedAt + "' is not an ISO 8601 UTC time";
    return false;
  }
  if (*date > decisionDate) {
    c.reason = "excluded: made on " + date->toString() + ", after the decision date " +
               decisionDate.toString();
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
  std::string weightedTerms;
  std::vector<std::string> unmet;
  for (const CertificatePart& part : rule.parts) {
    PartOutcome outcome;
    outcome.label = part.label();
    outcome.weight = part.weight;
    outcome.minimum = part.minimum;
    std::string source;
    if (part.kind == CertificatePartKind::Theory) {
      if (evidence.theory) {
        const CertificateTheoryScore& theory = *evidence.theory;
        if (std::isfinite(theory.score) && std::isfinite(theory.maxScore) &&
            theory.maxScore > 0.0 && theory.score >= 0.0 && theory.score <= theory.maxScore) {
          outcome.percent = 100.0 * theory.score / theory.maxScore;
          source = "theory score " + numberText(theory.score) + " of " +
                   numberText(theory.maxScore) +
                   (theory.source.empty() ? std::string() : " (" + theory.source + ")");
        } else {
          source = "invalid theory score " + numberText(theory.score) + " of " +
                   numberText(theory.maxScore);
        }
      } else {
        source = "no theory score on record";
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
      std::string policyText = part.policy == AttemptPolicy::Best ? "the best verified attempt"
                                                                  : "the latest verified attempt";
      for (std::size_t i = 0; i < evidence.attempts.size(); ++i) {
        if (!eligible[i] || evidence.attempts[i].scenarioId != part.scenarioId) {
          continue;
        }
        AttemptConsideration& c = decision.attempts[i];
        if (chosen && i == *chosen) {
          c.use = AttemptUse::Counted;
          c.reason = "counted for " + part.scenarioId + ": " + policyText;
          if (evidence.attempts[i].vetoed) {
            c.reason += "; a veto item fired, so the attempt fails whatever its score";
          }
        } else {
          c.use = AttemptUse::Superseded;
          c.reason = "superseded: " + policyText + " is " + evidence.attempts[*chosen].attemptId;
        }
      }
      if (chosen) {
        const CertificateAttempt& attempt = evidence.attempts[*chosen];
        outcome.percent = decision.attempts[*chosen].percent;
        outcome.countedAttemptId = attempt.attemptId;
        outcome.vetoed = attempt.vetoed;
        source = "attempt " + attempt.attemptId + ", " + numberText(attempt.score) + " of " +
                 numberText(attempt.maxScore);
      } else {
        source = "no countable exam attempt at " + part.scenarioId;
      }
    }

    if (outcome.percent) {
      bool scoreMet = meets(*outcome.percent, part.minimum);
      outcome.met = scoreMet && !outcome.vetoed;
      outcome.reason = percentText(*outcome.percent) + " from " + source + " " +
                       (scoreMet ? ">= " : "< ") + "minimum " + percentText(part.minimum);
      if (outcome.vetoed) {
        outcome.reason += ", but the attempt was vetoed";
      }
      weighted += part.weight * *outcome.percent;
      weightedTerms += (weightedTerms.empty() ? "" : " + ") + numberText(part.weight) + " x " +
                       numberText(*outcome.percent);
    } else {
      outcome.met = false;
      allScored = false;
      outcome.reason = source;
    }
    outcome.reason += outcome.met ? ": met" : ": not met";
    if (!outcome.met) {
      allMet = false;
      unmet.push_back("part " + outcome.label);
    }
    decision.parts.push_back(std::move(outcome));
  }

  bool overallMet = true;
  std::string overallLine;
  if (allScored) {
    decision.weightedPercent = weighted;
    overallLine = "weighted total: " + weightedTerms + " = " + percentText(weighted);
    if (rule.overallMinimum) {
      overallMet = meets(weighted, *rule.overallMinimum);
      overallLine += (overallMet ? " >= " : " < ") + std::string("overall minimum ") +
                     percentText(*rule.overallMinimum) + (overallMet ? ": met" : ": not met");
      if (!overallMet) {
        unmet.push_back("the overall minimum");
      }
    } else {
      overallLine += " (no overall minimum; each part is judged on its own)";
    }
  } else {
    overallLine = "weighted total: not computed, a part has no score";
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

  for (const AttemptConsideration& c : decision.attempts) {
    std::string line = "attempt " + c.attemptId + " (" + c.scenarioId + ", " + c.startedAt;
    if (c.percent) {
      line += ", " + percentText(*c.percent);
    }
    decision.reasons.push_back(line + "): " + c.reason);
  }
  for (const PartOutcome& part : decision.parts) {
    decision.reasons.push_back("part " + part.label + " (weight " + numberText(part.weight) +
                               "): " + part.reason);
  }
  decision.reasons.push_back(overallLine);
  std::string verdict = "decision: " + std::string(toString(decision.outcome));
  if (!rule.level.empty()) {
    verdict += " (" + rule.id + ", level " + rule.level + ")";
  } else {
    verdict += " (" + rule.id + ")";
  }
  if (!unmet.empty()) {
    verdict += ": not met: ";
    for (std::size_t i = 0; i < unmet.size(); ++i) {
      verdict += (i == 0 ? "" : ", ") + unmet[i];
    }
  } else if (decision.outcome == CertificateOutcome::PendingPanelReview) {
    verdict += ": every part met; level " + rule.level + " is decided by a review panel";
  }
  decision.reasons.push_back(verdict);
  if (decision.awarded()) {
    decision.reasons.push_back("valid from " + evidence.decisionDate.toString() +
                               (decision.validUntil ? " until " + decision.validUntil->toString()
                                                    : std::string(", no expiry")));
  }
  return decision;
}

} // namespace skillsim::certify
