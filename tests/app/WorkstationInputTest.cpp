// The workstation driven as a trainee drives it (issue 20, point 4): synthetic key, gamepad and
// mouse events go through the real window's callbacks and the real input poller
// (platform::simulateKeyEvent, simulateGamepad, simulateMouseButtonEvent) into a live attempt of
// `skillsim run`, under a display (Xvfb in CI) with Vulkan (lavapipe). Each test watches the
// attempt through the run's observer (ticks, frames) and then reads what it left behind: its
// traces and the results store.
//
// A pause is shown to hold by waiting, while paused, for at least kHeldFor of real time and
// kHeldFrames frames: unpaused, that much time runs kHeldFor x 240 = 120 ticks. The tests wait for
// real time but assert no duration.
#include "MissingPrerequisite.h"

#include <skillsim/app/Cli.h>
#include <skillsim/app/StartScreenData.h>
#include <skillsim/core/Hash.h>
#include <skillsim/platform/Gamepad.h>
#include <skillsim/platform/InputDevices.h>
#include <skillsim/platform/Window.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/ui/Hud.h>

#include <gtest/gtest.h>

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

using namespace skillsim;

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kHeldFor{500};
constexpr int kHeldFrames = 20;
/** A test gives up after this many frames (a broken build must not hang the suite). */
constexpr int kMaxFrames = 4000;

const std::string kScenarios = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/";

/** The test's own user folders (the workstation writes its key and traces there). */
std::string userFolders(const std::string& name) {
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/" + name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ::setenv("XDG_DATA_HOME", (dir + "/data").c_str(), 1);
  ::setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
  return dir;
}

/** Every trace the workstation recorded under `dir`'s data folder, read back, oldest first. */
std::vector<records::Trace> tracesUnder(const std::string& dir) {
  std::vector<std::filesystem::path> paths;
  if (std::filesystem::exists(dir + "/data")) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir + "/data")) {
      if (e.path().extension() == ".sktrace") {
        paths.push_back(e.path());
      }
    }
  }
  std::vector<records::Trace> traces;
  for (const auto& p : paths) {
    auto t = records::TraceReader::read(p);
    EXPECT_TRUE(t) << t.error().toString();
    if (t) {
      traces.push_back(std::move(*t));
    }
  }
  std::sort(traces.begin(), traces.end(), [](const records::Trace& a, const records::Trace& b) {
    return a.header.startUtc < b.header.startUtc;
  });
  return traces;
}

/** The reason TraceReader gives a trace abandoned at tick `ticks` for `why` (the writer's). */
std::string abandoned(std::size_t ticks, const std::string& why) {
  return "incomplete attempt: abandoned at tick " + std::to_string(ticks) + ": " + why +
         "; it is not a result";
}

/** The attempts in the results store at `db` (none when it was never created). */
std::size_t storedAttempts(const std::string& db) {
  if (!std::filesystem::exists(db)) {
    return 0;
  }
  auto store = records::ResultsStore::open(db);
  if (!store) {
    ADD_FAILURE() << store.error().toString();
    return 0;
  }
  auto rows = (*store)->attempts();
  if (!rows) {
    ADD_FAILURE() << rows.error().toString();
    return 0;
  }
  return rows->size();
}

/** The abandoned attempts in the results store at `db` (none when it was never created). */
std::vector<records::AbandonedAttempt> abandonedInStore(const std::string& db) {
  if (!std::filesystem::exists(db)) {
    return {};
  }
  auto store = records::ResultsStore::open(db);
  if (!store) {
    ADD_FAILURE() << store.error().toString();
    return {};
  }
  auto rows = (*store)->abandonedAttempts();
  if (!rows) {
    ADD_FAILURE() << rows.error().toString();
    return {};
  }
  return std::move(*rows);
}

/**
 * Minimises and restores this process's window the way a window manager does, so the tests need
 * none (Xvfb runs without one): the WM_STATE property (ICCCM 4.1.3.1) set to IconicState or
 * NormalState, which GLFW reads for GLFW_ICONIFIED (platform::Window::minimised) and watches with
 * PropertyNotify. The window is the top-level one whose _NET_WM_PID is this process.
 */
class WindowManagerState {
public:
  WindowManagerState() : mDisplay(XOpenDisplay(nullptr)) {}
  ~WindowManagerState() {
    if (mDisplay != nullptr) {
      XCloseDisplay(mDisplay);
    }
  }
  WindowManagerState(const WindowManagerState&) = delete;
  WindowManagerState& operator=(const WindowManagerState&) = delete;

