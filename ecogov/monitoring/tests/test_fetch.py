"""The hourly fetcher against a local HTTP server the test starts, serving the real national per-hour file
(../shared/data): a normal answer, a slow one within the timeout, one past it, an error status, a connection
cut before the announced length and a file cut in the middle of a line. A failed poll writes no reading and
is recorded with its reason; the next poll ingests the answer."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from ecogov.core import contrib
from ecogov.monitoring.models import FetchPoll, Reading, StationDaily
from ecogov.monitoring.services_fetch import fetch_once

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
HOURLY = (DATA / "national_hourly_sample_2022-01-04T12.csv").read_bytes()
LINES = HOURLY.count(b"\n") - 1  # one station-hour per line after the header

pytestmark = pytest.mark.django_db


class _Handler(http.server.BaseHTTPRequestHandler):
    """``/ok``, ``/slow/<seconds>``, ``/status/<code>``, ``/cut-connection``, ``/cut-line``, ``/flaky`` (cut
    the first time, whole afterwards)."""

    flaky_calls = 0

    def do_GET(self):  # noqa: N802 - the http.server API
        parts = self.path.strip("/").split("/")
        if parts[0] == "slow":
            time.sleep(float(parts[1]))
        if parts[0] == "status":
            self.send_response(int(parts[1]))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if parts[0] == "flaky":
            type(self).flaky_calls += 1
            parts = ["cut-connection" if type(self).flaky_calls == 1 else "ok"]
        body = HOURLY
        if parts[0] == "cut-line":
            body = HOURLY[: len(HOURLY) // 2]
            body = body[: body.rindex(b",")]  # ends inside a record
        self.send_response(200)
        self.send_header("Content-Type", "text/csv; charset=utf-8")
        self.send_header("Content-Length", str(len(HOURLY) if parts[0] == "cut-connection" else len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2] if parts[0] == "cut-connection" else body)
        self.wfile.flush()
        if parts[0] == "cut-connection":
            self.close_connection = True

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Handler.flaky_calls = 0
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_poll_ingests_and_records_rows_and_lag(server):
    poll = fetch_once(url=f"{server}/ok", timeout=10)
    assert (poll.status, poll.http_status, poll.rows, poll.rows_created) == ("ok", 200, LINES, LINES)
    assert Reading.objects.count() == LINES
    # the file's hour is 2022-01-04 12:00 Beijing time; the lag is measured from it to the poll
    hour = dt.datetime(2022, 1, 4, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert poll.latest_hour == hour
    assert abs(poll.lag_seconds - (timezone.now() - hour).total_seconds()) < 120
    assert StationDaily.objects.filter(date=dt.date(2022, 1, 4)).count() > 0  # derived values follow
    again = fetch_once(url=f"{server}/ok", timeout=10)
    assert again.status == "unchanged" and Reading.objects.count() == LINES


def test_slow_answer_within_the_timeout_is_ingested(server):
    assert fetch_once(url=f"{server}/slow/1.5", timeout=10).status == "ok"
    assert Reading.objects.count() == LINES


@pytest.mark.parametrize(("path", "reason"), [
    ("slow/5", "timed out"),
    ("status/503", "http 503"),
    ("cut-connection", "truncated"),
    ("cut-line", "truncated"),
])
def test_failed_polls_write_nothing_and_say_why(server, path, reason):
    poll = fetch_once(url=f"{server}/{path}", timeout=1.5)
    assert poll.status == "error" and reason in poll.message.lower().replace("timeout", "timed out"), poll.message
    assert Reading.objects.count() == 0
    assert FetchPoll.objects.get(pk=poll.pk).finished is not None
    if path == "status/503":
        assert poll.http_status == 503


def test_truncated_answer_is_retried_by_the_next_poll(server):
    first = fetch_once(url=f"{server}/flaky", timeout=10)
    assert first.status == "error" and Reading.objects.count() == 0
    second = fetch_once(url=f"{server}/flaky", timeout=10)
    assert second.status == "ok" and Reading.objects.count() == LINES
    assert list(FetchPoll.objects.order_by("started", "id").values_list("status", flat=True)) == ["error", "ok"]


def test_command_polls_every_n_seconds(server, capsys):
    call_command("monitoring", "fetch", "--url", f"{server}/ok", "--every", "0.2", "--count", "2")
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and " ok http=200 " in out[0] and " unchanged " in out[1]


def test_beat_entry_is_contributed():
    entry = next(e for e in contrib.beat if e.name == "monitoring-fetch")
    assert entry.task == "monitoring.fetch"
