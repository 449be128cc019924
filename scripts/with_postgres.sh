#!/usr/bin/env bash
# Run a command with a throwaway PostgreSQL cluster (Unix socket in a temp dir, no TCP), exported as
# COMPANION_TEST_POSTGRES. Without a PostgreSQL server installed, say so and do nothing.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
  echo "No PostgreSQL server here (apt-get install postgresql): the PostgreSQL test run is skipped."
  exit 0
fi
dir=$(mktemp -d /tmp/companion-pg.XXXXXX)
as_pg=(env)
if [ "$(id -u)" = 0 ]; then  # initdb refuses to run as root
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -U companion -A trust >/dev/null
# In the cluster's own settings, so a test that stops and restarts it gets the same socket.
"${as_pg[@]}" tee -a "$dir/data/postgresql.conf" >/dev/null <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
fsync = off
full_page_writes = off
max_connections = 200
CONF
# The recipe's own settings (what its log keeps), as in production.
"${as_pg[@]}" cp "$repo/deploy/postgresql/companion.conf" "$dir/data/companion.conf"
echo "include = 'companion.conf'" | "${as_pg[@]}" tee -a "$dir/data/postgresql.conf" >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w start >/dev/null
stop() { "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap stop EXIT
COMPANION_TEST_POSTGRES="postgresql+psycopg://companion@/postgres?host=$dir" \
COMPANION_TEST_PG_CTL="${as_pg[*]} $bindir/pg_ctl -D $dir/data -l $dir/log" "$@"
