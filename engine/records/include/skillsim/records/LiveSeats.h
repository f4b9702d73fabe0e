#pragma once

// Live seats of a classroom (issue 19, point 2; docs/classroom.md): each workstation running an
// attempt with a PostgreSQL store publishes its state about once a second into the table
// live_seats (schema 8) and sends NOTIFY skillsim_live_seats; the instructor's classroom view
// reads the table. Publishing runs on a thread of its own with its own connection and a one-slot
// mailbox, so the simulation never waits for the database: a dead or slow server only loses live
// updates. SQLite stores have no live seats (there is no server for a room to share).

#include "skillsim/records/ResultsStore.h"
#include "skillsim/records/Trace.h"

#include <skillsim/core/Expected.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace skillsim::records {

/**
 * The unit a live readout carries when its metric is a flag (1 while a condition holds, else 0):
 * the classroom shows its label while it is on and nothing while it is off, as the HUD does.
 */
inline constexpr const char* kLiveFlagUnit = "flag";

/** One readout of the machine as the trainee's HUD shows it (from the machine's ReadoutDecl). */
struct LiveReadout {
  std::string metric;  ///< The metric's name (not shown to users; for tools).
  std::string labelZh; ///< The metric's declared zh-CN label.
  std::string labelEn; ///< The metric's declared English label.
  std::string unit;    ///< Its declared unit ("m", "m/s", …; kLiveFlagUnit for a 0/1 flag).
  double value = 0.0;  ///< In that unit.
  int precision = 1;   ///< Decimals the HUD shows.
  /** The machine's declared word for the value (sim::ReadoutDecl::words), zh-CN and English;
   * empty when it has none (the reader shows the number). JSON keys word_zh, word_en, optional. */
  std::string wordZh{};
  std::string wordEn{};
  friend bool operator==(const LiveReadout&, const LiveReadout&) = default;
};

/** The seat's latest deduction as data; the reader makes its text at display time. */
struct LiveDeduction {
  std::string itemId;
  std::string criterionId;
  double points = 0.0;   ///< Points taken.
  double timeS = 0.0;    ///< Attempt time of the deduction, s.
  double measured = 0.0; ///< The measured value that crossed the band (the criterion's unit).
  friend bool operator==(const LiveDeduction&, const LiveDeduction&) = default;
};

/** What one seat publishes (a row of live_seats). */
struct LiveSeatState {
  std::string seat;       ///< The workstation's seat name (`--seat`, default the host name).
  std::string traineeId;  ///< The trainee at the seat.
  std::string scenarioId; ///< The scenario's id.
  std::string mode;       ///< "practice" or "exam".
  std::string phase;      ///< The assessor's current phase id ("" before the first).
  bool paused = false;    ///< The attempt is paused.
  double elapsedS = 0.0;  ///< Attempt time, s (ticks run / tick rate).
  std::uint64_t tick = 0; ///< Ticks run.
  double score = 0.0;     ///< Running score, points.
  double maxScore = 0.0;  ///< The rubric's maximum, points.
  std::optional<LiveDeduction> lastDeduction;
  std::vector<LiveReadout> readouts;
  /** The watched point seen from above (MachineDecl::planX/planZ), m, world. */
  double planX = 0.0, planZ = 0.0;
  /** The working area (MachineDecl::sceneCentre x/z and sceneExtent), m, for the minimap. */
  double areaCentreX = 0.0, areaCentreZ = 0.0, areaExtent = 30.0;
  friend bool operator==(const LiveSeatState&, const LiveSeatState&) = default;
};

/** A seat as the classroom reads it: the state and how long ago it was published. */
struct LiveSeatRow {
  LiveSeatState state;
  double ageS = 0.0;   ///< Seconds since the last publish, on the database server's clock.
  bool online = false; ///< ageS <= kLiveSeatOfflineAfterS.
};

/** A seat that has not published for longer than this (s) reads as offline (issue: within 5 s). */
inline constexpr double kLiveSeatOfflineAfterS = 3.0;

/** The NOTIFY channel a publish signals (payload: the seat name). */
inline constexpr const char* kLiveSeatsChannel = "skillsim_live_seats";

/** Encodes / decodes readouts and the deduction as the JSON kept in live_seats (docs/classroom.md).
 */
