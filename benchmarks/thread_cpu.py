"""CPU seconds per thread of one exportctl command, run in this process.

    python benchmarks/thread_cpu.py screen in.parquet -o out.parquet

Why: a wall-clock profiler (py-spy) counts a thread as busy while it waits for a core, so on two
shared cores the Parquet writer looked like 16 s of a 30 M-line run when it used 6 CPU s. This
samples ``/proc/self/task/*/stat`` every 50 ms while the command runs and prints, at the end, the
CPU each thread used (user + system, summed by thread name: the two screening threads together),
the run's wall time and the process's CPU, so "which work would a second core take" is measured,
not guessed; and the peak resident memory by the end of each quarter of the run, so memory that
grows with the file shows (it did: pyarrow's ``pre_buffer`` kept what it read). Linux only (``/proc``).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _rss_mib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return 0


def _sample(last: dict[str, tuple[str, float]], stop: threading.Event, rss: list[int]) -> None:
    while not stop.is_set():
        rss.append(_rss_mib())
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
    rss: list[int] = []
    sampler = threading.Thread(target=_sample, args=(last, stop, rss), name="sampler", daemon=True)
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
    if rss:  # memory as the run goes on: a file streamed in bounded memory levels off, it does not climb
        quarters = [max(rss[: max(1, len(rss) * q // 4)]) for q in (1, 2, 3, 4)]
        print(
            "peak RSS by the end of each quarter of the run: " + ", ".join(f"{m} MiB" for m in quarters),
            file=sys.stderr,
        )
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
