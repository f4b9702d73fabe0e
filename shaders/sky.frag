#version 450
// Vertical sky gradient: horizon colour at the bottom of the screen, zenith colour at the top.
layout(location = 0) in vec2 inNdc;
layout(location = 0) out vec4 outColor;

layout(push_constant) uniform Sky {
  vec4 horizon;
  vec4 zenith;
} sky;

void main() {
  // Vulkan NDC: y = -1 at the top of the screen.
  float t = clamp(-inNdc.y * 0.5 + 0.5, 0.0, 1.0);
  outColor = mix(sky.horizon, sky.zenith, t);
}
