// Issue 19, point 2, the workstation side of live seats (docs/classroom.md): the instructor's
// commands applied at a tick boundary and recorded in the trace (format 5), fed by the test seam
// (app::ScriptedInstructor) through the same applyInstructorCommands the workstation's loop calls,
// on the Q2 scenario driven by the competent reference trace's inputs; then against a real
// PostgreSQL server (SKILLSIM_TEST_PG_URL, and a private server of the test's own for the
// stop/start test): no command lost or applied twice, and the live path surviving a restart.
#include "MissingPrerequisite.h"
#include "RecordsTestSupport.h"

#include <skillsim/app/AttemptReplay.h>
#include <skillsim/app/Cli.h>
#include <skillsim/app/LiveSeat.h>
#include <skillsim/core/Version.h>
#include <skillsim/records/AttemptRecorder.h>
#include <skillsim/records/LiveSeats.h>
#include <skillsim/records/ResultHash.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/SqlConnection.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <sstream>
#include <thread>

using namespace skillsim;

namespace {

using records::InstructorCommandKind;
using records::InstructorOutcome;
using records::SeatCommand;

const std::string kCrane = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/";

struct CliResult {
  int code;
  std::string out;
  std::string err;
};

CliResult run(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli(args, out, err);
  return {code, out.str(), err.str()};
}

std::filesystem::path freshDir(const std::string& name) {
  const auto dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "live-seat" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

const records::Trace& competent() {
  static const records::Trace trace = [] {
    auto t = records::TraceReader::read(kCrane + "traces/q2-competent.sktrace");
    EXPECT_TRUE(t) << t.error().toString();
    return t ? std::move(*t) : records::Trace{};
  }();
  return trace;
}

const scenario::Scenario& q2() {
  static const scenario::Scenario s = [] {
    auto loaded = scenario::loadScenario(kCrane + "q2_practical.toml");
    EXPECT_TRUE(loaded) << loaded.error().toString();
    return loaded ? std::move(*loaded) : scenario::Scenario{};
  }();
  return s;
}

/** What a headless attempt with an instructor gave. */
struct Attempted {
  std::filesystem::path trace;
  bool ended = false;               ///< The instructor ended it (abandoned).
  std::uint64_t heldBoundaries = 0; ///< Boundaries at which no tick ran (held by the instructor).
  std::optional<assessment::AttemptResult> result;
};

/**
 * One attempt at Q2 driven by the competent trace's inputs, as the workstation's loop runs it:
 * at every tick boundary the instructor's commands are applied (applyInstructorCommands) and
 * recorded; a held attempt runs no tick; an end abandons it with kEndedByInstructor. `onTick`
 * runs after each boundary with the ticks run so far (tests offer live states there).
 */
Attempted
attempt(app::InstructorCommandSource& instructor, bool practice, const std::filesystem::path& dir,
        const std::function<void(const scenario::AttemptRunner&, bool held)>& onTick = {}) {
  Attempted out;
  out.trace = dir / "attempt.sktrace";
  auto key = records::WorkstationKey::loadOrCreate(dir / "key");
  EXPECT_TRUE(key) << key.error().toString();
  records::TraceHeader header = competent().header;
  header.engineVersion = std::string(core::engineVersion());
  header.buildId = std::string(core::buildId());
  header.mode = practice ? records::AttemptMode::Practice : records::AttemptMode::Exam;
  header.examSession = {};
  auto writer = records::TraceWriter::create(out.trace, header, *key);
  EXPECT_TRUE(writer) << writer.error().toString();
  auto runner = scenario::AttemptRunner::create(q2());
  EXPECT_TRUE(runner) << runner.error().toString();
  (*runner)->addObserver([&](const scenario::AttemptTick& t) { (void)writer->append(t.actions); });
  scenario::RecordedInputs inputs(competent().actions);
  std::ostringstream err;
  bool held = false;
  for (std::uint64_t boundary = 0; !(*runner)->finished() && boundary < 1'000'000; ++boundary) {
    for (const app::InstructorEffect& e : app::applyInstructorCommands(
             instructor, writer->tickCount(), held, practice, &*writer, err)) {
      held = (held || e.hold) && !e.release;
      out.ended = out.ended || e.end;
    }
    if (out.ended) {
      EXPECT_TRUE(writer->abandon(app::kEndedByInstructor));
      return out;
    }
    if (onTick) {
      onTick(**runner, held);
    }
    if (held) {
      ++out.heldBoundaries;
      continue;
    }
    (*runner)->advance(inputs, 1);
  }
  EXPECT_EQ(err.str(), "");
  out.result = (*runner)->result();
  EXPECT_TRUE(writer->finish(*out.result));
  return out;
}

SeatCommand command(std::int64_t id, InstructorCommandKind kind, std::string text = "") {
  return {id, "bay-02", kind, std::move(text)};
}

// 240 Hz: tick 2400 = 10.0 s, 3600 = 15.0 s.
TEST(InstructorCommands, APracticePauseAndTwoMessagesAreInTheTraceWhichReSimulatesBitExact) {
  const auto dir = freshDir("practice");
  ASSERT_EQ(competent().header.tickRate, 240u);
  app::ScriptedInstructor instructor(
      {{2400, command(1, InstructorCommandKind::Pause)},
       {2400, command(2, InstructorCommandKind::Message, "慢一点 slow down")},
       {2500, command(3, InstructorCommandKind::Resume)},
       {3600, command(4, InstructorCommandKind::Message, "good")}});
  const Attempted a = attempt(instructor, /*practice=*/true, dir);
  ASSERT_TRUE(a.result);
  // Pause and the first message at tick 2400; held there, the resume came at the next boundary:
  // one boundary ran no tick, so the resume is at tick 2400 too.
  EXPECT_EQ(a.heldBoundaries, 1u);
  ASSERT_EQ(instructor.settledCommands.size(), 4u);
  const std::vector<std::pair<std::int64_t, std::uint64_t>> expected = {
      {1, 2400}, {2, 2400}, {3, 2400}, {4, 3600}};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(instructor.settledCommands[i].id, expected[i].first);
    EXPECT_EQ(instructor.settledCommands[i].tick, expected[i].second);
    EXPECT_EQ(instructor.settledCommands[i].outcome, InstructorOutcome::Applied);
  }
  auto trace = records::TraceReader::read(a.trace);
  ASSERT_TRUE(trace) << trace.error().toString();
  ASSERT_TRUE(trace->complete);
  EXPECT_EQ(trace->header.formatVersion, 6u);
  EXPECT_EQ(
      trace->instructorEvents,
      (std::vector<records::InstructorEvent>{
          {2400, InstructorCommandKind::Pause, InstructorOutcome::Applied, ""},
          {2400, InstructorCommandKind::Message, InstructorOutcome::Applied, "慢一点 slow down"},
          {2400, InstructorCommandKind::Resume, InstructorOutcome::Applied, ""},
          {3600, InstructorCommandKind::Message, InstructorOutcome::Applied, "good"}}));
  // The pause held ticks only: the inputs are the reference trace's, tick for tick, and the
  // re-simulated result is the one signed into the reference trace, bit for bit.
  ASSERT_EQ(trace->actions.size(), competent().actions.size());
  EXPECT_EQ(records::resultHash(*a.result), competent().resultHash);
  auto again = app::replayAttempt(q2(), trace->actions);
  ASSERT_TRUE(again) << again.error().toString();
  EXPECT_EQ(records::resultHash(*again), trace->resultHash);

  auto verified = run({"verify", "--no-progress", "--scenarios", kCrane, a.trace.string()});
  EXPECT_EQ(verified.code, 0) << verified.out << verified.err;
  EXPECT_EQ(verified.out.rfind("OK ", 0), 0u) << verified.out;
  EXPECT_NE(verified.out.find("re-simulated bit-exact; signed instructor commands: paused by the "
                              "instructor at 10.0 s; message from the instructor at 10.0 s: "
                              "\"慢一点 slow down\"; resumed by the instructor at 10.0 s; "
                              "message from the instructor at 15.0 s: \"good\""),
            std::string::npos)
      << verified.out;
}

TEST(InstructorCommands, AnExamRefusesPauseAndResumeAndTheClockRunsOn) {
  const auto dir = freshDir("exam");
  app::ScriptedInstructor instructor({{2400, command(7, InstructorCommandKind::Pause)},
                                      {3600, command(8, InstructorCommandKind::Resume)}});
  const Attempted a = attempt(instructor, /*practice=*/false, dir);
  ASSERT_TRUE(a.result);
  EXPECT_EQ(a.heldBoundaries, 0u) << "an exam is never held";
  ASSERT_EQ(instructor.settledCommands.size(), 2u);
  EXPECT_EQ(instructor.settledCommands[0].outcome, InstructorOutcome::Refused);
  EXPECT_EQ(instructor.settledCommands[0].tick, 2400u);
  EXPECT_EQ(instructor.settledCommands[1].outcome, InstructorOutcome::Refused);
  EXPECT_EQ(instructor.settledCommands[1].tick, 3600u);
  EXPECT_EQ(records::resultHash(*a.result), competent().resultHash);
  auto trace = records::TraceReader::read(a.trace);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->instructorEvents,
            (std::vector<records::InstructorEvent>{
                {2400, InstructorCommandKind::Pause, InstructorOutcome::Refused, ""},
                {3600, InstructorCommandKind::Resume, InstructorOutcome::Refused, ""}}));
  auto verified = run({"verify", "--no-progress", "--scenarios", kCrane, a.trace.string()});
  EXPECT_NE(verified.out.find("signed instructor commands: pause by the instructor refused at "
                              "10.0 s (exam); resume by the instructor refused at 15.0 s (exam)"),
            std::string::npos)
      << verified.out << verified.err;
}

