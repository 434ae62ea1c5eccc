"""Legal review 103, R103-11: Korean names of goods that Annex 2 lists only within figures ask with the catch-all.

Why: "integrated circuit", 집적회로, "phosphine", "quantum computer" and 116 more names (review 103's table,
``docs/research/review-103-names.tsv``, class ``a``, ``withinfigures``) are listed by Annex 2 only with the
characteristics its entries give (3A001.a 「범용 집적회로로서 다음의 것」, 5A001.a 「전기통신장비로서 다음의 기능이나 특성 중 하나를
갖는 것」); most goods of those names are below them. Answering the entry silently said "licence required" for every
one; the exporter must be asked whether the goods meet the entry's figures, with the catch-all as the other answer.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.test_review90 import _candidates
from tests.test_review_session40 import FOUND_BY_NAME

TABLE = Path(__file__).resolve().parents[1] / "docs" / "research" / "review-103-names.tsv"
WITHIN_FIGURES = [
    (row["name"], row["entry_ids_text"])
    for row in csv.DictReader(TABLE.open(encoding="utf-8"), delimiter="\t")
    if row["class"] == "a" and row["byname|withinfigures"] == "withinfigures"
]


def test_the_review_s_table_is_read() -> None:
    assert len(WITHIN_FIGURES) == 120


@pytest.mark.parametrize(("name", "entries"), WITHIN_FIGURES)
def test_a_name_listed_only_within_figures_asks_with_the_catch_all(name: str, entries: str) -> None:
    if ("KR", name) in FOUND_BY_NAME:
        pytest.skip("found listed by name by session review S40")
    offered = _candidates("KR", name)
    assert "kr:catch-all" in offered or "catch-all" in offered, (name, offered)
    # the entry (or one of the entries) the review names is still offered
    assert offered & set(entries.replace(",", " ").split()), (name, entries, offered)
