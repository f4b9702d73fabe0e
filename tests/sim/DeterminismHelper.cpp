// Runs the crane exam course with the scripted operator for N simulated seconds and prints the
// final state hash (hex) and the number of events: the second process of DeterminismTest.
#include "CraneCourse.h"

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  using namespace skillsim::sim;
  const double seconds = argc > 1 ? std::atof(argv[1]) : 600.0;
  auto sim = Simulation::create(testing::examCourse());
  if (!sim) {
    std::fprintf(stderr, "%s\n", sim.error().toString().c_str());
    return 1;
  }
  const auto ticks = static_cast<std::uint64_t>(seconds * (*sim)->spec().tickRate);
  std::uint64_t events = 0;
  for (std::uint64_t t = 0; t < ticks; ++t) {
    (*sim)->step(testing::scriptedActions(t));
    events += (*sim)->events().size();
  }
  std::printf("%s %llu\n", skillsim::core::toHex((*sim)->stateHash()).c_str(),
              static_cast<unsigned long long>(events));
  return 0;
}
