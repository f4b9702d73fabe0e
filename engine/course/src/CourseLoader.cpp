#include "skillsim/course/CourseLoader.h"

#include <skillsim/readers/Diagnostics.h>
#include <skillsim/readers/TableReader.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace skillsim::course {
namespace {

using readers::Need;
using readers::Range;
using readers::TableReader;

constexpr double kWeightSumTolerance = 1e-9;

bool isIdentifier(const std::string& id) {
  return !id.empty() && (id[0] >= 'a' && id[0] <= 'z') &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

bool isScenarioId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

core::SourceLocation locationOf(const toml::node& node, const std::string& file,
                                std::string fieldPath) {
  const toml::source_position& at = node.source().begin;
  return core::SourceLocation{file, at.line, at.column, std::move(fieldPath), std::nullopt};
}

/** A required, non-empty string ("" when missing, of the wrong type or empty; reported). */
std::string text(TableReader& reader, std::string_view key) {
  std::optional<std::string> value = reader.string(key, Need::Required);
  if (value && value->empty()) {
    reader.problem(key, "must not be empty");
  }
  return value.value_or(std::string{});
}

/** A required lowercase identifier. */
std::string identifier(TableReader& reader, std::string_view key) {
  std::string id = text(reader, key);
  if (!id.empty() && !isIdentifier(id)) {
    reader.problem(key, "'" + id +
                            "' must start with a lowercase letter and use lowercase letters, "
                            "digits and '_' only");
    return {};
  }
  return id;
}

/** Reads zh and en out of an already opened table (a choice's `{ id, zh, en }`). */
LocalizedText localizedHere(TableReader& reader) {
  return {text(reader, "zh"), text(reader, "en")};
}

/** A `{ zh = "...", en = "..." }` table. */
LocalizedText localized(TableReader& reader, std::string_view key, Need need = Need::Required) {
  const toml::table* table = reader.table(key, need);
  if (table == nullptr) {
    return {};
  }
  TableReader inner(*table, reader.fieldPath(key), reader.diagnostics());
  LocalizedText out = localizedHere(inner);
  inner.finish();
  return out;
}

/** A list of `{ id, zh, en }` (choices, ordering items, checklist items), ids unique. */
std::vector<Choice> choiceList(TableReader& reader, std::string_view key, Need need) {
  std::vector<Choice> out;
  std::vector<const toml::table*> tables = reader.tables(key, need);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] == nullptr) {
      continue;
    }
    TableReader item(*tables[i], reader.fieldPath(key) + "[" + std::to_string(i) + "]",
                     reader.diagnostics());
    Choice choice;
    choice.id = identifier(item, "id");
    choice.text = localizedHere(item);
    item.finish();
    if (!choice.id.empty() && !seen.insert(choice.id).second) {
      item.problem("id", "id '" + choice.id + "' is already used in " + reader.fieldPath(key));
    }
    out.push_back(std::move(choice));
  }
  if (need == Need::Required && reader.raw().get(key) != nullptr && tables.empty()) {
    reader.problem(key, "expected at least one entry");
  }
  return out;
}

std::string idList(const std::vector<Choice>& choices) {
  std::vector<std::string> ids;
  for (const Choice& c : choices) {
    ids.push_back(c.id);
  }
  return readers::listChoices(ids);
}

const std::vector<std::string> kQuestionKinds = {"single_choice", "multiple_choice", "ordering",
                                                 "number", "short_text"};

