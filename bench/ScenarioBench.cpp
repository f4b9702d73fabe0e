// Validating a big scenario (issue 13 point 11): the practice course with n extra bodies, each
// with its own name and tag, generated here. Validation must grow as n log n, not n^2: compare
// the time per body at 1k, 10k and 50k bodies (50k should take well under 1 s).
#include <skillsim/scenario/ScenarioLoader.h>

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/** The practice scenario followed by `bodies` static boxes, each with a unique name and tag. */
std::string bigScenario(std::int64_t bodies) {
  std::string text =
      readFile(SKILLSIM_SOURCE_DIR "/scenarios/overhead_crane/practice_single_lift.toml");
  text.reserve(text.size() + static_cast<std::size_t>(bodies) * 110);
  for (std::int64_t i = 0; i < bodies; ++i) {
    std::string n = std::to_string(i);
    text += "\n[[bodies]]\nname = \"block_" + n + "\"\ntags = [\"row_" + n +
            "\"]\nshape = \"box\"\nsize = [0.5, 0.5, 0.5]\nposition = [" + std::to_string(i % 200) +
            ".0, 0.25, " + std::to_string(i / 200) + ".0]\n";
  }
  return text;
}

void BM_ValidateScenario(benchmark::State& state) {
  const std::string text = bigScenario(state.range(0));
  const std::string standardFile =
      SKILLSIM_SOURCE_DIR "/assets/standards/crane-practice-basic.toml";
  const std::string standard = readFile(standardFile);
  for (auto _ : state) {
    skillsim::scenario::ValidationReport report =
        skillsim::scenario::validateScenarioText(text, "big.toml", standard, standardFile);
    if (!report.valid()) {
      state.SkipWithError(report.problems.front().toString().c_str());
      break;
    }
    benchmark::DoNotOptimize(report);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
  state.counters["bodies"] = static_cast<double>(state.range(0));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(BM_ValidateScenario)
    ->Arg(1000)
    ->Arg(10000)
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

} // namespace

BENCHMARK_MAIN();
