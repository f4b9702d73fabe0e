#include "skillsim/scenario/ScenarioHash.h"

namespace skillsim::scenario {

core::Digest scenarioHash(std::string_view scenarioBytes, std::string_view standardBytes) {
  core::Hasher h;
  h.update(std::string_view("skillsim-scenario-v1"));
  h.update(static_cast<std::uint64_t>(scenarioBytes.size()));
  h.update(scenarioBytes);
  h.update(static_cast<std::uint64_t>(standardBytes.size()));
  h.update(standardBytes);
  return h.finish();
}

} // namespace skillsim::scenario
