#include <skillsim/physics/PhysicsInfo.h>

#include <LinearMath/btScalar.h>

#include <gtest/gtest.h>

TEST(PhysicsInfo, ReportsTheLinkedBulletVersion) {
  // The headers we compiled against and the library we linked must agree (Debian ships 3.24).
  const int v = BT_BULLET_VERSION;
  EXPECT_EQ(skillsim::physics::bulletVersion(),
            std::to_string(v / 100) + "." + std::to_string(v % 100));
  EXPECT_GE(v, 324);
}
