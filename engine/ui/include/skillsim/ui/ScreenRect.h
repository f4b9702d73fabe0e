#pragma once

namespace skillsim::ui {

/** An axis-aligned screen rectangle in pixels, origin top-left, +y down (ImGui's convention). */
struct ScreenRect {
  float x = 0.0f;
  float y = 0.0f;
  float width = 0.0f;
  float height = 0.0f;

  /** True when (px, py) lies inside, edges included. */
  [[nodiscard]] bool contains(float px, float py) const {
    return px >= x && px <= x + width && py >= y && py <= y + height;
  }

  friend bool operator==(const ScreenRect&, const ScreenRect&) = default;
};

} // namespace skillsim::ui
