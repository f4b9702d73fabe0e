// certify and report on REAL traces: the committed Q2 reference traces (q2-competent 96.42 pass,
// q2-careless 65.56 fail) copied into a scratch folder, their records put into a hand-made store,
// and every attempt re-verified by re-simulating its trace (app::checkStoredAttempts). Each
// re-simulation costs real time (more under ASan), so the suite re-simulates each trace once in
// SetUpTestSuite for the checker's own assertions, and once more per command run.
//
// The committed traces always come from another build (the build id names the commit, and a
// trace is committed after the build that recorded it), so on their own they only ever exercise
// the other-build paths. The suite therefore also records both scripted operators with THIS build
// (op::runOperator + TraceWriter, as `skillsim operate` does) and checks that those verify
// without --allow-other-build (issue 20, point 5).

#include "CertifyCommandTestSupport.h"

#include <skillsim/app/StoredAttemptCheck.h>
#include <skillsim/certify/CertificateEvidenceFromRecords.h>
#include <skillsim/core/Version.h>
#include <skillsim/operator/OperatorRun.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/report/ReportFromResult.h>
#include <skillsim/report/ReportScenarioOverlay.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace skillsim::app {
namespace {

namespace fs = std::filesystem;

const std::string kSource = SKILLSIM_SOURCE_DIR;
const std::string kScenarios = kSource + "/scenarios";

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

/** The `kind` plots (`<svg … class="plot plot-KIND"` up to `</svg>`) in document order. */
std::vector<std::string> svgs(const std::string& html, const std::string& kind) {
  std::vector<std::string> out;
  const std::string open = "class=\"plot plot-" + kind + "\"";
  for (auto pos = html.find(open); pos != std::string::npos; pos = html.find(open, pos + 1)) {
    out.push_back(html.substr(pos, html.find("</svg>", pos) - pos));
  }
  return out;
}

/** Number of "x,y" points in the one series polyline of `svg` (0 when it has none). */
/** Points of every series polyline in `svg` (a gated series breaks into several). */
std::size_t seriesPoints(const std::string& svg) {
  // (Not std::regex: libstdc++'s recursive matcher overflows the stack on thousands of points.)
  const std::string open = "<polyline class=\"series\" points=\"";
  std::size_t points = 0;
  for (auto start = svg.find(open); start != std::string::npos; start = svg.find(open, start + 1)) {
    const auto from = start + open.size();
    points += count(svg.substr(from, svg.find('"', from) - from), ",");
  }
  return points;
}

/** A reference trace and the store record the workstation would have written for it. */
struct Reference {
  fs::path file;
  records::Trace trace;
  records::AttemptRecord record;
};

class TraceEvidenceTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    sDir = std::make_unique<test::ScratchDir>("trace-evidence");
    fs::create_directories(sDir->file("traces"));
    sCompetent = reference("q2-competent.sktrace");
    sCareless = reference("q2-careless.sktrace");

