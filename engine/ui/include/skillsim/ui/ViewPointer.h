#pragma once

namespace skillsim::ui {

/**
 * What the mouse did over the 3D view in one frame (not over a HUD panel, which keeps its own
 * clicks): for turning and zooming an orbit camera. Display only, never recorded in a trace.
 */
struct ViewPointer {
  double dragX = 0.0; ///< Pixels moved right while the left button was held over the view.
  double dragY = 0.0; ///< Pixels moved down while the left button was held over the view.
  double wheel = 0.0; ///< Wheel notches turned, + away from the user (zoom in).
};

/**
 * This frame's pointer over the 3D view, from the current ImGui frame's input (call between
 * ImGuiLayer::beginFrame and endFrame, after the HUD and panels are drawn so that a panel under
 * the mouse takes it): zero while ImGui wants the mouse (a panel is hovered or being dragged).
 */
[[nodiscard]] ViewPointer viewPointer();

} // namespace skillsim::ui
