#include <skillsim/readers/CsvReader.h>

#include <gtest/gtest.h>

#include <vector>

namespace skillsim::readers {
namespace {

/** Every row's fields as text, or the first error's message. */
std::vector<std::vector<std::string>> rows(std::string_view text, CsvOptions options = {}) {
  CsvReader reader(text, "f.csv", options);
  std::vector<std::vector<std::string>> out;
  while (true) {
    auto row = reader.next();
    if (!row) {
      return {{row.error().toString()}};
    }
    if (!*row) {
      return out;
    }
    std::vector<std::string> fields;
    for (const CsvField& f : (*row)->fields) {
      fields.push_back(f.text);
    }
    out.push_back(fields);
  }
}

TEST(CsvReader, Rfc4180QuotesByteOrderMarkAndLineEnds) {
  using Rows = std::vector<std::vector<std::string>>;
  EXPECT_EQ(rows("\xEF\xBB\xBF"
                 "a,\"b, \"\"c\"\"\",\r\n\n  \t\nd\n"),
            (Rows{{"a", "b, \"c\"", ""}, {"d"}}));
  EXPECT_EQ(rows(""), Rows{});
}

TEST(CsvReader, LinesAndColumnsAreFileCoordinates) {
  CsvReader reader("\n x,\"y\",z\n", "f.csv");
  auto row = reader.next();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->line, 2u);
  ASSERT_EQ((*row)->fields.size(), 3u);
  EXPECT_EQ((*row)->fields[0].column, 1u);
  EXPECT_EQ((*row)->fields[0].text, " x");
  EXPECT_EQ((*row)->fields[1].column, 4u);
  EXPECT_EQ((*row)->fields[2].column, 8u);
}

TEST(CsvReader, BadQuoteNamesLineAndColumn) {
  using Rows = std::vector<std::vector<std::string>>;
  EXPECT_EQ(rows("a\nb,\"open\n"), (Rows{{"f.csv:2:3: unterminated or misplaced quote"}}));
  EXPECT_EQ(rows("\"a\"b\n"), (Rows{{"f.csv:1:1: unterminated or misplaced quote"}}));
}

TEST(CsvReader, ListOptionsTabsCommentsAndTheRestOfTheLine) {
  using Rows = std::vector<std::vector<std::string>>;
  const CsvOptions list{.separators = ",\t",
                        .quotes = false,
                        .maxFields = 2,
                        .skipLeadingBlanks = true,
                        .comment = '#'};
  EXPECT_EQ(rows("# class\n  T1\tZhang, San\nT2,\"Li\"\n", list),
            (Rows{{"T1", "Zhang, San"}, {"T2", "\"Li\""}}));
  CsvReader reader("  T1,x\n", "f.csv", list);
  auto row = reader.next();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->fields[0].column, 3u);
  EXPECT_EQ((*row)->fields[1].column, 6u);
}

} // namespace
} // namespace skillsim::readers