    // The checker on its own, once for every case it must tell apart: one re-simulation per
    // trace, whatever the number of records naming it.
    sEdited = sCompetent.record;
    sEdited.attemptId = "zz-edited";
    sEdited.result.totalPoints = 95.0;
    sAbsent = sCompetent.record;
    sAbsent.attemptId = "gone";
    sAbsent.traceHash = "3f2a" + std::string(60, '0');
    sOtherTrainee = sCompetent.record;
    sOtherTrainee.attemptId = "borrowed";
    sOtherTrainee.traineeId = "T-borrower";
    sPractice = sCareless.record;
    sPractice.attemptId = "practice-claim";
    sPractice.mode = records::AttemptMode::Practice;
    const std::vector<records::AttemptRecord> all{sCompetent.record, sEdited,   sAbsent,
                                                  sOtherTrainee,     sPractice, sCareless.record};
    // As `report` checks without --allow-other-build: motion from every trace found, and a
    // trace of another build (the committed ones are) re-simulated but not counted.
    TraceSearchOptions options = searchOptions(true);
    options.allowOtherBuild = false;
    auto checks = checkStoredAttempts(all, options);
    ASSERT_TRUE(checks) << checks.error().toString();
    sChecks = *checks;
  }

  /**
   * This build's own traces (both scripted operators), in a folder of their own, checked as
   * `report` and `certify` check them by default: without --allow-other-build. Recorded on first
   * use, so that only the tests that need them pay for two more attempts (ctest runs each test in
   * a process of its own).
   */
  static void recordOwnTraces() {
    if (!sOwnChecks.empty()) {
      return;
    }
    fs::create_directories(sDir->file("own-traces"));
    // As at a centre: the workstation's key registered as an exam station, and an invigilated
    // session opened before the attempts begin (2026-01-01T00:00:00Z), in the store certify
    // reads; the attempts carry that session in their signed headers, driven by a person (the
    // scripted operator's inputs stand in for the trainee's hands: not marked scripted).
    {
      auto key = records::WorkstationKey::loadOrCreate(sDir->file("key"));
      ASSERT_TRUE(key) << key.error().toString();
      auto store = records::ResultsStore::open(sDir->file("certify-own.sqlite"));
      ASSERT_TRUE(store) << store.error().toString();
      ASSERT_TRUE((*store)->registerStation(key->publicKey(), "bay 1", "R-1", 1767220000));
      auto session = (*store)->openSession("INV-7", 1767225000);
      ASSERT_TRUE(session) << session.error().toString();
      sOwnSession = session->ref();
    }
    sOwnCompetent = record("competent", "scripted-competent", "own-competent");
    sOwnCareless = record("careless", "scripted-careless", "own-careless");
    TraceSearchOptions own = searchOptions(false);
    own.traceDirs = {sDir->file("own-traces")};
    own.allowOtherBuild = false;
    // And a record of the competent attempt with its score edited: one re-simulation per trace
    // serves both records that name it.
    records::AttemptRecord edited = sOwnCompetent.record;
    edited.attemptId = "own-edited";
    edited.result.totalPoints -= 10.0;
    const std::vector<records::AttemptRecord> ours{sOwnCompetent.record, sOwnCareless.record,
                                                   edited};
    auto ownChecks = checkStoredAttempts(ours, own);
    ASSERT_TRUE(ownChecks) << ownChecks.error().toString();
    sOwnChecks = *ownChecks;
  }

  static void TearDownTestSuite() {
    sOwnChecks.clear();
    sDir.reset();
  }

  /** A committed reference trace copied into the scratch traces folder, and its record. */
  static Reference reference(const std::string& name) {
    const fs::path file = fs::path(sDir->file("traces")) / name;
    fs::copy_file(kScenarios + "/overhead_crane/traces/" + name, file);
    return fromTrace(file);
  }

  /**
   * The Q2 course run by the scripted operator of `profile` and recorded by this build, as
   * `skillsim operate --mode exam` records it (same trainee ids and start time as the committed
   * traces), into own-traces/NAME.sktrace; and its record.
   */
  static Reference record(const char* profile, const std::string& trainee,
                          const std::string& name) {
    auto q2 = scenario::loadScenario(kScenarios + "/overhead_crane/q2_practical.toml");
    EXPECT_TRUE(q2) << q2.error().toString();
    auto run = op::runOperator(*q2, profile);
    EXPECT_TRUE(run) << run.error().toString();
    auto key = records::WorkstationKey::loadOrCreate(sDir->file("key"));
    EXPECT_TRUE(key) << key.error().toString();
    if (!q2 || !run || !key) {
      return {};
    }
    records::TraceHeader header;
    header.scenarioId = q2->id;
    header.scenarioVersion = q2->version;
    header.scenarioHash = q2->hash;
    header.tickRate = q2->tickRate;
    header.traineeId = trainee;
    header.mode = records::AttemptMode::Exam;
    header.startUtc = 1767225600; // 2026-01-01T00:00:00Z, as the committed traces
    header.setControls(q2->machine->controls);
    header.examSession = sOwnSession;
    const fs::path file = fs::path(sDir->file("own-traces")) / (name + ".sktrace");
    auto writer = records::TraceWriter::create(file, header, *key);
    EXPECT_TRUE(writer) << writer.error().toString();
    if (!writer) {
      return {};
    }
    for (const core::ActionState& actions : run->actions) {
      EXPECT_TRUE(writer->append(actions));
    }
    EXPECT_TRUE(writer->finish(run->result));
    return fromTrace(file);
  }

  static Reference fromTrace(const fs::path& file) {
    Reference r;
    r.file = file;
    auto trace = records::TraceReader::read(r.file);
    EXPECT_TRUE(trace) << trace.error().toString();
    if (!trace || !trace->result) {
      return r;
    }
    r.trace = *trace;
    auto q2 = scenario::loadScenario(kScenarios + "/overhead_crane/q2_practical.toml");
    EXPECT_TRUE(q2) << q2.error().toString();
    records::AttemptRecord& a = r.record;
    a.attemptId = core::toHex(trace->fileHash);
    a.traineeId = trace->header.traineeId;
    a.traineeName = "Scripted operator";
    a.scenario = {q2->id, core::toHex(q2->hash), q2->titleZh, q2->titleEn, q2->version};
    a.mode = trace->header.mode;
    a.startUtc = trace->header.startUtc;
    a.result = *trace->result;
    a.traceHash = core::toHex(trace->fileHash);
    a.signatureValid = trace->complete;
    a.engineVersion = trace->header.engineVersion;
    return r;
  }

  /** The scratch traces folder and the repository's scenarios; the reference traces come from
   * another build of this engine, so --allow-other-build. */
  static TraceSearchOptions searchOptions(bool motion) {
    TraceSearchOptions o;
    o.traceDirs = {sDir->file("traces")};
    o.scenariosDir = kScenarios;
    o.jobs = 2;
    o.allowOtherBuild = true;
    o.collectMotion = motion;
    return o;
  }

  static bool sameBuild(const Reference& r) {
    return r.trace.header.engineVersion == core::engineVersion() &&
           r.trace.header.buildId == core::buildId();
  }

  static std::vector<std::string> searchArgs() {
    return {"--traces", sDir->file("traces"),  "--scenarios",
            kScenarios, "--allow-other-build", "-j",
            "2"};
  }

  static inline std::unique_ptr<test::ScratchDir> sDir;
  static inline Reference sCompetent;
  static inline Reference sCareless;
  static inline records::AttemptRecord sEdited;
  static inline records::AttemptRecord sAbsent;
  static inline records::AttemptRecord sOtherTrainee;
  static inline records::AttemptRecord sPractice;
  static inline std::vector<StoredAttemptCheck> sChecks;
  static inline Reference sOwnCompetent;
  static inline Reference sOwnCareless;
  static inline std::vector<StoredAttemptCheck> sOwnChecks;
  static inline records::ExamSessionRef sOwnSession;
};

