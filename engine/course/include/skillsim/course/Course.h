#pragma once

#include <skillsim/core/Error.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::course {

/** The `format` value of a course file (docs/course-format.md). */
inline constexpr std::string_view kCourseFormat = "skillsim.course/1";

/** A text in both languages a course is written in; neither is empty in a valid file. */
struct LocalizedText {
  std::string zh; ///< Simplified Chinese (zh-CN).
  std::string en; ///< English.

  friend bool operator==(const LocalizedText&, const LocalizedText&) = default;
};

/**
 * The six steps of a complete action (完整的行动, the integrated work-study model 工学一体化),
 * in the order a learning task runs through them.
 */
enum class StepKind : std::uint8_t {
  GetInformation, ///< 获取信息 `get_information`
  Plan,           ///< 制定计划 `plan`
  Decide,         ///< 做出决策 `decide`
  CarryOut,       ///< 实施计划 `carry_out`: the simulator's practice and exam attempts
  Check,          ///< 检查控制 `check`: the trainee rates their own best attempt
  Evaluate,       ///< 评价反馈 `evaluate`: reflection, the teacher's and mentor's ratings
};

/** All six, in order. */
inline constexpr StepKind kAllSteps[] = {StepKind::GetInformation, StepKind::Plan,
                                         StepKind::Decide,         StepKind::CarryOut,
                                         StepKind::Check,          StepKind::Evaluate};

/** The file's name of a step (`get_information` …). */
[[nodiscard]] std::string_view stepKey(StepKind kind);
/** The step's name for people: 获取信息 / Get information … */
[[nodiscard]] LocalizedText stepName(StepKind kind);
/** The step for a file name; nullopt for an unknown one. */
[[nodiscard]] std::optional<StepKind> stepFromKey(std::string_view key);

/** What kind of answer a work-page question takes (docs/course-format.md, "Questions"). */
enum class QuestionKind : std::uint8_t {
  SingleChoice,   ///< `single_choice`: one choice id; full points or none.
  MultipleChoice, ///< `multiple_choice`: a set of choice ids; full points for exactly the set.
  Ordering,       ///< `ordering`: every item id in the right order.
  Number,         ///< `number`: a number in the stated unit, right within ± tolerance.
  ShortText,      ///< `short_text`: free text the teacher marks against `guidance`.
};

/** The file's name of a question kind (`single_choice` …). */
[[nodiscard]] std::string_view questionKindKey(QuestionKind kind);

/** One choice of a choice question, or one item of an ordering question. */
struct Choice {
  std::string id; ///< Lowercase identifier, unique in its question.
  LocalizedText text;
};

/** A guiding question (引导问题) of a work page. */
struct Question {
  std::string id; ///< Unique in its learning task.
  QuestionKind kind = QuestionKind::SingleChoice;
  LocalizedText prompt;
  double points = 0.0; ///< What a right answer earns (> 0).
  /** Choices (single/multiple choice) or the items to order (ordering), as shown. */
  std::vector<Choice> choices;
  /**
   * The right answer: single choice one id; multiple choice the ids of every right choice (at
   * least one); ordering every item id in the right order. Empty for number and short text.
   */
  std::vector<std::string> answer;
  double number = 0.0;    ///< Number: the right value, in `unit`.
  double tolerance = 0.0; ///< Number: accepted when |given - number| <= tolerance (≥ 0, `unit`).
  std::string unit;       ///< Number: the unit the answer is given in ("m", "kg", "s", "t" …).
  LocalizedText guidance; ///< Short text: what the teacher looks for when marking.
  core::SourceLocation location; ///< The question's table in the course file.
};

/** An item of a plan checklist (the plan step) that the teacher approves. */
struct ChecklistItem {
  std::string id;
  LocalizedText text;
};

/** One of the six steps of a learning task with its work page (工作页). */
struct Step {
  StepKind kind = StepKind::GetInformation;
  LocalizedText guidance;               ///< What the trainee does in this step.
  std::vector<Question> questions;      ///< The work page's guiding questions (may be empty).
  std::vector<ChecklistItem> checklist; ///< Plan step only: the plan checklist.
};

