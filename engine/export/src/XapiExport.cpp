#include "skillsim/export/XapiExport.h"

#include "skillsim/export/DerivedUuid.h"

#include <skillsim/records/ResultJson.h>
#include <skillsim/records/TraceHeader.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace skillsim::exporting {

using json = nlohmann::ordered_json;

namespace {

// cmi5 spec, section 9.6.2 (context categories) and 9.6.3 (sessionid extension).
constexpr const char* kCmi5Category = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
constexpr const char* kMoveOnCategory = "https://w3id.org/xapi/cmi5/context/categories/moveon";
constexpr const char* kSessionIdExtension =
    "https://w3id.org/xapi/cmi5/context/extensions/sessionid";
// ADL activity type for an assessment.
constexpr const char* kAssessmentType = "http://adlnet.gov/expapi/activities/assessment";

struct Verb {
  const char* name;
  const char* iri; // ADL verb IRIs, as cmi5 uses them (cmi5 spec, section 9.3)
  const char* zh;
  const char* en;
};

constexpr Verb kAttempted{"attempted", "http://adlnet.gov/expapi/verbs/attempted", "尝试",
                          "attempted"};
constexpr Verb kCompleted{"completed", "http://adlnet.gov/expapi/verbs/completed", "完成",
                          "completed"};
constexpr Verb kPassed{"passed", "http://adlnet.gov/expapi/verbs/passed", "通过", "passed"};
constexpr Verb kFailed{"failed", "http://adlnet.gov/expapi/verbs/failed", "未通过", "failed"};

/** A statement's or registration's UUID from `name` (DerivedUuid.h, in its own name space). */
std::string xapiUuid(const std::string& name) { return derivedUuid("skillsim-xapi-uuid\n" + name); }

/** ISO 8601 duration, centisecond precision (xAPI 1.0.3, 4.6: 0.01 s), e.g. PT1M5.25S. */
std::string isoDuration(double seconds) {
  const auto centis = static_cast<long long>(std::llround(std::max(0.0, seconds) * 100.0));
  const long long hours = centis / 360000;
  const long long minutes = (centis / 6000) % 60;
  const long long wholeSeconds = (centis / 100) % 60;
  const long long fraction = centis % 100;
  std::string out = "PT";
  if (hours > 0) {
    out += std::to_string(hours) + "H";
  }
  if (minutes > 0) {
    out += std::to_string(minutes) + "M";
  }
  out += std::to_string(wholeSeconds);
  if (fraction > 0) {
    std::array<char, 8> f{};
    std::snprintf(f.data(), f.size(), ".%02lld", fraction);
    std::string frac = f.data();
    while (frac.back() == '0') {
      frac.pop_back();
    }
    out += frac;
  }
  return out + "S";
}

/** ISO 8601 UTC timestamp with milliseconds for start + offset seconds. */
std::string timestamp(std::int64_t startUtc, double offsetSeconds) {
  const auto millis = static_cast<long long>(std::llround(std::max(0.0, offsetSeconds) * 1000.0));
  std::string base = records::formatUtc(startUtc + millis / 1000);
  std::array<char, 8> f{};
  std::snprintf(f.data(), f.size(), ".%03lldZ", millis % 1000);
  base.pop_back(); // 'Z'
  return base + f.data();
}

std::string percentEncode(const std::string& text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kDigits[c >> 4];
      out += kDigits[c & 0xF];
    }
  }
  return out;
}

json languageMap(const std::string& zh, const std::string& en) {
  json m = json::object();
  m["zh-CN"] = zh.empty() ? en : zh;
  m["en"] = en.empty() ? zh : en;
  return m;
}

/** The finding's data and its English text (or a format 1 record's reason) on an entry. */
template <typename Entry>
void addFinding(json& entry, const records::AttemptRecord& a, const Entry& e,
                const ExportText& text) {
  if (a.result.format < 2) {
    entry["text"] = e.legacyReason;
    return;
  }
  entry["finding"] = json::parse(records::findingToJson(e.finding));
  if (text.english != nullptr) {
    auto it = text.contexts.find(a.scenario.id);
    entry["text"] =
        messages::findingText(e.finding, *text.english,
                              it != text.contexts.end() ? it->second : messages::MessageContext{});
  }
}

json deductionList(const records::AttemptRecord& a, const ExportText& text) {
  json list = json::array();
  for (const auto& d : a.result.deductions) {
    json entry = {{"item", d.itemId},
                  {"criterion", d.criterionId},
                  {"points", d.points},
                  {"tick", d.tick},
                  {"time", d.time},
                  {"position", json::array({d.position.x, d.position.y, d.position.z})},
                  {"measured", d.measured}};
    addFinding(entry, a, d, text);
    list.push_back(std::move(entry));
  }
  return list;
}

