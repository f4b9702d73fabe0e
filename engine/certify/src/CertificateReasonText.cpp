#include "skillsim/certify/CertificateReasonText.h"

#include "skillsim/certify/CertificateEvaluator.h"

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

bool isChinese(std::string_view language) { return language == "zh-CN"; }

std::string outcomeWords(CertificateOutcome outcome, bool zh) {
  if (!zh) {
    return std::string(toString(outcome));
  }
  switch (outcome) {
  case CertificateOutcome::Awarded: return "授予";
  case CertificateOutcome::NotAwarded: return "不授予";
  case CertificateOutcome::PendingPanelReview: return "待评审组审定";
  }
  return "未知";
}

std::string partName(const std::string& label, bool zh) {
  if (!zh) {
    return "part " + label;
  }
  return label == "theory" ? std::string("理论部分") : "实操部分 " + label;
}

} // namespace

std::string attemptReasonText(const AttemptConsideration& c, std::string_view language) {
  const bool zh = isChinese(language);
  const std::string policy =
      zh ? (c.bestPolicy ? "已验证的最好一次考试" : "已验证的最近一次考试")
         : (c.bestPolicy ? "the best verified attempt" : "the latest verified attempt");
  switch (c.note) {
  case AttemptNote::NotAPart:
    return zh ? "场景 '" + c.scenarioId + "' 不是本证书的组成部分"
              : "scenario '" + c.scenarioId + "' is not a part of this certificate";
  case AttemptNote::InvalidScore:
    return zh ? "不计入：成绩无效 " + numberText(c.score) + " / " + numberText(c.maxScore) +
                    "（须 0 ≤ 成绩 ≤ 满分，且满分 > 0）"
              : "excluded: invalid score " + numberText(c.score) + " of " + numberText(c.maxScore) +
                    " (needs 0 <= score <= max, max > 0)";
  case AttemptNote::Practice:
    return zh ? "不计入：这是练习（允许提示和暂停），只有考试才计入"
              : "excluded: a practice attempt (hints and pause allowed); only exam attempts count";
  case AttemptNote::NotVerified:
    if (zh) {
      return "不计入：轨迹未通过验证（" +
             (c.verificationNote.empty() ? std::string("未记录原因") : c.verificationNote) + "）";
    }
    return "excluded: trace does not verify (" +
           (c.verificationNote.empty() ? std::string("no reason recorded") : c.verificationNote) +
           ")";
  case AttemptNote::NotAdmitted: {
    std::string why = examAdmissionText(c.admission, zh ? "zh-CN" : "en");
    const std::string prefix = zh ? "不计入：" : "not counted: ";
    if (why.starts_with(prefix)) {
      why.erase(0, prefix.size());
    }
    return (zh ? "不计入：" : "excluded: ") + why;
  }
  case AttemptNote::BadStartTime:
    return zh ? "不计入：开始时间 '" + c.startedAt + "' 不是 ISO 8601 UTC 时间"
              : "excluded: start time '" + c.startedAt + "' is not an ISO 8601 UTC time";
  case AttemptNote::AfterDecisionDate:
    return zh ? "不计入：考于 " + c.madeOn + "，晚于决定日期 " + c.decisionDate
              : "excluded: made on " + c.madeOn + ", after the decision date " + c.decisionDate;
  case AttemptNote::Counted: {
    std::string text =
        zh ? "计入 " + c.scenarioId + "：" + policy : "counted for " + c.scenarioId + ": " + policy;
    if (c.vetoed) {
      text += zh ? "；出现否决项，无论得分多少，该次考试都不合格"
                 : "; a veto item fired, so the attempt fails whatever its score";
    }
    return text;
  }
  case AttemptNote::Superseded:
    return zh ? "被替代：" + policy + "是 " + c.supersededBy
              : "superseded: " + policy + " is " + c.supersededBy;
  }
  return "unknown";
}

