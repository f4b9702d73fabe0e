// `skillsim run --headless`: replaying a committed trace, and each way a user can get it wrong.
#include <skillsim/app/Cli.h>
#include <skillsim/app/RunObserver.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/WorkstationKey.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace skillsim;

namespace {

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result run(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli(args, out, err);
  return {code, out.str(), err.str()};
}

const std::string kCrane = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/";

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/** A folder of its own under the test output, emptied first; XDG dirs point into it. */
std::string freshDir(const std::string& name) {
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/run-command/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/**
 * Byte offsets where each frame of a trace starts (docs/trace-format.md: a 10-byte preamble,
 * then frames of a 1-byte type, a 4-byte little-endian length, the payload and an 8-byte
 * checksum), and the type of each.
 */
std::vector<std::pair<std::size_t, char>> frames(const std::string& bytes) {
  std::vector<std::pair<std::size_t, char>> out;
  std::size_t pos = 10;
  while (pos + 5 <= bytes.size()) {
    std::uint32_t length = 0;
    for (int i = 0; i < 4; ++i) {
      length |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[pos + 1 + i]))
                << (8 * i);
    }
    out.emplace_back(pos, bytes[pos]);
    pos += 5 + length + 8;
  }
  return out;
}

} // namespace

TEST(RunCommand, HeadlessReplayPrintsTheScoreAndWritesTheReport) {
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/run-command";
  std::filesystem::create_directories(dir);
  const std::string report = dir + "/report.json";
  std::filesystem::remove(report);
  const Result r = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                        kCrane + "traces/q2-competent.sktrace", "--report", report, "--no-store"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("pass mark 70: PASS"), std::string::npos) << r.out;
  // Deductions in words (the run's --lang; here the default from the locale, so both are
  // accepted), by the standard item's title, never a criterion id.
  EXPECT_EQ(r.out.find("placement_b"), std::string::npos) << r.out;
  EXPECT_TRUE(r.out.find("from the centre of circle B") != std::string::npos ||
              r.out.find("落放位置距B 圈中心") != std::string::npos)
      << r.out;
  EXPECT_EQ(r.err.find("differs"), std::string::npos) << r.err;
  std::ifstream in(report);
  std::stringstream json;
  json << in.rdbuf();
  EXPECT_NE(json.str().find("\"overhead_crane.q2_practical\""), std::string::npos) << json.str();
  EXPECT_NE(json.str().find("scripted-competent"), std::string::npos);
}

TEST(RunCommand, HeadlessReplayPrintsDeductionsInTheLanguageAsked) {
  const Result zh = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                         kCrane + "traces/q2-careless.sktrace", "--lang", "zh-CN", "--no-store"});
  ASSERT_EQ(zh.code, 0) << zh.err;
  EXPECT_NE(zh.out.find("吊运物件（水桶）曲线运行并精确落放: 水桶碰触2 号桩"), std::string::npos)
      << zh.out;
  EXPECT_NE(zh.out.find("起升速度 0.020 米/秒 超过 0.020 米/秒 限值（B 圈落放）"),
            std::string::npos)
      << zh.out;
  const Result en = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                         kCrane + "traces/q2-careless.sktrace", "--lang", "en", "--no-store"});
  ASSERT_EQ(en.code, 0) << en.err;
  EXPECT_NE(en.out.find("Moving the bucket along a curved path and setting it down precisely: the "
                        "bucket touched pile 2"),
            std::string::npos)
      << en.out;
  EXPECT_NE(en.out.find("the frames task took 207.8 s, over the target time of 150.0 s"),
            std::string::npos)
      << en.out;
}

TEST(RunCommand, HeadlessNeedsATrace) {
  const Result r = run({"run", kCrane + "q2_practical.toml", "--headless"});
  EXPECT_EQ(r.code, app::kExitUsage);
  EXPECT_NE(r.err.find("--headless needs --input TRACE"), std::string::npos) << r.err;
}

TEST(RunCommand, TraceOfAnotherScenarioIsRefused) {
  const Result r = run({"run", kCrane + "practice_single_lift.toml", "--headless", "--input",
                        kCrane + "traces/q2-competent.sktrace", "--no-store"});
  EXPECT_EQ(r.code, app::kExitFailure);
  EXPECT_NE(r.err.find("recorded on scenario 'overhead_crane.q2_practical' with hash"),
            std::string::npos)
      << r.err;
}

TEST(RunCommand, MissingTraceIsNamed) {
  const Result r = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                        "/nonexistent/a.sktrace", "--no-store"});
  EXPECT_EQ(r.code, app::kExitFailure);
  EXPECT_NE(r.err.find("/nonexistent/a.sktrace"), std::string::npos) << r.err;
}

TEST(RunCommand, UnknownLanguageIsAUsageError) {
  const Result r = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                        kCrane + "traces/q2-competent.sktrace", "--lang", "fr", "--no-store"});
  EXPECT_EQ(r.code, app::kExitUsage);
  EXPECT_NE(r.err.find("unknown language 'fr'"), std::string::npos) << r.err;
}