  /** Finds the window (call once it is mapped); false when there is none. */
  bool find() {
    if (mDisplay == nullptr) {
      return false;
    }
    const Atom pidAtom = XInternAtom(mDisplay, "_NET_WM_PID", False);
    ::Window root = 0;
    ::Window parent = 0;
    ::Window* children = nullptr;
    unsigned int count = 0;
    if (XQueryTree(mDisplay, DefaultRootWindow(mDisplay), &root, &parent, &children, &count) == 0) {
      return false;
    }
    for (unsigned int i = 0; i < count && mWindow == 0; ++i) {
      Atom type = 0;
      int format = 0;
      unsigned long items = 0;
      unsigned long after = 0;
      unsigned char* data = nullptr;
      if (XGetWindowProperty(mDisplay, children[i], pidAtom, 0, 1, False, XA_CARDINAL, &type,
                             &format, &items, &after, &data) == Success &&
          data != nullptr) {
        if (items == 1 &&
            static_cast<pid_t>(*reinterpret_cast<unsigned long*>(data)) == ::getpid()) {
          mWindow = children[i];
        }
        XFree(data);
      }
    }
    if (children != nullptr) {
      XFree(children);
    }
    return mWindow != 0;
  }

  /** Sets WM_STATE: true = IconicState (minimised), false = NormalState. */
  void setIconic(bool iconic) {
    const Atom wmState = XInternAtom(mDisplay, "WM_STATE", False);
    const long data[2] = {iconic ? IconicState : NormalState, 0};
    XChangeProperty(mDisplay, mWindow, wmState, wmState, 32, PropModeReplace,
                    reinterpret_cast<const unsigned char*>(data), 2);
    XFlush(mDisplay);
  }

private:
  Display* mDisplay;
  ::Window mWindow = 0;
};

/** What the run's observer saw, tick by tick. */
struct Watched {
  std::vector<std::uint64_t> index; ///< AttemptTick::index of every tick run, in order.
  std::vector<double> time;         ///< The simulation time after each (s).
  std::vector<core::ActionState> actions;
  int frames = 0;
  [[nodiscard]] std::size_t ticks() const { return index.size(); }
};

/** A tap: press and release within one frame (the poller counts it as one press). */
void tap(platform::Window& window, platform::Key key) {
  platform::simulateKeyEvent(window, key, true);
  platform::simulateKeyEvent(window, key, false);
}

/** A gamepad in slot 0 with the standard mapping, every axis at rest. */
platform::GamepadState pad() {
  platform::GamepadState p;
  p.present = true;
  p.isGamepad = true;
  p.name = "Test pad";
  return p;
}

/**
 * Runs `skillsim run` with `args` (no --input: the devices drive it); `script` is called at the
 * start of every frame with the window and what was seen so far, and returns false to end the
 * script (the test's last step then must end the attempt).
 */
int runScripted(const std::vector<std::string>& args, Watched& seen,
                const std::function<void(platform::Window&, const Watched&)>& script,
                std::ostringstream& out, std::ostringstream& err) {
  app::RunObserver observer;
  observer.onTick = [&seen](const scenario::AttemptTick& tick) {
    seen.index.push_back(tick.index);
    seen.time.push_back(tick.simulation.time());
    seen.actions.push_back(tick.actions);
  };
  observer.onFrame = [&seen, &script](platform::Window& window) {
    ++seen.frames;
    if (seen.frames > kMaxFrames) {
      ADD_FAILURE() << "the script did not end the attempt within " << kMaxFrames << " frames";
      window.requestClose();
      return;
    }
    script(window, seen);
  };
  return app::runCli(args, out, err, observer);
}

const core::ControlLayout& craneControls() {
  static const core::ControlLayout controls = [] {
    auto s = scenario::loadScenario(kScenarios + "practice_single_lift.toml");
    SKILLSIM_CHECK(s.hasValue() && s->machine, "practice_single_lift.toml loads");
    return s->machine->controls;
  }();
  return controls;
}

std::size_t axisSlot(const std::string& id) {
  auto slot = craneControls().axisSlot(id);
  SKILLSIM_CHECK(slot.has_value(), "the crane declares " + id);
  return *slot;
}

std::size_t buttonBit(const std::string& id) {
  auto bit = craneControls().buttonBit(id);
  SKILLSIM_CHECK(bit.has_value(), "the crane declares " + id);
  return *bit;
}

#define SKILLSIM_NEEDS_DISPLAY()                                                                   \
  if (std::getenv("DISPLAY") == nullptr) {                                                         \
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";                 \
  }

} // namespace

