#version 450
// Vertical sky gradient: horizon colour at the bottom of the screen, zenith colour at the top.
// Colours are linear and encoded for the UNORM targets (sRGB transfer, IEC 61966-2-1). Drawn
// after the meshes at the far plane with a depth test, so only uncovered pixels are shaded.
layout(location = 0) in vec2 inNdc;
layout(location = 0) out vec4 outColor;

layout(push_constant) uniform Sky {
  vec4 horizon;
  vec4 zenith;
} sky;

vec3 encodeSrgb(vec3 linear) { // as in common.glsl (square-root approximation)
  vec3 c = clamp(linear, 0.0, 1.0);
  vec3 s1 = sqrt(c);
  vec3 s2 = sqrt(s1);
  vec3 s3 = sqrt(s2);
  return clamp(0.662002687 * s1 + 0.684122060 * s2 - 0.323583601 * s3 - 0.022541147 * c, 0.0, 1.0);
}

void main() {
  // Vulkan NDC: y = -1 at the top of the screen.
  float t = clamp(-inNdc.y * 0.5 + 0.5, 0.0, 1.0);
  outColor = vec4(encodeSrgb(mix(sky.horizon.rgb, sky.zenith.rgb, t)), 1.0);
}
