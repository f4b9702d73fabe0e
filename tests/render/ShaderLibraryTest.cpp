#include <skillsim/render/ShaderLibrary.h>

#include <gtest/gtest.h>

using namespace skillsim::render;

TEST(ShaderLibrary, EveryEmbeddedShaderIsSpirv) {
  ASSERT_FALSE(embeddedShaders().empty());
  for (const ShaderBlob& blob : embeddedShaders()) {
    ASSERT_GE(blob.spirv.size(), 5u) << blob.name; // the SPIR-V header is five words
    EXPECT_EQ(blob.spirv[0], 0x07230203u) << blob.name << ": wrong SPIR-V magic number";
    EXPECT_GE(blob.spirv[1], 0x00010600u) << blob.name << ": SPIR-V older than 1.6 (Vulkan 1.3)";
  }
}

TEST(ShaderLibrary, FindsByName) {
  EXPECT_FALSE(findShader("sky.vert").empty());
  EXPECT_FALSE(findShader("sky.frag").empty());
  EXPECT_TRUE(findShader("missing.frag").empty());
  EXPECT_NE(findShader("sky.vert").data(), findShader("sky.frag").data());
}