TEST_F(TraceEvidenceTest, TheReferenceRecordsAreWhatTheTracesSay) {
  ASSERT_TRUE(sCompetent.trace.result && sCareless.trace.result);
  EXPECT_NEAR(sCompetent.record.result.totalPoints, 96.42, 0.005);
  EXPECT_TRUE(sCompetent.record.result.passed);
  EXPECT_NEAR(sCareless.record.result.totalPoints, 65.56, 0.005);
  EXPECT_FALSE(sCareless.record.result.passed);
  EXPECT_EQ(sCompetent.record.mode, records::AttemptMode::Exam);
}

TEST_F(TraceEvidenceTest, OnlyARecordBackedByItsReSimulatedTraceIsVerified) {
  ASSERT_EQ(sChecks.size(), 6u);
  // The honest record of a committed trace: another build recorded it, so it re-simulates
  // bit-exact but does not count without the flag (this build's own traces: the next test).
  ASSERT_FALSE(sameBuild(sCompetent)) << "the committed traces come from another build";
  ASSERT_FALSE(sameBuild(sCareless));
  const StoredAttemptCheck& real = sChecks[0];
  EXPECT_EQ(real.trace, sCompetent.file);
  EXPECT_FALSE(real.verified);
  EXPECT_EQ(real.note, "its trace " + sCompetent.file.string() +
                           " does not verify: OTHER-BUILD: recorded by engine " +
                           sCompetent.trace.header.engineVersion + " build '" +
                           sCompetent.trace.header.buildId + "', this is engine " +
                           std::string(core::engineVersion()) + " build '" +
                           std::string(core::buildId()) +
                           "'; results are bit-exact only within one build: verify with that "
                           "build (or pass --allow-other-build to count it)");

  const StoredAttemptCheck& edited = sChecks[1];
  EXPECT_FALSE(edited.verified);
  EXPECT_EQ(edited.note.rfind("the stored result differs from the trace's re-simulation: score "
                              "95/100 passed stored, 96.4186",
                              0),
            0u)
      << edited.note;

  const StoredAttemptCheck& absent = sChecks[2];
  EXPECT_FALSE(absent.verified);
  EXPECT_EQ(absent.note, "no trace with hash 3f2a00000000… under " + sDir->file("traces"));
  EXPECT_TRUE(absent.trace.empty());
  EXPECT_FALSE(absent.motion.has_value());

  const StoredAttemptCheck& borrowed = sChecks[3];
  EXPECT_FALSE(borrowed.verified);
  EXPECT_EQ(borrowed.note.rfind("the trace was recorded for trainee 'scripted-competent', the "
                                "store says 'T-borrower'",
                                0),
            0u)
      << borrowed.note;

  const StoredAttemptCheck& practice = sChecks[4];
  EXPECT_FALSE(practice.verified);
  EXPECT_EQ(practice.note.rfind("the trace was recorded in exam mode, the store says practice", 0),
            0u)
      << practice.note;

  // The careless attempt of another build is refused like the competent one.
  EXPECT_FALSE(sChecks[5].verified) << sChecks[5].note;
  EXPECT_NE(sChecks[5].note.find("OTHER-BUILD"), std::string::npos) << sChecks[5].note;
}

