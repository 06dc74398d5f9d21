#!/usr/bin/env python3
"""Load test of the HTTP service, on this machine only: concurrent clients send a bounded number
of requests, a mix of valid and malformed situations, for a bounded time, and the script prints
the throughput, the latency percentiles, the answers by status, the unexpected ones, and the
memory of the service's processes at start and end.

By default it starts ``rights-engine serve --workers 2`` (the interpreter's own installation) on
a free loopback port and stops it at the end; ``--url`` targets a running service, which must be
on a loopback address. Valid situations must get 200, malformed ones 422: anything else counts
as an error. It asserts nothing; its exit status is 1 when an error or a crash was seen.

    python scripts/load.py                      # 32 clients, 10 000 requests, at most 600 s
    python scripts/load.py --clients 8 --requests 500 --url http://127.0.0.1:8000
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPOSITORY = Path(__file__).resolve().parent.parent
SITUATIONS = REPOSITORY / "situations"
MALFORMED_SHARE = 10
"""One request in MALFORMED_SHARE carries a malformed situation."""


@dataclass(frozen=True)
class Sample:
    """A request to send: path, content type, body, and the status it must get."""

    name: str
    path: str
    content_type: str
    body: bytes
    expected: int


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    unexpected: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _valid_samples() -> list[Sample]:
    samples = []
    for path in sorted(SITUATIONS.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        as_json = json.dumps(yaml.safe_load(text), default=str).encode()
        samples.append(Sample(path.stem, "/v1/orientation", "application/yaml", text.encode(), 200))
        samples.append(Sample(path.stem, "/v1/orientation", "application/json", as_json, 200))
    return samples


def _malformed_samples() -> list[Sample]:
    good = (SITUATIONS / "rsa_permis_hameau.yaml").read_text(encoding="utf-8")
    bodies = {
        "impossible date": good.replace("1992-03-14", "1992-02-31"),
        "unknown field": good.replace("household:", "household:\n  salary: 3"),
        "not YAML": good.replace("people:", "people: [\n"),
        "no applicant": good.replace("role: applicant", "role: child"),
        "period out of range": good.replace("period: 2026-11", "period: 2031-01"),
        "empty": "",
    }
    return [
        Sample(name, "/v1/orientation", "application/yaml", body.encode(), 422)
        for name, body in bodies.items()
    ]


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _healthy(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    try:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        connection.request("GET", "/v1/health")
        return connection.getresponse().status == 200
    except OSError:
        return False


def _start(workers: int) -> tuple[str, subprocess.Popen[bytes]]:
    port = _free_port()
    script = Path(sys.executable).parent / "rights-engine"
    command = [str(script), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if _healthy(url):
            return url, process
        time.sleep(0.3)
    process.kill()
    raise SystemExit("the service did not start within 120 s")


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _rss_mib(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _client(
    url: str, samples: list[Sample], next_index: Tickets, tally: Tally, stop_at: float
) -> None:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    while time.monotonic() < stop_at:
        index = next_index()
        if index is None:
            break
        sample = samples[index % len(samples)]
        headers = {"Content-Type": sample.content_type}
        start = time.perf_counter()
        try:
            connection.request("POST", sample.path, sample.body, headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
            with tally.lock:
                tally.unexpected[f"connection error ({type(exc).__name__})"] += 1
            continue
        elapsed = time.perf_counter() - start
        with tally.lock:
            tally.latencies.append(elapsed)
            tally.statuses[status] += 1
            if status != sample.expected:
                tally.unexpected[f"{sample.name}: {status} instead of {sample.expected}"] += 1
    connection.close()


class Tickets:
    """Hands out request numbers until the count is reached (thread-safe)."""

    def __init__(self, count: int) -> None:
        self._count = count
        self._next = 0
        self._lock = threading.Lock()

    def __call__(self) -> int | None:
        with self._lock:
            if self._next >= self._count:
                return None
            self._next += 1
            return self._next - 1


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--max-seconds", type=float, default=600.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--url", help="a running service on a loopback address")
    arguments = parser.parse_args()
    if not 1 <= arguments.requests <= 100_000 or not 1 <= arguments.clients <= 256:
        parser.error("--requests must be 1..100000 and --clients 1..256")
    if not 0 < arguments.max_seconds <= 3600:
        parser.error("--max-seconds must be in (0, 3600]")
    process = None
    if arguments.url:
        if not _is_loopback(arguments.url):
            parser.error("--url must be a loopback address (127.0.0.0/8, ::1, localhost)")
        url = arguments.url.rstrip("/")
    else:
        url, process = _start(arguments.workers)
    valid, malformed = _valid_samples(), _malformed_samples()
    # Deterministic mix: every MALFORMED_SHARE-th request is malformed.
    samples = []
    for index in range(len(valid) * len(malformed)):
        if index % MALFORMED_SHARE == MALFORMED_SHARE - 1:
            samples.append(malformed[index // MALFORMED_SHARE % len(malformed)])
        else:
            samples.append(valid[index % len(valid)])
    pids = _tree(process.pid) if process else []
    memory_start = _rss_mib(pids)
    memory_peak = memory_start
    tally = Tally()
    next_index = Tickets(arguments.requests)
    started = time.monotonic()
    stop_at = started + arguments.max_seconds
    threads = [
        threading.Thread(target=_client, args=(url, samples, next_index, tally, stop_at))
        for _ in range(arguments.clients)
    ]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        time.sleep(1)
        if pids:
            memory_peak = max(memory_peak, _rss_mib(pids))
    elapsed = time.monotonic() - started
    memory_end = _rss_mib(pids)
    alive = process is None or (process.poll() is None and _healthy(url))
    if process is not None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    done = len(tally.latencies)
    print(f"service: {url} ({arguments.workers} workers)" if process else f"service: {url}")
    print(f"clients: {arguments.clients}; requests answered: {done} of {arguments.requests}")
    print(f"elapsed: {elapsed:.1f} s; throughput: {done / elapsed:.1f} requests/s")
    if done:
        p50, p95, p99 = (_percentile(tally.latencies, share) * 1000 for share in (0.5, 0.95, 0.99))
        slowest, mean = max(tally.latencies) * 1000, statistics.fmean(tally.latencies) * 1000
        print(
            f"latency: p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms, "
            f"max {slowest:.0f} ms, mean {mean:.0f} ms"
        )
    print("answers: " + ", ".join(f"{s}: {n}" for s, n in sorted(tally.statuses.items())))
    errors = sum(tally.unexpected.values())
    print(f"errors (status not the expected one, or no answer): {errors}")
    for what, count in tally.unexpected.most_common():
        print(f"  {count} × {what}")
    print(f"service still up and healthy at the end: {'yes' if alive else 'NO'}")
    if pids:
        print(
            f"service memory (RSS, all processes): {memory_start:.0f} MiB at start, "
            f"{memory_peak:.0f} MiB peak, {memory_end:.0f} MiB at the end"
        )
    return 0 if errors == 0 and alive and done == arguments.requests else 1


if __name__ == "__main__":
    sys.exit(main())
