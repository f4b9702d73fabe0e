// The industrial robot's palletising run in automatic mode, headless (issue 16, point 9): five
// parts from the feeder to the pallet with the arm's kinematics, the program, the links and parts
// in the physics world, as tests/sim/ArmCourse.h builds it. The counter is simulated seconds per
// wall-clock second on one core (issue 16 asks for at least 1000). Each case is one cell layout:
// the tick rate (Hz), the feeder pitch (mm), whether the parts may sleep at rest and whether
// islands join by contact points only (WorldSettings::islandsByContact; "by_overlap" is Bullet's
// rule), so one run measures the cell as first built beside the levers and the scenario's cell
// (60 Hz, 50 mm, sleeping by contact; docs/machines/industrial-robot.md "Speed").
// BM_PalletisingScenario is the whole task as a trainee does it: the committed competent trace of
// scenarios/industrial_robot/handling_palletising.toml (teaching on the pendant, stepping, then
// the automatic run) re-simulated headless through the attempt loop with its assessor, as
// `skillsim verify` does; its counter is the trace's simulated seconds per wall second.
//   taskset -c 1 build/release/bench/skillsim_bench_robot --benchmark_min_time=2
#include "ArmCourse.h"

#include <skillsim/app/AttemptReplay.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <benchmark/benchmark.h>

#include <string>

namespace {

using skillsim::sim::robot::testing::PalletisingCell;

void palletising(benchmark::State& state, PalletisingCell cell) {
  double simulated = 0.0;
  double ticks = 0.0;
  for (auto _ : state) {
    const auto result = skillsim::sim::robot::testing::palletisingRun(cell);
    if (!result.done) {
      state.SkipWithError("the palletising run did not finish");
      return;
    }
    simulated += result.simulatedSeconds;
    ticks += result.simulatedSeconds * cell.tickRate;
  }
  state.counters["sim_s_per_wall_s"] = benchmark::Counter(simulated, benchmark::Counter::kIsRate);
  state.counters["us_per_tick"] =
      benchmark::Counter(ticks, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

PalletisingCell cell(double hz, double pitch, bool sleep, bool byContact = false) {
  PalletisingCell c;
  c.tickRate = hz;
  c.feederPitch = pitch;
  c.partsMaySleep = sleep;
  c.islandsByContact = byContact;
  return c;
}

void palletisingScenario(benchmark::State& state) {
  const std::string dir = SKILLSIM_SOURCE_DIR "/scenarios/industrial_robot/";
  auto scenario = skillsim::scenario::loadScenario(dir + "handling_palletising.toml");
  if (!scenario) {
    state.SkipWithError(scenario.error().toString().c_str());
    return;
  }
  auto trace = skillsim::records::TraceReader::read(dir + "traces/palletising-competent.sktrace");
  if (!trace) {
    state.SkipWithError(trace.error().toString().c_str());
    return;
  }
  double simulated = 0.0;
  double ticks = 0.0;
  for (auto _ : state) {
    std::uint64_t replayed = 0;
    auto result = skillsim::app::replayAttempt(
        *scenario, trace->actions,
        [&](std::uint64_t tick, const skillsim::sim::Simulation&,
            const skillsim::assessment::Assessor&) { replayed = tick + 1; });
    if (!result || !result->passed) {
      state.SkipWithError("the competent trace did not replay to a pass");
      return;
    }
    ticks += static_cast<double>(replayed);
    simulated += static_cast<double>(replayed) / scenario->tickRate;
  }
  state.counters["sim_s_per_wall_s"] = benchmark::Counter(simulated, benchmark::Counter::kIsRate);
  state.counters["us_per_tick"] =
      benchmark::Counter(ticks, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

const bool registered = [] {
  benchmark::RegisterBenchmark("BM_PalletisingScenario/competent_trace", palletisingScenario)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  struct Case {
    const char* name;
    PalletisingCell cell;
  };
  for (const Case& c : {Case{"240Hz_pitch50_awake", cell(240.0, 0.050, false)},
                        Case{"60Hz_pitch50_awake", cell(60.0, 0.050, false)},
                        Case{"60Hz_pitch90_sleep", cell(60.0, 0.090, true)},
                        Case{"60Hz_pitch50_sleep_by_overlap", cell(60.0, 0.050, true)},
                        Case{"60Hz_pitch50_sleep_by_contact", cell(60.0, 0.050, true, true)},
                        Case{"60Hz_pitch90_sleep_by_contact", cell(60.0, 0.090, true, true)}}) {
    benchmark::RegisterBenchmark((std::string("BM_Palletising/") + c.name).c_str(), palletising,
                                 c.cell)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  return true;
}();

} // namespace

BENCHMARK_MAIN();
