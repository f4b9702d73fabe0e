#pragma once

#include <skillsim/records/Trace.h>

#include <optional>
#include <string>

namespace skillsim::app {

/**
 * The workstation's rules for leaving an attempt and for the window being minimised (issue 14,
 * point 5), apart from the window so they can be tested without one:
 * - Quit/Back in practice leaves at once (the trace is abandoned); in an exam the first press asks
 *   for confirmation and the second leaves, the attempt stored as abandoned.
 * - Minimising in practice pauses the attempt (it stays paused after restore until the trainee
 *   resumes, so no controller moves the machine unseen); in an exam the clock keeps running and
 * each minimise and restore is an event for the signed trace (and a line on stdout) with the
 * attempt time. A notice is one HUD line, named by its key in the string tables (ui::I18n) and
 * put in the trainee's language at display time. Pure: the same frames give the same steps.
 */
class AttemptControls {
public:
  /** `exam`: exam rules, else practice. */
  explicit AttemptControls(bool exam) : mExam(exam) {}

  /** What one frame asks of the workstation. */
  struct Step {
    bool pause = false;   ///< Pause the attempt (practice only).
    bool abandon = false; ///< End the attempt now, its trace abandoned with abandonReason.
    std::string abandonReason;
    /** A new HUD line for the trainee: its string-table key ("hud.quit_confirm"). */
    std::optional<std::string> notice;
    std::optional<std::string> logEntry; ///< A line for stdout (exam), e.g. "t = 42.0 s: …".
    /** An event for the attempt's signed trace (exam; TraceWriter::recordEvent). */
    std::optional<records::WorkstationEventKind> event;
  };

  /**
   * Call once per frame of an attempt: whether the window is minimised now, whether Quit was
   * pressed since the last frame, and the attempt's simulated time in seconds (for the log).
   */
  Step frame(bool minimised, bool quitPressed, double attemptSeconds);

  /** True while an exam waits for the second Quit press. */
  [[nodiscard]] bool confirming() const { return mConfirming; }

private:
  bool mExam;
  bool mMinimised = false;
  bool mConfirming = false;
};

} // namespace skillsim::app
