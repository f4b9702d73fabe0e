#include "IndependentScenarioHash.h"
#include "ScenarioTestTexts.h"

#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>

using namespace skillsim;
using namespace skillsim::scenario;

namespace {

using test::kScenario;
using test::kStandard;

ValidationReport check(const std::string& scenario, const std::string& standard = kStandard) {
  return validateScenarioText(scenario, "test.toml", standard, "test-std.toml");
}

/** `text` with the first `from` replaced by `to` (the test fails if `from` is absent). */
std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "no '" << from << "' in the fixture";
  if (at != std::string::npos) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/** 1-based line and column of the first `needle` in `text`. */
std::pair<std::uint32_t, std::uint32_t> where(const std::string& text, const std::string& needle) {
  auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  std::uint32_t line = 1;
  std::size_t lineStart = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  }
  return {line, static_cast<std::uint32_t>(at - lineStart + 1)};
}

/** Asserts exactly one problem, with this message, at `needle`'s position in `text`. */
void expectOnly(const ValidationReport& report, const std::string& text, const std::string& needle,
                const std::string& field, const std::string& message) {
  ASSERT_EQ(report.problems.size(), 1u) << [&] {
    std::string all;
    for (const auto& p : report.problems) {
      all += p.toString() + "\n";
    }
    return all;
  }();
  const core::Error& p = report.problems[0];
  auto [line, column] = where(text, needle);
  EXPECT_EQ(p.message, message);
  EXPECT_EQ(p.location.fieldPath, field);
  EXPECT_EQ(p.location.line, line) << p.toString();
  EXPECT_EQ(p.location.column, column) << p.toString();
  EXPECT_FALSE(report.scenario.has_value() && !report.valid());
}

} // namespace

TEST(ScenarioLoader, ValidScenarioFillsTheSimulationSpecInSiUnits) {
  ValidationReport r = check(kScenario);
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  ASSERT_TRUE(r.scenario);
  const Scenario& s = *r.scenario;
  EXPECT_EQ(s.id, "crane.test");
  EXPECT_EQ(s.tickRate, 120u);
  EXPECT_EQ(s.rubric.tickRate, 120u);
  EXPECT_EQ(s.simulation.seed, 42u);
  EXPECT_DOUBLE_EQ(s.timeLimit, 300.0);
  EXPECT_DOUBLE_EQ(s.rubric.timeLimit, 300.0);
  ASSERT_EQ(s.simulation.bodies.size(), 2u);
  EXPECT_EQ(s.simulation.bodies[0].name, "crate"); // file order
  EXPECT_EQ(s.simulation.bodies[1].name, "pole");
  EXPECT_EQ(s.simulation.bodies[1].shape.kind, sim::ShapeKind::Cylinder);
  EXPECT_DOUBLE_EQ(s.simulation.bodies[1].mass, 0.0);
  // rotation_deg = [0, 90, 0]: a quarter turn about +Y takes +X to -Z.
  glm::dvec3 x = s.simulation.bodies[0].orientation * glm::dvec3(1, 0, 0);
  EXPECT_NEAR(x.x, 0.0, 1e-12);
  EXPECT_NEAR(x.z, -1.0, 1e-12);
  EXPECT_EQ(*s.simulation.bodies[0].liftingLug, glm::dvec3(0, 0.4, 0));
  EXPECT_NEAR(s.simulation.cameras[0].verticalFov, std::numbers::pi / 2, 1e-15);
  ASSERT_NE(skillsim::sim::overheadCraneOf(s.simulation), nullptr);
  EXPECT_DOUBLE_EQ(skillsim::sim::overheadCraneOf(s.simulation)->span, 10.0);
  EXPECT_EQ(skillsim::sim::overheadCraneOf(s.simulation)->hoist.notches, 4);
  EXPECT_DOUBLE_EQ(skillsim::sim::overheadCraneOf(s.simulation)->hoist.maxSpeed, 0.3);
  EXPECT_DOUBLE_EQ(skillsim::sim::overheadCraneOf(s.simulation)->hoist.acceleration,
                   0.3);                               // default kept
  EXPECT_DOUBLE_EQ(s.simulation.zones[0].height, 2.0); // default
  ASSERT_EQ(s.rubric.criteria.size(), 4u);
  const auto& place = std::get<assessment::PlacementParams>(s.rubric.criteria[0].params);
  EXPECT_DOUBLE_EQ(place.centerX, 10.0); // from the zone
  EXPECT_DOUBLE_EQ(place.centerZ, 4.0);
  EXPECT_EQ(place.at.after, "setdown");
  const auto& band = std::get<assessment::MetricBandParams>(s.rubric.criteria[1].params);
  EXPECT_NEAR(*band.max, 4.5 * std::numbers::pi / 180.0, 1e-15); // max_deg converted
  EXPECT_FALSE(band.min);
  EXPECT_EQ(band.mode, assessment::ChargeMode::PerSecond);
  EXPECT_EQ(s.standard.id, "test-std");
  ASSERT_TRUE(r.hash);
  // Recomputed with libsodium, not scenarioHash (IndependentScenarioHash.h).
  EXPECT_EQ(*r.hash, skillsim::scenario::testing::independentScenarioHash(kScenario, kStandard));
  EXPECT_EQ(s.hash, *r.hash);
}

TEST(ScenarioLoader, UnknownKeyWithDidYouMean) {
  std::string text = replace(kScenario, "position = [2.0", "positon = [2.0");
  expectOnly(check(text), text, "positon", "bodies[0].positon",
             "unknown key 'positon' (did you mean 'position'?)");
  // A misspelt key also leaves the real one unset, which may be a problem of its own.
  text = replace(kScenario, "mass = 300", "masss = 300");
  ValidationReport r = check(text);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].message, "unknown key 'masss' (did you mean 'mass'?)");
  EXPECT_EQ(r.problems[1].message, "only a dynamic body (mass > 0) can be lifted; give it a mass");
}

TEST(ScenarioLoader, UnknownKeyWithoutACloseMatchListsTheKeys) {
  std::string text = replace(kScenario, "seed = 42", "seed = 42\nflavour = 1");
  ValidationReport r = check(text);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message,
            "unknown key 'flavour'; expected one of 'tick_rate', 'solver_iterations', "
            "'friction_directions', 'islands_by_contact', 'seed', 'gravity' or "
            "'ground_plane'");
  EXPECT_EQ(r.problems[0].location.line, where(text, "flavour").first);
}

TEST(ScenarioLoader, WrongTypeNamesWhatWasExpected) {
  std::string text = replace(kScenario, "mass = 300", "mass = \"heavy\"");
  expectOnly(check(text), text, "\"heavy\"", "bodies[0].mass", "expected a number, found a string");
}

