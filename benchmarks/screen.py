"""Screening throughput: vectorised engine vs file-to-file vs scalar determine() vs a peer engine.

    python benchmarks/screen.py [--rows 10000000] [--peer-rows 20000] [--scalar-rows 2000]

Generates a workload (destinations weighted roughly like Japan's and Korea's export markets,
items from the control lists, ship dates 2018-2024, some end uses and values), then measures
in the same run and prints lines/s and ratios:

* ``codes``: the compiled-table evaluation alone on pre-encoded columns (epochs, destination and
  entry indices), the engine's inner loop;
* ``frame``: ``screen_frame`` on an in-memory Polars frame of text columns, validation and
  rejects included;
* ``parquet``: ``screen_file`` Parquet to Parquet;
* ``determine``: the scalar ``determine()`` loop (the baseline);
* ``zen``: GoRules zen-engine running the JP->KR rules as a decision table, and
* ``rego``: the JP->KR rules written by hand in Rego (``jp_kr.rego``) on regopy (rego-cpp, an
  OPA-compatible interpreter; regorus itself is not on PyPI), both checked to give the same
  answers as exportctl on every line they are timed on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import peers
import polars as pl
from peers import RegoPeer, theirs, zen_decision

from exportctl import determine
from exportctl.batch.files import screen_file
from exportctl.batch.screen import screen_frame
from exportctl.engine.compiled import compiled, days
from exportctl.law.loader import load_regimes

# Illustrative shares of export destinations (approximate, only to shape a realistic workload).
JP_MARKETS = {
    "CN": 18,
    "US": 19,
    "KR": 7,
    "TW": 7,
    "HK": 5,
    "TH": 4,
    "DE": 3,
    "SG": 3,
    "VN": 3,
    "IN": 2,
    "GB": 1.5,
    "NL": 1.5,
    "FR": 1,
    "MY": 2,
    "AU": 2,
    "ID": 1.5,
    "PH": 1.5,
    "MX": 1,
    "CA": 1,
    "BR": 0.5,
    "AE": 1,
    "RU": 0.5,
    "TR": 0.5,
    "EE": 0.1,
    "IR": 0.05,
    "IQ": 0.05,
    "LY": 0.02,
}
KR_MARKETS = {"CN": 22, "US": 17, "VN": 9, "JP": 5, "HK": 4, "TW": 4, "IN": 3, "SG": 2, "DE": 2, "MX": 1.5}
JP_ITEMS = [
    "hydrogen fluoride",
    "resist",
    "fluorinated polyimide",
    "row 2",
    "row 5",
    "row 6",
    "row 7",
    "row 8",
    "row 9",
    "row 10",
    "row 15",
    "catch-all",
    "catch-all",
    "catch-all",
    "EUV pellicle",
    "jp:7(16)-re",
]
KR_ITEMS = ["sensitive", "non-sensitive", "catch-all"]
START, END = dt.date(2018, 1, 1), dt.date(2024, 12, 31)


def workload(n: int, seed: int = 7) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    jp = rng.random(n) < 0.8
    jp_dest, jp_w = zip(*JP_MARKETS.items(), strict=True)
    kr_dest, kr_w = zip(*KR_MARKETS.items(), strict=True)
    dest = np.where(
        jp, rng.choice(jp_dest, n, p=np.array(jp_w) / sum(jp_w)), rng.choice(kr_dest, n, p=np.array(kr_w) / sum(kr_w))
    )
    item = np.where(jp, rng.choice(JP_ITEMS, n), rng.choice(KR_ITEMS, n))
    day0 = np.datetime64(START.isoformat())
    ship = day0 + rng.integers(0, (END - START).days + 1, n).astype("timedelta64[D]")
    value = np.where(jp & (rng.random(n) < 0.3), rng.integers(1_000, 3_000_000, n), -1)
    end_use = rng.choice(["", "", "", "civil", "wmd", "conventional"], n)
    return pl.DataFrame(
        {
            "line_id": np.arange(n).astype(str),
            "exporter": np.where(jp, "JP", "KR"),
            "destination": dest,
            "item": item,
            "ship_date": ship.astype(str),
            "value": np.where(value >= 0, value.astype(str), ""),
            "currency": np.where(value >= 0, "JPY", ""),
            "end_use": end_use,
            "informed": "",
        }
    )


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Median wall time of ``repeat`` runs, and the last result."""
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return float(np.median(times)), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--peer-rows", type=int, default=20_000)
    ap.add_argument("--scalar-rows", type=int, default=2_000)
    ap.add_argument("--rego-rows", type=int, default=3_000)
    args = ap.parse_args()
    regimes = load_regimes()
    print(
        f"machine: {platform.machine()}, {__import__('os').cpu_count()} cores, Python {platform.python_version()}, "
        f"polars {pl.__version__}, numpy {np.__version__}"
    )
    t = time.perf_counter()
    tables = {k: compiled(r) for k, r in regimes.items()}
    print(f"compile regimes: {time.perf_counter() - t:.2f} s (once per run)")
    t = time.perf_counter()
    df = workload(args.rows)
    print(f"workload: {args.rows:,} lines generated in {time.perf_counter() - t:.1f} s")
    rates: dict[str, float] = {}

    # scalar baseline
    sample = df.head(args.scalar_rows).to_dicts()

    def scalar() -> int:
        for r in sample:
            determine(
                r["exporter"],
                r["destination"],
                r["item"],
                r["ship_date"],
                value=int(r["value"]) if r["value"] else None,
                end_use=r["end_use"] or None,
                regimes=regimes,
            )
        return len(sample)

    sec, _ = timed(scalar, repeat=1)
    rates["determine (scalar loop)"] = len(sample) / sec

    # in-memory frame path (validation, distinct-value resolution, gathers)
    sec, (res, rej, _) = timed(lambda: screen_frame(df, regimes, tables=tables), repeat=3)
    rates["screen_frame (in memory, text columns)"] = args.rows / sec
    print(f"frame: {res.height:,} screened, {rej.height:,} rejected")

    # inner loop on pre-encoded columns
    c = tables["JP"]
    jp = df.filter(pl.col("exporter") == "JP")
    codes_in = screen_frame(jp.head(1), regimes, tables=tables)  # warm
    del codes_in
    cmap, emap = c.country_index, c.entry_index
    from exportctl.engine.items import resolve_item

    item_ids = {i: resolve_item(regimes["JP"], i).id for i in JP_ITEMS}
    cidx = jp["destination"].replace_strict(cmap, return_dtype=pl.Int32).to_numpy()
    eidx = jp["item"].replace_strict({k: emap[v] for k, v in item_ids.items()}, return_dtype=pl.Int32).to_numpy()
    sdays = jp["ship_date"].str.to_date().cast(pl.Int32).to_numpy().astype(np.int64)
    variant = (
        jp["end_use"].replace_strict({"": 0, "wmd": 2, "conventional": 4, "civil": 6}, return_dtype=pl.Int32).to_numpy()
    )
    value = jp["value"].replace("", "-1").cast(pl.Int64).to_numpy()
    sec, _ = timed(lambda: c.codes(sdays, cidx, eidx, variant, value), repeat=5)
    rates["codes (compiled tables, pre-encoded)"] = len(jp) / sec

    # Parquet to Parquet
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "lines.parquet", Path(tmp) / "screened.parquet"
        df.write_parquet(src)
        sec, summary = timed(lambda: screen_file(src, out, None, regimes), repeat=1)
        rates["screen file (Parquet -> Parquet)"] = args.rows / sec
        print(f"file: {summary.line()}")

    # zen-engine peer on JP->KR lines, checked line by line
    peer_rows = min(args.peer_rows, 10**7)
    decision, labels = zen_decision(regimes)
    peer = (
        workload(peer_rows * 30, seed=11)
        .filter((pl.col("exporter") == "JP") & (pl.col("destination") == "KR") & pl.col("item").is_in(labels))
        .head(peer_rows)
        .with_columns(value=pl.lit(""), currency=pl.lit(""))
    )
    ours, _, _ = screen_frame(peer, regimes, tables=tables)
    ours = ours.sort(pl.col("line_id").cast(pl.Int64))
    inputs = [
        {"day": days(dt.date.fromisoformat(r["ship_date"])), "item": r["item"], "end_use": r["end_use"]}
        for r in peer.sort(pl.col("line_id").cast(pl.Int64)).iter_rows(named=True)
    ]

    def run_zen() -> list[dict[str, Any]]:
        return [decision.evaluate(x)["result"] for x in inputs]

    sec, zen_out = timed(run_zen, repeat=1)
    rates["zen-engine (JP->KR decision table)"] = len(inputs) / sec
    mismatches = sum(
        (z["licence"], z["routes"], z["catch_all"], z["groups"])
        != (o["licence_required"], ";".join(o["routes"]), o["catch_all"], ";".join(o["destination_groups"]))
        for z, o in zip(zen_out, ours.iter_rows(named=True), strict=True)
    )
    print(f"zen-engine vs exportctl on {len(inputs):,} JP->KR lines: {mismatches} mismatches")
    sec, _ = timed(lambda: screen_frame(peer, regimes, tables=tables), repeat=3)
    rates["screen_frame on the same JP->KR lines"] = len(peer) / sec
    # Rego peer: the hand-written policy benchmarks/jp_kr.rego on regopy (rego-cpp); slower, so fewer lines
    rego = RegoPeer()
    rego_rows = list(peer.sort(pl.col("line_id").cast(pl.Int64)).head(args.rego_rows).iter_rows(named=True))
    sec, rego_out = timed(lambda: [rego.decide(r["ship_date"], r["item"], r["end_use"]) for r in rego_rows], repeat=1)
    rates["regopy / Rego (JP->KR policy, hand-written)"] = len(rego_rows) / sec
    rego_mismatch = sum(
        theirs(r) != peers.ours(o)
        for r, o in zip(rego_out, ours.head(len(rego_rows)).iter_rows(named=True), strict=True)
    )
    print(f"regopy (Rego) vs exportctl on {len(rego_rows):,} JP->KR lines: {rego_mismatch} mismatches")

    base = rates["determine (scalar loop)"]
    zen_rate = max(rates["zen-engine (JP->KR decision table)"], rates["regopy / Rego (JP->KR policy, hand-written)"])
    print(f"\n{'path':44} {'lines/s':>14} {'x scalar':>10} {'x faster peer':>14}")
    for name, rate in rates.items():
        print(f"{name:44} {rate:14,.0f} {rate / base:10.1f} {rate / zen_rate:14.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS): {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
