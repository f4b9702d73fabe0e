#include "IndependentScenarioHash.h"

#include <skillsim/scenario/ScenarioHash.h>

#include <gtest/gtest.h>

using skillsim::core::toHex;
using skillsim::scenario::scenarioHash;
using skillsim::scenario::testing::independentScenarioHash;

// Expected digests are literals computed outside the product, with Python's hashlib:
//   m = hashlib.blake2b(digest_size=32); m.update(b'skillsim-scenario-v1')
//   for f in (scenario, standard): m.update(struct.pack('<Q', len(f))); m.update(f)
//   m.hexdigest()
TEST(ScenarioHash, IsBlake2bOverTheLengthPrefixedFiles) {
  EXPECT_EQ(toHex(scenarioHash("id = \"crane\"\n", "pass_mark = 70\n")),
            "77bf6e0357d7d56b2854e80e9e9d26460836a74df79a936a9d8e53632a63def4");
  EXPECT_EQ(toHex(scenarioHash("ab", "c")),
            "cb713b90073d214573f17e8374cdacab52a95b9300a2343da91e70f35eca6ab9");
  EXPECT_EQ(toHex(scenarioHash("a", "bc")),
            "a93fb68d6472754ac3b080da8db5aad3f039414785aaa19a8c2b124f9d595019");
  // The test's own libsodium recomputation agrees with the literals (used where a text is long).
  EXPECT_EQ(toHex(independentScenarioHash("ab", "c")),
            "cb713b90073d214573f17e8374cdacab52a95b9300a2343da91e70f35eca6ab9");
}

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
