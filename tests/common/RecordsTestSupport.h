#pragma once

// Shared fixtures of the records and export tests: a scored result with items, deductions and a
// veto, a temporary directory removed at the end, and a small recorded trace.

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/records/AttemptRecord.h>
#include <skillsim/records/ResultHash.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

namespace skillsim::records::test {

/** A fresh directory under the test output dir; removed when destroyed. */
class TempDir {
public:
  explicit TempDir(const std::string& name) {
    std::random_device rd;
    mPath = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "records" /
            (name + "-" + std::to_string(rd()));
    std::filesystem::remove_all(mPath);
    std::filesystem::create_directories(mPath);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::permissions(mPath, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
    std::filesystem::remove_all(mPath, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return mPath; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const {
    return mPath / name;
  }

private:
  std::filesystem::path mPath;
};

/** An overhead-crane style result: 3 items, 2 deductions, optionally a veto. */
inline assessment::AttemptResult sampleResult(double total = 82.5, bool vetoed = false) {
  using namespace assessment;
  AttemptResult r;
  r.scenarioId = "crane/q2_bucket_path";
  r.standardId = "cn-q2-practical";
  r.items = {{"hazard", "Q2 1", Category::Safety, 20.0, 20.0},
             {"path", "Q2 2", Category::Quality, 50.0, total - 20.0 - 25.0},
             {"frames", "Q2 3", Category::Procedure, 30.0, 25.0}};
  r.deductions = {{"frames",
                   "pile_contact",
                   5.0,
                   2400,
                   10.0,
                   {1.5, 0.75, -2.25},
                   1.0,
                   assessment::Finding{.kind = assessment::FindingKind::Contact,
                                       .unit = "N s",
                                       .value = 1.0,
                                       .subject = "bucket",
                                       .other = "pile_2",
                                       .event = "contact_begin",
                                       .occurrence = 1}},
                  {"path",
                   "swing",
                   50.0 - (total - 45.0),
                   4800,
                   20.0,
                   {3.0, 2.5, 0.5},
                   0.31,
                   assessment::Finding{.kind = assessment::FindingKind::MetricBand,
                                       .metric = "load_swing_angle",
                                       .unit = "rad",
                                       .value = 0.31,
                                       .side = assessment::LimitSide::Above,
                                       .limit = 0.2,
                                       .duration = 0.5}}};
  if (vetoed) {
    r.vetoes = {{"hazard",
                 "load_drop",
                 5000,
                 20.8333333333,
                 {1.0, 0.0, 2.0},
                 assessment::Finding{.kind = assessment::FindingKind::Veto,
                                     .subject = "load",
                                     .event = "load_dropped"}}};
  }
  r.totalPoints = total;
  r.maxPoints = 100.0;
  r.passMark = 70.0;
  r.passed = total >= 70.0 && !vetoed;
  r.completed = true;
  r.endTick = 7200;
  r.duration = 30.0;
  r.level = r.passed ? "中级" : "";
  return r;
}

/** An AttemptRecord around sampleResult. */
inline AttemptRecord sampleRecord(const std::string& attemptId, const std::string& trainee,
                                  double total = 82.5, bool vetoed = false) {
  AttemptRecord a;
  a.attemptId = attemptId;
  a.traineeId = trainee;
  a.traineeName = "张伟 " + trainee;
  a.scenario = {"crane/q2_bucket_path", std::string(64, 'a'), "桥式起重机 Q2 实操：吊桶曲线运行",
                "Overhead crane Q2 practical: bucket along a curved path", "1.0"};
  a.mode = AttemptMode::Exam;
  a.startUtc = 1796083200 + static_cast<std::int64_t>(total * 60); // 2026-12-01 plus minutes
  a.result = sampleResult(total, vetoed);
  a.traceHash = std::string(64, 'b');
  a.signatureValid = true;
  a.engineVersion = "0.1.0";
  return a;
}

/** The inputs of tick t of a deterministic test attempt (hoist ramps, horn at two moments). */
inline core::ActionState sampleInput(std::uint64_t t) {
  core::ActionState s;
  s.setAxis(skillsim::sim::crane_controls::kHoist, static_cast<float>((t / 7) % 11) / 10.0f);
  s.setAxis(skillsim::sim::crane_controls::kBridgeTravel, t % 100 < 50 ? 0.6f : -0.2f);
  s.setButton(skillsim::sim::crane_controls::kHorn, t < 3 || (t >= 200 && t < 205));
  return s;
}

/** A header for scenario "crane/q2_bucket_path" at `tickRate`. */
inline TraceHeader sampleHeader(std::uint32_t tickRate = 60) {
  TraceHeader h;
  h.scenarioId = "crane/q2_bucket_path";
  h.scenarioVersion = "1.0";
  h.scenarioHash = core::hashBytes("scenario bytes v1");
  h.tickRate = tickRate;
  h.traineeId = "t-0042";
  h.mode = AttemptMode::Exam;
  h.startUtc = 1796083200;
  // The crane's control slots (sampleInput sets hoist, bridge travel and the horn).
  h.axisControls = {"bridge_travel", "trolley_travel", "hoist"};
  h.buttonControls = {"horn", "emergency_stop", "attach", "release"};
  return h;
}

/** A PostgreSQL URL with its database (path) replaced by `db` (query kept). */
inline std::string withDatabase(const std::string& url, const std::string& db) {
  const auto hostStart = url.find("://") + 3;
  const auto slash = url.find('/', hostStart);
  const auto query = url.find('?', hostStart);
  const std::string head = url.substr(0, std::min(slash, query));
  const std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + db + tail;
}

inline std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void writeFile(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

} // namespace skillsim::records::test
