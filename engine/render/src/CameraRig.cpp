#include "skillsim/render/CameraRig.h"

#include <algorithm>
#include <cmath>

namespace skillsim::render {

std::string_view toString(CameraView view) {
  switch (view) {
  case CameraView::OperatorCab: return "operator_cab";
  case CameraView::Overhead: return "overhead";
  case CameraView::FreeOrbit: return "free_orbit";
  case CameraView::FollowBody: return "follow";
  }
  return "operator_cab";
}

std::optional<CameraView> parseCameraView(std::string_view name) {
  for (CameraView view : kCameraViews) {
    if (toString(view) == name) {
      return view;
    }
  }
  return std::nullopt;
}

void CameraRig::setOperatorCab(glm::vec3 eye, glm::vec3 lookAt) {
  mCabEye = eye;
  mCabTarget = lookAt;
}

void CameraRig::setOverhead(glm::vec3 centre, float height) {
  mOverheadCentre = centre;
  mOverheadHeight = std::max(0.1f, height);
}

void CameraRig::setOrbit(glm::vec3 focus, float yaw, float pitch, float distance) {
  mOrbitFocus = focus;
  mOrbitYaw = yaw;
  mOrbitPitch = std::clamp(pitch, -1.5f, 1.5f);
  mOrbitDistance = std::max(0.5f, distance);
}

void CameraRig::orbitBy(float deltaYaw, float deltaPitch, float zoomFactor) {
  setOrbit(mOrbitFocus, mOrbitYaw + deltaYaw, mOrbitPitch + deltaPitch,
           mOrbitDistance * (zoomFactor > 0.0f ? zoomFactor : 1.0f));
}

void CameraRig::setFollowOffset(glm::vec3 offsetInBodyFrame) { mFollowOffset = offsetInBodyFrame; }

void CameraRig::setFollowedBody(const glm::mat4& bodyTransform) { mFollowBody = bodyTransform; }

void CameraRig::selectNext() {
  const auto index = static_cast<std::size_t>(mView);
  mView = kCameraViews[(index + 1) % kCameraViews.size()];
}

void CameraRig::setLens(float verticalFovRadians, float nearPlane, float farPlane) {
  mFov = verticalFovRadians;
  mNear = nearPlane;
  mFar = farPlane;
}

core::Camera CameraRig::camera() const { return camera(mView); }

core::Camera CameraRig::camera(CameraView view) const {
  core::Camera cam;
  cam.verticalFovRadians = mFov;
  cam.nearPlane = mNear;
  cam.farPlane = mFar;
  switch (view) {
  case CameraView::OperatorCab:
    cam.position = mCabEye;
    cam.target = mCabTarget;
    break;
  case CameraView::Overhead:
    // Looking straight down makes `up` parallel to the view direction; -Z is "up" on screen.
    cam.position = mOverheadCentre + glm::vec3(0.0f, mOverheadHeight, 0.0f);
    cam.target = mOverheadCentre;
    cam.up = glm::vec3(0.0f, 0.0f, -1.0f);
    break;
  case CameraView::FreeOrbit: {
    const float c = std::cos(mOrbitPitch);
    const glm::vec3 direction{c * std::sin(mOrbitYaw), std::sin(mOrbitPitch),
                              c * std::cos(mOrbitYaw)};
    cam.position = mOrbitFocus + direction * mOrbitDistance;
    cam.target = mOrbitFocus;
    break;
  }
  case CameraView::FollowBody: {
    const glm::vec3 body = glm::vec3(mFollowBody[3]);
    cam.position = glm::vec3(mFollowBody * glm::vec4(mFollowOffset, 1.0f));
    cam.target = body;
    break;
  }
  }
  return cam;
}

} // namespace skillsim::render
