"""The names users type never land silently on a laxer entry than the text allows (legal review 82).

Why: a name found as one entry's alias answered from that entry alone. "NC工作機械" (the Goods Order's own words for row
2(12)1) went to row 6(2), "sealed source" to Appended Table 2 (approval only) though alpha-neutron sources are row 2(19),
Korean "텅스텐합금" to 1C004, licensable to Iran, though tungsten-alloy cylinders are 1C226, refused there. Such names ask.
"""

from __future__ import annotations

import pytest

from exportctl.engine.items import resolve_item
from exportctl.errors import InputError
from tests.test_screen import REGIMES


@pytest.mark.parametrize(
    ("jurisdiction", "name", "stricter"),
    [
        ("JP", "NC工作機械", "jp:2(12)"),
        ("JP", "ＮＣ工作機械", "jp:2(12)"),
        ("JP", "tape-laying machine", "jp:4(10)"),
        ("JP", "celestial navigation equipment", "jp:4(16)"),
        ("JP", "airborne altimeter", "jp:4(18)"),
        ("JP", "radiation-hardened integrated circuit", "jp:4(26)"),
        ("JP", "analogue-to-digital converter", "jp:4(23)"),
        ("JP", "analog-to-digital converter", "jp:4(23)"),
        ("JP", "refractory metal powder", "jp:4(15)"),
        ("JP", "spherical aluminium powder", "jp:4(6)"),
        ("JP", "電子計算機", "jp:4(22)"),
        ("JP", "drone parts", "jp:4(1-2)"),
        ("JP", "CVD equipment", "jp:4(14)"),
        ("JP", "核原料物質", "jp:2(1)"),
        ("JP", "sealed source", "jp:2(19)"),
        ("JP", "gyro", "jp:4(16)"),
        # session review S33D: the row's own words ask with the stricter row, not land on it alone
        ("JP", "航空機用の高度計", "jp:11(4)"),
        ("JP", "天測航法装置", "jp:11(4)"),
        ("JP", "A/D converter", "jp:7(10)"),
        ("JP", "rad-hard IC", "jp:7(1)"),
        ("JP", "neutron source", "jp:t2-21-2"),
        # legal review 84: high-speed cameras (row 2(39)) and Korea's vacuum pumps (2B233, Part 10)
        ("JP", "streak camera", "jp:2(39)"),
        ("JP", "高速度カメラ", "jp:2(39)"),
        ("KR", "진공펌프", "kr:0B001"),
        ("KR", "텅스텐합금", "kr:1C226"),
        ("KR", "frequency changer", "kr:0B001"),
        ("KR", "mass spectrometer", "kr:0B002"),
        ("KR", "crop spraying drone", "kr:9A112"),
        ("KR", "digital computer", "kr:4A101"),
        ("KR", "CVD production equipment", "kr:2B105"),
        ("KR", "방탄복", "kr:munitions"),
        # legal review 83: Korea's headings that give way to a stricter number (「… 제외」, 「… 이외의」)
        ("KR", "solid propellant rocket motor", "kr:9A007"),
        ("KR", "composite tube", "kr:1A002"),
        ("KR", "stealth coating", "kr:1C001"),
        ("KR", "nickel powder", "kr:0B001"),
        ("KR", "copper vapour laser", "kr:0B001"),
        ("KR", "high explosive", "kr:munitions"),
        ("KR", "구형 알루미늄 분말", "kr:munitions"),
        ("KR", "protective suit", "kr:munitions"),
        ("KR", "integrated navigation system", "kr:7A003"),
        ("KR", "frequency converter", "kr:0B001"),
        ("KR", "crop-spraying UAV", "kr:9A012"),
        ("KR", "radiation hardened detector", "kr:6A002"),
        ("KR", "firing set", "kr:munitions"),
        ("KR", "fine grain graphite", "kr:0C004"),
        ("KR", "coating deposition equipment", "kr:2B105"),
    ],
)
def test_a_name_that_a_stricter_entry_also_takes_asks(jurisdiction: str, name: str, stricter: str) -> None:
    with pytest.raises(InputError) as err:
        resolve_item(REGIMES[jurisdiction], name)
    assert stricter in str(err.value), str(err.value)


def test_a_plain_computer_is_not_sent_to_the_missile_row_alone() -> None:
    # "computer" must ask (row 8 and row 4 among them, and "none of these": the catch-all, session review S33D-7),
    # never land on row 4(22) by itself.
    with pytest.raises(InputError) as err:
        resolve_item(REGIMES["JP"], "computer")
    # (the catch-all offered as its line or, since session review S40 made "quantum computer" one of its names, as
    # row 16 itself)
    assert "jp:8" in str(err.value) and ("--item catch-all" in str(err.value) or "jp:16" in str(err.value))
    with pytest.raises(InputError) as err:
        resolve_item(REGIMES["KR"], "inverter")
    assert "kr:3A225" in str(err.value) and "--item catch-all" in str(err.value)
