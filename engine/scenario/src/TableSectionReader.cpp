#include "TableSectionReader.h"

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
