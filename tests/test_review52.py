"""Legal review 52, R52-1: entries of rows 5-15 whose own words in Appended Table 1 leave out the goods of
rows 1, 2 or 4 (arms, nuclear-related, rockets), which have no small-value exemption (ETCO Art. 4(1)(v)
names rows 5-13 and 15 only), answered "no licence" at JPY 40,000 with no word that such goods are not
this entry's. Review 30 mended the pattern for rows 5-7, 11 and 13; these were missed (read in the
version in force 2026-06-05).
"""

from __future__ import annotations

import pytest

from exportctl import determine
from tests.test_screen import REGIMES

EXCLUDED = [
    ("jp:5(20)", "row-2-excluded"),
    ("jp:5(20)", "row-4-excluded"),
    ("jp:8", "row-4-excluded"),
    ("jp:10(2)", "row-2-excluded"),
    ("jp:10(4)", "row-2-excluded"),
    ("jp:10(8)", "row-2-excluded"),
    ("jp:10(11)", "row-4-excluded"),
    ("jp:12(1)", "row-1-excluded"),
    ("jp:12(2)", "row-1-excluded"),
    ("jp:12(5)", "row-2-excluded"),
    ("jp:15(2)", "row-4-excluded"),
    ("jp:15(3)", "row-2-excluded"),
    ("jp:15(8)", "row-1-excluded"),
    ("jp:15(9)", "row-1-excluded"),
    ("jp:15(10)", "row-4-excluded"),
]


@pytest.mark.parametrize(("entry", "caution"), EXCLUDED)
def test_a_small_value_no_licence_names_the_stricter_row_the_entry_leaves_out(entry: str, caution: str) -> None:
    d = determine("JP", "BW", entry, "2026-12-10", value=40000, regimes=REGIMES)
    assert d.needs == [], "the exemption itself is right for goods that are the entry's"
    assert f"jp.caution.{caution}" in [n.rule for n in d.notices]
