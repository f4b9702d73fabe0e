#include <skillsim/render/GltfLoader.h>

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

using namespace skillsim;
using namespace skillsim::render;

namespace {

std::string base64(const std::vector<std::uint8_t>& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t(bytes[i]) << 16) |
                            (i + 1 < bytes.size() ? std::uint32_t(bytes[i + 1]) << 8 : 0) |
                            (i + 2 < bytes.size() ? std::uint32_t(bytes[i + 2]) : 0);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

std::string writeFile(const std::string& name, const std::string& text) {
  std::filesystem::create_directories(SKILLSIM_TEST_OUTPUT_DIR);
  const std::string path = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// One triangle (0,0,0) (1,0,0) (0,1,0) with u16 indices `i0 i1 i2`, under a node translated by
// (0, 2, 0). Buffer: 36 bytes of positions then 6 bytes of indices (+2 padding).
std::string triangleGltf(std::uint16_t lastIndex = 2) {
  std::vector<std::uint8_t> bytes(44, 0);
  const float positions[9] = {0, 0, 0, 1, 0, 0, 0, 1, 0};
  const std::uint16_t indices[3] = {0, 1, lastIndex};
  std::memcpy(bytes.data(), positions, 36);
  std::memcpy(bytes.data() + 36, indices, 6);
  return R"({
  "asset": {"version": "2.0"},
  "scene": 0,
  "scenes": [{"nodes": [0]}],
  "nodes": [{"mesh": 0, "translation": [0, 2, 0]}],
  "meshes": [{"name": "hook", "primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
  "buffers": [{"byteLength": 44, "uri": "data:application/octet-stream;base64,)" +
         base64(bytes) + R"("}],
  "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": 36},
                  {"buffer": 0, "byteOffset": 36, "byteLength": 6}],
  "accessors": [
    {"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
     "min": [0, 0, 0], "max": [1, 1, 0]},
    {"bufferView": 1, "componentType": 5123, "count": 3, "type": "SCALAR"}]
})";
}

} // namespace

TEST(GltfLoader, LoadsATriangleWithItsNodeTransformAndComputedNormals) {
  const std::string path = writeFile("triangle.gltf", triangleGltf());
  auto mesh = loadGltf(path);
  ASSERT_TRUE(mesh) << mesh.error().toString();
  ASSERT_EQ(mesh->vertices.size(), 3u);
  ASSERT_EQ(mesh->indices.size(), 3u);
  EXPECT_EQ(mesh->vertices[1].position, glm::vec3(1.0f, 2.0f, 0.0f));
  EXPECT_EQ(mesh->boundsMin, glm::vec3(0.0f, 2.0f, 0.0f));
  EXPECT_EQ(mesh->boundsMax, glm::vec3(1.0f, 3.0f, 0.0f));
  // Counter-clockwise in XY seen from +Z: the computed normal is +Z.
  EXPECT_NEAR(mesh->vertices[0].normal.z, 1.0f, 1e-6f);
}

TEST(GltfLoader, MissingFileIsNotFoundAndNamesIt) {
  auto mesh = loadGltf("/nonexistent/crane_hook.gltf");
  ASSERT_FALSE(mesh);
  EXPECT_EQ(mesh.error().code, core::ErrorCode::NotFound);
  EXPECT_NE(mesh.error().toString().find("/nonexistent/crane_hook.gltf"), std::string::npos);
}

TEST(GltfLoader, MalformedJsonNamesTheFileAndTheProblem) {
  const std::string path = writeFile("broken.gltf", "{ \"asset\": { \"version\": ");
  auto mesh = loadGltf(path);
  ASSERT_FALSE(mesh);
  EXPECT_EQ(mesh.error().code, core::ErrorCode::InvalidInput);
  EXPECT_NE(mesh.error().toString().find(path), std::string::npos);
  EXPECT_NE(mesh.error().message.find("malformed glTF"), std::string::npos) << mesh.error().message;
}

TEST(GltfLoader, GarbageGlbIsRejected) {
  const std::string path = writeFile("garbage.glb", "this is not a binary glTF container");
  auto mesh = loadGltf(path);
  ASSERT_FALSE(mesh);
  EXPECT_NE(mesh.error().toString().find("garbage.glb"), std::string::npos);
}

TEST(GltfLoader, IndexOutOfRangeIsNamed) {
  const std::string path = writeFile("bad_index.gltf", triangleGltf(9));
  auto mesh = loadGltf(path);
  ASSERT_FALSE(mesh);
  EXPECT_NE(mesh.error().message.find("index 9 is out of range (3 vertices)"), std::string::npos)
      << mesh.error().message;
  EXPECT_NE(mesh.error().message.find("mesh 'hook' primitive 0"), std::string::npos);
}

TEST(GltfLoader, FileWithoutTrianglesIsAnError) {
  const std::string path =
      writeFile("empty.gltf", R"({"asset": {"version": "2.0"}, "scenes": [{"nodes": []}]})");
  auto mesh = loadGltf(path);
  ASSERT_FALSE(mesh);
  EXPECT_NE(mesh.error().message.find("no triangle meshes"), std::string::npos)
      << mesh.error().message;
}
