#version 450
// Vertical sky gradient: horizon colour at the bottom of the screen, zenith colour at the top.
// Colours are linear and encoded for the UNORM targets (sRGB transfer, IEC 61966-2-1).
layout(location = 0) in vec2 inNdc;
layout(location = 0) out vec4 outColor;

layout(push_constant) uniform Sky {
  vec4 horizon;
  vec4 zenith;
} sky;

vec3 encodeSrgb(vec3 linear) {
  vec3 c = clamp(linear, 0.0, 1.0);
  return mix(1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, c * 12.92,
             vec3(lessThanEqual(c, vec3(0.0031308))));
}

void main() {
  // Vulkan NDC: y = -1 at the top of the screen.
  float t = clamp(-inNdc.y * 0.5 + 0.5, 0.0, 1.0);
  outColor = vec4(encodeSrgb(mix(sky.horizon.rgb, sky.zenith.rgb, t)), 1.0);
}
