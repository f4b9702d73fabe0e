#pragma once

#include "skillsim/core/ActionState.h"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <vector>

namespace skillsim::core {

/**
 * The inputs of every tick of an attempt, from tick 0, stored as the ticks where they change:
 * memory grows with the number of changes, not with the attempt's length (a trace declaring 4 h
 * at 1000 Hz with nothing changing is 14.4 M ticks but one run). Reads as a sequence of
 * ActionStates: `track[t]` is the input of tick t. Plain data; equality compares the sequences
 * (two tracks with the same ticks are equal however they were built).
 */
class ActionTrack {
public:
  ActionTrack() = default;
  /** The ticks of `ticks`, in order (ticks[t] = tick t). */
  explicit ActionTrack(std::span<const ActionState> ticks);

  /** Ticks held. */
  [[nodiscard]] std::size_t size() const { return mSize; }
  [[nodiscard]] bool empty() const { return mSize == 0; }
  /** The input of tick `tick`; O(log changes). Contract: tick < size(). */
  [[nodiscard]] const ActionState& operator[](std::size_t tick) const;
  /** The last tick's input. Contract: !empty(). */
  [[nodiscard]] const ActionState& back() const { return mRuns.back().state; }
  /** Appends one tick. */
  void push_back(const ActionState& state) { append(state, 1); }
  /** Appends `count` ticks of `state` (count 0 appends nothing). */
  void append(const ActionState& state, std::uint64_t count);
  /** Number of runs (a run = consecutive equal ticks): what the track's memory grows with. */
  [[nodiscard]] std::size_t runCount() const { return mRuns.size(); }
  /** Every tick, expanded (for small tracks and tests: memory grows with size()). */
  [[nodiscard]] std::vector<ActionState> toVector() const;

  /** Forward iterator over the ticks; sequential reads are O(1) each. */
  class const_iterator {
  public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = ActionState;
    using difference_type = std::ptrdiff_t;
    using pointer = const ActionState*;
    using reference = const ActionState&;

    const_iterator() = default;
    reference operator*() const { return mTrack->mRuns[mRun].state; }
    pointer operator->() const { return &mTrack->mRuns[mRun].state; }
    const_iterator& operator++();
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) {
      return a.mTick == b.mTick;
    }

  private:
    friend class ActionTrack;
    const_iterator(const ActionTrack* track, std::size_t tick, std::size_t run)
        : mTrack(track), mTick(tick), mRun(run) {}
    const ActionTrack* mTrack = nullptr;
    std::size_t mTick = 0;
    std::size_t mRun = 0;
  };

  [[nodiscard]] const_iterator begin() const { return {this, 0, 0}; }
  [[nodiscard]] const_iterator end() const { return {this, mSize, mRuns.size()}; }

  friend bool operator==(const ActionTrack& a, const ActionTrack& b) {
    return a.mSize == b.mSize && a.mRuns == b.mRuns;
  }

private:
  struct Run {
    std::uint64_t first = 0; ///< First tick of the run.
    ActionState state;
    friend bool operator==(const Run&, const Run&) = default;
  };
  std::vector<Run> mRuns; ///< By first tick; neighbours differ in state.
  std::size_t mSize = 0;
};

} // namespace skillsim::core
