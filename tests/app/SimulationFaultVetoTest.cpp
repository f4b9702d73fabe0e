// Issue 15 point 7, issue 16: an attempt in which the simulation faulted (World::findFault: a
// non-finite or exploding body) is vetoed whatever its rubric declares, and the veto reads
// "simulation fault" in plain words; a rubric's own physics_fault veto (q2) is charged once.
// The fault is injected through the scenario's body list: a part launched at 2000 m/s, four
// times the 500 m/s findFault takes for an exploding body.
#include <skillsim/messages/FindingText.h>
#include <skillsim/messages/MessageTemplates.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace skillsim;

const std::string kRoot = SKILLSIM_SOURCE_DIR;

struct Faulted {
  scenario::Scenario scenario;
  std::string body; ///< The body launched.
  assessment::AttemptResult result;
};

/**
 * Loads `file`, launches its first dynamic body at 2000 m/s along +x (a scenario whose machine
 * builds every body itself, the forklift's course, gets a 0.3 m crate 20 m from the origin, 0.5 m
 * up, for it) and runs 240 idle ticks.
 */
Faulted runWithALaunchedBody(const std::string& file) {
  Faulted out;
  auto loaded = scenario::loadScenario(kRoot + "/" + file);
  EXPECT_TRUE(loaded.hasValue()) << loaded.error().toString();
  if (!loaded) {
    return out;
  }
  out.scenario = std::move(*loaded);
  for (sim::BodySpec& b : out.scenario.simulation.bodies) {
    if (b.mass > 0.0) {
      b.initialLinearVelocity = {2000.0, 0.0, 0.0};
      out.body = b.name;
      break;
    }
  }
  if (out.body.empty()) {
    sim::BodySpec crate;
    crate.name = "launched_crate";
    crate.shape.size = glm::dvec3(0.3);
    crate.mass = 20.0;
    crate.position = {20.0, 0.5, 20.0};
    crate.initialLinearVelocity = {2000.0, 0.0, 0.0};
    out.scenario.simulation.bodies.push_back(crate);
    out.body = crate.name;
  }
  auto runner = scenario::AttemptRunner::create(out.scenario);
  EXPECT_TRUE(runner.hasValue()) << runner.error().toString();
  if (!runner) {
    return out;
  }
  const std::vector<core::ActionState> idle(240, core::ActionState{});
  scenario::RecordedInputs inputs(idle);
  out.result = (*runner)->run(inputs);
  EXPECT_TRUE((*runner)->simulation().fault().has_value()) << "the launch did not fault";
  return out;
}

/** The veto's text in `language`, from the shipped i18n files. */
std::string vetoText(const Faulted& f, const char* language) {
  auto templates = messages::MessageTemplates::load(kRoot + "/assets", language);
  EXPECT_TRUE(templates.hasValue()) << templates.error().toString();
  const messages::MessageContext context =
      messages::makeContext(f.scenario.machine ? &*f.scenario.machine : nullptr, f.scenario.labels);
  return messages::vetoText(f.result.vetoes.front(), f.result, *templates, context);
}

void expectTheGenericFaultVeto(const Faulted& f) {
  ASSERT_EQ(f.result.vetoes.size(), 1u);
  const assessment::Veto& v = f.result.vetoes.front();
  EXPECT_EQ(v.criterionId, "simulation_fault");
  EXPECT_EQ(v.itemId, "") << "no item of the standard is charged";
  EXPECT_EQ(v.finding.kind, assessment::FindingKind::Veto);
  EXPECT_EQ(v.finding.event, "physics_fault");
  EXPECT_EQ(v.finding.subject, f.body);
  // The body moved 2000 m/s for one tick of 1/240 s: the fault is found on the first tick.
  EXPECT_EQ(v.tick, 1u);
  EXPECT_FALSE(f.result.passed);
  EXPECT_FALSE(f.result.completed);
  EXPECT_TRUE(f.result.level.empty());
  EXPECT_EQ(f.result.endTick, 1u) << "the attempt stops at the fault";
  EXPECT_EQ(vetoText(f, "en"), "simulation fault: automatic fail");
  EXPECT_EQ(vetoText(f, "zh-CN"), "仿真故障：考核不合格");
}

} // namespace

TEST(SimulationFaultVeto, AForkliftAttemptWithAFaultIsVetoedThoughItsRubricDeclaresNone) {
  const Faulted f = runWithALaunchedBody("scenarios/forklift/n1_field_test.toml");
  for (const auto& c : f.scenario.rubric.criteria) {
    ASSERT_NE(c.id, "simulation_fault") << "the n1 rubric would veto by itself";
  }
  expectTheGenericFaultVeto(f);
}

TEST(SimulationFaultVeto, ARobotAttemptWithAFaultIsVetoedThoughItsRubricDeclaresNone) {
  const Faulted f = runWithALaunchedBody("scenarios/industrial_robot/handling_palletising.toml");
  for (const auto& c : f.scenario.rubric.criteria) {
    ASSERT_NE(c.id, "simulation_fault") << "the palletising rubric would veto by itself";
  }
  expectTheGenericFaultVeto(f);
}

TEST(SimulationFaultVeto, TheQ2RubricsOwnFaultVetoIsChargedOnceOnItsItem) {
  const Faulted f = runWithALaunchedBody("scenarios/overhead_crane/q2_practical.toml");
  ASSERT_EQ(f.result.vetoes.size(), 1u) << "declared veto and generic veto: a double charge";
  const assessment::Veto& v = f.result.vetoes.front();
  EXPECT_EQ(v.itemId, "veto_simulation_fault");
  EXPECT_EQ(v.finding.event, "physics_fault");
  EXPECT_EQ(v.finding.subject, f.body);
  EXPECT_FALSE(f.result.passed);
  EXPECT_EQ(vetoText(f, "en"), "simulation fault: automatic fail");
  EXPECT_EQ(vetoText(f, "zh-CN"), "仿真故障：考核不合格");
}
