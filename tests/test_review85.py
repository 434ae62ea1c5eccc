"""``status`` says what ``check`` warns of for every good to a destination, and a concern the authority raised is
named where Korea's comprehensive licences are offered (legal reviews 85 and 86).

Why: ``status`` cited Korea's region table of 고시 제2025-37호 as confirmed after 고시 제2026-101호 replaced it (its Annex 6
unread) with no warning, and never named Japan's Appended Table 2-4 for China (R85-1, R85-2); ``--informed`` changed
nothing for Korea's listed goods, though the comprehensive licences are reviewed against such a concern (R86-1).
"""

from __future__ import annotations

import pytest

from exportctl import determine
from exportctl.engine.history import status_in
from exportctl.errors import InputError
from tests.test_screen import REGIMES


def _ids(warnings: list[str]) -> set[str]:
    return {w.rsplit("[", 1)[1].rstrip("]") for w in warnings if w.endswith("]") and "[" in w}


def test_status_after_the_2026_notice_says_its_region_table_was_not_read() -> None:
    after = _ids(status_in(REGIMES, "KR", "SY", "2027-06-01").warnings)
    assert {"kr.caution.annex6-from-2026-09-01", "kr.caution.data-currency"} <= after
    before = _ids(status_in(REGIMES, "KR", "SY", "2026-08-31").warnings)
    assert "kr.caution.annex6-from-2026-09-01" not in before
    # check gives the same caution for the same day
    answer = determine("KR", "SY", "kr:3C001", "2027-06-01", regimes=REGIMES)
    assert "kr.caution.annex6-from-2026-09-01" in {n.rule for n in answer.notices}


def test_status_names_the_destination_cautions_check_gives_for_every_good() -> None:
    cn = _ids(status_in(REGIMES, "JP", "CN", "2026-12-10").warnings)
    assert "jp.caution.table-2-4.2024" in cn
    assert "jp.caution.table-2-4.2024" not in _ids(status_in(REGIMES, "JP", "CN", "2024-07-02").warnings)
    assert not any(
        i.startswith("jp.caution.table-2-4") for i in _ids(status_in(REGIMES, "JP", "US", "2026-12-10").warnings)
    )
    # cautions for some goods only stay check's: none of Korea's item cautions in status
    assert not _ids(status_in(REGIMES, "KR", "IR", "2026-12-10").warnings) & {
        "kr.caution.iran",
        "kr.caution.small-value",
    }


def test_an_inform_notice_is_named_where_the_comprehensive_licences_are_offered() -> None:
    informed = determine("KR", "TR", "kr:3C002", "2025-04-19", informed=True, regimes=REGIMES)
    plain = determine("KR", "TR", "kr:3C002", "2025-04-19", regimes=REGIMES)
    assert "user_comprehensive" in plain.routes
    assert "kr.caution.informed-comprehensive" in {n.rule for n in informed.notices}
    assert "kr.caution.informed-comprehensive" not in {n.rule for n in plain.notices}


def test_korea_refuses_the_un_register_categories_to_iran_and_arms_to_north_korea() -> None:
    """Legal review 87: Annex 21 item 1.다 refuses tanks, warships ... to Iran; the special-measures notice Art. 49(1)1
    prohibits all arms to North Korea (R87-1, R87-2)."""
    tank = determine("KR", "IR", "전차", "2026-12-10", regimes=REGIMES)
    assert tank.item.id == "kr:munitions-unrca" and "individual" in tank.refused
    assert not determine("KR", "US", "warship", "2026-12-10", regimes=REGIMES).refused
    for day in ("2019-05-01", "2026-12-10"):
        assert "individual" in determine("KR", "KP", "kr:munitions", day, regimes=REGIMES).refused


@pytest.mark.parametrize("word", ["拳銃", "猟銃", "銃身", "銃弾", "地雷", "戦車", "pistol", "shotgun", "ダイナマイト"])
def test_everyday_words_for_arms_are_japans_row_1(word: str) -> None:
    """Legal review 88, R88-1: they were unknown and pointed at the catch-all (no licence); row 1 needs one everywhere."""
    answer = determine("JP", "CN", word, "2026-12-10", regimes=REGIMES)
    assert answer.item.id.startswith("jp:1(") and answer.licence_required and not answer.exemptions


@pytest.mark.parametrize("word", ["기관총", "machine gun", "권총", "지뢰", "firearm"])
def test_annex_3s_own_words_are_korean_munitions(word: str) -> None:
    """Legal review 87, R87-3: Annex 3's words were unknown and pointed at the catch-all (no licence)."""
    assert determine("KR", "CN", word, "2026-12-10", regimes=REGIMES).item.id == "kr:munitions"


@pytest.mark.parametrize("word", ["곡사포", "howitzer", "cannon", "탄두", "열상장비"])
def test_words_that_may_be_a_un_register_category_or_dual_use_ask(word: str) -> None:
    """R87-3, R87-4: a howitzer may be large-calibre artillery (refused to Iran), a thermal sight munitions or 6A003."""
    with pytest.raises(InputError, match="matches 2 entries"):
        determine("KR", "IR", word, "2026-12-10", regimes=REGIMES)


def test_part_10_names_the_safeguards_condition() -> None:
    """R87-7: Part 10 goes only to states with a comprehensive IAEA safeguards agreement (Art. 18(1)4)."""
    answer = determine("KR", "PK", "kr:0C002", "2026-12-10", regimes=REGIMES)
    assert "kr.caution.part10-safeguards" in {n.rule for n in answer.notices}


def test_arms_to_un_embargoed_destinations_name_the_three_principles() -> None:
    """Legal review 88, R88-3: row 1 to Appended Table 3-2 destinations and North Korea says the principles' ban."""
    rule = "jp.caution.three-principles-prohibited"
    assert rule in {n.rule for n in determine("JP", "SO", "拳銃", "2026-12-10", regimes=REGIMES).notices}
    assert rule not in {n.rule for n in determine("JP", "US", "拳銃", "2026-12-10", regimes=REGIMES).notices}


def test_korea_refuses_regime_items_to_north_korea_and_arms_under_embargo() -> None:
    """Legal review 89: the special-measures notice Art. 49(1)2 (NSG, MTCR, AG items to North Korea) and Arts 26, 44,
    51, 56 (arms to Somalia, Libya, the Central African Republic, South Sudan) (R89-1, R89-2)."""
    for item in ("kr:2B233", "kr:1C350", "kr:9A004", "kr:0B001"):
        assert "individual" in determine("KR", "KP", item, "2026-12-10", regimes=REGIMES).refused
    assert not determine("KR", "CN", "kr:1C350", "2026-12-10", regimes=REGIMES).refused
    for country in ("SO", "LY", "CF", "SS"):
        assert "individual" in determine("KR", country, "kr:munitions", "2026-12-10", regimes=REGIMES).refused
    assert not determine("KR", "US", "kr:munitions", "2026-12-10", regimes=REGIMES).refused


@pytest.mark.parametrize(
    ("exporter", "word", "entry"),
    [("JP", "迫撃砲", "jp:1(1)"), ("JP", "機関銃", "jp:1(1)"), ("KR", "유탄발사기", "kr:munitions")],
)
def test_more_words_for_arms(exporter: str, word: str, entry: str) -> None:
    """R89-3, R89-4: they pointed at the catch-all."""
    assert determine(exporter, "CN", word, "2026-12-10", regimes=REGIMES).item.id == entry
