#include <skillsim/scenario/ScenarioHash.h>

#include <gtest/gtest.h>

using skillsim::scenario::scenarioHash;

TEST(ScenarioHash, AnyByteChangesTheIdentity) {
  auto base = scenarioHash("id = \"crane\"\n", "pass_mark = 70\n");
  EXPECT_EQ(base, scenarioHash("id = \"crane\"\n", "pass_mark = 70\n"));
  EXPECT_NE(base, scenarioHash("id = \"crane\" \n", "pass_mark = 70\n"));
  EXPECT_NE(base, scenarioHash("id = \"crane\"\n", "pass_mark = 71\n"));
}

TEST(ScenarioHash, BoundaryBetweenFilesMatters) {
  // Same concatenated bytes, split differently between scenario and standard.
  EXPECT_NE(scenarioHash("ab", "c"), scenarioHash("a", "bc"));
}
