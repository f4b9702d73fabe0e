#pragma once

#include "TableReader.h"

#include <skillsim/sim/Machine.h>

#include <memory>
#include <string>
#include <vector>

namespace skillsim::scenario {

/**
 * A machine's view of its scenario section (sim::SectionReader over a TableReader): every getter
 * and problem keeps the TOML node's file:line:column and dotted field path. finish() reports the
 * keys no getter asked for, in this table and every sub-table read through table().
 */
class TableSectionReader final : public sim::SectionReader {
public:
  TableSectionReader(const toml::table& table, std::string path, Diagnostics& diagnostics);

  std::optional<double> number(std::string_view key, bool required,
                               sim::NumberRange range) override;
  std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min,
                                      std::int64_t max) override;
  std::optional<glm::dvec3> vec3(std::string_view key, bool required,
                                 sim::NumberRange range) override;
  std::optional<bool> boolean(std::string_view key, bool required) override;
  std::optional<std::string> string(std::string_view key, bool required) override;
  sim::SectionReader* table(std::string_view key, bool required) override;
  std::vector<sim::SectionReader*> tables(std::string_view key, bool required) override;
  std::optional<std::vector<double>> numbers(std::string_view key, bool required,
                                             sim::NumberRange range) override;
  void problem(std::string_view key, std::string message) override;
  [[nodiscard]] std::size_t problemCount() const override;

  /** Marks a key as read by someone else (the `kind` of a `[machine]` table). */
  void allow(std::string_view key) { mReader.allow(key); }
  /** Reports unknown keys here and in every sub-table. Call once. */
  void finish();

private:
  TableReader mReader;
  std::vector<std::unique_ptr<TableSectionReader>> mChildren;
};

} // namespace skillsim::scenario
