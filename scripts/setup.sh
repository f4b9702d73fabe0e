#!/usr/bin/env bash
# SkillSim set-up: installs every Debian 12 package the project needs (idempotent), then configures
# and builds the Release tree with Ninja into build/release.
#
#   bash scripts/setup.sh            # packages + Release build
#   SKILLSIM_SKIP_BUILD=1 bash scripts/setup.sh   # packages only
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang clang-format ccache
  # clang's sanitizer and libFuzzer runtimes (docs/fuzzing.md; only Recommended by clang)
  libclang-rt-14-dev
  # rendering: Vulkan loader + headers, glslc, validation layer, lavapipe, GLFW, Dear ImGui, Xvfb
  libvulkan-dev glslc spirv-tools vulkan-validationlayers mesa-vulkan-drivers vulkan-tools
  libglfw3-dev libimgui-dev xvfb xauth fonts-noto-cjk libstb-dev libtinygltf-dev
  # a trainee at the window in the tests: keys sent with xdotool, screenshots with xwd, the
  # window minimised through Xlib as a window manager would (WorkstationInputTest)
  xdotool x11-apps libx11-dev
  # workstation sounds (horn, hook on/off, clock warnings), synthesised in code
  libopenal-dev
  # simulation and maths
  libbullet-dev libglm-dev
  # data, CLI, logging
  libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  # records
  libsqlite3-dev libpq-dev libsodium-dev postgresql
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev libxml2-utils nodejs
)
# npm comes with some Node.js builds (NodeSource's conflicts with Debian's npm package).
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ -f package.json ] && [ ! -d node_modules ]; then
  echo "setup: installing npm packages used by the tests"
  npm ci --no-audit --no-fund --loglevel=error || npm install --no-audit --no-fund --loglevel=error
fi

[ "${SKILLSIM_SKIP_BUILD:-0}" = 1 ] && exit 0

launcher=()
# ccache with paths relative to the checkout, so another clone of the same commit reuses objects.
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache) &&
  export CCACHE_BASEDIR="$PWD"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
cmake --build build/release
