"""Knowledge time: the law as a diligent exporter could have known it on a given day.

Effective time (the shipment date) and knowledge time (what had been announced or published)
are two clocks. A record brought in by a measure nobody had announced by day K is dropped from
the view on K; an interval ended by a measure unknown on K stays open. The same view answers
"what if this measure had never been made" (impact analysis).

A record that names no measure (the data could not find what brought it in: a membership first
read in a later version of a list, a caution) is known from its own first day and not before:
nothing says it was announced earlier, and a warning that it was (a ``pending_change`` on a
shipment years before it) would claim what no source says.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
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


def unsourced_start(rec: Dated) -> dt.date | None:
    """The first day of a record that names no measure (the day it is known from), else None."""
    if rec.measure is None and rec.valid_from is not None and dt.date.min < rec.valid_from < dt.date.max:
        return rec.valid_from
    return None


def _record_known(rec: Dated, known: Known, day: dt.date | None) -> bool:
    start = unsourced_start(rec)
    if start is not None and day is not None:
        return start <= day
    return known(rec.measure)


def _filter(records: list[D], known: Known, day: dt.date | None = None) -> list[D]:
    out: list[D] = []
    for rec in records:
        if not _record_known(rec, known, day):
            continue
        if rec.ended_by and not known(rec.ended_by):
            rec = rec.model_copy(update={"valid_to": None})
        out.append(rec)
    return out


def view_of(regime: Regime, known: Known, day: dt.date | None = None) -> Regime:
    """The regime as if only the measures for which ``known`` is true had been made; with ``day``,
    also without the records that name no measure and begin after it (see the module's note)."""
    entries = {}
    for e in regime.entries.values():
        if not _record_known(e, known, day):
            e = e.model_copy(update={"valid_from": NEVER, "valid_to": None})
        elif e.ended_by and not known(e.ended_by):
            e = e.model_copy(update={"valid_to": None})
        entries[e.id] = e
    groups = {
        gid: g.model_copy(update={"members": _filter(list(g.members), known, day)}) for gid, g in regime.groups.items()
    }
    view = replace(
        regime,
        groups=groups,
        entries=entries,
        rules=_filter(regime.rules, known, day),
        catch_all=_filter(regime.catch_all, known, day),
        exemptions=_filter(regime.exemptions, known, day),
        prohibitions=_filter(regime.prohibitions, known, day),
        cautions=_filter(regime.cautions, known, day),
    )
    view.__dict__["_known_views"] = {}
    return view


def _stage(regime: Regime, kind: str, day: dt.date) -> int:
    """Which of the regime's publication (or announcement) days ``day`` is past: the view's key.

    Why: a view depends on ``day`` only through which measures are known by then, and that
    changes on the measures' own days alone. Keying views by that count instead of by the day
    makes every day between two publications share one view, and bounds the views a
    long-running server holds by the number of such days, however many dates it is asked about.
    """
    days: list[dt.date] | None = regime.__dict__.get(f"_{kind}_days")
    if days is None:
        if kind == "published":
            found = {m.published_on for m in regime.measures.values()}
        else:
            found = {m.public_on for m in regime.measures.values()}
        found |= unsourced_days(regime)  # known from their own first day
        days = sorted(d for d in found if d is not None)
        regime.__dict__[f"_{kind}_days"] = days
    return bisect_right(days, day)


def unsourced_days(regime: Regime) -> set[dt.date]:
    """The first days of the records that name no measure: days on which what is known changes."""
    return {d for d in map(unsourced_start, [*regime.dated_records(), *regime.cautions]) if d is not None}


def as_known_on(regime: Regime, day: dt.date) -> Regime:
    """The law as published by ``day``: drafts and announcements are left out (they warn)."""
    cache: dict[tuple[str, int], Regime] = regime.__dict__.setdefault("_known_views", {})
    key = ("published", _stage(regime, "published", day))
    if key not in cache:
        cache[key] = view_of(regime, lambda mid: measure_known(regime, mid, day), day)
    return cache[key]


def as_announced_on(regime: Regime, day: dt.date) -> Regime:
    """The law as it would be if everything announced by ``day`` were made: for warnings only."""
    cache: dict[tuple[str, int], Regime] = regime.__dict__.setdefault("_known_views", {})
    key = ("announced", _stage(regime, "announced", day))
    if key not in cache:
        cache[key] = view_of(regime, lambda mid: measure_announced(regime, mid, day), day)
    return cache[key]


def without_measures(regime: Regime, measure_ids: Iterable[str]) -> Regime:
    """The regime as if these measures had never been made (for impact analysis)."""
    dropped = frozenset(measure_ids)
    view = view_of(regime, lambda mid: mid is None or mid not in dropped)
    view.version = f"{regime.version}-without-{'+'.join(sorted(dropped))}"
    return view
