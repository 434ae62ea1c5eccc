"""Japan's crosswalk and Goods Order attributions rest on text that was read (issue 14).

Row 2's NSG Part 1 items were paired with the Category 0 numbers that Korea's Annex 2 prints in its Part 10,
so every such number must be one Korea's data holds; METI's own correspondence table was not read, so no JP
pair may claim more than ``inferred``; the numbers must find both lists' entries; and of the Goods Order items
that no entry quoted, those placed in the third pass are quoted in their entry's source while those whose ETCO
item the texts do not settle stay unquoted (docs/research/jp-crosswalk.md, jp-params-rows10-12.md, -rows13-15.md).
"""

from __future__ import annotations

import pytest

from exportctl.engine.items import search_items
from exportctl.law.regime import Regime


def _korean_numbers(kr: Regime) -> set[str]:
    """Every control number Korea's data holds: its entries' own numbers and their recorded equivalents."""
    numbers = {e.id.split(":", 1)[1] for e in kr.entries.values()}
    return numbers | {q.code for e in kr.entries.values() for q in e.equivalents}


def _quote(jp: Regime, entry_id: str) -> str:
    """The official words an entry's source quotes ('' when the source holds no official text)."""
    official = jp.entries[entry_id].source.official
    return (official.quote or "") if official is not None else ""


def test_category0_pairs_use_numbers_koreas_list_prints(regimes: dict[str, Regime]) -> None:
    korean = _korean_numbers(regimes["KR"])
    cat0 = [(e.id, q.code) for e in regimes["JP"].entries.values() for q in e.equivalents if q.code.startswith("0")]
    assert {"jp:2(1)", "jp:2(2)", "jp:2(3)", "jp:2(4)", "jp:2(5)", "jp:2(7)", "jp:2(10-2)"} <= {i for i, _ in cat0}
    assert [(i, c) for i, c in cat0 if c.split(".")[0] not in korean] == []


def test_no_jp_pair_claims_more_than_inferred(regimes: dict[str, Regime]) -> None:
    """METI's goods matrix was not read; until it is, every pair is our match by wording."""
    claimed = [(e.id, q.code, q.confidence) for e in regimes["JP"].entries.values() for q in e.equivalents]
    assert claimed
    assert [c for c in claimed if c[2] != "inferred"] == []


@pytest.mark.parametrize(
    ("number", "jp_entry", "kr_entry"),
    [
        ("0C003", "jp:2(3)", "kr:0C003"),  # deuterium
        ("0B001", "jp:2(7)", "kr:0B001"),  # isotope separation
        ("1B234", "jp:2(52)", "kr:1B234"),  # explosion containment vessels
        ("1B231", "jp:2(48)", "kr:1B231"),  # tritium equipment
    ],
)
def test_a_shared_number_finds_both_lists(
    regimes: dict[str, Regime], number: str, jp_entry: str, kr_entry: str
) -> None:
    assert jp_entry in [e.id for e in search_items(regimes["JP"], number)]
    assert kr_entry in [e.id for e in search_items(regimes["KR"], number)]


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("jp:10(2)", "リモートセンシング用に設計したモノスペクトルイメージセンサー"),  # Art. 9(4)
        ("jp:13(2)", "構造体の動的応答又はねじれを能動的に制御するもの"),  # Art. 12(10)(c)
        ("jp:13(2)", "打上げ用の飛しょう体の部分品（ノーズコーン以外のもの"),  # Art. 12(10)(a)
        ("jp:13(3)", "第五号、第七号又は前号のいずれかに該当する推進装置"),  # Art. 12(10)(b)
    ],
)
def test_placed_goods_order_items_are_quoted(regimes: dict[str, Regime], entry: str, words: str) -> None:
    assert words in _quote(regimes["JP"], entry)


@pytest.mark.parametrize(
    "words",
    [
        "読み出し集積回路",  # Art. 9(7-2): a part of optical detectors or of cameras
        "波面測定装置",  # Art. 9(9-3): no ETCO item of row 10 names it
        "潜水艇とともに使用することができるように設計した遠隔操作のマニピュレーター",  # Art. 11(7): 12(2) or 12(5)
        "空中で発射させるために特別に設計し",  # Art. 12(4-2): an aircraft is not a 飛しょう体 in the Order's usage
        "液体パルスロケットエンジン",  # Art. 12(10)(d): 13(2) or 13(3)
    ],
)
def test_items_the_texts_do_not_place_stay_unquoted(regimes: dict[str, Regime], words: str) -> None:
    jp = regimes["JP"]
    assert [i for i in jp.entries if words in _quote(jp, i)] == []
