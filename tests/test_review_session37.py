"""The session reviews of the names harvested entry by entry (S37B: Japan; S37C: Korea).

Why: the reviews of the mends of legal reviews 100-103 found names whose question still offered the catch-all though
the official text lists every good of that name without figures (scramjets, HF lasers, MBE, hafnium compounds,
chlorine trifluoride, fuel assemblies), and names made silent on an entry the text fills only for one purpose. A
question between listed entries offers the catch-all unless a name is marked ``by_name`` on one of them: the mark can
now name single names (``by_name: [...]``), since the entries also hold goods within figures.
"""

from __future__ import annotations

import pytest

from exportctl import determine
from exportctl.law.model import ControlEntry
from tests.test_review90 import _candidates
from tests.test_screen import REGIMES

ON = "2026-12-10"

#: (finding, exporter, name, entry): listed by name without figures: the answer, silently.
SILENT: list[tuple[str, str, str, str]] = [
    ("S37B-2", "JP", "ふっ化水素レーザー", "jp:10(8)"),
    ("S37B-2", "JP", "HF laser", "jp:10(8)"),
    ("S37B-2", "JP", "ふっ化重水素レーザー", "jp:10(8)"),
    ("S37B-3", "JP", "MBE", "jp:7(16)"),
    ("S37B-3", "JP", "MBE system", "jp:7(16)"),
    ("S37B-4", "JP", "酸化ハフニウム", "jp:2(23)"),
    ("S37B-4", "JP", "hafnium carbide", "jp:2(23)"),
    ("S37B-17", "JP", "titanium diboride", "jp:5(13)"),
    ("S37B-6", "JP", "nuclear fuel", "jp:2(1)"),
    ("S37B-6", "JP", "燃料棒", "jp:2(1)"),
    ("S37B-15", "JP", "alexandrite laser", "jp:10(8)"),
    ("S37C-3", "KR", "CTPB", "kr:1C111"),
    ("S37C-3", "KR", "카르복시 말단 폴리부타디엔", "kr:1C111"),
    ("S37C-3", "KR", "PBAN", "kr:1C111"),
    ("S37C-4", "KR", "부타센", "kr:munitions"),
    ("S37C-4", "KR", "butacene", "kr:munitions"),
    ("S37C-4", "KR", "catocene", "kr:munitions"),
    ("S37C-5", "KR", "슬래퍼 기폭장치", "kr:1A007"),
    ("S37C-7", "KR", "P3 시설", "kr:2B352"),
    ("S37C-12", "KR", "U-235", "kr:0C002"),
    ("S37C-12", "KR", "플루토늄-239", "kr:0C002"),
    ("S37C-12", "KR", "농축우라늄", "kr:0C002"),
    ("S37E-1", "KR", "1,3,5-trichlorobenzene", "kr:munitions"),
    ("S37E-1", "KR", "108-70-3", "kr:munitions"),
    ("S37D-5", "JP", "標的機", "jp:1(9)"),
]

