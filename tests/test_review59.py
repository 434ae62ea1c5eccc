"""Legal review 59, R59-1: a record naming no measure whose first day is only the first version read (Korea's
region Na-2, first read in the version in force 2025-12-31; Japan's Appended Table 2 row 20 approval, read from
2017-02-22) vanished from the law as published before that day, so ``--known-on`` answers for later shipments
offered what the record withholds (comprehensive licences to Syria) or left out what it adds (the approval).

Such a record is now known from the start of the window its first day is uncertain in, and that first day is
no announced change (``pending_change``): the day is the data's stand-in, not the law's.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from exportctl import determine
from tests.test_screen import REGIMES, assert_batch_is_check, line


def test_na2_withholds_comprehensive_licences_in_the_law_as_known_the_day_before_its_first_version() -> None:
    known = determine("KR", "SY", "kr:1C002", "2026-01-20", known_on="2025-12-30", regimes=REGIMES)
    today = determine("KR", "SY", "kr:1C002", "2026-01-20", regimes=REGIMES)
    assert known.destination_groups == today.destination_groups == ["kr:Na-2"]
    assert known.routes == today.routes == ["individual"]
    said = [n.text for n in known.notices if n.kind == "uncertain_date"]
    assert any("kr:Na-2#SY" in t and "first version read" in t for t in said), said


def test_row20_approval_holds_before_its_first_version_read() -> None:
    """Session review S30B, S30B-2: the approval was left out before 2017-02-22, the first version read, though
    nuclear material was among Table 2's goods then; it is answered on every day, in every view of the law."""
    for on, known in [("2020-06-01", "2016-06-01"), ("2016-06-01", None), ("2005-01-10", None)]:
        d = determine("JP", "US", "jp:2(1)", on, known_on=known, regimes=REGIMES)
        assert d.routes[0] == "approval" and "approval" in d.needs, (on, known)
        assert not [n.text for n in d.notices if n.kind == "pending_change"]


def test_a_stand_in_first_day_is_never_an_announced_change() -> None:
    for exporter, country, item, day in [
        ("KR", "IR", "sensitive", "2025-12-30"),
        ("KR", "SY", "kr:1C002", "2024-03-01"),
        ("KR", "GU", "kr:1C002", "2010-01-15"),
        ("JP", "BG", "jp:6(1)", "2005-01-15"),
        ("KR", "IR", "kr:1C002", "2025-12-20"),
        ("KR", "SY", "kr:3A001", "2025-12-20"),
    ]:
        d = determine(exporter, country, item, day, known_on=day, regimes=REGIMES)
        assert not [n.text for n in d.notices if n.kind == "pending_change" and "-> kr:Na-2" in n.text]
        assert not [n.text for n in d.notices if n.kind == "pending_change" and "jp:C -> jp:A" in n.text]


@pytest.mark.parametrize("known", [None, "2016-06-01", "2021-01-01", "2025-12-30"])
def test_batch_is_check_around_stand_in_first_days(known: str | None) -> None:
    """Lines around the stand-in days, with knowledge days before, inside and after their windows: kinds
    (pending changes and the stand-in's own warning included), licence and routes are ``check``'s."""
    grid = [
        ("KR", ["SY", "IR", "GU", "US", "CN"], ["kr:1C002", "sensitive", "catch-all"]),
        ("JP", ["US", "BG", "HU", "CN"], ["jp:2(1)", "jp:6(1)", "jp:16"]),
    ]
    days = ["2016-06-01", "2017-02-21", "2017-02-22", "2020-06-19", "2025-12-30", "2025-12-31", "2026-01-20"]
    rows = [
        line(exporter, country, item, day)
        for exporter, countries, items in grid
        for country, item, day in itertools.product(countries, items, days)
    ]
    assert_batch_is_check(rows, dt.date.fromisoformat(known) if known else None)


def test_a_white_list_day_inside_its_window_is_not_known_early() -> None:
    """Legal review 62, R62-1: Bulgaria's Group A day (2012-08-01) lies inside its window and is no stand-in, so the law
    as known before it does not hold Bulgaria in Group A: a WMD end use then still needs the licence."""
    d = determine("JP", "BG", "jp:16", "2012-09-03", end_use="wmd", known_on="2012-06-01", regimes=REGIMES)
    assert d.licence_required and d.destination_groups == ["jp:C"]


def test_a_stand_in_day_is_no_announced_change_whatever_the_knowledge_day() -> None:
    """Legal review 62, R62-2: with a knowledge day after the stand-in day, a shipment inside the window was warned of
    Na-2 as a change the measures of that day made; a real change the same day (R62-5: a refusal) is still said."""
    d = determine("KR", "IR", "sensitive", "2025-06-01", known_on="2026-12-01", regimes=REGIMES)
    assert not [n.text for n in d.notices if n.kind == "pending_change"]
    refused = determine("KR", "IR", "kr:2B206", "2025-12-20", regimes=REGIMES)
    assert any("individual refused" in n.text for n in refused.notices if n.kind == "pending_change")


def test_a_stand_in_is_the_end_of_its_window_and_names_no_measure() -> None:
    from exportctl.law.model import Membership

    bulgaria = next(m for m in REGIMES["JP"].groups["jp:A"].members if m.country == "BG")
    fields = bulgaria.model_dump(by_alias=True)
    fields["uncertain"] = {"start_between": [dt.date(2004, 1, 1), dt.date(2017, 2, 22)], "stand_in": True}
    with pytest.raises(ValueError, match="stand_in"):
        Membership.model_validate(fields)
    fields["from"] = dt.date(2017, 2, 22)
    assert Membership.model_validate(fields).uncertain.stand_in  # type: ignore[union-attr]
