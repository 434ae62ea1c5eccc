"""Legal review 107 (S37D-20): Appended Table 2 row 35 and HFCs.

Row 35 names the substances of Annexes A, B, C and E of the Montreal Protocol; no version read from 2017-02-22 to
2026-06-05 adds Annex F (the Kigali amendment's HFCs, which Japan took into its Ozone Layer Protection Act, not into
this row). So a pure HFC is a catch-all good only, an ozone-depleting substance needs row 35's approval, and a name
that may be either asks. METI's circular reads the row as substances in transport or storage containers; the
entry's note says so and cites it (source ``meti-unyou-tsutatsu-t2-35``).
"""

from __future__ import annotations

import pytest

from exportctl import determine
from tests.test_review90 import _candidates
from tests.test_screen import REGIMES

ON = "2026-12-10"


@pytest.mark.parametrize("name", ["HFC", "HFC-134a", "R-134a", "R-32", "R-410A", "R-404A"])
def test_a_pure_hfc_is_a_catch_all_good_not_a_row_35_good(name: str) -> None:
    # answered, not asked: no other entry holds the name
    answer = determine("JP", "KR", name, ON, regimes=REGIMES)
    assert answer.item.id == "jp:16"
    assert determine("JP", "CN", name, ON, regimes=REGIMES).item.id == "jp:16"


@pytest.mark.parametrize("name", ["HCFC-22", "CFC-12", "halon 1301", "methyl bromide", "四塩化炭素"])
def test_an_ozone_depleting_substance_needs_row_35_s_approval(name: str) -> None:
    answer = determine("JP", "KR", name, ON, regimes=REGIMES)
    assert (answer.item.id, answer.licence_required) == ("jp:t2-35", True)


@pytest.mark.parametrize("name", ["フロン", "フロンガス", "代替フロン", "Freon", "フレオン", "refrigerant", "冷媒"])
def test_a_name_that_may_be_an_hfc_or_an_ozone_depleting_substance_asks(name: str) -> None:
    assert {"jp:t2-35", "jp:16"} <= _candidates("JP", name)


def test_row_35_s_scope_is_cited_from_meti_s_circular() -> None:
    entry = REGIMES["JP"].entries["jp:t2-35"]
    assert "Annex F" in (entry.todo or "") and "meti-unyou-tsutatsu-t2-35" in (entry.todo or "")
    source = REGIMES["JP"].sources["meti-unyou-tsutatsu-t2-35"]
    assert "輸送用又は貯蔵用のタンク、ボンベ、缶等の容器" in source.official.quote
    assert "空調装置、冷却装置及びヒートポンプ等の冷媒" in source.official.quote


@pytest.mark.parametrize("name", ["ジブロモテトラフルオロエタン", "dibromotetrafluoroethane"])
def test_halon_2402_by_its_chemical_name_asks_between_row_35_and_the_damping_fluids_of_5_11(name: str) -> None:
    """METI's circular names ジブロモテトラフルオロエタン（ハロン２４０２） in Annex A group II; row 5(11) of Appended Table 1
    lists vibration-damping fluids mainly of it. A silent answer of either would drop the other's licence (the
    catch-all stays offered: halon in a fire extinguisher is no row 35 good)."""
    assert {"jp:t2-35", "jp:5(11)"} <= _candidates("JP", name)
