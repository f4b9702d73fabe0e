#pragma once

#include "skillsim/course/Course.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::course {

/** A trainee's answer to one work-page question, as stored (answered at `answeredUtc`). */
struct Answer {
  std::string questionId;
  /** Single choice: one id; multiple choice: the ids ticked (any order); ordering: item ids. */
  std::vector<std::string> choices;
  std::optional<double> number; ///< Number: the value given.
  std::string unit;             ///< Number: the unit the trainee gave it in.
  std::string text;             ///< Short text.
  std::int64_t answeredUtc = 0; ///< s since 1970-01-01T00:00:00Z.

  friend bool operator==(const Answer&, const Answer&) = default;
};

/** Why a question scored what it did (the words are made at display time). */
enum class AnswerVerdict : std::uint8_t {
  Right,
  Wrong,
  WrongUnit,       ///< A number in a unit of another quantity (kg for m), or unknown: no points.
  Unanswered,      ///< No answer: no points.
  AwaitingTeacher, ///< Short text not marked yet: the work page is not scored yet.
  TeacherMarked,   ///< Short text, marked by the teacher.
};

/** One question's score. */
struct QuestionScore {
  std::string questionId;
  AnswerVerdict verdict = AnswerVerdict::Unanswered;
  double points = 0.0;  ///< Earned, 0..maximum.
  double maximum = 0.0; ///< The question's points.
};

/**
 * Relative rounding allowance of a number answer's tolerance: |given - right| <= tolerance +
 * kToleranceRounding * max(1, |right|), so that 2.6 is within 2.5 ± 0.1 although 2.6 - 2.5 is
 * 0.10000000000000009 in binary floating point.
 */
inline constexpr double kToleranceRounding = 1e-9;

/**
 * Scores one answer (docs/course-format.md, "Scoring a work page"): single choice full points
 * for the right id; multiple choice full points for exactly the right set (order ignored), none
 * otherwise; ordering full points for every item in the right order, none otherwise; number full
 * points within ± tolerance (inclusive, see kToleranceRounding) in the question's unit, a value in
 * another unit of the same quantity converted first (2500 mm for 2.5 m, see convertUnit), none in
 * a unit that does not convert (WrongUnit); short text `teacherPoints` (clamped to 0..points) once
 * marked, else AwaitingTeacher. `answer` null means unanswered.
 */
[[nodiscard]] QuestionScore scoreAnswer(const Question& question, const Answer* answer,
                                        std::optional<double> teacherPoints = std::nullopt);

/**
 * `value` given in unit `from`, expressed in unit `to`; nullopt when either unit is unknown or
 * they measure different quantities. Units are SI symbols and their common Chinese names, with
 * surrounding spaces ignored: length m, cm, mm, km (米, 厘米, 毫米, 千米, 公里); mass kg, g, t
 * (千克, 公斤, 克, 吨); time s, min, h, ms (秒, 分钟, 分, 小时, 毫秒); speed m/s, m/min, km/h,
 * mm/s; force N, kN (牛, 千牛); angle °, deg (度), rad. Equal strings convert to themselves even
 * when unknown, so a course may use any unit a question needs. Factors are the SI definitions
 * (BIPM, The International System of Units, 9th edition, tables 4 and 8).
 */
[[nodiscard]] std::optional<double> convertUnit(double value, std::string_view from,
                                                std::string_view to);

/** A learning task's whole work page, scored. */
struct WorkPageScore {
  std::vector<QuestionScore> questions; ///< Every question of every step, in file order.
  double points = 0.0;                  ///< Earned.
  double maximum = 0.0;                 ///< Possible (LearningTask::workPagePoints()).
  bool complete = false;                ///< False while a short text awaits the teacher's mark.
  /** 100 * points / maximum when complete (100 for a task without questions); else nullopt. */
  [[nodiscard]] std::optional<double> percent() const;
};

/**
 * Scores every question of `task`: `answers` holds the latest answer per question (a later one
 * replaces an earlier one for the same question id), `teacherMarks` the teacher's points per
 * short-text question id.
 */
[[nodiscard]] WorkPageScore
scoreWorkPage(const LearningTask& task, const std::vector<Answer>& answers,
              const std::vector<std::pair<std::string, double>>& teacherMarks = {});

} // namespace skillsim::course