Question readQuestion(TableReader& reader, const std::string& file) {
  Question q;
  q.location = locationOf(reader.raw(), file, reader.path());
  q.id = identifier(reader, "id");
  std::optional<std::string> kind = reader.choice("kind", Need::Required, kQuestionKinds);
  q.prompt = localized(reader, "prompt");
  q.points = reader.number("points", Need::Required, Range::positive()).value_or(0.0);
  if (!kind) {
    // Without a kind the other keys cannot be judged: accept them as known, report none twice.
    for (const char* key : {"choices", "items", "answer", "unit", "tolerance", "guidance"}) {
      reader.allow(key);
    }
    return q;
  }
  const std::size_t index = static_cast<std::size_t>(
      std::find(kQuestionKinds.begin(), kQuestionKinds.end(), *kind) - kQuestionKinds.begin());
  q.kind = static_cast<QuestionKind>(index);
  switch (q.kind) {
  case QuestionKind::SingleChoice: {
    q.choices = choiceList(reader, "choices", Need::Required);
    std::optional<std::string> answer = reader.string("answer", Need::Required);
    if (q.choices.size() == 1) {
      reader.problem("choices", "a choice question needs at least two choices");
    }
    if (answer) {
      bool known = std::any_of(q.choices.begin(), q.choices.end(),
                               [&](const Choice& c) { return c.id == *answer; });
      if (!known && !q.choices.empty()) {
        reader.problem("answer", "answer '" + *answer + "' is not one of the choices (" +
                                     idList(q.choices) + ")");
      }
      q.answer = {*answer};
    }
    break;
  }
  case QuestionKind::MultipleChoice: {
    q.choices = choiceList(reader, "choices", Need::Required);
    std::optional<std::vector<std::string>> answer = reader.strings("answer", Need::Required);
    if (q.choices.size() == 1) {
      reader.problem("choices", "a choice question needs at least two choices");
    }
    if (answer) {
      std::set<std::string> seen;
      if (answer->empty()) {
        reader.problem("answer", "a multiple-choice question needs at least one right choice");
      }
      for (const std::string& id : *answer) {
        bool known = std::any_of(q.choices.begin(), q.choices.end(),
                                 [&](const Choice& c) { return c.id == id; });
        if (!known && !q.choices.empty()) {
          reader.problem("answer", "answer '" + id + "' is not one of the choices (" +
                                       idList(q.choices) + ")");
        } else if (!seen.insert(id).second) {
          reader.problem("answer", "answer '" + id + "' is listed twice");
        }
      }
      q.answer = *answer;
    }
    break;
  }
  case QuestionKind::Ordering: {
    q.choices = choiceList(reader, "items", Need::Required);
    std::optional<std::vector<std::string>> answer = reader.strings("answer", Need::Required);
    if (q.choices.size() == 1) {
      reader.problem("items", "an ordering question needs at least two items");
    }
    if (answer && !q.choices.empty()) {
      std::vector<std::string> given = *answer;
      std::vector<std::string> expected;
      for (const Choice& c : q.choices) {
        expected.push_back(c.id);
      }
      std::sort(given.begin(), given.end());
      std::sort(expected.begin(), expected.end());
      if (given != expected) {
        reader.problem("answer",
                       "the answer must list every item exactly once (" + idList(q.choices) + ")");
      }
      q.answer = *answer;
    }
    break;
  }
  case QuestionKind::Number: {
    q.number = reader.number("answer", Need::Required).value_or(0.0);
    q.unit = text(reader, "unit");
    q.tolerance = reader.number("tolerance", Need::Required, Range::nonNegative()).value_or(0.0);
    break;
  }
  case QuestionKind::ShortText: {
    q.guidance = localized(reader, "guidance");
    break;
  }
  }
  return q;
}

Weights readWeights(TableReader& reader, std::string_view key, Need need, bool& present) {
  Weights w;
  const toml::table* table = reader.table(key, need);
  present = table != nullptr;
  if (table == nullptr) {
    return w;
  }
  TableReader inner(*table, reader.fieldPath(key), reader.diagnostics());
  const std::size_t before = reader.diagnostics().problems().size();
  auto part = [&](std::string_view name) {
    return inner.number(name, Need::Required, Range::closed(0.0, 1.0)).value_or(0.0);
  };
  w.workPage = part("work_page");
  w.simulator = part("simulator");
  w.selfAssessment = part("self_assessment");
  w.teacher = part("teacher");
  w.mentor = part("mentor");
  inner.finish();
  double sum = w.workPage + w.simulator + w.selfAssessment + w.teacher + w.mentor;
  if (reader.diagnostics().problems().size() == before &&
      std::abs(sum - 1.0) > kWeightSumTolerance) {
    reader.problem(key, "the weights must sum to 1, found " + readers::formatNumber(sum));
  }
  return w;
}

