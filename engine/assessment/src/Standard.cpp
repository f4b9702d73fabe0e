#include "skillsim/assessment/Standard.h"

namespace skillsim::assessment {

const StandardItem* Standard::findItem(std::string_view itemId) const {
  for (const StandardItem& item : items) {
    if (item.id == itemId) {
      return &item;
    }
  }
  return nullptr;
}

double Standard::totalPoints() const {
  double total = 0.0;
  for (const StandardItem& item : items) {
    total += item.points;
  }
  return total;
}

} // namespace skillsim::assessment
