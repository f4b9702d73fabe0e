#pragma once

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace skillsim::core {

/**
 * The project's logger, named "skillsim", writing to stderr (colour when stderr is a terminal).
 * Created on first use; later calls return the same logger. Messages use fmt syntax:
 * `core::logger().warn("font {} missing, using the default", path);`
 */
spdlog::logger& logger();

/**
 * Sets the log level by name ("trace", "debug", "info", "warn", "error", "critical", "off").
 * Returns false, leaving the level unchanged, for an unknown name.
 */
bool setLogLevel(const std::string& level);

} // namespace skillsim::core