// A practice attempt at the keyboard and a gamepad: a key tap steps the bridge one notch, a held
// key holds the horn, the stick drives the trolley; the gamepad's Start pauses, and while paused
// neither the simulation nor its clock (the HUD's clock is the simulation's tick count) moves;
// the keyboard's P goes on; Escape leaves (practice: at once), the trace abandoned, nothing stored.
TEST(WorkstationInput, PracticePauseFreezesTheSimulationAndItsClock) {
  SKILLSIM_NEEDS_DISPLAY();
  const std::string dir = userFolders("workstation-input-pause");
  const std::size_t bridge = axisSlot("bridge_travel");
  const std::size_t trolley = axisSlot("trolley_travel");
  const std::size_t horn = buttonBit("horn");
  const int bridgeNotches = craneControls().axisControl(bridge).notches;
  ASSERT_GT(bridgeNotches, 0);

  enum class Stage { Drive, Pause, Paused, Resumed, Done };
  Stage stage = Stage::Drive;
  int stageFrame = 0;
  Clock::time_point pausedAt;
  std::size_t ticksAtPause = 0;
  std::size_t ticksAfterHold = 0;
  double timeAtPause = 0.0;
  double timeAfterHold = 0.0;
  bool sawHorn = false;
  bool sawBridge = false;
  bool sawTrolley = false;
  auto script = [&](platform::Window& window, const Watched& seen) {
    ++stageFrame;
    for (std::size_t i = 0; i < seen.ticks(); ++i) {
      const core::ActionState& a = seen.actions[i];
      sawHorn = sawHorn || a.button(horn);
      sawBridge = sawBridge || std::abs(a.axis(bridge) - 1.0f / float(bridgeNotches)) < 1e-6f;
      sawTrolley = sawTrolley || a.axis(trolley) == 1.0f;
    }
    switch (stage) {
    case Stage::Drive:
      if (stageFrame == 3) {
        tap(window, platform::Key::W);
        platform::simulateKeyEvent(window, platform::Key::H, true); // held from here
        auto p = pad();
        p.axes[std::size_t(platform::GamepadAxis::LeftX)] = 1.0f; // stick hard right
        platform::simulateGamepad(window, 0, p);
      }
      if (stageFrame > 3 && sawHorn && sawBridge && sawTrolley) {
        platform::simulateKeyEvent(window, platform::Key::H, false);
        auto p = pad(); // stick back to rest, Start pressed
        p.buttons[std::size_t(platform::GamepadButton::Start)] = true;
        platform::simulateGamepad(window, 0, p);
        stage = Stage::Pause;
        stageFrame = 0;
      }
      break;
    case Stage::Pause:
      if (stageFrame == 2) {
        platform::simulateGamepad(window, 0, pad()); // Start released
      }
      if (stageFrame == 4) { // the pause has been read and held for two frames
        ticksAtPause = seen.ticks();
        timeAtPause = seen.time.back();
        pausedAt = Clock::now();
        stage = Stage::Paused;
        stageFrame = 0;
      }
      break;
    case Stage::Paused:
      if (stageFrame >= kHeldFrames && Clock::now() - pausedAt >= kHeldFor) {
        ticksAfterHold = seen.ticks();
        timeAfterHold = seen.time.back();
        tap(window, platform::Key::P); // go on
        stage = Stage::Resumed;
        stageFrame = 0;
      }
      break;
    case Stage::Resumed:
      if (seen.ticks() > ticksAfterHold + 10) {
        tap(window, platform::Key::Escape);
        stage = Stage::Done;
      }
      break;
    case Stage::Done: break;
    }
  };
  Watched seen;
  std::ostringstream out;
  std::ostringstream err;
  const int code =
      runScripted({"run", kScenarios + "practice_single_lift.toml", "--trainee", "T-pause",
                   "--mode", "practice", "--lang", "en", "--db", dir + "/results.sqlite"},
                  seen, script, out, err);
  EXPECT_NE(code, 0) << "left before the end: no result";
  ASSERT_EQ(stage, Stage::Done) << out.str() << err.str();
  EXPECT_TRUE(sawHorn) << "the held H key holds the horn button";
  EXPECT_TRUE(sawBridge) << "one W tap is one bridge notch";
  EXPECT_TRUE(sawTrolley) << "the stick hard right is the trolley's top notch";
  EXPECT_GT(ticksAtPause, 0u);
  EXPECT_EQ(ticksAfterHold, ticksAtPause) << "ticks ran while paused";
  EXPECT_EQ(timeAfterHold, timeAtPause) << "the attempt's clock ran while paused";
  EXPECT_GT(seen.ticks(), ticksAfterHold + 10) << "P resumes the attempt";
  EXPECT_NE(err.str().find("left by the trainee (practice, Quit)"), std::string::npos) << err.str();
  const auto traces = tracesUnder(dir);
  ASSERT_EQ(traces.size(), 1u);
  EXPECT_FALSE(traces[0].complete);
  EXPECT_EQ(traces[0].incompleteReason,
            abandoned(seen.ticks(), "left by the trainee (practice, Quit)"));
  EXPECT_EQ(traces[0].actions.size(), seen.ticks()) << "the trace holds every tick run";
  EXPECT_EQ(storedAttempts(dir + "/results.sqlite"), 0u) << "an abandoned attempt is not scored";
  // ... but it stays on the trainee's record, as abandoned, with the trace's hash and reason.
  const auto kept = abandonedInStore(dir + "/results.sqlite");
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].traineeId, "T-pause");
  EXPECT_EQ(kept[0].mode, records::AttemptMode::Practice);
  EXPECT_EQ(kept[0].reason, "left by the trainee (practice, Quit)");
  EXPECT_EQ(kept[0].ticks, seen.ticks());
  EXPECT_EQ(kept[0].traceHash, core::toHex(traces[0].fileHash));
}

