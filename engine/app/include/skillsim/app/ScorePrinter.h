#pragma once

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/assessment/Standard.h>
#include <skillsim/messages/FindingText.h>

#include <iosfwd>

namespace skillsim::app {

/**
 * What an itemised score is written with: the message templates of the run's language (`--lang`;
 * null when none could be loaded: then each finding is printed as its JSON data), the scenario's
 * message context and its standard (for item titles).
 */
struct ScoreText {
  const messages::MessageTemplates* templates = nullptr;
  messages::MessageContext context;
  const assessment::Standard* standard = nullptr;
};

/**
 * Prints an attempt's itemised score for a terminal: per item its title, category, clause and
 * awarded / maximum points, every deduction with its time (s), points, item title and text (made
 * from its finding, docs/deduction-messages.md), the vetoes, the total against the pass mark and
 * PASS or FAIL.
 */
void printItemisedScore(const assessment::AttemptResult& result, std::ostream& out,
                        const ScoreText& text);

} // namespace skillsim::app
