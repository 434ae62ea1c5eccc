"""Korea's Part 10 (nuclear-only items, Annex 2 of the Public Notice) read down to its sub-items.

Why: the fourteen Part 10 numbers were first held by their headings only, so a user naming a
sub-item ("gas centrifuge", "UF6 mass spectrometer", the Korean "가스원심분리기") got "unknown item"
rather than the number, the licence requirement and the NSSC caution. The sub-items were then
read in the 2025-37 copy (offsets in each source's note); these tests pin what was read: the names
resolve to their number, every number says it was read in full, and the [민감] marks printed in
the number column agree between the entry and its source.
"""

from __future__ import annotations

import pytest

from exportctl import determine
from exportctl.law.regime import Regime

PART10 = [
    "0A001",
    "0B001",
    "0B002",
    "0B003",
    "0B004",
    "0B005",
    "0B006",
    "0B007",
    "0C001",
    "0C002",
    "0C003",
    "0C004",
    "0D001",
    "0E001",
]


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("gas centrifuge for uranium enrichment", "kr:0B001"),  # 0B001.b.1
        ("가스원심분리기", "kr:0B001"),  # 0B001.b.1, Korean column
        ("separation nozzle for aerodynamic enrichment", "kr:0B001"),  # 0B001.d.1
        ("UF6 mass spectrometer", "kr:0B002"),  # 0B002.g, not 3A233 (which excludes 0B002.g)
        ("external thermal shield for a nuclear reactor", "kr:0A001"),  # 0A001.k
        ("물-황화수소 교환탑", "kr:0B004"),  # 0B004.b.1
        ("irradiated fuel chopping machine", "kr:0B006"),  # 0B006.b
    ],
)
def test_sub_item_names_resolve_to_their_number(regimes: dict[str, Regime], name: str, number: str) -> None:
    d = determine("KR", "CN", name, "2026-06-01", regimes=regimes)
    assert d.item.id == number
    assert d.licence_required is True
    assert "kr.caution.part10-nssc" in {n.rule for n in d.notices}


def test_every_part10_number_was_read_in_full(regimes: dict[str, Regime]) -> None:
    kr = regimes["KR"]
    for num in PART10:
        entry = kr.entries[f"kr:{num}"]
        source = kr.sources[f"annex2-{num}"]
        todo = entry.todo or ""
        assert "read in full" in todo and "not read" not in todo, (num, todo)
        assert "read in full" in (source.note or ""), num


def test_sensitive_marks_agree_between_entry_and_source(regimes: dict[str, Regime]) -> None:
    """An entry's title says 'marked sensitive' exactly when its source quotes a [민감] mark."""
    kr = regimes["KR"]
    marked = {num for num in PART10 if "[민감]" in (kr.sources[f"annex2-{num}"].note or "")}
    titled = {num for num in PART10 if "marked sensitive" in kr.entries[f"kr:{num}"].title}
    assert marked == titled == {"0B001", "0B002", "0B006", "0B007"}
    for num in PART10:
        assert "[초민감]" not in (kr.sources[f"annex2-{num}"].note or "").replace("no [초민감]", "")
