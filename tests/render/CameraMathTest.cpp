#include <skillsim/render/CameraMath.h>

#include <gtest/gtest.h>

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
