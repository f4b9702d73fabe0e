#pragma once

#include "RunCommand.h"

#include <skillsim/render/RendererOptions.h>
#include <skillsim/ui/Language.h>

#include <iosfwd>

namespace skillsim::platform {
class Window;
} // namespace skillsim::platform

namespace skillsim::scenario {
struct Scenario;
} // namespace skillsim::scenario

namespace skillsim::app {

class Session;

/**
 * The windowed trainee workstation for one scenario (`skillsim run SCENARIO --trainee ID`): a
 * GLFW window with the 3D course and the HUD, the keyboard and gamepad through the bindings
 * file, fixed simulation ticks (1 / tickRate s, paced by the display clock, which changes
 * nothing in the result), the trace recorded as the attempt runs, and the results screen at the
 * end; the attempt goes to the results store. Practice mode adds pause and restart (a restart
 * abandons the trace so far, marked so). With `--input TRACE` the recorded inputs drive the
 * machine instead of the devices (playback, 20 times real time; a new trace is recorded the same
 * way), the attempt ends with the trace (the trace-end rule, docs/attempt-loop.md), and the
 * window closes 1 s after the results appear. The attempt runs through scenario::AttemptRunner,
 * the same stepper as the headless replay. Returns kExitOk when the attempt ended and was stored.
 * This overload makes its own Session (`options.lang` already parsed into `language`).
 */
int runWorkstation(const RunOptions& options, ui::Language language, std::ostream& out,
                   std::ostream& err);

/**
 * One attempt at `attempt.scenario` by `attempt.trainee` in `attempt.mode` (with `attempt.input`:
 * playback) in the session's window (made on first use, kept for the session's later attempts);
 * the store, language, bindings and device options are the session's. Returns as above; the
 * window stays open (a start screen may follow).
 */
int runWorkstation(Session& session, const RunOptions& attempt, std::ostream& out,
                   std::ostream& err);

/**
 * The same with the scenario already loaded (`scenario`, e.g. the editor's unsaved text, validated;
 * `attempt.scenario` names its file for the assets): Try it in `skillsim edit`. With
 * `attempt.noStore` the attempt is not stored, whatever the session's options say.
 */
int runWorkstation(Session& session, const RunOptions& attempt, const scenario::Scenario& scenario,
                   std::ostream& out, std::ostream& err);

/**
 * Renderer options for drawing into `window` (its framebuffer size, surface and instance
 * extensions) with the device and render scale `options` asks for (`--gpu`, `--render-scale`),
 * capped at `frameCapHz` frames per second (Xvfb's FIFO does not throttle).
 */
[[nodiscard]] render::RendererOptions
windowRendererOptions(platform::Window& window, const RunOptions& options, double frameCapHz);

} // namespace skillsim::app
