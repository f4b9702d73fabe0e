#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

namespace skillsim::core {

/**
 * An opaque, typed handle: an index into some owner's table. Different Tag types do not mix
 * (a BodyId is not a MeshId). The default-constructed id is invalid.
 */
template <typename Tag>
class Id {
public:
  static constexpr std::uint32_t kInvalid = std::numeric_limits<std::uint32_t>::max();

  constexpr Id() = default;
  constexpr explicit Id(std::uint32_t index) : mIndex(index) {}

  [[nodiscard]] constexpr std::uint32_t index() const { return mIndex; }
  [[nodiscard]] constexpr bool valid() const { return mIndex != kInvalid; }
  constexpr explicit operator bool() const { return valid(); }

  friend constexpr auto operator<=>(Id, Id) = default;

private:
  std::uint32_t mIndex = kInvalid;
};

struct BodyTag;
struct MeshTag;
struct MaterialTag;
struct ZoneTag;

/** A rigid body in the physics world. */
using BodyId = Id<BodyTag>;
/** A mesh in a SceneView's mesh table. */
using MeshId = Id<MeshTag>;
/** A material in a SceneView's material table. */
using MaterialId = Id<MaterialTag>;
/** A zone (landing circle, person zone, corridor) in the simulation. */
using ZoneId = Id<ZoneTag>;

} // namespace skillsim::core

template <typename Tag>
struct std::hash<skillsim::core::Id<Tag>> {
  std::size_t operator()(skillsim::core::Id<Tag> id) const noexcept {
    return std::hash<std::uint32_t>{}(id.index());
  }
};
