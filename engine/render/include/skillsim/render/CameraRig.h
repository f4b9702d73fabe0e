#pragma once

#include <skillsim/core/SceneView.h>

#include <glm/glm.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace skillsim::render {

/** The named views a trainee switches between at run time. */
enum class CameraView : std::uint8_t {
  OperatorCab, ///< From the operator's seat: eye at the cab, looking at the work point.
  Overhead,    ///< Straight down (slightly tilted to keep `up` defined) onto the work area.
  FreeOrbit,   ///< Orbit around a focus point: yaw, pitch, distance set by the user.
  FollowBody,  ///< Behind and above a moving body, looking at it.
};

/** All views in switching order (the "next camera" key cycles through this). */
inline constexpr std::array<CameraView, 4> kCameraViews = {
    CameraView::OperatorCab, CameraView::Overhead, CameraView::FreeOrbit, CameraView::FollowBody};

/** The view's name as scenario files and the command line spell it: "operator_cab", ... */
[[nodiscard]] std::string_view toString(CameraView view);

/** The view named `name` ("operator_cab", "overhead", "free_orbit", "follow"), if any. */
[[nodiscard]] std::optional<CameraView> parseCameraView(std::string_view name);

/**
 * Holds the parameters of every named view and turns the current one into a core::Camera.
 * Plain maths, no GPU: the app moves it with input and copies camera() into the SceneView.
 */
class CameraRig {
public:
  /** Operator cab: eye position and the point looked at (m, world). */
  void setOperatorCab(glm::vec3 eye, glm::vec3 lookAt);
  /** Overhead: the centre of the work area (m) and the eye height above it (m, > 0). */
  void setOverhead(glm::vec3 centre, float height);
  /** Free orbit: focus point (m); yaw about +Y from +Z (rad); pitch above the horizon (rad,
   * clamped to +-1.5); distance from the focus (m, clamped to >= 0.5). */
  void setOrbit(glm::vec3 focus, float yaw, float pitch, float distance);
  /** Free orbit: adds to yaw and pitch (rad) and scales the distance by `zoomFactor` (> 0). */
  void orbitBy(float deltaYaw, float deltaPitch, float zoomFactor = 1.0f);
  /** Follow: the offset from the body to the eye in the body's frame (m); default (0, 3, 8). */
  void setFollowOffset(glm::vec3 offsetInBodyFrame);
  /** Follow: the body's current model-to-world transform (position and orientation). */
  void setFollowedBody(const glm::mat4& bodyTransform);

  /** Switches the active view. */
  void select(CameraView view) { mView = view; }
  /** Switches to the next view in kCameraViews order, wrapping around. */
  void selectNext();
  [[nodiscard]] CameraView selected() const { return mView; }

  /** Lens settings shared by all views. */
  void setLens(float verticalFovRadians, float nearPlane, float farPlane);

  /** The camera of the selected view. */
  [[nodiscard]] core::Camera camera() const;
  /** The camera of `view`, whichever is selected. */
  [[nodiscard]] core::Camera camera(CameraView view) const;

private:
  CameraView mView = CameraView::OperatorCab;
  glm::vec3 mCabEye{0.0f, 6.0f, 8.0f};
  glm::vec3 mCabTarget{0.0f};
  glm::vec3 mOverheadCentre{0.0f};
  float mOverheadHeight = 25.0f;
  glm::vec3 mOrbitFocus{0.0f};
  float mOrbitYaw = 0.6f;
  float mOrbitPitch = 0.5f;
  float mOrbitDistance = 15.0f;
  glm::vec3 mFollowOffset{0.0f, 3.0f, 8.0f};
  glm::mat4 mFollowBody{1.0f};
  float mFov = 1.0471976f;
  float mNear = 0.05f;
  float mFar = 500.0f;
};

} // namespace skillsim::render
