#!/usr/bin/env bash
# `make run`: serve the platform; when an MQTT broker answers on 127.0.0.1:1883
# (or ECOGOV_MQTT_URL is set), also run the micro-station subscriber beside it.
set -u
BIN=${BIN:-.venv/bin}
url=${ECOGOV_MQTT_URL:-}
if [ -z "$url" ] && (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; then
  url="mqtt://127.0.0.1:1883"
fi
if [ -n "$url" ]; then
  echo "MQTT subscriber for micro stations on $url (topic ecogov/air/<station>/hourly)"
  "$BIN/ecogov" monitoring mqtt --url "$url" &
  mqtt_pid=$!
  trap 'kill "$mqtt_pid" 2>/dev/null' EXIT INT TERM
fi
"$BIN/ecogov" serve "$@"