std::vector<RubricItem> readRubric(TableReader& reader, std::string_view key) {
  std::vector<RubricItem> out;
  std::set<std::string> seen;
  std::vector<const toml::table*> tables = reader.tables(key, Need::Optional);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] == nullptr) {
      continue;
    }
    TableReader item(*tables[i], reader.fieldPath(key) + "[" + std::to_string(i) + "]",
                     reader.diagnostics());
    RubricItem r;
    r.id = identifier(item, "id");
    r.text = localized(item, "text");
    r.maxRating = static_cast<int>(item.integer("max_rating", Need::Required, 1, 10).value_or(5));
    item.finish();
    if (!r.id.empty() && !seen.insert(r.id).second) {
      item.problem("id", "id '" + r.id + "' is already used in " + reader.fieldPath(key));
    }
    out.push_back(std::move(r));
  }
  return out;
}

Gating readGating(TableReader& reader) {
  Gating g;
  const toml::table* table = reader.table("gating", Need::Required);
  if (table == nullptr) {
    return g;
  }
  TableReader inner(*table, reader.fieldPath("gating"), reader.diagnostics());
  g.after = inner.strings("after", Need::Optional).value_or(std::vector<std::string>{});
  g.planApprovedByTeacher =
      inner.boolean("plan_approved_by_teacher", Need::Required).value_or(true);
  g.minPracticeAttempts =
      static_cast<int>(inner.integer("min_practice_attempts", Need::Required, 0, 100).value_or(0));
  g.lastPracticeCount =
      static_cast<int>(inner.integer("last_practice_attempts", Need::Required, 0, 100).value_or(0));
  g.lastPracticeMinPercent =
      inner.number("last_practice_min_score", Need::Required, Range::closed(0.0, 100.0))
          .value_or(0.0);
  g.selfCheckBeforeEvaluation =
      inner.boolean("self_check_before_evaluation", Need::Required).value_or(true);
  if (g.lastPracticeCount > g.minPracticeAttempts) {
    inner.problem("last_practice_attempts",
                  "the last " + std::to_string(g.lastPracticeCount) +
                      " attempts cannot be more than min_practice_attempts (" +
                      std::to_string(g.minPracticeAttempts) + ")");
  }
  inner.finish();
  return g;
}

std::string scenarioId(TableReader& reader, std::string_view key) {
  std::string id = text(reader, key);
  if (!id.empty() && !isScenarioId(id)) {
    reader.problem(key, "scenario id '" + id +
                            "' must use lowercase letters, digits, '_', '.' and '-' only");
    return {};
  }
  return id;
}

struct Context {
  std::string file;
  readers::Diagnostics& diagnostics;
  const std::set<std::string>* knownScenarios;
  std::set<std::string> questionIds; // per learning task
};

Step readStep(TableReader& reader, Context& ctx) {
  Step step;
  std::string key = text(reader, "step");
  if (auto kind = stepFromKey(key)) {
    step.kind = *kind;
  } else if (!key.empty()) {
    std::vector<std::string> keys;
    for (StepKind k : kAllSteps) {
      keys.emplace_back(stepKey(k));
    }
    reader.problem("step", "unknown step '" + key + "'" + readers::didYouMean(key, keys) +
                               " (expected " + readers::listChoices(keys) + ")");
  }
  step.guidance = localized(reader, "guidance");
  std::vector<const toml::table*> questions = reader.tables("questions", Need::Optional);
  for (std::size_t i = 0; i < questions.size(); ++i) {
    if (questions[i] == nullptr) {
      continue;
    }
    TableReader qr(*questions[i], reader.fieldPath("questions") + "[" + std::to_string(i) + "]",
                   ctx.diagnostics);
    Question q = readQuestion(qr, ctx.file);
    qr.finish();
    if (!q.id.empty() && !ctx.questionIds.insert(q.id).second) {
      qr.problem("id", "question id '" + q.id + "' is already used in this learning task");
    }
    step.questions.push_back(std::move(q));
  }
  if (reader.has("checklist")) {
    if (step.kind != StepKind::Plan) {
      reader.problem("checklist", "only the plan step has a plan checklist");
    } else {
      for (Choice& c : choiceList(reader, "checklist", Need::Required)) {
        step.checklist.push_back({std::move(c.id), std::move(c.text)});
      }
    }
  } else if (step.kind == StepKind::Plan && !key.empty()) {
    reader.problem("checklist", "the plan step needs a plan checklist (checklist = [...]) for "
                                "the teacher to approve");
  }
  if (step.kind == StepKind::CarryOut && !step.questions.empty()) {
    reader.problem("questions", "carrying out is the simulator: the carry_out step has no "
                                "work-page questions");
  }
  return step;
}

