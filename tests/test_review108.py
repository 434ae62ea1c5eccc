"""Legal review 108 (docs/research/review-108.md): rows of Korea's Annex 2 read for names that answered silently,
the rebreathers of 8A002.q and the propellant chemicals of 1C111.

Why: nine rows list their goods only above figures or with a "designed for" / "usable in" condition (3A231 neutron
generators needing both characteristics, 2B225's 0.6 m hot-cell walls, 2B119's four figures, 6A203's writing speeds
and frame rates, 9A101's thrust and weight, 3A102 thermal batteries for missiles, 2B105 furnaces for carbon-carbon
densification, 9A117 and 9A111 goods usable in missiles), so their names ask with the catch-all. The other way round,
8A002.q lists every closed and semi-closed rebreather by name (its Note frees only a diver's own apparatus travelling
with its user, given as a caution), and 1C111 names TEGDN, 2-nitrodiphenylamine, HEHN, hydrazine mononitrate, DMAZ,
DEGDN, TMETN and others without a figure: they no longer answer "unknown … ask for the catch-all".
"""

from __future__ import annotations

import pytest

from exportctl import determine
from tests.test_review_session40 import offered
from tests.test_screen import REGIMES

ON = "2026-12-10"


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("neutron generator", "kr:3A231"),
        ("중성자 발생기", "kr:3A231"),
        ("remote manipulator", "kr:2B225"),
        ("hot cell manipulator", "kr:2B225"),
        ("balancing machine", "kr:2B119"),
        ("밸런싱 머신", "kr:2B119"),
        ("high-speed camera", "kr:6A203"),
        ("radiation-hardened camera", "kr:6A203"),
        ("turbojet engine", "kr:9A101"),
        ("터보제트", "kr:9A101"),
        ("thermal battery", "kr:3A102"),
        ("열전지", "kr:3A102"),
        ("CVD furnace", "kr:2B105"),
        ("화학기상증착로", "kr:2B105"),
        ("separation mechanism", "kr:9A117"),
        ("detonation engine", "kr:9A111"),
        ("펄스제트", "kr:9A111"),
        ("streak camera", "kr:6A203"),
    ],
)
def test_a_name_listed_only_with_figures_or_a_condition_asks_with_the_catch_all(name: str, entry: str) -> None:
    assert {entry, "kr:catch-all"} <= offered("KR", name)


@pytest.mark.parametrize("name", ["단 분리 장치", "interstage"])
def test_a_rocket_s_own_staging_goods_stay_9a117_goods(name: str) -> None:
    """Legal review 103 (R103-5) read 9A117's 「"미사일"에 사용가능한 단(Stage)간의 결합, 분리 및 연결 메커니즘」 as naming
    them: a stage-separation device or an interstage is a rocket's own part, usable in missiles by what it is (only
    the English "separation mechanism", which also names machinery, asks)."""
    assert determine("KR", "CN", name, ON, regimes=REGIMES).item.id == "kr:9A117"


@pytest.mark.parametrize("name", ["rebreather", "diving rebreather", "closed circuit rebreather", "재호흡기"])
def test_a_rebreather_is_listed_by_name_and_its_personal_use_note_is_a_caution(name: str) -> None:
    found = offered("KR", name)
    assert "kr:8A002" in found and "kr:catch-all" not in found and "catch-all" not in found, found
    answer = determine("KR", "CN", "closed circuit rebreather", ON, regimes=REGIMES)
    assert "kr.caution.annex2-8A002q-personal-use" in {n.rule for n in answer.notices}


@pytest.mark.parametrize(
    "name",
    [
        "TEGDN",
        "111-22-8",
        "2-nitrodiphenylamine",
        "119-75-5",
        "HEHN",
        "hydrazine mononitrate",
        "13464-97-6",
        "hydrazinium diperchlorate",
        "trimethylhydrazine",
        "DMAZ",
        "DEGDN",
    ],
)
def test_a_propellant_chemical_1c111_names_answers_1c111(name: str) -> None:
    answer = determine("KR", "CN", name, ON, regimes=REGIMES)
    assert (answer.item.id, answer.licence_required) == ("kr:1C111", True)


@pytest.mark.parametrize("name", ["hydrazine nitrate", "TMETN", "3032-55-1", "iso-DAMTR"])
def test_a_name_both_lists_hold_asks_between_them_without_the_catch_all(name: str) -> None:
    """1C111 and ML8 both name them; which list applies decides the authority (MOTIE or DAPA), never "not listed"."""
    assert offered("KR", name) == {"kr:1C111", "kr:munitions"}


@pytest.mark.parametrize("name", ["카토신", "에틸 페로신", "n-부틸 페로신"])
def test_the_annex_s_own_korean_ferrocene_names_are_known(name: str) -> None:
    assert determine("KR", "CN", name, ON, regimes=REGIMES).item.id == "kr:munitions"