TEST(InstructorCommands, EndAbandonsTheAttemptWithTheInstructorsReason) {
  const auto dir = freshDir("end");
  app::ScriptedInstructor instructor({{1200, command(9, InstructorCommandKind::End)}});
  const Attempted a = attempt(instructor, /*practice=*/false, dir);
  EXPECT_TRUE(a.ended);
  EXPECT_FALSE(a.result);
  auto trace = records::TraceReader::read(a.trace);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_FALSE(trace->complete);
  EXPECT_EQ(trace->abandonReason, "ended by the instructor");
  EXPECT_EQ(trace->actions.size(), 1200u);
  EXPECT_EQ(trace->instructorEvents,
            (std::vector<records::InstructorEvent>{
                {1200, InstructorCommandKind::End, InstructorOutcome::Applied, ""}}));
}

TEST(InstructorCommands, TheRuleForEachKindAndALongMessageCutOnACharacter) {
  using K = InstructorCommandKind;
  const auto pause = app::decideInstructorCommand(command(1, K::Pause), true);
  EXPECT_TRUE(pause.hold);
  EXPECT_EQ(pause.outcome, InstructorOutcome::Applied);
  const auto examPause = app::decideInstructorCommand(command(1, K::Pause), false);
  EXPECT_FALSE(examPause.hold);
  EXPECT_EQ(examPause.outcome, InstructorOutcome::Refused);
  EXPECT_TRUE(app::decideInstructorCommand(command(1, K::Resume), true).release);
  EXPECT_FALSE(app::decideInstructorCommand(command(1, K::Resume), false).release);
  EXPECT_TRUE(app::decideInstructorCommand(command(1, K::End), false).end);
  EXPECT_EQ(app::decideInstructorCommand(command(1, K::Message), false).outcome,
            InstructorOutcome::Applied);
  // 999 ASCII bytes and a 3-byte character: 1002 bytes, cut before the character (999).
  const std::string text = std::string(999, 'x') + "慢";
  const auto cut = app::decideInstructorCommand(command(1, K::Message, text), true);
  EXPECT_EQ(cut.text, std::string(999, 'x'));
}

