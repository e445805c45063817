"""A small HTTP load generator (stdlib asyncio, HTTP/1.1 keep-alive), closed or open loop.

``run(host, port, paths, clients=40, seconds=20)`` (closed loop): ``clients``
connections, each sending the next path of ``paths`` as soon as the previous
answer arrived, for ``seconds``: the most the server can do.

``run_rate(host, port, paths, rate=500, seconds=20)`` (open loop): request ``i``
is due at ``start + i / rate`` whatever the server does, sent on an idle
keep-alive connection (a new one when none is idle, at most ``max_connections``);
its latency counts from the moment it was due, so a server that falls behind
shows its queueing in the percentiles instead of slowing the client down
(no coordinated omission). Requests that would wait behind more than
``max_pending`` others are dropped and counted as errors, which keeps the
generator's own memory bounded under a server that cannot keep up.

Both return the count, errors (status >= 400, a broken connection, a timeout
or a drop), requests per second and latency percentiles. Traffic goes to the
loopback address only and stops by itself after ``seconds`` (or ``max_requests``).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field


@dataclass
class Result:
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    offered: float = 0.0  # open loop: the rate the requests were due at [1/s]; 0 for closed loop
    dropped: int = 0  # open loop: requests never sent because too many were already waiting
    cpu_ms: float = 0.0  # filled in by the caller: the server's CPU time per answer [ms]

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    @property
    def median(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else float("nan")

    def line(self, label: str) -> str:
        offered = f" (offered {self.offered:.0f}, dropped {self.dropped})" if self.offered else ""
        return (f"{label:<28} {self.rps:8.0f} req/s{offered}  median {self.median:7.1f} ms  "
                f"p99 {self.pct(0.99):7.1f} ms  errors {self.errors}  "
                f"({self.count} answers, statuses {dict(sorted(self.statuses.items()))})")


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readline()).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:  # no length: the server closes the connection
        await reader.read()
        return -status
    return status


async def _client(host, port, paths, offset, deadline, result: Result, headers: str, budget: list[int]):
    reader = writer = None
    i = offset
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        path = paths[i % len(paths)]
        i += 1
        started = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{headers}\r\n".encode())
            status = await asyncio.wait_for(_read_response(reader), timeout=30)
            if status < 0:  # connection closed by the server after the answer
                status = -status
                writer.close()
                writer = None
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
            result.errors += 1
            if writer is not None:
                writer.close()
            writer = None
            await asyncio.sleep(0.01)
            continue
        result.latencies.append(time.monotonic() - started)
        result.statuses[status] = result.statuses.get(status, 0) + 1
        if status >= 400:
            result.errors += 1
    if writer is not None:
        writer.close()


async def _run(host, port, paths, clients, seconds, headers, max_requests) -> Result:
    result = Result()
    started = time.monotonic()
    budget = [max_requests]
    await asyncio.gather(*(_client(host, port, paths, k, started + seconds, result, headers, budget)
                           for k in range(clients)))
    result.seconds = time.monotonic() - started
    return result


class _OpenLoop:
    """The state of one open-loop run: idle connections, requests waiting or in flight, the result.

    An idle connection is reused for at most ``IDLE_REUSE`` seconds (servers close idle keep-alive
    connections after a few seconds: gunicorn's ``keepalive`` is 5); a request that fails on a reused
    connection before any answer is sent once more on a new one, as HTTP clients do for a GET."""

    IDLE_REUSE = 2.0

    def __init__(self, host: str, port: int, headers: str, max_connections: int, timeout: float):
        self.host, self.port, self.headers, self.timeout = host, port, headers, timeout
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter, float]] = []
        self.slots = asyncio.Semaphore(max_connections)
        self.pending = 0
        self.result = Result()

    async def one(self, path, due: float) -> None:
        self.pending += 1
        try:
            async with self.slots:
                await self._send(path, due)
        finally:
            self.pending -= 1

    def _take_idle(self):
        now = time.monotonic()
        while self.idle:
            reader, writer, since = self.idle.pop()
            if now - since <= self.IDLE_REUSE:
                return reader, writer
            writer.close()
        return None

    async def _send(self, path, due: float) -> None:
        path, extra = path if isinstance(path, tuple) else (path, "")
        head = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{self.headers}{extra}\r\n".encode()
        conn = self._take_idle()
        for attempt in (1, 2):
            reused = conn is not None
            try:
                if conn is None:
                    conn = await asyncio.open_connection(self.host, self.port)
                reader, writer = conn
                writer.write(head)
                status = await asyncio.wait_for(_read_response(reader), timeout=self.timeout)
                break
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                if conn is not None:
                    conn[1].close()
                conn = None
                retry = reused and attempt == 1 and not isinstance(exc, TimeoutError)
                if not retry:
                    self.result.errors += 1
                    return
        self.result.latencies.append(time.monotonic() - due)
        if status < 0:  # the server closed the connection after the answer
            status = -status
            writer.close()
        else:
            self.idle.append((reader, writer, time.monotonic()))
        self.result.statuses[status] = self.result.statuses.get(status, 0) + 1
        if status >= 400:
            self.result.errors += 1

    def close(self) -> None:
        for _, writer, _ in self.idle:
            writer.close()


async def _run_rate(host, port, paths, rate, seconds, headers, max_connections, max_pending, timeout) -> Result:
    loop = _OpenLoop(host, port, headers, max_connections, timeout)
    tasks: set[asyncio.Task] = set()
    paths = [(p[0], _header_text(p[1])) if isinstance(p, tuple) else p for p in paths]
    started = time.monotonic()
    for i in range(int(rate * seconds)):
        due = started + i / rate
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        if loop.pending >= max_pending:
            loop.result.dropped += 1
            loop.result.errors += 1
            continue
        task = asyncio.create_task(loop.one(paths[i % len(paths)], due))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    loop.close()
    loop.result.seconds = time.monotonic() - started
    loop.result.offered = rate
    return loop.result


def _check_host(host: str) -> None:
    if not host.startswith("127.") and host not in ("localhost", "::1"):
        raise ValueError("load is only ever sent to this machine's loopback address")


def _header_text(headers: dict[str, str] | None) -> str:
    return "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())


def run(host: str, port: int, paths: list[str], *, clients: int = 40, seconds: float = 20,
        headers: dict[str, str] | None = None, max_requests: int = 2_000_000) -> Result:
    """Closed loop: ``clients`` connections each waiting for its answer before the next request."""
    _check_host(host)
    return asyncio.run(_run(host, port, paths, clients, seconds, _header_text(headers), max_requests))


def run_rate(host: str, port: int, paths: list, *, rate: float, seconds: float,
             headers: dict[str, str] | None = None, max_connections: int = 64, max_pending: int = 2000,
             timeout: float = 30) -> Result:
    """Open loop: ``rate`` requests per second for ``seconds``, latency counted from when each was due.

    An entry of ``paths`` may be ``(path, headers)`` to send that request with more headers (a session
    cookie for a staff page in a mixed run)."""
    _check_host(host)
    return asyncio.run(_run_rate(host, port, paths, rate, seconds, _header_text(headers), max_connections,
                                 max_pending, timeout))
