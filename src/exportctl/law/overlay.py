"""Overlays: accepted intake proposals, typed, applied on top of the curated regimes.

Why (docs/design.md, "Overlays"): a reviewer who accepts a news report does not edit the curated
law; the accepted proposal becomes an overlay with an explicit action, group, targets and
effective date, plus its provenance. Applying overlays is pure: curated regimes in, regimes with
the overlay's measure and membership changes out, each record citing the overlay's news sources.
Nothing is parsed from titles: retitling a proposal cannot change its legal effect.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from exportctl.law.citation import Source
from exportctl.law.loader import regime_hash
from exportctl.law.model import Measure, Membership
from exportctl.law.regime import Regime

OverlayAction = Literal["add_to_group", "remove_from_group", "measure_only"]


class Provenance(BaseModel):
    model_config = ConfigDict(extra="allow")

    sources: list[dict[str, Any]] = Field(default_factory=list)
    corroboration: int = 1
    conflicts: list[Any] = Field(default_factory=list)
    reviewer: str | None = None
    decided: str | None = None


class Overlay(BaseModel):
    """One accepted proposal as law data: what it does, to whom, from when, and why we believe it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    jurisdiction: str
    action: OverlayAction
    group: str | None = Field(None, description="The group added to or removed from (regime data: preferred_group)")
    targets: list[str] = Field(default_factory=list)
    effective: dt.date | None = None
    measure: Measure
    provenance: Provenance = Field(default_factory=Provenance)


def apply_overlays(regimes: dict[str, Regime], overlays: list[Overlay]) -> dict[str, Regime]:
    """Regimes with the overlays' measures and membership changes applied (curated data untouched)."""
    out = dict(regimes)
    for jur, regime in regimes.items():
        mine = [o for o in overlays if o.jurisdiction == jur]
        if not mine:
            continue
        measures = dict(regime.measures)
        groups = {gid: g.model_copy(update={"members": list(g.members)}) for gid, g in regime.groups.items()}
        for o in mine:
            measures[o.measure.id] = o.measure
            if o.action == "measure_only" or o.effective is None or o.group not in groups:
                continue
            day = o.effective
            source = Source.model_validate(o.measure.effective.source.model_dump()) if o.measure.effective else None
            if source is None:
                continue
            target_group = groups[o.group]
            for country in o.targets:
                for g in groups.values():
                    if g.kind != "category" or (o.action == "remove_from_group" and g.id != target_group.id):
                        continue
                    members = []
                    for mem in g.members:
                        if mem.country == country and mem.covers(day):
                            if mem.valid_from == day:
                                continue
                            mem = mem.model_copy(update={"valid_to": day, "ended_by": o.measure.id})
                        members.append(mem)
                    groups[g.id] = g.model_copy(update={"members": members})
                if o.action == "add_to_group":
                    new = Membership(
                        country=country,
                        valid_from=day,
                        measure=o.measure.id,
                        source=source,
                        todo="from intake: accepted proposal, not curated data",
                    )
                    g = groups[target_group.id]
                    groups[g.id] = g.model_copy(update={"members": [*g.members, new]})
        view = replace(regime, measures=measures, groups=groups, origin="overlay")
        view.__dict__["_known_views"] = {}
        view.version = regime_hash(view)
        out[jur] = view
    return out
