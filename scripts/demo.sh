#!/usr/bin/env bash
# The main job: runs SkillSim from the Release build made by scripts/setup.sh.
# In a window when there is a display, otherwise headless.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/bin/skillsim
[ -x "$bin" ] || { echo "demo: $bin is missing; run scripts/setup.sh first" >&2; exit 1; }
"$bin" --version
"$bin"
