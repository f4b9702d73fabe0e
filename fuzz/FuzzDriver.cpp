// Runs a libFuzzer target without libFuzzer, for ctest under any compiler (and under ASan):
//   skillsim_fuzz_driver COUNT SEED_FILE_OR_DIR...
// First every seed file as it is, then COUNT inputs made by mutating the seeds with a fixed
// pseudo-random sequence (so a failure reproduces): byte flips, insertions of TOML tokens and
// odd values (nan, inf, -1, 0, huge numbers, unbalanced brackets, non-UTF-8 bytes), deletions,
// duplicated and swapped lines, truncations and splices of two seeds. A crash or abort in the
// target fails the test; the input being run is written to stderr's last lines first.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

void run(const std::string& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    out += p;
    out += '\n';
  }
  return out;
}

const std::vector<std::string> kTokens = {"nan",
                                          "inf",
                                          "-inf",
                                          "-1",
                                          "0",
                                          "1e308",
                                          "-1e308",
                                          "9223372036854775807",
                                          "-9223372036854775808",
                                          "\"\"",
                                          "[",
                                          "]",
                                          "{",
                                          "}",
                                          "[[",
                                          "]]",
                                          "=",
                                          ",",
                                          "\"",
                                          "'",
                                          "\n",
                                          "\\u0000",
                                          "\xff\xfe",
                                          "true",
                                          "[]",
                                          "{}",
                                          "[1, 2]",
                                          "\"load\"",
                                          "\"ground\"",
                                          "event = \"end\"",
                                          "after = \"weave\"",
                                          "count = 0",
                                          "points = -5",
                                          "max_points = 1e9",
                                          "kind = \"veto\"",
                                          "kind = \"time_limit\"",
                                          "limit_s = 0.001",
                                          "phase = \"x\"",
                                          "[[rubric]]",
                                          "[[phases]]",
                                          "[[bodies]]",
                                          "[[zones]]",
                                          "[crane]",
                                          "mass = 0",
                                          "shape = \"triangle_mesh\"",
                                          "indices = [0, 1, 2]",
                                          "points = [[0,0,0],[1,0,0],[0,1,0]]",
                                          "min = 5",
                                          "max = 1",
                                          "min_deg = 400",
                                          "tick_rate = 30",
                                          "1979-05-27T07:32:00Z"};

std::string mutate(const std::vector<std::string>& seeds, std::mt19937_64& rng) {
  auto pick = [&](std::size_t n) {
    return static_cast<std::size_t>(rng() % std::max<std::size_t>(n, 1));
  };
  std::string text = seeds[pick(seeds.size())];
  int rounds = 1 + static_cast<int>(pick(4));
  for (int r = 0; r < rounds; ++r) {
    switch (pick(8)) {
    case 0: // flip a byte
      if (!text.empty()) {
        text[pick(text.size())] = static_cast<char>(rng());
      }
      break;
    case 1: // insert a token
      text.insert(pick(text.size() + 1), kTokens[pick(kTokens.size())]);
      break;
    case 2: { // delete a span
      if (!text.empty()) {
        std::size_t at = pick(text.size());
        text.erase(at, 1 + pick(32));
      }
      break;
    }
    case 3: { // replace a value after '=' with a token
      auto ls = lines(text);
      if (!ls.empty()) {
        std::string& line = ls[pick(ls.size())];
        auto eq = line.find('=');
        if (eq != std::string::npos) {
          line = line.substr(0, eq + 1) + " " + kTokens[pick(kTokens.size())];
        }
      }
      text = join(ls);
      break;
    }
    case 4: { // duplicate or swap lines
      auto ls = lines(text);
      if (ls.size() > 1) {
        std::size_t a = pick(ls.size());
        std::size_t b = pick(ls.size());
        if (rng() % 2) {
          std::swap(ls[a], ls[b]);
        } else {
          ls.insert(ls.begin() + static_cast<std::ptrdiff_t>(a), ls[b]);
        }
      }
      text = join(ls);
      break;
    }
    case 5: // truncate
      text.resize(pick(text.size() + 1));
      break;
    case 6: { // splice another seed's lines in
      auto ls = lines(text);
      auto other = lines(seeds[pick(seeds.size())]);
      if (!other.empty()) {
        std::size_t from = pick(other.size());
        std::size_t count = 1 + pick(8);
        ls.insert(ls.begin() + static_cast<std::ptrdiff_t>(pick(ls.size() + 1)),
                  other.begin() + static_cast<std::ptrdiff_t>(from),
                  other.begin() +
                      static_cast<std::ptrdiff_t>(std::min(other.size(), from + count)));
      }
      text = join(ls);
      break;
    }
    default: { // drop a line
      auto ls = lines(text);
      if (!ls.empty()) {
        ls.erase(ls.begin() + static_cast<std::ptrdiff_t>(pick(ls.size())));
      }
      text = join(ls);
      break;
    }
    }
  }
  return text;
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s COUNT SEED_FILE_OR_DIR...\n", argv[0]);
    return 2;
  }
  long count = std::strtol(argv[1], nullptr, 10);
  std::vector<std::filesystem::path> files;
  for (int i = 2; i < argc; ++i) {
    std::filesystem::path p = argv[i];
    if (std::filesystem::is_directory(p)) {
      for (const auto& entry : std::filesystem::directory_iterator(p)) {
        if (entry.is_regular_file()) {
          files.push_back(entry.path());
        }
      }
    } else {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end()); // directory order is not deterministic
  std::vector<std::string> seeds;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    run(seeds.back());
  }
  if (seeds.empty()) {
    std::fprintf(stderr, "no seed files\n");
    return 2;
  }
  std::mt19937_64 rng(20261129);
  for (long i = 0; i < count; ++i) {
    run(mutate(seeds, rng));
  }
  std::printf("fuzz driver: %zu seeds and %ld mutated inputs, no crash\n", seeds.size(), count);
  return 0;
}