TEST(ScenarioLoader, NegativeMassIsOutOfRange) {
  std::string text = replace(kScenario, "mass = 300", "mass = -5");
  expectOnly(check(text), text, "-5", "bodies[0].mass",
             "value -5 is out of range; expected a number in [0, 1e+06]");
}

TEST(ScenarioLoader, NonFiniteNumbersAreRejected) {
  std::string text = replace(kScenario, "radius = 0.8", "radius = nan");
  expectOnly(check(text), text, "nan", "zones[0].radius",
             "value nan is out of range; expected a number in (0, 10000]");
  text = replace(kScenario, "size = [1.0, 0.5, 1.0]", "size = [1.0, inf, 1.0]");
  expectOnly(check(text), text, "inf", "bodies[0].size[1]",
             "value inf is out of range; expected a number in (0, 10000]");
}

TEST(ScenarioLoader, ZeroRopeLengthIsOutOfRange) {
  std::string text = replace(kScenario, "max_rope_length = 7.0", "max_rope_length = 0");
  ValidationReport r = check(text);
  ASSERT_GE(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message, "value 0 is out of range; expected a number > 0");
  EXPECT_EQ(r.problems[0].location.fieldPath, "crane.max_rope_length");
  EXPECT_EQ(r.problems[0].location.line, where(text, "max_rope_length").first);
  EXPECT_EQ(r.problems[0].location.column, where(text, "max_rope_length = 0").second + 18);
}

TEST(ScenarioLoader, RopeLongerThanTheLiftHeight) {
  std::string text = replace(kScenario, "max_rope_length = 7.0", "max_rope_length = 8.5");
  expectOnly(check(text), text, "8.5", "crane.max_rope_length",
             "max_rope_length 8.5 m must be less than lift_height 8 m (the hook would go below "
             "the ground)");
}

// Issue 13 point 6: the wire rope figures of the crane section, each checked where it is written.
TEST(ScenarioLoader, BadRopeFiguresAreNamedAtTheirKey) {
  struct Case {
    std::string line;
    std::string needle;
    std::string field;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"rope_fill_factor = 1.5", "1.5", "crane.rope_fill_factor", "must be in (0, 1), got 1.5"},
      {"snatch_factor = 0.5", "0.5", "crane.snatch_factor",
       "must be 0 (EN 13001-2 phi2) or in (1, 10], got 0.5"},
      {"rope_modulus = 2e12", "2e12", "crane.rope_modulus",
       "must be a steel rope modulus in [1e9, 3e11] Pa, got 2e+12"},
      {"hoist_rope_diameter = 0.5", "0.5", "crane.hoist_rope_diameter",
       "must be a rope diameter in (0, 0.2] m, got 0.5"},
      {"hoist_rope_falls = 0", "0", "crane.hoist_rope_falls",
       "value 0 is out of range; expected an integer in [1, 16]"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    const std::string text =
        replace(kScenario, "max_rope_length = 7.0", "max_rope_length = 7.0\n" + c.line);
    ValidationReport r = check(text);
    ASSERT_EQ(r.problems.size(), 1u) << (r.problems.empty() ? "" : r.problems[0].toString());
    EXPECT_EQ(r.problems[0].message, c.message);
    EXPECT_EQ(r.problems[0].location.fieldPath, c.field);
    EXPECT_EQ(r.problems[0].location.line, where(text, c.line).first);
    EXPECT_EQ(r.problems[0].location.column,
              where(text, c.line).second + (c.line.size() - c.needle.size()));
  }
}

TEST(ScenarioLoader, EveryProblemIsReportedAtOnceInFileOrder) {
  std::string text = replace(kScenario, "tick_rate = 120", "tick_rate = 5");
  text = replace(text, "mass = 300", "mass = -1");
  text = replace(text, "item = \"safety\"", "item = \"safty\"");
  text = replace(text, "radius = 0.8", "radius = 0");
  ValidationReport r = check(text);
  ASSERT_EQ(r.problems.size(), 5u); // the bad item also leaves 'safety' unscored
  EXPECT_EQ(r.problems[0].location.fieldPath, "simulation.tick_rate");
  EXPECT_EQ(r.problems[0].message, "value 5 is out of range; expected an integer in [30, 2000]");
  EXPECT_EQ(r.problems[1].location.fieldPath, "bodies[0].mass");
  EXPECT_EQ(r.problems[2].location.fieldPath, "zones[0].radius");
  EXPECT_EQ(r.problems[3].location.fieldPath, "rubric");
  EXPECT_EQ(r.problems[3].message,
            "standard item 'safety' (40 points) is not scored by any rubric criterion");
  EXPECT_EQ(r.problems[4].location.fieldPath, "rubric[2].item");
  // Issue 13, point 10: the standard it was looked up in is named, id and file (was: neither).
  EXPECT_EQ(r.problems[4].message, "unknown standard item 'safty' (did you mean 'safety'?); "
                                   "standard 'test-std' (test-std.toml) has no such item");
  for (std::size_t i = 1; i < r.problems.size(); ++i) {
    EXPECT_LE(r.problems[i - 1].location.line, r.problems[i].location.line);
  }
  EXPECT_FALSE(r.scenario);
  EXPECT_FALSE(r.hash);
}

TEST(ScenarioLoader, MissingRequiredKeyAtTheTable) {
  std::string text = replace(kScenario, "shape = \"box\"\n", "");
  ValidationReport r = check(text);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message, "missing required key 'shape' (a string)");
  EXPECT_EQ(r.problems[0].location.fieldPath, "bodies[0].shape");
  EXPECT_EQ(r.problems[0].location.line, where(text, "[[bodies]]").first); // the table's header
  EXPECT_EQ(r.problems[0].location.column, 1u);
}

TEST(ScenarioLoader, UnknownEnumValueWithDidYouMean) {
  std::string text = replace(kScenario, "kind = \"placement\"", "kind = \"placment\"");
  ValidationReport r = check(text);
  ASSERT_GE(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].location.fieldPath, "rubric[0].kind");
  EXPECT_EQ(r.problems[0].location.line, where(text, "placment").first);
  EXPECT_EQ(r.problems[0].location.column, where(text, "\"placment\"").second);
  EXPECT_EQ(r.problems[0].message.rfind("unknown value 'placment' (did you mean 'placement'?)", 0),
            0u)
      << r.problems[0].message;
}

