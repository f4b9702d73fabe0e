#include <skillsim/core/Check.h>
#include <skillsim/sim/Metrics.h>

#include <gtest/gtest.h>

using skillsim::sim::Metrics;

TEST(Metrics, AddFindSetGet) {
  Metrics m;
  std::size_t swing = m.add("load_swing_angle");
  std::size_t height = m.add("load_height", 0.25);
  EXPECT_EQ(m.size(), 2u);
  EXPECT_EQ(m.find("load_height"), height);
  EXPECT_EQ(m.find("load_swing_angle"), swing);
  EXPECT_FALSE(m.find("hook_height"));
  EXPECT_EQ(m.get(height), 0.25);
  m.set(swing, 0.05);
  EXPECT_EQ(m.get(swing), 0.05);
  EXPECT_EQ(m.names().at(1), "load_height");
}

TEST(Metrics, DuplicateNameIsAContractViolation) {
  Metrics m;
  m.add("hook_height");
  EXPECT_THROW(m.add("hook_height"), skillsim::core::ContractViolation);
}