TEST_F(TraceEvidenceTest, TracesRecordedByThisBuildVerifyWithoutTheFlag) {
  recordOwnTraces();
  ASSERT_TRUE(sOwnCompetent.trace.result && sOwnCareless.trace.result);
  ASSERT_TRUE(sameBuild(sOwnCompetent));
  ASSERT_TRUE(sameBuild(sOwnCareless));
  ASSERT_EQ(sOwnChecks.size(), 3u);
  // The scripted operators score as they do in OperatorRunTest: a pass and a fail.
  EXPECT_TRUE(sOwnCompetent.record.result.passed);
  EXPECT_GE(sOwnCompetent.record.result.totalPoints, 85.0);
  EXPECT_FALSE(sOwnCareless.record.result.passed);
  for (const auto* ref : {&sOwnCompetent, &sOwnCareless}) {
    const StoredAttemptCheck& check = ref == &sOwnCompetent ? sOwnChecks[0] : sOwnChecks[1];
    EXPECT_EQ(check.trace, ref->file);
    // A failed attempt verifies as well as a passed one.
    EXPECT_TRUE(check.verified) << check.note;
    EXPECT_NE(check.note.find("re-simulated bit-exact"), std::string::npos) << check.note;
    EXPECT_EQ(check.note.find("OTHER-BUILD"), std::string::npos) << check.note;
  }
  // Same build is not "trust it": a record whose score was edited is refused here too.
  ASSERT_EQ(sOwnChecks.size(), 3u);
  EXPECT_FALSE(sOwnChecks[2].verified);
  EXPECT_EQ(sOwnChecks[2].note.rfind("the stored result differs from the trace's re-simulation", 0),
            0u)
      << sOwnChecks[2].note;
}