// In an exam the pause command does nothing: neither P nor the gamepad's Start holds the clock.
TEST(WorkstationInput, ExamIgnoresPause) {
  SKILLSIM_NEEDS_DISPLAY();
  const std::string dir = userFolders("workstation-input-exam-pause");
  int stage = 0;
  int stageFrame = 0;
  Clock::time_point pressedAt;
  std::size_t ticksAtPress = 0;
  std::size_t ticksAfterHold = 0;
  auto script = [&](platform::Window& window, const Watched& seen) {
    ++stageFrame;
    if (stage == 0 && stageFrame >= 3 && seen.ticks() > 0) {
      tap(window, platform::Key::P);
      auto p = pad();
      p.buttons[std::size_t(platform::GamepadButton::Start)] = true;
      platform::simulateGamepad(window, 0, p);
      stage = 1;
      stageFrame = 0;
    } else if (stage == 1 && stageFrame == 4) {
      platform::simulateGamepad(window, 0, pad());
      ticksAtPress = seen.ticks();
      pressedAt = Clock::now();
      stage = 2;
      stageFrame = 0;
    } else if (stage == 2 && stageFrame >= kHeldFrames && Clock::now() - pressedAt >= kHeldFor) {
      ticksAfterHold = seen.ticks();
      tap(window, platform::Key::Escape); // asks
      stage = 3;
      stageFrame = 0;
    } else if (stage == 3 && stageFrame == 3) {
      tap(window, platform::Key::Escape); // confirms
      stage = 4;
    }
  };
  Watched seen;
  std::ostringstream out;
  std::ostringstream err;
  runScripted({"run", kScenarios + "q2_practical.toml", "--trainee", "T-exam-pause", "--mode",
               "exam", "--lang", "en", "--db", dir + "/results.sqlite"},
              seen, script, out, err);
  ASSERT_EQ(stage, 4) << out.str() << err.str();
  // At 240 Hz, kHeldFor of real time is 120 ticks; paused it would be none.
  EXPECT_GE(ticksAfterHold, ticksAtPress + 100) << "the exam clock stopped at Pause";
  const auto traces = tracesUnder(dir);
  ASSERT_EQ(traces.size(), 1u);
  EXPECT_EQ(traces[0].incompleteReason,
            abandoned(seen.ticks(), "abandoned by the trainee (exam, Quit confirmed)"));
}

