#pragma once

#include "Criterion.h"

#include <map>
#include <string>
#include <utility>

namespace skillsim::assessment {

/**
 * contact_count: `points` per contact episode as an examiner sees it (ContactCountParams: an
 * episode of a body pair ends only after the pair has been more than `separation` apart for
 * `apartTime`), while the phase runs, up to the criterion's cap. Fed by the simulation's raw
 * contact_begin / contact_end events and the pairs' gaps (Observation::proximities).
 */
class ContactCountCriterion final : public Criterion {
public:
  ContactCountCriterion(std::size_t index, const CriterionSpec& spec,
                        std::optional<std::size_t> phase, std::uint32_t tickRate);
  void onEvent(const EventRef& ref, const Observation& obs, ScoreSheet& sheet,
               const PhaseTracker& phases) override;
  void onTick(const Observation& obs, ScoreSheet& sheet, const PhaseTracker& phases) override;

private:
  /** The two body names of a pair, sorted (either order of subject and other is one pair). */
  using PairKey = std::pair<std::string, std::string>;
  struct Episode {
    int rawOpen = 0;              ///< Raw contact episodes of the pair open now.
    std::uint64_t apartTicks = 0; ///< Ticks in a row more than `separation` apart.
  };
  [[nodiscard]] bool matches(const sim::SimEvent& event) const;
  [[nodiscard]] static PairKey keyOf(const sim::SimEvent& event);

  const ContactCountParams& mParams;
  std::uint64_t mApartTicks = 0;        ///< apartTime in ticks.
  std::map<PairKey, Episode> mEpisodes; ///< Open examiner episodes (ordered: deterministic).
  std::uint32_t mCount = 0;
};

} // namespace skillsim::assessment
