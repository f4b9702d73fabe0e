#include "skillsim/scenario/CourseScene.h"

#include "FloorGlyphs.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace skillsim::scenario {
namespace {

// Heights above the floor (m): slabs, then paint on them. Thin, and apart enough for the depth
// buffer at 50 m.
constexpr double kSlabTop = 0.009;
constexpr double kPaintTop = 0.014;
constexpr double kPaintThickness = 0.004;
constexpr double kLineWidth = 0.08;   ///< Painted ring and outline lines (m).
constexpr double kStripeWidth = 0.12; ///< Walkway edge stripes (m).
constexpr double kSlabSize = 6.0;     ///< Concrete slab side (m).
constexpr double kJoint = 0.03;       ///< Gap between slabs, where the darker ground shows (m).
constexpr int kRingSegments = 48;

enum Mat : std::uint32_t {
  kConcrete0,
  kConcrete1,
  kConcrete2,
  kConcrete3,
  kWall,
  kColumnMat,
  kWindow,
  kLamp,
  kPaintWhite,
  kPaintYellow,
  kPaintRed,
  kPaintBase,
  kMaterialCount
};

core::Material material(glm::vec3 color, float roughness, float metallic, const char* name) {
  core::Material m;
  m.baseColor = glm::vec4(color, 1.0f);
  m.roughness = roughness;
  m.metallic = metallic;
  m.debugName = name;
  return m;
}

class Builder {
public:
  explicit Builder(std::vector<core::Instance>& out, double floorY) : mOut(out), mFloor(floorY) {}

  /** A box of `size` (m) centred at `centre`, turned `yaw` rad about +Y. */
  void box(const glm::dvec3& centre, const glm::dvec3& size, std::uint32_t mat, double yaw = 0.0) {
    glm::dmat4 m = glm::translate(glm::dmat4(1.0), centre);
    m = glm::rotate(m, yaw, glm::dvec3(0.0, 1.0, 0.0));
    m = glm::scale(m, size);
    mOut.push_back(core::Instance{core::MeshId(0), core::MaterialId(mat), glm::mat4(m), false});
  }

  /** A painted line on the floor from a to b (x, z; m), `width` wide, with square ends. */
  void paint(glm::dvec2 a, glm::dvec2 b, double width, std::uint32_t mat) {
    const glm::dvec2 d = b - a;
    const double length = glm::length(d);
    if (length <= 0.0) {
      return;
    }
    const glm::dvec2 mid = 0.5 * (a + b);
    box({mid.x, mFloor + kPaintTop - 0.5 * kPaintThickness, mid.y},
        {length, kPaintThickness, width}, mat, std::atan2(-d.y, d.x));
  }

  /** A painted circle line of radius r around (x, z). */
  void ring(glm::dvec2 c, double r, std::uint32_t mat) {
    for (int i = 0; i < kRingSegments; ++i) {
      const double a0 = 2.0 * std::numbers::pi * i / kRingSegments;
      const double a1 = 2.0 * std::numbers::pi * (i + 1) / kRingSegments;
      const glm::dvec2 p0 = c + r * glm::dvec2(std::cos(a0), std::sin(a0));
      const glm::dvec2 p1 = c + r * glm::dvec2(std::cos(a1), std::sin(a1));
      // A little longer than the chord, so that neighbouring pieces close the line.
      const glm::dvec2 grow = 0.5 * kLineWidth * glm::normalize(p1 - p0) * 0.5;
      paint(p0 - grow, p1 + grow, kLineWidth, mat);
    }
  }

  /** Painted letters centred at (x, z), `height` m tall, read looking along +Z. */
  void label(glm::dvec2 c, const std::string& text, double height, std::uint32_t mat) {
    const double advance = (detail::kGlyphWidth + 0.3) * height;
    const double total = advance * static_cast<double>(text.size()) - 0.3 * height;
    // Looking along +Z the reader's right is -X and the far side (+Z) is the top of the letter.
    double left = 0.5 * total;
    for (char ch : text) {
      for (const detail::GlyphStroke& s : detail::glyphStrokes(ch)) {
        auto place = [&](glm::vec2 p) {
          return glm::dvec2(c.x + left - p.x * height, c.y - 0.5 * height + p.y * height);
        };
        const glm::dvec2 a = place(s.from);
        const glm::dvec2 b = place(s.to);
        const double w = 0.15 * height;
        const glm::dvec2 grow = 0.5 * w * glm::normalize(b - a);
        paint(a - grow, b + grow, w, mat);
      }
      left -= advance;
    }
  }

