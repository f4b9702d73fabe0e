#include "skillsim/assessment/AttemptResult.h"

#include <array>

namespace skillsim::assessment {
namespace {
constexpr std::array<std::string_view, 4> kCategoryNames = {"safety", "procedure", "quality",
                                                            "efficiency"};
} // namespace

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