TEST(ScenarioLoader, UnknownReferences) {
  struct Case {
    std::string from, to, needle, field, message;
  };
  std::vector<Case> cases = {
      {"zone = \"target\"", "zone = \"targte\"", "\"targte\"", "rubric[0].zone",
       "unknown zone 'targte' (did you mean 'target'?)"},
      {"body = \"crate\"", "body = \"crat\"", "\"crat\"", "rubric[0].body",
       "unknown body 'crat' (did you mean 'crate'?)"},
      {"body = \"crate\"", "body = \"barrel\"", "\"barrel\"", "rubric[0].body",
       "unknown body 'barrel'; expected 'crate' or 'pole'"},
      {"metric = \"load_swing_angle\"", "metric = \"swing_angle\"", "\"swing_angle\"",
       "rubric[1].metric",
       "unknown metric 'swing_angle'; expected 'time', 'load_swing_angle', 'load_height', "
       "'hook_height', "
       "'bridge_speed', 'trolley_speed', 'hoist_speed', 'load_x', 'load_z', 'rope_length', "
       "'hoisted_mass', 'bridge_position', 'trolley_position', 'hook_x', 'hook_z', 'rope_span', "
       "'rope_stretch', 'rope_tension', 'sling_tension', 'sling_span', 'load_y', 'load_speed', "
       "'load_attached', 'emergency_stop' or 'overload'"},
      {"phase = \"setdown\"", "phase = \"set_down\"", "\"set_down\"", "rubric[1].phase",
       "unknown phase 'set_down' (did you mean 'setdown'?)"},
      {"other = \"pile\"", "other = \"piles\"", "\"piles\"", "rubric[2].other",
       "unknown body tag 'piles' (did you mean 'pile'?)"},
      {"after = \"setdown\" }", "after = \"setdwn\" }", "\"setdwn\"", "attempt.end.after",
       "unknown phase 'setdwn' (did you mean 'setdown'?)"},
      {"event = \"load_dropped\"", "event = \"load_droped\"", "\"load_droped\"",
       "rubric[3].event.event",
       "unknown value 'load_droped' (did you mean 'load_dropped'?); expected 'contact_begin', "
       "'contact_end', 'zone_enter', 'zone_exit', 'physics_fault', 'control_changed', "
       "'scheduled', 'horn', 'emergency_stop', 'load_attached', 'load_released', 'load_dropped', "
       "'overload', 'snatch_load', 'attach_refused', 'two_blocking', 'start', 'motion' or "
       "'end'"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    std::string text = replace(kScenario, c.from, c.to);
    expectOnly(check(text), text, c.needle, c.field, c.message);
  }
}

TEST(ScenarioLoader, VetoKindMustNameAVetoItemAndViceVersa) {
  std::string text = replace(kScenario, "item = \"veto_drop\"", "item = \"safety\"");
  ValidationReport r = check(text);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].message,
            "veto item 'veto_drop' has no rubric criterion of kind = \"veto\"");
  EXPECT_EQ(r.problems[1].message,
            "kind = \"veto\" must name a veto item; 'safety' has veto = false in the standard");
  EXPECT_EQ(r.problems[1].location.line, where(text, "item = \"safety\"\nkind = \"veto\"").first);

  text = replace(kScenario, "id = \"poles\"\nitem = \"safety\"",
                 "id = \"poles\"\nitem = \"veto_drop\"");
  r = check(text);
  ASSERT_GE(r.problems.size(), 1u);
  EXPECT_NE(std::find_if(r.problems.begin(), r.problems.end(),
                         [](const core::Error& e) {
                           return e.message ==
                                  "'veto_drop' is a veto item; only kind = \"veto\" may name it";
                         }),
            r.problems.end());
}

TEST(ScenarioLoader, EndEventOnlyEndsAPhase) {
  std::string text = replace(kScenario, "end = { event = \"horn\", after = \"setdown\" }",
                             "end = { event = \"end\" }");
  expectOnly(check(text), text, "\"end\" }", "attempt.end.event",
             "event \"end\" can only end a phase");
}

TEST(ScenarioLoader, PlacementLimitsMustIncrease) {
  std::string text = replace(kScenario, "none_beyond = 0.5", "none_beyond = 0.1");
  expectOnly(check(text), text, "0.1\npoints", "rubric[0].none_beyond",
             "none_beyond 0.1 m must be greater than full_within 0.1 m");
}

// Issue 13, point 4: a weave height band written in degrees (min_deg = 0.5, max_deg = 1.0) was
// silently read as 0.0087-0.0175 m and charged a competent run -5. Degrees are for angles only.
TEST(ScenarioLoader, DegreeKeysOnALengthMetricAreRefused) {
  std::string text = replace(kScenario, "metric = \"load_swing_angle\"\nmax_deg = 4.5",
                             "metric = \"load_height\"\nmin_deg = 0.5");
  expectOnly(check(text), text, "0.5\ncharge", "rubric[1].min_deg",
             "'min_deg' gives degrees, but metric 'load_height' is not an angle (it is measured "
             "in m): write 'min' in m");
}

// `max = 3.0` on the swing angle (meant as degrees) was read as 3 rad = 172 deg, outside the
// 0-90 deg a swing can have, so the check never fired.
TEST(ScenarioLoader, BandOutsideTheMetricsPlausibleRangeNamesMetricUnitAndRange) {
  std::string text = replace(kScenario, "max_deg = 4.5", "max = 3.0");
  expectOnly(check(text), text, "3.0\ncharge", "rubric[1].max",
             "max = 171.9° is outside the plausible range of metric 'load_swing_angle' (rad, an "
             "angle): 0° to 90° (0 to 1.571 rad); 'max' is read in rad (3 rad), write 'max_deg' "
             "for degrees");
  // A length band beyond the crane's plausible heights, and a forbidden action's threshold.
  text = replace(kScenario, "metric = \"load_swing_angle\"\nmax_deg = 4.5",
                 "metric = \"load_height\"\nmax = 500");
  expectOnly(check(text), text, "500\ncharge", "rubric[1].max",
             "max = 500 m is outside the plausible range of metric 'load_height' (m): -1 m to "
             "200 m");
  text = replace(kScenario,
                 "kind = \"metric_band\"\nphase = \"setdown\"\nmetric = \"load_swing_angle\"\n"
                 "max_deg = 4.5\ncharge = \"per_second\"",
                 "kind = \"forbidden_action\"\nphase = \"setdown\"\nmetric = \"hoist_speed\"\n"
                 "when = \"above\"\nthreshold = 20.0");
  expectOnly(check(text), text, "20.0\npoints", "rubric[1].threshold",
             "threshold = 20 m/s is outside the plausible range of metric 'hoist_speed' (m/s): "
             "-5 m/s to 5 m/s");
}

TEST(ScenarioLoader, AGoodBandInDegreesAndInMetresLoads) {
  std::string text = replace(kScenario, "max_deg = 4.5", "min_deg = 0\nmax_deg = 3.0");
  ValidationReport r = check(text);
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  const auto& band = std::get<assessment::MetricBandParams>(r.scenario->rubric.criteria[1].params);
  EXPECT_NEAR(*band.max, 3.0 * std::numbers::pi / 180.0, 1e-15);
  EXPECT_EQ(*band.min, 0.0);
  text = replace(kScenario, "metric = \"load_swing_angle\"\nmax_deg = 4.5",
                 "metric = \"load_height\"\nmin = 0.5\nmax = 1.0");
  r = check(text);
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  const auto& height =
      std::get<assessment::MetricBandParams>(r.scenario->rubric.criteria[1].params);
  EXPECT_EQ(*height.min, 0.5);
  EXPECT_EQ(*height.max, 1.0);
}

