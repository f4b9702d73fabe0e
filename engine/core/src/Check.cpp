#include "skillsim/core/Check.h"

#include "skillsim/core/Log.h"

#include <cstdlib>
#include <mutex>

namespace skillsim::core {
namespace {

std::mutex& handlerMutex() {
  static std::mutex m;
  return m;
}

ContractHandler& handlerSlot() {
  static ContractHandler handler;
  return handler;
}

} // namespace

ContractHandler setContractHandler(ContractHandler handler) {
  std::lock_guard lock(handlerMutex());
  ContractHandler previous = std::move(handlerSlot());
  handlerSlot() = std::move(handler);
  return previous;
}

ContractHandler throwingContractHandler() {
  return [](const std::string& what) { throw ContractViolation(what); };
}

void contractFailed(const char* file, int line, const char* expression,
                    const std::string& message) {
  std::string what = std::string(file) + ':' + std::to_string(line) + ": check '" + expression +
                     "' failed: " + message;
  ContractHandler handler;
  {
    std::lock_guard lock(handlerMutex());
    handler = handlerSlot();
  }
  if (handler) {
    handler(what);
  }
  logger().critical("{}", what);
  logger().flush();
  std::abort();
}

} // namespace skillsim::core
