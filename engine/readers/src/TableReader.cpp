#include "skillsim/readers/TableReader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace skillsim::readers {
namespace {

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

} // namespace

bool Range::contains(double v) const {
  if (!std::isfinite(v)) {
    return false;
  }
  bool aboveMin = minOpen ? v > min : v >= min;
  bool belowMax = maxOpen ? v < max : v <= max;
  return aboveMin && belowMax;
}

std::string Range::describe() const {
  bool hasMin = std::isfinite(min);
  bool hasMax = std::isfinite(max);
  if (hasMin && hasMax) {
    return std::string("a number in ") + (minOpen ? "(" : "[") + num(min) + ", " + num(max) +
           (maxOpen ? ")" : "]");
  }
  if (hasMin) {
    return std::string("a number ") + (minOpen ? "> " : ">= ") + num(min);
  }
  if (hasMax) {
    return std::string("a number ") + (maxOpen ? "< " : "<= ") + num(max);
  }
  return "a finite number";
}

std::optional<toml::table> parseToml(std::string_view text, const std::string& file,
                                     Diagnostics& diagnostics) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    diagnostics.add(e.source().begin.line, e.source().begin.column, "",
                    "TOML syntax error: " + std::string(e.description()));
  } catch (const std::exception& e) {
    diagnostics.add(0, 0, "", std::string("TOML could not be read: ") + e.what());
  }
  return std::nullopt;
}

std::string typeName(const toml::node& node) {
  switch (node.type()) {
  case toml::node_type::string: return "a string";
  case toml::node_type::integer: return "an integer";
  case toml::node_type::floating_point: return "a floating-point number";
  case toml::node_type::boolean: return "a boolean";
  case toml::node_type::date: return "a date";
  case toml::node_type::time: return "a time";
  case toml::node_type::date_time: return "a date-time";
  case toml::node_type::array: return "an array";
  case toml::node_type::table: return "a table";
  default: return "nothing";
  }
}

TableReader::TableReader(const toml::table& table, std::string path, Diagnostics& diagnostics)
    : mTable(table), mPath(std::move(path)), mDiagnostics(diagnostics) {}

std::string TableReader::fieldPath(std::string_view key) const {
  return mPath.empty() ? std::string(key) : mPath + "." + std::string(key);
}

void TableReader::problemAt(const toml::node& node, std::string fieldPath, std::string message) {
  const auto& begin = node.source().begin;
  mDiagnostics.add(begin.line, begin.column, std::move(fieldPath), std::move(message));
}

void TableReader::problemHere(std::string message) { problemAt(mTable, mPath, std::move(message)); }

void TableReader::problem(std::string_view key, std::string message) {
  const toml::node* node = mTable.get(key);
  if (node != nullptr) {
    problemAt(*node, fieldPath(key), std::move(message));
  } else {
    problemAt(mTable, fieldPath(key), std::move(message));
  }
}

void TableReader::allow(std::string_view key) {
  if (std::find(mKnown.begin(), mKnown.end(), key) == mKnown.end()) {
    mKnown.emplace_back(key);
  }
}

bool TableReader::has(std::string_view key) {
  allow(key);
  return mTable.get(key) != nullptr;
}

void TableReader::wrongType(std::string_view key, const toml::node& node, const char* expected) {
  problemAt(node, fieldPath(key),
            std::string("expected ") + expected + ", found " + typeName(node));
}

const toml::node* TableReader::get(std::string_view key, Need need, const char* expected) {
  allow(key);
  const toml::node* node = mTable.get(key);
  if (node == nullptr && need == Need::Required) {
    problemAt(mTable, fieldPath(key),
              std::string("missing required key '") + std::string(key) + "' (" + expected + ")");
  }
  return node;
}

std::optional<std::string> TableReader::string(std::string_view key, Need need) {
  const toml::node* node = get(key, need, "a string");
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* s = node->as_string()) {
    return s->get();
  }
  wrongType(key, *node, "a string");
  return std::nullopt;
}

std::optional<std::string> TableReader::choice(std::string_view key, Need need,
                                               const std::vector<std::string>& choices) {
  auto value = string(key, need);
  if (!value) {
    return std::nullopt;
  }
  if (std::find(choices.begin(), choices.end(), *value) == choices.end()) {
    problem(key, "unknown value '" + *value + "'" + didYouMean(*value, choices) + "; expected " +
                     listChoices(choices));
    return std::nullopt;
  }
  return value;
}

std::optional<double> TableReader::number(std::string_view key, Need need, Range range) {
  const toml::node* node = get(key, need, "a number");
  if (node == nullptr) {
    return std::nullopt;
  }
  double value = 0.0;
  if (const auto* i = node->as_integer()) {
    value = static_cast<double>(i->get());
  } else if (const auto* f = node->as_floating_point()) {
    value = f->get();
  } else {
    wrongType(key, *node, "a number");
    return std::nullopt;
  }
  if (!range.contains(value)) {
    problemAt(*node, fieldPath(key),
              "value " + num(value) + " is out of range; expected " + range.describe());
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, Need need, std::int64_t min,
                                                 std::int64_t max) {
  const toml::node* node = get(key, need, "an integer");
  if (node == nullptr) {
    return std::nullopt;
  }
  const auto* i = node->as_integer();
  if (i == nullptr) {
    wrongType(key, *node, "an integer");
    return std::nullopt;
  }
  std::int64_t value = i->get();
  if (value < min || value > max) {
    problemAt(*node, fieldPath(key),
              "value " + std::to_string(value) + " is out of range; expected an integer in [" +
                  std::to_string(min) + ", " + std::to_string(max) + "]");
    return std::nullopt;
  }
  return value;
}

std::optional<bool> TableReader::boolean(std::string_view key, Need need) {
  const toml::node* node = get(key, need, "true or false");
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* b = node->as_boolean()) {
    return b->get();
  }
  wrongType(key, *node, "true or false");
  return std::nullopt;
}

