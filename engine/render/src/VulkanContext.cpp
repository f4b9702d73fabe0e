#include "VulkanContext.h"

#include <skillsim/core/Log.h>

#include <algorithm>
#include <cstring>

namespace skillsim::render::detail {
namespace {

constexpr const char* kValidationLayer = "VK_LAYER_KHRONOS_validation";
constexpr const char* kNoDriverHint =
    "Install a Vulkan driver: on Debian `apt install mesa-vulkan-drivers` (Mesa, with the "
    "lavapipe software renderer) or your GPU vendor's driver";

VKAPI_ATTR VkBool32 VKAPI_CALL debugCallback(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                             VkDebugUtilsMessageTypeFlagsEXT,
                                             const VkDebugUtilsMessengerCallbackDataEXT* data,
                                             void* user) {
  static_cast<VulkanContext*>(user)->onValidationMessage(
      severity, data != nullptr && data->pMessage != nullptr ? data->pMessage : "(no text)");
  return VK_FALSE;
}

bool hasLayer(const char* name) {
  std::uint32_t count = 0;
  if (vkEnumerateInstanceLayerProperties(&count, nullptr) != VK_SUCCESS) {
    return false;
  }
  std::vector<VkLayerProperties> layers(count);
  vkEnumerateInstanceLayerProperties(&count, layers.data());
  return std::any_of(layers.begin(), layers.end(), [&](const VkLayerProperties& l) {
    return std::strcmp(l.layerName, name) == 0;
  });
}

bool hasInstanceExtension(const char* name) {
  std::uint32_t count = 0;
  if (vkEnumerateInstanceExtensionProperties(nullptr, &count, nullptr) != VK_SUCCESS) {
    return false;
  }
  std::vector<VkExtensionProperties> extensions(count);
  vkEnumerateInstanceExtensionProperties(nullptr, &count, extensions.data());
  return std::any_of(extensions.begin(), extensions.end(), [&](const VkExtensionProperties& e) {
    return std::strcmp(e.extensionName, name) == 0;
  });
}

bool hasDeviceExtension(VkPhysicalDevice device, const char* name) {
  std::uint32_t count = 0;
  vkEnumerateDeviceExtensionProperties(device, nullptr, &count, nullptr);
  std::vector<VkExtensionProperties> extensions(count);
  vkEnumerateDeviceExtensionProperties(device, nullptr, &count, extensions.data());
  return std::any_of(extensions.begin(), extensions.end(), [&](const VkExtensionProperties& e) {
    return std::strcmp(e.extensionName, name) == 0;
  });
}

DeviceType toDeviceType(VkPhysicalDeviceType type) {
  switch (type) {
  case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return DeviceType::Discrete;
  case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return DeviceType::Integrated;
  case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return DeviceType::Virtual;
  case VK_PHYSICAL_DEVICE_TYPE_CPU: return DeviceType::Cpu;
  default: return DeviceType::Other;
  }
}

struct Inspected {
  DeviceCandidate candidate;
  std::uint32_t queueFamily = 0;
};

// Whether `device` can run SkillSim and, if so, which queue family it would use.
Inspected inspect(VkPhysicalDevice device, VkSurfaceKHR surface) {
  VkPhysicalDeviceProperties properties;
  vkGetPhysicalDeviceProperties(device, &properties);
  Inspected result;
  result.candidate.name = properties.deviceName;
  result.candidate.type = toDeviceType(properties.deviceType);
  const auto fail = [&](std::string why) {
    result.candidate.suitable = false;
    result.candidate.whyNot = std::move(why);
    return result;
  };
  if (properties.apiVersion < VK_API_VERSION_1_3) {
    return fail("Vulkan " + std::to_string(VK_API_VERSION_MAJOR(properties.apiVersion)) + "." +
                std::to_string(VK_API_VERSION_MINOR(properties.apiVersion)) + " < 1.3");
  }
  VkPhysicalDeviceVulkan13Features features13{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.pNext = &features13;
  vkGetPhysicalDeviceFeatures2(device, &features);
  if (features13.dynamicRendering == VK_FALSE || features13.synchronization2 == VK_FALSE) {
    return fail("no dynamic rendering or synchronization2");
  }
  if (surface != VK_NULL_HANDLE && !hasDeviceExtension(device, VK_KHR_SWAPCHAIN_EXTENSION_NAME)) {
    return fail("no VK_KHR_swapchain");
  }
  std::uint32_t count = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, nullptr);
  std::vector<VkQueueFamilyProperties> families(count);
  vkGetPhysicalDeviceQueueFamilyProperties(device, &count, families.data());
  for (std::uint32_t i = 0; i < count; ++i) {
    if ((families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) == 0) {
      continue;
    }
    VkBool32 present = VK_TRUE;
    if (surface != VK_NULL_HANDLE) {
      vkGetPhysicalDeviceSurfaceSupportKHR(device, i, surface, &present);
    }
    if (present == VK_TRUE) {
      result.candidate.suitable = true;
      result.queueFamily = i;
      return result;
    }
  }
  return fail(surface != VK_NULL_HANDLE ? "no queue that draws and presents to the window"
                                        : "no graphics queue");
}

core::Error noDriver(VkResult result) {
  return core::makeError(core::ErrorCode::NotFound,
                         std::string("no Vulkan driver found (vkCreateInstance returned ") +
                             resultName(result) + "). " + kNoDriverHint);
}

// Creates a bare instance; `extensions` and `layers` as given.
VkResult createInstance(const std::string& appName, const std::vector<const char*>& extensions,
                        const std::vector<const char*>& layers, const void* next,
                        VkInstance* instance) {
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = appName.c_str();
  app.pEngineName = "SkillSim";
  app.apiVersion = VK_API_VERSION_1_3;
  VkInstanceCreateInfo info{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  info.pNext = next;
  info.pApplicationInfo = &app;
  info.enabledExtensionCount = static_cast<std::uint32_t>(extensions.size());
  info.ppEnabledExtensionNames = extensions.data();
  info.enabledLayerCount = static_cast<std::uint32_t>(layers.size());
  info.ppEnabledLayerNames = layers.data();
  return vkCreateInstance(&info, nullptr, instance);
}

std::vector<VkPhysicalDevice> physicalDevices(VkInstance instance) {
  std::uint32_t count = 0;
  if (vkEnumeratePhysicalDevices(instance, &count, nullptr) != VK_SUCCESS) {
    return {};
  }
  std::vector<VkPhysicalDevice> devices(count);
  vkEnumeratePhysicalDevices(instance, &count, devices.data());
  devices.resize(count);
  return devices;
}

} // namespace

core::Expected<std::vector<DeviceCandidate>> VulkanContext::listDevices() {
  VkInstance instance = VK_NULL_HANDLE;
  const VkResult result = createInstance("SkillSim", {}, {}, nullptr, &instance);
  if (result != VK_SUCCESS) {
    return noDriver(result);
  }
  std::vector<DeviceCandidate> out;
  for (VkPhysicalDevice device : physicalDevices(instance)) {
    out.push_back(inspect(device, VK_NULL_HANDLE).candidate);
  }
  vkDestroyInstance(instance, nullptr);
  return out;
}

core::Expected<std::unique_ptr<VulkanContext>>
VulkanContext::create(const RendererOptions& options) {
  std::unique_ptr<VulkanContext> ctx(new VulkanContext());
  std::uint32_t loaderVersion = 0;
  if (vkEnumerateInstanceVersion(&loaderVersion) != VK_SUCCESS ||
      loaderVersion < VK_API_VERSION_1_3) {
    return core::makeError(core::ErrorCode::NotFound,
                           "the Vulkan loader is missing or older than 1.3; install libvulkan1 "
                           "and a driver (`apt install mesa-vulkan-drivers`)");
  }
#ifdef NDEBUG
  bool wantValidation = options.validation == Validation::On;
#else
  bool wantValidation = options.validation != Validation::Off;
#endif
  if (wantValidation && !hasLayer(kValidationLayer)) {
    core::logger().warn("Vulkan validation requested but {} is not installed (Debian package "
                        "vulkan-validationlayers); running without it",
                        kValidationLayer);
    wantValidation = false;
  }
  const bool debugUtils = hasInstanceExtension(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  std::vector<const char*> extensions;
  for (const std::string& e : options.instanceExtensions) {
    extensions.push_back(e.c_str());
  }
  if (debugUtils) {
    extensions.push_back(VK_EXT_DEBUG_UTILS_EXTENSION_NAME);
  }
  std::vector<const char*> layers;
  if (wantValidation) {
    layers.push_back(kValidationLayer);
  }
  VkDebugUtilsMessengerCreateInfoEXT messengerInfo{
      VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT};
  // Warnings and errors: the ones that mean something is wrong. Info/verbose messages (loader
  // chatter) are neither logged nor counted.
  messengerInfo.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                                  VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  messengerInfo.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                              VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                              VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  messengerInfo.pfnUserCallback = &debugCallback;
  messengerInfo.pUserData = ctx.get();
  const bool messenger = wantValidation && debugUtils;
  const VkResult instanceResult =
      createInstance(options.applicationName, extensions, layers,
                     messenger ? &messengerInfo : nullptr, &ctx->mInstance);
  if (instanceResult == VK_ERROR_EXTENSION_NOT_PRESENT) {
    std::string names;
    for (const std::string& e : options.instanceExtensions) {
      names += (names.empty() ? "" : ", ") + e;
    }
    return core::makeError(core::ErrorCode::Unsupported,
                           "the Vulkan driver lacks an instance extension the window needs (" +
                               names + "). " + kNoDriverHint);
  }
  if (instanceResult != VK_SUCCESS) {
    ctx->mInstance = VK_NULL_HANDLE;
    return noDriver(instanceResult);
  }
  ctx->mValidation = wantValidation;
  if (messenger) {
    auto create = reinterpret_cast<PFN_vkCreateDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(ctx->mInstance, "vkCreateDebugUtilsMessengerEXT"));
    SKILLSIM_VK_CHECK(create(ctx->mInstance, &messengerInfo, nullptr, &ctx->mMessenger));
  }
  if (options.surfaceFactory) {
    const std::uint64_t surface = options.surfaceFactory(static_cast<void*>(ctx->mInstance));
    if (surface == 0) {
      return core::makeError(core::ErrorCode::Unavailable,
                             "could not create a Vulkan surface for the window (is a display "
                             "available, and does the driver support presenting to it?)");
    }
    ctx->mSurface = reinterpret_cast<VkSurfaceKHR>(surface);
  }

  const std::vector<VkPhysicalDevice> devices = physicalDevices(ctx->mInstance);
  std::vector<Inspected> inspected;
  std::vector<DeviceCandidate> candidates;
  for (VkPhysicalDevice device : devices) {
    inspected.push_back(inspect(device, ctx->mSurface));
    candidates.push_back(inspected.back().candidate);
  }
  auto chosen = chooseDevice(candidates, options.gpu);
  if (!chosen) {
    return std::move(chosen).error();
  }
  ctx->mPhysicalDevice = devices[*chosen];
  ctx->mQueueFamily = inspected[*chosen].queueFamily;
  vkGetPhysicalDeviceProperties(ctx->mPhysicalDevice, &ctx->mProperties);
  vkGetPhysicalDeviceMemoryProperties(ctx->mPhysicalDevice, &ctx->mMemory);
  core::logger().info("Vulkan device: {} ({}), validation {}", ctx->mProperties.deviceName,
                      toString(candidates[*chosen].type), wantValidation ? "on" : "off");

  const float priority = 1.0f;
  VkDeviceQueueCreateInfo queueInfo{VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO};
  queueInfo.queueFamilyIndex = ctx->mQueueFamily;
  queueInfo.queueCount = 1;
  queueInfo.pQueuePriorities = &priority;
  VkPhysicalDeviceVulkan13Features features13{
      VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES};
  features13.dynamicRendering = VK_TRUE;
  features13.synchronization2 = VK_TRUE;
  VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
  features.pNext = &features13;
  std::vector<const char*> deviceExtensions;
  if (ctx->mSurface != VK_NULL_HANDLE) {
    deviceExtensions.push_back(VK_KHR_SWAPCHAIN_EXTENSION_NAME);
  }
  VkDeviceCreateInfo deviceInfo{VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO};
  deviceInfo.pNext = &features;
  deviceInfo.queueCreateInfoCount = 1;
  deviceInfo.pQueueCreateInfos = &queueInfo;
  deviceInfo.enabledExtensionCount = static_cast<std::uint32_t>(deviceExtensions.size());
  deviceInfo.ppEnabledExtensionNames = deviceExtensions.data();
  const VkResult deviceResult =
      vkCreateDevice(ctx->mPhysicalDevice, &deviceInfo, nullptr, &ctx->mDevice);
  if (deviceResult != VK_SUCCESS) {
    ctx->mDevice = VK_NULL_HANDLE;
    return core::makeError(core::ErrorCode::Unsupported,
                           std::string("could not create the Vulkan device on '") +
                               ctx->mProperties.deviceName + "' (" + resultName(deviceResult) +
                               ")");
  }
  ctx->mDeviceRef.device = ctx->mDevice;
  if (debugUtils) {
    ctx->mDeviceRef.setObjectName = reinterpret_cast<PFN_vkSetDebugUtilsObjectNameEXT>(
        vkGetInstanceProcAddr(ctx->mInstance, "vkSetDebugUtilsObjectNameEXT"));
  }
  vkGetDeviceQueue(ctx->mDevice, ctx->mQueueFamily, 0, &ctx->mQueue);
  ctx->mDeviceRef.name(VK_OBJECT_TYPE_QUEUE, reinterpret_cast<std::uint64_t>(ctx->mQueue),
                       "main queue");
  ctx->mDeviceRef.name(VK_OBJECT_TYPE_DEVICE, reinterpret_cast<std::uint64_t>(ctx->mDevice),
                       "SkillSim device");

  VkCommandPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
  poolInfo.flags = VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  poolInfo.queueFamilyIndex = ctx->mQueueFamily;
  VkCommandPool pool = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateCommandPool(ctx->mDevice, &poolInfo, nullptr, &pool));
  ctx->mUploadPool = CommandPool(ctx->mDeviceRef, pool, "upload command pool");
  return ctx;
}

VulkanContext::~VulkanContext() {
  if (mDevice != VK_NULL_HANDLE) {
    vkDeviceWaitIdle(mDevice);
    mUploadPool.reset();
    vkDestroyDevice(mDevice, nullptr);
  }
  if (mSurface != VK_NULL_HANDLE) {
    vkDestroySurfaceKHR(mInstance, mSurface, nullptr);
  }
  if (mMessenger != VK_NULL_HANDLE) {
    auto destroy = reinterpret_cast<PFN_vkDestroyDebugUtilsMessengerEXT>(
        vkGetInstanceProcAddr(mInstance, "vkDestroyDebugUtilsMessengerEXT"));
    destroy(mInstance, mMessenger, nullptr);
  }
  if (mInstance != VK_NULL_HANDLE) {
    vkDestroyInstance(mInstance, nullptr);
  }
}

void VulkanContext::onValidationMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                        const char* message) {
  ++mValidationMessages;
  if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
    core::logger().error("Vulkan validation: {}", message);
  } else {
    core::logger().warn("Vulkan validation: {}", message);
  }
}

