#!/usr/bin/env bash
# Fails when engine code outside a machine's own folders names that machine (issue 12, DESIGN.md:
# "a new trade is one new folder"): generic code is driven by the machine's declarations
# (sim::MachineDecl), never by its name or its parts' names. A machine's folders are any path
# with machines/<kind>/ in it (engine/sim/src/machines/overhead_crane/, its public header folder
# engine/sim/include/skillsim/sim/machines/overhead_crane/, engine/operator/src/machines/…).
# Tests, scenarios, assets and docs may name machines.
#
#   scripts/check-machine-names.sh [ROOT]      check the tree at ROOT (default: the repository)
#   scripts/check-machine-names.sh --self-test plant a violation in a scratch tree; must catch it
set -uo pipefail

# kind | words that name it or its parts (case-insensitive, whole words or word starts)
machines=(
  'overhead_crane|bridge|trolley|hoist|hook|crane'
  'forklift|fork|counterweight'  # not 'mast': it starts 'master' (switch), a generic word
  'industrial_robot|robot|gripper|vacuum_cup|teach_pendant'
)

check_tree() {
  local root=$1 status=0 entry kind words hits
  for entry in "${machines[@]}"; do
    kind=${entry%%|*}
    words=${entry#*|}
    hits=$(cd "$root" && grep -rniE "\\b($words)" engine 2>/dev/null | grep -v "/machines/$kind/")
    if [ -n "$hits" ]; then
      echo "check-machine-names: engine code outside machines/$kind/ names the machine ($words):"
      echo "$hits" | sed 's/^/  /' | head -40
      echo "extend the Machine interface (sim::MachineDecl) instead"
      status=1
    fi
  done
  return $status
}

if [ "${1:-}" = "--self-test" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  mkdir -p "$scratch/engine/ui/src" "$scratch/engine/sim/src/machines/overhead_crane"
  echo '// the trolley speed, as the machine declares it' >"$scratch/engine/sim/src/machines/overhead_crane/A.cpp"
  check_tree "$scratch" >/dev/null || { echo "self-test: a name inside the machine's folder was refused"; exit 1; }
  echo 'double hoistSpeed = 0.0;' >"$scratch/engine/ui/src/Leak.cpp"
  if check_tree "$scratch" >/dev/null; then
    echo "self-test: a machine's name in engine/ui was not caught"
    exit 1
  fi
  echo "self-test: caught"
  exit 0
fi

check_tree "${1:-$(cd "$(dirname "$0")/.." && pwd)}" && echo "check-machine-names: no machine named outside its folders"
