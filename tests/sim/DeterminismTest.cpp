// Determinism (DESIGN.md): the same ActionState sequence gives bit-identical state hashes, in two
// fresh simulations in one process and in two other processes.
#include "CraneCourse.h"

#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

using namespace skillsim::sim;
using namespace skillsim::sim::testing;

namespace {

#ifdef SKILLSIM_SANITIZED
constexpr int kSeconds = 60; // sanitizer build: ~10x slower, 1 simulated minute
#else
constexpr int kSeconds = 600; // 10 simulated minutes
#endif

struct Outcome {
  std::string hash;
  std::uint64_t events = 0;
  std::uint64_t attaches = 0;
  std::uint64_t contacts = 0;
};

Outcome runCourse(int seconds, std::uint64_t perturbTick = ~0ull) {
  auto sim = std::move(Simulation::create(examCourse())).value();
  Outcome out;
  const std::uint64_t ticks = static_cast<std::uint64_t>(seconds) * sim->spec().tickRate;
  for (std::uint64_t t = 0; t < ticks; ++t) {
    skillsim::core::ActionState a = scriptedActions(t);
    if (t == perturbTick) {
      const float now = a.axis(skillsim::sim::crane_controls::kTrolleyTravel);
      a.setAxis(skillsim::sim::crane_controls::kTrolleyTravel, now > 0.0f ? -1.0f : 1.0f);
    }
    sim->step(a);
    out.events += sim->events().size();
    for (const SimEvent& e : sim->events()) {
      out.attaches += e.is("load_attached") ? 1 : 0;
      out.contacts += e.kind == SimEventKind::ContactBegin ? 1 : 0;
    }
  }
  EXPECT_FALSE(sim->stopped()) << (sim->fault() ? sim->fault()->toString() : "");
  out.hash = skillsim::core::toHex(sim->stateHash());
  return out;
}

std::string runHelper(int seconds) {
  const std::string command =
      std::string(SKILLSIM_DETERMINISM_HELPER) + " " + std::to_string(seconds);
  FILE* pipe = popen(command.c_str(), "r");
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

TEST(Determinism, TwoFreshSimulationsGiveIdenticalHashes) {
  const Outcome a = runCourse(kSeconds);
  const Outcome b = runCourse(kSeconds);
  EXPECT_EQ(a.hash, b.hash);
  EXPECT_EQ(a.events, b.events);
  // The run exercised the machine: loads attached and things touched.
  EXPECT_GT(a.attaches, 0u);
  EXPECT_GT(a.contacts, 0u);
}

TEST(Determinism, TwoProcessesGiveTheSameHashAsThisOne) {
  const Outcome here = runCourse(kSeconds);
  const std::string first = runHelper(kSeconds);
  const std::string second = runHelper(kSeconds);
  const std::string expected = here.hash + " " + std::to_string(here.events) + "\n";
  EXPECT_EQ(first, expected);
  EXPECT_EQ(second, expected);
}

TEST(Determinism, OneDifferentInputChangesTheHash) {
  EXPECT_NE(runCourse(10).hash, runCourse(10, 240).hash);
}
