#include "skillsim/physics/PhysicsInfo.h"

#include <LinearMath/btScalar.h>

namespace skillsim::physics {

std::string bulletVersion() {
  const int v = btGetVersion(); // e.g. 324
  return std::to_string(v / 100) + '.' + std::to_string(v % 100);
}

} // namespace skillsim::physics
