// Runs the forklift's scripted 30 s drive and prints the final state hash (hex) and the number of
// events: the second process of ForkliftDeterminismTest.
#include "ForkliftFixture.h"

#include <cstdio>

int main() {
  using namespace skillsim::sim;
  auto sim = Simulation::create(testing::forkliftFloor());
  if (!sim) {
    std::fprintf(stderr, "%s\n", sim.error().toString().c_str());
    return 1;
  }
  std::uint64_t events = 0;
  for (std::uint64_t t = 0; t < 30 * 240; ++t) {
    (*sim)->step(testing::scriptedForkliftActions(t));
    events += (*sim)->events().size();
  }
  std::printf("%s %llu\n", skillsim::core::toHex((*sim)->stateHash()).c_str(),
              static_cast<unsigned long long>(events));
  return 0;
}
