"""The service's own cost per check: the ASGI app called in process, no HTTP server, no load generator.

    python benchmarks/api_inprocess.py [--checks 20000] [--concurrency 16] [--database sqlite:///...]

Why beside ``load.py``: on a 2-core machine the load generator, the HTTP server and the app share
the cores, so requests/s under ``wrk`` moves with whatever else runs; the CPU the app itself spends
per check (the fast path, the engine's remembered answer, the JSON, the audit record and its group
commit, the seal) is steadier, and is what a change to the app changes. Every call is a
``POST /v1/check`` with an API key and a varied query (the mix of ``load.py``), answered only once
its audit record is committed; each query is asked once before measuring (remembered answers, as
a server that has run a while). Prints checks/s (wall), CPU ms per check (all threads of this
process), latency p50/p99 and the answers' statuses (all must be 200).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load import varied_queries


async def _call(app: Any, body: bytes, token: str, statuses: dict[int, int]) -> None:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/check",
        "raw_path": b"/v1/check",
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"x-api-key", token.encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)  # no disconnect while the answer is written
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses[message["status"]] = statuses.get(message["status"], 0) + 1

    await app(scope, receive, send)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checks", type=int, default=20_000)
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--database", help="default: a fresh SQLite file")
    args = ap.parse_args()
    os.environ.setdefault("EXPORTCTL_DATA_DIR", tempfile.mkdtemp())  # the seal, away from the user's
    from exportctl.api.app import create_app
    from exportctl.store.keys import create_key

    app = create_app(args.database or f"sqlite:///{Path(tempfile.mkdtemp()) / 'inprocess.db'}")
    token = create_key(app.state.engine, "bench", "read")[1]
    bodies = [json.dumps(q).encode() for q in varied_queries(2000)]
    statuses: dict[int, int] = {}
    latencies: list[float] = []

    async def worker(items: list[bytes], timed: bool) -> None:
        for body in items:
            started = time.perf_counter()
            await _call(app, body, token, statuses)
            if timed:
                latencies.append(time.perf_counter() - started)

    async def run() -> tuple[float, float]:
        share = len(bodies) // args.concurrency + 1
        await asyncio.gather(*(worker(bodies[i * share : (i + 1) * share], False) for i in range(args.concurrency)))
        per = args.checks // args.concurrency
        picks = [[random.choice(bodies) for _ in range(per)] for _ in range(args.concurrency)]
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.gather(*(worker(p, True) for p in picks))
        return time.process_time() - cpu, time.perf_counter() - wall

    cpu, wall = asyncio.run(run())
    n = len(latencies)
    ms = np.asarray(latencies) * 1000
    print(
        f"{n:,} checks in process, {args.concurrency} concurrent: {n / wall:,.0f} checks/s (wall), "
        f"{cpu * 1000 / n:.3f} ms CPU per check, latency p50 {np.percentile(ms, 50):.1f} ms, "
        f"p99 {np.percentile(ms, 99):.1f} ms; statuses {statuses}"
    )
    if set(statuses) != {200}:
        raise SystemExit("some checks were not answered 200")


if __name__ == "__main__":
    main()
