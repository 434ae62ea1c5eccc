"""The peer engines of the benchmark hold the same JP->KR law as exportctl (checked, not assumed)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportctl.batch.screen import screen_frame
from exportctl.engine.compiled import days
from exportctl.law.loader import load_regimes

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
peers = pytest.importorskip("peers")
REGIMES = load_regimes()
QUERY = st.tuples(
    st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2026, 1, 1)),
    st.sampled_from(sorted(peers.LABELS.values())),
    st.sampled_from(["", "wmd", "conventional", "civil"]),
)


def _ours(queries: list[tuple[dt.date, str, str]]) -> list[tuple[object, ...]]:
    df = pl.DataFrame(
        {
            "line_id": [str(i) for i in range(len(queries))],
            "exporter": "JP",
            "destination": "KR",
            "item": [q[1] for q in queries],
            "ship_date": [q[0].isoformat() for q in queries],
            "end_use": [q[2] for q in queries],
        }
    )
    res, rej, _ = screen_frame(df, REGIMES)
    assert rej.height == 0
    return [peers.ours(r) for r in res.sort(pl.col("line_id").cast(pl.Int64)).iter_rows(named=True)]


@settings(max_examples=5, deadline=None)
@given(st.lists(QUERY, min_size=50, max_size=50))
def test_rego_policy_agrees(queries: list[tuple[dt.date, str, str]]) -> None:
    pytest.importorskip("regopy")
    rego = peers.RegoPeer()
    got = [peers.theirs(rego.decide(d.isoformat(), item, eu)) for d, item, eu in queries]
    assert got == _ours(queries)


@settings(max_examples=5, deadline=None)
@given(st.lists(QUERY, min_size=50, max_size=50))
def test_zen_decision_table_agrees(queries: list[tuple[dt.date, str, str]]) -> None:
    pytest.importorskip("zen")
    decision, _ = peers.zen_decision(REGIMES)
    got = [
        peers.theirs(decision.evaluate({"day": days(d), "item": item, "end_use": eu})["result"])
        for d, item, eu in queries
    ]
    assert got == _ours(queries)
