#version 450
#extension GL_GOOGLE_include_directive : require
// Blinn-Phong lighting normalised for energy ((n + 8) / 8pi, Akenine-Moller et al., Real-Time
// Rendering 4th ed., eq. 7.49 family), roughness mapped to the exponent, metallic tinting the
// highlight; one directional light with a PCF-filtered shadow map; hemisphere ambient.
#include "common.glsl"

layout(set = 0, binding = 1) uniform sampler2DShadow shadowMap;

layout(location = 0) in vec3 inWorldPosition;
layout(location = 1) in vec3 inWorldNormal;
layout(location = 2) in vec4 inBaseColor;
layout(location = 3) in vec2 inSurface;

layout(location = 0) out vec4 outColor;

const float kPi = 3.14159265;

float shadowFactor(vec3 worldPosition, vec3 normal) {
  if (frame.lightDirection.w < 0.5) {
    return 1.0;
  }
  // Normal offset: sample from slightly off the surface to avoid self-shadowing acne.
  vec4 lightClip = frame.lightViewProjection *
                   vec4(worldPosition + normal * frame.shadowParams.y, 1.0);
  vec3 ndc = lightClip.xyz / lightClip.w;
  vec2 uv = ndc.xy * 0.5 + 0.5;
  if (ndc.z >= 1.0 || any(lessThan(uv, vec2(0.0))) || any(greaterThan(uv, vec2(1.0)))) {
    return 1.0; // outside the shadow map: lit
  }
  // Four taps of the hardware 2x2 comparison filter half a texel apart: percentage-closer
  // filtering over a 3x3-texel footprint with bilinear weights (GPU Gems 1, ch. 11), at less than
  // half the cost of nine taps on a software rasteriser.
  vec2 halfTexel = vec2(frame.shadowParams.x * frame.shadowParams.z * 0.5);
  float lit = texture(shadowMap, vec3(uv + vec2(-halfTexel.x, -halfTexel.y), ndc.z));
  lit += texture(shadowMap, vec3(uv + vec2(halfTexel.x, -halfTexel.y), ndc.z));
  lit += texture(shadowMap, vec3(uv + vec2(-halfTexel.x, halfTexel.y), ndc.z));
  lit += texture(shadowMap, vec3(uv + vec2(halfTexel.x, halfTexel.y), ndc.z));
  return lit * 0.25;
}

void main() {
  vec3 n = normalize(inWorldNormal);
  if (!gl_FrontFacing) {
    n = -n; // two-sided planes and open glTF meshes
  }
  vec3 toLight = -normalize(frame.lightDirection.xyz);
  vec3 toEye = normalize(frame.cameraPosition.xyz - inWorldPosition);
  vec3 halfway = normalize(toLight + toEye);
  float roughness = clamp(inSurface.x, 0.02, 1.0);
  float metallic = clamp(inSurface.y, 0.0, 1.0);
  vec3 base = inBaseColor.rgb;

  float nDotL = max(dot(n, toLight), 0.0);
  float exponent = exp2(11.0 * (1.0 - roughness)) + 1.0;
  // x^n by Schlick's rational approximation x / (n - n x + x) (C. Schlick, "A Fast Alternative to
  // Phong's Specular Model", Graphics Gems IV, 1994): no log/exp per pixel.
  float nDotH = max(dot(n, halfway), 0.0);
  float specular = nDotH / (exponent - exponent * nDotH + nDotH) * (exponent + 8.0) / (8.0 * kPi);
  vec3 specularColor = mix(vec3(0.04), base, metallic);
  vec3 diffuse = base * (1.0 - metallic) / kPi;

  float shadow = shadowFactor(inWorldPosition, n);
  vec3 direct = (diffuse + specularColor * specular) * frame.lightColor.rgb * nDotL * shadow;
  vec3 ambient = mix(frame.groundColor.rgb, frame.skyColor.rgb, n.y * 0.5 + 0.5) * base * 0.35;
  outColor = vec4(encodeSrgb(direct + ambient), inBaseColor.a);
}
