#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::sim {

/**
 * Named scalar measurements sampled every tick (load swing angle in rad, hook height in m,
 * speeds in m/s …). The set of names is fixed when the simulation is built (so a scenario's
 * rubric can be checked against it on load); values are overwritten each tick.
 *
 * Standard metric names of the overhead crane (defined in Simulation.h):
 * `load_swing_angle` (rad), `load_height` (m, bottom of the load above ground),
 * `hook_height` (m), `bridge_speed`, `trolley_speed`, `hoist_speed` (m/s, signed),
 * `load_x`, `load_z` (m), `rope_length` (m), `hoisted_mass` (kg).
 *
 * Every simulation also has `time` (s, tick / tick rate). Further crane metrics:
 * `bridge_position`, `trolley_position` (m along runway / bridge from the runway origin),
 * `hook_x`, `hook_z` (m, world), `rope_span` (m, sheave to hook block, straight line),
 * `rope_stretch` (m, rope_span - rope_length, > 0 only when taut), `rope_tension`,
 * `sling_tension` (N), `sling_span` (m, hook to lug while attached, else 0), `load_y` (m, centre of
 * mass), `load_speed` (m/s, magnitude), `load_attached` (1 or 0), `emergency_stop` (1 while
 * latched), `overload` (1 while the hoisted mass exceeds the rated load). Details of each in
 * Simulation.h.
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
