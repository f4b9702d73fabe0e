#include "skillsim/core/Log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace skillsim::core {

spdlog::logger& logger() {
  // Function-local static: created once, thread-safe, and independent of spdlog's registry so
  // that tests can create simulations and renderers freely in one process.
  static std::shared_ptr<spdlog::logger> instance = [] {
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    auto log = std::make_shared<spdlog::logger>("skillsim", sink);
    log->set_pattern("[%^%l%$] %v");
    log->set_level(spdlog::level::info);
    return log;
  }();
  return *instance;
}

bool setLogLevel(const std::string& level) {
  spdlog::level::level_enum parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") {
    return false;
  }
  logger().set_level(parsed);
  return true;
}

} // namespace skillsim::core