TEST(LiveSeat, TheStateOfARunningAttemptCarriesTheMachinesReadoutsAndTheScore) {
  auto runner = scenario::AttemptRunner::create(q2());
  ASSERT_TRUE(runner) << runner.error().toString();
  scenario::RecordedInputs inputs(competent().actions);
  (*runner)->advance(inputs, 2400);
  const records::LiveSeatState s = app::liveSeatState("bay-02", "T-1", "practice", true, **runner);
  EXPECT_EQ(s.seat, "bay-02");
  EXPECT_EQ(s.traineeId, "T-1");
  EXPECT_EQ(s.scenarioId, q2().id);
  EXPECT_TRUE(s.paused);
  EXPECT_EQ(s.tick, 2400u);
  EXPECT_NEAR(s.elapsedS, 10.0, 1e-9);
  EXPECT_EQ(s.maxScore, (*runner)->assessor().maxScore());
  EXPECT_EQ(s.score, (*runner)->runningScore());
  ASSERT_NE(q2().machine, std::nullopt);
  std::size_t shown = 0;
  for (const auto& r : q2().machine->readouts) {
    shown += r.trainingAid ? 0 : 1;
  }
  EXPECT_EQ(s.readouts.size(), shown);
  EXPECT_EQ(s.areaExtent, q2().machine->sceneExtent);
  EXPECT_EQ(app::seatName("bay-9"), "bay-9");
  std::array<char, 256> host{};
  ASSERT_EQ(::gethostname(host.data(), host.size() - 1), 0);
  EXPECT_EQ(app::seatName(""), std::string(host.data()));
}

