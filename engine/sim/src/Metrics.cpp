#include "skillsim/sim/Metrics.h"

#include <skillsim/core/Check.h>

#include <algorithm>

namespace skillsim::sim {

std::size_t Metrics::add(std::string name, double initial) {
  SKILLSIM_CHECK(!find(name), "metric '" + name + "' added twice");
  mNames.push_back(std::move(name));
  mValues.push_back(initial);
  return mNames.size() - 1;
}

std::optional<std::size_t> Metrics::find(std::string_view name) const {
  auto it = std::find(mNames.begin(), mNames.end(), name);
  if (it == mNames.end()) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(it - mNames.begin());
}

} // namespace skillsim::sim
