"""Load test for POST /v1/check: bounded in count and time, loopback only.

    python benchmarks/load.py [--requests 100000] [--concurrency 16] [--threads 2] [--seconds 20]
                              [--workers 1] [--database sqlite:///...|postgresql+psycopg://...]
                              [--client wrk|python] [--anonymous] [--warmup N] [--queries N]

Starts ``exportctl serve`` on 127.0.0.1 (a fresh SQLite file unless --database is given), sends a
varied mix of 2,000 real queries (random items, destinations and dates 2018-2024), and prints
requests/s, p50/p90/p99 latency, errors and the server's CPU per check. Every request is a full
cited determination *and* a durable audit-log append. The engine remembers its last 4,096 answers
per regime, and before measuring each query is sent once (``--warmup N``), so by default this
measures a running server answering questions it has seen (``--queries 50000 --warmup 0`` makes
nearly every check a fresh determination: the worst case). The load comes
from ``wrk`` (Debian's C load generator) when installed, else from a Python asyncio client that is
itself slower than the server on a 2-core machine; either way the server and the client share the
same cores.

Requests carry a read API key created for the run (``X-API-Key``): anonymous checks are limited to
600 a minute per address, so an anonymous load test measures the 429 path after its first 600
requests (``--anonymous`` does exactly that, on purpose). After the run the audit log must hold one
row per acknowledged check and verify intact; the script says so, or fails.
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


def server_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) used so far by the server and its worker processes (Linux).

    Throughput on a shared machine moves with whatever else runs; CPU per check moves less, so
    the script reports both.
    """
    tick = os.sysconf("SC_CLK_TCK")
    total, todo = 0.0, [pid]
    try:
        while todo:
            p = todo.pop()
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    except (OSError, ValueError, IndexError):
        return None
    return total


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def run(
    base: str, total: int, concurrency: int, seconds: float, headers: dict[str, str], in_order: bool = False
) -> tuple[list[float], int, float]:
    """Python client: random varied queries, or (``in_order``) each of them in turn."""
    latencies: list[float] = []
    errors = 0
    sent = 0
    deadline = time.monotonic() + seconds
    rng = random.Random(7)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30, headers=headers) as client:

        async def worker() -> None:
            nonlocal sent, errors
            while sent < total and time.monotonic() < deadline:
                body = VARIED[sent % len(VARIED)] if in_order else rng.choice(VARIED)
                sent += 1
                t = time.perf_counter()
                r = await client.post("/v1/check", json=body)
                latencies.append(time.perf_counter() - t)
                if r.status_code != 200:
                    errors += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return latencies, errors, elapsed


VARIED = varied_queries(2000)


