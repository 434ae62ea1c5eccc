"""Legal review 110 (docs/research/review-110.md): the 77 Korean names legal review 109 could not read.

Why: every one of them is listed by Korea's Annex 2 only above figures, with cumulative characteristics or "designed /
usable for" a stated use (1A001-1A003 composites and films, 1B-group production and nuclear equipment, 1C-group alloys,
fluids, ceramics, glass fibre, rocket materials, engineered organisms, 2A225 crucibles, 2B-group machine tools,
encoders, end-effectors, rotary tables, spin-forming machines, test tables, furnaces, reactors, gas monitors,
biological equipment, metal printers, 2D002 software); the 66 that answered "licence required" silently now ask with
the catch-all, as reviews 108 and 109 did. A filament winding machine of three axes is 1B001.a's, so the Korean name
is offered 1B001 as well as 1B201. Nitroguanidine alone stays 1C011's: Annex 3 ML8 Note 1.dd takes it out of ML8
unless mixed with ML8.a or ML8.c goods (R110-25, closing R109-19).
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
        ("turboexpander", "kr:1B232"),
        ("fuel bladder", "kr:1A001"),
        ("polyimide film", "kr:1A003"),
        ("explosive containment vessel", "kr:1B234"),
        ("magnetostrictive alloy", "kr:1C003"),
        ("damping fluid", "kr:1C006"),
        ("glass fibre", "kr:1C210"),
        ("duplex stainless steel", "kr:1C118"),
        ("genetically modified organism", "kr:1C353"),
        ("toxic gas monitor", "kr:2B351"),
        ("spray dryer", "kr:2B352"),
        ("도가니", "kr:2A225"),
        ("gear grinding machine", "kr:2B003"),
        ("linear encoder", "kr:2B006"),
        ("틸팅 스핀들", "kr:2B008"),
        ("spin forming machine", "kr:2B009"),
        ("motion simulator", "kr:2B120"),
        ("vacuum arc remelting furnace", "kr:2B227"),
        ("metal 3D printer", "kr:2B901"),
        ("수치제어 소프트웨어", "kr:2D002"),
    ],
)
def test_a_korean_name_listed_only_within_figures_asks_with_the_catch_all(name: str, entry: str) -> None:
    assert {entry, "kr:catch-all"} <= offered("KR", name)


def test_a_filament_winding_machine_is_offered_both_rows_that_hold_one() -> None:
    assert {"kr:1B001", "kr:1B201", "kr:catch-all"} <= offered("KR", "필라멘트 와인딩 머신")


@pytest.mark.parametrize("name", ["nitroguanidine", "니트로구아니딘"])
def test_nitroguanidine_alone_is_no_munitions_item(name: str) -> None:
    assert determine("KR", "CN", name, ON, regimes=REGIMES).item.id == "kr:1C011"