  [[nodiscard]] double floor() const { return mFloor; }

private:
  std::vector<core::Instance>& mOut;
  double mFloor;
};

/** A reproducible tone for slab (i, j): a small integer hash, no random generator. */
std::uint32_t slabTone(int i, int j) {
  std::uint32_t h =
      static_cast<std::uint32_t>(i) * 73856093u ^ static_cast<std::uint32_t>(j) * 19349663u;
  h ^= h >> 13;
  h *= 0x5bd1e995u;
  h ^= h >> 15;
  return kConcrete0 + (h % 4u);
}

void buildHall(Builder& b, const HallSpec& h) {
  const double length = h.size.x;
  const double height = h.size.y;
  const double width = h.size.z;
  const double x0 = h.centre.x - 0.5 * length;
  const double z0 = h.centre.z - 0.5 * width;
  const double y0 = h.centre.y;
  // Floor: slabs with joints, tones from their grid position.
  const int nx = std::max(1, static_cast<int>(std::ceil(length / kSlabSize)));
  const int nz = std::max(1, static_cast<int>(std::ceil(width / kSlabSize)));
  const double sx = length / nx;
  const double sz = width / nz;
  for (int i = 0; i < nx; ++i) {
    for (int j = 0; j < nz; ++j) {
      b.box({x0 + (i + 0.5) * sx, y0 + 0.5 * kSlabTop, z0 + (j + 0.5) * sz},
            {sx - kJoint, kSlabTop, sz - kJoint}, slabTone(i, j));
    }
  }
  // Walls: the long ones (along X) with windows, the gable ends plain.
  constexpr double kWallThickness = 0.3;
  for (double z : {z0 - 0.5 * kWallThickness, z0 + width + 0.5 * kWallThickness}) {
    b.box({h.centre.x, y0 + 0.5 * height, z},
          {length + 2.0 * kWallThickness, height, kWallThickness}, kWall);
  }
  for (double x : {x0 - 0.5 * kWallThickness, x0 + length + 0.5 * kWallThickness}) {
    b.box({x, y0 + 0.5 * height, h.centre.z}, {kWallThickness, height, width}, kWall);
  }
  for (int k = 0; k < h.windowsPerWall; ++k) {
    const double x = x0 + length * (k + 0.5) / h.windowsPerWall;
    const double windowWidth = std::min(2.5, 0.6 * length / h.windowsPerWall);
    for (double z : {z0 + 0.03, z0 + width - 0.03}) {
      b.box({x, y0 + 0.55 * height, z}, {windowWidth, std::min(1.6, 0.25 * height), 0.06}, kWindow);
    }
  }
  // Columns along both long walls, evenly spaced at about column_spacing, and a lamp on each.
  const int bays = std::max(1, static_cast<int>(std::lround(length / h.columnSpacing)));
  constexpr double kColumn = 0.4;
  for (int k = 0; k <= bays; ++k) {
    const double x =
        std::clamp(x0 + length * k / bays, x0 + 0.5 * kColumn, x0 + length - 0.5 * kColumn);
    for (double z : {z0 + 0.5 * kColumn, z0 + width - 0.5 * kColumn}) {
      b.box({x, y0 + 0.5 * height, z}, {kColumn, height, kColumn}, kColumnMat);
      const double inward = z < h.centre.z ? 1.0 : -1.0;
      b.box({x, y0 + height - 0.8, z + inward * 0.7}, {0.8, 0.12, 0.4}, kLamp);
    }
  }
}

} // namespace

