#include <skillsim/core/Check.h>
#include <skillsim/render/MeshData.h>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace skillsim;
using namespace skillsim::render;

namespace {

// Signed volume by the divergence theorem: positive only when every face winds counter-clockwise
// seen from outside (the front-face convention the pipelines cull with).
double signedVolume(const MeshData& mesh) {
  double volume = 0.0;
  for (std::size_t i = 0; i < mesh.indices.size(); i += 3) {
    const glm::dvec3 a = mesh.vertices[mesh.indices[i]].position;
    const glm::dvec3 b = mesh.vertices[mesh.indices[i + 1]].position;
    const glm::dvec3 c = mesh.vertices[mesh.indices[i + 2]].position;
    volume += glm::dot(a, glm::cross(b, c)) / 6.0;
  }
  return volume;
}

void expectUnitNormalsPointingOut(const MeshData& mesh) {
  for (const Vertex& v : mesh.vertices) {
    EXPECT_NEAR(glm::length(v.normal), 1.0f, 1e-4f);
  }
  // Each triangle's geometric normal agrees with its vertices' normals.
  for (std::size_t i = 0; i < mesh.indices.size(); i += 3) {
    const Vertex& a = mesh.vertices[mesh.indices[i]];
    const Vertex& b = mesh.vertices[mesh.indices[i + 1]];
    const Vertex& c = mesh.vertices[mesh.indices[i + 2]];
    const glm::vec3 n = glm::cross(b.position - a.position, c.position - a.position);
    if (glm::length(n) < 1e-9f) {
      continue; // degenerate triangles at a pole
    }
    EXPECT_GT(glm::dot(n, a.normal + b.normal + c.normal), 0.0f) << "triangle " << i / 3;
  }
}

constexpr double kPi = std::numbers::pi;

} // namespace

TEST(MeshData, BoxHasItsVolumeAndOutwardFaces) {
  const MeshData box = makeBox({2.0f, 3.0f, 4.0f});
  EXPECT_EQ(box.vertices.size(), 24u);
  EXPECT_EQ(box.triangleCount(), 12u);
  EXPECT_NEAR(signedVolume(box), 24.0, 1e-4);
  EXPECT_EQ(box.boundsMin, glm::vec3(-1.0f, -1.5f, -2.0f));
  EXPECT_EQ(box.boundsMax, glm::vec3(1.0f, 1.5f, 2.0f));
  expectUnitNormalsPointingOut(box);
}

TEST(MeshData, CylinderVolumeApproachesPiR2H) {
  const MeshData coarse = makeCylinder(2.0f, 3.0f, 8);
  const MeshData fine = makeCylinder(2.0f, 3.0f, 128);
  const double exact = kPi * 1.0 * 3.0;
  EXPECT_LT(std::abs(signedVolume(fine) - exact), std::abs(signedVolume(coarse) - exact));
  EXPECT_NEAR(signedVolume(fine), exact, exact * 0.002);
  expectUnitNormalsPointingOut(fine);
  EXPECT_NEAR(fine.boundsMax.y, 1.5f, 1e-6f);
}

TEST(MeshData, SphereAndCapsuleVolumes) {
  const MeshData sphere = makeSphere(2.0f, 96);
  EXPECT_NEAR(signedVolume(sphere), 4.0 / 3.0 * kPi, 0.01 * 4.0 / 3.0 * kPi);
  expectUnitNormalsPointingOut(sphere);
  const MeshData capsule = makeCapsule(1.0f, 3.0f, 96); // r 0.5, cylinder part 2 m
  const double exact = kPi * 0.25 * 2.0 + 4.0 / 3.0 * kPi * 0.125;
  EXPECT_NEAR(signedVolume(capsule), exact, exact * 0.01);
  EXPECT_NEAR(capsule.boundsMax.y, 1.5f, 1e-5f);
  expectUnitNormalsPointingOut(capsule);
}

TEST(MeshData, PlaneIsGriddedAndFacesUp) {
  const MeshData plane = makePlane(10.0f, 6.0f, 4);
  EXPECT_EQ(plane.vertices.size(), 25u);
  EXPECT_EQ(plane.triangleCount(), 32u);
  for (std::size_t i = 0; i < plane.indices.size(); i += 3) {
    const glm::vec3 a = plane.vertices[plane.indices[i]].position;
    const glm::vec3 b = plane.vertices[plane.indices[i + 1]].position;
    const glm::vec3 c = plane.vertices[plane.indices[i + 2]].position;
    EXPECT_GT(glm::cross(b - a, c - a).y, 0.0f) << "counter-clockwise from above";
  }
  EXPECT_EQ(plane.boundsMin, glm::vec3(-5.0f, 0.0f, -3.0f));
}

TEST(MeshData, ProceduralMeshFollowsTheDesc) {
  EXPECT_EQ(
      makeProceduralMesh({.kind = core::MeshKind::Box, .size = glm::vec3(1.0f)}).triangleCount(),
      12u);
  EXPECT_EQ(makeProceduralMesh(
                {.kind = core::MeshKind::Plane, .size = {1.0f, 0.0f, 1.0f}, .subdivisions = 3})
                .triangleCount(),
            18u);
  EXPECT_THROW((void)makeProceduralMesh({.kind = core::MeshKind::Gltf}), core::ContractViolation);
}
