// Determinism of the forklift (issue 15 point 3): the same inputs give bit-identical state hashes
// in two simulations of this process and in another process; one changed input changes it.
#include "ForkliftFixture.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

using namespace skillsim::sim;
using namespace skillsim::sim::testing;

namespace {

std::string runDrive(std::uint64_t perturbTick = ~0ull) {
  auto sim = std::move(Simulation::create(forkliftFloor())).value();
  std::uint64_t events = 0;
  for (std::uint64_t t = 0; t < 30 * 240; ++t) {
    skillsim::core::ActionState a = scriptedForkliftActions(t);
    if (t == perturbTick) {
      a.setAxis(forklift_controls::kSteering, -a.axis(forklift_controls::kSteering) - 0.5f);
    }
    sim->step(a);
    events += sim->events().size();
  }
  EXPECT_FALSE(sim->stopped()) << (sim->fault() ? sim->fault()->toString() : "");
  return skillsim::core::toHex(sim->stateHash()) + " " + std::to_string(events) + "\n";
}

std::string runHelper() {
  FILE* pipe = popen(SKILLSIM_FORKLIFT_DETERMINISM_HELPER, "r");
  if (pipe == nullptr) {
    return "popen failed";
  }
  std::array<char, 256> buffer{};
  std::string output;
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) {
    output += buffer.data();
  }
  const int status = pclose(pipe);
  return status == 0 ? output : "helper failed: " + output;
}

} // namespace

TEST(ForkliftDeterminism, TwoSimulationsAndAnotherProcessGiveTheSameHash) {
  const std::string first = runDrive();
  EXPECT_EQ(runDrive(), first);
  EXPECT_EQ(runHelper(), first);
}

TEST(ForkliftDeterminism, OneDifferentSteeringInputChangesTheHash) {
  EXPECT_NE(runDrive(240 * 5), runDrive());
}
