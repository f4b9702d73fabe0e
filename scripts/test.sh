#!/usr/bin/env bash
# Builds and runs the whole test suite (the README's second command runs this after set-up):
#   1. the Release build (build/release): every ctest test, house checks included;
#   2. an AddressSanitizer + UndefinedBehaviorSanitizer build (build/asan): the unit tests.
# Windowed tests need a display: when there is none, a private Xvfb is started for the run
# (-noreset: otherwise it resets whenever its last client leaves and refuses the next test's window).
# Environment: SKILLSIM_SKIP_ASAN=1 skips step 2 (for quick local runs only; CI runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
start=$(date +%s)

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)

cleanup=()
on_exit() { for c in "${cleanup[@]}"; do eval "$c" || true; done; }
trap on_exit EXIT

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
(cd build/release && ctest --output-on-failure -j "$jobs" --timeout 600)

if [ "${SKILLSIM_SKIP_ASAN:-0}" != 1 ]; then
  echo "== Sanitizer build (ASan + UBSan)"
  cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSKILLSIM_SANITIZE=ON \
    -DSKILLSIM_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
  cmake --build build/asan -j "$jobs"
  echo "== Sanitizer unit tests"
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
  (cd build/asan && ctest --output-on-failure -j "$jobs" -L unit --timeout 900)
fi
echo "test: all suites passed in $(( $(date +%s) - start )) s"
