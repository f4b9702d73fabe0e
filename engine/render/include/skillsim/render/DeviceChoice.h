#pragma once

#include <skillsim/core/Expected.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace skillsim::render {

/** Kind of a Vulkan physical device, in the renderer's order of preference. */
enum class DeviceType : std::uint8_t {
  Discrete,   ///< A separate GPU: preferred.
  Integrated, ///< A GPU sharing the CPU's memory.
  Virtual,    ///< A GPU seen through a hypervisor.
  Cpu,        ///< A software rasteriser such as Mesa's lavapipe (llvmpipe).
  Other,
};

/** One physical device as the renderer saw it, with whether it can run SkillSim. */
struct DeviceCandidate {
  std::string name; ///< VkPhysicalDeviceProperties::deviceName, e.g. "llvmpipe (LLVM 15.0.6)".
  DeviceType type = DeviceType::Other;
  bool suitable = false; ///< Vulkan 1.3, dynamic rendering, a graphics (and present) queue.
  std::string whyNot;    ///< When not suitable: what it lacks, e.g. "Vulkan 1.1 < 1.3".
};

/**
 * Picks the device to use, the way `--gpu` asks:
 * - empty `request`: the most preferred suitable device (DeviceType order; the first of equals);
 * - all digits: that index into `candidates` (as listed by `skillsim --gpu list`);
 * - otherwise: the first device whose name contains `request`, ignoring case.
 *
 * Errors (ErrorCode::Unsupported or NotFound): no devices at all (names the package
 * mesa-vulkan-drivers), no suitable device (says what each lacks), an index out of range, a name
 * that matches nothing, or a requested device that is not suitable. Each lists the devices seen.
 */
[[nodiscard]] core::Expected<std::size_t> chooseDevice(std::span<const DeviceCandidate> candidates,
                                                       std::string_view request);

/** Human-readable name of a DeviceType ("discrete GPU", "CPU (software)"). */
[[nodiscard]] const char* toString(DeviceType type);

} // namespace skillsim::render
