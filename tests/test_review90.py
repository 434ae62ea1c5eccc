"""The thirty-fifth session's law changes: questions between arms rows never offer the catch-all, and the
names of naval mines (legal and session reviews 88-92).

Why: arms are listed by what they are (Japan's Appended Table 1 row 1, Korea's Annex 3), not by parameters; a
question whose every candidate is such a row offered "catch-all (goods that meet none of these entries'
specifications)", and following it answered "no licence" for a howitzer (session review S34C-3).
"""

from __future__ import annotations

import dataclasses

import pytest

from exportctl import determine
from exportctl.errors import InputError, UnknownItem
from tests.test_screen import REGIMES


def _asked(exporter: str, item: str) -> list[str]:
    with pytest.raises(InputError) as asked:
        determine(exporter, "CN", item, "2026-12-10", regimes=REGIMES)
    assert not isinstance(asked.value, UnknownItem), asked.value
    return list(asked.value.suggestions)


def _candidates(exporter: str, item: str) -> set[str]:
    """The entry ids (or ``catch-all``) a question about ``item`` offers."""
    return {s.split(" ", 1)[0] for s in _asked(exporter, item)}


@pytest.mark.parametrize("word", ["곡사포", "howitzer", "warhead", "military vehicle", "rocket launcher"])
def test_a_question_between_munitions_entries_offers_no_catch_all(word: str) -> None:
    shown = _asked("KR", word)
    assert {s.split(" ", 1)[0] for s in shown} == {"kr:munitions", "kr:munitions-unrca"}
    assert not any("catch-all" in s for s in shown)


def test_beside_a_munitions_entry_the_catch_all_is_for_goods_that_are_not_arms() -> None:
    shown = _asked("KR", "열상장비")
    assert shown[0].startswith("kr:munitions") and any(s.startswith("kr:6A003") for s in shown)
    assert shown[-1].startswith("catch-all (") and "not arms or other military goods" in shown[-1]
    # a question between dual-use rows keeps its plain catch-all line ("computer" offers row 16 itself since
    # session review S40 made "quantum computer" one of its names)
    plain = _asked("JP", "gradiometer")
    assert plain[-1] == "catch-all (goods that meet none of these entries' specifications: --item catch-all)"


@pytest.mark.parametrize(
    ("exporter", "word", "entry"),
    [("JP", "機雷", "jp:1(2)"), ("JP", "naval mine", "jp:1(2)"), ("KR", "기뢰", "kr:munitions")],
)
def test_naval_mines_are_arms(exporter: str, word: str, entry: str) -> None:
    answer = determine(exporter, "CN", word, "2026-12-10", regimes=REGIMES)
    assert answer.item.id == entry and answer.licence_required


@pytest.mark.parametrize(
    ("destination", "item", "day"),
    [("IR", "kr:1A001", "2025-06-01"), ("RU", "kr:1A001", "2026-12-10"), ("US", "kr:1C010", "2021-06-01")],
)
def test_the_concern_caution_comes_only_beside_a_comprehensive_licence(destination: str, item: str, day: str) -> None:
    """Session review S34C-4: the caution about relying on a comprehensive licence came with refusals and with
    answers offering the individual licence alone."""
    answer = determine("KR", destination, item, day, informed=True, regimes=REGIMES)
    assert not {"comprehensive", "user_comprehensive"} & set(answer.routes)
    assert "kr.caution.informed-comprehensive" not in {n.rule for n in answer.notices}
    offered = determine("KR", "US", "kr:3A001", "2026-12-10", informed=True, regimes=REGIMES)
    assert "comprehensive" in offered.routes
    assert "kr.caution.informed-comprehensive" in {n.rule for n in offered.notices}


def test_a_caution_or_arms_row_naming_what_the_regime_lacks_is_refused() -> None:
    from exportctl.errors import RegimeError
    from exportctl.law.validate import validate_regime

    kr = REGIMES["KR"]
    caution = next(c for c in kr.cautions if c.id == "kr.caution.informed-comprehensive")
    bad = dataclasses.replace(kr, cautions=[caution.model_copy(update={"for_routes": ["comprehensiv"]})])
    with pytest.raises(RegimeError, match="unknown licence types"):
        validate_regime(bad)
    bad = dataclasses.replace(kr, info=kr.info.model_copy(update={"arms_rows": ["annex30"]}))
    with pytest.raises(RegimeError, match="arms_rows names unknown rows"):
        validate_regime(bad)


@pytest.mark.parametrize("item", ["kr:munitions", "kr:munitions-unrca", "소총"])
def test_munitions_name_the_defence_acquisition_act(item: str) -> None:
    """Legal review 87, R87-6: the DAPA Act's Art. 57 (DAPA's licence, the report of the business, the preliminary
    approval before export talks) was not cited; it is a caution from 2015-09-28 (Act No. 13243 in force)."""
    now = determine("KR", "US", item, "2026-12-10", regimes=REGIMES)
    assert now.licence_required and "kr.caution.dapa-art57" in {n.rule for n in now.notices}
    before = determine("KR", "US", item, "2015-09-27", regimes=REGIMES)
    assert "kr.caution.dapa-art57" not in {n.rule for n in before.notices}
    dual_use = determine("KR", "US", "kr:3A001", "2026-12-10", regimes=REGIMES)
    assert "kr.caution.dapa-art57" not in {n.rule for n in dual_use.notices}


