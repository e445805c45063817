"""A small closed-loop HTTP load generator (stdlib asyncio, HTTP/1.1 keep-alive).

``run(host, port, paths, clients=40, seconds=20)``: ``clients`` connections, each
sending the next path of ``paths`` as soon as the previous answer arrived, for
``seconds``; returns the count, errors (status >= 400 or a broken connection),
requests per second and latency percentiles. Traffic goes to the loopback
address only and stops by itself after ``seconds`` (or ``max_requests``).
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
        return (f"{label:<28} {self.rps:8.0f} req/s  median {self.median:7.1f} ms  p99 {self.pct(0.99):7.1f} ms  "
                f"errors {self.errors}  ({self.count} requests, statuses {dict(sorted(self.statuses.items()))})")


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


def run(host: str, port: int, paths: list[str], *, clients: int = 40, seconds: float = 20,
        headers: dict[str, str] | None = None, max_requests: int = 2_000_000) -> Result:
    if not host.startswith("127.") and host not in ("localhost", "::1"):
        raise ValueError("load is only ever sent to this machine's loopback address")
    text = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    return asyncio.run(_run(host, port, paths, clients, seconds, text, max_requests))