// --seat with an SQLite store: said plainly, and the replay is scored and stored as usual.
TEST(LiveSeat, SeatWithAnSqliteStoreSaysLiveSeatsNeedPostgresAndStoresTheAttempt) {
  const auto dir = freshDir("sqlite-seat");
  const std::string store = (dir / "results.sqlite").string();
  auto r = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                kCrane + "traces/q2-competent.sktrace", "--db", store, "--seat", "bay-4", "--lang",
                "en"});
  ASSERT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("--seat bay-4: live seats need a PostgreSQL store"), std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("stored in " + store), std::string::npos) << r.out;
  auto opened = records::ResultsStore::open(store);
  ASSERT_TRUE(opened) << opened.error().toString();
  auto all = (*opened)->attempts();
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 1u);
}

/** A PostgreSQL database of the test's own on the server of SKILLSIM_TEST_PG_URL. */
class LiveSeatPg : public ::testing::Test {
protected:
  void SetUp() override {
    const char* url = std::getenv("SKILLSIM_TEST_PG_URL");
    if (url == nullptr || url[0] == '\0') {
      SKILLSIM_MISSING_PREREQUISITE()
          << "SKILLSIM_TEST_PG_URL is not set, so the instructor's commands are not run against "
             "PostgreSQL; scripts/test.sh starts a server and sets it";
    }
    mServer = url;
    mDatabase = "skillsim_seat_" + std::to_string(std::random_device{}());
    admin(mServer, "CREATE DATABASE " + mDatabase);
    mUrl = records::test::withDatabase(mServer, mDatabase);
  }
  void TearDown() override {
    if (!mDatabase.empty()) {
      admin(mServer, "DROP DATABASE IF EXISTS " + mDatabase + " WITH (FORCE)");
    }
  }
  static void admin(const std::string& location, const std::string& sql) {
    auto c = records::openSqlConnection(location);
    ASSERT_TRUE(c) << c.error().toString();
    auto done = (*c)->execute(sql);
    EXPECT_TRUE(done) << sql << ": " << done.error().toString();
  }
  /** Rows of `sql` on the test's database. */
  std::vector<records::SqlRow> rows(const std::string& sql) {
    auto c = records::openSqlConnection(mUrl);
    EXPECT_TRUE(c) << c.error().toString();
    if (!c) {
      return {};
    }
    auto r = (*c)->query(sql);
    EXPECT_TRUE(r) << sql << ": " << r.error().toString();
    return r ? *r : std::vector<records::SqlRow>{};
  }
  /** Waits (at most 20 s) until `seat` has published a state. */
  void waitOnline(const std::string& seat) {
    for (int i = 0; i < 200; ++i) {
      auto seats = records::readLiveSeats(mUrl);
      ASSERT_TRUE(seats) << seats.error().toString();
      for (const auto& s : *seats) {
        if (s.state.seat == seat) {
          return;
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL() << seat << " never published";
  }

  std::string mServer, mDatabase, mUrl;
};

TEST_F(LiveSeatPg, FiftyCommandsToARunningSeatAreEachAppliedOnceInOrder) {
  {
    auto store = records::ResultsStore::open(mUrl); // schema 8
    ASSERT_TRUE(store) << store.error().toString();
  }
  // Sent while no attempt ran at the seat: expired, never applied to the next attempt.
  admin(mUrl, "INSERT INTO seat_commands (seat, kind, text, sent_unix) VALUES ('bay-05', 'end', "
              "'', 0)");
  auto publisher = records::LiveSeatPublisher::startForSeat(mUrl, "bay-05");
  ASSERT_TRUE(publisher) << publisher.error().toString();
  records::LiveSeatState state;
  state.seat = "bay-05";
  (*publisher)->offer(state);
  waitOnline("bay-05");
  const auto stale = rows("SELECT applied_tick, outcome FROM seat_commands ORDER BY id");
  ASSERT_EQ(stale.size(), 1u);
  EXPECT_EQ(records::sqlInt(stale[0][0]), -1);
  EXPECT_EQ(records::sqlText(stale[0][1]), records::kSeatCommandExpired);

  // 50 messages, sent in five bursts while the attempt's ticks run.
  app::PublishedInstructor instructor(**publisher);
  std::vector<std::int64_t> seen;
  std::ostringstream err;
  std::uint64_t tick = 0;
  int sent = 0;
  for (int round = 0; round < 4000 && seen.size() < 50; ++round, tick += 4) {
    if (round % 20 == 0 && sent < 50) {
      std::string values;
      for (int k = 0; k < 10; ++k, ++sent) {
        values += std::string(values.empty() ? "" : ", ") + "('bay-05', 'message', 'm" +
                  std::to_string(sent + 1) + "', 0)";
      }
      admin(mUrl, "INSERT INTO seat_commands (seat, kind, text, sent_unix) VALUES " + values);
    }
    for (const auto& e :
         app::applyInstructorCommands(instructor, tick, false, true, nullptr, err)) {
      EXPECT_EQ(e.kind, InstructorCommandKind::Message);
      seen.push_back(std::stoll(e.text.substr(1)));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(seen.size(), 50u);
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i], static_cast<std::int64_t>(i + 1)) << "in the order sent";
  }
  ASSERT_TRUE((*publisher)->flush(20.0));
  EXPECT_EQ((*publisher)->commandsFetched(), 50u);
  EXPECT_EQ((*publisher)->commandsMarked(), 50u);
  const auto marked =
      rows("SELECT text, applied_tick, outcome FROM seat_commands WHERE applied_tick >= 0 "
           "ORDER BY id");
  ASSERT_EQ(marked.size(), 50u);
  std::int64_t lastTick = 0;
  for (std::size_t i = 0; i < marked.size(); ++i) {
    EXPECT_EQ(records::sqlText(marked[i][0]), "m" + std::to_string(i + 1));
    EXPECT_EQ(records::sqlText(marked[i][2]), "applied");
    EXPECT_GE(records::sqlInt(marked[i][1]), lastTick) << "applied in the order sent";
    lastTick = records::sqlInt(marked[i][1]);
  }
  EXPECT_TRUE(rows("SELECT id FROM seat_commands WHERE applied_tick IS NULL").empty());
  // A mark given twice changes nothing the second time.
  auto again = records::markSeatCommand(mUrl, 2, 999, "applied");
  ASSERT_TRUE(again) << again.error().toString();
  EXPECT_FALSE(*again);
}

/** Where Debian's PostgreSQL binaries are (initdb, pg_ctl), or "" when not installed. */
std::string postgresBin() {
  std::string found;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    const auto bin = e.path() / "bin";
    if (std::filesystem::exists(bin / "initdb") && std::filesystem::exists(bin / "pg_ctl")) {
      found = bin.string();
    }
  }
  return found;
}

/**
 * A PostgreSQL server of the test's own (initdb in a temporary directory, a free port on
 * 127.0.0.1), so stopping it disturbs no other test; as root it runs as the `postgres` user, as
 * scripts/test-services/postgres.sh does.
 */
class PrivateServer {
public:
  explicit PrivateServer(const std::filesystem::path& dir) : mDir(dir) {}
  ~PrivateServer() { (void)ctl("-m immediate -w stop"); }
  PrivateServer(const PrivateServer&) = delete;
  PrivateServer& operator=(const PrivateServer&) = delete;

