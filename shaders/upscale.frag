#version 450
// Bilinear lookup of the scene image at the render scale (its colours are already encoded for
// the UNORM target, as a blit would copy them).
layout(set = 0, binding = 0) uniform sampler2D scene;
layout(location = 0) in vec2 inUv;
layout(location = 0) out vec4 outColor;

void main() { outColor = texture(scene, inUv); }