TEST(ScenarioLoader, DuplicateNames) {
  std::string text = replace(kScenario, "name = \"pole\"", "name = \"crate\"");
  ValidationReport r = check(text);
  ASSERT_GE(r.problems.size(), 1u);
  // Issue 13, point 10: both lines are named, the second as the location (was: only that one).
  EXPECT_EQ(r.problems[0].message, "duplicate body name 'crate'; first given at line " +
                                       std::to_string(where(text, "name = \"crate\"").first));
  EXPECT_EQ(r.problems[0].location.line, where(text, "name = \"crate\"\ntags = [\"pile\"]").first);
  EXPECT_LT(where(text, "name = \"crate\"").first, r.problems[0].location.line);
}

// Issue 13, point 10: a scenario with titles only in Chinese was rejected ("missing required key
// 'title_en'"); now English falls back to the Chinese title, with a warning naming the line.
TEST(ScenarioLoader, ChineseOnlyTitleIsAcceptedWithAWarning) {
  const std::string text = replace(kScenario, "title_en = \"Test\"\n", "");
  ValidationReport r = check(text);
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  ASSERT_TRUE(r.scenario);
  EXPECT_EQ(r.scenario->titleZh, "测试");
  EXPECT_EQ(r.scenario->titleEn, "测试");
  ASSERT_EQ(r.scenario->warnings.size(), 1u);
  const core::Error& w = r.scenario->warnings[0];
  EXPECT_EQ(w.message, "no title_en: English screens and reports show the Chinese title '测试'; "
                       "add title_en = \"...\"");
  EXPECT_EQ(w.location.line, where(text, "title_zh").first);
  EXPECT_EQ(w.location.fieldPath, "title_en");
  // Both titles given: no warning. No Chinese title: still an error.
  EXPECT_TRUE(check(kScenario).scenario->warnings.empty());
  ValidationReport noZh = check(replace(kScenario, "title_zh = \"测试\"\n", ""));
  ASSERT_FALSE(noZh.valid());
  EXPECT_NE(noZh.problems[0].message.find("title_zh"), std::string::npos);
}

TEST(ScenarioLoader, TomlSyntaxErrorHasLineAndColumn) {
  std::string text = replace(kScenario, "seed = 42", "seed = = 42");
  ValidationReport r = check(text);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].location.line, where(text, "seed = = 42").first);
  EXPECT_GT(r.problems[0].location.column, 0u);
  EXPECT_EQ(r.problems[0].message.rfind("TOML syntax error: ", 0), 0u) << r.problems[0].message;
}

TEST(ScenarioLoader, WrongFormatKey) {
  std::string text = replace(kScenario, "skillsim.scenario/1", "skillsim.scenario/9");
  ValidationReport r = check(text);
  ASSERT_GE(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].location.fieldPath, "format");
  EXPECT_EQ(r.problems[0].location.line, 1u);
  EXPECT_EQ(r.problems[0].location.column, 10u);
  EXPECT_EQ(r.problems[0].message,
            "unknown format 'skillsim.scenario/9'; expected format = \"skillsim.scenario/1\" (a "
            "scenario) or \"skillsim.standard/1\" (a standard)");
}

TEST(ScenarioLoader, StandardIdMustMatch) {
  std::string text = replace(kScenario, "standard = \"test-std\"", "standard = \"other-std\"");
  expectOnly(check(text), text, "\"other-std\"", "standard",
             "names standard 'other-std' but test-std.toml has id 'test-std'");
}

TEST(ScenarioLoader, CraneTradeNeedsACrane) {
  std::string text = kScenario;
  auto from = text.find("[crane]");
  auto to = text.find("[[bodies]]");
  text.erase(from, to - from);
  ValidationReport r = check(text);
  ASSERT_GE(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message,
            "trade 'overhead_crane' needs a [machine] table with kind = \"overhead_crane\" (or, "
            "in format 1, a [crane] table) describing the machine");
}

TEST(StandardLoader, PassMarkAboveTheTotal) {
  std::string text = replace(kStandard, "pass_mark = 70", "pass_mark = 170");
  ValidationReport r = validateStandardText(text, "s.toml");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].message,
            "pass mark 170 is above the items' total of 100; no attempt could pass");
  EXPECT_EQ(r.problems[0].location.file, "s.toml");
  EXPECT_EQ(r.problems[0].location.line, 7u);
  EXPECT_EQ(r.problems[0].location.column, 13u);
}

TEST(StandardLoader, ItemMistakes) {
  std::string text = replace(kStandard, "category = \"quality\"", "category = \"qualty\"");
  text = replace(text, "points = 40", "points = -40");
  text = replace(text, "description_en = \"Drop\"", "description_en = \"Drop\"\nvetto = true");
  ValidationReport r = validateStandardText(text, "s.toml");
  ASSERT_EQ(r.problems.size(), 3u);
  EXPECT_EQ(r.problems[0].location.fieldPath, "items[0].category");
  EXPECT_EQ(r.problems[0].message,
            "unknown value 'qualty' (did you mean 'quality'?); expected 'safety', 'procedure', "
            "'quality' or 'efficiency'");
  EXPECT_EQ(r.problems[1].location.fieldPath, "items[1].points");
  EXPECT_EQ(r.problems[1].message, "value -40 is out of range; expected a number >= 0");
  EXPECT_EQ(r.problems[2].location.fieldPath, "items[2].vetto");
  EXPECT_EQ(r.problems[2].message, "unknown key 'vetto' (did you mean 'veto'?)");
  EXPECT_EQ(r.problems[2].location.line, where(text, "vetto").first);
}

TEST(StandardLoader, LevelsAscendingAndReachable) {
  std::string text = kStandard + R"(
[[levels]]
id = "high"
title_zh = "高"
title_en = "High"
min_points = 90

[[levels]]
id = "low"
title_zh = "低"
title_en = "Low"
min_points = 80

[[levels]]
id = "impossible"
title_zh = "无"
title_en = "None"
min_points = 101
)";
  ValidationReport r = validateStandardText(text, "s.toml");
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].location.fieldPath, "levels[1].min_points");
  EXPECT_EQ(r.problems[0].message, "levels must be in ascending order of min_points");
  EXPECT_EQ(r.problems[1].location.fieldPath, "levels[2].min_points");
  EXPECT_EQ(r.problems[1].message, "min_points 101 is above the items' total of 100");
}

