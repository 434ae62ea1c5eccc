"""Knowledge time: the law as a diligent exporter could have known it on a given day.

Effective time (the shipment date) and knowledge time (what had been announced or published)
are two clocks. A record brought in by a measure nobody had announced by day K is dropped from
the view on K; an interval ended by a measure unknown on K stays open. Because every interval
names both measures, this needs no special cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TypeVar

from exportctl.law.model import Dated
from exportctl.law.regime import Regime

D = TypeVar("D", bound=Dated)

#: Sentinel start for entries whose listing was not yet known: never in force in that view.
NEVER = dt.date.max


def measure_known(regime: Regime, measure_id: str | None, day: dt.date) -> bool:
    if measure_id is None:
        return True
    m = regime.measures.get(measure_id)
    return m is None or m.public_on is None or m.public_on <= day


def _filter(regime: Regime, records: list[D], day: dt.date) -> list[D]:
    out: list[D] = []
    for rec in records:
        if not measure_known(regime, rec.measure, day):
            continue
        if rec.ended_by and not measure_known(regime, rec.ended_by, day):
            rec = rec.model_copy(update={"valid_to": None})
        out.append(rec)
    return out


def as_known_on(regime: Regime, day: dt.date) -> Regime:
    """A view of ``regime`` with only what had been announced or published by ``day``."""
    cache: dict[dt.date, Regime] = regime.__dict__.setdefault("_known_views", {})
    if day in cache:
        return cache[day]
    entries = {}
    for e in regime.entries.values():
        if not measure_known(regime, e.measure, day):
            e = e.model_copy(update={"valid_from": NEVER, "valid_to": None})
        elif e.ended_by and not measure_known(regime, e.ended_by, day):
            e = e.model_copy(update={"valid_to": None})
        entries[e.id] = e
    groups = {
        gid: g.model_copy(update={"members": _filter(regime, list(g.members), day)}) for gid, g in regime.groups.items()
    }
    view = replace(
        regime,
        groups=groups,
        entries=entries,
        rules=_filter(regime, regime.rules, day),
        catch_all=_filter(regime, regime.catch_all, day),
        exemptions=_filter(regime, regime.exemptions, day),
    )
    view.__dict__["_known_views"] = {}
    cache[day] = view
    return view
