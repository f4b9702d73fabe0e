#include "skillsim/records/ResultJson.h"

#include "skillsim/records/TraceHeader.h"

#include <skillsim/core/JsonDepth.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace skillsim::records {

using json = nlohmann::ordered_json;

namespace {

json vec3(const glm::dvec3& v) { return json::array({v.x, v.y, v.z}); }

/** A finite number, or null for a non-finite one (JSON has no form for it; null reads as NaN). */
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json findingObject(const assessment::Finding& f) {
  return {{"kind", std::string(assessment::toString(f.kind))},
          {"metric", f.metric},
          {"control", f.control},
          {"unit", f.unit},
          {"value", number(f.value)},
          {"side", std::string(assessment::toString(f.side))},
          {"limit", number(f.limit)},
          {"limit2", number(f.limit2)},
          {"duration", number(f.duration)},
          {"since", number(f.since)},
          {"phase", f.phase},
          {"subject", f.subject},
          {"other", f.other},
          {"event", f.event},
          {"expected", f.expected},
          {"occurrence", f.occurrence},
          {"count", f.count},
          {"total", f.total}};
}

json resultObject(const assessment::AttemptResult& r) {
  json items = json::array();
  for (const auto& i : r.items) {
    items.push_back({{"itemId", i.itemId},
                     {"clause", i.clause},
                     {"category", std::string(assessment::toString(i.category))},
                     {"maxPoints", i.maxPoints},
                     {"awardedPoints", i.awardedPoints}});
  }
  json deductions = json::array();
  for (const auto& d : r.deductions) {
    deductions.push_back({{"itemId", d.itemId},
                          {"criterionId", d.criterionId},
                          {"points", d.points},
                          {"tick", d.tick},
                          {"time", d.time},
                          {"position", vec3(d.position)},
                          {"measured", d.measured}});
    if (r.format >= 2) {
      deductions.back()["finding"] = findingObject(d.finding);
    } else {
      deductions.back()["reason"] = d.legacyReason;
    }
  }
  json vetoes = json::array();
  for (const auto& v : r.vetoes) {
    vetoes.push_back({{"itemId", v.itemId},
                      {"criterionId", v.criterionId},
                      {"tick", v.tick},
                      {"time", v.time},
                      {"position", vec3(v.position)}});
    if (r.format >= 2) {
      vetoes.back()["finding"] = findingObject(v.finding);
    } else {
      vetoes.back()["reason"] = v.legacyReason;
    }
  }
  json out = {{"scenarioId", r.scenarioId},
              {"standardId", r.standardId},
              {"items", items},
              {"deductions", deductions},
              {"vetoes", vetoes},
              {"totalPoints", r.totalPoints},
              {"maxPoints", r.maxPoints},
              {"passMark", r.passMark},
              {"passed", r.passed},
              {"completed", r.completed},
              {"endTick", r.endTick},
              {"duration", r.duration},
              {"level", r.level}};
  if (r.format >= 2) {
    // Format 1 (no key) had free-text reasons; 2 has findings (docs/trace-format.md).
    out["format"] = r.format;
  }
  return out;
}

json attemptObject(const AttemptRecord& a) {
  return {{"attemptId", a.attemptId},
          {"traineeId", a.traineeId},
          {"traineeName", a.traineeName},
          {"scenario",
           {{"id", a.scenario.id},
            {"hash", a.scenario.hash},
            {"title", a.scenario.title},
            {"titleEn", a.scenario.titleEn},
            {"version", a.scenario.version}}},
          {"mode", std::string(toString(a.mode))},
          {"startUtc", a.startUtc},
          {"start", formatUtc(a.startUtc)},
          {"traceHash", a.traceHash},
          {"signatureValid", a.signatureValid},
          {"engineVersion", a.engineVersion},
          {"result", resultObject(a.result)}};
}

std::string dump(const json& j, int indent) {
  // Non-finite doubles have no JSON form (they would become null and read back as an error):
  // a result never holds one, the assessor rejects NaN (DESIGN.md, bad input).
  return j.dump(indent < 0 ? -1 : indent, ' ', false, json::error_handler_t::replace);
}

/** Reads typed fields, remembering the path for messages; the first problem is kept. */
class FieldReader {
public:
  explicit FieldReader(std::string source) : mSource(std::move(source)) {}

