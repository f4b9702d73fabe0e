#include "skillsim/course/CourseInputs.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace skillsim::course {
namespace {

core::Error problem(const std::string& file, const toml::node* at, std::string field,
                    std::string message) {
  core::SourceLocation where{file, 0, 0, std::move(field), std::nullopt};
  if (at != nullptr) {
    where.line = at->source().begin.line;
    where.column = at->source().begin.column;
  }
  return core::makeError(core::ErrorCode::InvalidInput, std::move(message), std::move(where));
}

core::Expected<toml::table> parseToml(std::string_view text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    core::SourceLocation where{file, e.source().begin.line, e.source().begin.column, "",
                               std::nullopt};
    return core::makeError(core::ErrorCode::InvalidInput,
                           "not valid TOML: " + std::string(e.description()), std::move(where));
  }
}

core::Expected<void> checkFormat(const toml::table& root, const std::string& file,
                                 std::string_view format) {
  const toml::node* node = root.get("format");
  const std::optional<std::string_view> value =
      node != nullptr ? node->value<std::string_view>() : std::nullopt;
  if (!value || *value != format) {
    return problem(file, node, "format", "expected format = \"" + std::string(format) + "\"");
  }
  return {};
}

const Question* findQuestion(const LearningTask& task, const std::string& id, StepKind* stepOut) {
  for (const Step& s : task.steps) {
    for (const Question& q : s.questions) {
      if (q.id == id) {
        *stepOut = s.kind;
        return &q;
      }
    }
  }
  return nullptr;
}

std::string choiceIds(const Question& q) {
  std::string ids;
  for (const Choice& c : q.choices) {
    ids += (ids.empty() ? "" : ", ") + c.id;
  }
  return ids;
}

/** The array's strings; nullopt when it is no array of strings. */
std::optional<std::vector<std::string>> stringArray(const toml::node& node) {
  const toml::array* array = node.as_array();
  if (array == nullptr) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const toml::node& element : *array) {
    auto s = element.value<std::string>();
    if (!s) {
      return std::nullopt;
    }
    out.push_back(*s);
  }
  return out;
}

core::Expected<Answer> readAnswer(const Question& q, const toml::node& node,
                                  const std::string& file, const std::string& field) {
  Answer a;
  a.questionId = q.id;
  auto isChoice = [&](const std::string& id) {
    return std::any_of(q.choices.begin(), q.choices.end(),
                       [&](const Choice& c) { return c.id == id; });
  };
  switch (q.kind) {
  case QuestionKind::SingleChoice: {
    auto id = node.value<std::string>();
    if (!id) {
      return problem(file, &node, field,
                     "a single-choice question takes one choice id (one of " + choiceIds(q) + ")");
    }
    if (!isChoice(*id)) {
      return problem(file, &node, field,
                     "'" + *id + "' is not a choice of this question (one of " + choiceIds(q) +
                         ")");
    }
    a.choices = {*id};
    return a;
  }
  case QuestionKind::MultipleChoice:
  case QuestionKind::Ordering: {
    const bool ordering = q.kind == QuestionKind::Ordering;
    auto ids = stringArray(node);
    if (!ids) {
      return problem(file, &node, field,
                     std::string(ordering ? "an ordering question takes every item id in order"
                                          : "a multiple-choice question takes an array of "
                                            "choice ids") +
                         " (of " + choiceIds(q) + ")");
    }
    std::set<std::string> seen;
    for (const std::string& id : *ids) {
      if (!isChoice(id)) {
        return problem(file, &node, field,
                       "'" + id + "' is not " + (ordering ? "an item" : "a choice") +
                           " of this question (one of " + choiceIds(q) + ")");
      }
      if (!seen.insert(id).second) {
        return problem(file, &node, field, "'" + id + "' is given twice");
      }
    }
    if (ordering && ids->size() != q.choices.size()) {
      return problem(file, &node, field,
                     "an ordering must list every item once (" + std::to_string(q.choices.size()) +
                         " items: " + choiceIds(q) + "), not " + std::to_string(ids->size()));
    }
    a.choices = std::move(*ids);
    return a;
  }
  case QuestionKind::Number: {
    const toml::table* t = node.as_table();
    const toml::node* value = t != nullptr ? t->get("value") : nullptr;
    const toml::node* unit = t != nullptr ? t->get("unit") : nullptr;
    std::optional<double> number = value != nullptr ? value->value<double>() : std::nullopt;
    std::optional<std::string> unitText =
        unit != nullptr ? unit->value<std::string>() : std::nullopt;
    if (t == nullptr || !number || !unitText) {
      return problem(file, &node, field,
                     "a number question takes { value = NUMBER, unit = \"" + q.unit + "\" }");
    }
    if (!std::isfinite(*number)) {
      return problem(file, value, field + ".value", "must be a finite number");
    }
    if (unitText->empty()) {
      return problem(file, unit, field + ".unit", "must not be empty");
    }
    for (const auto& [key, v] : *t) {
      if (key.str() != "value" && key.str() != "unit") {
        return problem(file, &v, field + "." + std::string(key.str()),
                       "unknown key (a number answer has value and unit)");
      }
    }
    a.number = number;
    a.unit = *unitText;
    return a;
  }
  case QuestionKind::ShortText: {
    auto text = node.value<std::string>();
    if (!text) {
      return problem(file, &node, field, "a short-text question takes a string");
    }
    if (text->empty()) {
      return problem(file, &node, field, "must not be empty");
    }
    a.text = *text;
    return a;
  }
  }
  return problem(file, &node, field, "unknown question kind");
}

} // namespace