LearningTask readLearningTask(TableReader& reader, Context& ctx, const Weights& courseWeights) {
  LearningTask task;
  task.location = locationOf(reader.raw(), ctx.file, reader.path());
  ctx.questionIds.clear();
  task.id = identifier(reader, "id");
  task.workTask = identifier(reader, "work_task");
  task.title = localized(reader, "title");
  for (auto [key, id, where] :
       {std::tuple{"practice_scenario", &task.practiceScenario, &task.practiceLocation},
        std::tuple{"exam_scenario", &task.examScenario, &task.examLocation}}) {
    *id = scenarioId(reader, key);
    const toml::node* node = reader.raw().get(key);
    *where = node != nullptr ? locationOf(*node, ctx.file, reader.fieldPath(key)) : task.location;
    if (!id->empty() && ctx.knownScenarios != nullptr && ctx.knownScenarios->count(*id) == 0) {
      std::vector<std::string> known(ctx.knownScenarios->begin(), ctx.knownScenarios->end());
      reader.problem(key, "no scenario '" + *id + "'" + readers::didYouMean(*id, known) +
                              " among the scenario files (" +
                              (known.empty() ? std::string("none") : readers::listChoices(known)) +
                              ")");
    }
  }
  task.gating = readGating(reader);
  bool own = false;
  Weights weights = readWeights(reader, "weights", Need::Optional, own);
  task.weights = own ? weights : courseWeights;

  std::vector<const toml::table*> steps = reader.tables("steps", Need::Required);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i] == nullptr) {
      continue;
    }
    TableReader sr(*steps[i], reader.fieldPath("steps") + "[" + std::to_string(i) + "]",
                   ctx.diagnostics);
    Step step = readStep(sr, ctx);
    sr.finish();
    task.steps.push_back(std::move(step));
  }
  if (reader.raw().get("steps") != nullptr) {
    bool inOrder = task.steps.size() == std::size(kAllSteps);
    for (std::size_t i = 0; inOrder && i < task.steps.size(); ++i) {
      inOrder = task.steps[i].kind == kAllSteps[i];
    }
    if (!inOrder && steps.size() == task.steps.size()) {
      std::string names;
      for (StepKind k : kAllSteps) {
        names += (names.empty() ? "" : ", ") + std::string(stepKey(k));
      }
      reader.problem("steps", "a learning task has the six steps of a complete action, once "
                              "each and in this order: " +
                                  names);
    }
  }
  return task;
}

