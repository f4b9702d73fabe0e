#pragma once

#include "skillsim/ui/HudModel.h"
#include "skillsim/ui/I18n.h"
#include "skillsim/ui/ScreenRect.h"

namespace skillsim::ui {

/** Where the HUD's panels sit on a display of the given size (pixels). */
struct HudLayout {
  ScreenRect timer;      ///< Top centre: mode, time, target time, score.
  ScreenRect deductions; ///< Top right: live deductions and vetoes (at most this tall: the
                         ///< panel is sized to its entries and scrolls beyond).
  ScreenRect task;       ///< Top left: task steps and hint (practice only).
  ScreenRect readout;    ///< Bottom left: controller notches, load height, swing, view.
  ScreenRect session;    ///< Bottom right: pause / resume / restart (practice only).
};

/** The HUD's layout for a display `width` x `height` pixels (both > 0). */
[[nodiscard]] HudLayout hudLayout(float width, float height);

/**
 * Draws the HUD into the current ImGui frame (between ImGui::NewFrame and ImGui::Render; without
 * a current ImGui context it is a contract violation) and returns what the trainee clicked.
 * Task steps, hints, pause and restart appear in practice mode only; in an exam the HUD shows
 * time, score, deductions and the readouts.
 */
HudActions drawHud(const HudModel& model, const I18n& text);

} // namespace skillsim::ui