std::string partReasonText(const PartOutcome& part, std::string_view language) {
  const bool zh = isChinese(language);
  std::string source;
  switch (part.source) {
  case PartSource::TheoryScore:
    source = zh ? "理论成绩 " + numberText(part.sourceScore) + " / " + numberText(part.sourceMax) +
                      (part.sourceOrigin.empty() ? std::string() : "（" + part.sourceOrigin + "）")
                : "theory score " + numberText(part.sourceScore) + " of " +
                      numberText(part.sourceMax) +
                      (part.sourceOrigin.empty() ? std::string() : " (" + part.sourceOrigin + ")");
    break;
  case PartSource::TheoryInvalid:
    source =
        zh ? "无效的理论成绩 " + numberText(part.sourceScore) + " / " + numberText(part.sourceMax)
           : "invalid theory score " + numberText(part.sourceScore) + " of " +
                 numberText(part.sourceMax);
    break;
  case PartSource::TheoryMissing:
    source = zh ? "没有理论成绩记录" : "no theory score on record";
    break;
  case PartSource::Attempt:
    source = zh ? "考试 " + part.countedAttemptId + "，" + numberText(part.sourceScore) + " / " +
                      numberText(part.sourceMax)
                : "attempt " + part.countedAttemptId + ", " + numberText(part.sourceScore) +
                      " of " + numberText(part.sourceMax);
    break;
  case PartSource::NoAttempt:
    source = zh ? "在 " + part.label + " 没有可计入的考试"
                : "no countable exam attempt at " + part.label;
    break;
  }
  std::string text;
  if (part.percent) {
    const bool scoreMet = meetsMinimum(*part.percent, part.minimum);
    text = zh ? percentText(*part.percent) + "，来自" + source + "，" + (scoreMet ? "≥" : "<") +
                    " 最低要求 " + percentText(part.minimum)
              : percentText(*part.percent) + " from " + source + " " + (scoreMet ? ">= " : "< ") +
                    "minimum " + percentText(part.minimum);
    if (part.vetoed) {
      text += zh ? "，但该次考试被否决" : ", but the attempt was vetoed";
    }
  } else {
    text = source;
  }
  text += zh ? (part.met ? "：达到" : "：未达到") : (part.met ? ": met" : ": not met");
  return text;
}

std::vector<std::string> certificateReasonLines(const CertificateDecision& decision,
                                                std::string_view language) {
  const bool zh = isChinese(language);
  std::vector<std::string> lines;
  for (const AttemptConsideration& c : decision.attempts) {
    std::string line = (zh ? "考试 " : "attempt ") + c.attemptId + (zh ? "（" : " (") +
                       c.scenarioId + (zh ? "，" : ", ") + c.startedAt;
    if (c.percent) {
      line += (zh ? "，" : ", ") + percentText(*c.percent);
    }
    lines.push_back(line + (zh ? "）：" : "): ") + attemptReasonText(c, language));
  }
  std::string terms;
  std::vector<std::string> unmet;
  for (const PartOutcome& part : decision.parts) {
    lines.push_back(partName(part.label, zh) + (zh ? "（权重 " : " (weight ") +
                    numberText(part.weight) + (zh ? "）：" : "): ") +
                    partReasonText(part, language));
    if (part.percent) {
      terms += (terms.empty() ? "" : " + ") + numberText(part.weight) + (zh ? " × " : " x ") +
               numberText(*part.percent);
    }
    if (!part.met) {
      unmet.push_back(partName(part.label, zh));
    }
  }
  // The evaluator sets the weighted total exactly when every part has a score.
  if (decision.weightedPercent) {
    std::string line = (zh ? "加权总分：" : "weighted total: ") + terms + " = " +
                       percentText(*decision.weightedPercent);
    if (decision.overallMinimum) {
      const bool met = meetsMinimum(*decision.weightedPercent, *decision.overallMinimum);
      line += zh ? std::string(met ? " ≥" : " <") + " 总分最低要求 " +
                       percentText(*decision.overallMinimum) + (met ? "：达到" : "：未达到")
                 : std::string(met ? " >= " : " < ") + "overall minimum " +
                       percentText(*decision.overallMinimum) + (met ? ": met" : ": not met");
      if (!met) {
        unmet.emplace_back(zh ? "总分最低要求" : "the overall minimum");
      }
    } else {
      line += zh ? "（没有总分最低要求，各部分分别判定）"
                 : " (no overall minimum; each part is judged on its own)";
    }
    lines.push_back(line);
  } else {
    lines.emplace_back(zh ? "加权总分：未计算，有部分没有成绩"
                          : "weighted total: not computed, a part has no score");
  }
  std::string verdict = (zh ? "决定：" : "decision: ") + outcomeWords(decision.outcome, zh);
  if (!decision.level.empty()) {
    verdict += zh ? "（" + decision.certificateId + "，等级 " + decision.level + "）"
                  : " (" + decision.certificateId + ", level " + decision.level + ")";
  } else {
    verdict += zh ? "（" + decision.certificateId + "）" : " (" + decision.certificateId + ")";
  }
  if (!unmet.empty()) {
    verdict += zh ? "：未达到：" : ": not met: ";
    for (std::size_t i = 0; i < unmet.size(); ++i) {
      verdict += (i == 0 ? "" : zh ? "、" : ", ") + unmet[i];
    }
  } else if (decision.outcome == CertificateOutcome::PendingPanelReview) {
    verdict += zh ? "：各部分均达到；等级 " + decision.level + " 由评审组决定"
                  : ": every part met; level " + decision.level + " is decided by a review panel";
  }
  lines.push_back(verdict);
  if (decision.awarded()) {
    const std::string from = decision.decidedOn.toString();
    if (zh) {
      lines.push_back("有效期自 " + from +
                      (decision.validUntil ? " 至 " + decision.validUntil->toString()
                                           : std::string("起，长期有效")));
    } else {
      lines.push_back("valid from " + from +
                      (decision.validUntil ? " until " + decision.validUntil->toString()
                                           : std::string(", no expiry")));
    }
  }
  return lines;
}

} // namespace skillsim::certify
