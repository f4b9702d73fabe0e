#!/usr/bin/env bash
# The installed program runs from anywhere (issue 14, point 6): `cmake --install` into a fresh
# prefix, then from a working folder outside the source and build trees:
#   1. the installed scenario replays the committed trace; its total line is the build tree's;
#   2. a copy of the scenario kept outside any assets/ tree still finds the standard and the
#      i18n text next to the program (share/skillsim/assets), shown by a headless screenshot.
# Also checks the layout: bin/, share/skillsim/{assets,scenarios}, docs, desktop entry and icon.
#
#   install_test.sh CMAKE BUILD_DIR SOURCE_DIR
set -euo pipefail
cmake=$1 build=$2 source=$3
work=$(mktemp -d /tmp/skillsim-install-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
fail() { echo "install test: $*" >&2; exit 1; }

"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" || {
  cat "$work/install.log" >&2; fail "cmake --install failed"; }
for f in bin/skillsim share/skillsim/assets/i18n/en.toml share/skillsim/assets/i18n/zh-CN.toml \
  share/skillsim/assets/standards/q2-overhead-crane.toml \
  share/skillsim/scenarios/overhead_crane/q2_practical.toml \
  share/skillsim/scenarios/overhead_crane/traces/q2-competent.sktrace \
  share/doc/skillsim/README.md share/doc/skillsim/docs/install.md \
  share/applications/skillsim.desktop share/icons/hicolor/scalable/apps/skillsim.svg; do
  [ -e "$prefix/$f" ] || fail "missing $prefix/$f after cmake --install"
done
grep -q '^# SkillSim' "$prefix/share/doc/skillsim/README.md" || fail "share/doc/skillsim/README.md is not the README"
grep -q '^Exec=skillsim run$' "$prefix/share/applications/skillsim.desktop" ||
  fail "the desktop entry does not start 'skillsim run'"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$prefix/share/applications/skillsim.desktop"
fi

scenario=share/skillsim/scenarios/overhead_crane/q2_practical.toml
trace=share/skillsim/scenarios/overhead_crane/traces/q2-competent.sktrace
expected=$("$build/bin/skillsim" run "$source/scenarios/overhead_crane/q2_practical.toml" --headless \
  --input "$source/scenarios/overhead_crane/traces/q2-competent.sktrace" --no-store | grep '^total ') ||
  fail "the build tree's program printed no total line"
echo "build tree: $expected"

mkdir "$work/elsewhere"
cd "$work/elsewhere" # no assets/ above it, nor beside the program's build
out=$("$prefix/bin/skillsim" run "$prefix/$scenario" --headless --input "$prefix/$trace" --no-store) ||
  { echo "$out" >&2; fail "the installed program failed on the installed scenario"; }
got=$(grep '^total ' <<<"$out") || fail "no total line from the installed program: $out"
echo "installed:  $got"
[[ $got =~ ^total\ [0-9]+\.[0-9]+\ /\ 100,\ pass\ mark\ 70:\ (PASS|FAIL) ]] ||
  fail "unexpected total line: $got"
[ "$got" = "$expected" ] || fail "installed run says '$got', the build tree '$expected'"

# A scenario kept anywhere: only the program's own share/skillsim/assets can supply the
# standard and the HUD text.
cp "$prefix/$scenario" "$work/elsewhere/my-q2.toml"
out=$("$prefix/bin/skillsim" run my-q2.toml --headless --input "$prefix/$trace" --no-store \
  --screenshot shot.png --at 30 --lang en 2>&1) ||
  { echo "$out" >&2; fail "the installed program failed on a scenario outside any assets/ tree"; }
got=$(grep '^total ' <<<"$out") || fail "no total line for the copied scenario: $out"
[ "$got" = "$expected" ] || fail "copied scenario says '$got', the build tree '$expected'"
[ -s shot.png ] || fail "no screenshot written for the copied scenario"
echo "copied scenario outside any assets/ tree: $got; screenshot $(stat -c %s shot.png) bytes"
