"""Review of the batch's per-day slots of the announced law (``_Announced.flags``): a screen's
``draft`` and ``pending_change`` (and every other kind, the licence and the classification) are
``check``'s, whatever the knowledge date, the chunking and the order of the lines."""

from __future__ import annotations

import datetime as dt
import random

import polars as pl
import pytest

from exportctl.batch import files
from exportctl.batch.screen import Audit
from exportctl.engine.compiled import compiled
from exportctl.law.loader import bundle_version
from tests.test_screen import REGIMES, _determine, _frame, assert_lines_are_checks

ITEMS = {
    "JP": ["hydrogen fluoride", "resist", "row 5", "catch-all", "jp:7(23)", "row 1"],
    "KR": ["1C350", "sensitive", "non-sensitive", "catch-all"],
}
FAR = [
    "2003-01-01",
    "2059-12-31",
    "2060-01-01",
    "2075-03-01",
]  # days before the records are refused (test_records_begin)


def _lines(seed: int, n: int) -> list[dict[str, str]]:
    """Lines on, just before and after the days the law changes or is announced, and on days
    outside the batch's day tables, of both exporters."""
    rng = random.Random(seed)
    days = [d for r in REGIMES.values() for d in r.change_dates()]
    days += [m.public_on for r in REGIMES.values() for m in r.measures.values() if m.public_on]
    days = sorted({d for d in days if dt.date(2003, 1, 1) <= d <= dt.date(2027, 12, 31)})
    rows = []
    for _ in range(n):
        exporter = rng.choice(["JP", "KR"])
        if rng.random() < 0.15:
            day = rng.choice(FAR)
        else:
            day = (rng.choice(days) + dt.timedelta(days=rng.choice([-1, 0, 1]))).isoformat()
        rows.append(
            {
                "exporter": exporter,
                "destination": rng.choice([c for c in ["KR", "JP", "CN", "US", "LR", "IR"] if c != exporter]),
                "item": rng.choice(ITEMS[exporter]),
                "ship_date": day,
                "value": rng.choice(["", "50000", "2000000"]) if exporter == "JP" else "",
                "currency": "",
                "end_use": rng.choice(["", "wmd", "conventional"]),
                "informed": "",
            }
        )
    return rows


def test_drafts_and_pending_changes_are_checks_whatever_the_knowledge_date_and_chunks() -> None:
    """One process, several knowledge dates (each its own compiled tables and day slots), lines
    screened in chunks of 7 in reverse order so the slot tables grow across chunks."""
    rows = _lines(13, 90)
    seen: set[str] = set()
    for known in ["2023-04-28", None, "2019-08-02", "2023-04-27"]:
        kday = dt.date.fromisoformat(known) if known else None
        audit = Audit(REGIMES, kday, bundle_version(REGIMES))
        tables = {k: compiled(r, kday) for k, r in REGIMES.items()}
        order = list(reversed(range(len(rows))))
        for start in range(0, len(order), 7):
            at = order[start : start + 7]
            df = _frame([rows[i] for i in at]).with_columns(line_id=pl.Series([str(i) for i in at]))
            results, rejects, _ = files.screen_frame(df, REGIMES, kday, tables, audit)  # type: ignore[arg-type]
            assert rejects.height == 0
            for rec in results.iter_rows(named=True):
                r = rows[int(rec["line_id"])]
                d = _determine(r, kday)
                kinds = list(dict.fromkeys(n.kind for n in d.notices))
                got = (rec["warning_kinds"], rec["licence_required"], rec["classified_as"])
                assert got == (kinds, d.licence_required, d.classified_as.id if d.classified_as else None), (known, r)
                seen |= set(kinds)
    assert {"draft", "pending_change"} <= seen


@pytest.mark.parametrize(
    "known", ["2003-01-01", "2019-08-02"]
)  # one before the records is refused (test_records_begin)
def test_lines_on_the_last_days_with_an_early_knowledge_date_are_check_s(known: str) -> None:
    """9999-12-31 is also the day knowledge views start the listings not yet known (``NEVER``):
    such a listing is never in force, on that day too, in ``check`` and in the batch alike (found by
    the review: ``check`` held them in force on that one day). Lines on the last days, in both
    orders, so the day whose line is met first does not decide the other's answer."""
    rows = [
        {
            "exporter": exporter,
            "destination": to,
            "item": item,
            "ship_date": day,
            "value": "",
            "currency": "",
            "end_use": use,
            "informed": "",
        }
        for exporter, to in (("JP", "KR"), ("JP", "CN"), ("KR", "JP"), ("KR", "CN"))
        for item in ITEMS[exporter]
        for day in ("9999-12-30", "9999-12-31")
        for use in ("", "wmd")
    ]
    for lines in (rows, rows[::-1]):
        assert_lines_are_checks(lines, dt.date.fromisoformat(known))
