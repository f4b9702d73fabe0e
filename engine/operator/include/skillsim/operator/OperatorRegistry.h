#pragma once

#include "skillsim/operator/Operator.h"

#include <skillsim/core/Expected.h>
#include <skillsim/scenario/Scenario.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::op {

/** Makes the operator of one profile for a scenario; errors as the operator's planning. */
using OperatorFactory =
    std::function<core::Expected<std::unique_ptr<Operator>>(const scenario::Scenario& scenario)>;

/**
 * Scripted operators keyed by machine kind (sim::MachineDecl::kind, the scenario's
 * `[machine] kind`) and profile name (e.g. "competent", "careless"), so `skillsim operate
 * --profile` needs to know no machine. A plain value: a test can make as many as it likes.
 */
class OperatorRegistry {
public:
  /** Every operator shipped with the engine (one folder per machine under src/machines/). */
  [[nodiscard]] static OperatorRegistry builtIn();

  /** Adds (or replaces) the operator `profile` of machine `machineKind`. */
  void add(std::string machineKind, std::string profile, OperatorFactory factory);
  /** The profiles of `machineKind`, in the order added; empty for an unknown machine. */
  [[nodiscard]] std::vector<std::string> profiles(std::string_view machineKind) const;
  /**
   * The operator `profile` for `scenario`'s machine. Errors: InvalidInput naming the machine and
   * the profiles it has (none: no operator for that machine); the factory's.
   */
  [[nodiscard]] core::Expected<std::unique_ptr<Operator>> create(const scenario::Scenario& scenario,
                                                                 std::string_view profile) const;

  /** The key a scenario's operators are registered under (its machine's kind; "" without one). */
  [[nodiscard]] static const std::string& machineKind(const scenario::Scenario& scenario);

private:
  struct Entry {
    std::string machineKind;
    std::string profile;
    OperatorFactory factory;
  };
  std::vector<Entry> mEntries;
};

} // namespace skillsim::op
