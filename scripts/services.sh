#!/usr/bin/env bash
# Make sure PostgreSQL (5432), Redis (6379) and Mosquitto (1883) answer on 127.0.0.1;
# start a stopped one with the machine's own command, or fail with a clear message.
set -uo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ensure() {  # name port start-command...
  local name=$1 port=$2; shift 2
  if port_open "$port"; then return 0; fi
  echo "$name is not answering on 127.0.0.1:$port; starting it ..."
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "ERROR: $name is not running and '$1' is not installed. Install and start $name on 127.0.0.1:$port." >&2
    return 1
  fi
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do port_open "$port" && return 0; sleep 1; done
  echo "ERROR: could not start $name on 127.0.0.1:$port (tried: $*)." >&2
  return 1
}

pg_start() {
  local version
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] && pg_ctlcluster --skip-systemctl-redirect "$version" main start
}

status=0
ensure PostgreSQL 5432 pg_start || status=1
ensure Redis 6379 redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no || status=1
ensure Mosquitto 1883 mosquitto -d -c /etc/mosquitto/mosquitto.conf || status=1
exit $status
