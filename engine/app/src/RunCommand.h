#pragma once

#include "skillsim/app/RunObserver.h"
#include "skillsim/app/TakeOver.h"

#include <skillsim/records/TraceHeader.h>

#include <iosfwd>
#include <memory>
#include <string>

namespace skillsim::app {

/** Options of `skillsim run`. */
struct RunOptions {
  std::string scenario; ///< Scenario file.
  std::string trainee;  ///< Trainee id; headless: defaults to the trace's.
  std::string mode;     ///< "practice" or "exam"; headless: defaults to the trace's.
  std::string db;       ///< Results store (SQLite path or postgresql:// URL); empty = default.
  /**
   * Exam mode at the workstation: the invigilated exam session's id (`skillsim session open`),
   * looked up in the results store when the run starts; an unknown or closed session is refused.
   * Its id, invigilator and opening time go into every exam trace's signed header.
   */
  std::string examSession;
  /** Not an option: the session `examSession` names, as read from the store by runRun. */
  records::ExamSessionRef resolvedExamSession;
  std::string lang;       ///< "zh-CN" or "en"; empty = from the locale (LC_ALL, LC_MESSAGES, LANG).
  std::string bindings;   ///< Input bindings file; empty = assets/input/bindings.toml.
  bool headless = false;  ///< No display: replay `input`.
  std::string input;      ///< Headless: the .sktrace to replay.
  std::string screenshot; ///< Headless: PNG written at `at` seconds (scene and HUD, offscreen).
  double at = -1.0;       ///< s into the attempt; < 0 = the last tick.
  std::string report;     ///< Headless: JSON report of the attempt.
  bool noStore = false;   ///< Do not record the attempt in the results store.
  /**
   * The seat name a workstation publishes its live state under while an attempt runs, when the
   * store is a postgresql:// URL (docs/classroom.md); empty = the host name. Given with an SQLite
   * store: a note that live seats need PostgreSQL, and the attempt runs and is stored as usual.
   */
  std::string seat;
  /** Vulkan device: "" (prefer a discrete GPU), an index or a name part (`skillsim --gpu list`). */
  std::string gpu;
  /** Scene resolution relative to the window, (0, 1]; 0 = automatic (RendererOptions). */
  float renderScale = 0.0f;
  /**
   * Not an option of run: the replay window's Take over (ReplayCommand.cpp). The attempt is a
   * practice attempt at this point's scenario that first re-simulates the parent's inputs up to
   * its tick, then takes the devices (or, with `input`, that trace's ticks from the take-over
   * tick on); its trace records the parent's hash and the tick (format 6).
   */
  std::shared_ptr<const TakeOverPoint> takeOver;
  /** Not an option: what runCli's caller sees of each attempt's ticks and result (tests). */
  RunObserver observer;
};

/**
 * `skillsim run SCENARIO --headless --input TRACE [--screenshot FILE.png --at S] [--report
 * FILE.json]`: replays a recorded attempt without a display, checks it against the scenario
 * (same scenario hash) and the trace's own result, prints the itemised score, writes the report
 * and the screenshot (offscreen renderer, HUD drawn over the scene) and records the attempt in
 * the results store. Without --headless: the windowed workstation (Workstation.h). Returns
 * kExitOk, or kExitFailure with the reason on `err`.
 */
int runRun(const RunOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
