# shellcheck shell=bash
# Sourced by scripts/test.sh before ctest: starts a throwaway PostgreSQL server for the store
# tests (tests/records, tests/certify) and exports SKILLSIM_TEST_PG_URL. Installs nothing: it uses
# the binaries of Debian's `postgresql` package (scripts/setup.sh installs it). The server runs
# from a temporary directory, listens on 127.0.0.1 only, trusts local connections, and is stopped
# and removed by the `cleanup` hook of test.sh. initdb refuses to run as root, so as root the server
# runs as the `postgres` system user the package creates.
# Set SKILLSIM_TEST_PG_URL yourself to use another server; the tests then create and drop their
# own databases there.

skillsim_start_test_postgres() {
  local bin="" dir port run_as=() started=0 outcome="will be skipped"
  # Under CI a test may not skip for a missing server (tests/common/MissingPrerequisite.h).
  case "${CI:-}" in true | TRUE | True | 1) outcome="will FAIL (CI is set)" ;; esac
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && bin=$candidate
  done
  if [ -z "$bin" ]; then
    echo "test: PostgreSQL binaries not found (Debian package postgresql); the PostgreSQL half of the store tests $outcome"
    return 0
  fi
  dir=$(mktemp -d /tmp/skillsim-pg.XXXXXX)
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "test: running as root and there is no 'postgres' user to run PostgreSQL as; the PostgreSQL tests $outcome"
      rm -rf "$dir"
      return 0
    fi
    chown postgres: "$dir"
    run_as=(runuser -u postgres --)
  fi
  if ! "${run_as[@]}" "$bin/initdb" -D "$dir/data" -A trust -U skillsim -E UTF8 --locale=C \
    --no-sync >"$dir/initdb.log" 2>&1; then
    echo "test: initdb failed (see below); the PostgreSQL tests $outcome"
    cat "$dir/initdb.log"
    rm -rf "$dir"
    return 0
  fi
  for port in $(seq 55432 55472); do
    # Skip ports something already listens on.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
    if "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off -c max_connections=60" \
      start >/dev/null 2>&1; then
      started=1
      break
    fi
  done
  if [ "$started" != 1 ]; then
    echo "test: PostgreSQL did not start (server log below); the PostgreSQL tests $outcome"
    tail -20 "$dir/server.log" 2>/dev/null || true
    rm -rf "$dir"
    return 0
  fi
  # The stop command must work from test.sh's EXIT trap, after this function has returned.
  cleanup+=("${run_as[*]} $bin/pg_ctl -D $dir/data -m immediate -w stop >/dev/null 2>&1; rm -rf $dir")
  export SKILLSIM_TEST_PG_URL="postgresql://skillsim@127.0.0.1:$port/postgres"
  echo "test: started PostgreSQL ($("$bin/postgres" --version | awk '{print $3}')) on 127.0.0.1:$port for the store tests"
}

if [ -z "${SKILLSIM_TEST_PG_URL:-}" ]; then
  skillsim_start_test_postgres
fi
unset -f skillsim_start_test_postgres