// Restart (the HUD's button, clicked with the mouse) abandons the attempt's trace, marked so, and
// starts a new attempt from tick 0 with its own trace.
TEST(WorkstationInput, PracticeRestartAbandonsTheTraceAndStartsAfresh) {
  SKILLSIM_NEEDS_DISPLAY();
  const std::string dir = userFolders("workstation-input-restart");
  int stage = 0;
  int stageFrame = 0;
  std::size_t ticksBeforeRestart = 0;
  auto script = [&](platform::Window& window, const Watched& seen) {
    ++stageFrame;
    if (stage == 0 && stageFrame >= 5 && seen.ticks() > 20) {
      // Where the HUD draws Restart: the session panel (ui::hudLayout), then Pause and Restart
      // side by side after the panel's padding, each as wide as its text plus frame padding.
      const ImGuiStyle& style = ImGui::GetStyle();
      const ImVec2 display = ImGui::GetIO().DisplaySize;
      const ui::ScreenRect panel = ui::hudLayout(display.x, display.y).session;
      const float pause = ImGui::CalcTextSize("Pause").x + 2.0f * style.FramePadding.x;
      const float restart = ImGui::CalcTextSize("Restart").x + 2.0f * style.FramePadding.x;
      const double x = panel.x + style.WindowPadding.x + pause + style.ItemSpacing.x + restart / 2;
      const double y = panel.y + style.WindowPadding.y + ImGui::GetFrameHeight() / 2;
      ticksBeforeRestart = seen.ticks();
      platform::simulateMouseMove(window, x, y);
      platform::simulateMouseButtonEvent(window, true);
      stage = 1;
      stageFrame = 0;
    } else if (stage == 1 && stageFrame == 2) {
      platform::simulateMouseButtonEvent(window, false);
      stage = 2;
    } else if (stage == 2) {
      // The new attempt began where a tick's index fell back to 0 after the click (comparing the
      // latest index with the one before the click missed it when the new attempt overtook it).
      bool restarted = false;
      for (std::size_t i = ticksBeforeRestart; i < seen.ticks(); ++i) {
        restarted = restarted || seen.index[i] == 0;
      }
      if (restarted && seen.index.back() > 20) {
        tap(window, platform::Key::Escape); // the new attempt ran 20 ticks: leave
        stage = 3;
      }
    }
  };
  Watched seen;
  std::ostringstream out;
  std::ostringstream err;
  runScripted({"run", kScenarios + "practice_single_lift.toml", "--trainee", "T-restart", "--mode",
               "practice", "--lang", "en", "--db", dir + "/results.sqlite"},
              seen, script, out, err);
  ASSERT_EQ(stage, 3) << "Restart was not clicked: " << out.str() << err.str();
  // The ticks start again from 0 after the restart.
  std::size_t restarts = 0;
  for (std::size_t i = 1; i < seen.ticks(); ++i) {
    if (seen.index[i] == 0) {
      ++restarts;
      EXPECT_DOUBLE_EQ(seen.time[i], 1.0 / 240.0) << "the new attempt's clock starts again";
    }
  }
  EXPECT_EQ(restarts, 1u);
  std::size_t restartedAt = 0;
  for (std::size_t i = 1; i < seen.ticks(); ++i) {
    if (seen.index[i] == 0) {
      restartedAt = i;
    }
  }
  // Two traces (a restart in the same second as the start used to overwrite the first): the
  // first attempt's, abandoned when Restart was clicked, and the new one's, left with Escape.
  auto traces = tracesUnder(dir);
  ASSERT_EQ(traces.size(), 2u);
  if (traces[0].actions.size() != restartedAt) {
    std::swap(traces[0], traces[1]);
  }
  EXPECT_FALSE(traces[0].complete);
  EXPECT_EQ(traces[0].incompleteReason,
            abandoned(restartedAt, "restarted by the trainee (practice)"));
  EXPECT_EQ(traces[1].incompleteReason,
            abandoned(seen.ticks() - restartedAt, "left by the trainee (practice, Quit)"));
  EXPECT_EQ(storedAttempts(dir + "/results.sqlite"), 0u);
  const auto kept = abandonedInStore(dir + "/results.sqlite");
  ASSERT_EQ(kept.size(), 2u) << "the restarted attempt and the one left with Escape";
  std::vector<std::string> reasons = {kept[0].reason, kept[1].reason};
  std::sort(reasons.begin(), reasons.end());
  EXPECT_EQ(reasons, (std::vector<std::string>{"left by the trainee (practice, Quit)",
                                               "restarted by the trainee (practice)"}));
}

