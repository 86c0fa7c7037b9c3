#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server for the tests:
#
#   bash scripts/with-test-postgres.sh npm test
#   bash scripts/with-test-postgres.sh npx vitest run server/src/race.test.ts
#
# Installs Debian's `postgresql` when no server binaries are found (as root, or through sudo),
# creates a cluster in a temp folder (initdb), starts it on a free loopback port (54329 or the
# next free one) with its socket in that folder, creates the database `tidbok_test`, exports
# TIDBOK_TEST_DATABASE_URL and runs the command. The cluster is stopped and deleted on exit,
# whatever the command did. It is tuned for tests only: no fsync, nothing survives it.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args…]   (runs the command with TIDBOK_TEST_DATABASE_URL set)" >&2
  exit 2
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then as_root=(sudo); fi

find_bindir() {
  # Newest installed major version first.
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

bindir="$(find_bindir || true)"
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "--- installing Debian postgresql for the PostgreSQL test suite"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql
  bindir="$(find_bindir)"
fi

# The server refuses to run as root, so as root it runs as the `postgres` user the package made.
run_pg=()
if [ "$(id -u)" -eq 0 ]; then run_pg=(runuser -u postgres --); fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/tidbok-pg.XXXXXX")"
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi

port=54329
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  port=$((port + 1))
  if [ "$port" -gt 54399 ]; then echo "no free port in 54329–54399 for the test PostgreSQL" >&2; exit 1; fi
done

stop() {
  "${run_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

# C.UTF-8: text sorts by code point as in SQLite, and lower() still folds every letter (Å → å).
"${run_pg[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
if ! "${run_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null; then
  cat "$dir/server.log" >&2
  exit 1
fi
"${run_pg[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres tidbok_test

export TIDBOK_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/tidbok_test"
echo "--- test PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $TIDBOK_TEST_DATABASE_URL (data in $dir, removed on exit)"

set +e
"$@"
status=$?
set -e
exit "$status"
