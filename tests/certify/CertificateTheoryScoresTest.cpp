#include <skillsim/certify/CertificateTheoryScores.h>

#include <gtest/gtest.h>

namespace skillsim::certify {
namespace {

std::string errorOf(const std::string& text) {
  auto scores = parseTheoryScoresCsv(text, "theory.csv");
  EXPECT_FALSE(scores);
  return scores ? std::string() : scores.error().toString();
}

TEST(CertificateTheoryScores, ParsesHeaderColumnsInAnyOrder) {
  auto scores = parseTheoryScoresCsv("\xEF\xBB\xBFname,score,trainee_id,date\r\n"
                                     "\"Li, \"\"Xiao\"\"\",72.5,T001,2026-11-01\r\n"
                                     "\n"
                                     "王五,64,T002,\r\n",
                                     "theory.csv");
  ASSERT_TRUE(scores) << scores.error().toString();
  ASSERT_EQ(scores->size(), 2u);
  EXPECT_DOUBLE_EQ(scores->at("T001").score, 72.5);
  EXPECT_DOUBLE_EQ(scores->at("T001").maxScore, 100.0);
  EXPECT_EQ(scores->at("T001").date, "2026-11-01");
  EXPECT_EQ(scores->at("T001").source, "theory.csv:2");
  EXPECT_EQ(scores->at("T002").source, "theory.csv:4");
  EXPECT_EQ(scores->at("T002").date, "");
}

TEST(CertificateTheoryScores, ErrorsNameLineColumnAndField) {
  EXPECT_EQ(errorOf("trainee_id,score\nT001,7O\n"),
            "theory.csv:2:6: score: expected a number from 0 to 100, found '7O'");
  EXPECT_EQ(errorOf("trainee_id,score,max_score\nT001,55,50\n"),
            "theory.csv:2:6: score: expected a number from 0 to 50, found '55'");
  EXPECT_EQ(errorOf("trainee_id,score\nT001,70\nT001,80\n"),
            "theory.csv:3:1: trainee_id: trainee 'T001' is listed twice (first at theory.csv:2)");
  EXPECT_EQ(errorOf("trainee_id,score\nT001\n"),
            "theory.csv:2:1: expected 2 fields as in the header, found 1");
  EXPECT_EQ(errorOf("id,score\n"), "theory.csv:1:1: the header must name the columns trainee_id "
                                   "and score (optional: max_score, date); missing trainee_id");
  EXPECT_EQ(errorOf("trainee_id,score,date\nT001,70,2026-02-30\n"),
            "theory.csv:2:9: date: expected a date YYYY-MM-DD, found '2026-02-30'");
  EXPECT_EQ(errorOf("trainee_id,score\n\"T001,70\n"),
            "theory.csv:2:1: unterminated or misplaced quote");
  EXPECT_EQ(errorOf(""), "theory.csv:1:1: empty file: expected a header line "
                         "trainee_id,score[,max_score,date]");
}

} // namespace
} // namespace skillsim::certify
