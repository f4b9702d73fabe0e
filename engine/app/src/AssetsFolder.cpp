#include "AssetsFolder.h"

namespace skillsim::app {
namespace {

std::optional<std::filesystem::path> above(std::filesystem::path start) {
  std::error_code ec;
  start = std::filesystem::absolute(start, ec);
  for (auto dir = start; !dir.empty(); dir = dir.parent_path()) {
    if (std::filesystem::is_directory(dir / "assets" / "i18n", ec)) {
      return dir / "assets";
    }
    if (dir == dir.parent_path()) {
      break;
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<std::filesystem::path> findAssetsFolder(const std::string& scenarioFile) {
  if (auto found = above(std::filesystem::path(scenarioFile).parent_path())) {
    return found;
  }
  std::error_code ec;
  return above(std::filesystem::current_path(ec));
}

} // namespace skillsim::app