  const json* field(const json& obj, const std::string& path, const char* name) {
    if (mFailed) {
      return nullptr;
    }
    if (!obj.is_object()) {
      failAt(path, "expected an object");
      return nullptr;
    }
    const auto it = obj.find(name);
    if (it == obj.end()) {
      failAt(join(path, name), "missing");
      return nullptr;
    }
    return &*it;
  }
  std::string str(const json& obj, const std::string& path, const char* name) {
    const json* v = field(obj, path, name);
    if (v == nullptr) {
      return {};
    }
    if (!v->is_string()) {
      failAt(join(path, name), "expected a string");
      return {};
    }
    return v->get<std::string>();
  }
  double num(const json& obj, const std::string& path, const char* name) {
    const json* v = field(obj, path, name);
    if (v == nullptr) {
      return 0.0;
    }
    if (!v->is_number()) {
      failAt(join(path, name), "expected a number");
      return 0.0;
    }
    return v->get<double>();
  }
  std::uint64_t u64(const json& obj, const std::string& path, const char* name) {
    const json* v = field(obj, path, name);
    if (v == nullptr) {
      return 0;
    }
    if (!v->is_number_unsigned()) {
      failAt(join(path, name), "expected a non-negative integer");
      return 0;
    }
    return v->get<std::uint64_t>();
  }
  std::int64_t i64(const json& obj, const std::string& path, const char* name) {
    const json* v = field(obj, path, name);
    if (v == nullptr) {
      return 0;
    }
    if (!v->is_number_integer()) {
      failAt(join(path, name), "expected an integer");
      return 0;
    }
    return v->get<std::int64_t>();
  }
  bool boolean(const json& obj, const std::string& path, const char* name) {
    const json* v = field(obj, path, name);
    if (v == nullptr) {
      return false;
    }
    if (!v->is_boolean()) {
      failAt(join(path, name), "expected true or false");
      return false;
    }
    return v->get<bool>();
  }
  const json* array(const json& obj, const std::string& path, const char* name) {
    const json* v = field(obj, path, name);
    if (v != nullptr && !v->is_array()) {
      failAt(join(path, name), "expected an array");
      return nullptr;
    }
    return v;
  }
  /** A number, or NaN for null (a non-finite value written as null). */
  double numOrNull(const json& obj, const std::string& path, const char* name) {
    const json* v = field(obj, path, name);
    if (v != nullptr && v->is_null()) {
      return std::numeric_limits<double>::quiet_NaN();
    }
    return v == nullptr ? 0.0 : num(obj, path, name);
  }
  std::uint32_t u32(const json& obj, const std::string& path, const char* name) {
    const std::uint64_t v = u64(obj, path, name);
    if (v > 0xffffffffu) {
      failAt(join(path, name), "expected a count below 2^32");
      return 0;
    }
    return static_cast<std::uint32_t>(v);
  }
  glm::dvec3 vec(const json& obj, const std::string& path, const char* name) {
    const json* v = field(obj, path, name);
    if (v == nullptr) {
      return glm::dvec3(0.0);
    }
    if (!v->is_array() || v->size() != 3 || !(*v)[0].is_number() || !(*v)[1].is_number() ||
        !(*v)[2].is_number()) {
      failAt(join(path, name), "expected [x, y, z] in metres");
      return glm::dvec3(0.0);
    }
    return {(*v)[0].get<double>(), (*v)[1].get<double>(), (*v)[2].get<double>()};
  }
  void failAt(const std::string& path, const std::string& what) {
    if (!mFailed) {
      mFailed = true;
      mError = core::makeError(core::ErrorCode::InvalidInput, what,
                               core::SourceLocation{.file = mSource, .fieldPath = path});
    }
  }
  static std::string join(const std::string& path, const char* name) {
    return path.empty() ? std::string(name) : path + "." + name;
  }
  [[nodiscard]] bool failed() const { return mFailed; }
  core::Error error() const { return mError; }

private:
  std::string mSource;
  bool mFailed = false;
  core::Error mError;
};

assessment::Finding readFinding(FieldReader& in, const json& j, const std::string& path) {
  assessment::Finding f;
  const std::string kind = in.str(j, path, "kind");
  if (auto k = assessment::findingKindFromName(kind)) {
    f.kind = *k;
  } else if (!in.failed()) {
    in.failAt(path + ".kind", "'" + kind + "' is not a finding kind (docs/deduction-messages.md)");
  }
  f.metric = in.str(j, path, "metric");
  f.control = in.str(j, path, "control");
  f.unit = in.str(j, path, "unit");
  f.value = in.numOrNull(j, path, "value");
  const std::string side = in.str(j, path, "side");
  if (auto s = assessment::limitSideFromName(side)) {
    f.side = *s;
  } else if (!in.failed()) {
    in.failAt(path + ".side", "'" + side + "' is not a limit side (\"\", above, below, reversed)");
  }
  f.limit = in.numOrNull(j, path, "limit");
  f.limit2 = in.numOrNull(j, path, "limit2");
  f.duration = in.numOrNull(j, path, "duration");
  f.since = in.numOrNull(j, path, "since");
  f.phase = in.str(j, path, "phase");
  f.subject = in.str(j, path, "subject");
  f.other = in.str(j, path, "other");
  f.event = in.str(j, path, "event");
  f.expected = in.str(j, path, "expected");
  f.occurrence = in.u32(j, path, "occurrence");
  f.count = in.u32(j, path, "count");
  f.total = in.u32(j, path, "total");
  return f;
}

assessment::AttemptResult readResult(FieldReader& in, const json& j, const std::string& path) {
  assessment::AttemptResult r;
  // No "format": a format 1 result (free-text reasons, hashed as skillsim-attempt-result-v1).
  r.format = j.is_object() && j.contains("format") ? in.u32(j, path, "format") : 1;
  if (!in.failed() && (r.format < 1 || r.format > 2)) {
    in.failAt(FieldReader::join(path, "format"),
              "result format " + std::to_string(r.format) + " is not supported (1 or 2)");
  }
  const bool findings = r.format >= 2;
  r.scenarioId = in.str(j, path, "scenarioId");
  r.standardId = in.str(j, path, "standardId");
  if (const json* items = in.array(j, path, "items")) {
    for (std::size_t k = 0; k < items->size(); ++k) {
      const json& e = (*items)[k];
      const std::string p = FieldReader::join(path, "items") + "[" + std::to_string(k) + "]";
      assessment::ItemResult item;
      item.itemId = in.str(e, p, "itemId");
      item.clause = in.str(e, p, "clause");
      const std::string category = in.str(e, p, "category");
      if (auto c = assessment::categoryFromName(category)) {
        item.category = *c;
      } else if (!in.failed()) {
        in.failAt(p + ".category", "'" + category +
                                       "' is not a category (safety, procedure, quality, "
                                       "efficiency)");
      }
      item.maxPoints = in.num(e, p, "maxPoints");
      item.awardedPoints = in.num(e, p, "awardedPoints");
      r.items.push_back(std::move(item));
    }
  }
  if (const json* list = in.array(j, path, "deductions")) {
    for (std::size_t k = 0; k < list->size(); ++k) {
      const json& e = (*list)[k];
      const std::string p = FieldReader::join(path, "deductions") + "[" + std::to_string(k) + "]";
      assessment::Deduction d;
      d.itemId = in.str(e, p, "itemId");
      d.criterionId = in.str(e, p, "criterionId");
      d.points = in.num(e, p, "points");
      d.tick = in.u64(e, p, "tick");
      d.time = in.num(e, p, "time");
      d.position = in.vec(e, p, "position");
      d.measured = in.num(e, p, "measured");
      if (findings) {
        if (const json* f = in.field(e, p, "finding")) {
          d.finding = readFinding(in, *f, p + ".finding");
        }
      } else {
        d.legacyReason = in.str(e, p, "reason");
      }
      r.deductions.push_back(std::move(d));
    }
  }
  if (const json* list = in.array(j, path, "vetoes")) {
    for (std::size_t k = 0; k < list->size(); ++k) {
      const json& e = (*list)[k];
      const std::string p = FieldReader::join(path, "vetoes") + "[" + std::to_string(k) + "]";
      assessment::Veto v;
      v.itemId = in.str(e, p, "itemId");
      v.criterionId = in.str(e, p, "criterionId");
      v.tick = in.u64(e, p, "tick");
      v.time = in.num(e, p, "time");
      v.position = in.vec(e, p, "position");
      if (findings) {
        if (const json* f = in.field(e, p, "finding")) {
          v.finding = readFinding(in, *f, p + ".finding");
        }
      } else {
        v.legacyReason = in.str(e, p, "reason");
      }
      r.vetoes.push_back(std::move(v));
    }
  }
  r.totalPoints = in.num(j, path, "totalPoints");
  r.maxPoints = in.num(j, path, "maxPoints");
  r.passMark = in.num(j, path, "passMark");
  r.passed = in.boolean(j, path, "passed");
  r.completed = in.boolean(j, path, "completed");
  r.endTick = in.u64(j, path, "endTick");
  r.duration = in.num(j, path, "duration");
  r.level = in.str(j, path, "level");
  return r;
}

AttemptRecord readAttempt(FieldReader& in, const json& j) {
  AttemptRecord a;
  a.attemptId = in.str(j, "", "attemptId");
  a.traineeId = in.str(j, "", "traineeId");
  a.traineeName = in.str(j, "", "traineeName");
  if (const json* s = in.field(j, "", "scenario")) {
    a.scenario.id = in.str(*s, "scenario", "id");
    a.scenario.hash = in.str(*s, "scenario", "hash");
    a.scenario.title = in.str(*s, "scenario", "title");
    a.scenario.titleEn = in.str(*s, "scenario", "titleEn");
    a.scenario.version = in.str(*s, "scenario", "version");
  }
  const std::string mode = in.str(j, "", "mode");
  if (auto m = attemptModeFromName(mode)) {
    a.mode = *m;
  } else if (!in.failed()) {
    in.failAt("mode", "'" + mode + "' is not a mode (practice, exam)");
  }
  a.startUtc = in.i64(j, "", "startUtc");
  a.traceHash = in.str(j, "", "traceHash");
  a.signatureValid = in.boolean(j, "", "signatureValid");
  a.engineVersion = in.str(j, "", "engineVersion");
  if (const json* r = in.field(j, "", "result")) {
    a.result = readResult(in, *r, "result");
  }
  return a;
}

core::Expected<json> parseJson(std::string_view text, const std::string& source) {
  if (const auto deep = core::jsonTooDeepAt(text)) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "JSON nested deeper than " + std::to_string(core::kMaxJsonDepth) +
                               " levels at byte " + std::to_string(*deep),
                           core::SourceLocation{.file = source});
  }
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded()) {
    return core::makeError(core::ErrorCode::InvalidInput, "not valid JSON",
                           core::SourceLocation{.file = source});
  }
  return j;
}

} // namespace