// Issue 13, point 8: a trace cut off is reported as incomplete, never scored or stored (was: exit
// 0 and "56.95 FAIL" stored).
TEST(RunCommand, TraceCutInsideAFrameIsIncompleteNotScoredNotStored) {
  const std::string dir = freshDir("cut-frame");
  const std::string bytes = readAll(kCrane + "traces/q2-competent.sktrace");
  const auto f = frames(bytes);
  ASSERT_GT(f.size(), 4u);
  // Half-way into the third ticks frame: two whole tick frames survive.
  std::size_t ticksSeen = 0;
  std::size_t cut = 0;
  for (std::size_t i = 0; i + 1 < f.size(); ++i) {
    if (f[i].second == 'T' && ++ticksSeen == 3) {
      cut = (f[i].first + f[i + 1].first) / 2;
      break;
    }
  }
  ASSERT_GT(cut, 0u);
  const std::string trace = dir + "/cut.sktrace";
  std::ofstream(trace, std::ios::binary) << bytes.substr(0, cut);
  const std::string db = dir + "/results.sqlite";
  const Result r =
      run({"run", kCrane + "q2_practical.toml", "--headless", "--input", trace, "--db", db});
  EXPECT_EQ(r.code, app::kExitFailure) << r.out << r.err;
  EXPECT_NE(r.err.find(trace + ": incomplete trace: intact up to tick "), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("partly written frame"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no score, nothing stored"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("pass mark"), std::string::npos) << "scored: " << r.out;
  EXPECT_EQ(r.out.find("stored in"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(db)) << "the store was opened for an incomplete trace";
}

TEST(RunCommand, TraceWithoutItsEndRecordIsIncompleteUpToItsLastTick) {
  const std::string dir = freshDir("no-end");
  const std::string bytes = readAll(kCrane + "traces/q2-competent.sktrace");
  const auto f = frames(bytes);
  ASSERT_EQ(f.back().second, 'E');
  const std::string trace = dir + "/no-end.sktrace";
  std::ofstream(trace, std::ios::binary) << bytes.substr(0, f.back().first);
  const std::string db = dir + "/results.sqlite";
  const Result whole = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                            kCrane + "traces/q2-competent.sktrace", "--no-store"});
  ASSERT_EQ(whole.code, 0) << whole.err;
  const Result r =
      run({"run", kCrane + "q2_practical.toml", "--headless", "--input", trace, "--db", db});
  EXPECT_EQ(r.code, app::kExitFailure) << r.out << r.err;
  EXPECT_NE(r.err.find("without its end record"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no score, nothing stored"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("pass mark"), std::string::npos) << "scored: " << r.out;
  EXPECT_FALSE(std::filesystem::exists(db));
}

// Issue 13, point 9: the trace's header decides the mode and the trainee (was: --mode exam
// stored a practice trace as an exam; --trainee X said "stored" and kept the old trainee).
TEST(RunCommand, ModeOtherThanTheTracesIsRefused) {
  const std::string dir = freshDir("mode");
  const std::string db = dir + "/results.sqlite";
  // A practice trace of the scripted operator, signed with a key of the test's own.
  const std::string practice = dir + "/practice.sktrace";
  const Result made =
      run({"operate", kCrane + "q2_practical.toml", "--profile", "competent", "--mode", "practice",
           "--trainee", "T-0042", "--out", practice, "--key-dir", dir + "/key"});
  ASSERT_EQ(made.code, 0) << made.err;
  const Result r = run({"run", kCrane + "q2_practical.toml", "--headless", "--input", practice,
                        "--mode", "exam", "--db", db});
  EXPECT_EQ(r.code, app::kExitUsage) << r.out << r.err;
  EXPECT_NE(r.err.find("was recorded as a practice attempt; --mode exam cannot change that"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.out.find("pass mark"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(db)) << "the practice trace was stored as an exam";
  // The committed reference traces are exam attempts: --mode practice is refused the same way.
  const Result down =
      run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
           kCrane + "traces/q2-competent.sktrace", "--mode", "practice", "--no-store"});
  EXPECT_EQ(down.code, app::kExitUsage);
  EXPECT_NE(down.err.find("was recorded as an exam attempt; --mode practice cannot"),
            std::string::npos)
      << down.err;
  const Result same = run({"run", kCrane + "q2_practical.toml", "--headless", "--input", practice,
                           "--mode", "practice", "--no-store"});
  EXPECT_EQ(same.code, 0) << same.err;
}

TEST(RunCommand, TraineeOtherThanTheTracesIsRefused) {
  const std::string dir = freshDir("trainee");
  const std::string db = dir + "/results.sqlite";
  const Result r = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                        kCrane + "traces/q2-competent.sktrace", "--trainee", "T-0099", "--db", db});
  EXPECT_EQ(r.code, app::kExitUsage) << r.out << r.err;
  EXPECT_NE(r.err.find("was recorded by trainee 'scripted-competent'; --trainee T-0099 cannot "
                       "change who took it"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(db));
  const Result same = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                           kCrane + "traces/q2-competent.sktrace", "--trainee",
                           "scripted-competent", "--no-store"});
  EXPECT_EQ(same.code, 0) << same.err;
}

