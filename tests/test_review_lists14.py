"""Review of the control lists 14 (2026-12-04): entries checked against the official text.

Each test states what the official text says; each failed on the data before the mend of the same day.
Texts read: the Goods Order (輸出貿易管理令別表第一及び外国為替令別表の規定に基づき貨物又は技術を定める省令,
e-Gov 403M50000400049) in the version in force 2026-02-14 (令和七年経済産業省令第七十二号) and the Export Trade
Control Order (e-Gov 324CO0000000378) in the version of 2026-06-05, both through the verbatim e-Gov copy
xyna-bpinelab/law-as-code-fefta (jurisdictions/jp/processed/markdown/ministerial_orders/403M50000400049.md and
cabinet_orders/324CO0000000378.md @ 075bc886de88e53cb68b9b8e80b32a961774b80e); Korea's Annex 2 of the Public
Notice (고시 제2025-37호) as quoted in src/exportctl/regimes/kr/sources.yaml (law.go.kr, read via genonai/admrul_data).
"""

from __future__ import annotations

import pytest

from exportctl import determine
from exportctl.engine.classify import parameters_of
from exportctl.errors import InputError
from exportctl.law.regime import Regime

NEXT_WEEK = "2026-12-11"

HARD_MASK = (
    "Goods Order Art. 6(17)ヰ as in force 2026-02-14: '厚さが二マイクロメートル超であり、かつ、密度が一立方センチメートル"
    "当たり一・七グラム超のカーボンハードマスクをプラズマを用いた化学的気相成長法により成膜するように設計した装置'; "
    "the data shows the 2023 wording (thickness over 100 nm, stress under 450 MPa) as the deciding parameters, so a "
    "3 um, 600 MPa, 1.8 g/cm3 hard-mask tool, caught today, reads as not caught"
)
LOW_K_GAP_FILL = (
    "Goods Order Art. 6(17)オ as in force 2026-02-14: '金属配線間の隙間（幅が二五ナノメートル未満であり、かつ、当該幅に対する"
    "深さの比率が一倍以上のものに限る。）'; the data shows the 2023 'depth over 50 nm', so a 20 nm wide, 30 nm deep gap "
    "(aspect ratio 1.5, caught today) reads as not caught"
)
OPTICAL_FINISHING = (
    "ETCO Appended Table 1 row 6(2) '数値制御を行うことができる工作機械', specified by Goods Order Art. 5(4) "
    "'数値制御を行うことができる光学仕上げ工作機械であって、選択的に材料を除去することにより非球形な光学的表面に加工することが"
    "できるもの' (form under 1.0 um, roughness under 100 nm rms, 4 or more contouring axes, MRF/ERF/particle beam/"
    "inflatable membrane/fluid jet), which is Korea's 2B002 (annex2-2B002: 'Numerically controlled optical finishing "
    "machine tools ... non-spherical optical surfaces'); no JP entry pairs 2B002, so check -e JP -i 2B002 is 'unknown'"
)
DRY_ETCH = (
    "Goods Order Art. 6(17)カ(二) as in force 2026-02-14 catches anisotropic dry etchers with gas switching valves of "
    "'切替時間が五〇〇ミリ秒未満' and an electrostatic chuck of '一〇以上' zones; Korea's 3B901.b (annex2-3B901) needs "
    "'300ms 미만' and '20개 이상': Japan's カ is wider than 3B901, which the pairing does not say"
)
PELLICLE_TOOLS = (
    "Goods Order Art. 6(17)ル is 'ペリクル（極端紫外を用いて集積回路を製造するための装置用に特に設計したものに限る。）を製造する"
    "ための装置' and ワ is '極端紫外...用に調合したレジストを塗布し、成膜し、加熱し、又は現像するために設計した装置': "
    "neither is lithography/exposure equipment, which is what their English titles say"
)
UAV = (
    'Korea\'s Annex 2 heads two numbers with 무인항공기: 9A012 (\'다음의 "무인항공기" ("UAVs") ... 주의: 9A112 참조\') '
    "and 9A112 ('9A012에 명시되지 않은 \"무인항공기\"(\"UAVs\")로서'); 'drone' / 'UAV' / '무인항공기' answer 9A012 with "
    "no candidate, where Japan's list answers 'drone' with an ambiguity"
)


def test_carbon_hard_mask_tool_shows_the_parameters_in_force(regimes: dict[str, Regime]) -> None:
    params = " ".join(parameters_of(regimes["JP"].entries["jp:7(16)-wi"]))
    assert "二マイクロメートル超" in params
    assert "四五〇メガパスカル" not in params


def test_low_k_gap_fill_tool_shows_the_parameters_in_force(regimes: dict[str, Regime]) -> None:
    params = " ".join(parameters_of(regimes["JP"].entries["jp:7(16)-o"]))
    assert "五〇ナノメートル超" not in params
    assert "比率が一倍以上" in params


def test_optical_finishing_machine_tools_2b002_are_row_6_2(regimes: dict[str, Regime]) -> None:
    d = determine("JP", "CN", "2B002", NEXT_WEEK, regimes=regimes)
    assert d.item.id == "jp:6(2)"
    assert d.licence_required is True


def test_dry_etch_pairing_with_3b901_says_japan_is_wider(regimes: dict[str, Regime]) -> None:
    entry = regimes["JP"].entries["jp:7(16)-ka"]
    assert any(e.code == "3B901" for e in entry.equivalents)
    assert "wider" in (entry.todo or "")


def test_pellicle_and_euv_track_tools_are_titled_as_the_text_says(regimes: dict[str, Regime]) -> None:
    jp = regimes["JP"].entries
    assert "pellicle" in jp["jp:7(16)-ru"].title.lower()
    assert "resist" in jp["jp:7(16)-wa"].title.lower()


@pytest.mark.parametrize("item", ["drone", "UAV", "unmanned aerial vehicle", "무인항공기", "드론"])
def test_a_uav_name_in_korea_is_an_ambiguity_naming_9a112(regimes: dict[str, Regime], item: str) -> None:
    with pytest.raises(InputError, match="9A112"):
        determine("KR", "CN", item, NEXT_WEEK, regimes=regimes)
