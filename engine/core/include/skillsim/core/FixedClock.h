#pragma once

#include <cstdint>

namespace skillsim::core {

/**
 * Lowest tick rate a scenario may declare (Hz): below it ropes and contacts are not
 * resolved (DESIGN.md, fixed timestep).
 */
inline constexpr std::uint32_t kMinScenarioTickRate = 30;
/**
 * Highest tick rate anything accepts (Hz): a scenario's `tick_rate` and a trace's header share
 * this one limit, so every scenario that loads can be recorded and replayed (issue 20 point 8).
 */
inline constexpr std::uint32_t kMaxTickRate = 2000;

/**
 * The simulation's clock: a tick counter at a fixed rate. Time is derived from the tick count,
 * never accumulated, so `secondsAt(n)` is the same bit pattern on every run (the determinism
 * contract, DESIGN.md). No wall clock is read.
 */
class FixedClock {
public:
  /** Default tick rate, 240 Hz (DESIGN.md: fixed timestep 1/240 s). */
  static constexpr std::uint32_t kDefaultTickRate = 240;

  /**
   * @param tickRate ticks per second, in [1, 10000]; outside that is a contract violation
   *        (the scenario loader validates user input before it gets here).
   */
  explicit FixedClock(std::uint32_t tickRate = kDefaultTickRate);

  /** Ticks per second. */
  [[nodiscard]] std::uint32_t tickRate() const noexcept { return mTickRate; }
  /** Length of one tick in seconds: 1 / tickRate. */
  [[nodiscard]] double dt() const noexcept { return mDt; }
  /** Ticks advanced so far. */
  [[nodiscard]] std::uint64_t tick() const noexcept { return mTick; }
  /** Seconds since tick 0: tick / tickRate. */
  [[nodiscard]] double now() const noexcept { return secondsAt(mTick); }
  /** Seconds at an arbitrary tick: tick / tickRate, exact for any tick below 2^53. */
  [[nodiscard]] double secondsAt(std::uint64_t tick) const noexcept;
  /** The first tick at or after `seconds` (seconds >= 0): ceil(seconds * tickRate). */
  [[nodiscard]] std::uint64_t tickAt(double seconds) const;

  /** Advances one tick and returns the new tick number. */
  std::uint64_t advance() noexcept { return ++mTick; }
  /** Back to tick 0. */
  void reset() noexcept { mTick = 0; }

private:
  std::uint32_t mTickRate;
  double mDt;
  std::uint64_t mTick = 0;
};

} // namespace skillsim::core
