#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
} // namespace CLI

namespace skillsim::app {

/** Options of `skillsim jobcard new|sign|verify|list` (docs/course-format.md, "Job cards"). */
struct JobCardOptions {
  // new
  std::string courseFile;   ///< The course file whose mentor rubric gives the card's items.
  std::string learningTask; ///< The learning task id.
  std::string trainee, company, workshop, machine, date, mentorName, mentorId, remarks;
  std::vector<std::string> items; ///< `ITEM=RATING`: ticked items with their rating.
  std::string out;                ///< The card file to write.
  // sign
  std::string card;   ///< The card to sign (rewritten with its signature).
  std::string keyDir; ///< Folder of the mentor's own key, mentor.key (default: the user's config).
  // verify
  std::vector<std::string> cards;       ///< Cards to verify.
  std::vector<std::string> trustedKeys; ///< Mentor public keys (64 hex digits) accepted.
  std::string verifyCourse; ///< Optional course file: check the cards against it, show the part.
  // list
  std::string dir; ///< Folder searched for cards (recursively).

  CLI::App* newCmd = nullptr;
  CLI::App* signCmd = nullptr;
  CLI::App* verifyCmd = nullptr;
  CLI::App* listCmd = nullptr;
};

/** Registers `jobcard` and its four subcommands on `cli`; returns `jobcard`. */
CLI::App* addJobCardCommand(CLI::App& cli, JobCardOptions& options);

/**
 * Runs the parsed `jobcard` subcommand. `new` writes an unsigned card for a course's learning
 * task (items from the course's mentor rubric; `--item ID=RATING` ticks and rates one); `sign`
 * signs it with the mentor's own Ed25519 key (made on first use, 0600); `verify` prints for each
 * card who signed it (the card's mentor and the key), or that it is unsigned, altered or signed
 * by an untrusted key and so does not count; `list` prints every card in a folder with that
 * status. Returns kExitOk, kExitFailure (a card that does not count, a bad file: the message
 * names file:line:column and the field) or kExitUsage. Never throws.
 */
int runJobCard(const JobCardOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
