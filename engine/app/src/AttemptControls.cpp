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
        step.notice = mChinese ? "窗口已最小化，练习已暂停；按暂停键继续。"
                               : "Window minimised: practice paused; press Pause to go on.";
      }
    } else {
      // The exam clock does not stop: the record says when the trainee looked away.
      step.logEntry = "t = " + seconds(attemptSeconds) + " s: window " +
                      (minimised ? "minimised" : "restored") + " (exam clock kept running)";
      step.event = minimised ? records::WorkstationEventKind::WindowMinimised
                             : records::WorkstationEventKind::WindowRestored;
      if (!minimised) {
        step.notice = mChinese ? "考试计时未停止，窗口最小化已记录。"
                               : "The exam clock kept running; the minimised window is recorded.";
      }
    }
  }
  if (quitPressed) {
    if (!mExam) {
      step.abandon = true;
      step.abandonReason = "left by the trainee (practice, Quit)";
    } else if (!mConfirming) {
      mConfirming = true;
      step.notice = mChinese ? "再按一次退出键放弃本次考试（记录为放弃）。"
                             : "Press Quit again to abandon this exam (recorded as abandoned).";
    } else {
      step.abandon = true;
      step.abandonReason = "abandoned by the trainee (exam, Quit confirmed)";
    }
  }
  return step;
}

} // namespace skillsim::app
