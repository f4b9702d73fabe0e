#include "skillsim/ui/ViewPointer.h"

#include <imgui.h>

namespace skillsim::ui {

ViewPointer viewPointer() {
  const ImGuiIO& io = ImGui::GetIO();
  ViewPointer p;
  if (io.WantCaptureMouse) {
    return p;
  }
  if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    p.dragX = io.MouseDelta.x;
    p.dragY = io.MouseDelta.y;
  }
  p.wheel = io.MouseWheel;
  return p;
}

} // namespace skillsim::ui
