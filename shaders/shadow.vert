#version 450
#extension GL_GOOGLE_include_directive : require
// Depth-only pass from the directional light: instanced, transform only.
#include "common.glsl"

layout(location = 0) in vec3 inPosition;
layout(location = 2) in vec4 inModel0;
layout(location = 3) in vec4 inModel1;
layout(location = 4) in vec4 inModel2;
layout(location = 5) in vec4 inModel3;

void main() {
  mat4 model = mat4(inModel0, inModel1, inModel2, inModel3);
  gl_Position = frame.lightViewProjection * (model * vec4(inPosition, 1.0));
}
