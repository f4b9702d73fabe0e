#include "skillsim/scenario/AttemptRunner.h"

#include <glm/geometric.hpp>

#include <map>

namespace skillsim::scenario {

std::optional<core::ActionState> RecordedInputs::next(const AttemptRunner& attempt) {
  const std::uint64_t tick = attempt.simulation().tick();
  if (mTrack != nullptr) {
    if (tick >= mTrack->size()) {
      return std::nullopt;
    }
    if (tick == mCursorTick + 1) { // the usual case: the tick after the last one read
      ++mCursor;
      ++mCursorTick;
    } else if (tick != mCursorTick) {
      return (*mTrack)[tick]; // out of order (never in one attempt loop): search the runs
    }
    return *mCursor;
  }
  if (tick >= mActions.size()) {
    return std::nullopt;
  }
  return mActions[tick];
}

core::Expected<std::unique_ptr<AttemptRunner>> AttemptRunner::create(const Scenario& scenario) {
  auto simulation = sim::Simulation::create(scenario.simulation);
  if (!simulation) {
    core::Error error = std::move(simulation).error();
    if (error.location.file.empty()) {
      error.location.file = scenario.scenarioFile.string();
    }
    return error;
  }
  return std::unique_ptr<AttemptRunner>(new AttemptRunner(scenario, std::move(simulation).value()));
}

AttemptRunner::AttemptRunner(Scenario scenario, std::unique_ptr<sim::Simulation> simulation)
    : mScenario(std::move(scenario)), mSimulation(std::move(simulation)),
      mAssessor(mScenario.standard, mScenario.rubric, mScenario.id), mSteps(mScenario.steps),
      mScheduled(mScenario.events.size()) {}

bool AttemptRunner::phaseEnded(const std::string& id) const {
  for (const assessment::PhaseSpan& span : mAssessor.phaseTicks()) {
    if (span.phaseId == id) {
      return !span.running;
    }
  }
  return false;
}

void AttemptRunner::beginScheduled(std::uint64_t next) {
  bool windChanged = false;
  for (std::size_t i = 0; i < mScheduled.size(); ++i) {
    const ScheduledEvent& e = mScenario.events[i];
    Scheduled& s = mScheduled[i];
    if (s.blowing && s.endTick && next >= *s.endTick) {
      s.blowing = false;
      windChanged = true;
    }
    if (s.begun) {
      continue;
    }
    const bool now = (e.atTick && next >= *e.atTick) || s.due;
    if (!now) {
      continue;
    }
    s.begun = true;
    sim::SimEvent event;
    event.kind = sim::SimEventKind::Scheduled;
    event.subject = e.id;
    event.other = e.zone;
    if (e.kind == ScheduledEvent::Kind::Wind) {
      event.value = glm::length(e.force);
      s.blowing = true;
      if (e.durationTicks) {
        s.endTick = next + *e.durationTicks;
      }
      windChanged = true;
    } else if (e.kind == ScheduledEvent::Kind::MachineFault) {
      mSimulation->beginFault(e.fault, e.faultParams);
    }
    mSimulation->raiseEvent(std::move(event));
  }
  if (!windChanged) {
    return;
  }
  // The winds on each tag, summed in file order (deterministic), set afresh.
  std::map<std::string, glm::dvec3> byTag;
  for (std::size_t i = 0; i < mScheduled.size(); ++i) {
    const ScheduledEvent& e = mScenario.events[i];
    if (e.kind == ScheduledEvent::Kind::Wind) {
      glm::dvec3& sum = byTag.try_emplace(e.bodyTag, 0.0).first->second;
      if (mScheduled[i].blowing) {
        sum += e.force;
      }
    }
  }
  for (const auto& [tag, force] : byTag) {
    mSimulation->setBodyForce(tag, force);
  }
}

void AttemptRunner::watchScheduled() {
  for (std::size_t i = 0; i < mScheduled.size(); ++i) {
    const ScheduledEvent& e = mScenario.events[i];
    Scheduled& s = mScheduled[i];
    if (s.begun || s.due) {
      continue;
    }
    if (!e.afterPhase.empty()) {
      s.due = phaseEnded(e.afterPhase);
      continue;
    }
    if (!e.when) {
      continue;
    }
    if (!e.when->after.empty() && !phaseEnded(e.when->after)) {
      continue;
    }
    for (const sim::SimEvent& event : mSimulation->events()) {
      if (assessment::matchesEvent(*e.when, event) && ++s.matches >= e.when->count) {
        s.due = true;
        break;
      }
    }
  }
}

void AttemptRunner::addObserver(TickObserver observer) {
  if (observer) {
    mObservers.push_back(std::move(observer));
  }
}

void AttemptRunner::step(const core::ActionState& actions) {
  if (finished()) {
    return;
  }
  if (!mScheduled.empty()) {
    beginScheduled(mSimulation->tick() + 1);
  }
  mSimulation->step(actions);
  mAssessor.observe(mSimulation->tick(), mSimulation->events(), mSimulation->metrics(), actions,
                    mSimulation->proximities());
  if (!mScheduled.empty()) {
    watchScheduled();
  }
  if (!mSteps.allDone() && !mSimulation->events().empty()) {
    mSteps.observe(mSimulation->events(), [this](const std::string& phaseId) {
      for (const assessment::PhaseSpan& span : mAssessor.phaseTicks()) {
        if (span.phaseId == phaseId) {
          return !span.running;
        }
      }
      return false;
    });
  }
  const AttemptTick tick{mSimulation->tick() - 1, actions, *mSimulation, mAssessor};
  for (const TickObserver& observer : mObservers) {
    observer(tick);
  }
}

std::uint64_t AttemptRunner::advance(InputSource& source, std::uint64_t maxTicks) {
  std::uint64_t stepped = 0;
  while (stepped < maxTicks && !finished() && !source.holding()) {
    const std::optional<core::ActionState> actions = source.next(*this);
    if (!actions) {
      mInputsEnded = true; // the trace-end rule: the attempt is scored as it stands
      break;
    }
    step(*actions);
    ++stepped;
  }
  return stepped;
}

assessment::AttemptResult AttemptRunner::run(InputSource& source) {
  advance(source);
  return result();
}

bool AttemptRunner::finished() const {
  return mInputsEnded || mAssessor.finished() || mSimulation->stopped();
}

assessment::AttemptResult AttemptRunner::result() { return mAssessor.finish(); }

core::Expected<assessment::AttemptResult> replayActions(const Scenario& scenario,
                                                        std::span<const core::ActionState> actions,
                                                        const TickObserver& observer) {
  auto runner = AttemptRunner::create(scenario);
  if (!runner) {
    return std::move(runner).error();
  }
  (*runner)->addObserver(observer);
  RecordedInputs inputs(actions);
  return (*runner)->run(inputs);
}

core::Expected<assessment::AttemptResult> replayActions(const Scenario& scenario,
                                                        const core::ActionTrack& actions,
                                                        const TickObserver& observer) {
  auto runner = AttemptRunner::create(scenario);
  if (!runner) {
    return std::move(runner).error();
  }
  (*runner)->addObserver(observer);
  RecordedInputs inputs(actions);
  return (*runner)->run(inputs);
}

} // namespace skillsim::scenario
