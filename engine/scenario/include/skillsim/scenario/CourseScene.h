#pragma once

#include <skillsim/core/SceneView.h>
#include <skillsim/scenario/Scenario.h>

#include <cstddef>
#include <vector>

namespace skillsim::scenario {

/**
 * The drawn course of a scenario, built once from its `[hall]`, its zones' floor paint and its
 * bodies (docs/scenario-format.md): a concrete floor of slabs in slightly different tones with
 * joints between them, columns along both long walls, four walls with windows in the long ones,
 * lamp fixtures, and the floor paint (rings and outlines with their letters inside, walkway
 * stripes, hatched keep-out areas, painted bases under bodies with a `base_tags` tag). Plain
 * geometry (one unit box scaled per part), static, casting no shadow, knowing no machine.
 *
 * Letters are laid to be read looking along +Z (the way a cab camera of the committed scenarios
 * looks), 0.75 of a ring's radius high, centred on the zone.
 */
class CourseScene {
public:
  CourseScene() = default;
  /** The course of `scenario` (empty when it has neither a hall nor painted zones). */
  [[nodiscard]] static CourseScene build(const Scenario& scenario);

  /**
   * Appends the course's meshes and materials after the view's own and its instances. Call once
   * per frame after the simulation filled the view (the view's tables then stay stable).
   */
  void append(core::SceneView& view) const;

  /** Instances append() adds. */
  [[nodiscard]] std::size_t instanceCount() const { return mInstances.size(); }
  /** Triangles append() adds (12 per box). */
  [[nodiscard]] std::size_t triangleCount() const { return 12 * mInstances.size(); }

private:
  std::vector<core::MeshDesc> mMeshes;
  std::vector<core::Material> mMaterials;
  std::vector<core::Instance> mInstances; ///< Mesh and material ids local to this course.
};

} // namespace skillsim::scenario