  /** Empty on success, else why not (a missing prerequisite). */
  std::string init() {
    mBin = postgresBin();
    if (mBin.empty()) {
      return "the PostgreSQL binaries (Debian package postgresql) are not installed";
    }
    if (::geteuid() == 0) {
      if (std::system("id postgres >/dev/null 2>&1") != 0) {
        return "running as root and there is no postgres user to run a server as";
      }
      mRunAs = "runuser -u postgres -- ";
      (void)std::system(("chown postgres: '" + mDir.string() + "'").c_str());
    }
    if (sh(mRunAs + mBin + "/initdb -D '" + (mDir / "data").string() +
           "' -A trust -U skillsim -E UTF8 --locale=C --no-sync >'" +
           (mDir / "initdb.log").string() + "' 2>&1") != 0) {
      return "initdb failed (see " + (mDir / "initdb.log").string() + ")";
    }
    for (int port = 56432; port < 56472; ++port) {
      mPort = port;
      if (start()) {
        return "";
      }
    }
    return "no private server would start (see " + (mDir / "server.log").string() + ")";
  }
  bool start() {
    return ctl("-l '" + (mDir / "server.log").string() +
               "' -t 30 -o \"-c listen_addresses=127.0.0.1 -p " + std::to_string(mPort) + " -k '" +
               mDir.string() + "' -c fsync=off\" -w start") == 0;
  }
  bool stop() { return ctl("-m fast -w stop") == 0; }
  [[nodiscard]] std::string url() const {
    return "postgresql://skillsim@127.0.0.1:" + std::to_string(mPort) + "/postgres";
  }

private:
  static int sh(const std::string& command) { return std::system(command.c_str()); }
  int ctl(const std::string& args) {
    if (mBin.empty()) {
      return -1;
    }
    return sh(mRunAs + mBin + "/pg_ctl -D '" + (mDir / "data").string() + "' " + args +
              " >/dev/null 2>&1");
  }
  std::filesystem::path mDir;
  std::string mBin, mRunAs;
  int mPort = 0;
};

TEST(LiveSeatPgRestart, TheDatabaseStoppedAndStartedMidAttemptLosesOnlyLiveUpdates) {
  const char* url = std::getenv("SKILLSIM_TEST_PG_URL");
  if (url == nullptr || url[0] == '\0') {
    SKILLSIM_MISSING_PREREQUISITE()
        << "SKILLSIM_TEST_PG_URL is not set (no PostgreSQL for this run), so the stop/start test "
           "does not start a server of its own either; scripts/test.sh starts one";
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   ("skillsim-seat-pg-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  const auto work = freshDir("restart");
  {
    PrivateServer server(dir);
    const std::string why = server.init();
    if (!why.empty()) {
      SKILLSIM_MISSING_PREREQUISITE() << "no private PostgreSQL server: " << why;
    }
    const std::string store = server.url();
    {
      auto opened = records::ResultsStore::open(store);
      ASSERT_TRUE(opened) << opened.error().toString();
    }
    auto publisher = records::LiveSeatPublisher::startForSeat(store, "bay-11");
    ASSERT_TRUE(publisher) << publisher.error().toString();
    app::PublishedInstructor instructor(**publisher);
    bool stopped = false, restarted = false, sent = false;
    std::uint64_t publishedBeforeStop = 0;
    std::uint64_t tickBeforeStop = 0;
    records::LiveSeatState last;
    const Attempted a = attempt(
        instructor, /*practice=*/true, work, [&](const scenario::AttemptRunner& runner, bool held) {
          const std::uint64_t t = runner.simulation().tick();
          if (t % 240 != 0 || held) {
            return; // a state per simulated second
          }
          last = app::liveSeatState("bay-11", "T-9", "practice", held, runner);
          (*publisher)->offer(last);
          if (t == 2400 && !stopped) {
            ASSERT_TRUE((*publisher)->flush(20.0));
            publishedBeforeStop = (*publisher)->stats().published;
            auto seats = records::readLiveSeats(store);
            ASSERT_TRUE(seats) << seats.error().toString();
            ASSERT_EQ(seats->size(), 1u);
            tickBeforeStop = seats->front().state.tick;
            ASSERT_TRUE(server.stop());
            stopped = true;
          }
          if (t == 3600 && !restarted) {
            ASSERT_TRUE(server.start());
            restarted = true;
          }
          if (restarted && !sent) {
            // The instructor's window sends a message once the server is back.
            auto db = records::openSqlConnection(store);
            if (db && (*db)->execute("INSERT INTO seat_commands (seat, kind, text, sent_unix) "
                                     "VALUES ('bay-11', 'message', 'back', 0)")) {
              sent = true;
            }
          }
          if (restarted) {
            // After the restart the attempt goes at a pace a classroom would see it.
            std::this_thread::sleep_for(std::chrono::milliseconds(60));
          }
        });
    ASSERT_TRUE(stopped && restarted && sent);
    ASSERT_TRUE(a.result);
    EXPECT_EQ(records::resultHash(*a.result), competent().resultHash);
    // Offers outrun the round trips (the latest state wins), so fewer than ten were written, but
    // the state at 10 s was in the table when the server stopped.
    EXPECT_GE(publishedBeforeStop, 1u);
    EXPECT_EQ(tickBeforeStop, 2400u);
    EXPECT_GE((*publisher)->stats().failed, 1u) << "states offered while it was down are lost";
    // Publishing resumes (back-off at most 4 s): the last state reaches the table.
    bool resumed = false;
    for (int i = 0; i < 100 && !resumed; ++i) {
      (*publisher)->offer(last);
      ASSERT_TRUE((*publisher)->flush(20.0));
      auto seats = records::readLiveSeats(store);
      resumed = seats && seats->size() == 1 && seats->front().state.tick == last.tick;
      if (!resumed) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    EXPECT_TRUE(resumed) << "publishing resumed after the restart";
    EXPECT_GE((*publisher)->stats().reconnects, 1u);
    // The message sent after the restart was applied once and is in the trace.
    auto trace = records::TraceReader::read(a.trace);
    ASSERT_TRUE(trace) << trace.error().toString();
    ASSERT_EQ(trace->instructorEvents.size(), 1u);
    EXPECT_EQ(trace->instructorEvents[0].text, "back");
    EXPECT_GT(trace->instructorEvents[0].tick, 3600u);
    ASSERT_TRUE((*publisher)->flush(20.0));
    auto pending = records::pendingSeatCommands(store, "bay-11");
    ASSERT_TRUE(pending) << pending.error().toString();
    EXPECT_TRUE(pending->empty()) << "marked applied";
    publisher->reset();

    // The attempt is stored afterwards, with the result signed into its trace, and the replay
    // publishes under its seat too.
    auto stored = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                       a.trace.string(), "--db", store, "--seat", "bay-11", "--lang", "en"});
    ASSERT_EQ(stored.code, 0) << stored.out << stored.err;
    EXPECT_NE(stored.out.find("stored in " + store), std::string::npos) << stored.out;
    auto opened = records::ResultsStore::open(store);
    ASSERT_TRUE(opened) << opened.error().toString();
    auto all = (*opened)->attempts();
    ASSERT_TRUE(all) << all.error().toString();
    ASSERT_EQ(all->size(), 1u);
    EXPECT_EQ(all->front().result, *a.result);
    EXPECT_EQ(all->front().traceHash, core::toHex(trace->fileHash));
    auto seats = records::readLiveSeats(store);
    ASSERT_TRUE(seats) << seats.error().toString();
    ASSERT_EQ(seats->size(), 1u);
    EXPECT_EQ(seats->front().state.tick, trace->actions.size()) << "the replay's last state";
  }
  std::filesystem::remove_all(dir);
}

} // namespace
