#!/usr/bin/env bash
# Fails when a third-party API is included outside its own module (STYLE.md, "Third-party APIs
# stay in their room"): Vulkan only in engine/render/src, GLFW only in engine/platform/src,
# Bullet only in engine/physics/src, SQLite and libpq only in engine/records/src. A module's tests
# (tests/<module>/) and bench/ may include the library they exercise or compare against.
#
#   scripts/check-includes.sh [ROOT]     check the tree at ROOT (default: the repository)
#   scripts/check-includes.sh --self-test  plant violations in a scratch tree; must catch each
set -uo pipefail

check_tree() {
  local root=$1 status=0
  # label, include pattern (ERE), allowed path prefixes (ERE)
  local labels=(Vulkan GLFW Bullet SQLite/libpq)
  local patterns=(
    '#include *[<"](vulkan/|backends/imgui_impl_vulkan|imgui_impl_vulkan)'
    '#include *[<"](GLFW/|backends/imgui_impl_glfw|imgui_impl_glfw)'
    '#include *[<"](btBullet|BulletDynamics/|BulletCollision/|LinearMath/|bullet/)'
    '#include *[<"](sqlite3\.h|libpq-fe\.h)'
  )
  local allowed=(
    '^(engine/render/src/|tests/render/|bench/)'
    '^(engine/platform/src/|tests/platform/|bench/)'
    '^(engine/physics/src/|tests/physics/|bench/)'
    '^(engine/records/src/|tests/records/)'
  )
  local i hits dirs
  for i in "${!labels[@]}"; do
    dirs=$(cd "$root" && ls -d engine tests bench fuzz 2>/dev/null)
    # shellcheck disable=SC2086 # word splitting of the folder list is intended
    hits=$(cd "$root" && grep -rnE "${patterns[$i]}" $dirs | grep -vE "${allowed[$i]}")
    if [ -n "$hits" ]; then
      echo "check-includes: ${labels[$i]} included outside its module:"
      echo "$hits" | sed 's/^/  /'
      status=1
    fi
  done
  return $status
}

if [ "${1:-}" = "--self-test" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/engine/sim/src" "$scratch/engine/physics/src" "$scratch/engine/render/include/skillsim/render"
  echo '#include <btBulletDynamicsCommon.h>' >"$scratch/engine/physics/src/World.cpp"
  check_tree "$scratch" >/dev/null || { echo "self-test: a clean tree was rejected"; exit 1; }
  failures=0
  plant() { # file content
    mkdir -p "$(dirname "$scratch/$1")"
    echo "$2" >"$scratch/$1"
    if out=$(check_tree "$scratch"); then
      echo "self-test: missed $2 in $1"; failures=1
    elif ! grep -q "$1" <<<"$out"; then
      echo "self-test: message does not name $1"; failures=1
    fi
    rm -f "$scratch/$1"
  }
  plant engine/sim/src/Crane.cpp '#include <btBulletDynamicsCommon.h>'
  plant engine/render/include/skillsim/render/Device.h '#include <vulkan/vulkan.h>'
  plant engine/ui/src/Hud.cpp '#include <GLFW/glfw3.h>'
  plant engine/app/src/Run.cpp '#include "sqlite3.h"'
  plant engine/ui/src/Imgui.cpp '#include <backends/imgui_impl_vulkan.h>'
  [ $failures -eq 0 ] && echo "check-includes self-test: all 5 planted violations caught"
  exit $failures
fi

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
if check_tree "$root"; then
  echo "check-includes: third-party headers stay in their modules"
else
  exit 1
fi