std::string resultToJson(const assessment::AttemptResult& result, int indent) {
  return dump(resultObject(result), indent);
}

core::Expected<assessment::AttemptResult> resultFromJson(std::string_view text,
                                                         const std::string& source) {
  auto j = parseJson(text, source);
  if (!j) {
    return std::move(j).error();
  }
  FieldReader in(source);
  assessment::AttemptResult r = readResult(in, *j, "");
  if (in.failed()) {
    return in.error();
  }
  return r;
}

std::string findingToJson(const assessment::Finding& finding) {
  return dump(findingObject(finding), -1);
}

core::Expected<assessment::Finding> findingFromJson(std::string_view text,
                                                    const std::string& source) {
  auto j = parseJson(text, source);
  if (!j) {
    return std::move(j).error();
  }
  FieldReader in(source);
  assessment::Finding f = readFinding(in, *j, "");
  if (in.failed()) {
    return in.error();
  }
  return f;
}

std::string attemptToJson(const AttemptRecord& record, int indent) {
  return dump(attemptObject(record), indent);
}

core::Expected<AttemptRecord> attemptFromJson(std::string_view text, const std::string& source) {
  auto j = parseJson(text, source);
  if (!j) {
    return std::move(j).error();
  }
  FieldReader in(source);
  AttemptRecord a = readAttempt(in, *j);
  if (in.failed()) {
    return in.error();
  }
  return a;
}

std::string attemptsToJson(std::span<const AttemptRecord> records, int indent,
                           const std::function<void(std::size_t, std::size_t)>& progress) {
  json list = json::array();
  for (const AttemptRecord& r : records) {
    list.push_back(attemptObject(r));
    if (progress) {
      progress(list.size(), records.size());
    }
  }
  return dump(list, indent);
}

} // namespace skillsim::records
