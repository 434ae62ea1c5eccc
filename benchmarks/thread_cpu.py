"""CPU seconds per thread of one exportctl command, run in this process.

    python benchmarks/thread_cpu.py screen in.parquet -o out.parquet

Why: a wall-clock profiler (py-spy) counts a thread as busy while it waits for a core, so on two
shared cores the Parquet writer looked like 16 s of a 30 M-line run when it used 6 CPU s. This
samples ``/proc/self/task/*/stat`` every 50 ms while the command runs and prints, at the end, the
CPU each thread used (user + system, summed by thread name: the two screening threads together),
the run's wall time and the process's CPU, so "which work would a second core take" is measured,
not guessed. Linux only (``/proc``).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _sample(last: dict[str, tuple[str, float]], stop: threading.Event) -> None:
    while not stop.is_set():
        names = {str(t.native_id): t.name.split("_")[0] for t in threading.enumerate()}
        for tid in os.listdir("/proc/self/task"):
            try:
                stat = Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
                name = names.get(tid) or Path(f"/proc/self/task/{tid}/comm").read_text().strip()
            except OSError:  # the thread ended between the listing and the read
                continue
            last[tid] = (name, (int(stat[11]) + int(stat[12])) / TICK)
        stop.wait(0.05)


def main(argv: list[str]) -> int:
    from exportctl.cli import app

    last: dict[str, tuple[str, float]] = {}
    stop = threading.Event()
    sampler = threading.Thread(target=_sample, args=(last, stop), name="sampler", daemon=True)
    sampler.start()
    start = time.perf_counter()
    code = 0
    try:
        app(argv, standalone_mode=False)
    except SystemExit as exc:
        code = int(exc.code or 0)
    wall = time.perf_counter() - start
    time.sleep(0.06)  # one more sample of the threads still alive
    stop.set()
    by_name: dict[str, float] = {}
    for name, cpu in last.values():
        by_name[name] = by_name.get(name, 0.0) + cpu
    for name, cpu in sorted(by_name.items(), key=lambda kv: -kv[1]):
        if cpu >= 0.01:
            print(f"{cpu:8.2f} CPU s  {name}", file=sys.stderr)
    print(f"wall {wall:.2f} s, process CPU {time.process_time():.2f} s", file=sys.stderr)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
