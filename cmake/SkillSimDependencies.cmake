# Third-party dependencies, found the Debian way. Every one is an IMPORTED target, so its headers
# are SYSTEM includes and project warnings (-Werror) never fire inside them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

find_package(glm REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(Vulkan REQUIRED COMPONENTS glslc)
find_package(glfw3 REQUIRED)

# Debian's BulletConfig.cmake gives a relative include dir and names a BulletInverseDynamics
# library that is not shipped, so Bullet comes through pkg-config.
pkg_check_modules(BULLET REQUIRED IMPORTED_TARGET bullet)
# Debian's libimgui.a already contains the Vulkan and GLFW backends.
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(OPENAL REQUIRED IMPORTED_TARGET openal)

find_path(TINYGLTF_INCLUDE_DIR tiny_gltf.h REQUIRED)
add_library(skillsim_tinygltf INTERFACE)
target_include_directories(skillsim_tinygltf SYSTEM INTERFACE ${TINYGLTF_INCLUDE_DIR})

if(SKILLSIM_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(SKILLSIM_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
