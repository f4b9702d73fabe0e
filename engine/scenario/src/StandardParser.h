#pragma once

#include "TableReader.h"

#include <skillsim/assessment/Standard.h>

#include <string>

namespace skillsim::scenario {

/** True for ids made of [a-z0-9], '.', '_' and '-', starting with a letter or digit. */
[[nodiscard]] bool validId(const std::string& id);

/**
 * Reads a standard's root table (docs/standard-format.md) into `out`, reporting every problem:
 * unknown keys, types, ranges (points >= 0, pass mark within the total, levels ascending and
 * within the total), duplicate item or level ids, unknown categories.
 */
void readStandard(TableReader& root, assessment::Standard& out);

} // namespace skillsim::scenario
