#include "skillsim/assessment/Assessor.h"

#include "Observation.h"
#include "PhaseTracker.h"
#include "ScoreSheet.h"
#include "TriggerState.h"
#include "criteria/Criterion.h"

#include <skillsim/core/Check.h>

#include <cmath>

namespace skillsim::assessment {
namespace {

glm::dvec3 loadPosition(const Rubric& rubric, const sim::Metrics& metrics) {
  auto x = metrics.find(rubric.positionX);
  auto y = metrics.find(rubric.positionY);
  auto z = metrics.find(rubric.positionZ);
  return {x ? metrics.get(*x) : 0.0, y ? metrics.get(*y) : 0.0, z ? metrics.get(*z) : 0.0};
}

} // namespace

Assessor::Assessor(Standard standard, Rubric rubric, std::string scenarioId)
    : mStandard(std::make_unique<Standard>(std::move(standard))),
      mRubric(std::make_unique<Rubric>(std::move(rubric))), mScenarioId(std::move(scenarioId)) {
  SKILLSIM_CHECK(mRubric->tickRate > 0, "rubric tick rate must be positive");
  mPhases = std::make_unique<PhaseTracker>(mRubric->phases);
  mSheet = std::make_unique<ScoreSheet>(*mStandard, *mRubric);
  for (std::size_t i = 0; i < mRubric->criteria.size(); ++i) {
    mCriteria.push_back(Criterion::make(i, mRubric->criteria[i], *mPhases, mRubric->tickRate));
  }
  if (mRubric->end) {
    mEnd = std::make_unique<TriggerState>(*mRubric->end);
  }
}

Assessor::~Assessor() = default;
Assessor::Assessor(Assessor&&) noexcept = default;
Assessor& Assessor::operator=(Assessor&&) noexcept = default;

bool Assessor::finished() const {
  return mResult.has_value() || mCompleted || mTimedOut || mSheet->stopped();
}

double Assessor::runningScore() const { return mSheet->total(); }
double Assessor::maxScore() const { return mSheet->maxTotal(); }
const std::vector<Deduction>& Assessor::deductions() const { return mSheet->deductions(); }
bool Assessor::vetoed() const { return !mSheet->vetoes().empty(); }

std::vector<PhaseSpan> Assessor::phaseTicks() const {
  std::vector<PhaseSpan> spans;
  for (std::size_t i = 0; i < mPhases->size(); ++i) {
    const PhaseTracker::State state = mPhases->state(i);
    if (state == PhaseTracker::State::NotStarted) {
      continue;
    }
    const bool running = state == PhaseTracker::State::Active;
    spans.push_back(PhaseSpan{mPhases->id(i), mPhases->startTick(i),
                              running ? mLastTick : mPhases->endTick(i), running});
  }
  return spans;
}

void Assessor::dispatch(const EventRef& ref, const Observation& obs) {
  mPhases->process(ref, obs.tick);
  for (auto& criterion : mCriteria) {
    criterion->onEvent(ref, obs, *mSheet, *mPhases);
  }
  if (mEnd && !mCompleted && mEnd->feed(ref, mPhases->endedQuery())) {
    mCompleted = true;
  }
}

void Assessor::observe(std::uint64_t tick, std::span<const sim::SimEvent> events,
                       const sim::Metrics& metrics, const core::ActionState& actions,
                       std::span<const sim::Proximity> proximities) {
  if (finished()) {
    return;
  }
  SKILLSIM_CHECK(!mStarted || tick > mLastTick, "Assessor::observe: ticks must increase");
  if (!mBound) {
    for (auto& criterion : mCriteria) {
      criterion->bind(metrics);
    }
    mBound = true;
  }
  mLastTick = tick;
  mLastActions = actions;
  mLastMetrics = metrics;
  Observation obs{.tick = tick,
                  .time = static_cast<double>(tick) / mRubric->tickRate,
                  .metrics = &metrics,
                  .actions = &actions,
                  .position = loadPosition(*mRubric, metrics),
                  .proximities = proximities};
  if (!mStarted) {
    mStarted = true;
    dispatch(EventRef{nullptr, PseudoEvent::Start}, obs);
  }
  for (const sim::SimEvent& event : events) {
    dispatch(EventRef{&event, PseudoEvent::None}, obs);
    // The rubric's own veto (or any earlier one) already failed the attempt: no second charge.
    if (event.kind == sim::SimEventKind::PhysicsFault && mSheet->vetoes().empty()) {
      mSheet->simulationFaultVeto(obs, event);
    }
  }
  bool neutral = actions.neutral();
  if (mWasNeutral && !neutral) {
    dispatch(EventRef{nullptr, PseudoEvent::Motion}, obs);
  }
  mWasNeutral = neutral;
  for (auto& criterion : mCriteria) {
    criterion->onTick(obs, *mSheet, *mPhases);
  }
  if (mRubric->timeLimit > 0.0 && !finished() &&
      static_cast<double>(tick) >= mRubric->timeLimit * mRubric->tickRate) {
    mTimedOut = true;
  }
}

AttemptResult Assessor::finish() {
  if (mResult) {
    return *mResult;
  }
  Observation obs{.tick = mLastTick,
                  .time = static_cast<double>(mLastTick) / mRubric->tickRate,
                  .metrics = mLastMetrics ? &*mLastMetrics : nullptr,
                  .actions = mLastActions ? &*mLastActions : nullptr,
                  .position =
                      mLastMetrics ? loadPosition(*mRubric, *mLastMetrics) : glm::dvec3(0.0)};
  mPhases->closeAll(mLastTick);
  // With nothing observed, criteria decided at the end cannot be shown to be met and deduct.
  for (auto& criterion : mCriteria) {
    criterion->onFinish(obs, *mSheet, *mPhases);
  }
  AttemptResult result;
  result.scenarioId = mScenarioId;
  result.standardId = mStandard->id;
  result.items = mSheet->itemResults();
  result.deductions = mSheet->deductions();
  result.vetoes = mSheet->vetoes();
  result.totalPoints = mSheet->total();
  result.maxPoints = mSheet->maxTotal();
  result.passMark = mStandard->passMark;
  result.passed = result.vetoes.empty() && result.totalPoints >= result.passMark;
  result.completed = mCompleted && result.vetoes.empty();
  result.endTick = mLastTick;
  result.duration = static_cast<double>(mLastTick) / mRubric->tickRate;
  if (result.passed) {
    for (const StandardLevel& level : mStandard->levels) {
      if (result.totalPoints >= level.minPoints) {
        result.level = level.id;
      }
    }
  }
  mResult = result;
  return result;
}

} // namespace skillsim::assessment
