#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace skillsim::app {

/** Options of `skillsim validate`. */
struct ValidateOptions {
  /** Scenario or standard files (by their `format` key); a folder: every *.toml under it. */
  std::vector<std::string> files;
  bool json = false;      ///< One JSON document on `out` instead of text.
  std::string assetsRoot; ///< Folder holding standards/; empty = found from each file.
};

/**
 * `skillsim validate FILE|FOLDER...`: checks every file (a folder: each *.toml file in it and its
 * subfolders, in name order; a folder with none is an error) and prints every problem
 * (`file:line:column: field: message`), every warning (`warning: ...`) and, for a valid
 * scenario, its hash. Returns kExitOk when every file is valid, kExitFailure otherwise. Never
 * throws.
 */
int runValidate(const ValidateOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