std::optional<glm::dvec3> TableReader::vec3(std::string_view key, Need need, Range range) {
  const toml::node* node = get(key, need, "an array of 3 numbers");
  if (node == nullptr) {
    return std::nullopt;
  }
  const auto* arr = node->as_array();
  if (arr == nullptr || arr->size() != 3) {
    problemAt(*node, fieldPath(key),
              "expected an array of 3 numbers [x, y, z], found " +
                  (arr == nullptr ? typeName(*node)
                                  : "an array of " + std::to_string(arr->size()) + " elements"));
    return std::nullopt;
  }
  glm::dvec3 out{0.0};
  bool ok = true;
  for (std::size_t i = 0; i < 3; ++i) {
    const toml::node& element = *arr->get(i);
    std::string elementPath = fieldPath(key) + "[" + std::to_string(i) + "]";
    double value = 0.0;
    if (const auto* n = element.as_integer()) {
      value = static_cast<double>(n->get());
    } else if (const auto* f = element.as_floating_point()) {
      value = f->get();
    } else {
      problemAt(element, elementPath, "expected a number, found " + typeName(element));
      ok = false;
      continue;
    }
    if (!range.contains(value)) {
      problemAt(element, elementPath,
                "value " + num(value) + " is out of range; expected " + range.describe());
      ok = false;
      continue;
    }
    out[static_cast<glm::length_t>(i)] = value;
  }
  return ok ? std::optional<glm::dvec3>(out) : std::nullopt;
}

std::optional<glm::vec4> TableReader::color(std::string_view key) {
  const toml::node* node = get(key, Need::Optional, "[r, g, b] or [r, g, b, a]");
  if (node == nullptr) {
    return std::nullopt;
  }
  const auto* arr = node->as_array();
  if (arr == nullptr || (arr->size() != 3 && arr->size() != 4)) {
    problemAt(*node, fieldPath(key),
              "expected [r, g, b] or [r, g, b, a] with each component in [0, 1]");
    return std::nullopt;
  }
  glm::vec4 out{1.0f};
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::node& element = *arr->get(i);
    std::optional<double> value;
    if (const auto* n = element.as_integer()) {
      value = static_cast<double>(n->get());
    } else if (const auto* f = element.as_floating_point()) {
      value = f->get();
    }
    if (!value || !Range::closed(0.0, 1.0).contains(*value)) {
      problemAt(element, fieldPath(key) + "[" + std::to_string(i) + "]",
                "expected a number in [0, 1] (linear colour component)");
      return std::nullopt;
    }
    out[static_cast<glm::length_t>(i)] = static_cast<float>(*value);
  }
  return out;
}

std::optional<std::vector<std::string>> TableReader::strings(std::string_view key, Need need) {
  const toml::node* node = get(key, need, "an array of strings");
  if (node == nullptr) {
    return std::nullopt;
  }
  const auto* arr = node->as_array();
  if (arr == nullptr) {
    wrongType(key, *node, "an array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::node& element = *arr->get(i);
    if (const auto* s = element.as_string()) {
      out.push_back(s->get());
    } else {
      problemAt(element, fieldPath(key) + "[" + std::to_string(i) + "]",
                "expected a string, found " + typeName(element));
      ok = false;
    }
  }
  return ok ? std::optional(out) : std::nullopt;
}

const toml::table* TableReader::table(std::string_view key, Need need) {
  const toml::node* node = get(key, need, "a table");
  if (node == nullptr) {
    return nullptr;
  }
  if (const auto* t = node->as_table()) {
    return t;
  }
  wrongType(key, *node, "a table");
  return nullptr;
}

const toml::array* TableReader::array(std::string_view key, Need need) {
  const toml::node* node = get(key, need, "an array");
  if (node == nullptr) {
    return nullptr;
  }
  if (const auto* a = node->as_array()) {
    return a;
  }
  wrongType(key, *node, "an array");
  return nullptr;
}

std::vector<const toml::table*> TableReader::tables(std::string_view key, Need need) {
  std::vector<const toml::table*> out;
  const toml::node* node = get(key, need, "an array of tables");
  if (node == nullptr) {
    return out;
  }
  const auto* arr = node->as_array();
  if (arr == nullptr) {
    wrongType(key, *node, "an array of tables");
    return out;
  }
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const toml::node& element = *arr->get(i);
    const auto* t = element.as_table();
    if (t == nullptr) {
      problemAt(element, fieldPath(key) + "[" + std::to_string(i) + "]",
                "expected a table, found " + typeName(element));
    }
    out.push_back(t); // null for a bad element, so indices still match the file
  }
  return out;
}

void TableReader::finish() {
  for (auto&& [key, node] : mTable) {
    std::string_view name = key.str();
    if (std::find(mKnown.begin(), mKnown.end(), name) != mKnown.end()) {
      continue;
    }
    const auto& begin = key.source().begin;
    std::uint32_t line = begin.line;
    std::uint32_t column = begin.column;
    if (line == 0) {
      line = node.source().begin.line;
      column = node.source().begin.column;
    }
    mDiagnostics.add(
        line, column, fieldPath(name), "unknown key '" + std::string(name) + "'" + [&] {
          std::string hint = didYouMean(name, mKnown);
          return hint.empty() ? "; expected one of " + listChoices(mKnown) : hint;
        }());
  }
}

} // namespace skillsim::readers
