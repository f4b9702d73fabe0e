#version 450
// Full-screen triangle for the sky gradient; no vertex buffer (positions from gl_VertexIndex).
layout(location = 0) out vec2 outNdc;

void main() {
  vec2 uv = vec2((gl_VertexIndex << 1) & 2, gl_VertexIndex & 2);
  outNdc = uv * 2.0 - 1.0;
  // Depth 1.0 (the far plane): the sky lies behind everything.
  gl_Position = vec4(outNdc, 1.0, 1.0);
}
