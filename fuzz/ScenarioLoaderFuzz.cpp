// libFuzzer target for the scenario and standard loaders (issue 5, point 5).
//
// Every input is read as a scenario (checked against a fixed standard) and as a standard. The
// loaders must never crash, never throw, and keep their promises: a valid report carries the
// parsed data and the hash, an invalid one at least one located message. A scenario the loader
// accepts must also be accepted by the Assessor (a contract violation there aborts), so the
// validator's reference checks are fuzzed too.
#include <skillsim/assessment/Assessor.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

constexpr std::string_view kStandard = R"(format = "skillsim.standard/1"
id = "fuzz-std"
version = "1"
title_zh = "模糊"
title_en = "Fuzz"
trade = "overhead_crane"
pass_mark = 70
[[items]]
id = "lift"
clause = "1"
category = "quality"
points = 60
description_zh = "吊运"
description_en = "Lift"
[[items]]
id = "safety"
clause = "2"
category = "safety"
points = 40
description_zh = "安全"
description_en = "Safety"
[[items]]
id = "veto_drop"
clause = "3"
category = "safety"
points = 0
veto = true
description_zh = "坠落"
description_en = "Drop"
)";

void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

void checkReport(const skillsim::scenario::ValidationReport& report) {
  if (report.valid()) {
    return;
  }
  for (const auto& problem : report.problems) {
    require(!problem.message.empty());
    require(!problem.location.file.empty());
  }
}

void exerciseAssessor(const skillsim::scenario::Scenario& scenario) {
  using namespace skillsim;
  assessment::Assessor assessor(scenario.standard, scenario.rubric, scenario.id);
  sim::Metrics metrics;
  for (const auto& name : scenario::metricNames(scenario.machine ? &*scenario.machine : nullptr)) {
    metrics.add(name, 1.0);
  }
  core::ActionState actions;
  sim::SimEvent horn;
  horn = sim::SimEvent::machine(0, "horn", "horn");
  sim::SimEvent contact;
  contact.kind = sim::SimEventKind::ContactBegin;
  contact.subject = "load";
  contact.other = "ground";
  assessor.observe(0, std::span<const sim::SimEvent>(&horn, 1), metrics, actions);
  actions.setAxis(skillsim::sim::crane_controls::kHoist, 0.5f);
  assessor.observe(1, std::span<const sim::SimEvent>(&contact, 1), metrics, actions);
  auto result = assessor.finish();
  require(result.totalPoints <= result.maxPoints);
  require(result.totalPoints >= 0.0);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto scenarioReport =
      skillsim::scenario::validateScenarioText(text, "fuzz.toml", kStandard, "fuzz-std.toml");
  checkReport(scenarioReport);
  require(scenarioReport.valid() == scenarioReport.scenario.has_value());
  require(scenarioReport.valid() == scenarioReport.hash.has_value());
  if (scenarioReport.scenario) {
    exerciseAssessor(*scenarioReport.scenario);
  }
  auto standardReport = skillsim::scenario::validateStandardText(text, "fuzz.toml");
  checkReport(standardReport);
  require(standardReport.valid() == standardReport.standard.has_value());
  return 0;
}
