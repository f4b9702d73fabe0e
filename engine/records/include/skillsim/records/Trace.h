#pragma once

#include "skillsim/records/TraceHeader.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/ActionState.h>
#include <skillsim/core/ActionTrack.h>
#include <skillsim/core/Controls.h>
#include <skillsim/core/Expected.h>
#include <skillsim/core/Hash.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::records {

/**
 * What the workstation saw happen during an attempt apart from the controls (trace format 4,
 * frame `W`, docs/trace-format.md). Evidence for the examiner: signed with the trace, never fed to
 * the simulation, so it changes no score and no result hash.
 */
enum class WorkstationEventKind : std::uint8_t {
  WindowMinimised = 0, ///< The attempt's window was minimised (in an exam the clock ran on).
  WindowRestored = 1,  ///< The window came back.
};

/** One workstation event: what happened, and how many ticks had been recorded before it. */
struct WorkstationEvent {
  /** Ticks recorded before the event (0-based tick of the next input); tick / tickRate = s. */
  std::uint64_t tick = 0;
  WorkstationEventKind kind = WorkstationEventKind::WindowMinimised;
  bool operator==(const WorkstationEvent&) const = default;
};

/** What an instructor asked of a seat from the classroom (docs/classroom.md, seat_commands.kind).
 */
enum class InstructorCommandKind : std::uint8_t {
  Pause = 0,   ///< Hold a practice attempt (no tick runs until resumed).
  Resume = 1,  ///< Let a held practice attempt run again.
  Message = 2, ///< A text the trainee's HUD shows for a few seconds.
  End = 3,     ///< Abandon the attempt ("ended by the instructor").
};

/** Whether the workstation did what the instructor asked. */
enum class InstructorOutcome : std::uint8_t {
  Applied = 0, ///< Done at the tick boundary recorded.
  Refused = 1, ///< Not done: pause and resume are refused in an exam (docs/classroom.md).
};

/**
 * An instructor's command as the workstation applied or refused it (trace format 5, frame `I`,
 * docs/trace-format.md): signed evidence, never fed to the simulation (a pause only holds the
 * ticks, so the inputs and the result are those of an attempt without it).
 */
struct InstructorEvent {
  /** Ticks recorded before the command took effect (its tick boundary); tick / tickRate = s. */
  std::uint64_t tick = 0;
  InstructorCommandKind kind = InstructorCommandKind::Message;
  InstructorOutcome outcome = InstructorOutcome::Applied;
  std::string text; ///< The message (Message), otherwise usually empty; at most 1000 bytes.
  bool operator==(const InstructorEvent&) const = default;
};

/** Longest instructor text a trace keeps, bytes (UTF-8). */
inline constexpr std::size_t kMaxInstructorTextBytes = 1000;

/** "pause", "resume", "message", "end": the seat_commands.kind words. */
[[nodiscard]] std::string_view toString(InstructorCommandKind kind);
/** The kind a seat_commands.kind word names; nullopt for any other word. */
[[nodiscard]] std::optional<InstructorCommandKind> instructorCommandKindFrom(std::string_view word);
/** "applied" or "refused (exam)": the seat_commands.outcome words. */
[[nodiscard]] std::string_view toString(InstructorOutcome outcome);

/**
 * The instructor's commands of a trace in plain words for an examiner, English or zh-CN, with
 * the attempt time in seconds (one decimal) from `tickRate` (> 0), joined with "; ", e.g.
 * "paused by the instructor at 12.0 s; resumed by the instructor at 20.0 s; message from the
 * instructor at 25.0 s: \"slow down\"; pause by the instructor refused at 3.0 s (exam)". Empty
 * when there are none.
 */
[[nodiscard]] std::string describeInstructorEvents(const std::vector<InstructorEvent>& events,
                                                   std::uint32_t tickRate, bool chinese);

/**
 * The workstation events of a trace in plain words for an examiner, in English (`chinese` false)
 * or zh-CN, with the attempt time in seconds (one decimal) from `tickRate` (ticks per second,
 * > 0), e.g. "window minimised at 42.0 s, restored at 57.5 s (away 15.5 s)"; several minimisings
 * are joined with "; ". Empty when there are none.
 */
[[nodiscard]] std::string describeWorkstationEvents(const std::vector<WorkstationEvent>& events,
                                                    std::uint32_t tickRate, bool chinese);

/**
 * A trace as read back by TraceReader: header, every tick's ActionState and, for a complete
 * attempt, the signed result. An incomplete trace (no end record: a crash, a killed process, or an
 * abandoned attempt) carries its reason and never a result.
 */
struct Trace {
  TraceHeader header;
  /** actions[t] = the inputs of tick t; memory grows with the changes, not the ticks. */
  core::ActionTrack actions;
  bool complete = false;        ///< The end record is present and its signature valid.
  std::string incompleteReason; ///< Why there is no result (empty when complete).
  /**
   * For an attempt abandoned at the workstation (a signed abandon record): the reason the writer
   * gave, e.g. "the trainee closed the window before the end"; empty otherwise.
   */
  std::string abandonReason;
  std::optional<assessment::AttemptResult> result; ///< The recorded result (complete only).
  core::Digest resultHash{};                       ///< resultHash(*result) as signed.
  core::Digest fileHash{}; ///< BLAKE2b-256 of the whole file: the "trace hash" of the store.
  /** Workstation events in file order (ticks non-decreasing); empty before format 4. */
  std::vector<WorkstationEvent> events;
  /** The instructor's commands in file order (ticks non-decreasing); empty before format 5. */
  std::vector<InstructorEvent> instructorEvents;

  /** Simulated seconds covered: actions.size() / tickRate. */
  [[nodiscard]] double duration() const {
    return header.tickRate == 0 ? 0.0 : static_cast<double>(actions.size()) / header.tickRate;
  }
};

/**
 * Checks that a trace's inputs belong to a machine with `controls` before it is re-simulated:
 * a version 2 trace must name the same control ids in the same slots; a version 1 trace (no
 * layout recorded) may set only slots the machine declares. Errors (InvalidInput, naming the
 * file and, for version 1, the first tick with an undeclared value): "the trace records controls
 * (a, b) but the scenario's machine declares (c, d)".
 */
[[nodiscard]] core::Expected<void> checkTraceControls(const Trace& trace, const std::string& file,
                                                      const core::ControlLayout& controls);

} // namespace skillsim::records