TEST(StandardLoader, ProblemsOfTheStandardComeWithTheScenario) {
  std::string standard = replace(kStandard, "pass_mark = 70", "pass_mark = -1");
  ValidationReport r = check(kScenario, standard);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].location.file, "test-std.toml");
  EXPECT_FALSE(r.scenario);
}

namespace {
std::filesystem::path writeTemp(const std::string& name, const std::string& text) {
  std::filesystem::path dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "scenario";
  std::filesystem::create_directories(dir.parent_path());
  std::filesystem::path path = dir.parent_path() / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}
} // namespace

TEST(LoadScenario, ShippedScenariosAreValid) {
  std::filesystem::path root = SKILLSIM_SOURCE_DIR;
  for (const char* file : {"scenarios/overhead_crane/q2_practical.toml",
                           "scenarios/overhead_crane/practice_single_lift.toml"}) {
    SCOPED_TRACE(file);
    auto scenario = loadScenario(root / file);
    ASSERT_TRUE(scenario) << scenario.error().toString();
    EXPECT_FALSE(scenario->simulation.bodies.empty());
    EXPECT_NE(skillsim::sim::overheadCraneOf(scenario->simulation), nullptr);
    EXPECT_EQ(scenario->standardFile.filename().extension(), ".toml");
  }
  auto q2 = loadScenario(root / "scenarios/overhead_crane/q2_practical.toml");
  ASSERT_TRUE(q2);
  EXPECT_EQ(q2->standard.id, "q2-overhead-crane");
  EXPECT_DOUBLE_EQ(q2->standard.passMark, 70.0);
  EXPECT_DOUBLE_EQ(q2->standard.totalPoints(), 100.0);
  EXPECT_DOUBLE_EQ(q2->standard.findItem("curved_path")->points, 50.0);
}

TEST(LoadScenario, FindsTheStandardUnderTheAssetsRoot) {
  auto standard = writeTemp("loader/assets/standards/test-std.toml", kStandard);
  auto file = writeTemp("loader/scenarios/x/test.toml", kScenario);
  auto scenario = loadScenario(file);
  ASSERT_TRUE(scenario) << scenario.error().toString();
  // Recomputed with libsodium, not scenarioHash (IndependentScenarioHash.h).
  EXPECT_EQ(scenario->hash,
            skillsim::scenario::testing::independentScenarioHash(kScenario, kStandard));
  // An explicit assets root that lacks it: NotFound, at the `standard` key.
  auto missing = loadScenario(file, LoadOptions{file.parent_path()});
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::NotFound);
  EXPECT_EQ(missing.error().location.line, where(kScenario, "\"test-std\"").first);
  EXPECT_EQ(missing.error().location.column, where(kScenario, "\"test-std\"").second);
  EXPECT_NE(missing.error().message.find("standard 'test-std' not found"), std::string::npos);
  // A relative standard_file instead of an id.
  std::string byPath = replace(kScenario, "standard = \"test-std\"",
                               "standard_file = \"../../assets/standards/test-std.toml\"");
  auto other = loadScenario(writeTemp("loader/scenarios/x/by_path.toml", byPath));
  ASSERT_TRUE(other) << other.error().toString();
}

// Found by a new user: without `standard` the report also listed seven "missing required key"
// problems of no file (the empty standard text's), though the scenario has those keys.
TEST(LoadScenario, AScenarioNamingNoStandardHasThatOneProblem) {
  std::string text = replace(kScenario, "standard = \"test-std\"\n", "");
  ASSERT_NE(text, kScenario);
  const ValidationReport r = validateFile(writeTemp("loader3/no_standard.toml", text));
  ASSERT_FALSE(r.valid());
  ASSERT_EQ(r.problems.size(), 1u) << r.problems.back().toString();
  EXPECT_NE(r.problems[0].message.find("missing the standard assessed"), std::string::npos);
  EXPECT_EQ(r.problems[0].location.line, 1u);
}

TEST(LoadScenario, ErrorListsEveryProblem) {
  writeTemp("loader2/assets/standards/test-std.toml", kStandard);
  std::string text = replace(kScenario, "mass = 300", "mass = -1");
  text = replace(text, "radius = 0.8", "radius = -2");
  auto file = writeTemp("loader2/bad.toml", text);
  auto scenario = loadScenario(file);
  ASSERT_FALSE(scenario);
  EXPECT_EQ(scenario.error().code, core::ErrorCode::InvalidInput);
  const std::string& m = scenario.error().message;
  EXPECT_EQ(m.rfind("2 problems in ", 0), 0u) << m;
  std::string massLine = std::to_string(where(text, "-1").first);
  massLine.insert(0, 1, ':');
  massLine.push_back(':');
  EXPECT_NE(m.find(massLine), std::string::npos) << m;
  EXPECT_NE(m.find("zones[0].radius: value -2 is out of range"), std::string::npos) << m;
  EXPECT_EQ(scenario.error().location.fieldPath, "bodies[0].mass");
}

TEST(LoadScenario, MissingFileIsNotFound) {
  auto scenario = loadScenario("/no/such/scenario.toml");
  ASSERT_FALSE(scenario);
  EXPECT_EQ(scenario.error().code, core::ErrorCode::NotFound);
  EXPECT_EQ(scenario.error().toString(), "/no/such/scenario.toml: 1 problem in "
                                         "/no/such/scenario.toml:\n  /no/such/scenario.toml: no "
                                         "such file");
}

TEST(LoadStandard, IdMustBeTheFileName) {
  auto path = writeTemp("loader3/other-name.toml", kStandard);
  auto standard = loadStandard(path);
  ASSERT_FALSE(standard);
  EXPECT_EQ(standard.error().location.fieldPath, "id");
  EXPECT_EQ(standard.error().location.line, 2u);
  EXPECT_EQ(standard.error().location.column, 6u);
  EXPECT_NE(standard.error().message.find(
                "id 'test-std' differs from the file name 'other-name.toml'; scenarios find a "
                "standard as <id>.toml"),
            std::string::npos)
      << standard.error().message;
}

TEST(LoadStandard, ShippedStandardsAreValid) {
  std::filesystem::path root = SKILLSIM_SOURCE_DIR;
  auto q2 = loadStandard(root / "assets/standards/q2-overhead-crane.toml");
  ASSERT_TRUE(q2) << q2.error().toString();
  EXPECT_EQ(q2->items.size(), 7u);
  auto scenarioAsStandard = loadStandard(root / "scenarios/overhead_crane/q2_practical.toml");
  ASSERT_FALSE(scenarioAsStandard);
  EXPECT_NE(scenarioAsStandard.error().message.find("found a scenario"), std::string::npos);
}

