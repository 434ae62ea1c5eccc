"""Load test for POST /v1/check: bounded in count and time, loopback only.

    python benchmarks/load.py [--requests 20000] [--concurrency 16] [--seconds 20] [--workers 1]
                              [--database sqlite:///...|postgresql+psycopg://...] [--client wrk|python]

Starts ``exportctl serve`` on 127.0.0.1 (a fresh SQLite file unless --database is given), sends a
varied mix of real queries (random items, destinations and dates 2018-2024, so answers are not
repeats), and prints requests/s, p50/p90/p99 latency and errors. Every request is a full
determination *and* a durable audit-log append. The load comes from ``wrk`` (Debian's C load
generator) when installed, else from a Python asyncio client that is itself slower than the
server on a 2-core machine; either way the server and the client share the same cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ITEMS = {
    "JP": [
        "hydrogen fluoride",
        "photoresist",
        "fluorinated polyimide",
        "row 5",
        "row 7",
        "row 15",
        "catch-all",
        "EUV pellicle",
        "jp:7(16)-re",
    ],
    "KR": ["sensitive", "non-sensitive", "catch-all"],
}
DESTS = {"JP": ["KR", "CN", "US", "TW", "DE", "IR", "IQ", "EE", "SG", "VN"], "KR": ["JP", "CN", "US", "VN", "DE"]}


def varied_queries(n: int, seed: int = 11) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out: list[dict[str, object]] = []
    for _ in range(n):
        exporter = rng.choice(["JP", "JP", "JP", "KR"])
        day = f"{rng.randint(2018, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        q: dict[str, object] = {
            "exporter": exporter,
            "destination": rng.choice(DESTS[exporter]),
            "item": rng.choice(ITEMS[exporter]),
            "on": day,
        }
        if rng.random() < 0.2:
            q["end_use"] = rng.choice(["wmd", "conventional", "civil"])
        out.append(q)
    return out


QUERIES = [
    {"exporter": "JP", "destination": "KR", "item": "hydrogen fluoride", "on": "2020-01-15"},
    {"exporter": "JP", "destination": "KR", "item": "photoresist", "on": "2019-07-02"},
    {"exporter": "JP", "destination": "CN", "item": "EUV pellicle", "on": "2023-08-01"},
    {"exporter": "JP", "destination": "US", "item": "row 7", "on": "2021-05-05", "value": 400000},
    {"exporter": "JP", "destination": "IR", "item": "catch-all", "on": "2022-02-02", "end_use": "conventional"},
    {"exporter": "KR", "destination": "JP", "item": "sensitive", "on": "2020-01-15"},
    {"exporter": "KR", "destination": "DE", "item": "non-sensitive", "on": "2023-06-01"},
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def run(base: str, total: int, concurrency: int, seconds: float) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    sent = 0
    deadline = time.monotonic() + seconds
    rng = random.Random(7)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            nonlocal sent, errors
            while sent < total and time.monotonic() < deadline:
                sent += 1
                t = time.perf_counter()
                r = await client.post("/v1/check", json=rng.choice(VARIED))
                latencies.append(time.perf_counter() - t)
                if r.status_code != 200:
                    errors += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return latencies, errors, elapsed


VARIED = varied_queries(2000)


def run_wrk(base: str, total: int, concurrency: int, seconds: float) -> tuple[float, float, float, float, int]:
    """(requests/s, p50, p90, p99 in ms, non-2xx) from wrk, cycling through the varied queries."""
    bodies = ",".join("[[" + json.dumps(q) + "]]" for q in VARIED)
    script = f"""
local bodies = {{{bodies}}}
local n, limit = 0, {total}
request = function()
  n = n + 1
  if n > limit then wrk.thread:stop() end
  return wrk.format("POST", "/v1/check", {{["Content-Type"] = "application/json"}}, bodies[(n % #bodies) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %f %f %f %f %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    out = subprocess.run(
        ["wrk", "-t1", f"-c{concurrency}", f"-d{int(seconds)}s", "-s", f.name, base + "/v1/check"],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, dur, p50, p90, p99, errs = line.split()[1:]
    return int(n) / float(dur), float(p50), float(p90), float(p99), int(errs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=20_000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--database")
    ap.add_argument("--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python")
    args = ap.parse_args()
    port = free_port()
    tmp = tempfile.mkdtemp()
    url = args.database or f"sqlite:///{Path(tmp) / 'load.db'}"
    env = {**os.environ, "EXPORTCTL_DATABASE_URL": url}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "exportctl",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("server did not start: " + (server.stderr.read().decode() if server.stderr else ""))
        asyncio.run(run(base, 200, 8, 10))  # warm-up: compile paths, snapshot write
        print(
            f"server: {args.workers} worker(s), database {url.split('@')[-1]}; client: {args.client}, "
            f"{args.concurrency} concurrent, same machine ({os.cpu_count()} cores shared by server and client)"
        )
        if args.client == "wrk":
            rate, p50, p90, p99, errors = run_wrk(base, args.requests, args.concurrency, args.seconds)
            print(f"{rate:,.0f} checks/s, errors: {errors}")
            print(f"latency ms: p50 {p50:.1f}  p90 {p90:.1f}  p99 {p99:.1f}")
        else:
            lat, errors, elapsed = asyncio.run(run(base, args.requests, args.concurrency, args.seconds))
            lat.sort()

            def pct(p: float) -> float:
                return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000

            print(f"requests: {len(lat):,} in {elapsed:.1f} s -> {len(lat) / elapsed:,.0f} checks/s, errors: {errors}")
            print(
                f"latency ms: p50 {pct(0.50):.1f}  p90 {pct(0.90):.1f}  p99 {pct(0.99):.1f}  max {lat[-1] * 1000:.1f}"
            )
        verify = httpx.get(base + "/v1/audit/verify", timeout=120).json()
        print(f"audit chain after the run: ok={verify['ok']} rows={verify['rows']:,}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
