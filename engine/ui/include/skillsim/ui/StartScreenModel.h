#pragma once

#include "skillsim/ui/AttemptMode.h"

#include <string>
#include <vector>

namespace skillsim::ui {

/** An installed scenario as the start screen lists it. */
struct ScenarioEntry {
  std::string path;          ///< Scenario file, as the app will load it.
  std::string id;            ///< Scenario id.
  std::string trade;         ///< Trade key, (scenarios/<trade>/); groups the list.
  std::string tradeTitle;    ///< The trade's name in the UI language; empty = `trade`.
  std::string titleZh;       ///< Title in Chinese.
  std::string titleEn;       ///< Title in English.
  std::string standardId;    ///< Standard it is assessed against.
  std::string standardTitle; ///< The standard's title; empty = `standardId`.
};

/** One of the trainee's previous attempts, from the results store. */
struct PreviousAttempt {
  std::string scenarioId;
  std::string when; ///< Start time as text, e.g. "2026-11-29 08:30" (the store's UTC).
  AttemptMode mode = AttemptMode::Exam;
  double score = 0.0;
  double maxScore = 100.0;
  bool passed = false;
};

/** Everything the start screen shows besides its own input state, as plain data. */
struct StartScreenModel {
  std::vector<ScenarioEntry> scenarios;  ///< In listing order (the app sorts by trade, then id).
  std::vector<PreviousAttempt> attempts; ///< Of the trainee ID now entered; newest first.
  std::string notice;                    ///< A message (device, store); empty = none.
};

} // namespace skillsim::ui
