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
 * attempt time. The notices are one HUD line in the
 * trainee's language. Pure: the same frames give the same steps.
 */
class AttemptControls {
public:
  /** `exam`: exam rules, else practice; `chinese`: notices in zh-CN, else English. */
  AttemptControls(bool exam, bool chinese) : mExam(exam), mChinese(chinese) {}

  /** What one frame asks of the workstation. */
  struct Step {
    bool pause = false;   ///< Pause the attempt (practice only).
    bool abandon = false; ///< End the attempt now, its trace abandoned with abandonReason.
    std::string abandonReason;
    std::optional<std::string> notice;   ///< A new HUD line for the trainee.
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
  bool mChinese;
  bool mMinimised = false;
  bool mConfirming = false;
};

} // namespace skillsim::app
