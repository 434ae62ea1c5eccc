"""Knowledge time: the law as a diligent exporter could have known it on a given day.

Effective time (the shipment date) and knowledge time (what had been announced or published)
are two clocks. A record brought in by a measure nobody had announced by day K is dropped from
the view on K; an interval ended by a measure unknown on K stays open. The same view answers
"what if this measure had never been made" (impact analysis).

A record that names no measure (the data could not find what brought it in: a membership first
read in a later version of a list, a caution) is known from its own first day and not before:
nothing says it was announced earlier, and a warning that it was (a ``pending_change`` on a
shipment years before it) would claim what no source says.

Unless its first day is itself a stand-in (``uncertain.stand_in``: only the first version read,
at the end of the window its start is uncertain in): such a record may have been the law, and so
published, from the window's start. Dropping it from a view of a day inside the window answered as if it had never
been made (legal review 59, R59-1: Korea's region Na-2, first read in the version in force
2025-12-31, vanished from the law as known on 2025-12-30, and a 2026 shipment to Syria was
offered licences Na-2 withholds). Such a record is known from the window's start; its first day
in force stays the data's, with the ``uncertain_date`` warning inside the window, and the day is
no announced change (:func:`with_stand_ins_begun`): no source dates it.
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
    """Published (promulgated, or in force) by ``day``: law a diligent exporter could read.

    A measure with no date at all (the amendment was not found) is taken as published in every view,
    its records in force on their own days; one that was announced, decided or put out for comment
    but has neither a promulgation nor an entry into force is a draft, never published law (legal
    review 59, R59-6: the two were alike).
    """
    if measure_id is None:
        return True
    m = regime.measures.get(measure_id)
    if m is None:
        return True
    if m.published_on is None:
        return m.public_on is None
    return m.published_on <= day


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


def known_from(rec: Dated) -> dt.date | None:
    """The day from which a record that names no measure is known (else None): its first day, or,
    where that day is a stand-in (``uncertain.stand_in``), the start of the window it ends."""
    start = unsourced_start(rec)
    u = rec.uncertain
    if start is not None and u is not None and u.stand_in and u.start_between is not None:
        return min(u.start_between[0], start)
    return start


def is_stand_in_start(rec: Dated, day: dt.date) -> bool:
    """Whether ``rec`` begins on ``day`` only as the data's stand-in for a day it does not know
    (``uncertain.stand_in``): whatever the knowledge day, such a first day is no announced change
    (legal review 62, R62-2: with a knowledge day after it, a shipment inside the window was warned
    of the stand-in day as a change made by the measures of that day)."""
    u = rec.uncertain
    return u is not None and u.stand_in and unsourced_start(rec) == day


def stand_ins(records: Iterable[Dated], day: dt.date) -> bool:
    """Whether any of ``records`` begins on ``day`` only as a stand-in (:func:`is_stand_in_start`)."""
    return any(is_stand_in_start(r, day) for r in records)


def with_stand_ins_begun(view: Regime, day: dt.date) -> Regime:
    """``view`` (a view of the announced law) with the records whose first day ``day`` only stands
    in for an unknown one (:func:`is_stand_in_start`) begun at the start of their window instead.

    Why: a change of the answer on such a day is no announced change (a ``pending_change``): the
    day is the data's, and the change's own lies somewhere in the record's window, of which the
    answers inside it warn (``uncertain_date``). What else changes that day is still warned of:
    ``check``, ``status`` and the batch's announced law (``_Announced``) compare the answer on the
    day with the answer the day before in this view, in which the stand-ins already hold (review
    S30B, S30B-1: comparing with the day as it would be without them described a law that never
    was - Iran offered comprehensive licences that region Na-2 withholds).
    """
    cache: dict[dt.date, Regime] = view.__dict__.setdefault("_stand_ins_begun", {})
    found = cache.get(day)
    if found is None:

        def early(rec: D) -> D:
            u = rec.uncertain
            if u is None or u.start_between is None or not is_stand_in_start(rec, day):
                return rec
            return rec.model_copy(update={"valid_from": u.start_between[0]})

        groups = {
            gid: g.model_copy(update={"members": [early(m) for m in g.members]}) for gid, g in view.groups.items()
        }
        found = cache[day] = replace(
            view,
            groups=groups,
            entries={k: early(e) for k, e in view.entries.items()},
            rules=[early(r) for r in view.rules],
            catch_all=[early(c) for c in view.catch_all],
            exemptions=[early(x) for x in view.exemptions],
            prohibitions=[early(p) for p in view.prohibitions],
        )
    return found


def _record_known(rec: Dated, known: Known, day: dt.date | None) -> bool:
    start = known_from(rec)
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
    """The days from which the records that name no measure are known (:func:`known_from`): days
    on which what is known changes."""
    return {d for d in map(known_from, [*regime.dated_records(), *regime.cautions]) if d is not None}


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
