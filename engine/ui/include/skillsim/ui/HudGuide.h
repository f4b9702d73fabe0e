#pragma once

#include "skillsim/ui/ControlsCard.h"
#include "skillsim/ui/I18n.h"
#include "skillsim/ui/Language.h"
#include "skillsim/ui/TaskClock.h"

#include <skillsim/platform/InputMapper.h>
#include <skillsim/sim/Machine.h>
#include <skillsim/sim/SimEvent.h>
#include <skillsim/sim/SimulationSpec.h>

#include <deque>
#include <span>
#include <string>
#include <vector>

namespace skillsim::ui {

/**
 * A machine event's toast text: its EventFeedback template in `language`, values filled in, their
 * unit in the words of `units` (the UI table of that language, formatQuantity) when given, else
 * as SI symbols.
 */
[[nodiscard]] std::string toastText(const sim::EventFeedback& feedback, const sim::SimEvent& event,
                                    Language language, const I18n* units = nullptr);

/** One toast on the HUD: its text and when it appeared (s, simulation time). */
struct Toast {
  std::string text;
  double shownAt = 0.0;
};

/**
 * The short messages the HUD shows for a few seconds after a machine event that declares
 * feedback (sim::EventDecl::feedback: a signal, a load engaged or let go, a refusal), and the
 * sounds to play for them. Times are simulation seconds, so a paused attempt keeps its toasts.
 */
class ToastQueue {
public:
  static constexpr double kShownFor = 3.0; ///< s a toast stays.
  static constexpr std::size_t kMaxShown = 4;

  /**
   * Adds a toast for each of `events` that `machine` declares with a toast text, and returns the
   * cues of those that declare a sound, in event order. Drops toasts older than kShownFor.
   * `units`: the UI table the values' units are worded from (toastText).
   */
  std::vector<sim::FeedbackCue> add(const sim::MachineDecl& machine,
                                    std::span<const sim::SimEvent> events, double now,
                                    Language language, const I18n* units = nullptr);
  /** The toasts shown at `now`, oldest first (at most kMaxShown). */
  [[nodiscard]] std::vector<std::string> shown(double now) const;

private:
  std::deque<Toast> mToasts;
};

/** What the guide panels show this frame, beside the HUD (drawHud). */
struct HudGuideModel {
  ClockReading clock;
  std::vector<std::string> toasts;
  bool showCard = false;
  ControlsCard card;
};

/** What the trainee asked for through the guide panels. */
struct HudGuideActions {
  bool toggleCard = false; ///< The "Controls" button, or the card's Close button.
};

/**
 * The clock warning banner under the timer (amber at T, red 10 s before 1.5 T with the time of
 * the stop), the toasts, a "Controls (F1)" button and, when open, the controls card below the
 * banner (centred, from y = 200 px, at most 640 x 480 px). Needs a current ImGui frame.
 */
HudGuideActions drawHudGuide(const HudGuideModel& model, const I18n& text);

/** The text keys the guidance panels use (sections guide, card, pad); see requiredTextKeys(). */
[[nodiscard]] std::span<const std::string_view> guideTextKeys();

/**
 * A gamepad change in the UI language ("device.<kind>" templates with {name} and {slot}), e.g.
 * "未检测到手柄（手柄槽 0）；键盘仍可使用。".
 */
[[nodiscard]] std::string deviceStatusText(const platform::DeviceStatus& status, const I18n& text);

/**
 * The cameras' names as the trainee reads them, in `cameras` order: each one's kind in the UI
 * language ("camera.<kind>": operator's cab, overhead, fixed, orbit, follow), numbered "2", "3"
 * … when a kind comes more than once. A camera's file name (an id) is never shown.
 */
[[nodiscard]] std::vector<std::string> cameraLabels(std::span<const sim::CameraSpec> cameras,
                                                    const I18n& text);

/** The banner's text for a warning ("" for None), as drawHudGuide shows it. */
[[nodiscard]] std::string clockWarningText(const ClockReading& clock, const I18n& text);

} // namespace skillsim::ui
