#include "skillsim/app/ReplayModel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <tuple>
#include <utility>

namespace skillsim::app {

namespace {

/** Seconds of attempt between keyframes when the options leave it open. */
constexpr std::uint64_t kDefaultKeyframeSeconds = 10;

int markOrder(TimelineMarkKind kind) {
  switch (kind) {
  case TimelineMarkKind::PhaseStart: return 0;
  case TimelineMarkKind::Deduction: return 1;
  case TimelineMarkKind::Veto: return 2;
  case TimelineMarkKind::PhaseEnd: return 3;
  }
  return 4;
}

} // namespace

ReplayModel::ReplayModel(scenario::Scenario scenario, core::ActionTrack actions)
    : mScenario(std::move(scenario)), mActions(std::move(actions)) {}

ReplayModel::~ReplayModel() {
  if (mWorker.joinable()) {
    mWorker.request_stop();
    mKeyframeUsed.notify_all();
    mWorker.join();
  }
}

core::Expected<std::unique_ptr<ReplayModel>> ReplayModel::create(const scenario::Scenario& scenario,
                                                                 core::ActionTrack actions,
                                                                 ReplayOptions options) {
  if (actions.size() == 0) {
    return core::makeError(core::ErrorCode::InvalidInput, "the trace has no ticks to replay",
                           core::SourceLocation{.file = scenario.scenarioFile.string()});
  }
  std::unique_ptr<ReplayModel> model(new ReplayModel(scenario, std::move(actions)));
  model->mInterval = options.keyframeInterval != 0
                         ? options.keyframeInterval
                         : kDefaultKeyframeSeconds * std::max<std::uint64_t>(scenario.tickRate, 1);

  auto straight = scenario::AttemptRunner::create(model->mScenario);
  if (!straight) {
    return std::move(straight).error();
  }
  scenario::RecordedInputs inputs(model->mActions);
  (*straight)->advance(inputs);
  model->mLength = (*straight)->simulation().tick();
  const auto phases = (*straight)->assessor().phaseTicks();
  model->mResult = (*straight)->result();

  for (const auto& d : model->mResult.deductions) {
    model->mMarks.push_back(
        {.kind = TimelineMarkKind::Deduction, .tick = d.tick, .phaseId = {}, .deduction = d});
  }
  for (const auto& v : model->mResult.vetoes) {
    model->mMarks.push_back({.kind = TimelineMarkKind::Veto, .tick = v.tick, .veto = v});
  }
  for (const auto& p : phases) {
    model->mMarks.push_back(
        {.kind = TimelineMarkKind::PhaseStart, .tick = p.startTick, .phaseId = p.phaseId});
    if (!p.running) {
      model->mMarks.push_back(
          {.kind = TimelineMarkKind::PhaseEnd, .tick = p.endTick, .phaseId = p.phaseId});
    }
  }
  std::stable_sort(
      model->mMarks.begin(), model->mMarks.end(), [](const TimelineMark& a, const TimelineMark& b) {
        return std::tuple(a.tick, markOrder(a.kind)) < std::tuple(b.tick, markOrder(b.kind));
      });

  auto start = scenario::AttemptRunner::create(model->mScenario);
  if (!start) {
    return std::move(start).error();
  }
  model->mCurrent = std::move(*start);
  model->mKeyframes.resize(model->mLength / model->mInterval);
  return model;
}

std::uint64_t ReplayModel::position() const { return mCurrent->simulation().tick(); }

core::Digest ReplayModel::stateHash() const { return mCurrent->simulation().stateHash(); }

std::uint64_t ReplayModel::advanceTo(scenario::AttemptRunner& runner, std::uint64_t tick) const {
  const std::uint64_t at = runner.simulation().tick();
  if (tick <= at) {
    return 0;
  }
  scenario::RecordedInputs inputs(mActions);
  return runner.advance(inputs, tick - at);
}

std::uint64_t ReplayModel::seek(std::uint64_t tick) {
  tick = std::min(tick, mLength);
  const std::uint64_t at = position();
  if (tick == at) {
    return 0;
  }
  // The nearest keyframe at or before the target, if one is ready (only ready ones: a keyframe
  // the background worker is still building is never waited for).
  std::unique_lock lock(mKeyframesMutex);
  std::optional<std::size_t> best;
  for (std::size_t i = std::min<std::size_t>(tick / mInterval, mKeyframes.size()); i > 0; --i) {
    if (mKeyframes[i - 1]) {
      best = i - 1;
      break;
    }
  }
  const std::uint64_t bestTick = best ? (*best + 1) * mInterval : 0;
  if (at < tick && at >= bestTick) {
    lock.unlock();
    return advanceTo(*mCurrent, tick); // playing on is nearest
  }
  if (best) {
    mCurrent = std::move(mKeyframes[*best]);
    lock.unlock();
    mKeyframeUsed.notify_all(); // the worker rebuilds it
  } else {
    lock.unlock();
    auto fresh = scenario::AttemptRunner::create(mScenario);
    // create() built this scenario already: it cannot fail now.
    mCurrent = std::move(*fresh);
  }
  return advanceTo(*mCurrent, tick);
}

std::uint64_t ReplayModel::step(std::uint64_t ticks) {
  const std::uint64_t target = std::min(mLength, position() + std::min(ticks, mLength));
  return advanceTo(*mCurrent, target);
}

std::size_t ReplayModel::buildKeyframes(std::uint64_t upTo, unsigned threads) {
  std::vector<std::size_t> missing;
  {
    const std::lock_guard lock(mKeyframesMutex);
    for (std::size_t i = 0; i < mKeyframes.size(); ++i) {
      if (!mKeyframes[i] && (i + 1) * mInterval <= std::min(upTo, mLength)) {
        missing.push_back(i);
      }
    }
  }
  if (threads == 0) {
    threads = std::max(1U, std::thread::hardware_concurrency());
  }
  threads = std::min<unsigned>(threads, static_cast<unsigned>(missing.size()));
  // Longest first, so the threads finish together.
  std::reverse(missing.begin(), missing.end());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t n = next++; n < missing.size(); n = next++) {
      const std::size_t i = missing[n];
      auto runner = scenario::AttemptRunner::create(mScenario);
      if (runner) {
        advanceTo(**runner, (i + 1) * mInterval);
        const std::lock_guard lock(mKeyframesMutex);
        if (!mKeyframes[i]) { // the background worker may have built it meanwhile
          mKeyframes[i] = std::move(*runner);
        }
      }
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    pool.emplace_back(work);
  }
  work();
  pool.clear();
  return missing.size();
}

