#include "ImGuiHarness.h"

#include <skillsim/ui/StartScreen.h>

#include <gtest/gtest.h>

using namespace skillsim;
using namespace skillsim::ui;
using skillsim::ui::test::ImGuiHarness;

namespace {

const I18n& english() {
  static const I18n table =
      *I18n::load(std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets", Language::English);
  return table;
}

StartScreenModel sampleModel() {
  StartScreenModel m;
  m.scenarios = {{"scenarios/crane/q2.toml", "crane.q2", "crane", "桥式起重机", "Overhead crane",
                  "桥式起重机Q2实操", "Q2 overhead crane practical", "q2", "TSG Q2"},
                 {"scenarios/crane/intro.toml", "crane.intro", "crane", "桥式起重机",
                  "Overhead crane", "入门练习", "Lift one load", "q2", "TSG Q2"},
                 {"scenarios/forklift/n1.toml", "forklift.n1", "forklift", "叉车", "Forklift",
                  "叉车N1", "N1 forklift field test", "n1", ""}};
  m.attempts = {{"crane.q2", "2026-11-28 10:00", AttemptMode::Exam, 91.0, 100.0, true},
                {"crane.intro", "2026-11-27 09:00", AttemptMode::Practice, 55.0, 100.0, false}};
  return m;
}

template <typename Draw>
auto click(ImGuiHarness& h, ImVec2 at, Draw draw) {
  h.mouse(at.x + 3.0f, at.y + 3.0f, false);
  h.frame(draw);
  h.mouse(at.x + 3.0f, at.y + 3.0f, true);
  h.frame(draw);
  h.mouse(at.x + 3.0f, at.y + 3.0f, false);
  return h.frame(draw);
}

} // namespace

TEST(StartScreen, ListsScenariosByTradeWithBothTitlesAndStandard) {
  ImGuiHarness h;
  StartScreen screen("T001");
  const auto model = sampleModel();
  auto draw = [&] { return screen.draw(model, english()); };
  h.frame(draw);
  h.frame(draw);
  const std::string all = h.allText();
  const auto crane = all.find("Overheadcrane");
  const auto forklift = all.find("Forklift");
  ASSERT_NE(crane, std::string::npos) << all;
  ASSERT_NE(forklift, std::string::npos) << all;
  EXPECT_EQ(all.find("Overheadcrane", crane + 1), std::string::npos); // one header per trade
  EXPECT_LT(all.find("Q2overheadcranepractical/"), forklift);
  EXPECT_NE(all.find("Standard:TSGQ2"), std::string::npos);
  EXPECT_NE(all.find("Standard:n1"), std::string::npos); // no title: the id
  EXPECT_NE(all.find("PracticeExam"), std::string::npos) << all;
}

TEST(StartScreen, PreviousAttemptsShowScoresAndVerdicts) {
  ImGuiHarness h;
  StartScreen screen("T001");
  const auto model = sampleModel();
  h.frame([&] { return screen.draw(model, english()); });
  const std::string all = h.allText();
  EXPECT_NE(all.find("2026-11-2810:00crane.q2Exam91/100pass"), std::string::npos) << all;
  EXPECT_NE(all.find("crane.introPractice55/100fail"), std::string::npos) << all;
  StartScreenModel empty = model;
  empty.attempts.clear();
  h.frame([&] { return screen.draw(empty, english()); });
  EXPECT_NE(h.allText().find("Noattemptsyet"), std::string::npos);
}

TEST(StartScreen, ChoosingAScenarioAndModeStartsIt) {
  ImGuiHarness h;
  StartScreen screen("T001");
  const auto model = sampleModel();
  auto draw = [&] { return screen.draw(model, english()); };
  h.frame(draw);
  // Start is disabled until a scenario is chosen.
  EXPECT_NE(h.allText().find("Chooseascenario"), std::string::npos);
  auto startAt = h.find("Start");
  ASSERT_TRUE(startAt);
  EXPECT_FALSE(click(h, *startAt, draw).start);

  auto introAt = h.find("Liftoneload");
  ASSERT_TRUE(introAt);
  click(h, *introAt, draw);
  EXPECT_EQ(screen.selected(), 1u);
  auto examAt = h.find("Exam");
  ASSERT_TRUE(examAt);
  click(h, *examAt, draw);
  EXPECT_EQ(screen.mode(), AttemptMode::Exam);
  startAt = h.find("Start");
  ASSERT_TRUE(startAt);
  StartScreenActions a = click(h, *startAt, draw);
  ASSERT_TRUE(a.start);
  EXPECT_EQ(*a.start, (StartRequest{1, AttemptMode::Exam, "T001"}));
}

TEST(StartScreen, BlankTraineeIdCannotStart) {
  ImGuiHarness h;
  StartScreen screen("  ");
  screen.select(0);
  const auto model = sampleModel();
  auto draw = [&] { return screen.draw(model, english()); };
  h.frame(draw);
  EXPECT_NE(h.allText().find("EnteryourtraineeIDtostart"), std::string::npos);
  auto startAt = h.find("Start");
  ASSERT_TRUE(startAt);
  EXPECT_FALSE(click(h, *startAt, draw).start);
}

TEST(StartScreen, TypingTheTraineeIdIsReported) {
  ImGuiHarness h;
  StartScreen screen;
  const auto model = sampleModel();
  auto draw = [&] { return screen.draw(model, english()); };
  h.frame(draw);
  auto labelAt = h.find("TraineeID");
  ASSERT_TRUE(labelAt);
  // The input field is right of its label.
  click(h, ImVec2(labelAt->x + 140.0f, labelAt->y), draw);
  ImGui::GetIO().AddInputCharactersUTF8("T42");
  StartScreenActions a = h.frame(draw);
  EXPECT_TRUE(a.traineeChanged);
  EXPECT_EQ(screen.traineeId(), "T42");
}

// Issue 13, point 10: Debian's ImGui 1.86 keeps 16-bit characters, so a name with 𠀀 (U+20000)
// given on the command line came back as U+FFFD once the field was edited. Now it survives: the
// field holds a stand-in and the screen maps it back.
TEST(StartScreen, ANameBeyondTheBasicPlaneSurvivesEditingTheField) {
  ImGuiHarness h;
  StartScreen screen("\xF0\xA0\x80\x80-07"); // 𠀀-07
  const auto model = sampleModel();
  auto draw = [&] { return screen.draw(model, english()); };
  h.frame(draw);
  auto labelAt = h.find("TraineeID");
  ASSERT_TRUE(labelAt);
  click(h, ImVec2(labelAt->x + 140.0f, labelAt->y), draw);
  ImGui::GetIO().AddInputCharactersUTF8("x");
  StartScreenActions a = h.frame(draw);
  EXPECT_TRUE(a.traineeChanged);
  EXPECT_EQ(screen.traineeId(), "\xF0\xA0\x80\x80-07x");
}

// Typed, not given on the command line: the window hands a character beyond U+FFFF to the
// start screen (platform::Window::setCharSinkBeyondBasicPlane), which types its stand-in, so the
// ID holds 𠀀 itself, not U+FFFD as ImGui's 16-bit input would make it.
TEST(StartScreen, ACharacterBeyondTheBasicPlaneTypedIntoTheFieldIsKept) {
  ImGuiHarness h;
  StartScreen screen("T-");
  const auto model = sampleModel();
  auto draw = [&] { return screen.draw(model, english()); };
  h.frame(draw);
  auto labelAt = h.find("TraineeID");
  ASSERT_TRUE(labelAt);
  click(h, ImVec2(labelAt->x + 140.0f, labelAt->y), draw);
  screen.typeBeyondBasicPlane(U'\U00020000'); // 𠀀
  StartScreenActions a = h.frame(draw);
  EXPECT_TRUE(a.traineeChanged);
  EXPECT_EQ(screen.traineeId(), "T-\xF0\xA0\x80\x80");
  ImGui::GetIO().AddInputCharactersUTF8("7");
  h.frame(draw);
  screen.typeBeyondBasicPlane(U'\U0001F600'); // 😀, a second stand-in
  screen.typeBeyondBasicPlane(U'\U00020000'); // 𠀀 again, the first stand-in reused
  a = h.frame(draw);
  EXPECT_TRUE(a.traineeChanged);
  EXPECT_EQ(screen.traineeId(), "T-\xF0\xA0\x80\x80"
                                "7\xF0\x9F\x98\x80\xF0\xA0\x80\x80");
}

TEST(StartScreen, FieldTextStandsInForCharactersBeyondTheBasicPlane) {
  std::vector<char32_t> standIns;
  // 𠀀 (U+20000), 张 (U+5F20, kept), 😀 (U+1F600), 𠀀 again (same stand-in), a real U+E000.
  const std::string name =
      "\xF0\xA0\x80\x80\xE5\xBC\xA0\xF0\x9F\x98\x80\xF0\xA0\x80\x80\xEE\x80\x80";
  const std::string field = toFieldText(name, standIns);
  EXPECT_EQ(standIns, (std::vector<char32_t>{0x20000, 0x1F600, 0xE000}));
  // U+E000, 张, U+E001, U+E000, U+E002: every character in the basic plane.
  EXPECT_EQ(field, "\xEE\x80\x80\xE5\xBC\xA0\xEE\x80\x81\xEE\x80\x80\xEE\x80\x82");
  EXPECT_EQ(fromFieldText(field, standIns), name);
  // Invalid bytes pass through both ways.
  const std::string invalid = std::string("a\xFF") + "b";
  EXPECT_EQ(fromFieldText(toFieldText(invalid, standIns), standIns), invalid);
}

TEST(StartScreen, SelectionOutOfRangeIsDropped) {
  ImGuiHarness h;
  StartScreen screen("T001");
  screen.select(7);
  const auto model = sampleModel();
  h.frame([&] { return screen.draw(model, english()); });
  EXPECT_FALSE(screen.selected());
}

TEST(StartScreen, BrokenScenariosAreListedWithTheirFirstValidatorMessage) {
  const I18n chinese = *I18n::load(std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets",
                                   Language::ChineseSimplified);
  StartScreenModel model = sampleModel();
  model.broken = {{"scenarios/crane/moved.toml",
                   "scenarios/crane/moved.toml:12:9: bodies[2].size: expected 3 numbers"},
                  {"scenarios/forklift/x.toml", "scenarios/forklift/x.toml:1:1: no [machine]"}};
  ImGuiHarness h;
  StartScreen screen("T001");
  h.frame([&] { return screen.draw(model, english()); });
  std::string all = h.allText();
  const auto heading = all.find("Notoffered(thefilehasaproblem;");
  ASSERT_NE(heading, std::string::npos) << all;
  const auto first = all.find("scenarios/crane/moved.toml:12:9:bodies[2].size:expected3numbers");
  const auto second = all.find("scenarios/forklift/x.toml:1:1:no[machine]");
  EXPECT_LT(heading, first);
  EXPECT_LT(first, second) << all;
  EXPECT_NE(second, std::string::npos) << all;

  // zh-CN: the heading is Chinese (no English words of it drawn), the file's place still shown.
  h.frame([&] { return screen.draw(model, chinese); });
  all = h.allText();
  EXPECT_EQ(all.find("Notoffered"), std::string::npos) << all;
  EXPECT_NE(all.find("scenarios/crane/moved.toml:12:9:"), std::string::npos) << all;
  EXPECT_NE(all.find("scenarios/forklift/x.toml:1:1:"), std::string::npos) << all;

  // Nothing broken: no heading.
  model.broken.clear();
  h.frame([&] { return screen.draw(model, english()); });
  EXPECT_EQ(h.allText().find("Notoffered"), std::string::npos);
}

// Issue 18: the start screen lists the installed courses (both titles, how many learning tasks)
// and the course files that do not load with their first message; Open course needs a chosen
// course and a trainee ID, then asks for that course's screens.
TEST(StartScreen, CoursesAreListedWithBrokenOnesAndOpenForTheTrainee) {
  ImGuiHarness h;
  StartScreen screen("T001");
  StartScreenModel model = sampleModel();
  model.courses = {{"courses/crane/q2.toml", "q2_operator", "overhead_crane",
                    "桥式起重机司机一体化课程", "Crane operator course", "从单次吊运开始。",
                    "Starts with one lift.", 3}};
  model.brokenCourses = {{"courses/crane/bad.toml",
                          "courses/crane/bad.toml:7:21: learning_tasks[0].practice_scenario: "
                          "no scenario 'crane.nope' is installed"}};
  auto draw = [&] { return screen.draw(model, english()); };
  h.frame(draw);
  h.frame(draw);
  const std::string all = h.allText();
  EXPECT_NE(all.find("Courses(work-study"), std::string::npos) << all;
  EXPECT_NE(all.find("(3learningtasks)"), std::string::npos) << all;
  EXPECT_NE(all.find("Craneoperatorcourse/"), std::string::npos) << all;
  EXPECT_NE(all.find("bad.toml:7:21:learning_tasks[0].practice_scenario:noscenario'crane.nope'"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("Chooseacourse."), std::string::npos) << all;
  auto openAt = h.find("Opencourse");
  ASSERT_TRUE(openAt);
  EXPECT_FALSE(click(h, *openAt, draw).openCourse); // no course chosen yet

  auto courseAt = h.find("Craneoperatorcourse");
  ASSERT_TRUE(courseAt);
  click(h, *courseAt, draw);
  EXPECT_EQ(screen.selectedCourse(), 0u);
  EXPECT_NE(h.allText().find("Startswithonelift."), std::string::npos); // its description
  openAt = h.find("Opencourse");
  ASSERT_TRUE(openAt);
  StartScreenActions a = click(h, *openAt, draw);
  ASSERT_TRUE(a.openCourse);
  EXPECT_EQ(*a.openCourse, (CourseRequest{0, "T001"}));
  EXPECT_FALSE(a.start); // a course is not a scenario attempt

  // Without a trainee ID the course does not open.
  StartScreen nobody("");
  nobody.selectCourse(0);
  auto drawNobody = [&] { return nobody.draw(model, english()); };
  h.frame(drawNobody);
  openAt = h.find("Opencourse");
  ASSERT_TRUE(openAt);
  EXPECT_FALSE(click(h, *openAt, drawNobody).openCourse);
}
