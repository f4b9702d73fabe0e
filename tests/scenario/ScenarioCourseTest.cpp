// The drawn course of a scenario (docs/scenario-format.md: [hall], [[zones]] label and marking,
// [training_aids]): what is read, each bad-input message, and the geometry CourseScene builds
// from it (slab count, painted letters inside their ring, bases under tagged bodies).
#include "ScenarioTestTexts.h"

#include <skillsim/scenario/CourseScene.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

using namespace skillsim;
using namespace skillsim::scenario;

namespace {

using test::kScenario;
using test::kStandard;

ValidationReport check(const std::string& scenario) {
  return validateScenarioText(scenario, "test.toml", kStandard, "test-std.toml");
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "no '" << from << "' in the fixture";
  if (at != std::string::npos) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::uint32_t lineOf(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + at, '\n'));
}

const std::string kHall = R"([hall]
center = [10.0, 0.0, 5.0]
size = [26.0, 12.0, 14.0]
column_spacing = 6.5
windows_per_wall = 3
base_tags = ["pile"]

[training_aids]
practice = ["drop_line", "minimap"]
exam = ["minimap"]

[[zones]])";

std::string withCourse() {
  std::string text = replace(kScenario, "[[zones]]", kHall);
  return replace(text, "name = \"target\"\n", "name = \"target\"\nlabel = \"B\"\n");
}

std::string problems(const ValidationReport& r) {
  std::string all;
  for (const auto& p : r.problems) {
    all += p.toString() + "\n";
  }
  return all;
}

} // namespace

TEST(ScenarioCourse, HallLabelsAndAidsAreRead) {
  ValidationReport r = check(withCourse());
  ASSERT_TRUE(r.valid()) << problems(r);
  const Course& c = r.scenario->course;
  ASSERT_TRUE(c.hall);
  EXPECT_EQ(c.hall->centre, glm::dvec3(10.0, 0.0, 5.0));
  EXPECT_EQ(c.hall->size, glm::dvec3(26.0, 12.0, 14.0));
  EXPECT_EQ(c.hall->columnSpacing, 6.5);
  EXPECT_EQ(c.hall->windowsPerWall, 3);
  EXPECT_EQ(c.hall->baseTags, std::vector<std::string>{"pile"});
  ASSERT_NE(c.paintOf("target"), nullptr);
  EXPECT_EQ(c.paintOf("target")->label, "B");
  EXPECT_EQ(c.paintOf("target")->marking, ZoneMarking::Ring) << "a label paints the zone";
  EXPECT_TRUE(c.aids.allows(TrainingAid::DropLine, false));
  EXPECT_FALSE(c.aids.allows(TrainingAid::HeightReadout, false));
  EXPECT_FALSE(c.aids.allows(TrainingAid::DropLine, true));
  EXPECT_TRUE(c.aids.allows(TrainingAid::Minimap, true));
}

TEST(ScenarioCourse, WithoutTheSectionsNoHallEveryAidInPracticeNoneInAnExam) {
  ValidationReport r = check(kScenario);
  ASSERT_TRUE(r.valid()) << problems(r);
  const Course& c = r.scenario->course;
  EXPECT_FALSE(c.hall);
  ASSERT_NE(c.paintOf("target"), nullptr);
  EXPECT_EQ(c.paintOf("target")->marking, ZoneMarking::None);
  for (TrainingAid aid : kTrainingAids) {
    EXPECT_TRUE(c.aids.allows(aid, false)) << trainingAidName(aid);
    EXPECT_FALSE(c.aids.allows(aid, true)) << trainingAidName(aid);
  }
  EXPECT_EQ(CourseScene::build(*r.scenario).instanceCount(), 0u);
}

