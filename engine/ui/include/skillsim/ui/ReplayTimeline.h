#pragma once

#include "skillsim/ui/I18n.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::ui {

/** What a mark on the replay timeline stands for (its colour). */
enum class ReplayMarkKind {
  Deduction, ///< Red.
  Veto,      ///< Red, taller.
  Phase,     ///< A rubric phase starting or ending (blue).
};

/** One mark: where (s from the attempt's start) and the plain words shown when hovered. */
struct ReplayMark {
  ReplayMarkKind kind = ReplayMarkKind::Deduction;
  double time = 0.0; ///< s
  std::string text;  ///< Already in the user's language (messages::deductionText etc.).
};

/** The replay speeds offered, times real time (issue 17 point 2). */
inline constexpr std::array<double, 6> kReplaySpeeds{0.25, 0.5, 1.0, 2.0, 4.0, 8.0};

/** What the timeline panel shows this frame. */
struct ReplayTimelineModel {
  double length = 0.0;    ///< s: the attempt's length (the bar's span), > 0.
  double position = 0.0;  ///< s: the state shown.
  std::uint64_t tick = 0; ///< The state shown, in simulation ticks.
  bool playing = false;
  double speed = 1.0; ///< One of kReplaySpeeds.
  std::size_t keyframesReady = 0;
  std::size_t keyframesTotal = 0;
  std::vector<ReplayMark> marks;
  /**
   * The views offered, in the user's language: the scenario's cameras in their declared order,
   * then the free camera (last). Empty: no camera choice is drawn.
   */
  std::vector<std::string> cameras;
  std::size_t camera = 0; ///< Index into `cameras` of the view shown.
  /** Offer "Take over" (a new practice attempt from the state shown, docs/replay.md). */
  bool canTakeOver = true;
};

/** What the user asked for on the timeline this frame. */
struct ReplayTimelineActions {
  std::optional<double> seekTo; ///< s: a click on the bar or on a mark.
  bool togglePlay = false;
  bool stepTick = false;             ///< Step one tick forward (pauses).
  std::optional<double> speed;       ///< A new speed from kReplaySpeeds.
  std::optional<std::size_t> camera; ///< A new index into ReplayTimelineModel::cameras.
  bool takeOver = false;             ///< "Take over" was pressed.
};

/**
 * The timeline panel along the bottom of the window: play/pause, one-tick step, the speed
 * choice, the time and tick shown, and a bar for the attempt with its marks; hovering a mark
 * shows its text, clicking the bar seeks. Under the bar: "Take over" and the camera choice. Text
 * from the `replay.*` keys of `text`. Needs a current ImGui frame (between ImGuiLayer::beginFrame
 * and endFrame).
 */
ReplayTimelineActions drawReplayTimeline(const ReplayTimelineModel& model, const I18n& text);

/** The panel's height in pixels (the 3D view shows above it). */
inline constexpr float kReplayTimelineHeight = 120.0f;

} // namespace skillsim::ui