TEST(Docs, AnnotatedExamplesEqualTheShippedFilesAndAreValid) {
  std::filesystem::path root = SKILLSIM_SOURCE_DIR;
  for (const char* doc : {"docs/scenario-format.md", "docs/standard-format.md"}) {
    SCOPED_TRACE(doc);
    std::ifstream in(root / doc);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string marker = "<!-- example: ";
    auto at = text.find(marker);
    ASSERT_NE(at, std::string::npos);
    auto pathEnd = text.find(" -->", at);
    std::string file = text.substr(at + marker.size(), pathEnd - at - marker.size());
    auto blockStart = text.find("```toml\n", pathEnd) + 8;
    auto blockEnd = text.find("```", blockStart);
    std::ifstream shipped(root / file, std::ios::binary);
    std::string expected((std::istreambuf_iterator<char>(shipped)),
                         std::istreambuf_iterator<char>());
    EXPECT_EQ(text.substr(blockStart, blockEnd - blockStart), expected) << file;
    ValidationReport report = validateFile(root / file);
    EXPECT_TRUE(report.valid()) << file;
  }
}

// Issue 12: `[machine] kind = "..."` names the machine; format 1's `[crane]` table reads the same.
TEST(ScenarioLoader, MachineSectionAndFormatOneCraneTableGiveTheSameMachine) {
  const std::string text = replace(kScenario, "[crane]", "[machine]\nkind = \"overhead_crane\"");
  ValidationReport machine = check(text);
  ASSERT_TRUE(machine.valid()) << machine.problems.front().toString();
  ValidationReport legacy = check(kScenario);
  ASSERT_TRUE(legacy.valid()) << legacy.problems.front().toString();
  const auto* a = skillsim::sim::overheadCraneOf(machine.scenario->simulation);
  const auto* b = skillsim::sim::overheadCraneOf(legacy.scenario->simulation);
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->span, 10.0);
  EXPECT_EQ(a->span, b->span);
  EXPECT_EQ(a->hoist.notches, 4);
  EXPECT_EQ(b->hoist.notches, 4);
  ASSERT_TRUE(machine.scenario->machine);
  EXPECT_EQ(machine.scenario->machine->kind, "overhead_crane");
  EXPECT_EQ(machine.scenario->machine->controls.axisControl(2).notches, 4)
      << "the declared hoist control takes the scenario's notch count";
  // A problem in the machine's keys is placed under `machine.`.
  ValidationReport bad = check(replace(text, "span = 10.0", "span = -1"));
  ASSERT_FALSE(bad.valid());
  EXPECT_EQ(bad.problems[0].location.fieldPath, "machine.span");
}

TEST(ScenarioLoader, UnknownMachineKindListsTheKnownOnes) {
  const std::string text = replace(kScenario, "[crane]", "[machine]\nkind = \"forklfit\"");
  ValidationReport r = check(text);
  ASSERT_EQ(r.problems.size(), 1u)
      << "no cascade of unknown metrics and events: " << r.problems.back().toString();
  EXPECT_EQ(r.problems[0].location.fieldPath, "machine.kind");
  EXPECT_NE(r.problems[0].message.find("unknown value 'forklfit'"), std::string::npos)
      << r.problems[0].message;
  EXPECT_NE(r.problems[0].message.find("'overhead_crane'"), std::string::npos)
      << r.problems[0].message;
}

// Issue 13 point 5: display names for deduction texts; a label of nothing is refused, named.
TEST(ScenarioLoader, LabelsGiveDisplayNamesAndALabelOfNothingIsNamed) {
  const std::string labelled = kScenario +
                               "\n[labels]\ncrate = { zh = \"木箱\", en = \"the crate\" }\n"
                               "target = { zh = \"目标圈\", en = \"the target circle\" }\n";
  ValidationReport ok = check(labelled);
  ASSERT_TRUE(ok.valid()) << (ok.problems.empty() ? "" : ok.problems[0].toString());
  ASSERT_TRUE(ok.scenario);
  EXPECT_EQ(ok.scenario->labels.at("crate").zh, "木箱");
  EXPECT_EQ(ok.scenario->labels.at("target").en, "the target circle");
  const std::string unknown =
      kScenario + "\n[labels]\npile_9 = { zh = \"9 号桩\", en = \"pile 9\" }\n";
  ValidationReport bad = check(unknown);
  ASSERT_EQ(bad.problems.size(), 1u);
  EXPECT_EQ(bad.problems[0].message,
            "'pile_9' names no body, zone, tag, phase or event of this scenario");
  EXPECT_EQ(bad.problems[0].location.fieldPath, "labels.pile_9");
  EXPECT_EQ(bad.problems[0].location.line, where(unknown, "pile_9").first);
  const std::string halfDone = kScenario + "\n[labels]\ncrate = { zh = \"木箱\" }\n";
  ValidationReport half = check(halfDone);
  ASSERT_EQ(half.problems.size(), 1u);
  EXPECT_EQ(half.problems[0].location.fieldPath, "labels.crate.en");
}

// --- The scenario's own pass mark (issue 17 point 1) ---

TEST(ScenarioLoader, PassMarkOverrideReplacesTheStandardsForThisScenarioOnly) {
  const std::string text =
      replace(kScenario, "standard = \"test-std\"\n", "standard = \"test-std\"\npass_mark = 85\n");
  ValidationReport r = check(text);
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  EXPECT_EQ(r.scenario->standard.passMark, 85.0);
  EXPECT_EQ(r.scenario->passMarkOverride.value_or(-1.0), 85.0);
  EXPECT_EQ(r.standard->passMark, 70.0) << "the standard file itself is unchanged";
  // Part of the scenario's identity: the hash covers the scenario's bytes.
  ValidationReport plain = check(kScenario);
  ASSERT_TRUE(plain.valid());
  EXPECT_EQ(plain.scenario->standard.passMark, 70.0);
  EXPECT_FALSE(plain.scenario->passMarkOverride.has_value());
  EXPECT_NE(*r.hash, *plain.hash);
  EXPECT_EQ(*r.hash, skillsim::scenario::testing::independentScenarioHash(text, kStandard));
  // The edges: 0 and the standard's total (60 + 40 + 0 = 100 points) are both allowed.
  for (const std::string edge : {"0", "100", "72.5"}) {
    ValidationReport e = check(replace(kScenario, "standard = \"test-std\"\n",
                                       "standard = \"test-std\"\npass_mark = " + edge + "\n"));
    ASSERT_TRUE(e.valid()) << edge << ": " << e.problems.front().toString();
    EXPECT_EQ(e.scenario->standard.passMark, std::stod(edge));
  }
}