CourseReport parseRoot(const toml::table& root, const std::string& file,
                       const std::set<std::string>* knownScenarios) {
  CourseReport report;
  report.file = file;
  readers::Diagnostics diagnostics(file);
  TableReader reader(root, "", diagnostics);
  Course course;
  course.sourceFile = file;

  if (std::optional<std::string> format = reader.string("format", Need::Required);
      format && *format != kCourseFormat) {
    reader.problem("format", "unknown format '" + *format + "'; expected format = \"" +
                                 std::string(kCourseFormat) + "\" (a course)");
  }
  course.id = identifier(reader, "id");
  course.version = text(reader, "version");
  course.trade = identifier(reader, "trade");
  course.title = localized(reader, "title");
  course.description = localized(reader, "description");

  if (const toml::table* assessment = reader.table("assessment", Need::Required)) {
    TableReader ar(*assessment, "assessment", diagnostics);
    bool present = false;
    course.assessment.weights = readWeights(ar, "weights", Need::Required, present);
    course.assessment.teacherRubric = readRubric(ar, "teacher_rubric");
    course.assessment.mentorRubric = readRubric(ar, "mentor_rubric");
    if (course.assessment.weights.teacher > 0.0 && course.assessment.teacherRubric.empty()) {
      ar.problem("teacher_rubric", "weights.teacher is above 0, so the teacher needs a rubric "
                                   "([[assessment.teacher_rubric]] items)");
    }
    ar.finish();
  }

  std::set<std::string> workTaskIds;
  for (std::size_t i = 0; const toml::table* table : reader.tables("work_tasks", Need::Required)) {
    std::string path = "work_tasks[" + std::to_string(i++) + "]";
    if (table == nullptr) {
      continue;
    }
    TableReader wr(*table, path, diagnostics);
    WorkTask work;
    work.id = identifier(wr, "id");
    work.title = localized(wr, "title");
    work.description = localized(wr, "description");
    wr.finish();
    if (!work.id.empty() && !workTaskIds.insert(work.id).second) {
      wr.problem("id", "work task id '" + work.id + "' is already used");
    }
    course.workTasks.push_back(std::move(work));
  }

  Context ctx{file, diagnostics, knownScenarios, {}};
  std::vector<const toml::table*> tasks = reader.tables("learning_tasks", Need::Required);
  std::vector<std::unique_ptr<TableReader>> taskReaders;
  std::set<std::string> taskIds;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    if (tasks[i] == nullptr) {
      continue;
    }
    auto lr = std::make_unique<TableReader>(*tasks[i], "learning_tasks[" + std::to_string(i) + "]",
                                            diagnostics);
    LearningTask task = readLearningTask(*lr, ctx, course.assessment.weights);
    if (!task.id.empty() && !taskIds.insert(task.id).second) {
      lr->problem("id", "learning task id '" + task.id + "' is already used");
    }
    if (!task.workTask.empty() && workTaskIds.count(task.workTask) == 0) {
      std::vector<std::string> known(workTaskIds.begin(), workTaskIds.end());
      lr->problem("work_task", "no work task '" + task.workTask + "'" +
                                   readers::didYouMean(task.workTask, known) +
                                   " in [[work_tasks]]");
    }
    if (task.weights.mentor > 0.0 && course.assessment.mentorRubric.empty()) {
      lr->problem(tasks[i]->get("weights") != nullptr ? "weights" : "id",
                  "the mentor's weight is above 0 but the course has no mentor rubric "
                  "([[assessment.mentor_rubric]]) for the job card");
    }
    course.learningTasks.push_back(std::move(task));
    taskReaders.push_back(std::move(lr));
  }
  // `after` may name a learning task written later in the file; it may not name itself or form
  // a cycle (the task could never open).
  std::map<std::string, const LearningTask*> byId;
  for (const LearningTask& t : course.learningTasks) {
    byId.emplace(t.id, &t);
  }
  for (std::size_t i = 0; i < course.learningTasks.size(); ++i) {
    const LearningTask& task = course.learningTasks[i];
    const toml::table* gating =
        tasks.size() > i && tasks[i] != nullptr ? (*tasks[i])["gating"].as_table() : nullptr;
    if (gating == nullptr) {
      continue;
    }
    const toml::array* after = (*gating)["after"].as_array();
    for (std::size_t j = 0; j < task.gating.after.size(); ++j) {
      const std::string& other = task.gating.after[j];
      const toml::node& at = after != nullptr && j < after->size() ? *after->get(j) : *gating;
      std::string field =
          "learning_tasks[" + std::to_string(i) + "].gating.after[" + std::to_string(j) + "]";
      if (other == task.id) {
        reader.problemAt(at, field, "a learning task cannot wait for itself");
      } else if (byId.count(other) == 0) {
        std::vector<std::string> known;
        for (const auto& [id, unused] : byId) {
          known.push_back(id);
        }
        reader.problemAt(at, field,
                         "no learning task '" + other + "'" + readers::didYouMean(other, known));
      } else {
        // Walk `after` from the other task; reaching this one is a cycle.
        std::vector<std::string> stack = {other};
        std::set<std::string> seen;
        bool cycle = false;
        while (!stack.empty() && !cycle) {
          std::string current = stack.back();
          stack.pop_back();
          if (!seen.insert(current).second || byId.count(current) == 0) {
            continue;
          }
          for (const std::string& next : byId[current]->gating.after) {
            cycle = cycle || next == task.id;
            stack.push_back(next);
          }
        }
        if (cycle) {
          reader.problemAt(at, field,
                           "'" + other + "' waits (directly or not) for '" + task.id +
                               "': the two could never open");
        }
      }
    }
  }
  for (auto& lr : taskReaders) {
    lr->finish();
  }
  reader.finish();

  report.problems = diagnostics.problems();
  std::stable_sort(report.problems.begin(), report.problems.end(),
                   [](const core::Error& a, const core::Error& b) {
                     return a.location.line != b.location.line
                                ? a.location.line < b.location.line
                                : a.location.column < b.location.column;
                   });
  if (report.problems.empty()) {
    report.course = std::move(course);
  }
  return report;
}