TEST(ScenarioCourse, BadInputNamesTheFieldAndWhatIsRight) {
  struct Case {
    std::string from, to, needle, field, message;
  };
  const std::vector<Case> cases = {
      {"label = \"B\"", "label = \"b\"", "\"b\"", "zones[0].label",
       "label 'b' holds 'b', which cannot be painted; a label uses the capital letters A-H and "
       "the digits 0-9"},
      {"label = \"B\"", "label = \"ABCD\"", "\"ABCD\"", "zones[0].label",
       "label 'ABCD' is longer than 3 characters"},
      {"label = \"B\"", "label = \"B\"\nmarking = \"walkway\"", "\"walkway\"", "zones[0].marking",
       "marking = \"walkway\" is for shape = \"box\"; paint a cylinder as \"ring\" or "
       "\"hatched\""},
      {"practice = [\"drop_line\", \"minimap\"]", "practice = [\"drop_line\", \"laser\"]",
       "[\"drop_line\", \"laser\"]", "training_aids.practice",
       "unknown training aid 'laser'; the aids are drop_line, height_readout, target_distance, "
       "target_marker, minimap, machine_aids"},
      {"column_spacing = 6.5", "column_spacing = 0.5", "column_spacing = 0.5",
       "hall.column_spacing", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.to);
    const std::string text = replace(withCourse(), c.from, c.to);
    ValidationReport r = check(text);
    ASSERT_EQ(r.problems.size(), 1u) << problems(r);
    EXPECT_EQ(r.problems[0].location.fieldPath, c.field);
    EXPECT_EQ(r.problems[0].location.line, lineOf(text, c.needle));
    if (!c.message.empty()) {
      EXPECT_EQ(r.problems[0].message, c.message);
    }
  }
  // An unknown base tag, and a missing hall size.
  std::string text = replace(withCourse(), "base_tags = [\"pile\"]", "base_tags = [\"piles\"]");
  ValidationReport r = check(text);
  ASSERT_EQ(r.problems.size(), 1u) << problems(r);
  EXPECT_EQ(r.problems[0].location.fieldPath, "hall.base_tags");
  EXPECT_NE(r.problems[0].message.find("'piles'"), std::string::npos) << r.problems[0].message;
  text = replace(withCourse(), "size = [26.0, 12.0, 14.0]\n", "");
  r = check(text);
  ASSERT_EQ(r.problems.size(), 1u) << problems(r);
  EXPECT_NE(r.problems[0].message.find("'size'"), std::string::npos) << r.problems[0].message;
}

TEST(ScenarioCourse, SceneHasSlabsColumnsPaintedBasesAndTheLetterInsideItsRing) {
  ValidationReport r = check(withCourse());
  ASSERT_TRUE(r.valid()) << problems(r);
  const CourseScene course = CourseScene::build(*r.scenario);
  core::SceneView view;
  view.meshes.resize(3); // as if the simulation had drawn three meshes and one material
  view.materials.resize(1);
  course.append(view);
  ASSERT_EQ(view.meshes.size(), 4u);
  EXPECT_EQ(view.meshes[3].debugName, "course.box");
  auto named = [&](const std::string& name) {
    std::vector<core::Instance> out;
    for (const core::Instance& i : view.instances) {
      EXPECT_EQ(i.mesh.index(), 3u) << "ids offset past the view's own";
      EXPECT_FALSE(i.castsShadow);
      if (view.materials[i.material.index()].debugName == name) {
        out.push_back(i);
      }
    }
    return out;
  };
  // 26 m x 14 m in 6 m slabs: ceil(26/6) x ceil(14/6) = 5 x 3.
  EXPECT_EQ(named("hall.floor").size(), 15u);
  // 26 / 6.5 = 4 bays: 5 columns on each long wall.
  EXPECT_EQ(named("hall.column").size(), 10u);
  EXPECT_EQ(named("hall.window").size(), 6u);
  EXPECT_EQ(named("hall.wall").size(), 4u);
  // One painted base, under the pile at (6, 3): 0.3 m wider than the pile.
  const auto bases = named("paint.base");
  ASSERT_EQ(bases.size(), 1u);
  EXPECT_NEAR(bases[0].transform[3][0], 6.0f, 1e-5f);
  EXPECT_NEAR(bases[0].transform[3][2], 3.0f, 1e-5f);
  EXPECT_NEAR(bases[0].transform[0][0], 0.6f, 1e-5f);
  // The ring (48 pieces at radius 0.8 around (10, 4)) and the letter B (2 polylines, 10 strokes)
  // inside it, 0.75 x 0.8 = 0.6 m tall; all white paint, on the floor.
  const auto white = named("paint.white");
  ASSERT_EQ(white.size(), 48u + 10u);
  int onRing = 0;
  int inside = 0;
  for (const core::Instance& i : white) {
    const double d = std::hypot(i.transform[3][0] - 10.0, i.transform[3][2] - 4.0);
    EXPECT_NEAR(i.transform[3][1], 0.012f, 1e-4f);
    if (std::abs(d - 0.8 * std::cos(3.14159265 / 48)) < 0.01) {
      ++onRing;
    } else if (d < 0.5) {
      ++inside;
    }
  }
  EXPECT_EQ(onRing, 48);
  EXPECT_EQ(inside, 10);
}