std::uint32_t VulkanContext::memoryType(std::uint32_t typeBits, VkMemoryPropertyFlags flags) const {
  for (std::uint32_t i = 0; i < mMemory.memoryTypeCount; ++i) {
    if ((typeBits & (1u << i)) != 0 && (mMemory.memoryTypes[i].propertyFlags & flags) == flags) {
      return i;
    }
  }
  SKILLSIM_CHECK(false, "no Vulkan memory type with the required properties");
}

void VulkanContext::submitAndWait(const std::function<void(VkCommandBuffer)>& record) const {
  VkCommandBufferAllocateInfo allocInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
  allocInfo.commandPool = mUploadPool.get();
  allocInfo.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  allocInfo.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkAllocateCommandBuffers(mDevice, &allocInfo, &cmd));
  mDeviceRef.name(VK_OBJECT_TYPE_COMMAND_BUFFER, reinterpret_cast<std::uint64_t>(cmd),
                  "one-time upload commands");
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  SKILLSIM_VK_CHECK(vkBeginCommandBuffer(cmd, &begin));
  record(cmd);
  SKILLSIM_VK_CHECK(vkEndCommandBuffer(cmd));
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &cmd;
  SKILLSIM_VK_CHECK(vkQueueSubmit(mQueue, 1, &submit, VK_NULL_HANDLE));
  SKILLSIM_VK_CHECK(vkQueueWaitIdle(mQueue));
  vkFreeCommandBuffers(mDevice, mUploadPool.get(), 1, &cmd);
}

} // namespace skillsim::render::detail
