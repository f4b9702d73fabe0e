// The windowed workstation under a display (Xvfb in CI) with Vulkan (lavapipe): the competent
// reference trace drives the crane in the window to the end of the exam, and the attempt is in
// the results store afterwards (issue 7, point 8).
#include "MissingPrerequisite.h"

#include <skillsim/app/Cli.h>
#include <skillsim/platform/InputDevices.h>
#include <skillsim/platform/Window.h>
#include <skillsim/records/ResultJson.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/SimEvent.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using namespace skillsim;

TEST(WorkstationWindow, PlaysATraceToTheEndAndStoresTheAttempt) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/workstation";
  std::filesystem::create_directories(dir);
  const std::string db = dir + "/results.sqlite";
  std::filesystem::remove(db);
  // The workstation's key and recorded traces go to the user's folders: keep them in the test's.
  ::setenv("XDG_DATA_HOME", (dir + "/data").c_str(), 1);
  ::setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
  const std::string scenarios = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/";
  std::ostringstream out;
  std::ostringstream err;
  // In an invigilated session (issue 13, point 13): its id, invigilator and opening time go into
  // the new trace's signed header; played from a trace, the attempt is marked scripted.
  std::ostringstream opened;
  ASSERT_EQ(app::runCli({"session", "open", "--invigilator", "INV-7", "--db", db}, opened, err), 0)
      << err.str();
  const std::string sessionId = opened.str().substr(0, opened.str().find(' '));
  std::filesystem::remove_all(dir + "/data/skillsim/traces");
  const int code =
      app::runCli({"run", scenarios + "q2_practical.toml", "--trainee", "T-window", "--mode",
                   "exam", "--lang", "en", "--input", scenarios + "traces/q2-competent.sktrace",
                   "--db", db, "--exam-session", sessionId},
                  out, err);
  ASSERT_EQ(code, 0) << out.str() << err.str();
  EXPECT_NE(out.str().find("PASS"), std::string::npos) << out.str();
  auto store = records::ResultsStore::open(db);
  ASSERT_TRUE(store) << store.error().toString();
  auto rows = (*store)->attempts();
  ASSERT_TRUE(rows) << rows.error().toString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].traineeId, "T-window");
  EXPECT_EQ((*rows)[0].scenario.id, "overhead_crane.q2_practical");
  EXPECT_TRUE((*rows)[0].result.passed);
  EXPECT_TRUE((*rows)[0].signatureValid);
  std::vector<std::filesystem::path> written;
  for (const auto& entry : std::filesystem::directory_iterator(dir + "/data/skillsim/traces")) {
    if (entry.path().extension() == ".sktrace") {
      written.push_back(entry.path());
    }
  }
  ASSERT_EQ(written.size(), 1u);
  auto trace = records::TraceReader::read(written.front());
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->header.examSession.id, sessionId);
  EXPECT_EQ(trace->header.examSession.invigilatorId, "INV-7");
  EXPECT_GT(trace->header.examSession.openedUtc, 0);
  EXPECT_LE(trace->header.examSession.openedUtc, trace->header.startUtc);
  EXPECT_TRUE(trace->header.scripted) << "played from a trace: not a person at the controls";
}

