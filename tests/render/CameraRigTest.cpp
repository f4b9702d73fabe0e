#include <skillsim/render/CameraRig.h>

#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

using namespace skillsim::render;

TEST(CameraRig, NamesRoundTripAndUnknownNamesAreRejected) {
  for (CameraView view : kCameraViews) {
    EXPECT_EQ(parseCameraView(toString(view)), view);
  }
  EXPECT_FALSE(parseCameraView("cockpit"));
}

TEST(CameraRig, SelectNextCyclesThroughEveryView) {
  CameraRig rig;
  EXPECT_EQ(rig.selected(), CameraView::OperatorCab);
  rig.selectNext();
  EXPECT_EQ(rig.selected(), CameraView::Overhead);
  rig.selectNext();
  rig.selectNext();
  EXPECT_EQ(rig.selected(), CameraView::FollowBody);
  rig.selectNext();
  EXPECT_EQ(rig.selected(), CameraView::OperatorCab);
}

TEST(CameraRig, OperatorCabLooksFromTheCabAtTheWorkPoint) {
  CameraRig rig;
  rig.setOperatorCab({1.0f, 9.0f, 2.0f}, {4.0f, 0.0f, -3.0f});
  const auto cam = rig.camera(CameraView::OperatorCab);
  EXPECT_EQ(cam.position, glm::vec3(1.0f, 9.0f, 2.0f));
  EXPECT_EQ(cam.target, glm::vec3(4.0f, 0.0f, -3.0f));
}

TEST(CameraRig, OverheadLooksStraightDownFromItsHeight) {
  CameraRig rig;
  rig.setOverhead({2.0f, 0.0f, 3.0f}, 30.0f);
  rig.select(CameraView::Overhead);
  const auto cam = rig.camera();
  EXPECT_EQ(cam.position, glm::vec3(2.0f, 30.0f, 3.0f));
  EXPECT_EQ(cam.target, glm::vec3(2.0f, 0.0f, 3.0f));
  // `up` must not be parallel to the view direction (lookAt would be undefined).
  EXPECT_NEAR(glm::dot(glm::normalize(cam.up), glm::vec3(0.0f, -1.0f, 0.0f)), 0.0f, 1e-6f);
}

TEST(CameraRig, OrbitKeepsItsDistanceAndClampsPitch) {
  CameraRig rig;
  rig.setOrbit({1.0f, 2.0f, 3.0f}, 0.3f, 0.4f, 12.0f);
  for (int i = 0; i < 10; ++i) {
    rig.orbitBy(0.5f, 0.3f);
    const auto cam = rig.camera(CameraView::FreeOrbit);
    EXPECT_NEAR(glm::length(cam.position - cam.target), 12.0f, 1e-4f);
    EXPECT_LE((cam.position - cam.target).y, 12.0f * std::sin(1.5f) + 1e-4f);
  }
  rig.orbitBy(0.0f, 0.0f, 0.01f);
  const auto close = rig.camera(CameraView::FreeOrbit);
  EXPECT_NEAR(glm::length(close.position - close.target), 0.5f, 1e-4f) << "distance clamp";
}

TEST(CameraRig, FollowStaysBehindTheBodyAsItTurns) {
  CameraRig rig;
  rig.setFollowOffset({0.0f, 2.0f, 6.0f});
  glm::mat4 body = glm::translate(glm::mat4(1.0f), {10.0f, 0.0f, 0.0f});
  body = glm::rotate(body, glm::radians(90.0f), {0.0f, 1.0f, 0.0f});
  rig.setFollowedBody(body);
  const auto cam = rig.camera(CameraView::FollowBody);
  EXPECT_EQ(cam.target, glm::vec3(10.0f, 0.0f, 0.0f));
  // The body's +Z now points along world +X: the eye is 6 m along +X, 2 m up.
  EXPECT_NEAR(cam.position.x, 16.0f, 1e-4f);
  EXPECT_NEAR(cam.position.y, 2.0f, 1e-4f);
  EXPECT_NEAR(cam.position.z, 0.0f, 1e-4f);
}