std::string liveReadoutsToJson(const std::vector<LiveReadout>& readouts);
/** Errors: InvalidInput naming the field when `json` is not a readouts array. */
core::Expected<std::vector<LiveReadout>> liveReadoutsFromJson(const std::string& json);

/**
 * Reads every seat of live_seats at `location` (a postgresql:// URL; the store is migrated to
 * schema 8 first), ordered by seat name. Errors: Unsupported for an SQLite location (live seats
 * need PostgreSQL); Unavailable when the server cannot be reached; InvalidInput naming the seat
 * and field for a row that does not decode.
 */
core::Expected<std::vector<LiveSeatRow>> readLiveSeats(const std::string& location,
                                                       const StoreOptions& options = {});

/** One pending row of seat_commands: what the instructor asked of a seat (docs/classroom.md). */
struct SeatCommand {
  std::int64_t id = 0; ///< seat_commands.id (increasing in the order sent).
  std::string seat;
  InstructorCommandKind kind = InstructorCommandKind::Message;
  std::string text; ///< The message for Message; may be empty otherwise.
  friend bool operator==(const SeatCommand&, const SeatCommand&) = default;
};

/** How often a publisher that listens for a seat's commands looks for new ones, s. */
inline constexpr double kSeatCommandPollS = 0.25;

/** The outcome word written for a command pending when a seat's publisher first connected. */
inline constexpr const char* kSeatCommandExpired =
    "expired (sent while no attempt ran at the seat)";

/**
 * The seat's commands not yet applied (applied_tick NULL) with id > `afterId`, oldest first, at
 * `location` (postgresql://; the store is migrated first). Errors: Unsupported for SQLite;
 * Unavailable when the server cannot be reached; InvalidInput naming the command id for a kind
 * word this build does not know.
 */
core::Expected<std::vector<SeatCommand>> pendingSeatCommands(const std::string& location,
                                                             const std::string& seat,
                                                             std::int64_t afterId = 0,
                                                             const StoreOptions& options = {});

/**
 * Marks command `id` applied at `tick` (ticks run when it took effect) with `outcome`
 * ("applied", "refused (exam)"), only if it is not marked yet, so a command is marked exactly
 * once. Returns whether this call marked it. Errors: as pendingSeatCommands.
 */
core::Expected<bool> markSeatCommand(const std::string& location, std::int64_t id,
                                     std::int64_t tick, const std::string& outcome,
                                     const StoreOptions& options = {});

/**
 * Publishes one workstation's live state from a thread of its own. offer() never blocks on the
 * database: it replaces whatever state is waiting in the one-slot mailbox (latest state wins).
 * The thread upserts the state into live_seats and NOTIFYs; when the server is down it drops the
 * state, and reconnects with back-off (0.25 s doubling to 4 s). The destructor stops the thread
 * (it waits at most for the statement in flight, bounded by connect_timeout / lock_timeout).
 */
class LiveSeatPublisher {
public:
  /** Counters for tests and the load test (docs/classroom.md). */
  struct Stats {
    std::uint64_t offered = 0;    ///< States handed to offer().
    std::uint64_t published = 0;  ///< States written to live_seats.
    std::uint64_t replaced = 0;   ///< States replaced in the mailbox before the thread took them.
    std::uint64_t failed = 0;     ///< States lost to a database error.
    std::uint64_t reconnects = 0; ///< Connections opened after the first.
  };

  /**
   * Starts the thread for the store at `location`. Errors: Unsupported for an SQLite location
   * (live seats need PostgreSQL), InvalidInput for an empty one. The server need not be up.
   */
  static core::Expected<std::unique_ptr<LiveSeatPublisher>> start(const std::string& location,
                                                                  StoreOptions options = {});
  /**
   * As start(), and the thread also fetches `seat`'s pending seat_commands every
   * kSeatCommandPollS s for takeCommands(), and writes the marks given to markApplied(). Commands
   * still pending when the thread first connects were sent while no attempt ran there: they are
   * marked kSeatCommandExpired (applied_tick -1) instead of being applied to this attempt.
   */
  static core::Expected<std::unique_ptr<LiveSeatPublisher>>
  startForSeat(const std::string& location, const std::string& seat, StoreOptions options = {});
  ~LiveSeatPublisher();
  LiveSeatPublisher(const LiveSeatPublisher&) = delete;
  LiveSeatPublisher& operator=(const LiveSeatPublisher&) = delete;