def test_iran_under_resolution_2231_is_a_warning_before_the_2020_notice() -> None:
    """Legal review 87, R87-8: from 2016-01-16 to 2020-06-18 the answers for NSG, missile and arms items to Iran said
    nothing of resolution 2231's approvals in advance."""
    rules = {n.rule for n in determine("KR", "IR", "kr:0B001", "2019-06-01", regimes=REGIMES).notices}
    assert "kr.caution.iran-2231-2016" in rules
    assert "kr.caution.iran-2231-2016" not in {
        n.rule for n in determine("KR", "IR", "kr:0B001", "2015-06-01", regimes=REGIMES).notices
    }
    later = {n.rule for n in determine("KR", "IR", "kr:0B001", "2021-06-01", regimes=REGIMES).notices}
    assert "kr.caution.iran-2231-2016" not in later and "kr.caution.iran-before-2026" in later


def test_south_sudan_before_independence_is_answered_as_sudan() -> None:
    """Legal review 90, R90-1: Table 3-2 listed Sudan from 2008-11-01; South Sudan was part of it until 2011-07-09."""

    def conventional(country: str, day: str) -> bool:
        return determine("JP", country, "catch-all", day, end_use="conventional", regimes=REGIMES).licence_required

    assert conventional("SD", "2010-06-01") and conventional("SS", "2010-06-01")
    assert not conventional("SS", "2012-06-01")  # independent and not listed until 2019-04-12
    assert conventional("SS", "2019-05-01")


def test_japan_in_korea_s_region_ga_the_day_before_its_move_is_certain() -> None:
    """Legal review 91, R91-1: on 2019-09-17 Japan's Ga membership was called uncertain (its unknown start window ran to
    that day), though MOTIE had named Japan in Ga when it announced the move on 2019-08-12."""
    answer = determine("KR", "JP", "kr:3A001", "2019-09-17", regimes=REGIMES)
    assert "kr:Ga" in answer.destination_groups
    assert not any(n.kind == "uncertain_date" for n in answer.notices)


@pytest.mark.parametrize(
    ("exporter", "word", "expected"),
    [
        ("JP", "ロケットエンジン", {"jp:4(3)", "jp:13(3)"}),
        ("JP", "固体ロケットモーター", {"jp:4(3)", "jp:13(3)"}),
        ("JP", "インバーター", {"jp:16", "jp:2(8)"}),
        ("JP", "オシロスコープ", {"jp:16", "jp:7(9)"}),
        ("KR", "인버터", {"kr:3A225", "kr:0B001"}),
        ("KR", "오실로스코프", {"kr:catch-all", "kr:3A002"}),
        ("KR", "로켓 엔진", {"kr:9A005", "kr:9A007", "kr:9A105", "kr:9A107"}),
    ],
)
def test_names_review_92_found_unknown_or_silent_now_ask(exporter: str, word: str, expected: set[str]) -> None:
    """Legal review 92: rocket engines and motors (R92-1, high: unknown, pointing at the catch-all), inverters (R92-3)
    were unknown; Korea's oscilloscope landed silently on 3A002, which lists only some (R92-4)."""
    assert expected <= _candidates(exporter, word)


def test_a_rocket_launch_pad_asks_between_row_4_20_and_the_catch_all() -> None:
    """Row 4(20) lists launch pads for rockets and drones of 300 km only (Goods Order Art. 3(21); session review
    S35C-4): the name asks."""
    assert {"jp:4(20)", "jp:16"} <= _candidates("JP", "ロケット発射台")


@pytest.mark.parametrize(
    ("exporter", "word", "entry"),
    [
        ("JP", "炭疽菌", "jp:3-2(1)"),  # Goods Order Art. 2-2(1)(ii) (R94-1)
        ("JP", "アブリン", "jp:3-2(1)"),  # Art. 2-2(1)(iii)
        ("JP", "過塩素酸アンモニウム", "jp:4(6)"),  # Art. 3(7)ハ (R94-2)
        ("JP", "末端に水酸基を有するポリブタジエン", "jp:4(6)"),  # Art. 3(7)ヲ
        ("JP", "10544-72-6", "jp:4(6)"),  # Art. 3(7)ヌ(二)
        ("JP", "mustard gas", "jp:1(13)"),  # beside sarin and VX (R94-3)
        ("KR", "옥시염화인", "kr:1C350"),  # Annex 2 1C350.2 (R94-4)
        ("KR", "사산화이질소", "kr:1C111"),  # 1C111.a.3.b (R94-5)
        ("KR", "붕소-10", "kr:1C225"),  # 1C225 「보론(붕소)-10」 (R94-6)
    ],
)
def test_wmd_goods_listed_by_name_resolve(exporter: str, word: str, entry: str) -> None:
    """Legal review 94: goods the official list names without figures were "unknown item", and the message pointed
    at the catch-all ("no licence")."""
    answer = determine(exporter, "CN", word, "2026-12-10", regimes=REGIMES)
    assert answer.item.id == entry and answer.licence_required


