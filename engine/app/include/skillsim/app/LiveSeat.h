#pragma once

// The workstation side of a classroom's live seats (issue 19, point 2; docs/classroom.md): the
// state a seat publishes, and the instructor's commands (seat_commands) applied at a tick
// boundary and recorded in the trace (format 5, instructor command frames).

#include <skillsim/records/LiveSeats.h>
#include <skillsim/records/Trace.h>
#include <skillsim/scenario/AttemptRunner.h>

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace skillsim::records {
class TraceWriter;
} // namespace skillsim::records

namespace skillsim::ui {
class I18n;
} // namespace skillsim::ui

namespace skillsim::app {

/** How long an instructor's message stays on the trainee's HUD, s of wall time. */
inline constexpr double kInstructorMessageShownS = 8.0;

/** A seat publishes its state about this often, s of wall time (docs/classroom.md). */
inline constexpr double kLiveSeatPublishEveryS = 1.0;

/**
 * The live state of `runner`'s attempt for seat `seat`: trainee, scenario id, mode ("practice" or
 * "exam"), the running phase (the last phase span's id), ticks and attempt time, running score
 * and maximum, the last deduction as data, the machine's declared readouts (MachineDecl::readouts
 * with their metric's labels and unit, value in that unit; angles in degrees, unit "°" or "°/s",
 * as the HUD shows them) and the watched point seen from above
 * (MachineDecl::planX/planZ metrics, m) with the working area for a minimap.
 */
[[nodiscard]] records::LiveSeatState liveSeatState(const std::string& seat,
                                                   const std::string& trainee,
                                                   const std::string& mode, bool paused,
                                                   const scenario::AttemptRunner& runner);

/**
 * The seat name a workstation publishes under: `seatOption` when given, else the host name
 * (gethostname), else "workstation".
 */
[[nodiscard]] std::string seatName(const std::string& seatOption);

/**
 * Where the attempt loop's instructor commands come from: the seat's LiveSeatPublisher
 * (PublishedInstructor), or a script of commands at given ticks (ScriptedInstructor, tests).
 */
class InstructorCommandSource {
public:
  virtual ~InstructorCommandSource() = default;
  /**
   * Commands that arrived since the last call, oldest first; `tick` = ticks run so far, `held`:
   * the attempt is held (no tick runs until a resume).
   */
  virtual std::vector<records::SeatCommand> take(std::uint64_t tick, bool held) = 0;
  /** Told exactly once per command taken: applied or refused at `tick`. */
  virtual void settled(const records::SeatCommand& command, std::uint64_t tick,
                       records::InstructorOutcome outcome) = 0;
};

/** What the attempt loop does about one command (decideInstructorCommand). */
struct InstructorEffect {
  records::InstructorCommandKind kind = records::InstructorCommandKind::Message;
  records::InstructorOutcome outcome = records::InstructorOutcome::Applied;
  std::string
      text; ///< The message as recorded (cut to kMaxInstructorTextBytes on a UTF-8 boundary).
  bool hold = false;    ///< Pause: no tick runs until a resume.
  bool release = false; ///< Resume.
  bool end = false;     ///< Abandon the attempt with kEndedByInstructor.
};

/** The abandon reason of an attempt the instructor ended (stored and shown in results). */
inline constexpr const char* kEndedByInstructor = "ended by the instructor";

/**
 * The rule (docs/classroom.md): pause and resume act only in practice, in an exam they are
 * refused (the clock of an exam never stops); a message is always shown; end always abandons.
 */
[[nodiscard]] InstructorEffect decideInstructorCommand(const records::SeatCommand& command,
                                                       bool practice);

/**
 * Applies the source's commands at a tick boundary: each is decided, recorded in `writer` (an
 * instructor command frame after the ticks run so far; none when null) and settled with the
 * source, in the order sent. A trace write error is said on `err`; the command still takes
 * effect. Returns the effects in order.
 */
std::vector<InstructorEffect> applyInstructorCommands(InstructorCommandSource& source,
                                                      std::uint64_t tick, bool held, bool practice,
                                                      records::TraceWriter* writer,
                                                      std::ostream& err);

/** The HUD's line for an instructor's message, from hud.instructor_message ("{text}"). */
[[nodiscard]] std::string instructorMessageText(const std::string& message, const ui::I18n& text);

/** The HUD's line for a refused pause or resume (hud.instructor_pause_refused). */
[[nodiscard]] std::string instructorRefusedText(const ui::I18n& text);

/** Commands from the seat's publisher (its thread fetched them; marks go back through it). */
class PublishedInstructor final : public InstructorCommandSource {
public:
  explicit PublishedInstructor(records::LiveSeatPublisher& publisher) : mPublisher(publisher) {}
  std::vector<records::SeatCommand> take(std::uint64_t /*tick*/, bool /*held*/) override {
    return mPublisher.takeCommands();
  }
  void settled(const records::SeatCommand& command, std::uint64_t tick,
               records::InstructorOutcome outcome) override {
    mPublisher.markApplied(command.id, tick, outcome);
  }

private:
  records::LiveSeatPublisher& mPublisher;
};

/**
 * A script of commands, each handed over at the first boundary at or after its tick (tests and
 * demos: the seam that feeds commands without a database); while the attempt is held the next
 * one comes at the next boundary (a held attempt's tick does not move, so a resume scripted for
 * later would never come). Records what became of each.
 */
class ScriptedInstructor final : public InstructorCommandSource {
public:
  struct Settled {
    std::int64_t id = 0;
    std::uint64_t tick = 0;
    records::InstructorOutcome outcome = records::InstructorOutcome::Applied;
  };
  /** `script`: (tick, command), in non-decreasing tick order. */
  explicit ScriptedInstructor(std::vector<std::pair<std::uint64_t, records::SeatCommand>> script)
      : mScript(std::move(script)) {}
  std::vector<records::SeatCommand> take(std::uint64_t tick, bool held) override;
  void settled(const records::SeatCommand& command, std::uint64_t tick,
               records::InstructorOutcome outcome) override {
    settledCommands.push_back({command.id, tick, outcome});
  }
  std::vector<Settled> settledCommands;

private:
  std::vector<std::pair<std::uint64_t, records::SeatCommand>> mScript;
  std::size_t mNext = 0;
};

} // namespace skillsim::app