TEST(ScenarioLoader, PassMarkOverrideOutsideZeroToTheStandardsTotalIsRefusedAtItsPlace) {
  std::string text = replace(kScenario, "standard = \"test-std\"\n",
                             "standard = \"test-std\"\npass_mark = 100.5\n");
  expectOnly(check(text), text, "100.5", "pass_mark",
             "pass mark 100.5 is above the standard's total of 100 points; no attempt could pass "
             "(expected 0 to 100)");
  text =
      replace(kScenario, "standard = \"test-std\"\n", "standard = \"test-std\"\npass_mark = -1\n");
  ValidationReport negative = check(text);
  ASSERT_EQ(negative.problems.size(), 1u);
  EXPECT_EQ(negative.problems[0].location.fieldPath, "pass_mark");
  EXPECT_EQ(negative.problems[0].location.line, where(text, "-1").first);
  EXPECT_EQ(negative.problems[0].location.column, where(text, "-1").second);
  EXPECT_NE(negative.problems[0].message.find(">= 0"), std::string::npos)
      << negative.problems[0].message;
  text = replace(kScenario, "standard = \"test-std\"\n",
                 "standard = \"test-std\"\npass_mark = \"80\"\n");
  expectOnly(check(text), text, "\"80\"", "pass_mark", "expected a number, found a string");
}

// --- Zones no load can reach (issue 17 point 2): the crane's travel is x 0-20 m, z 0-10 m ---

namespace {

std::vector<std::string> warningsOf(const ValidationReport& r) {
  std::vector<std::string> out;
  if (r.scenario) {
    for (const core::Error& w : r.scenario->warnings) {
      out.push_back(w.location.fieldPath + ": " + w.message);
    }
  }
  return out;
}

std::string withZone(const std::string& zone) {
  return replace(kScenario, "[[cameras]]", zone + "\n[[cameras]]");
}

} // namespace

TEST(ScenarioLoader, AZoneForLoadsWhollyOutsideTheMachinesReachIsAWarning) {
  // A circle 1 m round at x = 22: its nearest point (x = 21) is 1 m beyond the runway's end.
  const std::string text = withZone("[[zones]]\nname = \"far\"\ncenter = [22.0, 0.0, 4.0]\n"
                                    "radius = 1.0\nwatch_tags = [\"load\"]\n");
  ValidationReport r = check(text);
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  ASSERT_EQ(r.scenario->warnings.size(), 1u);
  const core::Error& w = r.scenario->warnings[0];
  EXPECT_EQ(w.message, "zone 'far' lies wholly outside where the overhead crane can carry a load "
                       "(x 0 to 20 m, z 0 to 10 m, seen from above): no load can reach it; move "
                       "the zone inside or enlarge the machine's travel in [machine]");
  EXPECT_EQ(w.location.fieldPath, "zones[1].center");
  EXPECT_EQ(w.location.line, where(text, "[22.0").first);
  EXPECT_EQ(w.location.column, where(text, "[22.0").second);
}

TEST(ScenarioLoader, ZonesTouchingTheReachOrNotForLoadsAreNotWarnedOf) {
  for (const std::string zone :
       {// A circle reaching 0.5 m past the runway's end into its travel.
        "[[zones]]\nname = \"edge\"\ncenter = [20.5, 0.0, 4.0]\nradius = 1.0\n"
        "watch_tags = [\"load\"]\n",
        // A box from x = -2.5 to 0.5, overlapping the travel by 0.5 m.
        "[[zones]]\nname = \"box_in\"\nshape = \"box\"\ncenter = [-1.0, 1.0, 5.0]\n"
        "half_extents = [1.5, 1.0, 1.0]\nwatch_tags = [\"load\"]\n",
        // Far away, but it watches the piles, not what the crane carries.
        "[[zones]]\nname = \"yard\"\ncenter = [40.0, 0.0, 40.0]\nradius = 1.0\n"
        "watch_tags = [\"pile\"]\n"}) {
    ValidationReport r = check(withZone(zone));
    ASSERT_TRUE(r.valid()) << zone << r.problems.front().toString();
    EXPECT_TRUE(r.scenario->warnings.empty()) << zone << warningsOf(r).front();
  }
  // The same box moved 1 m further out (x -3.5 to -0.5): warned of; and a zone watching every
  // body (no watch_tags), 0.5 m beyond the span, counts as one for loads.
  for (const std::string zone :
       {"[[zones]]\nname = \"box_out\"\nshape = \"box\"\ncenter = [-2.0, 1.0, 5.0]\n"
        "half_extents = [1.5, 1.0, 1.0]\nwatch_tags = [\"load\"]\n",
        "[[zones]]\nname = \"any\"\ncenter = [5.0, 0.0, 12.5]\nradius = 2.0\n"}) {
    ValidationReport r = check(withZone(zone));
    ASSERT_TRUE(r.valid()) << zone << r.problems.front().toString();
    EXPECT_EQ(r.scenario->warnings.size(), 1u) << zone;
  }
}

// --- Box zones turned by yaw_deg (issue 17 point 1: the editor's rotate) ---

TEST(ScenarioLoader, ABoxZonesYawIsReadInDegreesAndACylindersIsAProblem) {
  std::string text = withZone("[[zones]]\nname = \"gate\"\nshape = \"box\"\n"
                              "center = [5.0, 1.0, 5.0]\nhalf_extents = [1.0, 1.0, 0.2]\n"
                              "yaw_deg = 30.0\n");
  ValidationReport r = check(text);
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  EXPECT_NEAR(r.scenario->simulation.zones[1].yaw, std::numbers::pi / 6.0, 1e-15);
  text = withZone("[[zones]]\nname = \"round\"\ncenter = [5.0, 0.0, 5.0]\nradius = 1.0\n"
                  "yaw_deg = 30.0\n");
  expectOnly(check(text), text, "30.0", "zones[1].yaw_deg",
             "yaw_deg turns a box zone; a cylinder is round about its vertical axis, so turning "
             "it changes nothing: remove the key");
  text = withZone("[[zones]]\nname = \"gate\"\nshape = \"box\"\n"
                  "center = [5.0, 1.0, 5.0]\nhalf_extents = [1.0, 1.0, 0.2]\nyaw_deg = 400.0\n");
  expectOnly(check(text), text, "400.0", "zones[1].yaw_deg",
             "value 400 is out of range; expected a number in [-360, 360]");
}

