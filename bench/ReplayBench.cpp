// Replay seek (issue 17, point 2): the committed careless Q2 trace (its last input held on up to
// 10 minutes, but the attempt ends where the assessor ends it: 438 s), keyframes every 10 s built
// once; each iteration seeks to a far point, backwards and forwards in turn. The seek's cost is
// bounded by the keyframe interval, not by the attempt's length (docs/replay.md).
#include <skillsim/app/ReplayModel.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>

namespace {

std::unique_ptr<skillsim::app::ReplayModel> makeModel(std::uint64_t minutes) {
  const std::string root = SKILLSIM_SOURCE_DIR;
  auto s = skillsim::scenario::loadScenario(root + "/scenarios/overhead_crane/q2_practical.toml");
  auto trace = skillsim::records::TraceReader::read(
      root + "/scenarios/overhead_crane/traces/q2-careless.sktrace");
  if (!s || !trace) {
    std::cerr << "cannot load the reference scenario or trace\n";
    std::exit(1);
  }
  // The recorded inputs, then the last tick's input held, up to `minutes`.
  skillsim::core::ActionTrack track = trace->actions;
  const std::uint64_t want = minutes * 60 * s->tickRate;
  if (track.size() < want) {
    track.append(track[track.size() - 1], want - track.size());
  }
  auto model = skillsim::app::ReplayModel::create(*s, std::move(track));
  if (!model) {
    std::cerr << model.error().toString() << "\n";
    std::exit(1);
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

} // namespace

BENCHMARK_MAIN();