// Issue 13, point 10: a folder given as the trace (was: "internal error:
// basic_filebuf::underflow").
TEST(RunCommand, FolderGivenAsTheTraceIsNamed) {
  const Result r = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                        kCrane + "traces", "--no-store"});
  EXPECT_EQ(r.code, app::kExitFailure);
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(kCrane + "traces: is a folder, not a trace file"), std::string::npos)
      << r.err;
}

// Issue 13, point 11: a headless replay that runs longer than 2 s shows its progress on a
// terminal. The terminal and the clock are stand-ins (RunObserver), so nothing here depends on
// how fast the machine is: the fake clock steps 10 ms each time the replay looks at it.
TEST(RunCommand, ALongHeadlessReplayShowsProgressOnATerminal) {
  const std::string trace = kCrane + "traces/q2-competent.sktrace";
  auto read = records::TraceReader::read(trace);
  ASSERT_TRUE(read) << read.error().toString();
  const std::string total = std::to_string(read->actions.size());
  auto replay = [&](bool terminal, std::chrono::milliseconds step) {
    app::RunObserver observer;
    observer.progressTerminal = terminal;
    auto now = std::chrono::steady_clock::time_point{};
    observer.clock = [&now, step] { return now += step; };
    std::ostringstream out;
    std::ostringstream err;
    const int code = app::runCli(
        {"run", kCrane + "q2_practical.toml", "--headless", "--input", trace, "--no-store"}, out,
        err, observer);
    EXPECT_EQ(code, 0) << err.str();
    return err.str();
  };
  const std::string shown = replay(true, std::chrono::milliseconds(10));
  // Drawn in place ("\r[###…] done/total ticks replayed"), ending full and then cleared.
  EXPECT_NE(shown.find("\r[##############################] " + total + "/" + total +
                       " ticks replayed\r\033[K"),
            std::string::npos)
      << shown.substr(0, 200);
  EXPECT_NE(shown.find("\r[#"), shown.rfind("\r[#")) << "redrawn as the replay goes on";
  EXPECT_NE(shown.find("......] "), std::string::npos) << "a partly filled bar was drawn";
  // Not a terminal: nothing drawn, however long it takes; a terminal but a replay under 2 s (the
  // clock stands still): nothing either.
  EXPECT_EQ(replay(false, std::chrono::milliseconds(10)).find("ticks replayed"), std::string::npos);
  EXPECT_EQ(replay(true, std::chrono::milliseconds(0)).find("ticks replayed"), std::string::npos);
}

// Issue 13, point 13: the scripted operator signs with a key of its own, never the workstation's,
// and marks its trace as scripted.
TEST(RunCommand, TheScriptedOperatorSignsWithItsOwnKeyAndSaysSo) {
  const std::string dir = freshDir("operator-key");
  const std::string file = dir + "/bot.sktrace";
  const Result made =
      run({"operate", kCrane + "q2_practical.toml", "--profile", "competent", "--mode", "exam",
           "--trainee", "T-0042", "--out", file, "--key-dir", dir + "/key"});
  ASSERT_EQ(made.code, 0) << made.err;
  auto trace = records::TraceReader::read(file);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->header.formatVersion, 6u) << "this build writes format 6";
  EXPECT_TRUE(trace->header.scripted);
  EXPECT_TRUE(trace->header.examSession.empty());
  EXPECT_TRUE(std::filesystem::exists(dir + "/key/scripted-operator.key"));
  auto bot = records::WorkstationKey::loadOrCreate(dir + "/key",
                                                   records::WorkstationKey::kOperatorFileName);
  ASSERT_TRUE(bot);
  EXPECT_EQ(trace->header.publicKey, bot->publicKey());
  auto workstation = records::WorkstationKey::loadOrCreate(dir + "/key");
  ASSERT_TRUE(workstation);
  EXPECT_NE(trace->header.publicKey, workstation->publicKey());
}

// Issue 13, point 10: a trainee id beyond the basic plane (𠀀, U+20000) survives the command
// line, the trace header and the store (the start screen's part: tests/ui/StartScreenTest.cpp).
TEST(RunCommand, ATraineeNameBeyondTheBasicPlaneIsStoredAsGiven) {
  const std::string dir = freshDir("non-bmp");
  const std::string name = "\xF0\xA0\x80\x80-07"; // 𠀀-07
  const std::string file = dir + "/" + name + ".sktrace";
  const Result made =
      run({"operate", kCrane + "q2_practical.toml", "--profile", "competent", "--mode", "exam",
           "--trainee", name, "--out", file, "--key-dir", dir + "/key"});
  ASSERT_EQ(made.code, 0) << made.err;
  auto trace = records::TraceReader::read(file);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->header.traineeId, name);
  const std::string db = dir + "/results.sqlite";
  const Result stored =
      run({"run", kCrane + "q2_practical.toml", "--headless", "--input", file, "--db", db});
  ASSERT_EQ(stored.code, 0) << stored.err;
  auto store = records::ResultsStore::open(db);
  ASSERT_TRUE(store);
  auto all = (*store)->attempts();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].traineeId, name);
}
