#version 450
#extension GL_GOOGLE_include_directive : require
// Lit, instanced mesh: per-vertex position and normal, per-instance transform and material.
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
layout(location = 2) out vec4 outBaseColor;
layout(location = 3) out vec2 outSurface;

void main() {
  mat4 model = mat4(inModel0, inModel1, inModel2, inModel3);
  mat3 normalMatrix = mat3(inNormalMatrix0.xyz, inNormalMatrix1.xyz, inNormalMatrix2.xyz);
  vec4 world = model * vec4(inPosition, 1.0);
  outWorldPosition = world.xyz;
  outWorldNormal = normalMatrix * inNormal;
  outBaseColor = inBaseColor;
  outSurface = inSurface.xy;
  gl_Position = frame.viewProjection * world;
}
