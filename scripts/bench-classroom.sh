#!/usr/bin/env bash
# The classroom load test for a minute (issue 19, point 4): 30 seats (the real LiveSeatPublisher,
# one thread each, publishing about once a second) while the instructor's grid is read every 0.5 s
# and a command is sent on every read, against a throwaway PostgreSQL server
# (scripts/test-services/postgres.sh, as the tests use). It runs the ctest load test
# (ClassroomLoad.*, 10 s there) with SKILLSIM_CLASSROOM_LOAD_S set, and prints its figures: read
# latency, publishes per second and the offline detection delays of the seats stopped in the run.
#   scripts/bench-classroom.sh [seconds (default 60)]
# Environment: SKILLSIM_TEST_PG_URL=an existing server to use instead of a throwaway one.
# Figures depend on the machine: docs/classroom.md gives them for the development VM.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
program=build/release/tests/app/skillsim_app_classroom_tests
[ -x "$program" ] || { echo "bench: no $program (build Release first)"; exit 1; }

cleanup=()
on_exit() { for c in "${cleanup[@]}"; do eval "$c" || true; done; }
trap on_exit EXIT
# shellcheck source=scripts/test-services/postgres.sh
source scripts/test-services/postgres.sh
[ -n "${SKILLSIM_TEST_PG_URL:-}" ] || { echo "bench: no PostgreSQL server"; exit 1; }
SKILLSIM_CLASSROOM_LOAD_S=$seconds "$program" --gtest_filter='ClassroomLoad.*'
