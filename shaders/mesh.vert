#version 450
#extension GL_GOOGLE_include_directive : require
// Lit, instanced mesh: per-vertex position and normal, per-instance transform and material.
// Everything that is constant over an instance (the material's diffuse and specular colours and
// the specular exponent) or linear over a triangle (the shadow map coordinate: the light's
// projection is orthographic) is computed here once per vertex instead of once per pixel.
#include "common.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 1) in vec3 inNormal;
layout(location = 2) in vec4 inModel0; // model-to-world matrix, columns
layout(location = 3) in vec4 inModel1;
layout(location = 4) in vec4 inModel2;
layout(location = 5) in vec4 inModel3;
layout(location = 6) in vec4 inNormalMatrix0; // inverse-transpose of the model's 3x3, columns
layout(location = 7) in vec4 inNormalMatrix1;
layout(location = 8) in vec4 inNormalMatrix2;
layout(location = 9) in vec4 inBaseColor;     // linear RGBA
layout(location = 10) in vec4 inSurface;      // x: roughness, y: metallic

layout(location = 0) out vec3 outWorldPosition;
layout(location = 1) out vec3 outWorldNormal;
layout(location = 2) out vec3 outShadowCoord;            // shadow map uv and depth
layout(location = 3) flat out vec4 outDiffuse;           // rgb: base * (1 - metallic) / pi; a: alpha
layout(location = 4) flat out vec4 outSpecular;          // rgb: F0; a: Blinn-Phong exponent
layout(location = 5) flat out vec3 outAmbientBase;       // rgb: base colour times ambient strength

const float kPi = 3.14159265;

void main() {
  mat4 model = mat4(inModel0, inModel1, inModel2, inModel3);
  mat3 normalMatrix = mat3(inNormalMatrix0.xyz, inNormalMatrix1.xyz, inNormalMatrix2.xyz);
  vec4 world = model * vec4(inPosition, 1.0);
  vec3 normal = normalMatrix * inNormal;
  outWorldPosition = world.xyz;
  outWorldNormal = normal;

  // Normal offset (along the unit normal, away from the surface) against self-shadowing acne; the
  // light's projection is orthographic (w = 1), so the coordinate interpolates exactly.
  vec3 offsetNormal = normal * inversesqrt(max(dot(normal, normal), 1e-12));
  vec4 lightClip = frame.lightViewProjection * vec4(world.xyz + offsetNormal * frame.shadowParams.y,
                                                    1.0);
  outShadowCoord = vec3(lightClip.xy * 0.5 + 0.5, lightClip.z);

  float roughness = clamp(inSurface.x, 0.02, 1.0);
  float metallic = clamp(inSurface.y, 0.0, 1.0);
  vec3 base = inBaseColor.rgb;
  outDiffuse = vec4(base * (1.0 - metallic) / kPi, inBaseColor.a);
  outSpecular = vec4(mix(vec3(0.04), base, metallic), exp2(11.0 * (1.0 - roughness)) + 1.0);
  outAmbientBase = base * 0.35;
  gl_Position = frame.viewProjection * world;
}