def run_wrk(
    base: str, total: int, concurrency: int, threads: int, seconds: float, headers: dict[str, str]
) -> tuple[int, float, float, float, float, int]:
    """(requests, requests/s, p50, p90, p99 in ms, errors) from wrk, cycling through the varied queries.

    Errors are non-2xx answers plus connect, read, write and timeout errors; ``total`` bounds the
    requests of each wrk thread.
    """
    bodies = ",".join("[[" + json.dumps(q) + "]]" for q in VARIED)
    lua_headers = ", ".join(f'["{k}"] = "{v}"' for k, v in {"Content-Type": "application/json", **headers}.items())
    script = f"""
local bodies = {{{bodies}}}
local headers = {{{lua_headers}}}
local n, limit = 0, {total}
request = function()
  n = n + 1
  if n > limit then wrk.thread:stop() end
  return wrk.format("POST", "/v1/check", headers, bodies[(n % #bodies) + 1])
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
        ["wrk", f"-t{threads}", f"-c{concurrency}", f"-d{int(seconds)}s", "-s", f.name, base + "/v1/check"],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, dur, p50, p90, p99, errs = line.split()[1:]
    return int(n), int(n) / float(dur), float(p50), float(p90), float(p99), int(errs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=100_000, help="at most this many (per wrk thread)")
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument(
        "--server",
        choices=("uvicorn", "granian"),
        default="uvicorn",
        help="uvicorn: `exportctl serve` as shipped; granian: the same app under Granian (when installed)",
    )
    ap.add_argument("--database")
    ap.add_argument("--client", choices=["wrk", "python"], default="wrk" if shutil.which("wrk") else "python")
    ap.add_argument("--anonymous", action="store_true", help="no API key: measures the rate limit's 429s")
    ap.add_argument("--queries", type=int, default=2000, help="distinct varied queries cycled through")
    ap.add_argument(
        "--warmup", type=int, help="checks before measuring (default: each query once; 3 times over for 2 workers)"
    )
    args = ap.parse_args()
    VARIED[:] = varied_queries(args.queries)
    port = free_port()
    tmp = tempfile.mkdtemp()
    url = args.database or f"sqlite:///{Path(tmp) / 'load.db'}"
    env = {**os.environ, "EXPORTCTL_DATABASE_URL": url}
    if args.server == "uvicorn":
        command = [
            "-m",
            "exportctl",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
        ]
    else:  # what ``exportctl serve`` does before uvicorn: migrate, then the app from the environment
        subprocess.run([sys.executable, "-m", "exportctl", "db", "upgrade"], env=env, check=True, capture_output=True)
        command = [
            *("-m", "granian", "--interface", "asgi", "--factory", "exportctl.api.app:app_from_env"),
            *("--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers)),
            *("--no-ws", "--no-access-log", "--log-level", "warning", "--runtime-mode", "st"),
        ]
    server = subprocess.Popen(
        [sys.executable, *command],
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
        headers: dict[str, str] = {}
        if not args.anonymous:
            from exportctl.store.db import make_engine
            from exportctl.store.keys import create_key

            headers["X-API-Key"] = create_key(make_engine(url), "load", "read")[1]
        # Warm-up, by default each varied query once: the engine builds its views of the law per
        # date once and keeps them, so a server that has run a while answers from warm views;
        # this measures that steady state (``--warmup 200`` measures a cold start instead). Each
        # worker keeps its own views and the kernel spreads connections unevenly, so with several
        # workers the queries go round 2 * workers - 1 times (a worker misses a query ~1/8 times).
        warm = len(VARIED) * (2 * args.workers - 1) if args.warmup is None else args.warmup
        if warm:
            asyncio.run(run(base, warm, 16, 900, headers, in_order=True))
        print(
            f"server: {args.server}, {args.workers} worker(s), database {url.split('@')[-1]}; client: {args.client}, "
            f"{args.concurrency} concurrent, same machine ({os.cpu_count()} cores shared by server and client)"
        )
        cpu_before = server_cpu(server.pid)
        if args.client == "wrk":
            n, rate, p50, p90, p99, errors = run_wrk(
                base, args.requests, args.concurrency, args.threads, args.seconds, headers
            )
            ok = n - errors
            print(f"{n:,} requests, {rate:,.0f} checks/s, errors: {errors} (wrk: {args.threads} threads)")
            print(f"latency ms: p50 {p50:.1f}  p90 {p90:.1f}  p99 {p99:.1f}")
        else:
            lat, errors, elapsed = asyncio.run(run(base, args.requests, args.concurrency, args.seconds, headers))
            ok = len(lat) - errors
            lat.sort()

            def pct(p: float) -> float:
                return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000

            print(f"requests: {len(lat):,} in {elapsed:.1f} s -> {len(lat) / elapsed:,.0f} checks/s, errors: {errors}")
            print(
                f"latency ms: p50 {pct(0.50):.1f}  p90 {pct(0.90):.1f}  p99 {pct(0.99):.1f}  max {lat[-1] * 1000:.1f}"
            )
        cpu_after = server_cpu(server.pid)
        if cpu_before is not None and cpu_after is not None and ok:
            print(f"server CPU: {(cpu_after - cpu_before) * 1000 / ok:.2f} ms per check")
        # wrk stops with requests in flight; let the server finish and seal them before verifying,
        # else verify races the last commits and sees rows its seal has not caught up with yet.
        time.sleep(2)
        verify = httpx.get(base + "/v1/audit/verify", timeout=120).json()
        # Every acknowledged check is a row; wrk may stop with requests in flight, which the server
        # may still complete and record, so rows may exceed the acknowledged count, never fall short.
        print(
            f"audit chain after the run: ok={verify['ok']} rows={verify['rows']:,}"
            f" (acknowledged checks incl. warm-up: {ok + warm:,})"
        )
        if not verify["ok"]:
            print(f"audit chain: {verify.get('reason')} (first bad row {verify.get('first_bad')})")
        if not verify["ok"] or (not args.anonymous and verify["rows"] < ok + warm):
            raise SystemExit("the audit log does not hold every acknowledged check")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
