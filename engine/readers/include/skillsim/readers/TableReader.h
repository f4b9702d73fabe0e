#pragma once

#include "skillsim/readers/Diagnostics.h"

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>
#include <toml++/toml.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::readers {

/** Whether a key must be present. */
enum class Need : std::uint8_t { Optional, Required };

/** A closed or open interval a number must lie in; always finite values. */
struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool minOpen = false; ///< min itself is excluded.
  bool maxOpen = false;

  static Range positive() { return {0.0, std::numeric_limits<double>::infinity(), true, false}; }
  static Range nonNegative() { return {0.0, std::numeric_limits<double>::infinity()}; }
  static Range closed(double lo, double hi) { return {lo, hi}; }
  [[nodiscard]] bool contains(double v) const;
  /** "a number > 0", "a number in [0, 1]" … */
  [[nodiscard]] std::string describe() const;
};

/**
 * Reads one TOML table, reporting every problem to Diagnostics with the node's line and column
 * and the field's dotted path. Each getter declares its key as known; finish() then reports every
 * key that no getter asked for as unknown, with a did-you-mean among the known ones.
 */
class TableReader {
public:
  TableReader(const toml::table& table, std::string path, Diagnostics& diagnostics);

  std::optional<std::string> string(std::string_view key, Need need);
  /** A string that must be one of `choices`. */
  std::optional<std::string> choice(std::string_view key, Need need,
                                    const std::vector<std::string>& choices);
  std::optional<double> number(std::string_view key, Need need, Range range = {});
  std::optional<std::int64_t> integer(std::string_view key, Need need, std::int64_t min,
                                      std::int64_t max);
  std::optional<bool> boolean(std::string_view key, Need need);
  /** [x, y, z], each component in `range`. */
  std::optional<glm::dvec3> vec3(std::string_view key, Need need, Range range = {});
  /** [r, g, b] or [r, g, b, a], each in [0, 1]. */
  std::optional<glm::vec4> color(std::string_view key);
  std::optional<std::vector<std::string>> strings(std::string_view key, Need need);
  /** A sub-table (inline or not). */
  const toml::table* table(std::string_view key, Need need);
  /** An array of tables ([[key]]); an element that is not a table is reported and null. */
  std::vector<const toml::table*> tables(std::string_view key, Need need);
  /** A raw array. */
  const toml::array* array(std::string_view key, Need need);

  /** Marks a key as known without reading it. */
  void allow(std::string_view key);
  /** True when the key is present (and marks it known). */
  bool has(std::string_view key);
  /** Reports unknown keys. Call once after every getter. */
  void finish();

  /** Reports a problem located at the key's value (or at the table when the key is absent). */
  void problem(std::string_view key, std::string message);
  /** Reports a problem located at the table itself. */
  void problemHere(std::string message);
  /** Reports a problem at a node, with an explicit field path. */
  void problemAt(const toml::node& node, std::string fieldPath, std::string message);

  [[nodiscard]] std::string fieldPath(std::string_view key) const;
  [[nodiscard]] const std::string& path() const { return mPath; }
  [[nodiscard]] const toml::table& raw() const { return mTable; }
  [[nodiscard]] Diagnostics& diagnostics() { return mDiagnostics; }

private:
  const toml::node* get(std::string_view key, Need need, const char* expected);
  void wrongType(std::string_view key, const toml::node& node, const char* expected);

  const toml::table& mTable;
  std::string mPath;
  Diagnostics& mDiagnostics;
  std::vector<std::string> mKnown;
};

/**
 * Parses TOML text (`file` names it in messages); a syntax error becomes a problem with its line
 * and column ("TOML syntax error: …"), and nullopt is returned.
 */
[[nodiscard]] std::optional<toml::table> parseToml(std::string_view text, const std::string& file,
                                                   Diagnostics& diagnostics);

/** Name of a TOML node's type for messages ("a string", "an integer" …). */
[[nodiscard]] std::string typeName(const toml::node& node);

} // namespace skillsim::readers
