#include <skillsim/app/AttemptControls.h>

#include <skillsim/ui/I18n.h>

#include <gtest/gtest.h>

#include <filesystem>

using skillsim::app::AttemptControls;

namespace {

// The notices are string-table keys; the tables give the words (the tables are read, not the
// code's copies, so a key that is missing in one language shows up here as the key itself).
const skillsim::ui::I18n& table(skillsim::ui::Language language) {
  static const auto load = [](skillsim::ui::Language l) {
    return *skillsim::ui::I18n::load(std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets", l);
  };
  static const skillsim::ui::I18n en = load(skillsim::ui::Language::English);
  static const skillsim::ui::I18n zh = load(skillsim::ui::Language::ChineseSimplified);
  return language == skillsim::ui::Language::English ? en : zh;
}
const skillsim::ui::I18n& english() { return table(skillsim::ui::Language::English); }
const skillsim::ui::I18n& chinese() { return table(skillsim::ui::Language::ChineseSimplified); }

} // namespace

TEST(AttemptControls, PracticeQuitLeavesAtOnce) {
  AttemptControls c(/*exam=*/false);
  EXPECT_FALSE(c.frame(false, false, 1.0).abandon);
  const auto step = c.frame(false, true, 2.0);
  EXPECT_TRUE(step.abandon);
  EXPECT_NE(step.abandonReason.find("practice"), std::string::npos);
}

TEST(AttemptControls, ExamQuitAsksFirstAndAbandonsOnTheSecondPress) {
  AttemptControls c(/*exam=*/true);
  const auto first = c.frame(false, true, 10.0);
  EXPECT_FALSE(first.abandon);
  ASSERT_TRUE(first.notice);
  EXPECT_EQ(*first.notice, "hud.quit_confirm");
  EXPECT_EQ(english().text(*first.notice),
            "Press Quit again to abandon this exam (recorded as abandoned).");
  EXPECT_EQ(chinese().text(*first.notice), "再按一次退出键放弃本次考试（记录为放弃）。");
  EXPECT_TRUE(c.confirming());
  EXPECT_FALSE(c.frame(false, false, 11.0).abandon) << "only a press confirms";
  const auto second = c.frame(false, true, 12.0);
  EXPECT_TRUE(second.abandon);
  EXPECT_EQ(second.abandonReason, "abandoned by the trainee (exam, Quit confirmed)");
}

TEST(AttemptControls, PracticeMinimisePausesOnceAndRestoreDoesNotResume) {
  AttemptControls c(/*exam=*/false);
  EXPECT_FALSE(c.frame(false, false, 0.5).pause);
  const auto minimised = c.frame(true, false, 1.0);
  EXPECT_TRUE(minimised.pause);
  ASSERT_TRUE(minimised.notice);
  EXPECT_EQ(*minimised.notice, "hud.minimised_paused");
  EXPECT_EQ(chinese().text(*minimised.notice), "窗口已最小化，练习已暂停；按暂停键继续。");
  EXPECT_FALSE(c.frame(true, false, 1.0).pause) << "one pause per minimise";
  const auto restored = c.frame(false, false, 1.0);
  EXPECT_FALSE(restored.pause);
  EXPECT_FALSE(restored.logEntry) << "practice keeps no window log";
  EXPECT_FALSE(restored.event) << "practice records no window event";
}

TEST(AttemptControls, ExamMinimiseKeepsTheClockAndLogsBothEdges) {
  AttemptControls c(/*exam=*/true);
  const auto minimised = c.frame(true, false, 42.04);
  EXPECT_FALSE(minimised.pause) << "the exam clock runs";
  ASSERT_TRUE(minimised.logEntry);
  EXPECT_EQ(*minimised.logEntry, "t = 42.0 s: window minimised (exam clock kept running)");
  EXPECT_EQ(minimised.event, skillsim::records::WorkstationEventKind::WindowMinimised);
  EXPECT_FALSE(c.frame(true, false, 50.0).event);
  const auto restored = c.frame(false, false, 57.5);
  ASSERT_TRUE(restored.logEntry);
  EXPECT_EQ(*restored.logEntry, "t = 57.5 s: window restored (exam clock kept running)");
  EXPECT_EQ(restored.event, skillsim::records::WorkstationEventKind::WindowRestored);
  EXPECT_FALSE(restored.pause);
  ASSERT_TRUE(restored.notice);
  EXPECT_EQ(english().text(*restored.notice),
            "The exam clock kept running; the minimised window is recorded.");
}