void ReplayModel::startBackgroundKeyframes(std::uint64_t chunkTicks) {
  if (mWorker.joinable() || mKeyframes.empty()) {
    return;
  }
  chunkTicks = std::max<std::uint64_t>(chunkTicks, 1);
  mWorker = std::jthread(
      [this, chunkTicks](const std::stop_token& stop) { buildInBackground(stop, chunkTicks); });
}

void ReplayModel::buildInBackground(const std::stop_token& stop, std::uint64_t chunkTicks) {
  while (!stop.stop_requested()) {
    std::optional<std::size_t> slot;
    {
      std::unique_lock lock(mKeyframesMutex);
      // Sleeps while every keyframe is ready; a seek that takes one wakes it.
      mKeyframeUsed.wait(lock, stop, [this, &slot] {
        for (std::size_t i = 0; i < mKeyframes.size(); ++i) {
          if (!mKeyframes[i]) {
            slot = i;
            return true;
          }
        }
        return false;
      });
    }
    if (!slot || stop.stop_requested()) {
      return;
    }
    // Its own simulation, re-simulated from tick 0 (a Bullet world cannot be copied bit-exactly);
    // only the finished runner is shared, under the lock.
    auto runner = scenario::AttemptRunner::create(mScenario);
    if (!runner) {
      return; // create() built this scenario already: it cannot fail now
    }
    const std::uint64_t target = (*slot + 1) * mInterval;
    scenario::RecordedInputs inputs(mActions);
    while (!stop.stop_requested() && (*runner)->simulation().tick() < target &&
           !(*runner)->finished()) {
      const std::uint64_t left = target - (*runner)->simulation().tick();
      if ((*runner)->advance(inputs, std::min(left, chunkTicks)) == 0) {
        break;
      }
    }
    if (stop.stop_requested()) {
      return;
    }
    const std::lock_guard lock(mKeyframesMutex);
    if (!mKeyframes[*slot]) {
      mKeyframes[*slot] = std::move(*runner);
    }
  }
}

std::size_t ReplayModel::keyframesReady() const {
  const std::lock_guard lock(mKeyframesMutex);
  return static_cast<std::size_t>(std::count_if(mKeyframes.begin(), mKeyframes.end(),
                                                [](const auto& k) { return k != nullptr; }));
}

} // namespace skillsim::app