core::Expected<std::vector<Answer>> parseAnswers(std::string_view text, const std::string& file,
                                                 const LearningTask& task,
                                                 std::optional<StepKind> step,
                                                 std::int64_t nowUtc) {
  auto root = parseToml(text, file);
  if (!root) {
    return root.error();
  }
  if (auto ok = checkFormat(*root, file, kAnswersFormat); !ok) {
    return ok.error();
  }
  for (const auto& [key, node] : *root) {
    const std::string k(key.str());
    if (k != "format" && k != "task" && k != "answers") {
      return problem(file, &node, k, "unknown key (an answers file has format, task, answers)");
    }
  }
  if (const toml::node* t = root->get("task")) {
    auto id = t->value<std::string>();
    if (!id || *id != task.id) {
      return problem(file, t, "task",
                     "these answers are for learning task '" + id.value_or("?") + "', not for '" +
                         task.id + "'");
    }
  }
  const toml::node* answersNode = root->get("answers");
  const toml::table* answers = answersNode != nullptr ? answersNode->as_table() : nullptr;
  if (answers == nullptr || answers->empty()) {
    return problem(file, answersNode, "answers",
                   "expected an [answers] table with at least one answer");
  }
  std::vector<Answer> out;
  for (const auto& [key, node] : *answers) {
    const std::string id(key.str());
    const std::string field = "answers." + id;
    StepKind on = StepKind::GetInformation;
    const Question* q = findQuestion(task, id, &on);
    if (q == nullptr) {
      return problem(file, &node, field,
                     "learning task '" + task.id + "' has no question '" + id + "'");
    }
    if (step && on != *step) {
      return problem(file, &node, field,
                     "question '" + id + "' is on the work page of step '" +
                         std::string(stepKey(on)) + "', not of step '" +
                         std::string(stepKey(*step)) + "'");
    }
    auto answer = readAnswer(*q, node, file, field);
    if (!answer) {
      return answer.error();
    }
    answer->answeredUtc = nowUtc;
    out.push_back(std::move(*answer));
  }
  return out;
}

core::Expected<std::vector<MentorKey>> parseMentorKeys(std::string_view text,
                                                       const std::string& file) {
  auto root = parseToml(text, file);
  if (!root) {
    return root.error();
  }
  if (auto ok = checkFormat(*root, file, kMentorKeysFormat); !ok) {
    return ok.error();
  }
  for (const auto& [key, node] : *root) {
    const std::string k(key.str());
    if (k != "format" && k != "mentors") {
      return problem(file, &node, k, "unknown key (a mentor key registry has format, mentors)");
    }
  }
  const toml::node* listNode = root->get("mentors");
  const toml::array* list = listNode != nullptr ? listNode->as_array() : nullptr;
  if (list == nullptr || list->empty()) {
    return problem(file, listNode, "mentors", "expected at least one [[mentors]] table");
  }
  std::vector<MentorKey> out;
  std::set<std::string> ids;
  std::set<std::string> keys;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = "mentors[" + std::to_string(i) + "]";
    const toml::table* t = (*list)[i].as_table();
    if (t == nullptr) {
      return problem(file, &(*list)[i], path, "expected a table with id, name and public_key");
    }
    MentorKey m;
    for (const char* field : {"id", "name", "public_key"}) {
      const toml::node* n = t->get(field);
      std::optional<std::string> value = n != nullptr ? n->value<std::string>() : std::nullopt;
      if (!value || value->empty()) {
        return problem(file, n != nullptr ? n : &(*list)[i], path + "." + field,
                       n == nullptr ? "missing" : "expected a text that is not empty");
      }
      if (std::string_view(field) == "id") {
        m.mentorId = *value;
      } else if (std::string_view(field) == "name") {
        m.name = *value;
      } else {
        auto key = records::parsePublicKey(*value);
        if (!key) {
          return problem(file, n, path + ".public_key",
                         "expected 64 hex digits (an Ed25519 public key)");
        }
        m.publicKey = *key;
        if (!keys.insert(records::publicKeyHex(*key)).second) {
          return problem(file, n, path + ".public_key", "this key is listed twice");
        }
      }
    }
    for (const auto& [key, node] : *t) {
      const std::string k(key.str());
      if (k != "id" && k != "name" && k != "public_key") {
        return problem(file, &node, path + "." + k,
                       "unknown key (a mentor has id, name, public_key)");
      }
    }
    if (!ids.insert(m.mentorId).second) {
      return problem(file, t->get("id"), path + ".id",
                     "mentor '" + m.mentorId + "' is listed twice");
    }
    out.push_back(std::move(m));
  }
  return out;
}

core::Expected<std::string> readTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::makeError(core::ErrorCode::NotFound, "cannot open the file",
                           core::SourceLocation{path, 0, 0, "", std::nullopt});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace skillsim::course
