#pragma once

#include <string>

namespace skillsim::ui {

/** Version of the Dear ImGui headers the UI was built against (IMGUI_VERSION, e.g. "1.86"). */
[[nodiscard]] std::string imguiVersion();

} // namespace skillsim::ui