/**
 * The rules that move a trainee on in one learning task (docs/course-format.md, "Gating").
 * The exam attempt unlocks when the plan is approved (if required) and at least
 * `minPracticeAttempts` completed practice attempts exist, of which the last `lastPracticeCount`
 * each scored at least `lastPracticeMinPercent`.
 */
struct Gating {
  std::vector<std::string> after; ///< Learning tasks that must be done before this one opens.
  bool planApprovedByTeacher = true;
  int minPracticeAttempts = 0;           ///< 0..100.
  int lastPracticeCount = 0;             ///< 0..minPracticeAttempts.
  double lastPracticeMinPercent = 0.0;   ///< 0..100, percent of the scenario's maximum.
  bool selfCheckBeforeEvaluation = true; ///< The check step's self-rating before evaluation.
};

/**
 * The weights of a learning task's score (docs/course-format.md, "Assessment"): each in [0, 1],
 * summing to 1; each part is a percentage 0..100.
 */
struct Weights {
  double workPage = 0.0;       ///< Work-page questions' points earned / points possible.
  double simulator = 0.0;      ///< The exam attempt's score / its maximum.
  double selfAssessment = 0.0; ///< Accuracy of the check step's self-rating.
  double teacher = 0.0;        ///< The teacher's rating on `teacherRubric`.
  double mentor = 0.0;         ///< The enterprise mentor's rating on the signed job card.

  friend bool operator==(const Weights&, const Weights&) = default;
};

/** A rated item of a teacher's or mentor's rubric: rated 0..maxRating. */
struct RubricItem {
  std::string id;
  LocalizedText text;
  int maxRating = 5; ///< 1..10.
};

/** How a course assesses its learning tasks; a learning task may override the weights. */
struct Assessment {
  Weights weights;
  std::vector<RubricItem> teacherRubric; ///< What the teacher rates in the evaluate step.
  /** What the enterprise mentor ticks and rates on a job card. */
  std::vector<RubricItem> mentorRubric;
};

/** A learning task (学习任务): one scenario's practice and exam, through the six steps. */
struct LearningTask {
  std::string id;       ///< Unique in the course.
  std::string workTask; ///< The typical work task it belongs to (WorkTask::id).
  LocalizedText title;
  std::string practiceScenario; ///< Scenario id (`id` of a scenario file) for practice attempts.
  std::string examScenario;     ///< Scenario id of the exam attempt (may equal the practice one).
  std::vector<Step> steps;      ///< Exactly the six, in kAllSteps order.
  Gating gating;
  Weights weights; ///< The course's, or the task's own `weights`.
  core::SourceLocation location;
  core::SourceLocation practiceLocation; ///< Where `practice_scenario` is written.
  core::SourceLocation examLocation;     ///< Where `exam_scenario` is written.

  [[nodiscard]] const Step& step(StepKind kind) const;
  /** The step whose work page holds question `questionId`; null when none does. */
  [[nodiscard]] const Step* stepOfQuestion(std::string_view questionId) const;
  /** Sum of every question's points on every work page. */
  [[nodiscard]] double workPagePoints() const;
};

/** A typical work task (典型工作任务) of the trade. */
struct WorkTask {
  std::string id;
  LocalizedText title;
  LocalizedText description;
};

/** A course file, validated (docs/course-format.md). */
struct Course {
  std::string id;      ///< e.g. "q2_operator".
  std::string version; ///< The author's version string.
  std::string trade;   ///< The trade's machine kind, as scenario files name it.
  LocalizedText title;
  LocalizedText description;
  Assessment assessment;
  std::vector<WorkTask> workTasks;
  std::vector<LearningTask> learningTasks; ///< In file order.
  std::string sourceFile;

  /** The learning task with this id, or null. */
  [[nodiscard]] const LearningTask* learningTask(std::string_view id) const;
};

} // namespace skillsim::course