namespace {

/** Every SimEvent of every tick, one line each, doubles as hex floats (bit-exact). */
std::string serialize(const sim::SimEvent& e) {
  char numbers[160];
  std::snprintf(numbers, sizeof numbers, "%a %a %a %a", e.position.x, e.position.y, e.position.z,
                e.value);
  return std::to_string(e.tick) + ' ' + std::string(sim::toString(e.kind)) + " [" + e.subject +
         "] [" + e.other + "] [" + e.subjectBody + "] [" + e.otherBody + "] " + numbers + '\n';
}

/** What one `skillsim run` attempt did, as the one stepper's observer saw it. */
struct SeenAttempt {
  std::string events;     ///< serialize() of every event, in order.
  std::string resultJson; ///< records::resultToJson of the result.
  std::uint64_t ticks = 0;
  int results = 0; ///< How many results were reported (one attempt: 1).
};

SeenAttempt runAndWatch(const std::vector<std::string>& args) {
  SeenAttempt seen;
  app::RunObserver observer;
  observer.onTick = [&seen](const scenario::AttemptTick& tick) {
    ++seen.ticks;
    for (const sim::SimEvent& e : tick.simulation.events()) {
      seen.events += serialize(e);
    }
  };
  observer.onResult = [&seen](const assessment::AttemptResult& result) {
    seen.resultJson = records::resultToJson(result, 2);
    ++seen.results;
  };
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli(args, out, err, observer);
  EXPECT_EQ(code, 0) << out.str() << err.str();
  return seen;
}

/** The test's own user folders (the workstation writes its key and traces there). */
std::string windowTestDir(const std::string& name) {
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ::setenv("XDG_DATA_HOME", (dir + "/data").c_str(), 1);
  ::setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
  return dir;
}

void expectWindowEqualsHeadless(const std::string& trace, const std::string& dir,
                                std::uint64_t expectedTicks) {
  const std::string scenario =
      std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/q2_practical.toml";
  const SeenAttempt window =
      runAndWatch({"run", scenario, "--trainee", "T-window", "--mode", "exam", "--lang", "en",
                   "--input", trace, "--db", dir + "/results.sqlite"});
  const SeenAttempt headless =
      runAndWatch({"run", scenario, "--headless", "--input", trace, "--no-store", "--lang", "en"});
  EXPECT_EQ(window.results, 1);
  EXPECT_EQ(headless.results, 1);
  EXPECT_EQ(window.ticks, expectedTicks);
  EXPECT_EQ(headless.ticks, expectedTicks);
  EXPECT_FALSE(headless.events.empty());
  // Byte for byte: the event log and the serialized result.
  EXPECT_TRUE(window.events == headless.events)
      << "the window's event log (" << window.events.size() << " bytes) differs from the headless "
      << "replay's (" << headless.events.size() << " bytes)";
  EXPECT_EQ(window.resultJson, headless.resultJson);
}

} // namespace

// Issue 12 point 4: the window and the headless replay step the same attempt through the same
// stepper (scenario::AttemptRunner), so a trace gives the same event log and result in both.
TEST(WorkstationWindow, TraceDrivenAttemptEqualsTheHeadlessReplayByteForByte) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = windowTestDir("workstation-equals-headless");
  const std::string trace =
      std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/traces/q2-competent.sktrace";
  auto recorded = records::TraceReader::read(trace);
  ASSERT_TRUE(recorded) << recorded.error().toString();
  // The competent attempt ends with its final horn, before or at the trace's last tick.
  SeenAttempt probe = runAndWatch(
      {"run", std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/q2_practical.toml",
       "--headless", "--input", trace, "--no-store"});
  ASSERT_LE(probe.ticks, recorded->actions.size());
  expectWindowEqualsHeadless(trace, dir, probe.ticks);
}

// The trace-end rule (docs/attempt-loop.md): a trace that ends before the attempt does ends the
// attempt there, scored as it stands, in the window exactly as headless (the window used to go on
// with neutral inputs until the time limit).
TEST(WorkstationWindow, TraceEndingBeforeTheAttemptEndsItInTheWindowAsHeadless) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = windowTestDir("workstation-trace-end");
  const std::string scenarioFile =
      std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/q2_practical.toml";
  auto recorded = records::TraceReader::read(
      std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/traces/q2-competent.sktrace");
  ASSERT_TRUE(recorded) << recorded.error().toString();
  auto scenario = scenario::loadScenario(scenarioFile);
  ASSERT_TRUE(scenario) << scenario.error().toString();
  // The first 60 s of the competent attempt: the load is still on its way to circle B.
  const std::uint64_t ticks = 60 * 240;
  ASSERT_LT(ticks, recorded->actions.size());
  std::vector<core::ActionState> first = recorded->actions.toVector();
  first.resize(ticks);
  auto result = scenario::replayActions(*scenario, first);
  ASSERT_TRUE(result) << result.error().toString();
  EXPECT_FALSE(result->completed);
  auto key = records::WorkstationKey::loadOrCreate(dir + "/key");
  ASSERT_TRUE(key) << key.error().toString();
  const std::string truncated = dir + "/q2-first-60s.sktrace";
  // Re-recorded by this build, so in format 2 with the machine's control layout.
  records::TraceHeader header = recorded->header;
  header.setControls(scenario->machine->controls);
  auto writer = records::TraceWriter::create(truncated, header, *key);
  ASSERT_TRUE(writer) << writer.error().toString();
  for (const auto& a : first) {
    ASSERT_TRUE(writer->append(a));
  }
  ASSERT_TRUE(writer->finish(*result));
  expectWindowEqualsHeadless(truncated, dir, ticks);
}

