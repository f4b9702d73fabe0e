#!/usr/bin/env bash
# Verification throughput against the number of `skillsim verify-worker` processes (issue 19,
# point 5): a throwaway PostgreSQL server (scripts/test-services/postgres.sh, as the tests use),
# N stored attempts of the Q2 exam made by the scripted operators (`skillsim operate`, competent
# and careless, stored with their traces by `skillsim run --headless --db`, then copied under new
# attempt ids so that N need not be re-recorded), and for each worker count the wall time until
# every attempt has its verdict. Prints attempts per minute, and the workers' own mean database
# time (claim, read, verdict write) and re-simulation time per attempt (--timings).
#   scripts/bench-verify-workers.sh [N (default 40)] [worker counts (default "1 2 4")]
# Environment: SKILLSIM=path of the program (default build/release/bin/skillsim);
# SKILLSIM_TEST_PG_URL=an existing server to use instead of a throwaway one.
# Figures depend on the machine: docs/evaluation-centre.md gives them for the development VM.
set -euo pipefail
cd "$(dirname "$0")/.."
attempts=${1:-40}
counts=${2:-"1 2 4"}
program=${SKILLSIM:-build/release/bin/skillsim}
[ -x "$program" ] || { echo "bench: no program at $program (build Release first)"; exit 1; }

cleanup=()
on_exit() { for c in "${cleanup[@]}"; do eval "$c" || true; done; }
trap on_exit EXIT
# shellcheck source=scripts/test-services/postgres.sh
source scripts/test-services/postgres.sh
[ -n "${SKILLSIM_TEST_PG_URL:-}" ] || { echo "bench: no PostgreSQL server"; exit 1; }
psql_bin=$(ls -d /usr/lib/postgresql/*/bin | tail -1)/psql
db="skillsim_bench_$$"
server=$SKILLSIM_TEST_PG_URL
url="${server%/*}/$db"
"$psql_bin" -q "$server" -c "CREATE DATABASE $db"
cleanup+=("'$psql_bin' -q '$server' -c 'DROP DATABASE IF EXISTS $db WITH (FORCE)' >/dev/null")
sql() { "$psql_bin" -qtA -v ON_ERROR_STOP=1 "$url" -c "$1"; }

work=$(mktemp -d /tmp/skillsim-bench.XXXXXX)
cleanup+=("rm -rf $work")
scenario=scenarios/overhead_crane/q2_practical.toml
for profile in competent careless; do
  "$program" operate "$scenario" --profile "$profile" --mode exam --trainee "B-$profile" \
    --key-dir "$work/key" --out "$work/$profile.sktrace" >/dev/null
  "$program" run --headless --input "$work/$profile.sktrace" --db "$url" "$scenario" >/dev/null
done
# Copies under new ids: the same signed bytes, so each copy re-simulates exactly as its original.
base=$(sql "SELECT COUNT(*) FROM attempts")
copies=$(( (attempts - base + base - 1) / base ))
for table_copy in $(seq 1 "$copies"); do
  sql "INSERT INTO attempts SELECT 'copy$table_copy-' || a.id AS id, a.trainee_id, a.scenario_hash,
         a.standard_id, a.mode, a.started_at, a.start_unix, a.duration_s, a.end_tick,
         a.score, a.maximum, a.pass_mark, a.passed, a.vetoed, a.trace_hash, a.signature_valid,
         a.result_hash, a.engine_version, a.completed, a.level, a.result_format, a.trace, '', NULL, 0
       FROM attempts a WHERE a.id NOT LIKE 'copy%'"
  for t in item_results deductions vetoes; do
    sql "INSERT INTO $t SELECT 'copy$table_copy-' || x.attempt_id, x.ordinal,
           $(sql "SELECT string_agg('x.' || column_name, ', ' ORDER BY ordinal_position)
                  FROM information_schema.columns WHERE table_name = '$t'
                  AND column_name NOT IN ('attempt_id', 'ordinal')")
         FROM $t x WHERE x.attempt_id NOT LIKE 'copy%'"
  done
done
sql "DELETE FROM attempts WHERE id IN (SELECT id FROM attempts ORDER BY start_unix, id
     OFFSET $attempts)"
n=$(sql "SELECT COUNT(*) FROM attempts WHERE trace IS NOT NULL")
echo "bench: $n stored attempts of $scenario with their traces, on $(nproc) cores"
printf '%-8s %10s %14s %16s %18s\n' workers wall_s attempts/min db_s/attempt resim_s/attempt
for p in $counts; do
  sql "DELETE FROM verifications; DELETE FROM verification_claims;
       UPDATE attempts SET claimed_by = '', claimed_until = NULL, claim_count = 0"
  start=$(date +%s.%N)
  pids=()
  for w in $(seq 1 "$p"); do
    "$program" verify-worker --db "$url" --until-empty --poll 0.2 --timings --worker-id "b$w" \
      --scenarios scenarios >"$work/w$w.out" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  end=$(date +%s.%N)
  verdicts=$(sql "SELECT COUNT(*) FROM verifications WHERE verified")
  [ "$verdicts" = "$n" ] || { echo "bench: $verdicts of $n verified"; cat "$work"/w*.out; exit 1; }
  # Each worker's means, weighted by its attempt count.
  awk -v p="$p" -v n="$n" -v s="$start" -v e="$end" '
    /^worker / { split($0, f, ": "); split(f[2], g, " "); count = g[1] }
    /^timings:/ { db += count * $4; rs += count * $10; total += count }
    END { wall = e - s; printf "%-8d %10.2f %14.1f %16.4f %18.4f\n", p, wall, n / wall * 60,
          db / total, rs / total }' "$work"/w*.out
done
