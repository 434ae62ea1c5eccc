"""Accepted proposals as overlays the engine uses, never edits of the curated data.

An overlay regime is the curated regime plus the accepted intake measures. Group changes with an
effective date also change memberships: adding a country to the preferred group (Japan's Group A,
Korea's region Ga) ends its current category membership and starts the new one; removing it ends
the preferred membership (the country falls to the default group, with its caveat). Every such
record cites the intake measure and its news source, so traces show where it came from, and the
regime version changes, so every answer names the data it used.
"""

from __future__ import annotations

import warnings
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from exportctl.law.citation import Source
from exportctl.law.loader import regime_hash
from exportctl.law.model import Measure, Membership
from exportctl.law.regime import Regime

PREFERRED = {"JP": "jp:A", "KR": "kr:Ga"}
ACTIONS = {"add": "add_to_preferred_list", "remove": "remove_from_preferred_list"}


def _action(measure: dict[str, Any]) -> str | None:
    title = measure.get("title", "")
    if title.startswith("add to preferred list"):
        return "add"
    if title.startswith("remove from preferred list"):
        return "remove"
    return None


def apply_overlays(regimes: dict[str, Regime], overlays: list[dict[str, Any]]) -> dict[str, Regime]:
    """Regimes with accepted intake measures (and their membership changes) applied."""
    out = dict(regimes)
    for jur, regime in regimes.items():
        mine = [o for o in overlays if o.get("authority") == jur]
        if not mine:
            continue
        measures = dict(regime.measures)
        groups = {gid: g.model_copy(update={"members": list(g.members)}) for gid, g in regime.groups.items()}
        for raw in mine:
            data = {k: v for k, v in raw.items() if k in Measure.model_fields}
            try:
                measure = Measure.model_validate({**data, "origin": "intake"})
            except ValidationError as exc:  # a damaged proposal must not take the law down with it
                warnings.warn(f"intake overlay {raw.get('id')!r} skipped: {exc.errors()[0]['msg']}", stacklevel=2)
                continue
            measures[measure.id] = measure
            action, effective = _action(raw), measure.effective
            if action is None or effective is None or jur not in PREFERRED:
                continue
            day, source = effective.date, Source.model_validate(effective.source.model_dump())
            preferred = groups[PREFERRED[jur]]
            for country in measure.targets:
                for g in groups.values():
                    if g.kind != "category" or (action == "remove" and g.id != preferred.id):
                        continue
                    members = []
                    for mem in g.members:
                        if mem.country == country and mem.covers(day):
                            if mem.valid_from == day:
                                continue
                            mem = mem.model_copy(update={"valid_to": day, "ended_by": measure.id})
                        members.append(mem)
                    groups[g.id] = g.model_copy(update={"members": members})
                if action == "add":
                    new = Membership(
                        country=country,
                        valid_from=day,
                        measure=measure.id,
                        source=source,
                        todo="from intake: accepted proposal, not curated data",
                    )
                    g = groups[preferred.id]
                    groups[g.id] = g.model_copy(update={"members": [*g.members, new]})
        view = replace(regime, measures=measures, groups=groups, origin="overlay")
        view.__dict__["_known_views"] = {}
        view.version = regime_hash(view)
        out[jur] = view
    return out


def overlay_warning(regime: Regime) -> str | None:
    intake = [m.id for m in regime.measures.values() if m.origin == "intake"]
    if not intake:
        return None
    return f"includes intake overlays (accepted proposals, not curated data): {', '.join(sorted(intake))}"
