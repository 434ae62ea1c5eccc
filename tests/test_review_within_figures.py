"""Names the legal reviews classed "listed within figures, catch-all missing" ask with the catch-all (R100-14, R101's
``c-ok (catch-all missing: stricter)``, R102-10, R103's ``c-ok-nocatch``, R104's ``c-ask-right-no-catchall``).

Why: a row that lists goods only above figures or with characteristics ("質量分析計であって、…二三〇以上のイオンを測定
することができ…", 「볼 베어링 … 다음의 것」) does not hold the ordinary specimens of the name; a question that offered only the
listed rows gave the exporter no right answer for them. The catch-all is the other answer (no licence unless its
conditions are met). Where a candidate is a row of Japan's Appended Table 2 (approval, whatever the figures: clams to
the United States, mushroom spawn, stamps, cultural property, ozone-depleting substances), the catch-all is not the
other answer and is not added.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from exportctl import determine
from exportctl.errors import InputError
from tests.test_review_session40 import FOUND_BY_NAME
from tests.test_screen import REGIMES

RESEARCH = Path(__file__).resolve().parents[1] / "docs" / "research"
CATCH_ALL = {"jp:16", "jp:16(1)", "jp:16(2)", "kr:catch-all", "catch-all"}


def _classed(review: int, exporter: str) -> list[tuple[str, str, str]]:
    table = RESEARCH / f"review-{review}-names.tsv"
    out = []
    for row in csv.DictReader(table.open(encoding="utf-8"), delimiter="\t"):
        kind = row.get("class") or ""
        if row["byname|withinfigures"] == "withinfigures" and any(
            mark in kind for mark in ("no-catchall", "catch-all missing", "nocatch")
        ):
            out.append((f"R{review}", exporter, row["name"]))
    return out


CLASSED = [
    *_classed(100, "JP"),
    *_classed(101, "JP"),
    *_classed(104, "JP"),
    *_classed(102, "KR"),
    *_classed(103, "KR"),
]


def test_the_review_tables_are_read() -> None:
    assert len(CLASSED) == 328


@pytest.mark.parametrize(("review", "exporter", "name"), CLASSED)
def test_a_name_listed_within_figures_asks_with_the_catch_all(review: str, exporter: str, name: str) -> None:
    if (exporter, name) in FOUND_BY_NAME:
        pytest.skip("found listed by name by session review S40")
    try:
        answer = determine(exporter, "CN", name, "2026-12-10", regimes=REGIMES)
    except InputError as asked:
        offered = {s.split(" ", 1)[0] for s in asked.suggestions}
    else:
        # answered: only a Table 2 row (approval whatever the figures) or a listed row may answer; never the
        # catch-all silently (that would drop the listed row's licence)
        assert answer.item.id not in CATCH_ALL, (review, name)
        assert answer.licence_required, (review, name)
        return
    if any(o.startswith("jp:t2-") for o in offered) or offered == set():
        return
    assert offered & CATCH_ALL, (review, name, offered)
    assert offered - CATCH_ALL, (review, name, offered)
