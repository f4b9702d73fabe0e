#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace skillsim::core {

/**
 * Deepest nesting of arrays and objects SkillSim accepts in a JSON document it reads (a signed
 * end record, a queued attempt, a credential). Its own documents nest at most 6 levels; the
 * limit keeps a crafted file (4 M levels of `[`) from costing hundreds of MB to parse.
 */
inline constexpr std::size_t kMaxJsonDepth = 64;

/**
 * The byte offset of the first `[` or `{` in `text` that opens a level deeper than `maxDepth`,
 * or std::nullopt when the nesting stays within it. Brackets inside strings (RFC 8259 section 7,
 * with backslash escapes) do not count. Checks nesting only: whether the text is valid JSON is
 * the parser's business, so run this first and then parse.
 */
[[nodiscard]] std::optional<std::size_t> jsonTooDeepAt(std::string_view text,
                                                       std::size_t maxDepth = kMaxJsonDepth);

} // namespace skillsim::core
