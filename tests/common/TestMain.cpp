// GoogleTest entry point for every suite: contract checks throw ContractViolation here, so a
// test can assert that a broken contract is caught (EXPECT_THROW) instead of aborting.
#include <skillsim/core/Check.h>
#include <skillsim/core/Log.h>

#include <gtest/gtest.h>

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  skillsim::core::setContractHandler(skillsim::core::throwingContractHandler());
  skillsim::core::logger().set_level(spdlog::level::warn);
  return RUN_ALL_TESTS();
}
