#!/usr/bin/env bash
# The main job (README's first command): the Q2 overhead crane practical exam.
# It replays the committed reference attempt of a competent candidate
# (scenarios/overhead_crane/traces/q2-competent.sktrace) headless: the simulation and the assessor
# score it again, the itemised score is printed, and a screenshot (scene + HUD, offscreen Vulkan)
# and a JSON report are written to build/demo/, with the attempt recorded in
# build/demo/results.sqlite. With a display (and SKILLSIM_HEADLESS unset) it opens the same exam in
# a window instead, for a trainee at the keyboard or gamepad (docs/input-bindings.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/release/bin/skillsim
[ -x "$bin" ] || { echo "demo: $bin is missing; run scripts/setup.sh first" >&2; exit 1; }
out=build/demo
mkdir -p "$out"
"$bin" --version
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${SKILLSIM_HEADLESS:-0}" != 1 ]; then
  echo "demo: display found: the Q2 exam opens in a window (H horn, F attach; see docs/input-bindings.md)"
  exec "$bin" run scenarios/overhead_crane/q2_practical.toml --trainee demo --mode exam \
    --db "$out/results.sqlite"
fi
echo "demo: no display: replaying the competent candidate's attempt headless"
"$bin" run scenarios/overhead_crane/q2_practical.toml --headless \
  --input scenarios/overhead_crane/traces/q2-competent.sktrace \
  --screenshot "$out/q2-exam.png" --at 120 \
  --report "$out/q2-exam.json" --db "$out/results.sqlite"
echo "demo: screenshot $out/q2-exam.png, report $out/q2-exam.json, results store $out/results.sqlite"
