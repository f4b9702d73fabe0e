// ui::CourseScreen (issue 18 point 2) on a GPU-free ImGui frame: what the trainee reads and what
// a click sends back.
#include "ImGuiHarness.h"

#include <skillsim/ui/CourseScreen.h>

#include <gtest/gtest.h>

using namespace skillsim::ui;
using skillsim::ui::test::ImGuiHarness;

namespace {

const I18n& english() {
  static const I18n table =
      *I18n::load(std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets", Language::English);
  return table;
}

CourseScreenModel sampleModel() {
  CourseScreenModel m;
  m.courseTitle = "Q2 course";
  m.trainee = "T1";
  m.tasks = {{"single_lift", "Lift a load", "One lift", CourseTaskState::Open, "", false,
              "the plan is not approved", false, "no exam yet"},
             {"q2_course", "Lift a load", "The Q2 route", CourseTaskState::Locked,
              "first finish One lift", false, "", false, ""}};
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

TEST(CourseScreen, TheMapShowsEachTaskStateAndWhyALockedOneIsLocked) {
  ImGuiHarness h;
  CourseScreen screen;
  const CourseScreenModel model = sampleModel();
  auto draw = [&] { return screen.draw(model, english()); };
  h.frame(draw);
  h.frame(draw);
  const std::string all = h.allText();
  EXPECT_NE(all.find("Coursemap"), std::string::npos) << all;
  EXPECT_NE(all.find("[open]Onelift"), std::string::npos) << all;
  EXPECT_NE(all.find("[locked]TheQ2route"), std::string::npos) << all;
  EXPECT_NE(all.find("firstfinishOnelift"), std::string::npos) << all;
  EXPECT_NE(all.find("Choosealearningtaskonthemap."), std::string::npos) << all;
  auto at = h.find("Onelift");
  ASSERT_TRUE(at);
  CourseScreenActions a = click(h, *at, draw);
  EXPECT_EQ(a.choose, "single_lift");
}

TEST(CourseScreen, AWorkPageAnswerIsSentWithTheChoiceTicked) {
  ImGuiHarness h(1280.0f, 1000.0f);
  CourseScreen screen;
  CourseScreenModel model = sampleModel();
  model.chosen = 0;
  model.workPageScore = "work page: 0 of 2 points";
  WorkPageQuestion q;
  q.id = "horn_first";
  q.step = "Get information";
  q.prompt = "Before hoisting you";
  q.points = 2;
  q.choices = {{"a", "sound the horn"}, {"b", "hoist at once"}};
  model.workPage = {q};
  model.checkWhy = "the check step comes after the exam";
  auto draw = [&] { return screen.draw(model, english()); };
  h.frame(draw);
  h.frame(draw);
  const std::string all = h.allText();
  EXPECT_NE(all.find("Getinformation"), std::string::npos) << all;
  EXPECT_NE(all.find("notanswered"), std::string::npos) << all;
  EXPECT_NE(all.find("thecheckstepcomesaftertheexam"), std::string::npos) << all;
  EXPECT_NE(all.find("theplanisnotapproved"), std::string::npos) << all; // why the exam is closed
  auto b = h.find("hoistatonce");
  ASSERT_TRUE(b);
  click(h, ImVec2(b->x - 20.0f, b->y), draw); // the radio button left of its label
  auto save = h.find("Saveanswer");
  ASSERT_TRUE(save);
  CourseScreenActions a = click(h, *save, draw);
  ASSERT_TRUE(a.answer);
  EXPECT_EQ(a.answer->questionId, "horn_first");
  EXPECT_EQ(a.answer->choices, std::vector<std::string>{"b"});
}

TEST(CourseScreen, TheCheckStepHidesTheScoreUntilRatedThenShowsTheDifference) {
  ImGuiHarness h(1280.0f, 1000.0f);
  CourseScreen screen;
  CourseScreenModel model = sampleModel();
  model.chosen = 0;
  model.checkAttempt = "attempt e1";
  model.selfCheck = {{"hazard", "Horn before moving", 20.0, std::nullopt, std::nullopt},
                     {"path", "Path kept", 50.0, std::nullopt, std::nullopt}};
  auto draw = [&] { return screen.draw(model, english()); };
  h.frame(draw);
  h.frame(draw);
  std::string all = h.allText();
  EXPECT_NE(all.find("Hornbeforemoving"), std::string::npos) << all;
  EXPECT_EQ(all.find("Earned"), std::string::npos) << all; // no score before the self-check
  auto submit = h.find("Submit,thenseethescore");
  ASSERT_TRUE(submit) << all;
  CourseScreenActions a = click(h, *submit, draw);
  ASSERT_TRUE(a.selfCheck);
  ASSERT_EQ(a.selfCheck->size(), 2u);
  EXPECT_EQ((*a.selfCheck)[0].first, "hazard");

  model.selfCheck = {{"hazard", "Horn before moving", 20.0, 20.0, 20.0},
                     {"path", "Path kept", 50.0, 40.0, 45.0}};
  model.accuracy = "self-assessment accuracy: 95 of 100";
  h.frame(draw);
  h.frame(draw);
  all = h.allText();
  EXPECT_NE(all.find("EarnedDifference"), std::string::npos) << all;
  EXPECT_NE(all.find("Pathkept504045-5"), std::string::npos) << all; // self 40, earned 45
  EXPECT_NE(all.find("self-assessmentaccuracy:95of100"), std::string::npos) << all;
  EXPECT_EQ(all.find("Submit,thenseethescore"), std::string::npos);
}
