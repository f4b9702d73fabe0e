#pragma once

// Diagnostics are readers::Diagnostics now (shared with every TOML and CSV reader, issue 12);
// scenario code keeps its names.

#include <skillsim/readers/Diagnostics.h>

namespace skillsim::scenario {

using readers::Diagnostics;
using readers::didYouMean;
using readers::editDistance;
using readers::formatNumber;
using readers::listChoices;

} // namespace skillsim::scenario
