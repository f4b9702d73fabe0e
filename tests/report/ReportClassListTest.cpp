#include <skillsim/report/ReportClassList.h>

#include <gtest/gtest.h>

#include <string>

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

// Found by a new user: a list saved by a spreadsheet ("T1","Li, Ming", with a byte order mark)
// read its ids with their quotes and exported nothing; a UTF-16 one the same.
TEST(ReportClassList, ASpreadsheetsQuotedFieldsAndByteOrderMarkAreReadAndUtf16IsNamed) {
  auto quoted =
      parseReportClassList("\xEF\xBB\xBF\"trainee_id\",\"name\"\r\n\"T1\",\"Li, Ming\"\r\n"
                           "\"T2\",\"Wang \"\"Er\"\"\"\r\nT3,\"Zhao\"\r\n",
                           "class.csv");
  ASSERT_TRUE(quoted) << quoted.error().toString();
  ASSERT_EQ(quoted->size(), 3u);
  EXPECT_EQ((*quoted)[0], (ReportClassMember{"T1", "Li, Ming"}));
  EXPECT_EQ((*quoted)[1], (ReportClassMember{"T2", "Wang \"Er\""}));
  EXPECT_EQ((*quoted)[2], (ReportClassMember{"T3", "Zhao"}));
  const std::string utf16("\xFF\xFEt\0r\0", 6);
  auto wide = parseReportClassList(utf16, "class.csv");
  ASSERT_FALSE(wide);
  EXPECT_EQ(wide.error().toString(),
            "class.csv:1:1: the class list is UTF-16 text; save it as UTF-8 (\"CSV UTF-8\")");
}

} // namespace
} // namespace skillsim::report
