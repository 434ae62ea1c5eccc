"""Knowledge time: the law as a diligent exporter could have known it on a given day.

Effective time (the shipment date) and knowledge time (what had been announced or published)
are two clocks. A record brought in by a measure nobody had announced by day K is dropped from
the view on K; an interval ended by a measure unknown on K stays open. Because every interval
names both measures, this needs no special cases, and the same view answers "what if this
measure had never been made" (impact analysis).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TypeVar

from exportctl.law.model import Dated
from exportctl.law.regime import Regime

D = TypeVar("D", bound=Dated)
Known = Callable[[str | None], bool]

#: Sentinel start for entries whose listing was not yet known: never in force in that view.
NEVER = dt.date.max


def measure_known(regime: Regime, measure_id: str | None, day: dt.date) -> bool:
    """Published (promulgated, or in force) by ``day``: law a diligent exporter could read."""
    if measure_id is None:
        return True
    m = regime.measures.get(measure_id)
    return m is None or m.published_on is None or m.published_on <= day


def measure_announced(regime: Regime, measure_id: str | None, day: dt.date) -> bool:
    """Announced in any form by ``day``, drafts in public comment included: matter for warnings."""
    if measure_id is None:
        return True
    m = regime.measures.get(measure_id)
    return m is None or m.public_on is None or m.public_on <= day


def _filter(records: list[D], known: Known) -> list[D]:
    out: list[D] = []
    for rec in records:
        if not known(rec.measure):
            continue
        if rec.ended_by and not known(rec.ended_by):
            rec = rec.model_copy(update={"valid_to": None})
        out.append(rec)
    return out


def view_of(regime: Regime, known: Known) -> Regime:
    """The regime as if only the measures for which ``known`` is true had been made."""
    entries = {}
    for e in regime.entries.values():
        if not known(e.measure):
            e = e.model_copy(update={"valid_from": NEVER, "valid_to": None})
        elif e.ended_by and not known(e.ended_by):
            e = e.model_copy(update={"valid_to": None})
        entries[e.id] = e
    groups = {
        gid: g.model_copy(update={"members": _filter(list(g.members), known)}) for gid, g in regime.groups.items()
    }
    view = replace(
        regime,
        groups=groups,
        entries=entries,
        rules=_filter(regime.rules, known),
        catch_all=_filter(regime.catch_all, known),
        exemptions=_filter(regime.exemptions, known),
        prohibitions=_filter(regime.prohibitions, known),
        cautions=_filter(regime.cautions, known),
    )
    view.__dict__["_known_views"] = {}
    return view


def as_known_on(regime: Regime, day: dt.date) -> Regime:
    """The law as published by ``day``: drafts and announcements are left out (they warn)."""
    cache: dict[tuple[str, dt.date], Regime] = regime.__dict__.setdefault("_known_views", {})
    if ("published", day) not in cache:
        cache["published", day] = view_of(regime, lambda mid: measure_known(regime, mid, day))
    return cache["published", day]


def as_announced_on(regime: Regime, day: dt.date) -> Regime:
    """The law as it would be if everything announced by ``day`` were made: for warnings only."""
    cache: dict[tuple[str, dt.date], Regime] = regime.__dict__.setdefault("_known_views", {})
    if ("announced", day) not in cache:
        cache["announced", day] = view_of(regime, lambda mid: measure_announced(regime, mid, day))
    return cache["announced", day]


def without_measures(regime: Regime, measure_ids: Iterable[str]) -> Regime:
    """The regime as if these measures had never been made (for impact analysis)."""
    dropped = frozenset(measure_ids)
    view = view_of(regime, lambda mid: mid is None or mid not in dropped)
    view.version = f"{regime.version}-without-{'+'.join(sorted(dropped))}"
    return view