CourseScene CourseScene::build(const Scenario& s) {
  CourseScene c;
  core::MeshDesc box;
  box.kind = core::MeshKind::Box;
  box.size = glm::vec3(1.0f);
  box.debugName = "course.box";
  c.mMeshes.push_back(box);
  c.mMaterials.resize(kMaterialCount);
  c.mMaterials[kConcrete0] = material({0.50f, 0.50f, 0.48f}, 0.95f, 0.0f, "hall.floor");
  c.mMaterials[kConcrete1] = material({0.55f, 0.55f, 0.52f}, 0.95f, 0.0f, "hall.floor");
  c.mMaterials[kConcrete2] = material({0.47f, 0.48f, 0.47f}, 0.95f, 0.0f, "hall.floor");
  c.mMaterials[kConcrete3] = material({0.58f, 0.57f, 0.54f}, 0.95f, 0.0f, "hall.floor");
  c.mMaterials[kWall] = material({0.62f, 0.64f, 0.66f}, 0.9f, 0.0f, "hall.wall");
  c.mMaterials[kColumnMat] = material({0.25f, 0.3f, 0.38f}, 0.6f, 0.5f, "hall.column");
  c.mMaterials[kWindow] = material({0.65f, 0.82f, 0.95f}, 0.1f, 0.0f, "hall.window");
  c.mMaterials[kLamp] = material({1.0f, 0.98f, 0.9f}, 0.3f, 0.0f, "hall.lamp");
  c.mMaterials[kPaintWhite] = material({0.92f, 0.92f, 0.9f}, 0.7f, 0.0f, "paint.white");
  c.mMaterials[kPaintYellow] = material({0.95f, 0.78f, 0.05f}, 0.7f, 0.0f, "paint.yellow");
  c.mMaterials[kPaintRed] = material({0.85f, 0.1f, 0.08f}, 0.7f, 0.0f, "paint.red");
  c.mMaterials[kPaintBase] = material({0.95f, 0.55f, 0.05f}, 0.7f, 0.0f, "paint.base");

  const double floorY = s.course.hall ? s.course.hall->centre.y : 0.0;
  Builder b(c.mInstances, floorY);
  if (s.course.hall) {
    buildHall(b, *s.course.hall);
    // Painted bases under bodies standing on the floor with one of base_tags.
    for (const sim::BodySpec& body : s.simulation.bodies) {
      const bool tagged = std::any_of(body.tags.begin(), body.tags.end(), [&](const auto& t) {
        const auto& tags = s.course.hall->baseTags;
        return std::find(tags.begin(), tags.end(), t) != tags.end();
      });
      const double bottom = body.position.y - 0.5 * body.shape.size.y;
      if (!tagged || std::abs(bottom - floorY) > 0.05) {
        continue;
      }
      const double side = std::max(body.shape.size.x, body.shape.size.z) + 0.3;
      b.box({body.position.x, floorY + kPaintTop - 0.5 * kPaintThickness, body.position.z},
            {side, kPaintThickness, side}, kPaintBase);
    }
  }
  for (const sim::ZoneSpec& z : s.simulation.zones) {
    const ZonePaint* p = s.course.paintOf(z.name);
    if (p == nullptr || p->marking == ZoneMarking::None) {
      continue;
    }
    const glm::dvec2 centre(z.center.x, z.center.z);
    const bool cylinder = z.shape == sim::ZoneSpec::Shape::Cylinder;
    const glm::dvec2 half =
        cylinder ? glm::dvec2(z.radius) : glm::dvec2(z.halfExtents.x, z.halfExtents.z);
    const std::uint32_t lineColour = p->marking == ZoneMarking::Hatched ? kPaintRed : kPaintWhite;
    // Points in the zone's own axes (offsets from its centre), painted turned with a box zone's
    // yaw; a circle (yaw 0) is painted at the offsets as they are.
    auto at = [&](double lx, double lz) { return z.planPoint({lx, lz}); };
    auto outline = [&](double width, std::uint32_t mat) {
      b.paint(at(-half.x, -half.y), at(half.x, -half.y), width, mat);
      b.paint(at(-half.x, half.y), at(half.x, half.y), width, mat);
      b.paint(at(-half.x, -half.y), at(-half.x, half.y), width, mat);
      b.paint(at(half.x, -half.y), at(half.x, half.y), width, mat);
    };
    switch (p->marking) {
    case ZoneMarking::None: break;
    case ZoneMarking::Ring:
    case ZoneMarking::Hatched:
      if (cylinder) {
        b.ring(centre, z.radius, lineColour);
      } else {
        outline(kLineWidth, lineColour);
      }
      if (p->marking == ZoneMarking::Hatched) {
        // Chords along the zone's x every 0.25 m, inside the circle or the box.
        for (double dz = -half.y + 0.125; dz < half.y; dz += 0.25) {
          const double dx =
              cylinder ? std::sqrt(std::max(0.0, z.radius * z.radius - dz * dz)) : half.x;
          b.paint(at(-dx, dz), at(dx, dz), 0.06, kPaintRed);
        }
      }
      break;
    case ZoneMarking::Walkway: {
      // Edge stripes along the long sides, crosswise stripes every 1.5 m between them.
      const bool alongX = half.x >= half.y;
      if (alongX) {
        for (double e : {-1.0, 1.0}) {
          const double zz = e * (half.y - 0.5 * kStripeWidth);
          b.paint(at(-half.x, zz), at(half.x, zz), kStripeWidth, kPaintYellow);
        }
        for (double x = -half.x + 0.75; x < half.x; x += 1.5) {
          b.paint(at(x, -half.y + kStripeWidth), at(x, half.y - kStripeWidth), 0.3, kPaintYellow);
        }
      } else {
        for (double e : {-1.0, 1.0}) {
          const double xx = e * (half.x - 0.5 * kStripeWidth);
          b.paint(at(xx, -half.y), at(xx, half.y), kStripeWidth, kPaintYellow);
        }
        for (double zz = -half.y + 0.75; zz < half.y; zz += 1.5) {
          b.paint(at(-half.x + kStripeWidth, zz), at(half.x - kStripeWidth, zz), 0.3, kPaintYellow);
        }
      }
      break;
    }
    }
    if (!p->label.empty()) {
      const double height = cylinder ? 0.75 * z.radius : 0.75 * std::min(half.x, half.y);
      b.label(centre, p->label, height, lineColour);
    }
  }
  return c;
}

void CourseScene::append(core::SceneView& view) const {
  const auto meshBase = static_cast<std::uint32_t>(view.meshes.size());
  const auto materialBase = static_cast<std::uint32_t>(view.materials.size());
  view.meshes.insert(view.meshes.end(), mMeshes.begin(), mMeshes.end());
  view.materials.insert(view.materials.end(), mMaterials.begin(), mMaterials.end());
  view.instances.reserve(view.instances.size() + mInstances.size());
  for (core::Instance i : mInstances) {
    i.mesh = core::MeshId(meshBase + i.mesh.index());
    i.material = core::MaterialId(materialBase + i.material.index());
    view.instances.push_back(i);
  }
}

} // namespace skillsim::scenario
