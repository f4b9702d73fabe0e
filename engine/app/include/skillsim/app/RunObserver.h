#pragma once

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/scenario/AttemptRunner.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace skillsim::platform {
class Window;
}

namespace skillsim::app {

class InstructorCommandSource;

/**
 * What a caller of runCli (a test) sees of every attempt `skillsim run` steps, windowed or
 * headless, through the one stepper: each tick (scenario::TickObserver, after the step) and the
 * result once the attempt ends. Both empty: nothing is called.
 */
struct RunObserver {
  scenario::TickObserver onTick;
  std::function<void(const assessment::AttemptResult& result)> onResult;
  /**
   * The workstation's window at the start of every frame, before its events are read, in an
   * attempt and on the start screen (tests deliver key, gamepad and mouse events here with
   * platform::simulateKeyEvent, simulateGamepad, simulateMouseButtonEvent). Not called headless.
   */
  std::function<void(platform::Window& window)> onFrame;
  /**
   * Headless replay: stands in for "stderr is a terminal" in deciding whether the progress bar
   * is drawn (on `err`, whatever stream that is); nullopt: the real test (isatty on stderr).
   */
  std::optional<bool> progressTerminal;
  /**
   * Headless replay: the clock that decides when a long replay starts showing progress (after
   * 2 s); empty: std::chrono::steady_clock. Tests step it, so no test depends on real time.
   */
  std::function<std::chrono::steady_clock::time_point()> clock;
  /**
   * The session window's renderer runs the Khronos validation layer even in a Release build
   * (window tests count its messages); false: render::Validation::Automatic.
   */
  bool validation = false;
  /**
   * Workstation: the instructor's commands come from here instead of the seat's publisher (the
   * test seam that feeds commands at given ticks, app::ScriptedInstructor); null: the
   * publisher's, when the store is PostgreSQL.
   */
  std::shared_ptr<InstructorCommandSource> instructor;
};

} // namespace skillsim::app
