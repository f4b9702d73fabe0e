#pragma once

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/ActionTrack.h>
#include <skillsim/core/Expected.h>
#include <skillsim/core/Hash.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/Scenario.h>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace skillsim::app {

/** What a timeline mark stands for. */
enum class TimelineMarkKind {
  Deduction,  ///< A deduction decided at `tick` (`deduction` holds it, values and finding).
  Veto,       ///< A veto ("automatic fail") at `tick` (`veto` holds it).
  PhaseStart, ///< Rubric phase `phaseId` started at `tick`.
  PhaseEnd,   ///< Rubric phase `phaseId` ended at `tick`.
};

/**
 * One mark on the replay timeline, from the assessment of the straight re-simulation (never from
 * a keyframe). `tick` is the simulation tick the assessor stamped (Deduction::tick,
 * PhaseSpan::startTick/endTick): position `tick` on the timeline shows the state right after it.
 * The text a user reads is made at display time from these data (messages module).
 */
struct TimelineMark {
  TimelineMarkKind kind = TimelineMarkKind::Deduction;
  std::uint64_t tick = 0;
  std::string phaseId;                            ///< Phase marks: PhaseSpec::id.
  std::optional<assessment::Deduction> deduction; ///< Deduction marks.
  std::optional<assessment::Veto> veto;           ///< Veto marks.
};

/** How a ReplayModel keeps its seek points. */
struct ReplayOptions {
  /**
   * Ticks between keyframes (> 0); the default, 10 s at the scenario's tick rate, is chosen by
   * ReplayModel::create when 0. A seek re-simulates at most this many ticks once its keyframe
   * is built (docs/replay.md gives the measured times).
   */
  std::uint64_t keyframeInterval = 0;
};

/**
 * A recorded attempt made seekable, without a window (issue 17, point 2): the trace's inputs
 * re-simulated through scenario::AttemptRunner, the one stepper, so every state shown is one the
 * trainee's attempt went through.
 *
 * Keyframes: the simulation (Bullet world included) cannot be copied bit-exactly, so a keyframe is
 * a whole AttemptRunner re-simulated from tick 0 up to a multiple of keyframeInterval and kept
 * ("re-simulate from tick 0 and cache state objects"). A seek takes the nearest runner at or
 * before the target (the current one when it is nearer), steps it forward with the trace's inputs
 * and makes it the current one; the keyframe it came from is rebuilt by the next
 * buildKeyframes(). Keyframes are derived state only: the score and the marks come from the
 * straight run made by create(), and a seek then step gives the bit-identical state (stateHash)
 * of a straight run to the same tick (ReplayModelTest).
 *
 * Keyframes can also be built off the caller's thread (startBackgroundKeyframes): a worker with
 * its own simulations builds them, lowest first, and rebuilds those seeks use up; a seek takes
 * only keyframes already built, so the caller (the replay window) never waits for one.
 *
 * One thread calls the model's methods (buildKeyframes may use worker threads inside, and the
 * background worker shares only the keyframe slots with it, under a lock).
 */
class ReplayModel {
public:
  /**
   * Re-simulates `actions` on `scenario` once to the end (as replayAttempt) for the result, the
   * marks and the length, then stands at tick 0. Errors: AttemptRunner::create's (InvalidInput
   * naming the scenario file and field); InvalidInput when the trace has no ticks.
   */
  static core::Expected<std::unique_ptr<ReplayModel>>
  create(const scenario::Scenario& scenario, core::ActionTrack actions, ReplayOptions options = {});

  ReplayModel(const ReplayModel&) = delete;
  ReplayModel& operator=(const ReplayModel&) = delete;
  ~ReplayModel();

  /** Ticks the attempt ran (its last tick): positions run 0..length(). */
  [[nodiscard]] std::uint64_t length() const { return mLength; }
  /** Current position: ticks stepped (the simulation's tick()). */
  [[nodiscard]] std::uint64_t position() const;
  /** Ticks per second of the scenario (for seconds on the timeline). */
  [[nodiscard]] std::uint32_t tickRate() const { return mScenario.tickRate; }
  [[nodiscard]] std::uint64_t keyframeInterval() const { return mInterval; }

