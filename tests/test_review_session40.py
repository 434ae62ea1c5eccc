"""Session review S40 (docs/research/review-session40.md): the fortieth session's law changes read against the text.

Four names the session put on the catch-all are listed by name, with no figure: gravity gradiometers (Goods Order Art.
9(12) 「…又は重力勾配計」; Korea's Annex 2 6A007.c 「c. 중력 경도계」), combined-cycle engines (Goods Order Art. 14(11)
「ラムジェットエンジン、スクラムジェットエンジン若しくは複合サイクルエンジン又はこれらの部分品」) and systolic-array, neural and
optical computers (Annex 2 4A004.a-.c). Offering the catch-all for them would let a user answer "no licence" for a
listed good, so they answer or ask among their listed rows only. The other way round, names listed only above figures
(phosphine and arsine above a purity, trimethylgallium, quantum computers by qubits; Korea's gravity meters and
rhenium) now ask with the catch-all as their twins in the other regime do.
"""

from __future__ import annotations

import pytest

from exportctl import determine
from exportctl.errors import InputError, UnknownItem
from tests.test_screen import REGIMES

ON = "2026-12-10"


def offered(exporter: str, name: str) -> set[str]:
    """The entry an answer names, or the entries (and ``catch-all``) a question offers; never an unknown name."""
    try:
        return {determine(exporter, "CN", name, ON, regimes=REGIMES).item.id}
    except UnknownItem as unknown:
        raise AssertionError(f"{name} is unknown") from unknown
    except InputError as asked:
        return {s.split(" ", 1)[0] for s in asked.suggestions}


#: Each regime's catch-all entry, the other answer a name listed only within figures asks with.
CATCH_ALL = {"JP": "jp:16", "KR": "kr:catch-all"}

#: The names this review found listed by name, without a figure (Goods Order Art. 9(12), Art. 14(11); Annex 2 6A007.c,
#: 4A004.a-.c, 8A001.c.1.a); the within-figures tests of reviews 100-104 skip them.
FOUND_BY_NAME: list[tuple[str, str]] = [
    ("JP", "gravity gradiometer"),
    ("JP", "重力勾配計"),
    ("JP", "combined cycle engine"),
    ("KR", "gravity gradiometer"),
    ("KR", "optical computer"),
    ("KR", "neural computer"),
    ("KR", "systolic array computer"),
    ("KR", "광 컴퓨터"),
    ("KR", "AUV"),
]


@pytest.mark.parametrize(("exporter", "name"), FOUND_BY_NAME)
def test_a_good_listed_by_name_never_offers_the_catch_all(exporter: str, name: str) -> None:
    catch_all = CATCH_ALL[exporter]
    found = offered(exporter, name)
    assert found and catch_all not in found and "catch-all" not in found, found


def test_a_gravity_gradiometer_asks_between_japan_s_two_listed_rows() -> None:
    assert offered("JP", "重力勾配計") == {"jp:4(19)", "jp:10(10)"}


@pytest.mark.parametrize(
    ("exporter", "name", "row"),
    [
        ("JP", "phosphine", "jp:7(21)"),
        ("JP", "ホスフィン", "jp:7(21)"),
        ("JP", "arsine", "jp:7(21)"),
        ("JP", "アルシン", "jp:7(21)"),
        ("JP", "trimethylgallium", "jp:7(20)"),
        ("JP", "トリメチルガリウム", "jp:7(20)"),
        ("JP", "quantum computer", "jp:8"),
        ("JP", "量子コンピュータ", "jp:8"),
        ("KR", "gravity meter", "kr:6A007"),
        ("KR", "rhenium", "kr:1C241"),
    ],
)
def test_a_good_listed_only_above_figures_asks_with_the_catch_all(exporter: str, name: str, row: str) -> None:
    catch_all = {"JP": "jp:16", "KR": "kr:catch-all"}[exporter]
    assert {row, catch_all} <= offered(exporter, name)


@pytest.mark.parametrize("name", ["halon 2402", "ハロン2402"])
def test_halon_2402_asks_as_its_chemical_name_does(name: str) -> None:
    """Goods Order Art. 4(11)ハ lists damping fluids of over 99.8 % purity with at least 85 % dibromotetrafluoroethane
    (row 5(11)); row 35 holds the substance in containers, not in an extinguisher (METI's circular)."""
    assert {"jp:t2-35", "jp:5(11)"} <= offered("JP", name)
    assert offered("JP", name) == offered("JP", "dibromotetrafluoroethane")


@pytest.mark.parametrize(("name", "row"), [("jet mill", "jp:6(2)"), ("composite material", "jp:1(3)")])
def test_a_name_is_not_offered_a_row_that_cannot_hold_it(name: str, row: str) -> None:
    """Row 6(2) holds machine tools (turning, milling, grinding …), not jet mills; row 1(3) holds explosives."""
    assert row not in offered("JP", name)
