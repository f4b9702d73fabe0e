#include "ScoreSheet.h"

#include <skillsim/core/Check.h>

#include <algorithm>
#include <cmath>

namespace skillsim::assessment {

ScoreSheet::ScoreSheet(const Standard& standard, const Rubric& rubric)
    : mStandard(standard), mRubric(rubric) {
  for (const StandardItem& item : standard.items) {
    mItemLeft.push_back(item.points);
  }
  for (const CriterionSpec& criterion : rubric.criteria) {
    std::size_t index = 0;
    for (; index < standard.items.size(); ++index) {
      if (standard.items[index].id == criterion.itemId) {
        break;
      }
    }
    SKILLSIM_CHECK(index < standard.items.size(), "criterion '" + criterion.id +
                                                      "' names unknown item '" + criterion.itemId +
                                                      "' (the scenario loader checks this)");
    mCriterionItem.push_back(index);
  }
  mCriterionTaken.assign(rubric.criteria.size(), 0.0);
}

double ScoreSheet::take(std::size_t criterion, double points, bool ignoreCap, const Observation& at,
                        const glm::dvec3& position, double measured, Finding finding) {
  SKILLSIM_CHECK(criterion < mCriterionItem.size(), "criterion index out of range");
  if (!(points > 0.0)) {
    return 0.0;
  }
  std::size_t item = mCriterionItem[criterion];
  double taken = std::min(points, mItemLeft[item]);
  const CriterionSpec& spec = mRubric.criteria[criterion];
  if (!ignoreCap && spec.maxPoints > 0.0) {
    taken = std::min(taken, spec.maxPoints - mCriterionTaken[criterion]);
  }
  if (!(taken > 0.0)) {
    return 0.0;
  }
  if (finding.phase.empty()) {
    finding.phase = spec.phase;
  }
  mItemLeft[item] -= taken;
  mCriterionTaken[criterion] += taken;
  mDeductions.push_back(Deduction{.itemId = spec.itemId,
                                  .criterionId = spec.id,
                                  .points = taken,
                                  .tick = at.tick,
                                  .time = at.time,
                                  .position = position,
                                  .measured = measured,
                                  .finding = std::move(finding)});
  return taken;
}

double ScoreSheet::deduct(std::size_t criterion, double points, const Observation& at,
                          double measured, Finding finding) {
  return take(criterion, points, false, at, at.position, measured, std::move(finding));
}

double ScoreSheet::deductAt(std::size_t criterion, double points, const Observation& at,
                            const glm::dvec3& position, double measured, Finding finding) {
  return take(criterion, points, false, at, position, measured, std::move(finding));
}

double ScoreSheet::deductAllOfItem(std::size_t criterion, const Observation& at, double measured,
                                   Finding finding) {
  double left = mItemLeft.at(mCriterionItem.at(criterion));
  return take(criterion, left, true, at, at.position, measured, std::move(finding));
}

void ScoreSheet::veto(std::size_t criterion, const Observation& at, const glm::dvec3& position,
                      Finding finding) {
  const CriterionSpec& spec = mRubric.criteria.at(criterion);
  if (finding.phase.empty()) {
    finding.phase = spec.phase;
  }
  mVetoes.push_back(Veto{.itemId = spec.itemId,
                         .criterionId = spec.id,
                         .tick = at.tick,
                         .time = at.time,
                         .position = position,
                         .finding = std::move(finding)});
  mItemLeft[mCriterionItem[criterion]] = 0.0;
  mStopped = true;
}

void ScoreSheet::simulationFaultVeto(const Observation& at, const sim::SimEvent& fault) {
  Finding f;
  f.kind = FindingKind::Veto;
  f.event = std::string(sim::toString(fault.kind));
  f.subject = fault.subjectBody.empty() ? fault.subject : fault.subjectBody;
  mVetoes.push_back(Veto{.itemId = {},
                         .criterionId = std::string(kSimulationFaultCriterion),
                         .tick = at.tick,
                         .time = at.time,
                         .position = fault.position,
                         .finding = std::move(f)});
  mStopped = true;
}

double ScoreSheet::total() const {
  double sum = 0.0;
  for (double left : mItemLeft) {
    sum += left;
  }
  return sum;
}

double ScoreSheet::maxTotal() const { return mStandard.totalPoints(); }

std::vector<ItemResult> ScoreSheet::itemResults() const {
  std::vector<ItemResult> results;
  for (std::size_t i = 0; i < mStandard.items.size(); ++i) {
    const StandardItem& item = mStandard.items[i];
    results.push_back(ItemResult{.itemId = item.id,
                                 .clause = item.clause,
                                 .category = item.category,
                                 .maxPoints = item.points,
                                 .awardedPoints = std::max(0.0, mItemLeft[i])});
  }
  return results;
}

} // namespace skillsim::assessment
