// `skillsim verify` on real traces: the practice lift scenario run live (simulation and assessor
// stepped as the workstation steps them) while a TraceWriter records it, then verified by the
// default backend (loadScenario + replayAttempt, headless) from the repository's scenarios folder.

#include <skillsim/app/Cli.h>
#include <skillsim/app/VerifyCommand.h>
#include <skillsim/assessment/Assessor.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <sstream>

namespace skillsim::app {
namespace {

namespace fs = std::filesystem;

/** Horn, then hoist up and travel the bridge for a few seconds: an open-loop operator. */
core::ActionState input(std::uint64_t t, std::uint32_t rate) {
  core::ActionState s;
  s.setButton(skillsim::sim::crane_controls::kHorn, t < 2);
  s.setAxis(skillsim::sim::crane_controls::kHoist, t < rate ? 0.6f : 0.0f);
  s.setAxis(skillsim::sim::crane_controls::kBridgeTravel, t > rate / 2 ? 0.4f : 0.0f);
  return s;
}

class VerifyEndToEndTest : public ::testing::Test {
protected:
  void SetUp() override {
    mDir = fs::path(SKILLSIM_TEST_OUTPUT_DIR) / "app" /
           ("verify-e2e-" + std::to_string(std::random_device{}()));
    fs::create_directories(mDir);
    mKey.emplace(*records::WorkstationKey::loadOrCreate(mDir / "config"));
  }
  void TearDown() override { fs::remove_all(mDir); }

  /** Records `seconds` of the practice lift; `tamper` edits the result before signing. */
  fs::path record(const std::string& name, double seconds,
                  void (*tamper)(assessment::AttemptResult&) = nullptr) {
    auto scenario = scenario::loadScenario(fs::path(SKILLSIM_SOURCE_DIR) / kScenario);
    EXPECT_TRUE(scenario) << scenario.error().toString();
    records::TraceHeader h;
    h.scenarioId = scenario->id;
    h.scenarioVersion = scenario->version;
    h.scenarioHash = scenario->hash;
    h.tickRate = scenario->tickRate;
    h.traineeId = "t-e2e";
    h.mode = records::AttemptMode::Exam;
    h.setControls(scenario->machine->controls);
    auto simulation = sim::Simulation::create(scenario->simulation);
    EXPECT_TRUE(simulation) << simulation.error().toString();
    assessment::Assessor assessor(scenario->standard, scenario->rubric, scenario->id);
    auto writer = records::TraceWriter::create(mDir / name, h, *mKey);
    const auto ticks = static_cast<std::uint64_t>(seconds * scenario->tickRate);
    for (std::uint64_t t = 0; t < ticks && !assessor.finished() && !(*simulation)->stopped(); ++t) {
      const core::ActionState s = input(t, scenario->tickRate);
      EXPECT_TRUE(writer->append(s));
      (*simulation)->step(s);
      assessor.observe((*simulation)->tick(), (*simulation)->events(), (*simulation)->metrics(), s);
    }
    assessment::AttemptResult result = assessor.finish();
    if (tamper != nullptr) {
      tamper(result);
    }
    EXPECT_TRUE(writer->finish(result));
    return mDir / name;
  }

  static constexpr const char* kScenario = "scenarios/overhead_crane/practice_single_lift.toml";
  fs::path mDir;
  std::optional<records::WorkstationKey> mKey;
};

TEST_F(VerifyEndToEndTest, RealTracesReSimulateBitExactInParallel) {
  const auto a = record("a.sktrace", 2.0);
  const auto b = record("b.sktrace", 2.5);
  const auto forged = record("forged.sktrace", 2.0, [](assessment::AttemptResult& r) {
    r.totalPoints += 5.0; // a signed but false score: the re-simulation disagrees
  });
  VerifyCommandOptions o;
  o.traces = {a.string(), b.string(), forged.string()};
  o.scenariosDir = (fs::path(SKILLSIM_SOURCE_DIR) / "scenarios").string();
  o.jobs = 2;
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(runVerify(o, out, err), kExitFailure) << out.str() << err.str();
  std::istringstream lines(out.str());
  std::string l1, l2, l3;
  std::getline(lines, l1);
  std::getline(lines, l2);
  std::getline(lines, l3);
  EXPECT_EQ(l1.rfind("OK " + a.string(), 0), 0u) << out.str();
  EXPECT_EQ(l2.rfind("OK " + b.string(), 0), 0u) << out.str();
  EXPECT_EQ(l3.rfind("MISMATCH " + forged.string(), 0), 0u) << out.str();
  EXPECT_NE(l3.find("recorded"), std::string::npos) << l3;
}

} // namespace
} // namespace skillsim::app