std::optional<std::string> readBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return std::nullopt;
  }
  return buffer.str();
}

} // namespace

CourseReport parseCourse(std::string_view text, const std::string& file,
                         const std::set<std::string>* knownScenarios) {
  readers::Diagnostics diagnostics(file);
  std::optional<toml::table> root = readers::parseToml(text, file, diagnostics);
  if (!root) {
    return CourseReport{file, diagnostics.problems(), std::nullopt};
  }
  return parseRoot(*root, file, knownScenarios);
}

CourseReport loadCourse(const std::filesystem::path& path,
                        const std::set<std::string>* knownScenarios) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return CourseReport{path.string(),
                        {core::makeError(core::ErrorCode::NotFound, "no such course file",
                                         core::SourceLocation{path.string(), 0, 0, "", {}})},
                        std::nullopt};
  }
  std::optional<std::string> bytes = readBytes(path);
  if (!bytes) {
    return CourseReport{path.string(),
                        {core::makeError(core::ErrorCode::Io, "cannot read the file",
                                         core::SourceLocation{path.string(), 0, 0, "", {}})},
                        std::nullopt};
  }
  return parseCourse(*bytes, path.string(), knownScenarios);
}

bool declaresCourseFormat(std::string_view text) {
  readers::Diagnostics ignored("");
  std::optional<toml::table> parsed = readers::parseToml(text, "", ignored);
  if (!parsed) {
    return false;
  }
  const toml::node* format = parsed->get("format");
  const auto* s = format != nullptr ? format->as_string() : nullptr;
  return s != nullptr && s->get().starts_with("skillsim.course/");
}

core::Expected<std::set<std::string>> scenarioIdsIn(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return core::makeError(core::ErrorCode::NotFound, "no scenarios folder",
                           core::SourceLocation{dir.string(), 0, 0, "", {}});
  }
  std::set<std::string> ids;
  for (std::filesystem::recursive_directory_iterator it(dir, ec), end; !ec && it != end;
       it.increment(ec)) {
    if (it->path().extension() != ".toml" || !it->is_regular_file(ec)) {
      continue;
    }
    std::optional<std::string> bytes = readBytes(it->path());
    if (!bytes) {
      continue;
    }
    readers::Diagnostics ignored(it->path().string());
    std::optional<toml::table> parsed = readers::parseToml(*bytes, it->path().string(), ignored);
    if (!parsed) {
      continue;
    }
    const auto* format = (*parsed)["format"].as_string();
    const auto* id = (*parsed)["id"].as_string();
    if (format != nullptr && id != nullptr && format->get().starts_with("skillsim.scenario/")) {
      ids.insert(id->get());
    }
  }
  return ids;
}

std::optional<std::filesystem::path> scenariosFolderFor(const std::filesystem::path& courseFile) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(courseFile, ec).parent_path();
  for (int depth = 0; depth < 8 && !dir.empty(); ++depth) {
    if (std::filesystem::is_directory(dir / "scenarios", ec)) {
      return dir / "scenarios";
    }
    if (dir == dir.parent_path()) {
      break;
    }
    dir = dir.parent_path();
  }
  return std::nullopt;
}

} // namespace skillsim::course
