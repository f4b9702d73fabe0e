#pragma once

#include <skillsim/assessment/AttemptResult.h>

#include <iosfwd>

namespace skillsim::app {

/**
 * Prints an attempt's itemised score for a terminal: per item awarded / maximum, every deduction
 * with its time (s), points and reason, the vetoes, the total against the pass mark and PASS or
 * FAIL.
 */
void printItemisedScore(const assessment::AttemptResult& result, std::ostream& out);

} // namespace skillsim::app