@pytest.mark.parametrize(
    ("exporter", "word", "expected"),
    [
        ("JP", "ヒドラジン", {"jp:16", "jp:4(6)"}),  # listed above 70 % only
        ("JP", "熱交換器", {"jp:16", "jp:3(2)"}),  # R94-7: listed within the Goods Order's figures
        ("JP", "fermenter", {"jp:16", "jp:3-2(2)"}),
        ("JP", "tritium", {"jp:16", "jp:2(47)"}),
        ("JP", "弾道ミサイル", {"jp:4(1)", "jp:1(2)"}),  # R94-8
        ("KR", "과염소산암모늄", {"kr:munitions", "kr:1C111"}),  # R94-10
        ("KR", "fermenter", {"kr:catch-all", "kr:2B352"}),  # R94-12: no longer silently listed
    ],
)
def test_wmd_goods_with_figures_ask(exporter: str, word: str, expected: set[str]) -> None:
    assert expected <= _candidates(exporter, word)


@pytest.mark.parametrize(
    ("exporter", "word", "entry"),
    [
        ("JP", "rebreather", "jp:12(9)"),  # ETCO row 12(9), Goods Order Art. 11(13) (R95-1)
        ("JP", "リブリーザー", "jp:12(9)"),
        ("KR", "재호흡기", "kr:8A002"),  # Annex 2 8A002.q (R95-2)
        ("JP", "IMSI catcher", "jp:9(5-3)"),  # Goods Order Art. 8(5-3)ロ (R95-3)
        ("KR", "IMSI 캐처", "kr:5A001"),  # 5A001.f.2 names the IMSI (R95-4)
        ("JP", "キューブサット", "jp:13(2)"),  # Goods Order Art. 12(4)ロ (R95-5)
        ("JP", "衛星バス", "jp:13(2)"),  # Art. 12(4)ハ
        ("KR", "인공위성", "kr:9A004"),  # 9A004.b (R95-6)
        ("JP", "クロロアセトフェノン", "jp:14(9)"),  # Goods Order Art. 13(6) (R95-7)
        ("JP", "TKX-50", "jp:14(2)"),
    ],
)
def test_dual_use_goods_listed_without_figures_resolve(exporter: str, word: str, entry: str) -> None:
    """Legal review 95: goods the lists name without figures were "unknown item" pointing at the catch-all."""
    answer = determine(exporter, "CN", word, "2026-12-10", regimes=REGIMES)
    assert answer.item.id == entry and answer.licence_required


@pytest.mark.parametrize(
    ("exporter", "word", "entry", "catch_all"),
    [
        ("JP", "GPU", "jp:7(1)", "jp:16"),  # was a hint at guns (R95-8)
        ("JP", "GNSS receiver", "jp:11(4)", "jp:16"),  # was a hint at guns (R95-9)
        ("JP", "電波吸収材", "jp:15(2)", "jp:16"),  # the Goods Order's own word (R95-9)
        ("JP", "jet engine", "jp:13(1)", "jp:16"),  # row 13(1) was not offered (R95-10)
        ("KR", "IGBT", "kr:3A001", "kr:catch-all"),  # R95-11
        ("KR", "제트엔진", "kr:9A001", "kr:catch-all"),
    ],
)
def test_dual_use_goods_with_figures_ask_with_their_entry(exporter: str, word: str, entry: str, catch_all: str) -> None:
    """Legal review 95: goods listed within figures were unknown or hinted at unrelated rows; they ask now."""
    assert {entry, catch_all} <= _candidates(exporter, word)


def test_session_review_35c_mended() -> None:
    """Session review S35C (today's aliases against the official texts): detectors of row 3(2) are offered, nitrogen
    dioxide and staphylococcal enterotoxins (listed without figures) no longer offer the catch-all, UDMH is Korea's
    munitions (ML8), and the jet-engine, IMU, GNSS and laser questions offer the row-2 and row-4 entries too."""
    assert {"jp:16", "jp:3(2)"} <= _candidates("JP", "ガス検知器")
    for word, entry in (("二酸化窒素", "jp:4(6)"), ("staphylococcal enterotoxin", "jp:3-2(1)")):
        assert determine("JP", "CN", word, "2026-12-10", regimes=REGIMES).item.id == entry
    assert determine("KR", "CN", "UDMH", "2026-12-10", regimes=REGIMES).item.id == "kr:munitions"
    for word, entry in (
        ("ジェットエンジン", "jp:4(3)"),
        ("IMU", "jp:4(16)"),
        ("GNSS receiver", "jp:4(18)"),
        ("CO2 laser", "jp:2(31)"),
    ):
        assert entry in _candidates("JP", word)
    assert "kr:9A101" in _candidates("KR", "제트엔진")
