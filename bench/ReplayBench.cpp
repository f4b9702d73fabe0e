// Replay seek (issue 17, point 2): a 10-minute attempt (170 s at rest, then the committed careless
// Q2 trace, stopped by the scenario's 600 s time limit: 144 000 ticks at 240 Hz), keyframes every
// 10 s built once; each iteration seeks to a far point, backwards and forwards in turn. The seek's
// cost is bounded by the keyframe interval, not by the attempt's length (docs/replay.md).
#include <skillsim/app/ReplayModel.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

namespace {

/** The careless attempt held on up to `minutes`, keyframes built at once; 0 minutes: as recorded,
 * no keyframes built. */
std::unique_ptr<skillsim::app::ReplayModel> makeModel(std::uint64_t minutes) {
  const std::string root = SKILLSIM_SOURCE_DIR;
  auto s = skillsim::scenario::loadScenario(root + "/scenarios/overhead_crane/q2_practical.toml");
  auto trace = skillsim::records::TraceReader::read(
      root + "/scenarios/overhead_crane/traces/q2-careless.sktrace");
  if (!s || !trace) {
    std::cerr << "cannot load the reference scenario or trace\n";
    std::exit(1);
  }
  // A 10-minute attempt: 170 s at the controls at rest before the recorded inputs (the task
  // clocks wait for the first task, so nothing stops it there), which then run on until the
  // scenario's 600 s time limit ends the attempt. 0 minutes: the attempt as recorded.
  skillsim::core::ActionTrack track = trace->actions;
  if (minutes > 0) {
    track = skillsim::core::ActionTrack();
    track.append(skillsim::core::ActionState{}, 170 * std::uint64_t(s->tickRate));
    for (const skillsim::core::ActionState& a : trace->actions.toVector()) {
      track.push_back(a);
    }
    const std::uint64_t want = minutes * 60 * s->tickRate;
    if (track.size() < want) {
      track.append(track[track.size() - 1], want - track.size());
    }
  }
  auto model = skillsim::app::ReplayModel::create(*s, std::move(track));
  if (!model) {
    std::cerr << model.error().toString() << "\n";
    std::exit(1);
  }
  if (minutes == 0) {
    return std::move(*model);
  }
  const auto begun = std::chrono::steady_clock::now();
  const std::size_t built = (*model)->buildKeyframes();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - begun;
  std::cerr << "built " << built << " keyframes for " << (*model)->length() << " ticks in "
            << took.count() << " s wall\n";
  return std::move(*model);
}

void BM_ReplaySeekCarelessQ2(benchmark::State& state) {
  static auto model = makeModel(10);
  const std::uint64_t len = model->length();
  std::uint64_t i = 0;
  std::uint64_t simulated = 0;
  for (auto _ : state) {
    // Alternate between 95 % and 5 % of the way, just short of a keyframe (the worst case).
    const std::uint64_t base = (i++ % 2 == 0) ? len * 95 / 100 : len * 5 / 100;
    const std::uint64_t target =
        base - base % model->keyframeInterval() + model->keyframeInterval() - 1;
    simulated += model->seek(std::min(target, len));
    state.PauseTiming();
    model->buildKeyframes(); // refill the keyframe the seek used (not part of the seek)
    state.ResumeTiming();
  }
  state.counters["attempt_s"] = static_cast<double>(len) / model->tickRate();
  state.counters["ticks_per_seek"] =
      static_cast<double>(simulated) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ReplaySeekCarelessQ2)->Unit(benchmark::kMillisecond)->Iterations(20);

/** A seek with no keyframe at all: re-simulating from tick 0 to 95 % of the attempt. */
void BM_ReplaySeekWithoutKeyframes(benchmark::State& state) {
  static auto model = makeModel(10);
  const std::uint64_t len = model->length();
  for (auto _ : state) {
    state.PauseTiming();
    auto fresh = skillsim::app::ReplayModel::create(model->scenario(), model->actions());
    state.ResumeTiming();
    benchmark::DoNotOptimize((*fresh)->seek(len * 95 / 100));
  }
}
BENCHMARK(BM_ReplaySeekWithoutKeyframes)->Unit(benchmark::kMillisecond)->Iterations(3);

/**
 * Before the worker thread: what the window did on its own thread while paused, one keyframe per
 * frame; the last keyframe (at the attempt's end) held that frame for its whole re-simulation.
 */
void BM_ReplayKeyframeOnTheWindowThread(benchmark::State& state) {
  static auto model = makeModel(10);
  const std::uint64_t last = model->keyframesTotal() * model->keyframeInterval();
  for (auto _ : state) {
    state.PauseTiming();
    model->seek(last); // uses the last keyframe up (not timed)
    model->seek(0);
    state.ResumeTiming();
    benchmark::DoNotOptimize(model->buildKeyframes(last, 1)); // the old window's frame
  }
}
BENCHMARK(BM_ReplayKeyframeOnTheWindowThread)->Unit(benchmark::kMillisecond)->Iterations(3);

/**
 * After: the keyframes come from the model's background worker (its own simulations); the window
 * thread only seeks, with the keyframes that are ready. Here every seek waits (untimed) until the
 * worker has refilled the one the previous seek used, so it measures the seek, as above.
 */
void BM_ReplaySeekWithBackgroundKeyframes(benchmark::State& state) {
  static auto model = [] {
    auto m = makeModel(0); // no keyframes built by the caller
    const auto begun = std::chrono::steady_clock::now();
    m->startBackgroundKeyframes();
    while (m->keyframesReady() < m->keyframesTotal()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - begun;
    std::cerr << "background worker: " << m->keyframesTotal() << " keyframes ready after "
              << took.count() << " s wall (the window thread built none)\n";
    return m;
  }();
  const std::uint64_t len = model->length();
  std::uint64_t i = 0;
  std::uint64_t simulated = 0;
  for (auto _ : state) {
    const std::uint64_t base = (i++ % 2 == 0) ? len * 95 / 100 : len * 5 / 100;
    const std::uint64_t target =
        base - base % model->keyframeInterval() + model->keyframeInterval() - 1;
    simulated += model->seek(std::min(target, len));
    state.PauseTiming();
    while (model->keyframesReady() < model->keyframesTotal()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    state.ResumeTiming();
  }
  state.counters["ticks_per_seek"] =
      static_cast<double>(simulated) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_ReplaySeekWithBackgroundKeyframes)->Unit(benchmark::kMillisecond)->Iterations(20);

} // namespace

BENCHMARK_MAIN();
