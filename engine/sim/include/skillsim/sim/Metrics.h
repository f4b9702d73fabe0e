#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::sim {

/**
 * Named scalar measurements sampled every tick (swing angle in rad, heights in m, speeds in m/s
 * …). The set of names is fixed when the simulation is built (so a scenario's rubric can be
 * checked against it on load); values are overwritten each tick. Every simulation has `time`
 * (s, tick / tick rate); the machine adds its own (MachineDecl::metrics, with units).
 */
class Metrics {
public:
  /** Adds a metric and returns its index. Adding a name twice is a contract violation. */
  std::size_t add(std::string name, double initial = 0.0);

  /** Index of a metric by name, or nullopt. */
  [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const;

  void set(std::size_t index, double value) { mValues.at(index) = value; }
  [[nodiscard]] double get(std::size_t index) const { return mValues.at(index); }
  [[nodiscard]] std::size_t size() const { return mNames.size(); }
  [[nodiscard]] const std::vector<std::string>& names() const { return mNames; }
  [[nodiscard]] const std::vector<double>& values() const { return mValues; }

private:
  std::vector<std::string> mNames;
  std::vector<double> mValues;
};

} // namespace skillsim::sim
