"""MQTT subscriber for micro stations (paho-mqtt).

Topic: ``ecogov/air/<station code>/hourly``. Payload (JSON, UTF-8)::

    {"key": "<the station's API key>", "time": "2026-11-20T12:00:00+08:00",
     "pm25": 35, "pm10": 61, "no2": 20, "so2": 6, "co": 0.6, "o3": 48, "wd": 225, "ws": 2.4}

``time`` is the end of the hour; pollutant names and units as for the push API
(µg/m³, CO mg/m³; an optional ``units`` object); wind (``wd`` degrees from
north, ``ws`` m/s) is optional. :func:`listen` yields the messages in small
batches (every ``FLUSH_SECONDS`` or ``FLUSH_ROWS``) and :func:`parse_message`
reads one; ``services_ingest`` checks each message's key (a key that does not
belong to the topic's station is refused and logged) and ingests the batch
through the same idempotent writer as every other source, so a redelivered
message changes nothing; in a batch, the last message of a station-hour supersedes the earlier ones
(:func:`latest_per_topic_hour`). Run with ``ecogov monitoring mqtt`` (broker: setting ``MQTT_URL`` or
``--url mqtt://127.0.0.1:1883``); several subscribers started with the same ``--group`` share the stream
(an MQTT shared subscription: each message goes to one of them).
"""

from __future__ import annotations

import json
import queue
import time
import urllib.parse
from collections.abc import Generator

from django.conf import settings

from . import wind
from .push import VARIABLE_MAP
from .rows import Row

TOPIC = "ecogov/air/+/hourly"
FLUSH_SECONDS = 2.0
FLUSH_ROWS = 500


def parse_message(topic: str, payload: bytes, line: int) -> tuple[Row, str]:
    """``(row, key)`` from one message; a malformed payload gives a row that will be rejected."""
    parts = topic.split("/")
    code = parts[2] if len(parts) == 4 else ""
    try:
        data = json.loads(payload.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError
    except (ValueError, UnicodeDecodeError):
        return Row(line=line, station=code, time="", meta={"bad_payload": True}), ""
    units = data.get("units") if isinstance(data.get("units"), dict) else {}
    row = Row(
        line=line, station=code, time=str(data.get("time") or ""),
        values={VARIABLE_MAP[k.lower()]: v for k, v in data.items() if k.lower() in VARIABLE_MAP},
        units={VARIABLE_MAP[k.lower()]: str(v) for k, v in units.items() if k.lower() in VARIABLE_MAP},
        wind=wind.pick(data),
    )
    return row, str(data.get("key") or "")


def _broker(url: str | None) -> tuple[str, int]:
    parsed = urllib.parse.urlparse(url or settings.MQTT_URL or "mqtt://127.0.0.1:1883")
    return parsed.hostname or "127.0.0.1", parsed.port or 1883


def latest_per_topic_hour(messages: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The messages of a batch without those superseded by a later one of the same topic and hour: a micro
    station sends its running hour every minute, and the last message of an hour is its value (without
    this, the later messages of a batch would be refused as repeated station-hours). Messages whose time
    cannot be read are all kept (the ingest refuses them with the reason)."""
    last: dict[tuple[str, str, str], int] = {}
    keep = []
    for i, (topic, payload) in enumerate(messages):
        try:
            data = json.loads(payload.decode("utf-8"))
            when, key = data.get("time"), str(data.get("key") or "")
        except (ValueError, UnicodeDecodeError, AttributeError):
            when = key = None
        if isinstance(when, str) and when and key is not None:
            last[(topic, when, key)] = i  # per key: a message with another key never hides the station's own
        else:
            keep.append(i)
    return [messages[i] for i in sorted([*keep, *last.values()])]


def listen(
    *, url: str | None = None, seconds: float | None = None, ready=None, group: str = "",
) -> Generator[list[tuple[str, bytes]], None, None]:
    """Subscribe to ``TOPIC`` and yield the messages received, ``(topic, payload)`` in batches, until closed
    (or for ``seconds``); ``ready`` (an event) is set once subscribed. ``group``: subscribe as a member of
    the shared subscription ``$share/<group>/<TOPIC>`` (the broker gives each message to one member)."""
    import paho.mqtt.client as mqtt

    inbox: queue.Queue = queue.Queue()
    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=f"ecogov-ingest-{time.time_ns()}")
    topic = f"$share/{group}/{TOPIC}" if group else TOPIC
    client.on_connect = lambda c, u, f, rc, p=None: c.subscribe(topic, qos=1)
    client.on_message = lambda c, u, msg: inbox.put((msg.topic, msg.payload))
    if ready is not None:
        client.on_subscribe = lambda *a, **k: ready.set()
    host, port = _broker(url)
    client.connect(host, port, keepalive=30)
    client.loop_start()
    deadline = None if seconds is None else time.monotonic() + seconds
    try:
        while deadline is None or time.monotonic() < deadline:
            batch = _drain(inbox, deadline)
            if batch:
                yield batch
    finally:
        client.loop_stop()
        client.disconnect()


def _drain(inbox: queue.Queue, deadline: float | None) -> list:
    out = []
    end = time.monotonic() + FLUSH_SECONDS
    if deadline is not None:
        end = min(end, deadline)
    while len(out) < FLUSH_ROWS:
        timeout = end - time.monotonic()
        if timeout <= 0:
            break
        try:
            out.append(inbox.get(timeout=timeout))
        except queue.Empty:
            break
    return out
