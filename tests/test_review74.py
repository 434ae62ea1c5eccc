"""From the words a user types to the answer (legal review 74).

Why: words that fit several control numbers must ask, not land on the one whose answer is laxest (a hot isostatic press
to Iran answered as 2B004, licensable, though 2B104 and 2B204 are refused), and goods that need an approval of their own
(ivory, used batteries, mercury thermometers, radioactive sources) must be found by the words people use for them, not
sent to a catch-all that answers "no licence".
"""

from __future__ import annotations

import datetime as dt

import pytest

from exportctl import determine
from exportctl.engine.classify import classify
from exportctl.engine.items import resolve_item
from exportctl.errors import InputError
from tests.test_screen import REGIMES


@pytest.mark.parametrize(
    ("words", "entries"),
    [
        ("hot isostatic press", {"kr:2B004", "kr:2B104", "kr:2B204"}),
        ("열간 정수압 프레스", {"kr:2B004", "kr:2B104", "kr:2B204"}),
        ("GNSS receiver", {"kr:7A005", "kr:7A105"}),
        ("위성항법 수신기", {"kr:7A005", "kr:7A105"}),
        ("エッチング装置", {"kr:3B001", "kr:3B901"}),
    ],
)
def test_korean_words_that_fit_several_numbers_ask(words: str, entries: set[str]) -> None:
    with pytest.raises(InputError) as err:
        resolve_item(REGIMES["KR"], words)
    assert all(e in str(err.value) for e in entries), str(err.value)


@pytest.mark.parametrize(
    ("words", "entry"),
    [
        ("象牙", "jp:t2-36"),
        ("ivory", "jp:t2-36"),
        ("used lead-acid batteries", "jp:t2-35-2"),
        ("使用済み鉛蓄電池", "jp:t2-35-2"),
        ("水銀体温計", "jp:t2-35-4"),
        ("Co-60", "jp:t2-21-2"),
    ],
)
def test_japanese_goods_are_found_by_everyday_words(words: str, entry: str) -> None:
    assert resolve_item(REGIMES["JP"], words).id == entry
    d = determine("JP", "US", words, "2026-12-10", regimes=REGIMES)
    assert d.licence_required and d.needs


def test_no_match_names_the_approval_goods_beside_the_catch_all() -> None:
    found = classify([REGIMES["JP"]], "wooden chopsticks", on=dt.date(2026, 12, 10))
    assert (
        found.no_match
        and "jp:t2-1" in found.no_match[0].reason
        and "an approval of their own" in found.no_match[0].reason
    )


@pytest.mark.parametrize(
    ("jurisdiction", "words", "entries"),
    [
        ("KR", "炭素繊維", {"kr:1C010", "kr:1C210"}),
        ("JP", "レーザー発振器", {"jp:2(31)", "jp:10(8)"}),
        ("JP", "spectrum analyzer", {"jp:7(13)", "jp:16(1)"}),
        ("KR", "스펙트럼 분석기", {"kr:3A002", "kr:catch-all"}),
    ],
)
def test_words_of_a_listed_and_a_laxer_reading_ask(jurisdiction: str, words: str, entries: set[str]) -> None:
    # Session review S32C-1, -2, -5: words added for one entry must not land silently where another reading is stricter
    # (or where the goods may be the catch-all's).
    with pytest.raises(InputError) as err:
        resolve_item(REGIMES[jurisdiction], words)
    assert all(e in str(err.value) for e in entries), str(err.value)


def test_rough_diamonds_from_korea_need_the_kimberley_licence_from_the_first_day_of_records() -> None:
    early = determine("KR", "BE", "rough diamonds", "2005-06-01", regimes=REGIMES)
    assert early.licence_required and early.routes == ["kimberley_licence"]
    assert any(n.kind == "uncertain_date" for n in early.notices)
    today = determine("KR", "JP", "다이아몬드 원석", "2026-12-10", regimes=REGIMES)
    assert "kr.licence.rough-diamonds" in today.rule_ids