  /**
   * Moves to position `tick` (clamped to length()); returns the ticks it re-simulated to get there
   * (0 when already there).
   */
  std::uint64_t seek(std::uint64_t tick);
  /** Steps `ticks` forward (stopping at length()); returns the ticks stepped. */
  std::uint64_t step(std::uint64_t ticks = 1);

  /**
   * Builds the keyframes not yet built (or used up by a seek) at positions up to `upTo` (clamped
   * to length()), each re-simulated from tick 0 on `threads` threads (0: every core). Returns how
   * many it built. Costs about (k / interval) * k / 2 ticks for keyframes up to k.
   */
  std::size_t buildKeyframes(std::uint64_t upTo = UINT64_MAX, unsigned threads = 0);
  /** Keyframes ready now (built and not used up). */
  [[nodiscard]] std::size_t keyframesReady() const;
  /** Keyframes the attempt has room for: length() / keyframeInterval(). */
  [[nodiscard]] std::size_t keyframesTotal() const { return mKeyframes.size(); }

  /**
   * Starts the background worker (once; later calls do nothing): one thread that builds the
   * missing keyframes lowest first, each an AttemptRunner of its own re-simulated from tick 0,
   * then sleeps until a seek uses one up and rebuilds it. It checks for the model's end every
   * `chunkTicks` ticks (> 0), so destroying the model never waits for a whole re-simulation.
   * Keyframes stay derived state: a seek gives the same state whether or not it found one.
   */
  void startBackgroundKeyframes(std::uint64_t chunkTicks = 2400);
  /** True while the background worker runs (between startBackgroundKeyframes and the end). */
  [[nodiscard]] bool backgroundKeyframes() const { return mWorker.joinable(); }

  /** The attempt as it stands at position(): simulation, assessor (running score, phases). */
  [[nodiscard]] const scenario::AttemptRunner& current() const { return *mCurrent; }
  /** current().simulation().stateHash(). */
  [[nodiscard]] core::Digest stateHash() const;

  /** The straight run's result (what verify gives for the trace). */
  [[nodiscard]] const assessment::AttemptResult& result() const { return mResult; }
  /** Every deduction, veto and phase start/end, in tick order (phase starts first on a tie). */
  [[nodiscard]] const std::vector<TimelineMark>& marks() const { return mMarks; }
  [[nodiscard]] const scenario::Scenario& scenario() const { return mScenario; }
  [[nodiscard]] const core::ActionTrack& actions() const { return mActions; }

private:
  ReplayModel(scenario::Scenario scenario, core::ActionTrack actions);
  /** Steps `runner` forward to position `tick` with the trace's inputs. */
  std::uint64_t advanceTo(scenario::AttemptRunner& runner, std::uint64_t tick) const;

  scenario::Scenario mScenario;
  core::ActionTrack mActions;
  std::uint64_t mInterval = 0;
  std::uint64_t mLength = 0;
  assessment::AttemptResult mResult;
  std::vector<TimelineMark> mMarks;
  std::unique_ptr<scenario::AttemptRunner> mCurrent;
  /** The background worker's loop (startBackgroundKeyframes). */
  void buildInBackground(const std::stop_token& stop, std::uint64_t chunkTicks);

  /**
   * mKeyframes[i] stands at position (i + 1) * mInterval, or is empty (not built / used up).
   * Guarded by mKeyframesMutex (the background worker fills slots while seeks take them).
   */
  std::vector<std::unique_ptr<scenario::AttemptRunner>> mKeyframes;
  mutable std::mutex mKeyframesMutex;
  std::condition_variable_any mKeyframeUsed; ///< A seek took one: the worker has work again.
  /** Last member: stopped and joined before the rest is destroyed. */
  std::jthread mWorker;
};

} // namespace skillsim::app
