#include <skillsim/render/DeviceChoice.h>

#include <gtest/gtest.h>

#include <vector>

using namespace skillsim;
using namespace skillsim::render;

namespace {
const std::vector<DeviceCandidate> kMachine = {
    {"llvmpipe (LLVM 15.0.6, 256 bits)", DeviceType::Cpu, true, ""},
    {"Old GPU", DeviceType::Discrete, false, "Vulkan 1.1 < 1.3"},
    {"Intel(R) UHD Graphics 630", DeviceType::Integrated, true, ""},
    {"NVIDIA GeForce RTX 3060", DeviceType::Discrete, true, ""},
};
}

TEST(DeviceChoice, PrefersASuitableDiscreteGpu) {
  EXPECT_EQ(chooseDevice(kMachine, "").value(), 3u);
}

TEST(DeviceChoice, FallsBackToTheSoftwareRenderer) {
  const std::vector<DeviceCandidate> ci = {
      {"Old GPU", DeviceType::Discrete, false, "Vulkan 1.1 < 1.3"},
      {"llvmpipe", DeviceType::Cpu, true, ""}};
  EXPECT_EQ(chooseDevice(ci, "").value(), 1u);
}

TEST(DeviceChoice, ByIndexAndByNameIgnoringCase) {
  EXPECT_EQ(chooseDevice(kMachine, "2").value(), 2u);
  EXPECT_EQ(chooseDevice(kMachine, "LLVMpipe").value(), 0u);
  EXPECT_EQ(chooseDevice(kMachine, "rtx").value(), 3u);
}

TEST(DeviceChoice, ErrorsListTheDevicesSeen) {
  auto range = chooseDevice(kMachine, "4");
  ASSERT_FALSE(range);
  EXPECT_EQ(range.error().code, core::ErrorCode::NotFound);
  EXPECT_NE(range.error().message.find("[3] NVIDIA GeForce RTX 3060 (discrete GPU)"),
            std::string::npos)
      << range.error().message;
  auto name = chooseDevice(kMachine, "radeon");
  ASSERT_FALSE(name);
  EXPECT_NE(name.error().message.find("--gpu radeon"), std::string::npos);
  auto unsuitable = chooseDevice(kMachine, "old");
  ASSERT_FALSE(unsuitable);
  EXPECT_EQ(unsuitable.error().code, core::ErrorCode::Unsupported);
  EXPECT_NE(unsuitable.error().message.find("Vulkan 1.1 < 1.3"), std::string::npos);
  EXPECT_FALSE(chooseDevice(kMachine, "99999999999999999999"));
}

TEST(DeviceChoice, NoDevicesNamesThePackageToInstall) {
  auto none = chooseDevice({}, "");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("mesa-vulkan-drivers"), std::string::npos);
  const std::vector<DeviceCandidate> old = {{"Old GPU", DeviceType::Discrete, false, "no 1.3"}};
  auto unsuitable = chooseDevice(old, "");
  ASSERT_FALSE(unsuitable);
  EXPECT_NE(unsuitable.error().message.find("Vulkan 1.3"), std::string::npos);
  EXPECT_NE(unsuitable.error().message.find("mesa-vulkan-drivers"), std::string::npos);
}
