#include "skillsim/render/DeviceChoice.h"

#include <algorithm>
#include <cctype>

namespace skillsim::render {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string describe(std::span<const DeviceCandidate> candidates) {
  std::string out = "devices found:";
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const DeviceCandidate& c = candidates[i];
    out += "\n  [" + std::to_string(i) + "] " + c.name + " (" + toString(c.type) + ")";
    if (!c.suitable) {
      out += ": not usable, " + c.whyNot;
    }
  }
  return out;
}

} // namespace

const char* toString(DeviceType type) {
  switch (type) {
  case DeviceType::Discrete: return "discrete GPU";
  case DeviceType::Integrated: return "integrated GPU";
  case DeviceType::Virtual: return "virtual GPU";
  case DeviceType::Cpu: return "CPU (software)";
  case DeviceType::Other: return "other";
  }
  return "other";
}

core::Expected<std::size_t> chooseDevice(std::span<const DeviceCandidate> candidates,
                                         std::string_view request) {
  if (candidates.empty()) {
    return core::makeError(core::ErrorCode::NotFound,
                           "no Vulkan device found: no Vulkan driver is installed or none "
                           "reported a device. Install one, e.g. `apt install "
                           "mesa-vulkan-drivers` (Mesa, includes the lavapipe software "
                           "renderer) or your GPU vendor's Vulkan driver");
  }
  if (!request.empty()) {
    std::size_t index = candidates.size();
    const bool numeric = std::all_of(request.begin(), request.end(),
                                     [](unsigned char c) { return std::isdigit(c) != 0; });
    if (numeric) {
      const std::size_t asked =
          request.size() > 9 ? candidates.size() : std::stoul(std::string(request));
      if (asked >= candidates.size()) {
        return core::makeError(core::ErrorCode::NotFound, "--gpu " + std::string(request) +
                                                              ": no device with that index; " +
                                                              describe(candidates));
      }
      index = asked;
    } else {
      const std::string wanted = lowercase(request);
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (lowercase(candidates[i].name).find(wanted) != std::string::npos) {
          index = i;
          break;
        }
      }
      if (index == candidates.size()) {
        return core::makeError(core::ErrorCode::NotFound,
                               "--gpu " + std::string(request) +
                                   ": no device name contains that text; " + describe(candidates));
      }
    }
    if (!candidates[index].suitable) {
      return core::makeError(core::ErrorCode::Unsupported,
                             "--gpu " + std::string(request) + ": device '" +
                                 candidates[index].name + "' cannot run SkillSim (" +
                                 candidates[index].whyNot + "); " + describe(candidates));
    }
    return index;
  }
  std::size_t best = candidates.size();
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i].suitable &&
        (best == candidates.size() || candidates[i].type < candidates[best].type)) {
      best = i;
    }
  }
  if (best == candidates.size()) {
    return core::makeError(core::ErrorCode::Unsupported,
                           "no suitable Vulkan device: SkillSim needs Vulkan 1.3 with dynamic "
                           "rendering and a graphics queue; update the driver (e.g. `apt install "
                           "mesa-vulkan-drivers` for lavapipe); " +
                               describe(candidates));
  }
  return best;
}

} // namespace skillsim::render
