"""Legal review 29: a product typed by a user becomes the entry the official list puts it in, or a
question - never another entry's answer.

R29-1 to R29-3: a name found only inside another entry's name ("EUV mask" inside "inspection
equipment for EUV masks", "sonar" inside "sonar navigation systems") was taken as the answer, and
before 2023 or under the small-value exemption that answer was "no licence". R29-14: names were
compared without spaces, so "GPU" was found in "transmittin*g pu*lse". R29-4 to R29-6: weapons,
nuclear material and nerve agents by their common names were unknown and pointed to the catch-all.
"""

from __future__ import annotations

import pytest

from exportctl import determine
from exportctl.errors import InputError
from tests.test_screen import REGIMES


def _entry(exporter: str, item: str) -> str:
    to = "CN" if exporter == "JP" else "US"
    return determine(exporter, to, item, "2026-12-10", regimes=REGIMES).item.id


@pytest.mark.parametrize(
    ("exporter", "item", "candidates"),
    [
        ("JP", "EUV mask", ["jp:7(16)-inspection"]),
        ("JP", "sonar", ["jp:10(1)", "jp:15(5)"]),
        # 인공위성 was a name inside 7A104's (R29-11); it is now 9A004's own alias, spacecraft listed without figures
        # (legal review 95, R95-6: tests/test_review90.py)
        ("KR", "UF6", ["kr:0C001", "kr:0C002"]),
    ],
)
def test_a_name_inside_other_names_or_on_several_entries_is_a_question(
    exporter: str, item: str, candidates: list[str]
) -> None:
    with pytest.raises(InputError) as asked:
        _entry(exporter, item)
    for c in candidates:
        assert c in str(asked.value)


def test_latin_names_are_matched_as_whole_words() -> None:
    with pytest.raises(InputError) as asked:
        _entry("JP", "GPU")
    assert "jp:15(7)" not in str(asked.value)


@pytest.mark.parametrize(
    ("exporter", "item", "entry"),
    [
        ("JP", "rifle", "jp:1(1)"),
        ("JP", "小銃", "jp:1(1)"),
        ("JP", "torpedo", "jp:1(2)"),
        ("JP", "body armour", "jp:1(11)"),
        ("JP", "sarin", "jp:1(13)"),
        ("JP", "uranium", "jp:2(1)"),
        ("JP", "EUV resist", "jp:7(19)"),
        ("KR", "rifle", "kr:munitions"),
        ("KR", "소총", "kr:munitions"),
        ("KR", "사린", "kr:munitions"),
        ("JP", "hydrogen fluoride", "jp:3(1)"),
        ("JP", "フッ化水素", "jp:3(1)"),
    ],
)
def test_common_names_reach_their_entry(exporter: str, item: str, entry: str) -> None:
    assert _entry(exporter, item) == entry


@pytest.mark.parametrize(
    ("number", "rows"),
    [("6A002", ["jp:10(2)", "jp:15(6)"]), ("8A001", ["jp:12(1)", "jp:15(8)"]), ("5A001", ["jp:9(1)", "jp:15(4)"])],
)
def test_a_number_split_between_rows_asks_which(number: str, rows: list[str]) -> None:
    """R29-13: 6A002 went to row 10(2) with its small-value exemption and bulk licences, though its
    space-qualified detectors (6A002.a.1.c) are row 15(6)."""
    with pytest.raises(InputError) as asked:
        _entry("JP", number)
    for r in rows:
        assert r in str(asked.value)


def test_a_number_whose_sub_items_share_its_row_still_resolves() -> None:
    assert _entry("JP", "3B001") == "jp:7(16)"


@pytest.mark.parametrize(
    ("exporter", "item", "candidates"),
    [
        ("JP", "drone", ["jp:13(4)", "jp:4(1-2)", "jp:16(1)"]),
        ("JP", "マシニングセンタ", ["jp:6(2)", "jp:2(12)", "jp:16(1)"]),
        ("KR", "머시닝센터", ["kr:2B001", "kr:2B201"]),
        ("KR", "야간투시경", ["kr:6A002", "kr:munitions"]),
    ],
)
def test_trade_names_of_several_entries_ask_which(exporter: str, item: str, candidates: list[str]) -> None:
    """R29-7, R29-8, R29-16, R29-17: machine-tool, drone and night-vision names were unknown or
    resolved to one entry (drone to the catch-all's specified goods alone)."""
    with pytest.raises(InputError) as asked:
        _entry(exporter, item)
    for c in candidates:
        assert c in str(asked.value)


@pytest.mark.parametrize(
    ("exporter", "item", "entry"), [("JP", "thermal camera", "jp:10(4)"), ("KR", "열화상카메라", "kr:6A003")]
)
def test_thermal_cameras_reach_the_camera_entries(exporter: str, item: str, entry: str) -> None:
    """The camera entries are among the candidates; beside them the catch-all, since the lists name cameras only
    within figures (Goods Order Art. 9; Annex 2 6A003: legal review 95, R95-12, R95-13)."""
    with pytest.raises(InputError) as asked:
        _entry(exporter, item)
    assert entry in str(asked.value) and "catch-all" in str(asked.value).lower()


@pytest.mark.parametrize(
    ("item", "candidates"),
    [
        ("NC machine tool", ["jp:6(2)", "jp:2(12)"]),
        ("accelerometer", ["jp:11(1)", "jp:4(16)"]),
        ("gas turbine", ["jp:13(1)", "jp:4(3)"]),
    ],
)
def test_names_of_goods_a_stricter_row_also_holds_ask_which(item: str, candidates: list[str]) -> None:
    """Legal review 30, R30-1/R30-2: rows 6, 11 and 13 exclude the goods of rows 2 and 4, which have no
    small-value exemption; the name went to the laxer row and answered NO LICENCE at JPY 500,000."""
    with pytest.raises(InputError) as asked:
        _entry("JP", item)
    for c in candidates:
        assert c in str(asked.value)


@pytest.mark.parametrize(
    ("entry", "caution"), [("jp:6(2)", "row-2-excluded"), ("jp:11(1)", "row-4-excluded"), ("jp:7(1)", "row-4-excluded")]
)
def test_an_exemption_in_a_row_that_excludes_a_stricter_row_says_so(entry: str, caution: str) -> None:
    d = determine("JP", "CN", entry, "2024-06-01", value=500000, regimes=REGIMES)
    assert f"jp.caution.{caution}" in [n.rule for n in d.notices]


@pytest.mark.parametrize(
    ("item", "candidates"), [("폭약", ["kr:1C239", "kr:munitions"]), ("잠수함", ["kr:8A001", "kr:munitions"])]
)
def test_korean_names_of_munitions_and_dual_use_goods_ask_which(item: str, candidates: list[str]) -> None:
    """Legal review 31, R31-2/R31-4: explosives were unknown, a submarine went to the dual-use 8A001
    alone (a military submarine is ML9, licensed by DAPA)."""
    with pytest.raises(InputError) as asked:
        _entry("KR", item)
    for c in candidates:
        assert c in str(asked.value)


def test_ricin_and_saxitoxin_get_the_cwc_schedule_caution() -> None:
    """Legal review 31, R31-1: 1C351 holds two Schedule 1 toxins (Notice Art. 18(5)1)."""
    d = determine("KR", "EG", "kr:1C351", "2026-12-10", regimes=REGIMES)
    assert "kr.caution.cwc-schedules" in [n.rule for n in d.notices]
