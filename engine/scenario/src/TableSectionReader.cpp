#include "TableSectionReader.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace skillsim::scenario {
namespace {

Need need(bool required) { return required ? Need::Required : Need::Optional; }

Range toRange(const sim::NumberRange& r) { return Range{r.min, r.max, r.minOpen, r.maxOpen}; }

} // namespace

TableSectionReader::TableSectionReader(const toml::table& table, std::string path,
                                       Diagnostics& diagnostics)
    : mReader(table, std::move(path), diagnostics) {}

std::optional<double> TableSectionReader::number(std::string_view key, bool required,
                                                 sim::NumberRange range) {
  return mReader.number(key, need(required), toRange(range));
}

std::optional<std::int64_t> TableSectionReader::integer(std::string_view key, bool required,
                                                        std::int64_t min, std::int64_t max) {
  return mReader.integer(key, need(required), min, max);
}

std::optional<glm::dvec3> TableSectionReader::vec3(std::string_view key, bool required,
                                                   sim::NumberRange range) {
  return mReader.vec3(key, need(required), toRange(range));
}

std::optional<bool> TableSectionReader::boolean(std::string_view key, bool required) {
  return mReader.boolean(key, need(required));
}

std::optional<std::string> TableSectionReader::string(std::string_view key, bool required) {
  return mReader.string(key, need(required));
}

sim::SectionReader* TableSectionReader::table(std::string_view key, bool required) {
  const toml::table* t = mReader.table(key, need(required));
  if (t == nullptr) {
    return nullptr;
  }
  mChildren.push_back(
      std::make_unique<TableSectionReader>(*t, mReader.fieldPath(key), mReader.diagnostics()));
  return mChildren.back().get();
}

std::vector<sim::SectionReader*> TableSectionReader::tables(std::string_view key, bool required) {
  std::vector<sim::SectionReader*> out;
  const std::vector<const toml::table*> found = mReader.tables(key, need(required));
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i] == nullptr) {
      continue; // reported by the reader
    }
    mChildren.push_back(std::make_unique<TableSectionReader>(
        *found[i], mReader.fieldPath(key) + "[" + std::to_string(i) + "]", mReader.diagnostics()));
    out.push_back(mChildren.back().get());
  }
  return out;
}

std::optional<std::vector<double>> TableSectionReader::numbers(std::string_view key, bool required,
                                                               sim::NumberRange range) {
  const toml::array* array = mReader.array(key, need(required));
  if (array == nullptr) {
    return std::nullopt;
  }
  const Range allowed = toRange(range);
  std::vector<double> out;
  bool good = true;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    const std::string path = mReader.fieldPath(key) + "[" + std::to_string(i) + "]";
    const std::optional<double> value = element.value<double>();
    if (!element.is_number() || !value) {
      mReader.problemAt(element, path, "expected a number, found " + readers::typeName(element));
      good = false;
    } else if (!std::isfinite(*value) || !allowed.contains(*value)) {
      char text[32];
      std::snprintf(text, sizeof text, "%g", *value);
      mReader.problemAt(element, path,
                        "value " + std::string(text) + " is out of range; expected " +
                            allowed.describe());
      good = false;
    } else {
      out.push_back(*value);
    }
  }
  return good ? std::optional(std::move(out)) : std::nullopt;
}

void TableSectionReader::problem(std::string_view key, std::string message) {
  mReader.problem(key, std::move(message));
}

std::size_t TableSectionReader::problemCount() const {
  return const_cast<TableReader&>(mReader).diagnostics().problems().size();
}

void TableSectionReader::finish() {
  for (auto& child : mChildren) {
    child->finish();
  }
  mReader.finish();
}

} // namespace skillsim::scenario
