#include "skillsim/ui/UiInfo.h"

#include <imgui.h>

namespace skillsim::ui {

std::string imguiVersion() { return IMGUI_VERSION; }

} // namespace skillsim::ui
