"""Japan's Appended Table 2 goods named (legal reviews 63 and 67, R63-1/R67-1) and diff's uncertain days (R62-6).

Why: an exporter of goods that need METI's approval under ETCO Art. 2(1)(i) (shiitake spawn, radioisotopes,
blood products ...) could name only the catch-all, which answered "no licence" with the approval in a caution.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from exportctl import determine
from exportctl.engine.classify import classify
from exportctl.engine.history import diff_in
from exportctl.engine.items import resolve_item
from tests.test_screen import REGIMES, assert_batch_is_check, line


@pytest.mark.parametrize(
    ("words", "entry"),
    [
        ("shiitake spawn", "jp:t2-30"),
        ("しいたけ種菌", "jp:t2-30"),
        ("mist nets", "jp:t2-38"),
    ],
)
def test_table_2_goods_are_named_by_their_own_words(words: str, entry: str) -> None:
    assert resolve_item(REGIMES["JP"], words).id == entry


def test_the_catch_all_keeps_its_own_names() -> None:
    """Table 2 goods are catch-all goods under Table 1, but "row 16" and "catch-all" still name the catch-all."""
    for words in ("row 16", "catch-all", "non-listed goods"):
        assert resolve_item(REGIMES["JP"], words).id == "jp:16"


def test_no_match_offers_the_catch_all_not_table_2_goods() -> None:
    c = classify([REGIMES["JP"]], "xqzvk", on=dt.date(2026, 12, 10))
    offered = [ref.id for m in c.no_match for ref in m.catch_all]
    assert offered and not [i for i in offered if i.startswith("jp:t2-")]


def test_table_2_goods_need_the_approval_never_no_licence() -> None:
    """Every Table 2 entry to a destination its row names needs the approval on a day its row is in force."""
    regime = REGIMES["JP"]
    for e in regime.entries.values():
        if not e.id.startswith("jp:t2-") or e.id in ("jp:t2-33", "jp:t2-35-5"):
            continue
        to = "US" if e.id == "jp:t2-34" else "KR"
        d = determine("JP", to, e.id, "2026-12-10", regimes=REGIMES)
        assert d.licence_required and "approval" in d.needs, e.id


def test_goods_of_row_16s_chapters_keep_the_catch_all() -> None:
    d = determine("JP", "CN", "jp:t2-38", "2026-12-10", end_use="wmd", regimes=REGIMES)
    assert d.needs == ["licence", "approval"] and d.catch_all == "objective"
    d = determine("JP", "CN", "jp:t2-30", "2026-12-10", end_use="wmd", regimes=REGIMES)
    assert d.needs == ["approval"] and d.catch_all == "not_applicable"


def test_north_korea_refuses_every_table_2_good() -> None:
    spared = determine("JP", "KP", "jp:t2-30", "2026-12-10", regimes=REGIMES)
    assert spared.refused == ["approval"] and "jp.ban.kp" not in spared.rule_ids  # R68-1: item (i), refused
    assert "jp.approval.table2.kp" in spared.rule_ids
    for item, day in (("jp:t2-35-4", "2015-01-01"), ("jp:t2-35-5", "2025-06-01"), ("jp:t2-35-5", "2026-12-10")):
        assert determine("JP", "KP", item, day, regimes=REGIMES).refused == ["approval"], (item, day)  # R68-3
    banned = determine("JP", "KP", "jp:t2-34", "2026-12-10", regimes=REGIMES)
    assert banned.refused == ["approval"] and "jp.ban.kp" in banned.rule_ids


def test_batch_is_check_on_table_2_goods() -> None:
    items = ["jp:t2-1", "jp:t2-30", "jp:t2-33", "jp:t2-34", "jp:t2-35-4", "jp:t2-35-5", "jp:t2-43", "jp:t2-21-2"]
    days = ["2016-06-01", "2017-04-12", "2022-10-01", "2025-11-30", "2025-12-01", "2026-01-19", "2026-12-10"]
    rows = [
        line("JP", country, item, day, end_use)
        for country, item, day, end_use in itertools.product(["US", "KP", "RU", "CN"], items, days, ["", "wmd"])
    ]
    assert_batch_is_check(rows)


def test_diff_marks_a_stand_in_day_as_uncertain() -> None:
    """R62-6: region Na-2's first day read (2025-12-31) stands in for an unknown one; diff says so."""
    d = diff_in(REGIMES, "KR", "2025-12-30", "2025-12-31")
    syria = next(m for m in d.memberships if m.country == "SY")
    assert syria.steps and syria.steps[-1].uncertain == (dt.date(2021, 12, 2), dt.date(2025, 12, 31))
    d = diff_in(REGIMES, "JP", "2026-01-18", "2026-01-19")
    assert not [m for m in d.memberships for s in m.steps if s.uncertain]


@pytest.mark.parametrize(
    ("words", "not_only"), [("ダイヤモンド", "jp:t2-1"), ("mercury", "jp:t2-35-4"), ("nuclear material", "jp:t2-21")]
)
def test_bare_words_of_listed_goods_do_not_resolve_to_a_table_2_row(words: str, not_only: str) -> None:
    """S31B-3/S31B-4: a bare name that listed entries bear ("diamond" substrates, mercury instruments, nuclear
    material of row 2) is a question of classification; it must not land on one Table 2 row alone."""
    from exportctl.errors import InputError

    try:
        got = resolve_item(REGIMES["JP"], words)
    except InputError:
        return
    assert got.id != not_only


def test_diff_puts_the_uncertain_legend_under_its_tables() -> None:
    """S31B-9: the legend of "(?)" is printed once, after the tables that carry the mark."""
    from rich.console import Console

    from exportctl.interfaces import render

    console = Console(width=120, record=True)
    console.print(render.diff(diff_in(REGIMES, "KR", "2025-12-30", "2025-12-31")))
    out = console.export_text()
    assert "(from 2025-12-31 (?))" in out
    assert out.count("(?) the day is uncertain: between") == 1
    assert out.index("(?) the day is uncertain") > out.index("Licence rules")
