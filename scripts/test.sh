#!/usr/bin/env bash
# Builds and runs the whole test suite (the README's second command runs this after set-up):
#   1. the Release build (build/release): every ctest test, house checks included;
#   2. an AddressSanitizer + UndefinedBehaviorSanitizer build (build/asan): the unit tests.
# Windowed tests need a display: when there is none, a private Xvfb is started for the run
# (-noreset: otherwise it resets whenever its last client leaves and refuses the next test's window).
# Environment: SKILLSIM_SKIP_ASAN=1 skips step 2 (for quick local runs only; CI runs both).
# CI=true (or 1): a test that would skip for a missing service or display fails instead
# (tests/common/MissingPrerequisite.h), and any test ctest still reports as not run fails the run.
# The closing summary counts skipped tests (from ctest's JUnit report), naming them.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
start=$(date +%s)

launcher=()
# ccache with paths relative to the checkout, so another clone of the same commit reuses objects.
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache) &&
  export CCACHE_BASEDIR="$PWD"

cleanup=()
on_exit() { for c in "${cleanup[@]}"; do eval "$c" || true; done; }
trap on_exit EXIT

in_ci=0
case "${CI:-}" in true | TRUE | True | 1) in_ci=1 ;; esac

# The tests ctest did not run (skipped, or disabled) in its JUnit report $1, one a line as
# "name: reason" (the line after GoogleTest's "file:line: Skipped", else the test's first line of
# output). ctest writes each <testcase ...> opening tag on one line; names stay XML-escaped.
not_run() {
  awk '
    /<testcase / {
      skipped = ($0 ~ /status="(notrun|disabled)"/)
      if (skipped) {
        match($0, /name="[^"]*"/)
        name = substr($0, RSTART + 6, RLENGTH - 7)
        reason = ""; first = ""; take = 0
      }
      next
    }
    !skipped { next }
    take { reason = $0; take = 0 }
    /: Skipped$/ { take = 1 }
    /<system-out>/ { first = $0; sub(/.*<system-out>/, "", first) }
    /<\/testcase>/ {
      why = reason != "" ? reason : first
      print name (why != "" ? ": " why : "")
      skipped = 0
    }
  ' "$1"
}
skip_summary=()
# Records the not-run tests of one ctest run (its JUnit report $2) under the label $1.
count_skips() {
  local count names
  if [ ! -s "$2" ]; then
    echo "test: ctest wrote no JUnit report at $2, so skipped tests cannot be counted"
    exit 1
  fi
  names=$(not_run "$2")
  count=$(grep -c . <<<"$names" || true)
  skip_summary+=("$1: $count skipped")
  if [ "$count" != 0 ]; then
    while IFS= read -r line; do skip_summary+=("  skipped: $line"); done <<<"$names"
  fi
  if [ "$count" != 0 ] && [ "$in_ci" = 1 ]; then
    echo "test: CI is set and $count test(s) did not run in the $1 suite:"
    sed 's/^/  /' <<<"$names"
    exit 1
  fi
}

if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null; then
  for n in $(seq 90 140); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp -noreset >/tmp/skillsim-xvfb-$n.log 2>&1 &
    xvfb_pid=$!
    cleanup+=("kill $xvfb_pid")
    for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
    export DISPLAY=":$n"
    echo "test: started Xvfb on $DISPLAY"
    break
  done
fi

# Optional services the tests use (the records issue adds PostgreSQL here).
for svc in scripts/test-services/*.sh; do
  [ -e "$svc" ] || continue
  # shellcheck source=/dev/null
  source "$svc"
done

echo "== Release build"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
cmake --build build/release -j "$jobs"
echo "== Release tests"
junit="$PWD/build/release/ctest-junit.xml"
rm -f "$junit"
(cd build/release && ctest --output-on-failure -j "$jobs" --timeout 600 --output-junit "$junit")
count_skips release "$junit"

if [ "${SKILLSIM_SKIP_ASAN:-0}" != 1 ]; then
  echo "== Sanitizer build (ASan + UBSan)"
  # -O1 with line tables only (-g1): the optimisation the sanitizers' documentation advises, and
  # about half the compile time of -O2 -g (Workstation.cpp: 13.9 s instead of 28.9 s of CPU);
  # reports still name file and line.
  cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSKILLSIM_SANITIZE=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" \
    -DSKILLSIM_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
  cmake --build build/asan -j "$jobs"
  echo "== Sanitizer unit tests"
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  junit="$PWD/build/asan/ctest-junit.xml"
  rm -f "$junit"
  (cd build/asan && ctest --output-on-failure -j "$jobs" -L unit --timeout 900 --output-junit "$junit")
  count_skips sanitizer "$junit"

  # Coverage-guided smoke of every parser of a user's file (docs/fuzzing.md), with clang only.
  fuzz_seconds=${SKILLSIM_FUZZ_SECONDS:-20}
  if [ "$fuzz_seconds" != 0 ] && command -v clang++ >/dev/null; then
    echo "== libFuzzer smoke (${fuzz_seconds} s per target)"
    cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
      -DCMAKE_C_COMPILER=clang -DSKILLSIM_BUILD_FUZZ=ON -DSKILLSIM_BUILD_BENCH=OFF \
      -DSKILLSIM_BUILD_TESTS=OFF "${launcher[@]}" >/dev/null
    targets=(scenario_loader trace_reader certificate_rule bindings)
    cmake --build build/fuzz -j "$jobs" --target "${targets[@]/#/skillsim_fuzz_}"
    declare -A seeds=(
      [scenario_loader]="fuzz/corpus/scenario_loader scenarios/overhead_crane assets/standards"
      [trace_reader]="scenarios/overhead_crane/traces tests/records/data"
      [certificate_rule]="assets/certificates"
      [bindings]="assets/input")
    pids=()
    for t in "${targets[@]}"; do
      mkdir -p "build/fuzz/corpus/$t"
      # shellcheck disable=SC2086 # the seed folders are one word each
      (cd build/fuzz && "./fuzz/skillsim_fuzz_$t" -max_total_time="$fuzz_seconds" \
        -rss_limit_mb=2048 -artifact_prefix="$PWD/crash-$t-" "corpus/$t" \
        $(for d in ${seeds[$t]}; do echo "$OLDPWD/$d"; done) >"fuzz-$t.log" 2>&1) &
      pids+=("$!:$t")
      if [ "${#pids[@]}" -ge "$jobs" ]; then
        for p in "${pids[@]}"; do
          wait "${p%%:*}" || { echo "test: fuzz target ${p#*:} failed:"; tail -40 "build/fuzz/fuzz-${p#*:}.log"; exit 1; }
        done
        pids=()
      fi
    done
    for p in "${pids[@]}"; do
      wait "${p%%:*}" || { echo "test: fuzz target ${p#*:} failed:"; tail -40 "build/fuzz/fuzz-${p#*:}.log"; exit 1; }
    done
    for t in "${targets[@]}"; do
      echo "test: fuzz $t: $(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "build/fuzz/fuzz-$t.log" | tail -1)s, no crash"
    done
  elif [ "$fuzz_seconds" != 0 ]; then
    echo "test: clang++ is not installed: the libFuzzer smoke is not run (docs/fuzzing.md)"
  fi
fi
for line in "${skip_summary[@]}"; do echo "test: $line"; done
echo "test: all suites passed in $(( $(date +%s) - start )) s"
