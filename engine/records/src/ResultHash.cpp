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

} // namespace

core::Digest resultHash(const assessment::AttemptResult& r) {
  core::Hasher h;
  h.update(std::string_view("skillsim-attempt-result-v1"));
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
  for (const assessment::Deduction& d : r.deductions) {
    put(h, d.itemId);
    put(h, d.criterionId);
    h.update(d.points);
    h.update(d.tick);
    h.update(d.time);
    put(h, d.position);
    h.update(d.measured);
    put(h, d.reason);
  }
  h.update(static_cast<std::uint64_t>(r.vetoes.size()));
  for (const assessment::Veto& v : r.vetoes) {
    put(h, v.itemId);
    put(h, v.criterionId);
    h.update(v.tick);
    h.update(v.time);
    put(h, v.position);
    put(h, v.reason);
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

} // namespace skillsim::records
