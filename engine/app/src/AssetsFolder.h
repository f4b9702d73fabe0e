#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace skillsim::app {

/**
 * The `assets/` folder (the one holding i18n/) nearest above `scenarioFile`'s folder, else above
 * the current folder; nullopt when there is none.
 */
[[nodiscard]] std::optional<std::filesystem::path>
findAssetsFolder(const std::string& scenarioFile);

} // namespace skillsim::app