TEST_F(TraceEvidenceTest, MotionIsSampledAtTenHertzWithThePhaseTimes) {
  for (const std::size_t i : {0u, 5u}) {
    const Reference& ref = i == 0 ? sCompetent : sCareless;
    ASSERT_TRUE(sChecks[i].motion.has_value());
    const AttemptMotion& m = *sChecks[i].motion;
    // The replay runs every recorded tick (the recording stopped when the assessor finished).
    ASSERT_EQ(ref.trace.actions.size(), ref.trace.result->endTick);
    const std::size_t every = ref.trace.header.tickRate / 10;
    ASSERT_EQ(m.samples.size(), ref.trace.actions.size() / every);
    EXPECT_DOUBLE_EQ(m.duration, ref.trace.result->duration);
    double lowest = 1e9;
    double highest = -1e9;
    double west = 1e9;
    double east = -1e9;
    for (std::size_t k = 0; k < m.samples.size(); ++k) {
      EXPECT_DOUBLE_EQ(m.samples[k].time,
                       static_cast<double>((k + 1) * every) / ref.trace.header.tickRate);
      lowest = std::min(lowest, m.samples[k].values[0]);
      highest = std::max(highest, m.samples[k].values[0]);
      west = std::min(west, m.samples[k].planX);
      east = std::max(east, m.samples[k].planX);
    }
    // The load starts on the ground in circle A (x 6 m), is lifted 2-4 m and carried to B (14 m).
    EXPECT_LT(lowest, 0.3);
    EXPECT_GT(highest, 2.0);
    EXPECT_LT(west, 7.0);
    EXPECT_GT(east, 13.0);
    // Every phase of the Q2 course ran, in course order, within the attempt.
    for (const char* phase :
         {"transfer_ab", "setdown_b", "weave", "setdown_c", "transfer_ca", "setdown_a"}) {
      auto it = m.phaseTimes.find(phase);
      ASSERT_NE(it, m.phaseTimes.end()) << phase;
      EXPECT_LT(it->second.first, it->second.second) << phase;
      EXPECT_LE(it->second.second, m.duration) << phase;
    }
    EXPECT_LE(m.phaseTimes.at("transfer_ab").second, m.phaseTimes.at("weave").first);
  }
  EXPECT_FALSE(sChecks[2].motion.has_value()); // no trace: nothing to re-simulate
}

