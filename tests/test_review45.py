"""Legal review 45: Japan's bulk licences lose effect for the exports the Guideline's conditions name.

METI's operation circular (Annex 1, 1-2-1 (2), (3)) sends those exports to the head office for an individual
licence; the conditions were not read, so every bulk route the answer offers says so (R45-1).
"""

from __future__ import annotations

import pytest

from exportctl import determine
from exportctl.law.regime import Regime


@pytest.mark.parametrize(("to", "on"), [("US", "2026-12-10"), ("KR", "2020-06-01")])
def test_every_bulk_route_says_it_can_lose_effect(regimes: dict[str, Regime], to: str, on: str) -> None:
    d = determine("JP", to, "jp:6(2)", on, regimes=regimes)
    bulk = [p for p in d.procedures if p.licence.endswith("_bulk")]
    assert bulk, d.routes
    for p in bulk:
        assert p.conditions and "loses effect" in p.conditions and "1-2-1" in p.conditions, p
    # With an inform notice the bulk routes are withheld, saying why (legal review 49, R49-3); the
    # individual licence stays a route: it is what the exports taken out of the bulk licence need.
    informed = determine("JP", to, "jp:6(2)", on, regimes=regimes, informed=True)
    assert informed.routes == ["individual"]
    withheld = [n for n in informed.notices if n.kind == "route_withheld"]
    assert withheld and all("1-2-1" in n.text for n in withheld)
