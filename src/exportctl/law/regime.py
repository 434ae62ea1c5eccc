"""A validated regime: all records of one jurisdiction, indexed, with membership lookups.

Membership lookups live here, next to the data, because the loader's validation needs them
too (category exclusivity, rule conflicts); the engine builds on them.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from exportctl.law.citation import Source
from exportctl.law.model import (
    CatchAllRule,
    Caution,
    ControlEntry,
    Dated,
    Destinations,
    Group,
    Instrument,
    LicenceType,
    Measure,
    Membership,
    Prohibition,
    RegimeInfo,
    Rule,
    SmallValueExemption,
)

#: A dated record of any kind (:meth:`Regime.in_force`).
D = TypeVar("D", bound=Dated)


@dataclass(frozen=True)
class GroupHit:
    """A country's membership in one group on one day, with the records that make it so."""

    group: Group
    via: tuple[Membership, ...]
    by_default: bool = False


@dataclass(frozen=True)
class UncertainRecords:
    """A regime's records with an uncertain start or end (:meth:`Regime.uncertain_records`), in
    the regime's own order: memberships by country (with their group's id), then each kind."""

    members: dict[str, tuple[tuple[str, Membership], ...]]
    rules: tuple[Rule, ...]
    catch_all: tuple[CatchAllRule, ...]
    exemptions: tuple[SmallValueExemption, ...]
    prohibitions: tuple[Prohibition, ...]


