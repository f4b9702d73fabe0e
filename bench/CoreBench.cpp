// Hashing throughput: the state hash runs every tick in determinism checks, the scenario hash
// once per load, the trace hash once per attempt.
#include <skillsim/core/Hash.h>

#include <benchmark/benchmark.h>

#include <string>

static void BM_HashBytes(benchmark::State& state) {
  std::string data(static_cast<std::size_t>(state.range(0)), 'x');
  for (auto _ : state) {
    benchmark::DoNotOptimize(skillsim::core::hashBytes(data));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_HashBytes)->Arg(64)->Arg(4096)->Arg(1 << 20);

static void BM_HashDoubles(benchmark::State& state) {
  for (auto _ : state) {
    skillsim::core::Hasher h;
    for (int i = 0; i < 13 * 40; ++i) { // ~40 bodies x 13 doubles of state
      h.update(static_cast<double>(i) * 0.5);
    }
    benchmark::DoNotOptimize(h.finish());
  }
}
BENCHMARK(BM_HashDoubles);

BENCHMARK_MAIN();