TEST_F(TraceEvidenceTest, CertifyCountsOnlyTheAttemptWhoseTraceVerifies) {
  test::makeStore(sDir->file("certify.sqlite"), {sCompetent.record, sEdited, sAbsent});
  test::writeText(sDir->file("theory.csv"), "trainee_id,score\nscripted-competent,80\n");
  std::vector<std::string> args{"certify",
                                "--trainee",
                                "scripted-competent",
                                "--certificate",
                                "q2_overhead_crane_licence",
                                "--db",
                                sDir->file("certify.sqlite"),
                                "--certificates",
                                test::kCertificates,
                                "--theory-scores",
                                sDir->file("theory.csv"),
                                "--date",
                                "2026-11-29",
                                "--no-record"};
  std::vector<std::string> withTraces = args;
  for (const std::string& a : searchArgs()) {
    withTraces.push_back(a);
  }
  withTraces.insert(withTraces.end(), {"--lang", "en"});
  auto r = test::runWithTraces(withTraces);
  // Issue 13, point 13: the committed reference traces were driven by the scripted operator and
  // signed by a key that is no exam station of this store, in no session: the one that verifies
  // is still not counted, and the licence is not awarded.
  EXPECT_EQ(r.code, kExitFailure) << r.out << r.err;
  EXPECT_NE(r.out.find("re-verified 1 of 3 exam attempt(s)"), std::string::npos) << r.out;
  // Format 2 (as committed before format 3): refused for its key; re-recorded with format 3:
  // refused first as scripted.
  const std::string refusal =
      sCompetent.trace.header.scripted
          ? std::string("driven by the scripted operator (skillsim operate), not by the trainee")
          : "signed by key " + records::keyId(sCompetent.trace.header.publicKey) +
                ", which is no registered exam station of this store";
  EXPECT_NE(r.out.find("attempt " + sCompetent.record.attemptId + ": not counted: " + refusal),
            std::string::npos)
      << r.out;
  char score[32];
  std::snprintf(score, sizeof score, "%.2f%%): excluded: ", sCompetent.record.result.totalPoints);
  EXPECT_NE(r.out.find(score + refusal), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("decision: not awarded (q2_overhead_crane_licence)"), std::string::npos)
      << r.out;
  // The edited record would be the latest (same start, later id) and scores 95: it is excluded.
  EXPECT_NE(r.out.find("attempt zz-edited (overhead_crane.q2_practical, 2026-01-01T00:00:00Z, "
                       "95.00%): excluded: trace does not verify (the stored result differs from "
                       "the trace's re-simulation: score 95/100 passed stored, 96.4186"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("attempt gone (overhead_crane.q2_practical, 2026-01-01T00:00:00Z, 96.42%): "
                       "excluded: trace does not verify (no trace with hash 3f2a00000000… under " +
                       sDir->file("traces") + ")"),
            std::string::npos)
      << r.out;

  // Without --allow-other-build a trace from another build is refused before re-simulating it,
  // and the certificate then has no practical attempt to count.
  std::vector<std::string> strict = args;
  strict.insert(strict.end(),
                {"--traces", sDir->file("traces"), "--scenarios", kScenarios, "--lang", "en"});
  r = test::runWithTraces(strict);
  EXPECT_EQ(r.code, kExitFailure) << r.out << r.err;
  ASSERT_FALSE(sameBuild(sCompetent));
  EXPECT_NE(r.out.find("excluded: trace does not verify (its trace " + sCompetent.file.string() +
                       " does not verify: OTHER-BUILD: scripted-competent "
                       "overhead_crane.q2_practical 1.0.0 exam: recorded by engine"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("no countable exam attempt at overhead_crane.q2_practical: not met"),
            std::string::npos)
      << r.out;

  // The same attempt recorded by this build at a registered exam station in an invigilated
  // session counts without the flag, and is awarded.
  recordOwnTraces();
  ASSERT_TRUE(sOwnCompetent.trace.result);
  test::makeStore(sDir->file("certify-own.sqlite"), {sOwnCompetent.record});
  std::vector<std::string> own = args;
  const auto db = std::find(own.begin(), own.end(), "--db");
  ASSERT_NE(db, own.end());
  *(db + 1) = sDir->file("certify-own.sqlite");
  own.insert(own.end(), {"--traces", sDir->file("own-traces"), "--scenarios", kScenarios});
  own.insert(own.end(), {"--lang", "en"});
  r = test::runWithTraces(own);
  EXPECT_EQ(r.code, kExitOk) << r.out << r.err;
  EXPECT_NE(r.out.find("attempt " + sOwnCompetent.record.attemptId +
                       ": counts: taken at exam station 1 'bay 1' in exam session " +
                       sOwnSession.id + " (invigilator INV-7)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("re-verified 1 of 1 exam attempt(s)"), std::string::npos) << r.out;
  char points[16];
  std::snprintf(points, sizeof points, "%.2f%%", sOwnCompetent.record.result.totalPoints);
  EXPECT_NE(r.out.find(std::string(points) + " from attempt " + sOwnCompetent.record.attemptId),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("decision: awarded (q2_overhead_crane_licence)"), std::string::npos)
      << r.out;
}

TEST_F(TraceEvidenceTest, ReportPlotsTheReSimulatedMotionWithTheRubricsBands) {
  records::AttemptRecord absent = sCareless.record;
  absent.attemptId = "no-trace";
  absent.traceHash = std::string(64, 'e');
  test::makeStore(sDir->file("report.sqlite"), {sCareless.record, absent});
  std::vector<std::string> args{"report",
                                "--trainee",
                                "scripted-careless",
                                "--db",
                                sDir->file("report.sqlite"),
                                "--out",
                                sDir->file("report.html"),
                                "--lang",
                                "en"};
  for (const std::string& a : searchArgs()) {
    args.push_back(a);
  }
  auto r = test::runWithTraces(args);
  ASSERT_EQ(r.code, kExitOk) << r.out << r.err;
  const std::string html = test::readText(sDir->file("report.html"));
  const std::string lint = "xmllint --noout '" + sDir->file("report.html") + "' 2>&1";
  EXPECT_EQ(std::system(lint.c_str()), 0);

  const AttemptMotion& motion = *sChecks[5].motion;
  const std::size_t samples =
      sCareless.trace.actions.size() / (sCareless.trace.header.tickRate / 10);
  ASSERT_EQ(motion.samples.size(), samples);
  // The verified attempt first (store order: by start time, then id), then the one with no trace.
  // The swing is drawn only while the bucket is on the hook (the crane declares it so): the
  // samples taken while load_attached was 1, in as many stretches as it was hooked on.
  std::size_t hooked = 0;
  std::size_t stretches = 0;
  bool was = false;
  for (const report::ReportSample& sample : motion.samples) {
    ASSERT_EQ(sample.valid.size(), 2u); // height (always), swing (gated)
    EXPECT_TRUE(sample.valid[0]);
    hooked += sample.valid[1] ? 1 : 0;
    stretches += sample.valid[1] && !was ? 1 : 0;
    was = sample.valid[1];
  }
  EXPECT_GT(hooked, samples / 2);
  EXPECT_LT(hooked, samples);
  for (const char* kind : {"path", "load_swing_angle", "load_height"}) {
    auto plots = svgs(html, kind);
    ASSERT_EQ(plots.size(), 2u) << kind;
    EXPECT_EQ(seriesPoints(plots[0]), std::string(kind) == "load_swing_angle" ? hooked : samples)
        << kind;
    EXPECT_EQ(seriesPoints(plots[1]), 0u) << kind;
    EXPECT_NE(plots[1].find("no samples"), std::string::npos) << kind;
  }
  EXPECT_EQ(count(svgs(html, "load_swing_angle")[0], "<polyline"), stretches);
  // The score plot stays for the attempt without a trace. Its points, worked out by hand from the
  // careless trace's result (not from reportAttemptFromRecord, which draws them): 7 deductions,
  // every one taking points (curved_path loses 18.48 of its 50, frames 13.13 of its 30, so no
  // item runs dry), hence the start, two points per drop (before and after) and the end:
  // 1 + 2 x 7 + 1 = 16.
  ASSERT_EQ(sCareless.record.result.deductions.size(), 7u);
  EXPECT_EQ(seriesPoints(svgs(html, "score")[1]), 16u);

  // The Q2 rubric's metric bands with an upper limit, read off q2_practical.toml by hand (not
  // from reportBands, which draws them): on load_height transfer_height_ab 2-4 m (transfer_ab),
  // weave_height 0.5-1 m (weave) and transfer_height_ca 2-4 m (transfer_ca); on
  // load_swing_angle swing_at_setdown_b and swing_at_setdown_c, 3 degrees (0.05 rad) each. Every
  // phase ran (previous test), so each band is drawn.
  EXPECT_EQ(count(svgs(html, "load_height")[0], "<rect class=\"band\""), 3u);
  EXPECT_EQ(count(svgs(html, "load_swing_angle")[0], "<rect class=\"band\""), 2u);
  for (const char* label : {"transfer_height_ab: 2.00–4.00", "weave_height: 0.50–1.00",
                            "transfer_height_ca: 2.00–4.00"}) {
    EXPECT_NE(svgs(html, "load_height")[0].find(label), std::string::npos) << label;
  }
  for (const char* label : {"swing_at_setdown_b: 0.00–0.05", "swing_at_setdown_c: 0.00–0.05"}) {
    EXPECT_NE(svgs(html, "load_swing_angle")[0].find(label), std::string::npos) << label;
  }
  EXPECT_EQ(count(svgs(html, "load_height")[1], "<rect class=\"band\""), 0u);

  // Verified is the re-verification, shown; the attempt without a trace says why.
  EXPECT_EQ(count(html, "trace verified"), 1u);
  EXPECT_EQ(count(html, "trace NOT verified"), 1u);
  EXPECT_NE(html.find("<p class=\"note\">no trace with hash eeeeeeeeeeee… under " +
                      sDir->file("traces") + "</p>"),
            std::string::npos);
}

} // namespace
} // namespace skillsim::app
