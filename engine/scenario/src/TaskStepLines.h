#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

namespace skillsim::scenario {

/**
 * The scenario text with its `[[steps]]` tables taken out, as the scenario hash sees it: each
 * step table's lines from its header to the next table header (or the end of the file), and the
 * blank and comment lines just above the header. `root` is `text` parsed. Steps are presentation
 * (TaskStep), so rewording them keeps the scenario's identity; every other byte still counts.
 * Inline `steps = [...]` arrays lose their lines the same way.
 */
[[nodiscard]] std::string withoutTaskSteps(std::string_view text, const toml::table& root);

} // namespace skillsim::scenario
