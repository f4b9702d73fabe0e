#include <skillsim/readers/Diagnostics.h>
#include <skillsim/readers/TableReader.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace skillsim::readers {
namespace {

std::vector<std::string> messages(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const core::Error& e : diagnostics.problems()) {
    out.push_back(e.toString());
  }
  return out;
}

TEST(TableReader, TypedGettersReportEveryProblemWithItsLocation) {
  Diagnostics diagnostics("t.toml");
  auto root =
      parseToml("mass = -2\nname = 3\ncolour = [1, 0, 0]\nmas = 1\n", "t.toml", diagnostics);
  ASSERT_TRUE(root);
  TableReader reader(*root, "body", diagnostics);
  EXPECT_FALSE(reader.number("mass", Need::Required, Range::positive()));
  EXPECT_FALSE(reader.string("name", Need::Required));
  EXPECT_TRUE(reader.color("colour"));
  EXPECT_FALSE(reader.boolean("static", Need::Required));
  reader.finish();
  EXPECT_EQ(messages(diagnostics),
            (std::vector<std::string>{
                "t.toml:1:8: body.mass: value -2 is out of range; expected a number > 0",
                "t.toml:2:8: body.name: expected a string, found an integer",
                "t.toml:1:1: body.static: missing required key 'static' (true or false)",
                "t.toml:4:1: body.mas: unknown key 'mas' (did you mean 'mass'?)"}));
}

TEST(TableReader, SyntaxErrorIsAProblemAtItsLineAndColumn) {
  Diagnostics diagnostics("t.toml");
  EXPECT_FALSE(parseToml("a = 1\nb = = 2\n", "t.toml", diagnostics));
  ASSERT_EQ(diagnostics.problems().size(), 1u);
  EXPECT_EQ(diagnostics.problems()[0].location.line, 2u);
  EXPECT_EQ(diagnostics.problems()[0].message.rfind("TOML syntax error: ", 0), 0u);
}

} // namespace
} // namespace skillsim::readers
