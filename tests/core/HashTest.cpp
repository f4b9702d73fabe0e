#include <skillsim/core/Check.h>
#include <skillsim/core/Hash.h>

#include <gtest/gtest.h>

using skillsim::core::hashBytes;
using skillsim::core::Hasher;
using skillsim::core::toHex;

// Known-answer tests: BLAKE2b with a 32-byte digest (RFC 7693).
TEST(Hash, Blake2b256KnownAnswers) {
  EXPECT_EQ(toHex(hashBytes("")),
            "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  EXPECT_EQ(toHex(hashBytes("abc")),
            "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST(Hash, IncrementalEqualsOneShot) {
  Hasher h;
  h.update(std::string_view("a")).update(std::string_view("bc"));
  EXPECT_EQ(h.finish(), hashBytes("abc"));
}

TEST(Hash, DoublesHashByBitPattern) {
  Hasher zero;
  zero.update(0.0);
  Hasher negativeZero;
  negativeZero.update(-0.0);
  EXPECT_NE(zero.finish(), negativeZero.finish());
}

TEST(Hash, FinishTwiceIsAContractViolation) {
  Hasher h;
  (void)h.finish();
  EXPECT_THROW((void)h.finish(), skillsim::core::ContractViolation);
  EXPECT_THROW(h.update(1.0), skillsim::core::ContractViolation);
}
