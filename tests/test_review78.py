"""The control-list entries drawn at random and read against the list text (legal review 78).

Why: Korea's Annex 21 refuses Iran the licences for every NSG and MTCR item, and Annex 4 sends each item's regime to
the tag Annex 2 prints under it; the refusal had been read from the number's regime digit alone (x1xx, x2xx), so
Category I numbers such as 9A004 and tagged ones such as 2B006 were offered a licence the Notice says will be refused.
Japan's 9B010 (production equipment for UAVs) landed silently on row 13(5), whose small-value exemption answered "no
licence", though production equipment for 300 km UAVs is row 4(1-2), which has none. And the words the Goods Order
itself uses (座標測定機) reached nothing.
"""

from __future__ import annotations

import pytest

from exportctl import determine
from exportctl.engine.items import resolve_item
from exportctl.errors import InputError
from tests.test_screen import REGIMES


@pytest.mark.parametrize(
    "number",
    # the last four from session review S33B-1: tags the entries' own reading records in other words
    [
        "kr:9A004",
        "kr:7A003",
        "kr:2B006",
        "kr:1D001",
        "kr:9A010",
        "kr:1C011",
        "kr:1C001",
        "kr:2B001",
        "kr:4A001",
        "kr:7E004",
    ],
)
def test_korea_refuses_iran_the_licence_for_items_tagged_nsg_or_mtcr(number: str) -> None:
    today = determine("KR", "IR", number, "2026-12-10", regimes=REGIMES)
    assert today.refused == ["individual"] and "kr.iran.annex21-refused" in today.rule_ids
    assert "kr.caution.iran-regime-tags" in [n.rule for n in today.notices]
    # Before the 37th amendment's Annex 21 (read from 2025-12-31) the day's guideline was not read: no refusal claimed.
    before = determine("KR", "IR", number, "2025-12-30", regimes=REGIMES)
    assert before.licence_required and not before.refused


def test_an_untagged_number_is_not_refused_but_the_caution_says_to_check_the_sub_item() -> None:
    d = determine("KR", "IR", "kr:3B001", "2026-12-10", regimes=REGIMES)
    assert d.licence_required and not d.refused
    iran = [n.text for n in d.notices if n.rule == "kr.caution.iran"]
    assert iran and "not a sign that the goods are outside Annex 21" in iran[0]


def test_uav_production_equipment_asks_between_row_4_and_row_13() -> None:
    with pytest.raises(InputError) as err:
        resolve_item(REGIMES["JP"], "9B010")
    assert "jp:4(1-2)" in str(err.value) and "jp:13(5)" in str(err.value)
    row4 = determine("JP", "US", "jp:4(1-2)", "2026-12-10", regimes=REGIMES)
    assert row4.licence_required and not row4.exemptions


@pytest.mark.parametrize(
    ("words", "entries"),
    [
        ("座標測定機", {"jp:2(12)", "jp:6(6)"}),
        ("CMM", {"jp:2(12)", "jp:6(6)"}),
        ("水中ロボット", {"jp:2(15)", "jp:6(7)", "jp:12(5)"}),
        ("underwater robots", {"jp:2(15)", "jp:6(7)", "jp:12(5)"}),
        # session review S33B-2: row 2(46) takes the lenses of radiation-hardened cameras, with no small-value exemption
        ("非球面レンズ", {"jp:2(46)", "jp:10(7-2)"}),
        ("aspheric lens", {"jp:2(46)", "jp:10(7-2)"}),
        ("좌표측정기", {"jp:2(12)", "jp:6(6)"}),
    ],
)
def test_japanese_words_of_rows_that_exclude_each_other_ask(words: str, entries: set[str]) -> None:
    with pytest.raises(InputError) as err:
        resolve_item(REGIMES["JP"], words)
    assert all(e in str(err.value) for e in entries), str(err.value)


@pytest.mark.parametrize(
    ("words", "entry"),
    [
        ("レドーム", "jp:4(26)"),
        ("radome", "jp:4(26)"),
        ("SiCウエハー", "jp:7(22)"),
        ("炭化ケイ素ウエハー", "jp:7(22)"),
    ],
)
def test_japanese_goods_are_found_by_the_words_of_the_trade(words: str, entry: str) -> None:
    assert resolve_item(REGIMES["JP"], words).id == entry


def test_a_change_on_a_stand_in_first_day_is_told_without_the_stand_in() -> None:
    # Iran's refusal of 2025-12-31 falls on the day this data stands in for region Na-2's unread first day: the
    # pending change says the refusal, not a move to Na-2 that no text dates (session review S33B-4).
    d = determine("KR", "IR", "kr:1C002", "2025-12-20", known_on="2025-12-20", regimes=REGIMES)
    told = [n.text for n in d.notices if n.kind == "pending_change" and "2025-12-31" in n.text]
    assert told and "individual refused" in told[0] and "kr:Na-2" not in told[0]
