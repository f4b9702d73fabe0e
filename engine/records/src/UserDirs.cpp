#include "skillsim/records/UserDirs.h"

#include <cstdlib>

namespace skillsim::records {
namespace {

std::filesystem::path xdgDir(const char* variable, const char* homeRelative, const char* fallback) {
  if (const char* xdg = std::getenv(variable); xdg != nullptr && xdg[0] == '/') {
    return std::filesystem::path(xdg) / "skillsim"; // XDG: relative values are ignored
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0') {
    return std::filesystem::path(home) / homeRelative / "skillsim";
  }
  return std::filesystem::path(fallback);
}

} // namespace

std::filesystem::path defaultConfigDir() {
  return xdgDir("XDG_CONFIG_HOME", ".config", ".skillsim-config");
}

std::filesystem::path defaultDataDir() {
  return xdgDir("XDG_DATA_HOME", ".local/share", ".skillsim-data");
}

std::filesystem::path defaultStorePath() { return defaultDataDir() / "results.sqlite"; }

std::filesystem::path defaultQueueDir() { return defaultDataDir() / "queue"; }

} // namespace skillsim::records
