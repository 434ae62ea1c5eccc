"""Control numbers typed into Japan's list never land silently on a laxer row (legal review 81).

Why: Japan's rows 5-15 carry the small-value exemption and bulk licences and give way, by their own words
(「…の項の中欄に掲げるものを除く。」), to rows 2 and 4, which have neither. A shared number whose goods the Goods Order
also places in row 2 or 4 (hot isostatic presses 2B004: Art. 1(19), Art. 3(14); boron powder 1C011.b: Art. 3(7)ト;
filament winders 1B001: Art. 1(35), Art. 3(11)) answered "no licence" at JPY 30,000 through the row it landed on. Such
a number now asks, as 9A004 and 9B010 do; a sub-item number (3A001.a) asks as its bare number does.
"""

from __future__ import annotations

import pytest

from exportctl.engine.items import resolve_item
from exportctl.errors import InputError
from tests.test_screen import REGIMES


@pytest.mark.parametrize(
    ("number", "stricter"),
    [
        ("1C011.b", "jp:4(6)"),
        ("2B004", "jp:2(14)"),
        ("2B004", "jp:4(13)"),
        ("2B009", "jp:2(11)"),
        ("1B001", "jp:2(30)"),
        ("filament winding machine", "jp:4(10)"),
        ("1C010", "jp:2(17)"),
        ("2B001", "jp:2(12)"),
        ("2B007", "jp:2(15)"),
        ("6A005", "jp:2(31)"),
        ("6A003", "jp:2(39)"),
        ("2A001", "jp:4(5-2)"),
        ("7A004", "jp:4(16)"),
        ("star tracker", "jp:4(16)"),
        ("7A005", "jp:4(18)"),
        ("6A007", "jp:4(19)"),
        ("9A001", "jp:4(3)"),
        ("9B005", "jp:4(24)"),
        ("1C001", "jp:4(25)"),
        ("4A001", "jp:4(22)"),
        ("1A002", "jp:4(15)"),
        ("レーダー", "jp:4(18)"),
        ("3A001.a", "jp:4(26)"),
        ("6A002.a", "jp:15(6)"),
    ],
)
def test_a_number_whose_goods_a_stricter_row_also_takes_asks(number: str, stricter: str) -> None:
    with pytest.raises(InputError) as err:
        resolve_item(REGIMES["JP"], number)
    assert stricter in str(err.value), str(err.value)


def test_a_sub_item_held_by_one_row_alone_still_resolves() -> None:
    assert resolve_item(REGIMES["JP"], "3A001.a.1").id == "jp:4(26)"


#: Numbers Korea tags NSG or MTCR whose stricter Japanese row (1-4) for the tagged sub-items was not identified:
#: each with why, so that a new number of that kind fails the test below until someone reads the Goods Order for it.
_STRICTER_ROW_NOT_READ = {
    "1B002": "powder-production equipment: the row-4 item for its MTCR-tagged sub-items not identified",
    "1C007": "ceramic composites (1C007.a MTCR-tagged): whether Art. 3(16)'s composites take them not read",
    "6B008": "radar cross-section measurement systems: the row-4 item not identified",
}


def test_every_number_korea_tags_nsg_or_mtcr_offers_japan_s_stricter_rows() -> None:
    # Legal review 81, R81-11: the guard the silent landings lacked. Korea's tags point to the goods the regimes'
    # own lists take; Japan puts those in rows 1-4 (no small-value exemption, no bulk licence).
    tagged = next(c for c in REGIMES["KR"].cautions if c.id == "kr.caution.iran-regime-tags").entries
    left: list[str] = []
    for number in (e.removeprefix("kr:") for e in tagged):
        if number[1] in "DE" or number in _STRICTER_ROW_NOT_READ:  # software and technology: Japan holds goods only
            continue
        try:
            offered = [resolve_item(REGIMES["JP"], number).id]
        except InputError as err:
            offered = [str(err)]
        if not any(f"jp:{row}(" in o for o in offered for row in ("1", "2", "3", "3-2", "4")):
            left.append(number)
    assert not left, left
