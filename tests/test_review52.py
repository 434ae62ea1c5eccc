"""Legal review 52, R52-1: entries of rows 5-15 whose own words in Appended Table 1 leave out the goods of
rows 1, 2 or 4 (arms, nuclear-related, rockets), which have no small-value exemption (ETCO Art. 4(1)(v)
names rows 5-13 and 15 only), answered "no licence" at JPY 40,000 with no word that such goods are not
this entry's. Review 30 mended the pattern for rows 5-7, 11 and 13; these were missed (read in the
version in force 2026-06-05).
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from exportctl import determine
from exportctl.law.regime import Regime
from tests.test_screen import REGIMES

EXCLUDED = [
    ("jp:5(20)", "row-2-excluded"),
    ("jp:5(20)", "row-4-excluded"),
    ("jp:8", "row-4-excluded"),
    ("jp:10(2)", "row-2-excluded"),
    ("jp:10(4)", "row-2-excluded"),
    ("jp:10(8)", "row-2-excluded"),
    ("jp:10(11)", "row-4-excluded"),
    ("jp:12(1)", "row-1-excluded"),
    ("jp:12(2)", "row-1-excluded"),
    ("jp:12(5)", "row-2-excluded"),
    ("jp:15(2)", "row-4-excluded"),
    ("jp:15(3)", "row-2-excluded"),
    ("jp:15(8)", "row-1-excluded"),
    ("jp:15(9)", "row-1-excluded"),
    ("jp:15(10)", "row-4-excluded"),
]


@pytest.mark.parametrize(("entry", "caution"), EXCLUDED)
def test_a_small_value_no_licence_names_the_stricter_row_the_entry_leaves_out(entry: str, caution: str) -> None:
    d = determine("JP", "BW", entry, "2026-12-10", value=40000, regimes=REGIMES)
    assert d.needs == [], "the exemption itself is right for goods that are the entry's"
    assert f"jp.caution.{caution}" in [n.rule for n in d.notices]


def _stem(record_id: str) -> str:
    """The id without a trailing version part (``.2020``, ``.pre2025-12``): the family of one provision's wordings."""
    parts = record_id.split(".")
    if len(parts) > 2 and re.match(r"^(\d|pre)", parts[-1]):
        return ".".join(parts[:-1])
    return record_id


#: Cautions split by wording with no measure for the notice that changed them: none since session 30 gave the
#: special-measures notice's versions of 2013, 2016, 2021 and 2024 their measures (legal review 65, R65-1). A name here
#: would let its later wording's warning go missing in the law as published before its day.
UNMEASURED_CAUTION_WORDINGS: set[str] = set()


def test_a_provision_continued_in_new_words_is_never_unknown_in_between() -> None:
    """Session 29: Japan's North Korea ban, split by its wording on 2025-12-01, vanished from the law as published
    before that day for shipments after it (the old wording's end was known, the new one's start was not: a record
    naming no measure is known only from its first day). A later wording must name a measure, or the earlier one
    the measure that ended it."""
    gaps = []
    for regime in REGIMES.values():

        def published(measure: str | None, otherwise: dt.date, regime: Regime = regime) -> dt.date:
            m = regime.measures.get(measure) if measure else None
            if m is None:
                return otherwise
            return m.published_on or dt.date.min  # a measure with no date is known always (measure_known)

        for kind in ("rules", "catch_all", "prohibitions", "exemptions", "cautions"):
            records = getattr(regime, kind)
            for a in records:
                for b in records:
                    if a is b or a.valid_to is None or a.valid_to != b.valid_from or _stem(a.id) != _stem(b.id):
                        continue
                    # The earlier wording's end is known from its measure's publication (always, without one); the
                    # later wording from its own measure's (its first day, without one). A gap: the end known first.
                    end_known = published(a.ended_by, a.valid_from or dt.date.min) if a.ended_by else a.valid_from
                    later_known = published(b.measure, b.valid_from) if b.measure else b.valid_from
                    if later_known > (end_known or dt.date.min) and b.id not in UNMEASURED_CAUTION_WORDINGS:
                        gaps.append((a.id, b.id, str(end_known), str(later_known)))
    assert gaps == []


