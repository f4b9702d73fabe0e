#include <skillsim/sim/SimEvent.h>

#include <gtest/gtest.h>

#include <set>
#include <string>

using skillsim::sim::SimEventKind;

TEST(SimEvent, KindNamesAreStableAndUnique) {
  EXPECT_EQ(toString(SimEventKind::ContactBegin), "contact_begin");
  EXPECT_EQ(toString(SimEventKind::PhysicsFault), "physics_fault");
  EXPECT_EQ(toString(SimEventKind::ControlChanged), "control_changed");
  EXPECT_EQ(toString(SimEventKind::Scheduled), "scheduled");
  std::set<std::string> names;
  for (int k = 0; k <= static_cast<int>(SimEventKind::Scheduled); ++k) {
    EXPECT_TRUE(names.insert(std::string(toString(static_cast<SimEventKind>(k)))).second);
  }
}
