#include "skillsim/operator/OperatorRegistry.h"

namespace skillsim::op {

void OperatorRegistry::add(std::string machineKind, std::string profile, OperatorFactory factory) {
  for (Entry& e : mEntries) {
    if (e.machineKind == machineKind && e.profile == profile) {
      e.factory = std::move(factory);
      return;
    }
  }
  mEntries.push_back({std::move(machineKind), std::move(profile), std::move(factory)});
}

std::vector<std::string> OperatorRegistry::profiles(std::string_view machineKind) const {
  std::vector<std::string> out;
  for (const Entry& e : mEntries) {
    if (e.machineKind == machineKind) {
      out.push_back(e.profile);
    }
  }
  return out;
}

const std::string& OperatorRegistry::machineKind(const scenario::Scenario& scenario) {
  static const std::string kNone;
  return scenario.machine ? scenario.machine->kind : kNone;
}

core::Expected<std::unique_ptr<Operator>>
OperatorRegistry::create(const scenario::Scenario& scenario, std::string_view profile) const {
  const std::string& kind = machineKind(scenario);
  for (const Entry& e : mEntries) {
    if (e.machineKind == kind && e.profile == profile) {
      return e.factory(scenario);
    }
  }
  const auto known = profiles(kind);
  std::string list;
  for (const auto& p : known) {
    list += (list.empty() ? "" : ", ") + p;
  }
  return core::makeError(core::ErrorCode::InvalidInput,
                         known.empty() ? "no scripted operator for the machine '" + kind + "'"
                                       : "no scripted operator '" + std::string(profile) +
                                             "' for the machine '" + kind + "'; there are: " + list,
                         core::SourceLocation{.file = scenario.scenarioFile.string()});
}

} // namespace skillsim::op