// Closing the window (the window system's close: Window::requestClose) mid-attempt abandons the
// attempt: its trace says so, and the results store gets no score for it.
// Issue 14 point 5 through the real window: minimised (WM_STATE Iconic, as a window manager sets
// it), an exam's clock runs on and the signed trace records both edges at the ticks they happened.
TEST(WorkstationInput, ExamMinimisedWindowKeepsTheClockAndIsInTheSignedTrace) {
  SKILLSIM_NEEDS_DISPLAY();
  const std::string dir = userFolders("workstation-input-minimise-exam");
  WindowManagerState wm;
  int stage = 0;
  int stageFrame = 0;
  std::size_t ticksAtMinimise = 0;
  std::size_t ticksAtRestore = 0;
  std::size_t ticksAtClose = 0;
  auto script = [&](platform::Window& window, const Watched& seen) {
    ++stageFrame;
    if (stage == 0 && seen.ticks() > 30) {
      // The window may reach the X server's tree a few frames after the first ticks.
      if (!wm.find()) {
        if (stageFrame > 200) {
          ADD_FAILURE() << "no top-level window with this process's _NET_WM_PID";
          window.requestClose();
          stage = 9;
        }
        return;
      }
      wm.setIconic(true);
      ticksAtMinimise = seen.ticks();
      stage = 1;
      stageFrame = 0;
    } else if (stage == 1 && stageFrame >= kHeldFrames) {
      // The X server and window manager deliver the change a frame or more later (more under
      // load), so the event's tick is bounded, not predicted: after the request, before the next.
      wm.setIconic(false);
      ticksAtRestore = seen.ticks();
      stage = 3;
      stageFrame = 0;
    } else if (stage == 3 && stageFrame >= kHeldFrames) {
      ticksAtClose = seen.ticks();
      window.requestClose(); // leaves the exam (abandoned): its trace keeps the events
      stage = 4;
    }
  };
  Watched seen;
  std::ostringstream out;
  std::ostringstream err;
  runScripted({"run", kScenarios + "q2_practical.toml", "--trainee", "T-minimise", "--mode", "exam",
               "--lang", "en", "--db", dir + "/results.sqlite"},
              seen, script, out, err);
  ASSERT_EQ(stage, 4) << out.str() << err.str();
  EXPECT_GT(ticksAtRestore, ticksAtMinimise + 10) << "the exam clock ran while minimised";
  EXPECT_NE(out.str().find(" s: window minimised (exam clock kept running)"), std::string::npos)
      << out.str();
  const auto traces = tracesUnder(dir);
  ASSERT_EQ(traces.size(), 1u);
  const std::vector<records::WorkstationEvent>& events = traces[0].events;
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, records::WorkstationEventKind::WindowMinimised);
  EXPECT_EQ(events[1].kind, records::WorkstationEventKind::WindowRestored);
  // Each event is stamped with the tick at which the workstation saw it: after that frame's
  // ticks (so after the request), and before the next request.
  EXPECT_GT(events[0].tick, ticksAtMinimise);
  EXPECT_LE(events[0].tick, ticksAtRestore);
  EXPECT_GT(events[1].tick, ticksAtRestore);
  EXPECT_LE(events[1].tick, ticksAtClose);
}

// In practice, minimising pauses: no tick runs while the window is minimised, nor after it is
// restored until the trainee resumes; a practice trace records no window events.
TEST(WorkstationInput, PracticeMinimisedWindowPausesTheAttempt) {
  SKILLSIM_NEEDS_DISPLAY();
  const std::string dir = userFolders("workstation-input-minimise-practice");
  WindowManagerState wm;
  int stage = 0;
  int stageFrame = 0;
  std::size_t ticksPaused = 0;
  std::size_t ticksAfterRestore = 0;
  Clock::time_point pausedAt;
  auto script = [&](platform::Window& window, const Watched& seen) {
    ++stageFrame;
    if (stage == 0 && seen.ticks() > 30) {
      // The window may reach the X server's tree a few frames after the first ticks.
      if (!wm.find()) {
        if (stageFrame > 200) {
          ADD_FAILURE() << "no top-level window with this process's _NET_WM_PID";
          window.requestClose();
          stage = 9;
        }
        return;
      }
      wm.setIconic(true);
      stage = 1;
    } else if (stage == 1) {
      ticksPaused = seen.ticks(); // this frame's ticks ran before the workstation paused
      pausedAt = Clock::now();
      stage = 2;
      stageFrame = 0;
    } else if (stage == 2 && stageFrame >= kHeldFrames && Clock::now() - pausedAt >= kHeldFor) {
      wm.setIconic(false);
      stage = 3;
      stageFrame = 0;
    } else if (stage == 3 && stageFrame >= kHeldFrames) {
      ticksAfterRestore = seen.ticks();
      tap(window, platform::Key::Escape); // practice: leaves at once
      stage = 4;
    }
  };
  Watched seen;
  std::ostringstream out;
  std::ostringstream err;
  runScripted({"run", kScenarios + "practice_single_lift.toml", "--trainee", "T-minimise-p",
               "--mode", "practice", "--lang", "en", "--db", dir + "/results.sqlite"},
              seen, script, out, err);
  ASSERT_EQ(stage, 4) << out.str() << err.str();
  // Unpaused, kHeldFor and 2 x kHeldFrames frames would have run 120 ticks or more.
  EXPECT_EQ(ticksAfterRestore, ticksPaused) << "ticks ran while minimised or after the restore";
  const auto traces = tracesUnder(dir);
  ASSERT_EQ(traces.size(), 1u);
  EXPECT_TRUE(traces[0].events.empty()) << "a practice trace records no window events";
  EXPECT_EQ(traces[0].actions.size(), seen.ticks());
}

