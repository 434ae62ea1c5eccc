"""Legal review 33 (the shells carry the law): a batch line names the cautions ``check`` gives on
it, and ``impact`` keeps the warnings of both answers. Before, every caution shared the kind
``caution`` (on every line, since the data-currency caution reaches all of them), so a line "no
licence" under a small-value exemption that a row-2 caution overturns looked like any other;
``impact`` wrote no warnings at all."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from exportctl.batch.files import FileOptions, impact_frame, screen_file, with_answers
from exportctl.batch.screen import screen_frame
from exportctl.engine.determine import determine_in
from tests.test_screen import REGIMES

LINES = [
    # (exporter, destination, item, day, value): a row-2 caution under the small-value exemption, a
    # licence refused, a sunset ban, an Iran caution, a sub-item carved out of an older one.
    ("JP", "CN", "jp:6(2)", "2026-12-10", "500000"),
    ("KR", "RU", "kr:3B001", "2026-12-10", None),
    ("JP", "KP", "catch-all", "2027-04-14", None),
    ("JP", "IR", "jp:6(2)", "2026-12-10", None),
    ("JP", "CN", "jp:7(16)-te", "2025-05-27", None),
    ("KR", "CN", "kr:3B001", "2021-06-01", None),
]


def _frame() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "line_id": [str(i) for i in range(len(LINES))],
            "exporter": [x[0] for x in LINES],
            "destination": [x[1] for x in LINES],
            "item": [x[2] for x in LINES],
            "ship_date": [x[3] for x in LINES],
            "value": [x[4] for x in LINES],
        }
    )


def _check_cautions(exporter: str, destination: str, item: str, day: str, value: str | None) -> list[str]:
    answer = determine_in(REGIMES, exporter, destination, item, day, value=int(value) if value else None)
    return list(dict.fromkeys(n.rule for n in answer.notices if n.kind == "caution" and n.rule))


def test_each_line_names_the_cautions_check_gives() -> None:
    results, rejects, _ = screen_frame(_frame(), REGIMES, audit=True)
    assert rejects.height == 0
    got = results["cautions"].to_list()
    for line, cautions in zip(LINES, got, strict=True):
        assert cautions == _check_cautions(*line), line
    assert "jp.caution.row-2-excluded" in got[0]
    assert "kr.caution.ru-by-strategic" in got[1]
    assert "jp.caution.kp-sunset" in got[2]
    assert "jp:7(16)-te" in got[4]  # the carved-out sub-item's own word (review 32, R32-1)
    assert "kr.caution.military-end-use.2020" in got[5]  # DAPA before 2025 (review 34, R34-1)


def test_impact_keeps_the_warnings_of_both_answers() -> None:
    frame = _frame().filter(pl.col("destination") == "KP")
    changed, _, _, n = impact_frame(frame, REGIMES, "jp-2027-04-kp-ban-sunset")
    assert n == 1
    row = changed.row(0, named=True)
    assert row["licence_required_with"] is False
    assert "caution" in row["warning_kinds_with"]
    assert "in_addition" in row["warning_kinds_without"]
    assert "jp.caution.kp-sunset" in row["cautions_with"]


@pytest.mark.parametrize("compact", [True, False])
def test_the_cautions_column_in_both_layouts(tmp_path: Path, compact: bool) -> None:
    folder = tmp_path
    src = folder / "in.parquet"
    _frame().write_parquet(src)
    out = folder / "out.parquet"
    screen_file(src, out, None, REGIMES, options=FileOptions(lists=not compact))
    got = pl.read_parquet(out)
    if compact:
        got = with_answers(got, pl.read_parquet(folder / "out.outcomes.parquet"))
    assert got["cautions"].to_list()[0] == _check_cautions(*LINES[0])


@pytest.mark.parametrize(
    "order", [("jp:7(16)-ki", "jp:7(16)-a", "jp:7(16)-sa"), ("jp:7(16)-a", "jp:7(16)-sa", "jp:7(16)-ki")]
)
def test_entries_alike_keep_their_own_cautions(order: tuple[str, ...]) -> None:
    """Session review S25-2: entries alike in every rule shared audit cells, so the caution each
    carries before its start (prior_note, named by its id) went to whichever came first."""
    frame = pl.DataFrame(
        {
            "line_id": [str(i) for i in range(len(order))],
            "exporter": ["JP"] * len(order),
            "destination": ["CN"] * len(order),
            "item": list(order),
            "ship_date": ["2024-09-07"] * len(order),
        }
    )
    results, _, _ = screen_frame(frame, REGIMES, audit=True)
    for item, cautions in zip(order, results["cautions"].to_list(), strict=True):
        assert cautions == _check_cautions("JP", "CN", item, "2024-09-07", None), item
        assert item in cautions
