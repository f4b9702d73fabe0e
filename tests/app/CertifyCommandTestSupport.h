#pragma once

// Hand-made results stores for the certify and report command tests: attempts written with the
// real ResultsStore into a fresh SQLite file.

#include <skillsim/app/Cli.h>
#include <skillsim/app/StoredAttemptCheck.h>
#include <skillsim/records/ResultsStore.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
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

/**
 * A stand-in for re-verifying traces, for decisions on hand-made stores (whose attempts have no
 * trace files): an attempt counts when its record says the signature was valid; otherwise it is
 * refused with a note naming the attempt.
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

/** Writes `attempts` into a new SQLite store at `path`. */
inline void makeStore(const std::string& path,
                      const std::vector<records::AttemptRecord>& attempts) {
  auto store = records::ResultsStore::open(path);
  ASSERT_TRUE(store) << store.error().toString();
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
