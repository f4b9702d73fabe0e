#pragma once

#include <skillsim/core/SceneView.h>

#include <functional>
#include <ostream>
#include <string>

namespace skillsim::app {

/**
 * A window's `--screenshot`: a window's swapchain cannot be read back, so `view` is drawn again
 * offscreen (1280 x 720, the Khronos validation layer on, on the GPU named `gpu` as `skillsim run
 * --gpu` takes it) with the Dear ImGui panels `drawPanels` adds between the layer's beginFrame and
 * endFrame, and written to `path` as PNG. Prints "screenshot: PATH; validation messages N" to
 * `out`. Call it after the window's own ImGui layer is gone (one Dear ImGui context at a time).
 * Returns false, the error printed to `err`, when the renderer, the layer, the frame or the file
 * fails.
 */
[[nodiscard]] bool writeOffscreenScreenshot(const core::SceneView& view, const std::string& gpu,
                                            const std::string& path,
                                            const std::function<void()>& drawPanels,
                                            std::ostream& out, std::ostream& err);

} // namespace skillsim::app
