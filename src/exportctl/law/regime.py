"""A validated regime: all records of one jurisdiction, indexed, with membership lookups.

Membership lookups live here, next to the data, because the loader's validation needs them
too (category exclusivity, rule conflicts); the engine builds on them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from exportctl.law.model import (
    CatchAllRule,
    ControlEntry,
    Destinations,
    Group,
    Instrument,
    LicenceType,
    Measure,
    Membership,
    RegimeInfo,
    Rule,
    SmallValueExemption,
    Source,
)


@dataclass(frozen=True)
class GroupHit:
    """A country's membership in one group on one day, with the records that make it so."""

    group: Group
    via: tuple[Membership, ...]
    by_default: bool = False


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

    def _explicit(self, group: Group, country: str, day: dt.date) -> tuple[Membership, ...]:
        return tuple(m for m in group.members if m.country == country and m.covers(day))

    def groups_on(self, country: str, day: dt.date) -> list[GroupHit]:
        """Every group ``country`` belongs to on ``day``: its category first, then lists."""
        hits: dict[str, GroupHit] = {}
        for g in self.groups.values():
            if g.members:
                via = self._explicit(g, country, day)
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

    def matches(self, dest: Destinations, country: str, day: dt.date, groups: list[str] | None = None) -> bool:
        if dest.all or country in dest.countries:
            return True
        if not dest.groups:
            return False
        in_groups = groups if groups is not None else self.group_ids_on(country, day)
        return any(g in in_groups for g in dest.groups)

    # ------------------------------------------------------------------ entries

    def entries_matching(self, ids: list[str], rows: list[str]) -> set[str]:
        return {e.id for e in self.entries.values() if e.id in ids or e.row in rows}

    # ------------------------------------------------------------------ time

    def change_dates(self) -> list[dt.date]:
        """Every date on which anything in this regime starts or stops applying."""
        days: set[dt.date] = set()
        dated: list[object] = [*self.rules, *self.catch_all, *self.exemptions, *self.entries.values()]
        dated += [m for g in self.groups.values() for m in g.members]
        for rec in dated:
            for attr in ("valid_from", "valid_to"):
                d = getattr(rec, attr)
                if d is not None and d != dt.date.max:
                    days.add(d)
        return sorted(days)

    def measure_title(self, measure_id: str | None) -> str | None:
        if measure_id is None:
            return None
        m = self.measures.get(measure_id)
        return m.title if m else measure_id