TEST(ScenarioLoader, ATurnedBoxZoneIsCheckedForReachByItsTurnedFootprint) {
  // A bar 6 m long, 0.2 m wide, centred 2.5 m beyond the travel's corner (20, 10) along the
  // diagonal. Turned -45 degrees it lies along the diagonal and reaches 0.5 m back over the corner
  // into the travel; turned +45 degrees it lies across the diagonal and stays wholly outside (its
  // nearest point 2.4 m from the corner), though its bounding square overlaps the travel.
  const double d = 2.5 / std::sqrt(2.0);
  const std::string centre =
      "center = [" + std::to_string(20.0 + d) + ", 1.0, " + std::to_string(10.0 + d) + "]\n";
  const std::string bar = "[[zones]]\nname = \"bar\"\nshape = \"box\"\n" + centre +
                          "half_extents = [3.0, 1.0, 0.1]\nwatch_tags = [\"load\"]\n";
  // yaw +45 degrees: the bar's x axis points along (1, -1)/sqrt 2, across the diagonal.
  ValidationReport turned = check(withZone(bar + "yaw_deg = 45.0\n"));
  ASSERT_TRUE(turned.valid()) << turned.problems.front().toString();
  ASSERT_EQ(turned.scenario->warnings.size(), 1u);
  EXPECT_EQ(turned.scenario->warnings[0].location.fieldPath, "zones[1].center");
  // yaw -45 degrees: along the diagonal, pointing back into the travel: reachable.
  ValidationReport along = check(withZone(bar + "yaw_deg = -45.0\n"));
  ASSERT_TRUE(along.valid()) << along.problems.front().toString();
  EXPECT_TRUE(along.scenario->warnings.empty()) << warningsOf(along).front();
}

// --- Duplicate scenario ids across the scenarios folder (issue 17 point 2) ---

TEST(ScenarioLoader, ADuplicateScenarioIdInTheScenariosFolderIsNamed) {
  const auto root = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "dup-ids" / "scenarios";
  std::filesystem::remove_all(root.parent_path());
  std::filesystem::create_directories(root / "crane" / "copies");
  auto write = [](const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
  };
  write(root / "crane" / "a.toml", kScenario);
  write(root / "crane" / "copies" / "b.toml", "# a copy to edit\n" + kScenario);
  write(root / "crane" / "c.toml", replace(kScenario, "\"crane.test\"", "\"crane.other\""));
  write(root / "crane" / "broken.toml", "id = [\n");  // not TOML: skipped here
  write(root / "crane" / "standard.toml", kStandard); // a standard, not a scenario

  EXPECT_EQ(scenariosFolderOf(root / "crane" / "copies" / "b.toml"), root);
  const auto warnings = duplicateScenarioIdWarnings(root / "crane" / "a.toml", root);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].location.file, (root / "crane" / "a.toml").string());
  EXPECT_EQ(warnings[0].location.line, 2u); // `id = "crane.test"` is kScenario's second line
  EXPECT_EQ(warnings[0].location.column, 6u);
  EXPECT_EQ(warnings[0].message, "scenario id 'crane.test' is also the id of " +
                                     (root / "crane" / "copies" / "b.toml").string() +
                                     ":3:6; traces and the results store tell scenarios apart "
                                     "by id, so give each file in " +
                                     root.string() + " its own");
  EXPECT_TRUE(duplicateScenarioIdWarnings(root / "crane" / "c.toml", root).empty());
  EXPECT_TRUE(duplicateScenarioIdWarnings(root / "crane" / "broken.toml", root).empty());
  // Outside a folder named scenarios: the file's own folder.
  EXPECT_EQ(scenariosFolderOf(root.parent_path() / "x.toml"), root.parent_path());
  std::filesystem::remove_all(root.parent_path());
}

// `bands = { color, pitch }` on a body (docs/scenario-format.md): drawn only, read into
// BodySpec::bands, each bad value named at its file:line:column.
TEST(ScenarioLoader, BandsPaintABoxOrCylinderAndAreReadInto) {
  const std::string text = replace(kScenario, "position = [6.0, 1.0, 3.0]\n",
                                   "position = [6.0, 1.0, 3.0]\n"
                                   "bands = { color = [0.9, 0.9, 0.9], pitch = 0.5 }\n");
  ValidationReport r = check(text);
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  const auto& bodies = r.scenario->simulation.bodies;
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_FALSE(bodies[0].bands.has_value());
  ASSERT_TRUE(bodies[1].bands.has_value());
  EXPECT_DOUBLE_EQ(bodies[1].bands->pitch, 0.5);
  EXPECT_FLOAT_EQ(bodies[1].bands->color.r, 0.9f);
  EXPECT_FLOAT_EQ(bodies[1].bands->color.a, 1.0f);
}

TEST(ScenarioLoader, BadBandsAreNamedAtTheirValue) {
  const std::string at = "position = [6.0, 1.0, 3.0]\n";
  auto with = [&](const std::string& bands) { return replace(kScenario, at, at + bands + "\n"); };
  {
    const std::string t = with("bands = { color = [0.9, 0.9, 0.9], pitch = 2.5 }");
    expectOnly(check(t), t, "2.5", "bodies[1].bands.pitch",
               "pitch 2.5 m is taller than the body (2 m): it would paint no second band");
  }
  {
    const std::string t = with("bands = { color = [0.9, 0.9, 0.9], pitch = 0.005 }");
    expectOnly(check(t), t, "0.005", "bodies[1].bands.pitch",
               "pitch 0.005 m gives more than 200 bands on a 2 m body; give at least 0.01 m");
  }
  {
    const std::string t = with("bands = { color = [0.9, 1.5, 0.9], pitch = 0.5 }");
    expectOnly(check(t), t, "1.5, 0.9]", "bodies[1].bands.color[1]",
               "expected a number in [0, 1] (linear colour component)");
  }
  {
    const std::string t = with("bands = { color = [0.9, 0.9, 0.9], pitch = -0.3 }");
    const ValidationReport r = check(t);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].location.fieldPath, "bodies[1].bands.pitch");
    EXPECT_EQ(r.problems[0].location.line, where(t, "-0.3").first);
  }
  {
    const std::string t = with("bands = { pitch = 0.3 }");
    const ValidationReport r = check(t);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].location.fieldPath, "bodies[1].bands.color");
    EXPECT_EQ(r.problems[0].location.line, where(t, "bands = {").first);
    EXPECT_NE(r.problems[0].message.find("missing the bands' colour"), std::string::npos)
        << r.problems[0].message;
  }
  {
    const std::string t = with("bands = { colour = [0.9, 0.9, 0.9], pitch = 0.3 }");
    const ValidationReport r = check(t);
    ASSERT_GE(r.problems.size(), 1u);
    bool named = false;
    for (const auto& p : r.problems) {
      named = named || (p.location.fieldPath == "bodies[1].bands.colour" &&
                        p.location.line == where(t, "colour").first &&
                        p.location.column == where(t, "colour").second);
    }
    EXPECT_TRUE(named) << r.problems[0].toString();
  }
  {
    const std::string t = with("bands = 0.3");
    expectOnly(check(t), t, "0.3\n", "bodies[1].bands",
               "expected a table, found a floating-point number");
  }
  {
    const std::string t = replace(with("bands = { color = [0.9, 0.9, 0.9], pitch = 0.3 }"),
                                  "shape = \"cylinder\"", "shape = \"sphere\"");
    expectOnly(check(t), t, "{ color = [0.9", "bodies[1].bands", // at its value
               "bands are painted along the height of a box or a cylinder; a sphere body has "
               "none (draw it in one colour)");
  }
}
