"""Korea's Annex 2 was read in one version only (고시 제2025-37호, in force 2025-12-31).

Why: the Notice was amended again by 고시 제2026-101호 (in force 2026-09-01), whose annexes are
file links in every copy found, and older versions were not read either. An answer about a control
number of Annex 2 for a date outside the version read must say so; otherwise a number printed
differently (or not at all) on the shipment date would be answered as if the 2025-12-31 text
governed. These tests tie the two date cautions to *every* Annex 2 number the data holds, Part 10
(nuclear-only items) included, so a number added later without them fails here.
"""

from __future__ import annotations

from exportctl import determine
from exportctl.law.regime import Regime

AFTER = "kr.caution.annex2-from-2026-09-01"
BEFORE = "kr.caution.annex2-before-2025-12-31"
ANNEX2 = "Public Notice on Trade of Strategic Items, Annex 2"


def _annex2_numbers(regime: Regime) -> set[str]:
    """Entries that are control numbers of Annex 2 (by their locator), not the two classes."""
    return {e.id for e in regime.entries.values() if (e.locator or "").startswith(ANNEX2)}


def _caution(regime: Regime, caution_id: str) -> set[str]:
    found = [c for c in regime.cautions if c.id == caution_id]
    assert len(found) == 1, f"{caution_id} missing or duplicated"
    return set(found[0].entries)


def test_every_annex2_number_is_under_both_date_cautions(regimes: dict[str, Regime]) -> None:
    kr = regimes["KR"]
    numbers = _annex2_numbers(kr)
    assert len(numbers) >= 383, len(numbers)  # 369 of parts 1-9 and 14 of Part 10 at least
    for caution_id in (AFTER, BEFORE):
        missing = sorted(numbers - _caution(kr, caution_id))
        assert not missing, f"{caution_id} does not name {missing}"


def test_part10_number_on_a_date_after_2026_09_01_is_warned(regimes: dict[str, Regime]) -> None:
    d = determine("KR", "CN", "0A001", "2026-12-01", regimes=regimes)
    assert d.licence_required is True
    assert any("Annex 2 of 고시 제2026-101호 not read" in w for w in d.warnings), d.warnings
    assert AFTER in {n.rule for n in d.notices}


def test_part10_number_before_2025_12_31_is_warned(regimes: dict[str, Regime]) -> None:
    d = determine("KR", "CN", "0C004", "2025-06-01", regimes=regimes)
    assert any("Annex 2 item read only in its version of 2025-12-31" in w for w in d.warnings), d.warnings


def test_the_version_read_itself_carries_neither_date_caution(regimes: dict[str, Regime]) -> None:
    """Between 2025-12-31 and 2026-08-31 the text read is the text in force: no date warning."""
    d = determine("KR", "CN", "0A001", "2026-06-01", regimes=regimes)
    rules = {n.rule for n in d.notices}
    assert AFTER not in rules and BEFORE not in rules, rules
