// The industrial robot's palletising scenario (issue 16, points 4 and 7): the shipped file is
// valid with its standard, and a part moved out of the arm's reach is refused at that body's
// line, naming the part and the reach (sim::MachineType::checkScene).
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace {

std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::filesystem::path kRoot = SKILLSIM_SOURCE_DIR;
const std::string kScenarioFile = "scenarios/industrial_robot/handling_palletising.toml";
const std::string kStandardFile = "assets/standards/1x-industrial-robot-palletising.toml";

TEST(RobotScenario, TheShippedPalletisingTaskIsValid) {
  const auto report = skillsim::scenario::validateFile(kRoot / kScenarioFile);
  ASSERT_TRUE(report.valid()) << report.problems.front().toString();
  EXPECT_EQ(report.scenario->id, "industrial_robot.palletising");
  EXPECT_EQ(report.scenario->timeLimit, 2700.0);
}

TEST(RobotScenario, APartOutOfReachIsRefusedAtItsLineWithTheReach) {
  std::string text = readText(kRoot / kScenarioFile);
  const std::string near = "position = [0.2, 0.22, 0.22]"; // part1 on the feeder
  const auto at = text.find(near);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, near.size(), "position = [1.2, 0.22, 0.22]");
  const std::size_t line =
      static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
  const auto report = skillsim::scenario::validateScenarioText(
      text, "palletising.toml", readText(kRoot / kStandardFile), kStandardFile);
  ASSERT_FALSE(report.valid());
  ASSERT_EQ(report.problems.size(), 1u);
  const std::string message = report.problems.front().toString();
  EXPECT_EQ(report.problems.front().location.line, line) << message;
  EXPECT_NE(message.find("bodies[2].position"), std::string::npos) << message;
  EXPECT_NE(message.find("Part 'part1' cannot be taken by the arm from above"), std::string::npos)
      << message;
  EXPECT_NE(message.find("the arm reaches 580 mm"), std::string::npos) << message;
}

} // namespace

// Issue 16, point 5: a camera over the cell (fixed; see below) and one from the trainee's place at
// the fence (outside the 1.1 m fence, in front of the light curtain's 0.8 m opening, looking at the
// table).
TEST(RobotScenario, ItHasAnOrbitCameraAndOneFromTheTraineesPlaceAtTheFence) {
  const auto report = skillsim::scenario::validateFile(kRoot / kScenarioFile);
  ASSERT_TRUE(report.valid()) << report.problems.front().toString();
  const auto& cameras = report.scenario->simulation.cameras;
  ASSERT_EQ(cameras.size(), 2u);
  EXPECT_EQ(cameras[0].name, "orbit");
  EXPECT_EQ(cameras[0].kind, skillsim::sim::CameraSpec::Kind::Fixed);
  EXPECT_LT(std::max(std::abs(cameras[0].position.x), std::abs(cameras[0].position.z)), 1.1)
      << "inside the fence, whose panels would hide the table";
  EXPECT_EQ(cameras[1].name, "fence");
  const glm::dvec3 eye = cameras[1].position;
  EXPECT_GT(eye.x, 1.1) << "outside the fence (IndustrialRobot::kFenceHalfSize)";
  EXPECT_LT(std::abs(eye.z), 0.4) << "in front of the light curtain's opening";
  EXPECT_GT(eye.y, 1.4) << "a standing person's eye height";
  EXPECT_LT(cameras[1].target.x, 1.1) << "looking into the cell";
}
