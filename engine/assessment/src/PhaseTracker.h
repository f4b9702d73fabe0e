#pragma once

#include "Observation.h"
#include "TriggerState.h"
#include "skillsim/assessment/Rubric.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::assessment {

/** Opens and closes the rubric's phases as events arrive (see PhaseSpec for the rules). */
class PhaseTracker {
public:
  enum class State : std::uint8_t { NotStarted, Active, Ended };

  explicit PhaseTracker(const std::vector<PhaseSpec>& phases);

  /** Ends the phases `ref` ends, then starts the ones it starts. */
  void process(const EventRef& ref, std::uint64_t tick);
  /** Closes every active phase at the attempt's end (pseudo event "end"). */
  void closeAll(std::uint64_t tick);

  /** Number of phases (the rubric's, in its order). */
  [[nodiscard]] std::size_t size() const { return mPhases.size(); }
  /** The id of phase `index`. */
  [[nodiscard]] const std::string& id(std::size_t index) const { return mPhases.at(index).id; }
  [[nodiscard]] std::optional<std::size_t> indexOf(const std::string& id) const;
  [[nodiscard]] State state(std::size_t index) const { return mPhases.at(index).state; }
  [[nodiscard]] bool active(std::size_t index) const { return state(index) == State::Active; }
  [[nodiscard]] bool ended(const std::string& id) const;
  [[nodiscard]] std::uint64_t startTick(std::size_t index) const {
    return mPhases.at(index).startTick;
  }
  [[nodiscard]] std::uint64_t endTick(std::size_t index) const { return mPhases.at(index).endTick; }
  /** Callable for TriggerState: has the named phase ended? */
  [[nodiscard]] std::function<bool(const std::string&)> endedQuery() const;

private:
  struct Phase {
    std::string id;
    TriggerState start;
    TriggerState end;
    State state = State::NotStarted;
    std::uint64_t startTick = 0;
    std::uint64_t endTick = 0;
  };
  std::vector<Phase> mPhases;
};

} // namespace skillsim::assessment
