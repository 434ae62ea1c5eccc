"""Cross-record checks run when a regime is built.

A regime that loads is one the engine can answer from without guessing: every reference
resolves, every ISO code exists, intervals of one membership never overlap, a country is in
one category at a time, every listed entry has a rule deciding whether a licence is needed on
every day it is in force, and two rules that both apply and disagree must say which one wins
(Catala's exceptions). Errors name the file, line and both citations.
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from typing import Any

import pycountry

from exportctl.errors import RegimeError
from exportctl.law.countries import is_iso2
from exportctl.law.model import CatchAllRule, Cited, Dated, Destinations, Rule
from exportctl.law.regime import Regime


def _cite(rec: Cited) -> str:
    s = rec.source
    art = f", {s.article}" if s.article else ""
    return f"{s.instrument}{art} <{s.url}>"


#: Weakest first: a record's own confidence may only narrow its source's.
CONFIDENCE_ORDER: tuple[str, ...] = ("unverified", "inferred", "single", "confirmed")


def _fail(rec: Any, message: str) -> None:
    raise RegimeError(rec._file, rec._line or None, message)


def _check_refs(regime: Regime) -> None:
    groups, entries, measures = regime.groups, regime.entries, regime.measures
    instruments, licences = regime.instruments, regime.licence_types

    def check_source(rec: Cited) -> None:
        if rec.confidence is not None and CONFIDENCE_ORDER.index(rec.confidence) > CONFIDENCE_ORDER.index(
            rec.source.confidence
        ):
            _fail(
                rec,
                f"record says {rec.confidence} but its source {rec.source.id or '(inline)'} is only "
                f"{rec.source.confidence}: a record may narrow its source's confidence, never raise it",
            )
        if rec.source.instrument not in instruments:
            _fail(
                rec,
                f"source names unknown instrument {rec.source.instrument!r}; known: {', '.join(sorted(instruments))}",
            )

    def check_dated(rec: Dated) -> None:
        check_source(rec)
        for attr in ("measure", "ended_by"):
            mid = getattr(rec, attr)
            if mid is not None and mid not in measures:
                _fail(rec, f"{attr} names unknown measure {mid!r}")

    def check_dest(rec: Any, dest: Destinations) -> None:
        for g in dest.groups + dest.except_groups:
            if g not in groups:
                _fail(rec, f"unknown group {g!r}; known: {', '.join(sorted(groups))}")
        for c in dest.countries + dest.except_countries:
            if not is_iso2(c):
                _fail(rec, f"unknown ISO 3166-1 alpha-2 code {c!r}")

    def check_entries(rec: Any, ids: list[str]) -> None:
        for e in ids:
            if e not in entries:
                _fail(rec, f"unknown control entry {e!r}")

    for gid in regime.info.preferred_groups:
        if gid not in groups:
            _fail(regime.info, f"preferred_groups names unknown group {gid!r}; known: {', '.join(sorted(groups))}")
    for inst in instruments.values():
        check_source(inst)
    for m in measures.values():
        if m.instrument and m.instrument not in instruments:
            _fail(m, f"measure {m.id} names unknown instrument {m.instrument!r}")
        for code in m.targets:
            if not is_iso2(code):
                _fail(m, f"measure {m.id}: unknown ISO 3166-1 alpha-2 code {code!r}")
        check_entries(m, m.items)
        for rel in m.related:
            if rel.startswith(regime.jurisdiction.lower() + "-") and rel not in measures:
                _fail(m, f"measure {m.id}: related names unknown measure {rel!r}")
        for d in (m.announced, m.comment_period, m.decided, m.promulgated, m.effective, m.ended):
            if d is not None:
                check_source(d)
    for g in groups.values():
        check_source(g)
        if not g.id.startswith(regime.prefix):
            _fail(g, f"group id {g.id!r} must start with {regime.prefix!r}")
        for part in g.union_of:
            if part not in groups:
                _fail(g, f"group {g.id}: union_of names unknown group {part!r}")
        for mem in g.members:
            check_dated(mem)
            if not is_iso2(mem.country):
                hint = pycountry.countries.get(alpha_3=mem.country)
                extra = f" (alpha-3 of {hint.alpha_2})" if hint else ""
                _fail(mem, f"unknown ISO 3166-1 alpha-2 code {mem.country!r}{extra}")
    for e in entries.values():
        check_dated(e)
        if not e.id.startswith(regime.prefix):
            _fail(e, f"entry id {e.id!r} must start with {regime.prefix!r}")
        if e.prior_classification and e.prior_classification not in entries:
            _fail(e, f"prior_classification names unknown entry {e.prior_classification!r}")
    for t in regime.licence_types.values():
        check_source(t)
    for r in regime.rules:
        check_dated(r)
        check_dest(r, r.scope.destinations)
        check_entries(r, r.scope.entries)
        if not regime.entries_matching(r.scope.entries, r.scope.rows):
            _fail(r, f"rule {r.id} matches no control entry")
        for gr in r.effect.grant:
            if gr.licence not in licences:
                _fail(r, f"rule {r.id} grants unknown licence type {gr.licence!r}; known: {', '.join(licences)}")
    rule_ids = {r.id for r in regime.rules}
    for r in regime.rules:
        for o in r.overrides:
            if o not in rule_ids:
                _fail(r, f"rule {r.id} overrides unknown rule {o!r}")
    ca_ids = {r.id for r in regime.catch_all}
    for ca in regime.catch_all:
        check_dated(ca)
        check_dest(ca, ca.destinations)
        check_entries(ca, ca.entries)
        if ca.licence not in licences:
            _fail(ca, f"catch-all rule {ca.id} names unknown licence type {ca.licence!r}")
        for o in ca.overrides:
            if o not in ca_ids:
                _fail(ca, f"catch-all rule {ca.id} overrides unknown rule {o!r}")
    for ex in regime.exemptions:
        check_dated(ex)
        check_entries(ex, ex.entries + ex.except_entries)
        for dest in (ex.not_for, ex.strict_outside, ex.lost_when_informed, ex.conventional_strict):
            if dest is not None:
                check_dest(ex, dest)
        if ex.currency != regime.info.currency:
            _fail(
                ex, f"exemption {ex.id} ceiling currency {ex.currency} differs from the regime's {regime.info.currency}"
            )
    rows = {e.row for e in regime.entries.values()}
    for p in regime.prohibitions:
        check_dated(p)
        check_dest(p, p.destinations)
        check_entries(p, p.entries + p.except_entries)
        if unknown := [r for r in p.rows if r not in rows]:
            _fail(p, f"prohibition {p.id} names unknown rows {unknown}; known: {', '.join(sorted(rows))}")
        if p.requirement not in licences:
            _fail(p, f"prohibition {p.id} names unknown licence type {p.requirement!r}; known: {', '.join(licences)}")
    for c in regime.cautions:
        check_dated(c)
        check_dest(c, c.destinations)
        check_entries(c, c.entries)
        if unknown := [r for r in c.for_routes if r not in licences]:
            _fail(c, f"caution {c.id} names unknown licence types {unknown}; known: {', '.join(licences)}")
    if arms := [r for r in regime.info.arms_rows if r not in rows]:
        _fail(regime.info, f"arms_rows names unknown rows {arms}; known: {', '.join(sorted(rows))}")


def _check_memberships(regime: Regime) -> None:
    for g in regime.groups.values():
        seen: dict[str, list[Any]] = {}
        for mem in g.members:
            for other in seen.get(mem.country, []):
                if mem.overlaps(other):
                    _fail(
                        mem,
                        f"membership of {mem.country} in {g.id} overlaps the one at line {other._line} "
                        f"([{other.valid_from}, {other.valid_to}) vs [{mem.valid_from}, {mem.valid_to}))",
                    )
            seen.setdefault(mem.country, []).append(mem)
    if sum(1 for g in regime.groups.values() if g.default) > 1:
        _fail(regime.info, "more than one default group")
    categories = [g for g in regime.groups.values() if g.kind == "category" and not g.default]
    for country in _mentioned_countries(regime):
        for day in _sample_days(regime, None, None):
            found = [g.id for g in categories if any(h.group.id == g.id for h in regime.groups_on(country, day))]
            if len(found) > 1:
                mem = next(m for g in categories for m in g.members if m.country == country)
                _fail(mem, f"{country} is in categories {' and '.join(found)} on {day}; categories are exclusive")


def _mentioned_countries(regime: Regime) -> list[str]:
    codes = {m.country for g in regime.groups.values() for m in g.members}
    for r in regime.rules:
        codes.update(r.scope.destinations.countries)
    for ca in regime.catch_all:
        codes.update(ca.destinations.countries)
    outsider = next(
        c.alpha_2 for c in pycountry.countries if c.alpha_2 not in codes and c.alpha_2 != regime.jurisdiction
    )
    return sorted(codes | {outsider})


def _sample_days(regime: Regime, lo: dt.date | None, hi: dt.date | None) -> list[dt.date]:
    """One day in every stretch of time on which nothing changes, within ``[lo, hi)``."""
    changes = regime.change_dates()
    lo_day = lo or (changes[0] - dt.timedelta(days=1) if changes else dt.date(2000, 1, 1))
    days = {lo_day} | {d for d in changes if d >= lo_day and (hi is None or d < hi)}
    return sorted(days)


def _overlap(a: Dated, b: Dated) -> tuple[dt.date | None, dt.date | None] | None:
    if not a.overlaps(b):
        return None
    lo = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
    hi = min(a.valid_to or dt.date.max, b.valid_to or dt.date.max)
    return (None if lo == dt.date.min else lo, None if hi == dt.date.max else hi)


def _common_destination(
    regime: Regime, a: Destinations, b: Destinations, lo: dt.date | None, hi: dt.date | None
) -> tuple[str, dt.date] | None:
    for day in _sample_days(regime, lo, hi):
        for country in _mentioned_countries(regime):
            groups = regime.group_ids_on(country, day)
            if regime.matches(a, country, day, groups) and regime.matches(b, country, day, groups):
                return country, day
    return None


def _check_rule_conflicts(regime: Regime) -> None:
    def entries_of(r: Rule | CatchAllRule) -> set[str]:
        if isinstance(r, Rule):
            return regime.entries_matching(r.scope.entries, r.scope.rows)
        return set(r.entries)

    def dest_of(r: Rule | CatchAllRule) -> Destinations:
        return r.scope.destinations if isinstance(r, Rule) else r.destinations

    def disagree(a: Rule | CatchAllRule, b: Rule | CatchAllRule) -> str | None:
        if isinstance(a, Rule) and isinstance(b, Rule):
            ra, rb = a.effect.licence_required, b.effect.licence_required
            return None if ra is None or rb is None or ra == rb else f"licence required: {ra} vs {rb}"
        if isinstance(a, CatchAllRule) and isinstance(b, CatchAllRule):
            ta, tb = (a.wmd, a.conventional, a.licence), (b.wmd, b.conventional, b.licence)
            return None if ta == tb else f"catch-all (wmd, conventional, licence): {ta} vs {tb}"
        return None

    families: list[list[Rule | CatchAllRule]] = [list(regime.rules), list(regime.catch_all)]
    for family in families:
        for a, b in combinations(family, 2):
            if b.id in a.overrides or a.id in b.overrides:
                continue
            why = disagree(a, b)
            if why is None:
                continue
            common_entries = entries_of(a) & entries_of(b)
            span = _overlap(a, b)
            if not common_entries or span is None:
                continue
            hit = _common_destination(regime, dest_of(a), dest_of(b), *span)
            if hit is None:
                continue
            country, day = hit
            _fail(
                b,
                f"rules {a.id} ({a.where}; {_cite(a)}) and {b.id} ({b.where}; {_cite(b)}) both apply to "
                f"{sorted(common_entries)[0]} -> {country} on {day} and disagree ({why}); "
                f"add 'overrides' to the one that wins",
            )


def _covered(intervals: list[tuple[dt.date, dt.date]], lo: dt.date, hi: dt.date) -> dt.date | None:
    """The first day of ``[lo, hi)`` not covered by ``intervals``, or None."""
    cursor = lo
    for start, end in sorted(intervals):
        if start > cursor:
            return cursor
        cursor = max(cursor, end)
        if cursor >= hi:
            return None
    return cursor if cursor < hi else None


def _check_coverage(regime: Regime) -> None:
    # Each deciding rule's entries worked out once, not once per entry: with ~700 entries and
    # ~300 rules, matching per entry was a third of every command's start-up.
    deciding = [
        (r, regime.entries_matching(r.scope.entries, r.scope.rows))
        for r in regime.rules
        if r.effect.licence_required is not None and r.scope.destinations.all
    ]
    for e in regime.entries.values():
        lo, hi = e.valid_from or dt.date.min, e.valid_to or dt.date.max
        if e.kind == "catch_all":
            spans = [
                (c.valid_from or dt.date.min, c.valid_to or dt.date.max)
                for c in regime.catch_all
                if e.id in c.entries and c.destinations.all
            ]
            what = "catch-all rule for all destinations"
        else:
            spans = [
                (r.valid_from or dt.date.min, r.valid_to or dt.date.max) for r, matching in deciding if e.id in matching
            ]
            what = "rule deciding whether a licence is required for all destinations"
        gap = _covered(spans, lo, hi)
        if gap is not None:
            when = "before any date" if gap == dt.date.min else f"on {gap}"
            _fail(e, f"entry {e.id} has no {what} {when}")


def validate_regime(regime: Regime) -> None:
    """Raise :class:`RegimeError` on the first problem found."""
    _check_refs(regime)
    _check_memberships(regime)
    _check_coverage(regime)
    _check_rule_conflicts(regime)
