#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace skillsim::app {

/** Options of `skillsim validate`. */
struct ValidateOptions {
  std::vector<std::string> files; ///< Scenario or standard files (by their `format` key).
  bool json = false;              ///< One JSON document on `out` instead of text.
  std::string assetsRoot;         ///< Folder holding standards/; empty = found from each file.
};

/**
 * `skillsim validate FILE...`: checks every file and prints every problem
 * (`file:line:column: field: message`) and, for a valid scenario, its hash. Returns kExitOk
 * when every file is valid, kExitFailure otherwise. Never throws.
 */
int runValidate(const ValidateOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
