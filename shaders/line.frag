#version 450
#extension GL_GOOGLE_include_directive : require
// Debug lines are unlit: their colour as given (linear), encoded for display.
#include "common.glsl"

layout(location = 0) in vec4 inColor;
layout(location = 0) out vec4 outColor;

void main() { outColor = vec4(encodeSrgb(inColor.rgb), inColor.a); }