// --no-store at the window: the trace is written, no results store is created or written to,
// and the program says so (the window used to store the attempt regardless of the flag).
TEST(WorkstationInput, NoStoreKeepsTheTraceAndWritesNoStore) {
  SKILLSIM_NEEDS_DISPLAY();
  const std::string dir = userFolders("workstation-input-no-store");
  bool closed = false;
  auto script = [&](platform::Window& window, const Watched& seen) {
    if (!closed && seen.ticks() > 50) {
      window.requestClose();
      closed = true;
    }
  };
  Watched seen;
  std::ostringstream out;
  std::ostringstream err;
  runScripted({"run", kScenarios + "practice_single_lift.toml", "--trainee", "T-no-store", "--mode",
               "practice", "--lang", "en", "--no-store"},
              seen, script, out, err);
  ASSERT_TRUE(closed);
  EXPECT_NE(out.str().find("; abandoned attempt not stored (--no-store)"), std::string::npos)
      << out.str() << err.str();
  EXPECT_EQ(tracesUnder(dir).size(), 1u);
  EXPECT_FALSE(std::filesystem::exists(dir + "/data/skillsim/results.sqlite"))
      << "the default store was written despite --no-store";
}

TEST(WorkstationInput, ClosingTheWindowAbandonsTheAttempt) {
  SKILLSIM_NEEDS_DISPLAY();
  const std::string dir = userFolders("workstation-input-close");
  bool closed = false;
  auto script = [&](platform::Window& window, const Watched& seen) {
    if (!closed && seen.ticks() > 50) {
      window.requestClose();
      closed = true;
    }
  };
  Watched seen;
  std::ostringstream out;
  std::ostringstream err;
  const int code = runScripted({"run", kScenarios + "q2_practical.toml", "--trainee", "T-close",
                                "--mode", "exam", "--lang", "en", "--db", dir + "/results.sqlite"},
                               seen, script, out, err);
  ASSERT_TRUE(closed);
  EXPECT_NE(code, 0);
  EXPECT_NE(err.str().find("skillsim run: attempt abandoned (the trainee closed the window before "
                           "the end); its trace is"),
            std::string::npos)
      << err.str();
  const auto traces = tracesUnder(dir);
  ASSERT_EQ(traces.size(), 1u);
  EXPECT_FALSE(traces[0].complete);
  EXPECT_FALSE(traces[0].result.has_value());
  EXPECT_EQ(traces[0].incompleteReason,
            abandoned(seen.ticks(), "the trainee closed the window before the end"));
  EXPECT_EQ(traces[0].actions.size(), seen.ticks());
  EXPECT_EQ(storedAttempts(dir + "/results.sqlite"), 0u);
  // The exam the trainee walked out of stays on the record: abandoned, in exam mode, no score.
  const auto kept = abandonedInStore(dir + "/results.sqlite");
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].traineeId, "T-close");
  EXPECT_EQ(kept[0].mode, records::AttemptMode::Exam);
  EXPECT_EQ(kept[0].scenario.id, "overhead_crane.q2_practical");
  EXPECT_EQ(kept[0].reason, "the trainee closed the window before the end");
  EXPECT_EQ(kept[0].ticks, seen.ticks());
  EXPECT_EQ(kept[0].traceHash, core::toHex(traces[0].fileHash));
  EXPECT_DOUBLE_EQ(kept[0].duration, static_cast<double>(seen.ticks()) / traces[0].header.tickRate);
}

namespace {

/**
 * Finds an ImGui item by its id under the pointer: each frame moves the pointer one step down a
 * column of the window and, one frame later (ImGui reads the pointer when its frame begins),
 * looks at what ImGui found hovered there. Returns true once the pointer rests on the item.
 */
struct PointerScan {
  float x = 0.0f;
  float y = 0.0f;
  float bottom = 0.0f;
  bool moved = false;

  void start(float column, float top, float end) {
    x = column;
    y = top;
    bottom = end;
    moved = false;
  }
  /** One frame of the scan; true when the item `id` is hovered at (x, y). */
  bool step(platform::Window& window, ImGuiID id) {
    if (moved && GImGui->HoveredId == id) {
      return true;
    }
    if (moved) {
      y += 6.0f;
    }
    if (y > bottom) {
      return false;
    }
    platform::simulateMouseMove(window, x, y);
    moved = true;
    return false;
  }
};

} // namespace

