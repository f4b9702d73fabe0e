// Records throughput: recording a trace tick by tick (the workstation's per-tick cost), reading
// and checking a 5-minute trace, and writing attempts to an SQLite store. Run:
//   build/release/bench/skillsim_bench_records --benchmark_min_time=0.5
#include <skillsim/records/AttemptRecord.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace {

using namespace skillsim;
namespace fs = std::filesystem;

fs::path scratch() {
  const fs::path dir =
      fs::temp_directory_path() / ("skillsim-bench-records-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

/** An operator moving the hoist and bridge smoothly: a change every tick (the worst case). */
core::ActionState input(std::uint64_t t) {
  core::ActionState s;
  s.setAxis(skillsim::sim::crane_controls::kHoist,
            static_cast<float>(std::sin(static_cast<double>(t) * 0.01)));
  s.setAxis(skillsim::sim::crane_controls::kBridgeTravel,
            static_cast<float>(std::cos(static_cast<double>(t) * 0.003)));
  s.setButton(skillsim::sim::crane_controls::kHorn, t % 2400 < 10);
  return s;
}

records::TraceHeader header() {
  // Designated initialisers rather than assignments: GCC 12 warns falsely (-Wrestrict) on
  // std::string assignment from a literal once inlined at -O3.
  return records::TraceHeader{.scenarioId = "overhead_crane.q2_practical",
                              .scenarioVersion = "1",
                              .tickRate = 240,
                              .traineeId = "bench"};
}

assessment::AttemptResult result() {
  assessment::AttemptResult r;
  r.scenarioId = "overhead_crane.q2_practical";
  r.items = {{"lift", "Q2 2", assessment::Category::Quality, 50, 45}};
  r.deductions = {{"lift",
                   "swing",
                   5,
                   1000,
                   4.1,
                   {1, 2, 3},
                   0.3,
                   assessment::Finding{.kind = assessment::FindingKind::MetricBand,
                                       .metric = "load_swing_angle",
                                       .unit = "rad",
                                       .value = 0.3,
                                       .side = assessment::LimitSide::Above,
                                       .limit = 0.05}}};
  r.totalPoints = 45;
  r.maxPoints = 50;
  r.completed = true;
  return r;
}

void recordFiveMinutes(const fs::path& path, const records::WorkstationKey& key) {
  auto writer = records::TraceWriter::create(path, header(), key);
  for (std::uint64_t t = 0; t < 5 * 60 * 240; ++t) {
    (void)writer->append(input(t));
  }
  (void)writer->finish(result());
}

/** Per-tick cost of TraceWriter::append at 240 Hz, one flush + fdatasync per simulated second. */
void BM_TraceAppendPerTick(benchmark::State& state) {
  const fs::path dir = scratch();
  auto key = records::WorkstationKey::loadOrCreate(dir / "config");
  auto writer = records::TraceWriter::create(dir / "append.sktrace", header(), *key);
  std::uint64_t t = 0;
  for (auto _ : state) {
    if (!writer->append(input(t++))) {
      state.SkipWithError("append failed");
      break;
    }
    if (t == 4 * 3600 * 240 - 1) {
      writer = records::TraceWriter::create(dir / "append.sktrace", header(), *key);
      t = 0;
    }
  }
  state.SetItemsProcessed(state.iterations());
  fs::remove_all(dir);
}
BENCHMARK(BM_TraceAppendPerTick);

/** Reading and checking a 5-minute 240 Hz trace (72,000 ticks): what verify pays per trace. */
void BM_TraceReadFiveMinutes(benchmark::State& state) {
  const fs::path dir = scratch();
  auto key = records::WorkstationKey::loadOrCreate(dir / "config");
  recordFiveMinutes(dir / "five.sktrace", *key);
  state.counters["file_bytes"] = static_cast<double>(fs::file_size(dir / "five.sktrace"));
  for (auto _ : state) {
    auto trace = records::TraceReader::read(dir / "five.sktrace");
    if (!trace || !trace->complete) {
      state.SkipWithError("read failed");
      break;
    }
    benchmark::DoNotOptimize(trace->actions.runCount());
  }
  fs::remove_all(dir);
}
BENCHMARK(BM_TraceReadFiveMinutes)->Unit(benchmark::kMillisecond);

/** One attempt per transaction into SQLite (WAL, synchronous=FULL). */
void BM_SqliteRecordAttempt(benchmark::State& state) {
  const fs::path dir = scratch();
  auto store = records::ResultsStore::open((dir / "bench.sqlite").string());
  records::AttemptRecord a;
  a.traineeId = "bench";
  a.scenario = {"overhead_crane.q2_practical", std::string(64, 'a'), "起重机", "Crane", "1"};
  a.result = result();
  std::uint64_t n = 0;
  for (auto _ : state) {
    std::array<char, 32> id{};
    std::snprintf(id.data(), id.size(), "attempt-%llu", static_cast<unsigned long long>(n++));
    a.attemptId = id.data();
    if (!(*store)->recordAttempt(a)) {
      state.SkipWithError("record failed");
      break;
    }
  }
  fs::remove_all(dir);
}
BENCHMARK(BM_SqliteRecordAttempt)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
