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

// Linear colour to the UNORM targets' display encoding: the sRGB transfer function
// (IEC 61966-2-1) approximated with square roots, which a software rasteriser evaluates far faster
// than pow(); the error is below 0.7% of full scale (2/255) across [0, 1].
vec3 encodeSrgb(vec3 linear) {
  vec3 c = clamp(linear, 0.0, 1.0);
  vec3 s1 = sqrt(c);
  vec3 s2 = sqrt(s1);
  vec3 s3 = sqrt(s2);
  return clamp(0.662002687 * s1 + 0.684122060 * s2 - 0.323583601 * s3 - 0.022541147 * c, 0.0, 1.0);
}