// Issue 14 point 5: Quit during an exam asks first; the second press abandons the attempt, and
// its trace says so. The presses go through the real window's key callback and poller.
TEST(WorkstationWindow, ExamQuitPressedTwiceAbandonsTheAttemptAndItsTrace) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = windowTestDir("workstation-quit");
  const std::string scenarios = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/";
  int frames = 0;
  std::uint64_t ticks = 0;
  int results = 0;
  app::RunObserver observer;
  observer.onTick = [&ticks](const scenario::AttemptTick&) { ++ticks; };
  observer.onResult = [&results](const assessment::AttemptResult&) { ++results; };
  observer.onFrame = [&frames](platform::Window& window) {
    ++frames;
    if (frames == 5 || frames == 9) { // a tap each time, shorter than a frame
      platform::simulateKeyEvent(window, platform::Key::Escape, true);
      platform::simulateKeyEvent(window, platform::Key::Escape, false);
    }
  };
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli(
      {"run", scenarios + "q2_practical.toml", "--trainee", "T-quit", "--mode", "exam", "--lang",
       "en", "--input", scenarios + "traces/q2-competent.sktrace", "--db", dir + "/results.sqlite"},
      out, err, observer);
  EXPECT_NE(code, 0) << "an abandoned attempt has no result";
  EXPECT_EQ(results, 0);
  EXPECT_GE(frames, 9) << "the second press is in frame 9";
  EXPECT_LT(frames, 100) << "the attempt ended at the confirmed Quit";
  EXPECT_GT(ticks, 0U);
  EXPECT_NE(err.str().find("abandoned by the trainee (exam, Quit confirmed)"), std::string::npos)
      << err.str();
  std::vector<std::filesystem::path> traces;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir + "/data")) {
    if (entry.path().extension() == ".sktrace") {
      traces.push_back(entry.path());
    }
  }
  ASSERT_EQ(traces.size(), 1U);
  auto trace = records::TraceReader::read(traces.front());
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_FALSE(trace->complete);
  EXPECT_FALSE(trace->result.has_value());
  EXPECT_NE(trace->incompleteReason.find("abandoned"), std::string::npos)
      << trace->incompleteReason;
  EXPECT_NE(trace->incompleteReason.find("Quit confirmed"), std::string::npos)
      << trace->incompleteReason;
}

// Issue 13, point 13: a person's exam at the workstation (devices, not a trace) carries the exam
// session it was taken in, in its signed header, and is not marked scripted. Quit twice ends it
// after a few frames, so the test does not wait for the whole attempt.
TEST(WorkstationWindow, ALiveExamCarriesItsSessionAndIsNotScripted) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = windowTestDir("workstation-live-exam");
  const std::string scenarios = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/";
  const std::string db = dir + "/results.sqlite";
  std::ostringstream opened;
  std::ostringstream err;
  ASSERT_EQ(app::runCli({"session", "open", "--invigilator", "INV-7", "--db", db}, opened, err), 0)
      << err.str();
  const std::string sessionId = opened.str().substr(0, opened.str().find(' '));
  int frames = 0;
  app::RunObserver observer;
  observer.onFrame = [&frames](platform::Window& window) {
    ++frames;
    if (frames == 5 || frames == 9) {
      platform::simulateKeyEvent(window, platform::Key::Escape, true);
      platform::simulateKeyEvent(window, platform::Key::Escape, false);
    }
  };
  std::ostringstream out;
  app::runCli({"run", scenarios + "q2_practical.toml", "--trainee", "T-live", "--mode", "exam",
               "--lang", "en", "--db", db, "--exam-session", sessionId},
              out, err, observer);
  std::vector<std::filesystem::path> traces;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir + "/data")) {
    if (entry.path().extension() == ".sktrace") {
      traces.push_back(entry.path());
    }
  }
  ASSERT_EQ(traces.size(), 1U) << err.str();
  auto trace = records::TraceReader::read(traces.front());
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->header.formatVersion, records::kTraceFormatVersion);
  EXPECT_FALSE(trace->header.scripted);
  EXPECT_EQ(trace->header.examSession.id, sessionId);
  EXPECT_EQ(trace->header.examSession.invigilatorId, "INV-7");
  EXPECT_LE(trace->header.examSession.openedUtc, trace->header.startUtc);
  auto key = records::WorkstationKey::loadOrCreate(dir + "/config/skillsim");
  ASSERT_TRUE(key) << key.error().toString();
  EXPECT_EQ(trace->header.publicKey, key->publicKey()) << "signed with the workstation key";
}
