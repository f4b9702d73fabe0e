#include "skillsim/certify/CertificateXapi.h"

#include <skillsim/export/DerivedUuid.h>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace skillsim::certify {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kVerbPassed = "http://adlnet.gov/expapi/verbs/passed";
constexpr const char* kVerbFailed = "http://adlnet.gov/expapi/verbs/failed";
constexpr const char* kVerbCompleted = "http://adlnet.gov/expapi/verbs/completed";
constexpr const char* kAssessmentType = "http://adlnet.gov/expapi/activities/assessment";

Json verb(const char* id) {
  std::string iri = id;
  if (iri == kVerbPassed) {
    return Json{{"id", iri}, {"display", Json{{"en-US", "passed"}, {"zh-CN", "通过"}}}};
  }
  if (iri == kVerbFailed) {
    return Json{{"id", iri}, {"display", Json{{"en-US", "failed"}, {"zh-CN", "未通过"}}}};
  }
  return Json{{"id", iri}, {"display", Json{{"en-US", "completed"}, {"zh-CN", "完成"}}}};
}

Json languageMap(const std::string& zh, const std::string& en) {
  return Json{{"en-US", en}, {"zh-CN", zh}};
}

/** result.score for a percentage: scaled in [0, 1], raw in [min, max] = [0, 100]. */
Json score(double percent) {
  // Weights sum to 1 within 1e-9, so a total may exceed 100 by rounding; xAPI forbids scaled > 1.
  percent = std::clamp(percent, 0.0, 100.0);
  return Json{{"scaled", percent / 100.0}, {"raw", percent}, {"min", 0}, {"max", 100}};
}

} // namespace

std::string writeCertificateXapiStatements(const CertificateRule& rule,
                                           const CertificateDecision& decision,
                                           const CertificateExportOptions& options) {
  const std::string certificateIri = options.iriBase + "/certificates/" + rule.id;
  const std::string timestamp = decision.decidedOn.toString() + "T00:00:00Z";
  const std::string seed = "skillsim-xapi\n" + rule.id + "\n" + rule.level + "\n" +
                           decision.traineeId + "\n" + decision.decidedOn.toString() + "\n";
  const std::string language = options.language == "en" ? "en-US" : "zh-CN";

  Json actor;
  actor["objectType"] = "Agent";
  actor["name"] = decision.traineeName.empty() ? decision.traineeId : decision.traineeName;
  actor["account"] = Json{{"homePage", options.accountHomePage}, {"name", decision.traineeId}};

  std::string levelZh = rule.level;
  std::string levelEn;
  if (const CertificateLevel* level = rule.levelInfo()) {
    levelEn = std::string(level->en);
  }
  Json certificateActivity;
  certificateActivity["objectType"] = "Activity";
  certificateActivity["id"] = certificateIri;
  certificateActivity["definition"] =
      Json{{"name", languageMap(rule.title.zh + (levelZh.empty() ? "" : "（" + levelZh + "）"),
                                rule.title.en + (levelEn.empty() ? "" : " (" + levelEn + ")"))},
           {"description", languageMap(rule.criteria.zh, rule.criteria.en)},
           {"type", kAssessmentType}};

  Json statements = Json::array();
  Json partsSummary = Json::array();
  for (std::size_t i = 0; i < decision.parts.size(); ++i) {
    const PartOutcome& part = decision.parts[i];
    Json summary{
        {"part", part.label},      {"weight", part.weight},
        {"minimum", part.minimum}, {"percent", part.percent ? Json(*part.percent) : Json(nullptr)},
        {"met", part.met},         {"countedAttempt", part.countedAttemptId},
        {"reason", part.reason}};
    partsSummary.push_back(summary);
    if (!part.percent) {
      continue; // nothing was scored: no statement can claim a result
    }
    const CertificatePart* rulePart = i < rule.parts.size() ? &rule.parts[i] : nullptr;
    std::string objectIri = certificateIri + "/parts/" + part.label;
    Json object;
    object["objectType"] = "Activity";
    object["id"] = objectIri;
    object["definition"] =
        Json{{"name", rulePart != nullptr ? languageMap(rulePart->title.zh, rulePart->title.en)
                                          : languageMap(part.label, part.label)},
             {"type", kAssessmentType}};
    Json result;
    result["score"] = score(*part.percent);
    result["success"] = part.met;
    result["completion"] = true;
    result["extensions"] = Json{{kCertificateDecisionExtension, summary}};
    Json statement;
    statement["id"] = exporting::derivedUuid(seed + objectIri);
    statement["actor"] = actor;
    statement["verb"] = verb(part.met ? kVerbPassed : kVerbFailed);
    statement["object"] = object;
    statement["result"] = result;
    statement["context"] =
        Json{{"contextActivities", Json{{"parent", Json::array({certificateActivity})}}},
             {"language", language}};
    statement["timestamp"] = timestamp;
    statements.push_back(std::move(statement));
  }

  Json decisionExtension{{"outcome", std::string(toString(decision.outcome))},
                         {"level", decision.level},
                         {"parts", partsSummary},
                         {"reasons", decision.reasons}};
  if (decision.validUntil) {
    decisionExtension["validUntil"] = decision.validUntil->toString();
  }
  Json result;
  if (decision.weightedPercent) {
    result["score"] = score(*decision.weightedPercent);
  }
  if (decision.outcome != CertificateOutcome::PendingPanelReview) {
    result["success"] = decision.awarded();
  }
  result["completion"] = true;
  result["extensions"] = Json{{kCertificateDecisionExtension, decisionExtension}};
  Json statement;
  statement["id"] = exporting::derivedUuid(seed + certificateIri);
  statement["actor"] = actor;
  statement["verb"] = verb(
      decision.outcome == CertificateOutcome::Awarded
          ? kVerbPassed
          : (decision.outcome == CertificateOutcome::NotAwarded ? kVerbFailed : kVerbCompleted));
  statement["object"] = certificateActivity;
  statement["result"] = result;
  statement["context"] = Json{{"language", language}};
  statement["timestamp"] = timestamp;
  statements.push_back(std::move(statement));
  return statements.dump(2) + "\n";
}

} // namespace skillsim::certify
