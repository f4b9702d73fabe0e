#include "skillsim/assessment/AttemptResult.h"

#include <array>

namespace skillsim::assessment {
namespace {
constexpr std::array<std::string_view, 4> kCategoryNames = {"safety", "procedure", "quality",
                                                            "efficiency"};
constexpr std::array<std::string_view, 15> kFindingNames = {"contact",
                                                            "event",
                                                            "zone_sequence",
                                                            "placement",
                                                            "not_placed",
                                                            "metric_band",
                                                            "forbidden_action",
                                                            "out_of_order",
                                                            "time_over",
                                                            "time_stopped",
                                                            "missing_end_signal",
                                                            "end_not_observed",
                                                            "controls_not_neutral",
                                                            "end_metric",
                                                            "veto"};
constexpr std::array<std::string_view, 4> kSideNames = {"", "above", "below", "reversed"};

template <typename Enum, std::size_t N>
std::optional<Enum> fromName(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) {
      return static_cast<Enum>(i);
    }
  }
  return std::nullopt;
}
} // namespace

std::string_view toString(FindingKind kind) {
  return kFindingNames.at(static_cast<std::size_t>(kind));
}

std::optional<FindingKind> findingKindFromName(std::string_view name) {
  return fromName<FindingKind>(kFindingNames, name);
}

std::string_view toString(LimitSide side) { return kSideNames.at(static_cast<std::size_t>(side)); }

std::optional<LimitSide> limitSideFromName(std::string_view name) {
  return fromName<LimitSide>(kSideNames, name);
}

std::string_view toString(Category category) {
  return kCategoryNames.at(static_cast<std::size_t>(category));
}

std::optional<Category> categoryFromName(std::string_view name) {
  for (std::size_t i = 0; i < kCategoryNames.size(); ++i) {
    if (kCategoryNames[i] == name) {
      return static_cast<Category>(i);
    }
  }
  return std::nullopt;
}

} // namespace skillsim::assessment
