#pragma once

#include "skillsim/ui/I18n.h"
#include "skillsim/ui/ScreenRect.h"

#include <skillsim/sim/SimulationSpec.h>

#include <glm/glm.hpp>

#include <optional>
#include <string>
#include <vector>

namespace skillsim::ui {

/** One zone on the minimap (plan view, metres in world X and Z). */
struct MinimapZone {
  std::string label; ///< The painted label, drawn in the zone; may be empty.
  bool circle = true;
  glm::dvec2 centre{0.0};
  glm::dvec2 half{0.5}; ///< Radius (both) for a circle, else half extents (m).
  glm::vec4 color{1.0f};
  bool target = false; ///< The current target: drawn highlighted.
};

/** A body's footprint on the minimap. */
struct MinimapBody {
  glm::dvec2 centre{0.0};
  glm::dvec2 half{0.25}; ///< Half extents in X and Z (m).
  glm::vec4 color{1.0f};
};

/** Everything the minimap draws, in world plan coordinates (m). */
struct MinimapModel {
  glm::dvec2 min{0.0}; ///< The mapped area: x and z from min to max (m).
  glm::dvec2 max{1.0};
  std::vector<MinimapZone> zones;
  std::vector<MinimapBody> bodies;
  std::optional<glm::dvec2> machine; ///< The machine's plan position (its aid anchor), if any.
};

/**
 * The minimap of a simulation: its painted zones (`labels`: zone name -> painted label; zones
 * without an entry are left out), static bodies as footprints, the machine's plan position, the
 * current target zone highlighted. The mapped area is `areaMin` to `areaMax` (the hall's floor,
 * or the machine's working area), grown to hold every zone drawn.
 */
[[nodiscard]] MinimapModel
minimapModel(const sim::SimulationSpec& spec,
             const std::vector<std::pair<std::string, std::string>>& labels, glm::dvec2 areaMin,
             glm::dvec2 areaMax, std::optional<glm::dvec3> machine,
             const std::optional<std::string>& targetZone);

/** Where the minimap goes on a width x height display (px): bottom right, above the session. */
[[nodiscard]] ScreenRect minimapRect(float width, float height);

/**
 * The screen point (px) of a plan point inside `rect`: world +X to the right, world -Z up (north
 * up, as the overhead cameras show it), the area fitted with equal scale on both axes and centred.
 */
[[nodiscard]] glm::vec2 minimapPoint(const MinimapModel& model, const ScreenRect& rect,
                                     glm::dvec2 plan);

/** Draws the minimap panel with the ImGui draw list (needs a current ImGui frame). */
void drawMinimap(const MinimapModel& model, const I18n& text);

} // namespace skillsim::ui
