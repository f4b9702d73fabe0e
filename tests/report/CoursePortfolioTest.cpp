#include "RecordsTestSupport.h"

#include <skillsim/course/CourseLoader.h>
#include <skillsim/course/JobCard.h>
#include <skillsim/report/CoursePortfolio.h>

#include <gtest/gtest.h>

namespace skillsim::report {
namespace {

records::AttemptRecord attempt(const std::string& id, const std::string& scenario,
                               records::AttemptMode mode, double total, std::int64_t start) {
  records::AttemptRecord a = records::test::sampleRecord(id, "T1", total);
  a.scenario.id = scenario;
  a.mode = mode;
  a.startUtc = start;
  return a;
}

TEST(CoursePortfolio, ShowsStatesAnswersCardsAndTheScoreWithSources) {
  course::CourseReport report = course::loadCourse(std::string(SKILLSIM_SOURCE_DIR) +
                                                   "/courses/overhead_crane/q2_operator.toml");
  ASSERT_TRUE(report.valid()) << report.problems.front().toString();
  const course::Course& c = *report.course;
  const std::string lift = "overhead_crane.practice_single_lift";
  std::vector<records::AttemptRecord> attempts = {
      attempt("p1", lift, records::AttemptMode::Practice, 70.0, 100),
      attempt("p2", lift, records::AttemptMode::Practice, 85.0, 200),
      attempt("p3", lift, records::AttemptMode::Practice, 90.0, 300),
      attempt("e1", lift, records::AttemptMode::Exam, 88.0, 400)};

  course::TaskRecords single;
  single.planApprovedBy = "teacher-li";
  single.answers = {{"horn_first", {"a"}, std::nullopt, "", "", 1'796'083'200},
                    {"clearance", {}, 0.5, "m", "", 1'796'083'260}};
  single.reflection = "下次先稳钩 <script>";

  auto key = records::WorkstationKey::loadOrCreate(std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) /
                                                       "portfolio-key",
                                                   course::kMentorKeyFileName);
  ASSERT_TRUE(key);
  course::JobCardFile card;
  card.card = {"q2_operator",
               "workshop_part_lift",
               "T1",
               "华东重工",
               "二号装配车间",
               "QD 5 t",
               "2026-11-20",
               "王建国",
               "M-0042",
               {{"pre_use_check", true, 4}, {"signals", true, 5}, {"smooth_lift", true, 5}},
               ""};
  card.signature = course::signJobCard(card.card, *key, 5);
  course::JobCardFile altered = card;
  altered.card.items[0].rating = 5;
  course::TaskRecords workshop;
  workshop.jobCards = {course::jobCardToToml(altered)};

  const std::string html = coursePortfolioHtml(
      c, "T1", {{"single_lift", single}, {"workshop_part_lift", workshop}}, attempts);
  // single_lift has its exam and reflection: done; so q2_course is open, and the workshop task
  // waits for q2_course.
  EXPECT_NE(html.find("已完成 / done"), std::string::npos);
  EXPECT_NE(html.find("进行中 / open"), std::string::npos);
  EXPECT_NE(html.find("未开放 / locked"), std::string::npos);
  EXPECT_NE(html.find("waiting for learning task q2_course"), std::string::npos);
  EXPECT_NE(html.find("正确 / right"), std::string::npos);
  EXPECT_NE(html.find("0.5 m"), std::string::npos);
  EXPECT_NE(html.find("2026-12-01T00:01:00Z"), std::string::npos); // the second answer's time
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("altered after signing, does not count"), std::string::npos);
  EXPECT_NE(html.find("e1 — overhead_crane.practice_single_lift"), std::string::npos);
  EXPECT_NE(html.find("缺 / missing"), std::string::npos); // no teacher rating yet
  EXPECT_NE(html.find("尚不完整 / not complete yet"), std::string::npos);
}

} // namespace
} // namespace skillsim::report
