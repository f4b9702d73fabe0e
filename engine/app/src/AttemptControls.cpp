#include "skillsim/app/AttemptControls.h"

#include <cstdio>

namespace skillsim::app {
namespace {

std::string seconds(double t) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", t);
  return text;
}

} // namespace

AttemptControls::Step AttemptControls::frame(bool minimised, bool quitPressed,
                                             double attemptSeconds) {
  Step step;
  if (minimised != mMinimised) {
    mMinimised = minimised;
    if (!mExam) {
      if (minimised) {
        step.pause = true;
        step.notice = "hud.minimised_paused";
      }
    } else {
      // The exam clock does not stop: the record says when the trainee looked away.
      step.logEntry = "t = " + seconds(attemptSeconds) + " s: window " +
                      (minimised ? "minimised" : "restored") + " (exam clock kept running)";
      step.event = minimised ? records::WorkstationEventKind::WindowMinimised
                             : records::WorkstationEventKind::WindowRestored;
      if (!minimised) {
        step.notice = "hud.minimised_recorded";
      }
    }
  }
  if (quitPressed) {
    if (!mExam) {
      step.abandon = true;
      step.abandonReason = "left by the trainee (practice, Quit)";
    } else if (!mConfirming) {
      mConfirming = true;
      step.notice = "hud.quit_confirm";
    } else {
      step.abandon = true;
      step.abandonReason = "abandoned by the trainee (exam, Quit confirmed)";
    }
  }
  return step;
}

} // namespace skillsim::app
