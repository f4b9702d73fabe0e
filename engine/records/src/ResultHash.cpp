#include "skillsim/records/ResultHash.h"

namespace skillsim::records {
namespace {

void put(core::Hasher& h, std::string_view s) {
  h.update(static_cast<std::uint64_t>(s.size()));
  h.update(s);
}

void put(core::Hasher& h, const glm::dvec3& v) {
  h.update(v.x);
  h.update(v.y);
  h.update(v.z);
}

void put(core::Hasher& h, const assessment::Finding& f) {
  h.update(static_cast<std::uint64_t>(f.kind));
  put(h, f.metric);
  put(h, f.control);
  put(h, f.unit);
  h.update(f.value);
  h.update(static_cast<std::uint64_t>(f.side));
  h.update(f.limit);
  h.update(f.limit2);
  h.update(f.duration);
  h.update(f.since);
  put(h, f.phase);
  put(h, f.subject);
  put(h, f.other);
  put(h, f.event);
  put(h, f.expected);
  h.update(static_cast<std::uint64_t>(f.occurrence));
  h.update(static_cast<std::uint64_t>(f.count));
  h.update(static_cast<std::uint64_t>(f.total));
}

/** v1 (format 1: reason texts) and v2 (format 2: findings); the rest is the same. */
core::Digest hashOf(const assessment::AttemptResult& r, bool findings,
                    const std::vector<std::string>* deductionReasons,
                    const std::vector<std::string>* vetoReasons) {
  core::Hasher h;
  h.update(
      std::string_view(findings ? "skillsim-attempt-result-v2" : "skillsim-attempt-result-v1"));
  put(h, r.scenarioId);
  put(h, r.standardId);
  h.update(static_cast<std::uint64_t>(r.items.size()));
  for (const assessment::ItemResult& item : r.items) {
    put(h, item.itemId);
    put(h, item.clause);
    h.update(static_cast<std::uint64_t>(item.category));
    h.update(item.maxPoints);
    h.update(item.awardedPoints);
  }
  h.update(static_cast<std::uint64_t>(r.deductions.size()));
  for (std::size_t i = 0; i < r.deductions.size(); ++i) {
    const assessment::Deduction& d = r.deductions[i];
    put(h, d.itemId);
    put(h, d.criterionId);
    h.update(d.points);
    h.update(d.tick);
    h.update(d.time);
    put(h, d.position);
    h.update(d.measured);
    if (findings) {
      put(h, d.finding);
    } else {
      put(h, deductionReasons != nullptr && i < deductionReasons->size() ? (*deductionReasons)[i]
                                                                         : d.legacyReason);
    }
  }
  h.update(static_cast<std::uint64_t>(r.vetoes.size()));
  for (std::size_t i = 0; i < r.vetoes.size(); ++i) {
    const assessment::Veto& v = r.vetoes[i];
    put(h, v.itemId);
    put(h, v.criterionId);
    h.update(v.tick);
    h.update(v.time);
    put(h, v.position);
    if (findings) {
      put(h, v.finding);
    } else {
      put(h,
          vetoReasons != nullptr && i < vetoReasons->size() ? (*vetoReasons)[i] : v.legacyReason);
    }
  }
  h.update(r.totalPoints);
  h.update(r.maxPoints);
  h.update(r.passMark);
  h.update(static_cast<std::uint64_t>(r.passed));
  h.update(static_cast<std::uint64_t>(r.completed));
  h.update(r.endTick);
  h.update(r.duration);
  put(h, r.level);
  return h.finish();
}

} // namespace

core::Digest resultHash(const assessment::AttemptResult& r) {
  return hashOf(r, r.format >= 2, nullptr, nullptr);
}

core::Digest legacyResultHash(const assessment::AttemptResult& result,
                              const assessment::AttemptResult& recorded) {
  std::vector<std::string> deductionReasons;
  for (const assessment::Deduction& d : recorded.deductions) {
    deductionReasons.push_back(d.legacyReason);
  }
  std::vector<std::string> vetoReasons;
  for (const assessment::Veto& v : recorded.vetoes) {
    vetoReasons.push_back(v.legacyReason);
  }
  return hashOf(result, false, &deductionReasons, &vetoReasons);
}

} // namespace skillsim::records