@dataclass
class Regime:
    info: RegimeInfo
    sources: dict[str, Source]
    instruments: dict[str, Instrument]
    measures: dict[str, Measure]
    groups: dict[str, Group]
    entries: dict[str, ControlEntry]
    licence_types: dict[str, LicenceType]
    rules: list[Rule]
    catch_all: list[CatchAllRule]
    exemptions: list[SmallValueExemption]
    prohibitions: list[Prohibition] = field(default_factory=list)
    cautions: list[Caution] = field(default_factory=list)
    folder: str = ""
    version: str = ""
    origin: Literal["curated", "overlay"] = "curated"

    @property
    def jurisdiction(self) -> str:
        return self.info.jurisdiction

    @property
    def prefix(self) -> str:
        return self.info.jurisdiction.lower() + ":"

    # ------------------------------------------------------------------ membership

    def _explicit(self, group: Group, country: str, day: dt.date, at: str | None) -> tuple[Membership, ...]:
        return tuple(m for m in group.members if m.country == country and m.covers(day, at))

    def groups_on(self, country: str, day: dt.date, at: str | None = None) -> list[GroupHit]:
        """Every group ``country`` belongs to on ``day`` (at ``at``): its category first, then lists.

        Remembered per regime object (compiling the tables asks the same question for every
        entry and facts variant of a cell; a regime is never changed in place), bounded, and
        per span of days in which none of the country's memberships starts or ends: a batch
        asks about thousands of days, between which the country's groups seldom change.
        """
        memo: dict[tuple[str, int, str | None], list[GroupHit]] = self.__dict__.setdefault("_groups_memo", {})
        key = (country, bisect.bisect_right(self._membership_cuts(country), day.toordinal()), at)
        found = memo.get(key)
        if found is None:
            if len(memo) >= 1 << 16:
                memo.clear()
            found = memo[key] = self._groups_on(country, day, at)
        return list(found)

    def _membership_cuts(self, country: str) -> list[int]:
        """The days (ordinals) on which one of ``country``'s memberships can start or stop being
        in force: each first and last date, and the day after it (a record starting or ending at
        a time of day stands one way on that day and another on the next). Between two of them,
        :meth:`_groups_on` reads every membership of the country the same way."""
        cuts: dict[str, list[int]] = self.__dict__.setdefault("_membership_cuts_memo", {})
        found = cuts.get(country)
        if found is None:
            days: set[int] = set()
            for g in self.groups.values():
                for m in g.members:
                    if m.country == country:
                        for d in (m.valid_from, m.valid_to):
                            if d is not None and dt.date.min < d < dt.date.max:
                                days |= {d.toordinal(), d.toordinal() + 1}
            found = cuts[country] = sorted(days)
        return found

    def _groups_on(self, country: str, day: dt.date, at: str | None) -> list[GroupHit]:
        hits: dict[str, GroupHit] = {}
        for g in self.groups.values():
            if g.members:
                via = self._explicit(g, country, day, at)
                if via:
                    hits[g.id] = GroupHit(g, via)
        for g in self.groups.values():
            if g.union_of:
                via = tuple(m for part in g.union_of if part in hits for m in hits[part].via)
                if via:
                    hits[g.id] = GroupHit(g, via)
        if not any(h.group.kind == "category" for h in hits.values()):
            for g in self.groups.values():
                if g.default:
                    hits[g.id] = GroupHit(g, (), by_default=True)
        return sorted(hits.values(), key=lambda h: (h.group.kind != "category", h.group.id))

    def group_ids_on(self, country: str, day: dt.date) -> list[str]:
        return [h.group.id for h in self.groups_on(country, day)]

    def group_ids_over(self, country: str, days: Sequence[dt.date]) -> tuple[tuple[str, ...], ...]:
        """:meth:`group_ids_on` for each of ``days``, asked once per span of days in which the country's
        memberships stand alike (:meth:`_membership_cuts`): compiling the tables asks it for every country on
        the first day of every epoch, some thirteen thousand questions with a few hundred answers."""
        cuts = self._membership_cuts(country)
        by_span: dict[int, tuple[str, ...]] = {}
        out = []
        for day in days:
            span = bisect.bisect_right(cuts, day.toordinal())
            ids = by_span.get(span)
            if ids is None:
                ids = by_span[span] = tuple(self.group_ids_on(country, day))
            out.append(ids)
        return tuple(out)

    def matches(self, dest: Destinations, country: str, day: dt.date, groups: list[str] | None = None) -> bool:
        in_groups = groups if groups is not None else None
        if country in dest.except_countries:
            return False
        if dest.except_groups:
            in_groups = in_groups if in_groups is not None else self.group_ids_on(country, day)
            if any(g in in_groups for g in dest.except_groups):
                return False
        if dest.all or country in dest.countries:
            return True
        if not dest.groups:
            return False
        in_groups = in_groups if in_groups is not None else self.group_ids_on(country, day)
        return any(g in in_groups for g in dest.groups)

    # ------------------------------------------------------------------ entries

    def _reaching(
        self, memo_name: str, entry: ControlEntry, records: Sequence[D], takes: Callable[[D], bool]
    ) -> list[D]:
        """Those of ``records`` that ``takes`` the entry, remembered per regime object under ``memo_name``
        and the entry (id and row): the lists below, each scanned once per entry, never per answer."""
        memo: dict[tuple[str, str], list[D]] = self.__dict__.setdefault(memo_name, {})
        key = (entry.id, entry.row)
        found = memo.get(key)
        if found is None:
            found = memo[key] = [r for r in records if takes(r)]
        return found

    def rules_naming(self, entry: ControlEntry) -> list[Rule]:
        """The rules whose scope names ``entry`` or its row, in their order.

        Remembered per regime object (a view of the law is a regime of its own): a batch asks
        the scalar engine about tens of thousands of cells, and scanning every rule's list of
        entries (Korea's name some 260) was a third of each answer's time.
        """
        return self._reaching(
            "_rules_memo",
            entry,
            self.rules,
            lambda r: self.listed_in(r.scope.entries, entry.id) or entry.row in r.scope.rows,
        )

    def cautions_reaching(self, entry: ControlEntry) -> list[Caution]:
        """The cautions whose goods take in ``entry`` (one naming no entries takes in all goods), in
        their order; the day and the destination are still to be asked.

        Remembered per regime object, as :meth:`rules_naming`: every answer asks about each
        caution, and most name a few entries only.
        """
        return self._reaching(
            "_cautions_memo", entry, self.cautions, lambda c: not c.entries or self.listed_in(c.entries, entry.id)
        )

    def prohibitions_reaching(self, entry: ControlEntry) -> list[Prohibition]:
        """The bans and added requirements whose goods take in ``entry`` (none named: all goods), in
        their order; remembered as :meth:`cautions_reaching`."""
        return self._reaching(
            "_prohibitions_memo", entry, self.prohibitions, lambda p: p.covers_entry(entry.id, entry.row)
        )

    def exemptions_reaching(self, entry: ControlEntry) -> list[SmallValueExemption]:
        """The small-value exemptions whose goods take in ``entry``, in their order; remembered as
        :meth:`cautions_reaching` (the day, the destination and the value are still to be asked)."""
        return self._reaching("_exemptions_memo", entry, self.exemptions, lambda x: x.covers_entry(entry.id, entry.row))

    def catch_all_reaching(self, entry: ControlEntry) -> list[CatchAllRule]:
        """The catch-all rules whose goods take in ``entry``, in their order; remembered as
        :meth:`cautions_reaching`."""
        return self._reaching("_catch_all_memo", entry, self.catch_all, lambda c: self.listed_in(c.entries, entry.id))

    def in_force(self, records: Sequence[D], day: dt.date, at: str | None = None) -> tuple[D, ...]:
        """Those of ``records`` in force on ``day`` at ``at`` (:meth:`Dated.covers`), in their order.

        ``records`` is one of the lists this regime remembers (:meth:`rules_naming`,
        :meth:`cautions_reaching` ...): the answer is remembered per list and per span of days in
        which none of its records starts or ends (each first and last day and the day after it
        cut the spans, as a record with a time of day stands one way on that day and another on
        the next), since a batch asks about tens of thousands of cells and the records in force
        seldom differ between them. The memo holds the list itself, so its ``id`` is not reused.
        """
        cuts_memo: dict[int, tuple[Sequence[Dated], list[int]]] = self.__dict__.setdefault("_in_force_cuts", {})
        held = cuts_memo.get(id(records))
        if held is None:
            ends: set[int] = set()
            for r in records:
                for d in (r.valid_from, r.valid_to):
                    if d is not None and d != dt.date.max:
                        ends |= {d.toordinal(), d.toordinal() + 1}
            held = cuts_memo[id(records)] = (records, sorted(ends))
        memo: dict[tuple[int, int, str | None], tuple[D, ...]] = self.__dict__.setdefault("_in_force_memo", {})
        key = (id(records), bisect.bisect_right(held[1], day.toordinal()), at)
        found = memo.get(key)
        if found is None:
            if len(memo) >= 1 << 16:
                memo.clear()
            found = memo[key] = tuple(r for r in records if r.covers(day, at))
        return found

    def listed_in(self, ids: list[str], entry_id: str) -> bool:
        """``entry_id in ids`` for one of this regime's records' lists, through a set made once.

        The memo holds the list itself beside its set, so the list's ``id`` cannot be reused by
        another list while the entry stands.
        """
        memo: dict[int, tuple[list[str], frozenset[str]]] = self.__dict__.setdefault("_sets_memo", {})
        found = memo.get(id(ids))
        if found is None:
            found = memo[id(ids)] = (ids, frozenset(ids))
        return entry_id in found[1]

    def entries_matching(self, ids: list[str], rows: list[str]) -> set[str]:
        wanted_ids, wanted_rows = set(ids), set(rows)
        return {e.id for e in self.entries.values() if e.id in wanted_ids or e.row in wanted_rows}

    # ------------------------------------------------------------------ time

    def dated_records(self) -> list[Dated]:
        out: list[Dated] = [*self.rules, *self.catch_all, *self.exemptions, *self.prohibitions]
        out += self.entries.values()
        out += [m for g in self.groups.values() for m in g.members]
        return out

    def change_dates(self) -> list[dt.date]:
        """Every day at whose start the answer may differ from the day before (batch epochs)."""
        days: set[dt.date] = set()
        for rec in self.dated_records():
            for d in (rec.day_from, rec.day_to):
                if d is not None and d != dt.date.max:
                    days.add(d)
        return sorted(days)

    def change_points(self) -> list[tuple[dt.date, str | None]]:
        """Every moment anything starts or stops applying: (day, local time or None = start of day).

        Worked out once per regime object (every check's warnings walk them; a regime is never
        changed in place: overlays and knowledge views are new objects).
        """
        cached: list[tuple[dt.date, str | None]] | None = self.__dict__.get("_change_points")
        if cached is None:
            points: set[tuple[dt.date, str | None]] = set()
            for rec in self.dated_records():
                for d, t in ((rec.valid_from, rec.from_time), (rec.valid_to, rec.to_time)):
                    if d is not None and d != dt.date.max:
                        points.add((d, t))
            cached = sorted(points, key=lambda p: (p[0], p[1] or ""))
            self.__dict__["_change_points"] = cached
        return list(cached)

    def uncertain_records(self) -> UncertainRecords:
        """The records whose start or end day is uncertain (an ``uncertain`` window), by kind.

        Worked out once per regime object, as :meth:`change_points`: the warning that a day falls
        in such a window is asked for every cell a batch meets, and only a handful of the
        thousands of records have a window, so the warning reads this short list, not them all.
        """
        cached: UncertainRecords | None = self.__dict__.get("_uncertain_records")
        if cached is None:
            members: dict[str, list[tuple[str, Membership]]] = {}
            for g in self.groups.values():
                for m in g.members:
                    if m.uncertain is not None:
                        members.setdefault(m.country, []).append((g.id, m))
            cached = UncertainRecords(
                members={k: tuple(v) for k, v in members.items()},
                rules=tuple(r for r in self.rules if r.uncertain is not None),
                catch_all=tuple(c for c in self.catch_all if c.uncertain is not None),
                exemptions=tuple(e for e in self.exemptions if e.uncertain is not None),
                prohibitions=tuple(p for p in self.prohibitions if p.uncertain is not None),
            )
            self.__dict__["_uncertain_records"] = cached
        return cached

    def measure_title(self, measure_id: str | None) -> str | None:
        if measure_id is None:
            return None
        m = self.measures.get(measure_id)
        return m.title if m else measure_id
