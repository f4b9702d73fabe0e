#pragma once

// Hand-made results stores for the certify and report command tests: attempts written with the
// real ResultsStore into a fresh SQLite file.

#include <skillsim/app/Cli.h>
#include <skillsim/app/StoredAttemptCheck.h>
#include <skillsim/records/ResultsStore.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <vector>

namespace skillsim::app::test {

struct CliRun {
  int code;
  std::string out;
  std::string err;
};

/** The exam station key the stand-in traces are signed with (a fixed, made-up Ed25519 key). */
inline records::PublicKey standInStationKey() {
  records::PublicKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) {
    key[i] = static_cast<std::uint8_t>(0xA0 + i);
  }
  return key;
}

/** 2026-10-01T00:00:00Z: when makeStore registers the stand-in station and opens its session. */
inline constexpr std::int64_t kStandInOpenedUtc = 1790812800;

/**
 * The exam session makeStore opened last (the stand-in traces carry it), and per attempt id a
 * header that replaces the stand-in's (a test's trace signed elsewhere, scripted, …).
 */
struct StandInTraces {
  records::ExamSessionRef session;
  std::map<std::string, records::TraceHeader> headers;
};
inline StandInTraces& standInTraces() {
  static StandInTraces traces;
  return traces;
}

/**
 * The header a stand-in trace of `record` has: the record's trainee, mode and start, signed by
 * the registered stand-in station, in the session makeStore opened, a person at the controls;
 * or the header a test set in standInTraces().headers.
 */
inline records::TraceHeader standInHeader(const records::AttemptRecord& record) {
  if (auto it = standInTraces().headers.find(record.attemptId);
      it != standInTraces().headers.end()) {
    return it->second;
  }
  records::TraceHeader h;
  h.scenarioId = record.scenario.id;
  h.traineeId = record.traineeId;
  h.mode = record.mode;
  h.startUtc = record.startUtc;
  h.publicKey = standInStationKey();
  h.examSession = standInTraces().session;
  return h;
}

/**
 * A stand-in for re-verifying traces, for decisions on hand-made stores (whose attempts have no
 * trace files): an attempt's trace verifies when its record says the signature was valid (its
 * header is standInHeader's); otherwise it is refused with a note naming the attempt. Whether a
 * verified attempt counts is then certify's own station and session check.
 */
inline core::Expected<std::vector<StoredAttemptCheck>>
storeFlagChecker(std::span<const records::AttemptRecord> records, const TraceSearchOptions&,
                 const records::VerifyProgress&) {
  std::vector<StoredAttemptCheck> checks;
  for (const records::AttemptRecord& record : records) {
    StoredAttemptCheck check;
    check.verified = record.signatureValid;
    check.note = record.signatureValid ? "stand-in check: counts"
                                       : "stand-in check: attempt " + record.attemptId + " refused";
    if (check.verified) {
      check.header = standInHeader(record);
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

/** The `skillsim` command line in-process, with the stand-in check (hand-made stores). */
inline CliRun run(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  int code = runCli(args, out, err, storeFlagChecker);
  return {code, out.str(), err.str()};
}

/** The `skillsim` command line in-process, re-verifying real traces (checkStoredAttempts). */
inline CliRun runWithTraces(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  int code = runCli(args, out, err);
  return {code, out.str(), err.str()};
}

/** A fresh folder under the test output dir, removed at the end. */
class ScratchDir {
public:
  explicit ScratchDir(const std::string& name)
      : mPath(std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "app" /
              (name + "-" + std::to_string(std::random_device{}()))) {
    std::filesystem::remove_all(mPath);
    std::filesystem::create_directories(mPath);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(mPath, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  [[nodiscard]] std::string file(const std::string& name) const { return (mPath / name).string(); }

private:
  std::filesystem::path mPath;
};

/**
 * An exam attempt at the Q2 practical: `score` of 100 in three items (the path item takes the
 * loss as one deduction at 30 s), made `day` days into November 2026 at 08:00 UTC.
 */
inline records::AttemptRecord q2Attempt(const std::string& id, const std::string& trainee,
                                        double score, int day, bool signatureValid = true) {
  using namespace assessment;
  records::AttemptRecord a;
  a.attemptId = id;
  a.traineeId = trainee;
  a.traineeName = trainee == "T001" ? "张三" : "Li <Si> & \"Wu\"";
  a.scenario = {"overhead_crane.q2_practical", std::string(64, 'c'),
                "Q2 桥门式起重机司机实际操作考核", "Q2 overhead crane operator practical exam",
                "1.0.0"};
  a.mode = records::AttemptMode::Exam;
  a.startUtc = 1793491200 + static_cast<std::int64_t>(day - 1) * 86400 + 8 * 3600; // 2026-11-01
  a.result.scenarioId = a.scenario.id;
  a.result.standardId = "q2-overhead-crane";
  a.result.items = {{"hazards", "1", Category::Safety, 20.0, 20.0},
                    {"path", "2", Category::Procedure, 50.0, score - 50.0},
                    {"frames", "3", Category::Quality, 30.0, 30.0}};
  if (score < 100.0) {
    a.result.deductions.push_back({"path",
                                   "swing",
                                   100.0 - score,
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
  a.result.totalPoints = score;
  a.result.maxPoints = 100.0;
  a.result.passMark = 70.0;
  a.result.passed = score >= 70.0;
  a.result.completed = true;
  a.result.endTick = 43200;
  a.result.duration = 180.0;
  a.traceHash = std::string(64, 'd');
  a.signatureValid = signatureValid;
  a.engineVersion = "0.1.0";
  return a;
}

/**
 * Writes `attempts` into a new store at `path` (an SQLite file or a postgresql:// URL), with the
 * stand-in exam station registered and an exam session opened at kStandInOpenedUtc (the stand-in
 * traces' session, standInTraces().session), as a centre has them before its exams.
 */
inline void makeStore(const std::string& path,
                      const std::vector<records::AttemptRecord>& attempts) {
  auto store = records::ResultsStore::open(path);
  ASSERT_TRUE(store) << store.error().toString();
  auto stations = (*store)->stations();
  ASSERT_TRUE(stations) << stations.error().toString();
  if (stations->empty()) {
    auto station = (*store)->registerStation(standInStationKey(), "bay 1", "registrar R-1",
                                             kStandInOpenedUtc - 3600);
    ASSERT_TRUE(station) << station.error().toString();
  }
  auto session = (*store)->openSession("INV-7", kStandInOpenedUtc);
  ASSERT_TRUE(session) << session.error().toString();
  standInTraces().session = session->ref();
  for (const records::AttemptRecord& a : attempts) {
    auto written = (*store)->recordAttempt(a);
    ASSERT_TRUE(written) << written.error().toString();
  }
}

inline void writeText(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline const std::string kCertificates = std::string(SKILLSIM_SOURCE_DIR) + "/assets/certificates";

} // namespace skillsim::app::test