json vetoList(const records::AttemptRecord& a, const ExportText& text) {
  json list = json::array();
  for (const auto& v : a.result.vetoes) {
    json entry = {{"item", v.itemId},
                  {"criterion", v.criterionId},
                  {"tick", v.tick},
                  {"time", v.time},
                  {"position", json::array({v.position.x, v.position.y, v.position.z})}};
    addFinding(entry, a, v, text);
    list.push_back(std::move(entry));
  }
  return list;
}

json statement(const records::AttemptRecord& a, const XapiOptions& o, const Verb& verb) {
  const bool ending = &verb != &kAttempted;
  json actor = {{"objectType", "Agent"},
                {"name", a.traineeName.empty() ? a.traineeId : a.traineeName},
                {"account", {{"homePage", o.accountHomePage}, {"name", a.traineeId}}}};
  json object = {
      {"objectType", "Activity"},
      {"id", o.activityIriBase + percentEncode(a.scenario.id)},
      {"definition",
       {{"name", languageMap(a.scenario.title, a.scenario.titleEn)},
        {"description",
         languageMap("技能实训考核场景 " + a.scenario.id + "（版本 " + a.scenario.version + "）",
                     "Skills training assessment scenario " + a.scenario.id + " (version " +
                         a.scenario.version + ")")},
        {"type", kAssessmentType}}}};
  json categories = json::array();
  if (ending) {
    // cmi5-defined statements (completed, passed, failed) carry the cmi5 category, and those
    // that can satisfy moveOn the moveon category (cmi5 spec, 9.6.2.1 and 9.6.2.2).
    categories.push_back({{"objectType", "Activity"}, {"id", kCmi5Category}});
    categories.push_back({{"objectType", "Activity"}, {"id", kMoveOnCategory}});
  }
  json context = {{"registration", xapiUuid("registration\n" + a.attemptId)},
                  {"platform", "SkillSim " + a.engineVersion},
                  {"language", "zh-CN"}};
  if (!categories.empty()) {
    context["contextActivities"] = {{"category", categories}};
  }
  context["extensions"] = {{kSessionIdExtension, a.attemptId},
                           {o.extensionIriBase + "mode", std::string(toString(a.mode))},
                           {o.extensionIriBase + "scenario-hash", a.scenario.hash},
                           {o.extensionIriBase + "scenario-version", a.scenario.version},
                           {o.extensionIriBase + "standard", a.result.standardId},
                           {o.extensionIriBase + "trace-hash", a.traceHash},
                           {o.extensionIriBase + "signature-valid", a.signatureValid}};
  json s = {{"id", xapiUuid("statement\n" + a.attemptId + "\n" + verb.name)},
            {"actor", actor},
            {"verb", {{"id", verb.iri}, {"display", languageMap(verb.zh, verb.en)}}},
            {"object", object}};
  const assessment::AttemptResult& r = a.result;
  if (&verb == &kCompleted) {
    // cmi5 9.5.3: completed carries completion true and a duration, and no success.
    s["result"] = {{"completion", true}, {"duration", isoDuration(r.duration)}};
  } else if (&verb == &kPassed || &verb == &kFailed) {
    const double scaled =
        r.maxPoints > 0.0 ? std::clamp(r.totalPoints / r.maxPoints, -1.0, 1.0) : 0.0;
    s["result"] = {
        {"score", {{"scaled", scaled}, {"raw", r.totalPoints}, {"min", 0.0}, {"max", r.maxPoints}}},
        {"success", r.passed},
        {"completion", r.completed},
        {"duration", isoDuration(r.duration)},
        {"extensions",
         {{o.extensionIriBase + "deductions", deductionList(a, o.text)},
          {o.extensionIriBase + "vetoes", vetoList(a, o.text)},
          {o.extensionIriBase + "pass-mark", r.passMark},
          {o.extensionIriBase + "level", r.level}}}};
  }
  s["context"] = context;
  s["timestamp"] = timestamp(a.startUtc, ending ? r.duration : 0.0);
  return s;
}

std::vector<json> statements(const records::AttemptRecord& a, const XapiOptions& o) {
  std::vector<json> out = {statement(a, o, kAttempted)};
  if (a.result.completed) {
    out.push_back(statement(a, o, kCompleted));
  }
  out.push_back(statement(a, o, a.result.passed ? kPassed : kFailed));
  return out;
}

} // namespace

std::vector<std::string> attemptToXapi(const records::AttemptRecord& record,
                                       const XapiOptions& options) {
  std::vector<std::string> out;
  for (const json& s : statements(record, options)) {
    out.push_back(s.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  return out;
}

std::string attemptsToXapi(std::span<const records::AttemptRecord> records,
                           const XapiOptions& options) {
  json all = json::array();
  for (const records::AttemptRecord& a : records) {
    for (json& s : statements(a, options)) {
      all.push_back(std::move(s));
    }
    if (options.progress) {
      options.progress(static_cast<std::size_t>(&a - records.data()) + 1, records.size());
    }
  }
  return all.dump(2, ' ', false, json::error_handler_t::replace);
}

} // namespace skillsim::exporting
