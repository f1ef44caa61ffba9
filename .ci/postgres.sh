#!/usr/bin/env bash
# Starts the Debian PostgreSQL cluster on 127.0.0.1:5432 with user postgres/postgres and a `tuijin`
# database. Idempotent; needs root (as CI runs).
set -euo pipefail
PGVER=$(ls /usr/lib/postgresql | sort -V | tail -1)
pg_lsclusters -h | awk '$2=="main"' | grep -q . || pg_createcluster "$PGVER" main >/dev/null
echo "listen_addresses = '127.0.0.1'" > "/etc/postgresql/$PGVER/main/conf.d/ci.conf"
pg_ctlcluster "$PGVER" main start 2>/dev/null || pg_ctlcluster "$PGVER" main status >/dev/null
for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.5; done
pg_isready -h 127.0.0.1 -p 5432
su postgres -c "psql -v ON_ERROR_STOP=1 -q -c \"ALTER USER postgres PASSWORD 'postgres'\""
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='tuijin'\" | grep -q 1 || createdb tuijin"
