// The industrial robot's palletising run in automatic mode, headless (issue 16, point 9): five
// parts from the feeder to the pallet with the arm's kinematics, the program, the links and parts
// in the physics world, as tests/sim/ArmCourse.h builds it. The counter is simulated seconds per
// wall-clock second on one core (issue 16 asks for at least 1000). Each case is one cell layout:
// the tick rate (Hz), the feeder pitch (mm) and whether the parts may sleep at rest, so one run
// measures the cell as first built beside the levers (docs/machines/industrial-robot.md "Speed").
//   build/release/bench/skillsim_bench_robot --benchmark_min_time=2
#include "ArmCourse.h"

#include <benchmark/benchmark.h>

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

PalletisingCell cell(double hz, double pitch, bool sleep) {
  PalletisingCell c;
  c.tickRate = hz;
  c.feederPitch = pitch;
  c.partsMaySleep = sleep;
  return c;
}

const bool registered = [] {
  struct Case {
    const char* name;
    PalletisingCell cell;
  };
  for (const Case& c : {Case{"240Hz_pitch50_awake", cell(240.0, 0.050, false)},
                        Case{"240Hz_pitch90_sleep", cell(240.0, 0.090, true)},
                        Case{"100Hz_pitch50_awake", cell(100.0, 0.050, false)},
                        Case{"100Hz_pitch90_sleep", cell(100.0, 0.090, true)},
                        Case{"60Hz_pitch50_awake", cell(60.0, 0.050, false)},
                        Case{"60Hz_pitch90_sleep", cell(60.0, 0.090, true)}}) {
    benchmark::RegisterBenchmark((std::string("BM_Palletising/") + c.name).c_str(), palletising,
                                 c.cell)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  return true;
}();

} // namespace

BENCHMARK_MAIN();