  /** Hands `state` to the thread; returns at once (a mutex held only to swap the slot). */
  void offer(LiveSeatState state);
  /** Waits until the mailbox and the marks are empty and the thread idle, at most `timeoutS` s. */
  bool flush(double timeoutS);
  [[nodiscard]] Stats stats() const;

  /** The commands fetched since the last call, oldest first (a mutex held only to swap). */
  std::vector<SeatCommand> takeCommands();
  /**
   * Queues the mark of command `id`: applied at `tick` with `outcome` (seat_commands.outcome);
   * the thread writes it (again after an outage until it is written). Returns at once.
   */
  void markApplied(std::int64_t id, std::uint64_t tick, InstructorOutcome outcome);
  /** Commands fetched and marks written so far (tests). */
  [[nodiscard]] std::uint64_t commandsFetched() const;
  [[nodiscard]] std::uint64_t commandsMarked() const;

private:
  struct Mark {
    std::int64_t id = 0;
    std::int64_t tick = 0;
    std::string outcome;
  };
  LiveSeatPublisher(std::string location, StoreOptions options, std::string seat);
  void run();

  std::string mLocation;
  StoreOptions mOptions;
  mutable std::mutex mMutex;
  std::condition_variable mWake;
  std::optional<LiveSeatState> mSlot;
  bool mBusy = false;
  bool mStop = false;
  Stats mStats;
  std::string mSeat; ///< Whose commands to fetch; empty = none.
  std::vector<SeatCommand> mInbox;
  std::deque<Mark> mMarks;
  std::uint64_t mFetched = 0, mMarked = 0;
  std::thread mThread;
};

// ---- The classroom's reader: one connection kept between reads ------------------------------

class SqlConnection;

/**
 * Reads live_seats as readLiveSeats does, over one connection kept open between reads (the
 * classroom window reads every 0.5 s; readLiveSeats opens the store and a connection each time).
 * The store is migrated once, by open(). A read whose connection was lost reconnects once and
 * tries again.
 */
class LiveSeatReader {
public:
  /**
   * Opens the store at `location` (a postgresql:// URL), migrating it to schema 8, and a
   * connection. Errors: as readLiveSeats (Unsupported for SQLite, Unavailable when unreachable).
   */
  static core::Expected<std::unique_ptr<LiveSeatReader>> open(const std::string& location,
                                                              const StoreOptions& options = {});
  ~LiveSeatReader();
  LiveSeatReader(const LiveSeatReader&) = delete;
  LiveSeatReader& operator=(const LiveSeatReader&) = delete;
  /** Every seat, ordered by name. Errors: as readLiveSeats. */
  core::Expected<std::vector<LiveSeatRow>> read();

private:
  LiveSeatReader(std::string location, StoreOptions options);
  std::string mLocation;
  StoreOptions mOptions;
  std::unique_ptr<SqlConnection> mDb;
};

// ---- Instructor commands: sending (the classroom window, `skillsim classroom`) ----------------

/** The commands an instructor sends to a seat (seat_commands.kind, schema 8). */
inline constexpr std::array<std::string_view, 4> kSeatCommandKinds{"pause", "resume", "message",
                                                                   "end"};

/** True when `kind` is one of kSeatCommandKinds. */
[[nodiscard]] bool isSeatCommandKind(std::string_view kind);

/**
 * Sends one instructor command to `seat`: INSERTs a row into seat_commands at `location` (a
 * postgresql:// URL; the store is migrated to schema 8 first) with sent_unix the server's clock
 * (s since 1970) and applied_tick NULL, for the workstation to apply at its next tick boundary.
 * `text` is the message a "message" command shows on the trainee's HUD ("" for the others).
 * Returns the row's id. Errors: Unsupported for an SQLite location; InvalidInput for an empty
 * seat, a kind not in kSeatCommandKinds, or a "message" with empty text; Unavailable when the
 * server cannot be reached.
 */
core::Expected<std::int64_t> sendSeatCommand(const std::string& location, const std::string& seat,
                                             const std::string& kind, const std::string& text,
                                             const StoreOptions& options = {});

} // namespace skillsim::records
