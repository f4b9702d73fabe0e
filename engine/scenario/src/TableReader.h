#pragma once

// The TOML table reader is readers::TableReader now (one reader for every TOML file, issue 12);
// scenario code keeps its names.

#include "Diagnostics.h"

#include <skillsim/readers/TableReader.h>

namespace skillsim::scenario {

using readers::Need;
using readers::parseToml;
using readers::Range;
using readers::TableReader;
using readers::typeName;

} // namespace skillsim::scenario
