#pragma once

#include <string>

namespace skillsim::physics {

/** Version of the linked Bullet library as "major.minor" (e.g. "3.24"), from btGetVersion(). */
[[nodiscard]] std::string bulletVersion();

} // namespace skillsim::physics
