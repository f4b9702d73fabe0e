// Shared by the scene shaders: the per-frame uniform block (std140, matches FrameUniforms in
// engine/render/src/FrameUniforms.h) and the display encoding.
layout(set = 0, binding = 0, std140) uniform FrameData {
  mat4 viewProjection;      // world -> clip of the camera
  mat4 lightViewProjection; // world -> clip of the shadow map
  vec4 cameraPosition;      // xyz: eye (m, world)
  vec4 lightDirection;      // xyz: unit direction the light travels; w: 1 = shadows on
  vec4 lightColor;          // rgb: colour * intensity (linear)
  vec4 skyColor;            // rgb: hemisphere ambient from above (linear)
  vec4 groundColor;         // rgb: hemisphere ambient from below (linear)
  vec4 shadowParams;        // x: 1 / shadow map size; y: normal offset (m); z: PCF radius (texels)
} frame;

// Linear colour to the UNORM targets' display encoding (sRGB transfer, IEC 61966-2-1).
vec3 encodeSrgb(vec3 linear) {
  vec3 c = clamp(linear, 0.0, 1.0);
  vec3 low = c * 12.92;
  vec3 high = 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055;
  return mix(high, low, vec3(lessThanEqual(c, vec3(0.0031308))));
}
