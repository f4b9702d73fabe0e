#include <skillsim/render/CameraMath.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace skillsim;
using namespace skillsim::render;

TEST(CameraMath, TargetProjectsToTheImageCentre) {
  core::Camera camera{.position = {3.0f, 4.0f, 5.0f}, .target = {-1.0f, 0.5f, 2.0f}};
  const auto p = projectToPixel(camera, 640, 480, camera.target);
  ASSERT_TRUE(p);
  EXPECT_NEAR(p->x, 320.0f, 1e-3f);
  EXPECT_NEAR(p->y, 240.0f, 1e-3f);
}

TEST(CameraMath, UpIsUpAndRightIsRightOnScreen) {
  core::Camera camera{.position = {0.0f, 0.0f, 10.0f}, .target = {0.0f, 0.0f, 0.0f}};
  const auto above = projectToPixel(camera, 100, 100, {0.0f, 1.0f, 0.0f});
  const auto right = projectToPixel(camera, 100, 100, {1.0f, 0.0f, 0.0f});
  ASSERT_TRUE(above && right);
  EXPECT_LT(above->y, 50.0f) << "world +Y must be towards the top row (y down in pixels)";
  EXPECT_GT(right->x, 50.0f);
  // 60 degree vertical field of view: a point at tan(30 deg) * distance is at the top edge.
  const auto edge = projectToPixel(camera, 100, 100, {0.0f, 10.0f * std::tan(0.5236f), 0.0f});
  ASSERT_TRUE(edge);
  EXPECT_NEAR(edge->y, 0.0f, 0.05f);
}

TEST(CameraMath, DepthRunsFromZeroAtNearToOneAtFar) {
  core::Camera camera{.position = {0.0f, 0.0f, 0.0f},
                      .target = {0.0f, 0.0f, -1.0f},
                      .nearPlane = 0.5f,
                      .farPlane = 100.0f};
  const glm::mat4 m = projectionMatrix(camera, 1.0f) * viewMatrix(camera);
  const glm::vec4 nearPoint = m * glm::vec4(0.0f, 0.0f, -0.5f, 1.0f);
  const glm::vec4 farPoint = m * glm::vec4(0.0f, 0.0f, -100.0f, 1.0f);
  EXPECT_NEAR(nearPoint.z / nearPoint.w, 0.0f, 1e-5f);
  EXPECT_NEAR(farPoint.z / farPoint.w, 1.0f, 1e-5f);
}

TEST(CameraMath, PointBehindTheCameraHasNoPixel) {
  core::Camera camera{.position = {0.0f, 0.0f, 0.0f}, .target = {0.0f, 0.0f, -1.0f}};
  EXPECT_FALSE(projectToPixel(camera, 10, 10, {0.0f, 0.0f, 5.0f}));
}

// A fixed camera straight above its target with the default up (+Y) has no roll from lookAt:
// it must still see the ground (Q2's overview camera is such a camera), north (-Z) up on screen.
TEST(CameraMath, StraightDownWithTheDefaultUpStillSees) {
  core::Camera camera{.position = {15.0f, 28.0f, 10.0f}, .target = {15.0f, 0.0f, 10.0f}};
  const glm::mat4 view = viewMatrix(camera);
  for (int c = 0; c < 4; ++c) {
    for (int r = 0; r < 4; ++r) {
      EXPECT_TRUE(std::isfinite(view[c][r])) << "view[" << c << "][" << r << "]";
    }
  }
  const auto centre = projectToPixel(camera, 320, 240, camera.target);
  const auto north = projectToPixel(camera, 320, 240, {15.0f, 0.0f, 5.0f});
  const auto east = projectToPixel(camera, 320, 240, {20.0f, 0.0f, 10.0f});
  ASSERT_TRUE(centre && north && east);
  EXPECT_NEAR(centre->x, 160.0f, 1e-3f);
  EXPECT_NEAR(centre->y, 120.0f, 1e-3f);
  EXPECT_LT(north->y, 120.0f) << "-Z towards the top row";
  EXPECT_NEAR(north->x, 160.0f, 1e-3f);
  EXPECT_GT(east->x, 160.0f) << "+X to the right, as on a map with north up";
  // Straight along Z with up = Z: +Y up instead.
  core::Camera level{
      .position = {0.0f, 0.0f, 10.0f}, .target = {0.0f, 0.0f, 0.0f}, .up = {0.0f, 0.0f, 1.0f}};
  const auto above = projectToPixel(level, 100, 100, {0.0f, 1.0f, 0.0f});
  ASSERT_TRUE(above);
  EXPECT_LT(above->y, 50.0f);
}