#: (finding, exporter, name, entries): every reading listed without figures: a question with no catch-all.
NO_CATCH_ALL: list[tuple[str, str, str, set[str]]] = [
    ("S37B-1", "JP", "スクラムジェットエンジン", {"jp:4(3)", "jp:15(10)"}),
    ("S37B-1", "JP", "複合サイクルエンジン", {"jp:4(3)", "jp:15(10)"}),
    ("S37B-1", "JP", "ラムジェットエンジン", {"jp:4(3)", "jp:15(10)"}),
    ("S37B-1", "JP", "ramjet", {"jp:4(3)", "jp:15(10)"}),
    ("S37B-1", "JP", "scramjet", {"jp:4(3)", "jp:15(10)"}),
    ("S37B-4", "JP", "炭化ハフニウム", {"jp:2(23)", "jp:4(15)"}),
    ("S37B-4", "JP", "二ほう化ハフニウム", {"jp:2(23)", "jp:4(15)"}),
    ("S37B-6", "JP", "ClF3", {"jp:2(21)", "jp:4(6)"}),
    ("S37B-6", "JP", "三ふっ化塩素", {"jp:2(21)", "jp:4(6)"}),
    ("S37B-6", "JP", "AMMO", {"jp:14(2)", "jp:1(1)"}),
    ("S37B-6", "JP", "ブタントリオールトリナイトレート", {"jp:4(6)", "jp:14(2)"}),
    ("S37B-6", "JP", "燃料集合体", {"jp:2(1)", "jp:2(2)"}),
    ("S37B-6", "JP", "fuel assembly", {"jp:2(1)", "jp:2(2)"}),
    ("S37B-6", "JP", "fuel rod", {"jp:2(1)", "jp:2(2)"}),
    ("S37B-6", "JP", "使用済燃料", {"jp:2(1)", "jp:t2-20"}),
    ("S37B-6", "JP", "spent fuel", {"jp:2(1)", "jp:t2-20"}),
    ("S37D-2", "JP", "サキシトキシン", {"jp:3-2(1)", "jp:1(13)"}),
    ("S37D-2", "JP", "ricin", {"jp:3-2(1)", "jp:1(13)"}),
    ("S37D-3", "JP", "depleted uranium counterweight", {"jp:2(1)", "jp:t2-20"}),
    ("S37D-3", "JP", "劣化ウランカウンターウェイト", {"jp:2(1)", "jp:t2-20"}),
    ("S37D-4", "JP", "spent fuel assembly", {"jp:2(1)", "jp:t2-20"}),
    # S37D-19 (mended in the thirty-ninth session): a warhead is an explosive's part (row 1(2), missile warheads) or a
    # shell's (row 1(1)); APFSDS rounds are 銃砲弾 of row 1(1) as well as projectiles of row 1(6); a minelayer is an
    # equipment for laying mines (1(2)) or a military vessel (1(8)). Every reading is listed: no catch-all.
    *[("S37D-19", "JP", n, {"jp:1(1)", "jp:1(2)"}) for n in ("弾頭", "warhead", "warheads")],
    ("S37D-19", "JP", "運動エネルギー弾", {"jp:1(1)", "jp:1(6)"}),
    *[("S37D-19", "JP", n, {"jp:1(2)", "jp:1(8)"}) for n in ("mine layer", "minelayer")],
    ("S37C-1", "KR", "plutonium-238", {"kr:1C012", "kr:1C236"}),
    ("S37C-1", "KR", "238Pu", {"kr:1C012", "kr:1C236"}),
    ("S37C-2", "KR", "fuel pellet", {"kr:0C001", "kr:0C002"}),
    ("S37C-2", "KR", "fuel rod", {"kr:0A001", "kr:0C001", "kr:0C002"}),
    ("S37C-2", "KR", "핵연료", {"kr:0C001", "kr:0C002"}),
    ("S37C-2", "KR", "핵연료봉", {"kr:0C001", "kr:0C002"}),
    ("S37C-2", "KR", "uranium dioxide", {"kr:0C001", "kr:0C002"}),
    ("S37C-3", "KR", "HTPB", {"kr:1C111", "kr:munitions"}),
    ("S37C-3", "KR", "하이드록시 말단 폴리부타디엔", {"kr:1C111", "kr:munitions"}),
    ("S37C-6", "KR", "물 분사 교란기", {"kr:1A006", "kr:munitions"}),
    ("S37C-9", "KR", "magnetorquer", {"kr:9A004", "kr:munitions"}),
    ("S37C-9", "KR", "자기토커", {"kr:9A004", "kr:munitions"}),
    ("S37C-9", "KR", "위성 추진기", {"kr:9A004", "kr:munitions"}),
]

