#pragma once

#include <filesystem>

namespace skillsim::records {

/**
 * The user's SkillSim configuration directory (XDG Base Directory Specification 0.8):
 * `$XDG_CONFIG_HOME/skillsim`, else `$HOME/.config/skillsim`, else `./.skillsim-config`.
 * Holds the workstation key. Every function taking a directory accepts another (tests do).
 */
[[nodiscard]] std::filesystem::path defaultConfigDir();

/**
 * The user's SkillSim data directory (XDG): `$XDG_DATA_HOME/skillsim`, else
 * `$HOME/.local/share/skillsim`, else `./.skillsim-data`. Holds the default results store
 * (`results.sqlite`) and the pending-attempt queue (`queue/`).
 */
[[nodiscard]] std::filesystem::path defaultDataDir();

/** `defaultDataDir() / "results.sqlite"`: the store used when no `--db` is given. */
[[nodiscard]] std::filesystem::path defaultStorePath();

/** `defaultDataDir() / "queue"`: where attempts wait while the store is unavailable. */
[[nodiscard]] std::filesystem::path defaultQueueDir();

} // namespace skillsim::records
