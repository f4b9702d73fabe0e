#version 450
// The scene drawn at the render scale, stretched over the whole target (the UI pass's first draw):
// two triangles forming one rectangle, no vertex buffer (corners from gl_VertexIndex, 0-5). A
// rectangle with a plain texture lookup is what llvmpipe fills on its fast path for linear
// shaders, several times cheaper per pixel than vkCmdBlitImage on lavapipe (docs/rendering.md).
layout(location = 0) out vec2 outUv;

const vec2 kCorners[6] =
    vec2[](vec2(0.0, 0.0), vec2(1.0, 0.0), vec2(0.0, 1.0), vec2(1.0, 0.0), vec2(1.0, 1.0),
           vec2(0.0, 1.0));

void main() {
  vec2 uv = kCorners[gl_VertexIndex];
  outUv = uv;
  gl_Position = vec4(uv * 2.0 - 1.0, 0.0, 1.0);
}
