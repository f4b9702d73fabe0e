#include <skillsim/report/ReportClassList.h>

#include <gtest/gtest.h>

namespace skillsim::report {
namespace {

TEST(ReportClassList, IdsNamesHeaderAndComments) {
  auto list =
      parseReportClassList("trainee_id,name\r\n# class 2026-3\nT001,张三\n\n  T002\tLi Si \n"
                           "T003\n",
                           "class.csv");
  ASSERT_TRUE(list) << list.error().toString();
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ((*list)[0], (ReportClassMember{"T001", "张三"}));
  EXPECT_EQ((*list)[1], (ReportClassMember{"T002", "Li Si"}));
  EXPECT_EQ((*list)[2], (ReportClassMember{"T003", ""}));
}

TEST(ReportClassList, ErrorsNameLineAndColumn) {
  auto twice = parseReportClassList("T001\nT002\n  T001,again\n", "class.csv");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().toString(),
            "class.csv:3:3: trainee 'T001' is listed twice (first on line 1)");
  auto spaced = parseReportClassList("T001 Zhang San\n", "class.csv");
  ASSERT_FALSE(spaced);
  EXPECT_EQ(spaced.error().toString(), "class.csv:1:1: trainee id 'T001 Zhang San' contains a "
                                       "space (separate the name with a comma or a tab)");
  auto empty = parseReportClassList("# nobody\n", "class.csv");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().toString(),
            "class.csv:1:1: no trainees in the class list (one ID or ID,NAME per line)");
  auto blankId = parseReportClassList("T001\n,Nameless\n", "class.csv");
  ASSERT_FALSE(blankId);
  EXPECT_EQ(blankId.error().toString(), "class.csv:2:1: empty trainee id (expected ID or ID,NAME)");
}

} // namespace
} // namespace skillsim::report