#: (finding, exporter, name, entries): the name also fits goods the entries do not hold: a question, with the
#: catch-all (an entry's id or the engine's ``catch-all`` line).
ASKS: list[tuple[str, str, str, set[str]]] = [
    ("S37B-5", "JP", "slapper detonator", {"jp:1(3)", "jp:2(41)"}),
    ("S37B-7", "JP", "GAP", {"jp:4(6)", "jp:16"}),
    ("S37B-7", "JP", "GaP", {"jp:4(6)", "jp:16"}),
    ("S37B-8", "JP", "ロータ組立装置", {"jp:2(28)", "jp:16"}),
    ("S37B-9", "JP", "金属水素化物貯蔵装置", {"jp:2(48)", "jp:16"}),
    ("S37B-10", "JP", "疎水性白金触媒", {"jp:2(49)", "jp:16"}),
    ("S37B-11", "JP", "Puccinia graminis", {"jp:3-2(1)", "jp:16"}),
    ("S37B-12", "JP", "スタートラッカー", {"jp:4(16)", "jp:11(4)", "jp:16"}),
    ("S37B-14", "JP", "tracking radar", {"jp:4(21)", "jp:10(11)", "jp:16"}),
    ("S37B-15", "JP", "アルゴンイオンレーザー", {"jp:10(8)", "jp:16"}),
    ("S37B-15", "JP", "一酸化炭素レーザー", {"jp:10(8)", "jp:16"}),
    ("S37C-6", "KR", "폭발물 처리 로봇", {"kr:1A006", "kr:munitions"}),
    ("S37C-8", "KR", "counter IED equipment", {"kr:1A006", "kr:5A001", "kr:munitions"}),
    ("S37C-8", "KR", "급조 폭발물 방지 장비", {"kr:1A006", "kr:5A001", "kr:munitions"}),
    ("S37C-10", "KR", "화생방 보호복", {"kr:1A004", "kr:munitions"}),
    ("S37C-11", "KR", "원심분리기 하우징", {"kr:0B001"}),
    ("S37C-11", "KR", "centrifuge housing", {"kr:0B001"}),
    ("S37C-11", "KR", "베어링 및 댐퍼", {"kr:0B001"}),
    ("S37C-13", "KR", "발사용 운반체", {"kr:9A004", "kr:9A115"}),
    ("S37C-13", "KR", "복합사이클 엔진", {"kr:9A011"}),
    # S37D: row 1 and Table 2 hold these only when military, specially designed or named by a METI notice (24
    # names moved here from tests/test_review104.py); the Japanese powders and agents keep their rows' entries.
    *[("S37D-9", "JP", n, {"jp:1(1)"}) for n in ("rivet gun", "line thrower", "slug", "三脚", "トライポッド")],
    *[("S37D-12", "JP", n, {"jp:1(3)"}) for n in ("shock tube", "consumer fireworks", "スクイブ", "squib")],
    *[("S37D-11", "JP", n, {"jp:1(7)"}) for n in ("パネル橋", "浮橋")],
    ("S37D-11", "JP", "艦船", {"jp:1(8)"}),
    *[
        ("S37D-10", "JP", n, {"jp:1(11)"})
        for n in ("ヘルメットライナー", "helmet liner", "コンフォートパッド", "helmet pad")
    ],
    *[("S37D-14", "JP", n, {"jp:2(1)"}) for n in ("燃料ペレット", "fuel pellet")],
    *[("S37D-15", "JP", n, {"jp:t2-21-2"}) for n in ("radiation source", "非密封線源", "F-18")],
    ("S37D-1", "JP", "ジルコニウム粉末", {"jp:2(26)", "jp:4(6)", "jp:1(2)"}),
    ("S37D-1", "JP", "ハフニウム粉末", {"jp:2(23)", "jp:4(15)", "jp:1(2)"}),
    ("S37D-6", "JP", "biological agent", {"jp:3-2(1)", "jp:1(13-2)"}),
    ("S37D-7", "JP", "航空機用エンジン部品", {"jp:13(1)", "jp:4(3)"}),
    ("S37D-8", "JP", "推進薬製造設備", {"jp:4(7)", "jp:1(15)"}),
    ("S37D-18", "JP", "CBRN防護服", {"jp:3-2(2)"}),
    # S37E: Annex 3 holds these only above figures, for CW use or when specially designed (six names moved here from
    # tests/test_review105.py), and civil names that led to the munitions entry alone get their own question.
    ("S37E-2", "KR", "잠수함용 전동기", {"kr:munitions"}),
    ("S37E-3", "KR", "defoliant", {"kr:munitions"}),
    ("S37E-3", "KR", "고엽제", {"kr:munitions"}),
    ("S37E-4", "KR", "demolition kit", {"kr:munitions", "kr:1A008"}),
    ("S37E-4", "KR", "폭파키트", {"kr:munitions", "kr:1A008"}),
    ("S37E-5", "KR", "탄피", {"kr:munitions"}),
    ("S37E-6", "KR", "신호감소장치", {"kr:munitions", "kr:1C101"}),
    ("S37E-7", "KR", "공중급유기", {"kr:munitions"}),
    ("S37E-8", "KR", "EOD robot", {"kr:1A006", "kr:munitions"}),
    ("S37E-8", "KR", "re-entry vehicle", {"kr:9A116", "kr:munitions"}),
    ("S37E-8", "KR", "camera drone", {"kr:9A012"}),
    ("S37E-8", "KR", "electric motor", {"kr:8A002"}),
    ("S37E-8", "KR", "air rifle", {"kr:munitions"}),
]


@pytest.mark.parametrize(("finding", "exporter", "name", "entry"), SILENT)
def test_names_listed_without_figures_answer_with_their_entry(
    finding: str, exporter: str, name: str, entry: str
) -> None:
    answer = determine(exporter, "CN", name, ON, regimes=REGIMES)
    assert (answer.item.id, answer.licence_required) == (entry, True), finding


@pytest.mark.parametrize(("finding", "exporter", "name", "entries"), NO_CATCH_ALL)
def test_questions_between_entries_listing_the_name_offer_no_catch_all(
    finding: str, exporter: str, name: str, entries: set[str]
) -> None:
    assert _candidates(exporter, name) == entries, finding


@pytest.mark.parametrize(("finding", "exporter", "name", "entries"), ASKS)
def test_names_that_fit_unlisted_goods_too_ask_with_the_catch_all(
    finding: str, exporter: str, name: str, entries: set[str]
) -> None:
    offered = _candidates(exporter, name)
    assert entries <= offered, finding
    assert offered & {"jp:16", "kr:catch-all", "catch-all"}, finding


def test_a_name_marked_by_name_must_be_one_of_the_entry_s_names() -> None:
    """A mark on a name the entry is not found by would never be read: the data is refused."""
    data = REGIMES["JP"].entries["jp:15(10)"].model_dump(by_alias=True)
    ControlEntry.model_validate(data)
    data["by_name"] = ["ramjet", "not one of its names"]
    with pytest.raises(ValueError, match="not among its aliases"):
        ControlEntry.model_validate(data)
