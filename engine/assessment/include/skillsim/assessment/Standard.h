#pragma once

#include "skillsim/assessment/AttemptResult.h"

#include <string>
#include <string_view>
#include <vector>

namespace skillsim::assessment {

/**
 * One item of a certificate standard: what an examiner scores (e.g. Q2 practical "moving a bucket
 * along a curved path and setting it down precisely", 50 points). Read from
 * `assets/standards/<id>.toml` (docs/standard-format.md).
 */
struct StandardItem {
  std::string id;     ///< Unique within the standard; rubric criteria name it.
  std::string clause; ///< Clause reference in the published standard, free text.
  Category category = Category::Procedure;
  double points = 0.0; ///< Maximum points (>= 0); veto items usually carry 0.
  bool veto = false;   ///< An "automatic fail" item: when its criterion fires the attempt fails.
  /** The point value is not published and was proposed locally (EXAMS.md); shown in reports. */
  bool proposed = false;
  std::string descriptionZh;
  std::string descriptionEn;
};

/** A certificate level reached at or above a number of points (e.g. 初级 / 中级 / 高级). */
struct StandardLevel {
  std::string id;
  std::string titleZh;
  std::string titleEn;
  double minPoints = 0.0; ///< Points needed for this level (and a pass, and no veto).
};

/** A certificate standard as data: its items, pass mark and levels. */
struct Standard {
  std::string id; ///< File name stem under assets/standards/, e.g. "q2-practical".
  std::string version;
  std::string titleZh;
  std::string titleEn;
  std::string issuerZh; ///< Issuing body.
  std::string issuerEn;
  std::string trade; ///< e.g. "overhead_crane"; a scenario's trade must match.
  std::vector<StandardItem> items;
  double passMark = 0.0; ///< Points needed to pass (<= totalPoints()).
  /** In ascending order of minPoints; may be empty (a plain pass/fail licence such as Q2). */
  std::vector<StandardLevel> levels;

  /** The item with this id, or nullptr. */
  [[nodiscard]] const StandardItem* findItem(std::string_view itemId) const;
  /** Sum of the items' points. */
  [[nodiscard]] double totalPoints() const;
};

} // namespace skillsim::assessment