// The start screen of `skillsim run` without a scenario, through to an attempt: the trainee's
// ID given with --trainee, the practice scenario picked from the list with the mouse, Start
// clicked; the attempt runs (ticks of the chosen scenario, a trace with the trainee's ID and
// practice mode); Escape leaves it and the start screen comes back; closing it ends the run.
TEST(WorkstationInput, StartScreenToAnAttempt) {
  SKILLSIM_NEEDS_DISPLAY();
  const std::string dir = userFolders("workstation-input-start");
  const auto installed = app::installedScenarios(std::string(SKILLSIM_SOURCE_DIR) + "/scenarios");
  std::optional<std::size_t> practice;
  for (std::size_t i = 0; i < installed.scenarios.size(); ++i) {
    if (installed.scenarios[i].id == "overhead_crane.practice_single_lift") {
      practice = i;
    }
  }
  ASSERT_TRUE(practice.has_value());
  const ui::ScenarioEntry& entry = installed.scenarios[*practice];
  // The start screen's labels (ui/StartScreen.cpp) in English: the list entry and the button.
  const std::string entryLabel =
      "  " + entry.titleEn + "  /  " + entry.titleZh + "##scenario" + std::to_string(*practice);
  enum class Stage { FindEntry, ReleaseEntry, FindStart, ReleaseStart, Attempt, Back, Done };
  Stage stage = Stage::FindEntry;
  PointerScan scan;
  int stageFrame = 0;
  std::size_t startFrames = 0; ///< Frames drawn on the start screen after the attempt.
  auto script = [&](platform::Window& window, const Watched& seen) {
    ++stageFrame;
    ImGuiWindow* start = ImGui::FindWindowByName("###start");
    switch (stage) {
    case Stage::FindEntry: {
      if (start == nullptr || start->DC.ChildWindows.empty()) {
        return; // not drawn yet
      }
      ImGuiWindow* list = start->DC.ChildWindows[0];
      if (stageFrame == 2) {
        scan.start(list->Pos.x + 40.0f, list->Pos.y + 2.0f, list->Pos.y + list->Size.y);
      }
      if (stageFrame >= 2 && scan.step(window, list->GetIDNoKeepAlive(entryLabel.c_str()))) {
        platform::simulateMouseButtonEvent(window, true);
        stage = Stage::ReleaseEntry;
        stageFrame = 0;
      }
      break;
    }
    case Stage::ReleaseEntry:
      if (stageFrame == 2) {
        platform::simulateMouseButtonEvent(window, false);
      }
      if (stageFrame == 4) {
        scan.start(start->Pos.x + 60.0f, start->Pos.y, start->Pos.y + start->Size.y);
        stage = Stage::FindStart;
        stageFrame = 0;
      }
      break;
    case Stage::FindStart:
      if (scan.step(window, start->GetIDNoKeepAlive("Start"))) {
        platform::simulateMouseButtonEvent(window, true);
        stage = Stage::ReleaseStart;
        stageFrame = 0;
      }
      break;
    case Stage::ReleaseStart:
      if (stageFrame == 2) {
        platform::simulateMouseButtonEvent(window, false);
        stage = Stage::Attempt;
      }
      break;
    case Stage::Attempt:
      if (seen.ticks() > 20) {
        tap(window, platform::Key::Escape); // practice: leaves at once, back to the start screen
        stage = Stage::Back;
        stageFrame = 0;
      }
      break;
    case Stage::Back:
      // The attempt's frames stop and the start screen's go on: ticks no longer grow.
      if (stageFrame > 5) {
        ++startFrames;
      }
      if (startFrames == 5) {
        window.requestClose();
        stage = Stage::Done;
      }
      break;
    case Stage::Done: break;
    }
  };
  Watched seen;
  std::ostringstream out;
  std::ostringstream err;
  const int code =
      runScripted({"run", "--trainee", "T-start", "--lang", "en", "--db", dir + "/results.sqlite"},
                  seen, script, out, err);
  ASSERT_EQ(stage, Stage::Done) << out.str() << err.str();
  EXPECT_EQ(code, 0) << "closing the start screen ends the run";
  EXPECT_GT(seen.ticks(), 20u);
  const auto traces = tracesUnder(dir);
  ASSERT_EQ(traces.size(), 1u) << err.str();
  EXPECT_EQ(traces[0].header.scenarioId, "overhead_crane.practice_single_lift");
  EXPECT_EQ(traces[0].header.traineeId, "T-start");
  EXPECT_EQ(traces[0].header.mode, records::AttemptMode::Practice);
  EXPECT_EQ(traces[0].incompleteReason,
            abandoned(seen.ticks(), "left by the trainee (practice, Quit)"));
}
