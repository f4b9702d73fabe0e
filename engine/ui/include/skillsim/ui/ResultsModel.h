#pragma once

#include "skillsim/assessment/AttemptResult.h"
#include "skillsim/ui/AttemptMode.h"

#include <skillsim/messages/FindingText.h>

#include <map>
#include <string>
#include <vector>

namespace skillsim::ui {

/** One standard item's line on the results screen. */
struct ResultsItem {
  std::string id;
  std::string title;  ///< In the UI language; the id when no title is known.
  std::string clause; ///< The standard's clause reference.
  double awarded = 0.0;
  double max = 0.0;
};

/** One deduction's line: when, how much, which item, why. */
struct ResultsDeduction {
  double time = 0.0; ///< s from the attempt's start.
  double points = 0.0;
  std::string itemId;
  std::string itemTitle; ///< In the UI language; the id when no title is known.
  std::string reason;    ///< Made from its finding (messages::deductionText).
};

/** One veto's line. */
struct ResultsVeto {
  double time = 0.0;
  std::string itemId;
  std::string itemTitle;
  std::string reason;
};

/** Everything the results screen shows, as plain data. */
struct ResultsModel {
  std::string scenarioTitle;
  std::string traineeId;
  AttemptMode mode = AttemptMode::Exam;
  std::vector<ResultsItem> items;
  std::vector<ResultsDeduction> deductions;
  std::vector<ResultsVeto> vetoes;
  double total = 0.0;
  double max = 0.0;
  double passMark = 0.0;
  bool passed = false;
  bool completed = true;
  double duration = 0.0; ///< s.
  /** Why the attempt was stopped when a time limit stopped it (ui::timeLimitStopReason); "". */
  std::string stopReason;
  /** The scenario is a mock exam (Scenario::mockExam): the screen says it is no licence test. */
  bool mockExam = false;
};

/**
 * The results screen's model of an AttemptResult: items in the result's order with their titles
 * looked up in `itemTitles` (item id -> title in the UI language; a missing one shows the id),
 * every deduction and veto in tick order with its item's title and its text made from its
 * finding with `templates` and `context`, totals and pass/fail copied unchanged.
 */
[[nodiscard]] ResultsModel makeResultsModel(const assessment::AttemptResult& result,
                                            const std::map<std::string, std::string>& itemTitles,
                                            std::string scenarioTitle, std::string traineeId,
                                            AttemptMode mode,
                                            const messages::MessageTemplates& templates,
                                            const messages::MessageContext& context);

} // namespace skillsim::ui
