#pragma once

#include "skillsim/ui/I18n.h"
#include "skillsim/ui/ScreenRect.h"

#include <skillsim/core/SceneView.h>
#include <skillsim/sim/SimulationSpec.h>

#include <glm/glm.hpp>

#include <optional>
#include <string>
#include <vector>

namespace skillsim::ui {

/**
 * Which practice-mode training aids are shown (the scenario's `[training_aids]` for the attempt's
 * mode, resolved by the app: docs/scenario-format.md). All off by default.
 */
struct AidSwitches {
  bool dropLine = false;       ///< Vertical line and laser spot under the aid anchor.
  bool heightReadout = false;  ///< Its height over the ground, in words.
  bool targetDistance = false; ///< Its horizontal distance to the current target zone.
  bool targetMarker = false;   ///< A marker over the current target zone.
  bool minimap = false;        ///< Top-down map (Minimap.h).
  bool machineAids = false;    ///< The machine's floor aids and training-aid readouts.
  [[nodiscard]] bool any() const {
    return dropLine || heightReadout || targetDistance || targetMarker || minimap || machineAids;
  }
};

/**
 * The current target the aids point at: a zone of the scenario and how a trainee names it (its
 * painted label, "B"; may be empty). The step tracker chooses it; the aids only take it.
 */
struct AidTarget {
  std::string zone;
  std::string label;
};

/** What the aids show in one frame, from the simulation's state (computeAidFrame). */
struct AidFrame {
  AidSwitches shown;
  /** The machine's aid anchor (MachineDecl::aidAnchor; m, world), when it has one. */
  std::optional<glm::dvec3> anchor;
  double groundY = 0.0;                ///< Floor level (m, world): the ground plane is at y = 0.
  std::optional<double> height;        ///< anchor.y - groundY (m), when there is an anchor.
  std::optional<sim::ZoneSpec> target; ///< The target zone, when given and known.
  std::string targetLabel;             ///< AidTarget::label.
  /**
   * Horizontal distance (m) from the anchor to the target zone (horizontalDistance), when there
   * are both.
   */
  std::optional<double> distance;
  /** The machine's floor aids (sim::Simulation::floorAids), when machineAids is shown. */
  std::vector<sim::FloorAid> floor;
};

/**
 * Horizontal (XZ) distance (m) from `point` to a zone: to a cylinder's axis, or to the nearest
 * point of a box's footprint (0 inside it).
 */
[[nodiscard]] double horizontalDistance(const sim::ZoneSpec& zone, const glm::dvec3& point);

/**
 * The aids' frame: `anchor` as Simulation::anchorPoint(aidAnchor) gave it (nullopt: none),
 * `target` the current target (nullopt: none; a zone name not in `spec` is treated as none).
 */
[[nodiscard]] AidFrame computeAidFrame(const AidSwitches& shown, const sim::SimulationSpec& spec,
                                       std::optional<glm::dvec3> anchor,
                                       const std::optional<AidTarget>& target);

/**
 * Appends the 3D aids to a filled view: the drop line (a red line from the anchor to the floor)
 * and the laser spot (a red disc on the floor under it), and the target marker (two cyan rings
 * or outlines around the target zone and a post with an arrow over its centre). Adds a mesh and
 * a material to the view's tables only when something is drawn with them. Each floor aid: its
 * outline as lines 10 mm above the floor and a cross of 0.3 m at its point, green (0.1, 0.9,
 * 0.2) while inside, red (1.0, 0.15, 0.1) otherwise.
 */
void appendAidGeometry(const AidFrame& frame, core::SceneView& view);

/** The readout lines in plain words ("Height over the ground 2.35 m", "To target B 1.20 m"). */
[[nodiscard]] std::vector<std::string> aidReadoutLines(const AidFrame& frame, const I18n& text);

/** Where the readout panel goes on a width x height display (px): above the readouts panel. */
[[nodiscard]] ScreenRect aidReadoutRect(float width, float height);

/** Draws the readout panel (needs a current ImGui frame); nothing when no readout is shown. */
void drawAidReadouts(const AidFrame& frame, const I18n& text);

} // namespace skillsim::ui
