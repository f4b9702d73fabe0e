#include "skillsim/render/MeshData.h"

#include <skillsim/core/Check.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace skillsim::render {
namespace {

constexpr float kPi = std::numbers::pi_v<float>;
constexpr std::uint32_t kDefaultSegments = 32;

// Appends a quad (a, b, c, d counter-clockwise seen from the side `normal` points to).
void addQuad(MeshData& mesh, glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 d, glm::vec3 normal) {
  const auto base = static_cast<std::uint32_t>(mesh.vertices.size());
  mesh.vertices.push_back({a, normal});
  mesh.vertices.push_back({b, normal});
  mesh.vertices.push_back({c, normal});
  mesh.vertices.push_back({d, normal});
  mesh.indices.insert(mesh.indices.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
}

// A surface of revolution about +Y: `profile` gives (radius, y, normal radial part, normal y)
// from bottom to top; rings of `segments` vertices joined by quads.
struct ProfilePoint {
  float radius;
  float y;
  float normalRadial;
  float normalY;
};

void addRevolution(MeshData& mesh, const std::vector<ProfilePoint>& profile,
                   std::uint32_t segments) {
  const auto base = static_cast<std::uint32_t>(mesh.vertices.size());
  for (const ProfilePoint& p : profile) {
    for (std::uint32_t s = 0; s <= segments; ++s) {
      const float angle = 2.0f * kPi * static_cast<float>(s) / static_cast<float>(segments);
      const float cx = std::sin(angle);
      const float cz = std::cos(angle);
      const glm::vec3 normal = glm::normalize(
          glm::vec3(cx * p.normalRadial, p.normalY, cz * p.normalRadial) + glm::vec3(0.0f));
      mesh.vertices.push_back({{cx * p.radius, p.y, cz * p.radius}, normal});
    }
  }
  const std::uint32_t ring = segments + 1;
  for (std::uint32_t r = 0; r + 1 < profile.size(); ++r) {
    for (std::uint32_t s = 0; s < segments; ++s) {
      const std::uint32_t a = base + r * ring + s;
      const std::uint32_t b = a + 1;
      const std::uint32_t c = a + ring + 1;
      const std::uint32_t d = a + ring;
      // Angle grows from +Z towards +X: seen from outside, (a, b, c) runs counter-clockwise.
      mesh.indices.insert(mesh.indices.end(), {a, b, c, a, c, d});
    }
  }
}

void addDisc(MeshData& mesh, float radius, float y, bool facingUp, std::uint32_t segments) {
  const auto centre = static_cast<std::uint32_t>(mesh.vertices.size());
  const glm::vec3 normal{0.0f, facingUp ? 1.0f : -1.0f, 0.0f};
  mesh.vertices.push_back({{0.0f, y, 0.0f}, normal});
  for (std::uint32_t s = 0; s <= segments; ++s) {
    const float angle = 2.0f * kPi * static_cast<float>(s) / static_cast<float>(segments);
    mesh.vertices.push_back({{std::sin(angle) * radius, y, std::cos(angle) * radius}, normal});
  }
  for (std::uint32_t s = 0; s < segments; ++s) {
    const std::uint32_t a = centre + 1 + s;
    if (facingUp) {
      mesh.indices.insert(mesh.indices.end(), {centre, a, a + 1});
    } else {
      mesh.indices.insert(mesh.indices.end(), {centre, a + 1, a});
    }
  }
}

// Hemisphere rings from the equator (exclusive when `skipEquator`) to the pole.
void appendHemisphere(std::vector<ProfilePoint>& profile, float radius, float centreY, bool top,
                      std::uint32_t rings) {
  for (std::uint32_t i = 0; i <= rings; ++i) {
    const float t = static_cast<float>(i) / static_cast<float>(rings);
    // Bottom: from the pole (-pi/2) up to the equator; top: from the equator to the pole.
    const float latitude = top ? t * kPi / 2.0f : -kPi / 2.0f + t * kPi / 2.0f;
    const float c = std::cos(latitude);
    const float s = std::sin(latitude);
    profile.push_back({radius * c, centreY + radius * s, c, s});
  }
}

// Fewer than 3 segments cannot make a round shape: 0, 1 (MeshDesc's default) and 2 mean "default".
std::uint32_t segmentsOr(std::uint32_t requested) {
  return requested < 3 ? kDefaultSegments : requested;
}

} // namespace

void MeshData::computeBounds() {
  if (vertices.empty()) {
    boundsMin = boundsMax = glm::vec3(0.0f);
    return;
  }
  boundsMin = boundsMax = vertices.front().position;
  for (const Vertex& v : vertices) {
    boundsMin = glm::min(boundsMin, v.position);
    boundsMax = glm::max(boundsMax, v.position);
  }
}

MeshData makeBox(glm::vec3 size) {
  const glm::vec3 h = size * 0.5f;
  MeshData mesh;
  // +X, -X, +Y, -Y, +Z, -Z faces, each counter-clockwise seen from outside.
  addQuad(mesh, {h.x, -h.y, h.z}, {h.x, -h.y, -h.z}, {h.x, h.y, -h.z}, {h.x, h.y, h.z}, {1, 0, 0});
  addQuad(mesh, {-h.x, -h.y, -h.z}, {-h.x, -h.y, h.z}, {-h.x, h.y, h.z}, {-h.x, h.y, -h.z},
          {-1, 0, 0});
  addQuad(mesh, {-h.x, h.y, h.z}, {h.x, h.y, h.z}, {h.x, h.y, -h.z}, {-h.x, h.y, -h.z}, {0, 1, 0});
  addQuad(mesh, {-h.x, -h.y, -h.z}, {h.x, -h.y, -h.z}, {h.x, -h.y, h.z}, {-h.x, -h.y, h.z},
          {0, -1, 0});
  addQuad(mesh, {-h.x, -h.y, h.z}, {h.x, -h.y, h.z}, {h.x, h.y, h.z}, {-h.x, h.y, h.z}, {0, 0, 1});
  addQuad(mesh, {h.x, -h.y, -h.z}, {-h.x, -h.y, -h.z}, {-h.x, h.y, -h.z}, {h.x, h.y, -h.z},
          {0, 0, -1});
  mesh.computeBounds();
  return mesh;
}

MeshData makeCylinder(float diameter, float height, std::uint32_t segments) {
  segments = segmentsOr(segments);
  const float r = diameter * 0.5f;
  const float h = height * 0.5f;
  MeshData mesh;
  addRevolution(mesh, {{r, -h, 1.0f, 0.0f}, {r, h, 1.0f, 0.0f}}, segments);
  addDisc(mesh, r, h, true, segments);
  addDisc(mesh, r, -h, false, segments);
  mesh.computeBounds();
  return mesh;
}

MeshData makeCapsule(float diameter, float height, std::uint32_t segments) {
  segments = segmentsOr(segments);
  const float r = diameter * 0.5f;
  const float halfCylinder = std::max(0.0f, height * 0.5f - r);
  const std::uint32_t rings = std::max<std::uint32_t>(2, segments / 4);
  std::vector<ProfilePoint> profile;
  appendHemisphere(profile, r, -halfCylinder, false, rings);
  appendHemisphere(profile, r, halfCylinder, true, rings);
  MeshData mesh;
  addRevolution(mesh, profile, segments);
  mesh.computeBounds();
  return mesh;
}

MeshData makeSphere(float diameter, std::uint32_t segments) {
  segments = segmentsOr(segments);
  const float r = diameter * 0.5f;
  const std::uint32_t rings = std::max<std::uint32_t>(2, segments / 2);
  std::vector<ProfilePoint> profile;
  for (std::uint32_t i = 0; i <= rings; ++i) {
    const float latitude = -kPi / 2.0f + kPi * static_cast<float>(i) / static_cast<float>(rings);
    profile.push_back(
        {r * std::cos(latitude), r * std::sin(latitude), std::cos(latitude), std::sin(latitude)});
  }
  MeshData mesh;
  addRevolution(mesh, profile, segments);
  mesh.computeBounds();
  return mesh;
}

MeshData makePlane(float width, float depth, std::uint32_t cells) {
  cells = std::max<std::uint32_t>(1, cells);
  MeshData mesh;
  const glm::vec3 up{0.0f, 1.0f, 0.0f};
  for (std::uint32_t z = 0; z <= cells; ++z) {
    for (std::uint32_t x = 0; x <= cells; ++x) {
      const float fx = static_cast<float>(x) / static_cast<float>(cells) - 0.5f;
      const float fz = static_cast<float>(z) / static_cast<float>(cells) - 0.5f;
      mesh.vertices.push_back({{fx * width, 0.0f, fz * depth}, up});
    }
  }
  const std::uint32_t row = cells + 1;
  for (std::uint32_t z = 0; z < cells; ++z) {
    for (std::uint32_t x = 0; x < cells; ++x) {
      const std::uint32_t a = z * row + x; // (x, z): -X -Z corner of the cell
      const std::uint32_t b = a + 1;
      const std::uint32_t c = a + row + 1;
      const std::uint32_t d = a + row;
      // Seen from above (+Y), a -> d -> c runs counter-clockwise.
      mesh.indices.insert(mesh.indices.end(), {a, d, c, a, c, b});
    }
  }
  mesh.computeBounds();
  return mesh;
}

MeshData makeProceduralMesh(const core::MeshDesc& desc) {
  switch (desc.kind) {
  case core::MeshKind::Box: return makeBox(desc.size);
  case core::MeshKind::Cylinder: return makeCylinder(desc.size.x, desc.size.y, desc.subdivisions);
  case core::MeshKind::Capsule: return makeCapsule(desc.size.x, desc.size.y, desc.subdivisions);
  case core::MeshKind::Sphere: return makeSphere(desc.size.x, desc.subdivisions);
  case core::MeshKind::Plane:
    return makePlane(desc.size.x, desc.size.z, desc.subdivisions == 0 ? 1 : desc.subdivisions);
  case core::MeshKind::Gltf: break;
  }
  SKILLSIM_CHECK(false, "makeProceduralMesh: '" + desc.debugName + "' is a glTF mesh");
}

} // namespace skillsim::render
