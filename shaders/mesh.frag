#version 450
#extension GL_GOOGLE_include_directive : require
// Blinn-Phong lighting normalised for energy ((n + 8) / 8pi, Akenine-Moller et al., Real-Time
// Rendering 4th ed., eq. 7.49 family), roughness mapped to the exponent, metallic tinting the
// highlight; one directional light with a PCF-filtered shadow map; hemisphere ambient. What is
// constant per instance comes from the vertex shader as flat inputs (mesh.vert).
#include "common.glsl"

layout(set = 0, binding = 1) uniform sampler2DShadow shadowMap;

// Shadows on (1) or off (0), fixed when the pipeline is built: a software rasteriser runs both
// sides of a branch on a uniform, so the off variant must not contain the texture taps at all.
layout(constant_id = 0) const int kShadows = 1;
// Shadow map taps per pixel: 4 (3x3 PCF) or 1 (2x2 PCF), RendererOptions::shadowFilter.
layout(constant_id = 1) const int kShadowTaps = 4;

layout(location = 0) in vec3 inWorldPosition;
layout(location = 1) in vec3 inWorldNormal;
layout(location = 2) in vec3 inShadowCoord;
layout(location = 3) flat in vec4 inDiffuse;
layout(location = 4) flat in vec4 inSpecular;
layout(location = 5) flat in vec3 inAmbientBase;

layout(location = 0) out vec4 outColor;

const float kPi = 3.14159265;

float shadowFactor() {
  vec3 c = inShadowCoord;
  if (c.z >= 1.0 || any(lessThan(c.xy, vec2(0.0))) || any(greaterThan(c.xy, vec2(1.0)))) {
    return 1.0; // outside the shadow map: lit
  }
  if (kShadowTaps == 1) {
    return texture(shadowMap, c); // the hardware's 2x2 bilinear comparison: 2x2 PCF
  }
  // Four taps of the hardware 2x2 comparison filter half a texel apart: percentage-closer
  // filtering over a 3x3-texel footprint with bilinear weights (GPU Gems 1, ch. 11), at less than
  // half the cost of nine taps on a software rasteriser.
  float h = frame.shadowParams.x * frame.shadowParams.z * 0.5;
  float lit = texture(shadowMap, vec3(c.xy + vec2(-h, -h), c.z));
  lit += texture(shadowMap, vec3(c.xy + vec2(h, -h), c.z));
  lit += texture(shadowMap, vec3(c.xy + vec2(-h, h), c.z));
  lit += texture(shadowMap, vec3(c.xy + vec2(h, h), c.z));
  return lit * 0.25;
}

void main() {
  vec3 n = normalize(inWorldNormal);
  if (!gl_FrontFacing) {
    n = -n; // two-sided planes and open glTF meshes
  }
  vec3 toLight = -frame.lightDirection.xyz; // unit length (the renderer normalises it)
  vec3 toEye = normalize(frame.cameraPosition.xyz - inWorldPosition);
  vec3 halfway = normalize(toLight + toEye);

  float nDotL = max(dot(n, toLight), 0.0);
  float exponent = inSpecular.a;
  // x^n by Schlick's rational approximation x / (n - n x + x) (C. Schlick, "A Fast Alternative to
  // Phong's Specular Model", Graphics Gems IV, 1994): no log/exp per pixel.
  float nDotH = max(dot(n, halfway), 0.0);
  float specular = nDotH / (exponent - exponent * nDotH + nDotH) * (exponent + 8.0) / (8.0 * kPi);

  float shadow = kShadows != 0 ? shadowFactor() : 1.0;
  vec3 direct = (inDiffuse.rgb + inSpecular.rgb * specular) * frame.lightColor.rgb *
                (nDotL * shadow);
  vec3 ambient = mix(frame.groundColor.rgb, frame.skyColor.rgb, n.y * 0.5 + 0.5) * inAmbientBase;
  outColor = vec4(encodeSrgb(direct + ambient), inDiffuse.a);
}
