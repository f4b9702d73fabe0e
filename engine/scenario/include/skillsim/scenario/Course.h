#pragma once

#include <glm/glm.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::scenario {

/**
 * The hall the task is set in, as a scenario's `[hall]` section writes it
 * (docs/scenario-format.md): drawn only, it adds no body to the simulation and changes no result.
 */
struct HallSpec {
  glm::dvec3 centre{0.0};            ///< Centre of the floor (m, world; y = floor level).
  glm::dvec3 size{36.0, 12.0, 24.0}; ///< Length along X, wall height, width along Z (m).
  double columnSpacing = 6.0;        ///< Columns along both long walls, this far apart (m).
  int windowsPerWall = 4;            ///< Windows in each long wall, evenly spaced.
  std::vector<std::string> baseTags; ///< Bodies with one of these tags get a painted base.
};

/** How a zone is painted on the floor (`[[zones]] marking`). */
enum class ZoneMarking : std::uint8_t {
  None,    ///< Not painted (a logical zone: a gate, a height band).
  Ring,    ///< A painted circle line (cylinder) or outline (box), with the label inside.
  Walkway, ///< Box only: edge stripes along its long sides and diagonal hatching between.
  Hatched, ///< Keep-out hatching inside the outline (a person's area).
};

/** The floor paint of one zone. */
struct ZonePaint {
  std::string zone; ///< The zone's name (SimulationSpec::zones).
  ZoneMarking marking = ZoneMarking::None;
  std::string label; ///< Painted letters and digits (kPaintableGlyphs), e.g. "A"; may be empty.
};

/** Characters a zone label may hold (the painted glyph table, scenario/src/FloorGlyphs.cpp). */
inline constexpr std::string_view kPaintableGlyphs = "ABCDEFGH0123456789";

/** A practice-mode training aid (docs/scenario-format.md, `[training_aids]`). */
enum class TrainingAid : std::uint8_t {
  DropLine,       ///< A vertical line and a laser spot under the machine's aid anchor.
  HeightReadout,  ///< The anchor's height over the ground, in words.
  TargetDistance, ///< Its horizontal distance to the current target zone, in words.
  TargetMarker,   ///< A marker over the current target zone.
  Minimap,        ///< A top-down map of zones, bodies and the machine.
  /** The machine's own aids: its floor aids (sim::FloorAid) and its training-aid readouts. */
  MachineAids,
};

/** Every aid, in declaration order. */
inline constexpr TrainingAid kTrainingAids[] = {
    TrainingAid::DropLine,     TrainingAid::HeightReadout, TrainingAid::TargetDistance,
    TrainingAid::TargetMarker, TrainingAid::Minimap,       TrainingAid::MachineAids};

/** The aid's name as a scenario writes it ("drop_line", …). */
[[nodiscard]] std::string_view trainingAidName(TrainingAid aid);

/**
 * Which aids a scenario allows, per mode. Without a `[training_aids]` section: every aid in
 * practice, none in an exam (DESIGN.md: an exam attempt has no hints).
 */
struct TrainingAids {
  std::vector<TrainingAid> practice{std::begin(kTrainingAids), std::end(kTrainingAids)};
  std::vector<TrainingAid> exam;
  /** True when `aid` is shown in this mode. */
  [[nodiscard]] bool allows(TrainingAid aid, bool examMode) const;
};

/** The drawn course of a scenario: its hall, its zones' floor paint, and its training aids. */
struct Course {
  std::optional<HallSpec> hall;
  std::vector<ZonePaint> paint; ///< One per zone, in zone order.
  TrainingAids aids;
  /** The paint of a zone, or nullptr. */
  [[nodiscard]] const ZonePaint* paintOf(std::string_view zone) const;
};

} // namespace skillsim::scenario