def test_the_north_korea_ban_is_known_in_the_law_as_published_before_its_new_wording() -> None:
    d = determine("JP", "KP", "jp:2(13)", "2026-01-10", known_on="2025-11-01", regimes=REGIMES)
    assert "approval" in d.needs and "jp.ban.kp" in {s.rule for s in d.trace}


def test_batch_equals_check_where_the_facts_withhold_routes() -> None:
    """Session review S28B-8: no test compared the batch with ``check`` where a known WMD or conventional-weapons
    end use or an inform notice withholds routes (Japan's bulk licences, Korea's comprehensive licences, the 18
    sensitive-only numbers given them from 2025-12-31): every facts variant, with and without a value, side by side."""
    from exportctl.batch.screen import screen_frame
    from tests.test_screen import _determine, _frame

    rows: list[dict[str, str]] = []
    cases = [
        ("JP", "jp:7(15)", ["US", "KR", "CN"]),
        ("KR", "kr:3B001", ["US", "TH", "RU"]),
        ("KR", "kr:3A001", ["JP", "CN"]),
    ]
    values = [("", ""), ("30000", "JPY"), ("5000000", "JPY"), ("5000", "USD"), ("1000000", "KRW")]
    for exporter, item, destinations in cases:
        for to in destinations:
            for day in ("2024-06-01", "2026-06-01", "2026-12-10"):
                for end_use in ("", "wmd", "conventional", "civil"):
                    for informed in ("", "true"):
                        for value, currency in values:
                            if currency and (currency == "JPY") != (exporter == "JP"):
                                continue
                            rows.append(
                                {
                                    "exporter": exporter,
                                    "destination": to,
                                    "item": item,
                                    "ship_date": day,
                                    "value": value,
                                    "currency": currency,
                                    "end_use": end_use,
                                    "informed": informed,
                                }
                            )
    results, rejects, _ = screen_frame(_frame(rows), REGIMES, audit=True)  # type: ignore[arg-type]
    assert rejects.height == 0, rejects["error"].to_list()[:3]
    withheld = 0
    for rec in results.iter_rows(named=True):
        row = rows[int(rec["line_id"])]
        d = _determine(row)
        kinds = list(dict.fromkeys(n.kind for n in d.notices))
        withheld += "route_withheld" in kinds
        got = (rec["needs"], rec["refused"], rec["routes"], rec["exemptions"], rec["warning_kinds"])
        assert got == (d.needs, d.refused, d.routes, d.exemptions, kinds), row
    assert withheld > 50  # the grid reaches the withheld routes it is for


def test_per_fact_reasons_for_a_withheld_route_name_exactly_its_facts() -> None:
    """Session review S29B-6: a fact of ``withheld_when`` without its reason fell back to the route's conditions."""
    import pydantic

    from exportctl.law.model import Grant

    ok = {"licence": "comprehensive", "withheld_when": ["wmd", "conventional"]}
    Grant.model_validate({**ok, "withheld_because": {"wmd": "a", "conventional": "b"}})
    with pytest.raises(pydantic.ValidationError, match="withheld_when names"):
        Grant.model_validate({**ok, "withheld_because": {"wmd": "a"}})


def test_a_listing_not_yet_published_shows_no_sentinel_day_in_the_trace() -> None:
    """Legal review 57, R57-5: in the law as published on 2022-11-07, the 2025 listing's trace step read 9999-12-31."""
    d = determine("JP", "KR", "jp:7(16)-e", "2023-05-26", known_on="2022-11-07", regimes=REGIMES)
    step = next(s for s in d.trace if s.rule == "jp:7(16)-e")
    assert step.valid_from is None and "not yet listed" in step.effect


def test_a_change_that_only_refuses_a_route_is_warned_ahead() -> None:
    """Legal review 59, R59-2: Annex 21's refusal for Iran (the 37th amendment, 2025-12-31) changed only what the answer
    refuses, which the compared summary left out: no ``draft`` in the law as published before, no ``pending_change``
    the week before."""
    draft = determine("KR", "IR", "kr:0A001", "2025-12-31", known_on="2025-12-01", regimes=REGIMES)
    assert "draft" in [n.kind for n in draft.notices]
    ahead = determine("KR", "IR", "kr:0A001", "2025-12-24", regimes=REGIMES)
    assert "pending_change" in [n.kind for n in ahead.notices]
