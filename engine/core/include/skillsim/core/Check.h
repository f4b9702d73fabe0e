#pragma once

#include <functional>
#include <stdexcept>
#include <string>

namespace skillsim::core {

/**
 * A broken contract inside the code (a bug, never a user's mistake). Thrown only when the
 * throwing handler is installed (tests); by default a violation logs file:line and aborts.
 */
class ContractViolation : public std::logic_error {
public:
  using std::logic_error::logic_error;
};

/** Receives `file:line: check 'expr' failed: message`. Must not return normally in production. */
using ContractHandler = std::function<void(const std::string& what)>;

/**
 * Replaces the process-wide contract handler and returns the previous one. Passing an empty
 * handler restores the default (log and abort). Tests install `throwingContractHandler()`.
 */
ContractHandler setContractHandler(ContractHandler handler);

/** A handler that throws ContractViolation, for tests. */
ContractHandler throwingContractHandler();

/** Called by SKILLSIM_CHECK; logs through spdlog and calls the handler, then aborts. */
[[noreturn]] void contractFailed(const char* file, int line, const char* expression,
                                 const std::string& message);

} // namespace skillsim::core

/**
 * SKILLSIM_CHECK(condition, message): a precondition, postcondition or invariant. On failure logs
 * `file:line: check 'condition' failed: message` and aborts (throws ContractViolation in tests).
 * Always evaluated, in Release too: simulation results must never come from a broken state.
 */
#define SKILLSIM_CHECK(condition, message)                                                         \
  do {                                                                                             \
    if (!(condition)) [[unlikely]] {                                                               \
      ::skillsim::core::contractFailed(__FILE__, __LINE__, #condition, (message));                 \
    }                                                                                              \
  } while (false)
