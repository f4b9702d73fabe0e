// `skillsim export` of a class (issue 17 point 3): reading N attempts from an SQLite store and
// writing them as CSV (item columns), JSON or xAPI, the whole command in-process. Run:
//   build/release/bench/skillsim_bench_export --benchmark_min_time=0.5
#include <skillsim/app/Cli.h>
#include <skillsim/records/ResultsStore.h>

#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <unistd.h>

namespace {

using namespace skillsim;
namespace fs = std::filesystem;

/** An exam attempt at a 7-item standard with two deductions, trainee `t`, day `d` of Nov 2026. */
records::AttemptRecord attempt(int i) {
  using assessment::Category;
  records::AttemptRecord a;
  a.attemptId = "attempt-" + std::to_string(i);
  a.traineeId = "T" + std::to_string(i % 40);
  a.traineeName = "学员 " + std::to_string(i % 40) + ", \"class A\"";
  a.scenario = {"overhead_crane.q2_practical", std::string(64, 'c'), "Q2 实操", "Q2 practical",
                "1.0.0"};
  a.mode = records::AttemptMode::Exam;
  a.startUtc = 1793491200 + static_cast<std::int64_t>(i) * 600;
  a.result.scenarioId = a.scenario.id;
  a.result.standardId = "q2-overhead-crane";
  a.result.items = {
      {"hazards", "1", Category::Safety, 10, 10}, {"signals", "2", Category::Procedure, 10, 10},
      {"path", "3", Category::Procedure, 30, 25}, {"placing", "4", Category::Quality, 20, 17},
      {"frames", "5", Category::Quality, 15, 15}, {"time", "6", Category::Efficiency, 10, 10},
      {"end", "7", Category::Procedure, 5, 5}};
  for (const char* item : {"path", "placing"}) {
    a.result.deductions.push_back({item,
                                   "swing",
                                   4.0,
                                   7200,
                                   30.0,
                                   {8.0, 2.5, 6.0},
                                   0.2,
                                   assessment::Finding{.kind = assessment::FindingKind::MetricBand,
                                                       .metric = "load_swing_angle",
                                                       .unit = "rad",
                                                       .value = 0.2,
                                                       .side = assessment::LimitSide::Above,
                                                       .limit = 0.0873,
                                                       .duration = 1.5}});
  }
  a.result.totalPoints = 92.0;
  a.result.maxPoints = 100.0;
  a.result.passMark = 70.0;
  a.result.passed = true;
  a.result.completed = true;
  a.result.endTick = 43200;
  a.result.duration = 180.0;
  a.traceHash = std::string(64, 'd');
  a.signatureValid = true;
  a.engineVersion = "0.1.0";
  return a;
}

/** A store with `n` attempts, made once per n. */
const fs::path& store(int n) {
  static std::map<int, fs::path> made;
  auto it = made.find(n);
  if (it == made.end()) {
    const fs::path dir =
        fs::temp_directory_path() / ("skillsim-bench-export-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / ("store-" + std::to_string(n) + ".sqlite");
    auto s = records::ResultsStore::open(file.string());
    for (int i = 0; i < n; ++i) {
      (void)(*s)->recordAttempt(attempt(i));
    }
    it = made.emplace(n, file).first;
  }
  return it->second;
}

void exportAs(benchmark::State& state, const char* format) {
  const int n = static_cast<int>(state.range(0));
  const fs::path& db = store(n);
  const fs::path out = db.parent_path() / (std::string("out.") + format);
  for (auto _ : state) {
    std::ostringstream o;
    std::ostringstream e;
    const int code = app::runCli(
        {"export", "--db", db.string(), "--format", format, "--out", out.string()}, o, e);
    if (code != 0) {
      state.SkipWithError(e.str().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["bytes"] = static_cast<double>(fs::file_size(out));
}

void BM_ExportCsv(benchmark::State& state) { exportAs(state, "csv"); }
void BM_ExportJson(benchmark::State& state) { exportAs(state, "json"); }
void BM_ExportXapi(benchmark::State& state) { exportAs(state, "xapi"); }

BENCHMARK(BM_ExportCsv)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExportJson)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ExportXapi)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
