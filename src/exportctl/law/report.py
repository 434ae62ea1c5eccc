"""The law report: every provision a regime rests on, with what rests on it.

Why (docs/design.md, "Law report"): a lawyer signs a regime off by reading the law, not YAML.
So the report is organised the way the law is: by instrument, then by provision (the citation's
locator), each with its quoted official text (or why it could not be read) and the evidence,
followed by every membership, rule, measure and entry that rests on it. Pure: builds a typed
model from a :class:`Regime`; the shells render it as text or HTML.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Literal

from pydantic import BaseModel, Field

from exportctl.law.citation import Source
from exportctl.law.model import Cited, Dated, Measure
from exportctl.law.regime import Regime

RecordKind = Literal[
    "instrument",
    "regime",
    "group",
    "membership",
    "rule",
    "catch_all",
    "exemption",
    "prohibition",
    "caution",
    "entry",
    "licence_type",
    "measure_date",
]


class Resting(BaseModel):
    """One record that rests on a provision."""

    kind: RecordKind
    id: str
    text: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    confidence: str
    todo: str | None = None


class Provision(BaseModel):
    """One cited provision (a named source), with its text and what rests on it."""

    source_id: str
    locator: str
    confidence: str
    official_url: str | None = None
    read_via: str | None = None
    quote: str | None = None
    lang: str | None = None
    translation: str | None = None
    translation_by: str | None = None
    checked_on: dt.date | None = None
    unreached: str | None = None
    evidence: list[dict[str, str]] = Field(default_factory=list)
    note: str | None = None
    resting: list[Resting] = Field(default_factory=list)


class InstrumentSection(BaseModel):
    id: str
    title: str
    title_local: str | None = None
    url: str | None = None
    provisions: list[Provision]


class SourceStats(BaseModel):
    """How much of the regime rests on the official text."""

    sources: int
    official_text: int = Field(description="Sources whose official text was read and quoted")
    official_url: int = Field(description="Sources that name the official location (read or not)")
    by_confidence: dict[str, int]
    records: int
    records_on_official_text: int


class LawReport(BaseModel):
    jurisdiction: str
    name: str
    version: str
    generated_for: dt.date
    coverage: str
    gaps: list[str]
    stats: SourceStats
    instruments: list[InstrumentSection]
    measures: list[Measure]


def _interval(rec: Dated) -> str:
    lo = str(rec.valid_from) + (f" {rec.from_time}" if rec.from_time else "") if rec.valid_from else "…"
    hi = str(rec.valid_to) + (f" {rec.to_time}" if rec.to_time else "") if rec.valid_to else "…"
    return f"[{lo}, {hi})"


def _records(regime: Regime) -> list[tuple[RecordKind, str, str, Cited]]:
    """Every cited record with a kind, id and one line of what it says."""
    out: list[tuple[RecordKind, str, str, Cited]] = [("regime", regime.jurisdiction, regime.info.name, regime.info)]
    for i in regime.instruments.values():
        out.append(("instrument", i.id, i.title, i))
    for g in regime.groups.values():
        out.append(("group", g.id, g.name, g))
        for m in g.members:
            out.append(("membership", f"{g.id}#{m.country}", f"{m.country} in {g.id} {_interval(m)}", m))
    for r in regime.rules:
        out.append(("rule", r.id, f"{r.label} {_interval(r)}", r))
    for c in regime.catch_all:
        out.append(("catch_all", c.id, f"{c.label} (WMD: {c.wmd}; conventional: {c.conventional}) {_interval(c)}", c))
    for e in regime.exemptions:
        out.append(("exemption", e.id, f"{e.label} {_interval(e)}", e))
    for p in regime.prohibitions:
        needs = (
            f"({p.requirement} as well as the licence)"
            if p.in_addition
            else f"({p.requirement} instead of any licence)"
        )
        out.append(("prohibition", p.id, f"{p.label} {needs} {_interval(p)}", p))
    for w in regime.cautions:
        out.append(("caution", w.id, f"{w.label} {_interval(w)}", w))
    for n in regime.entries.values():
        out.append(("entry", n.id, f"{n.title} {_interval(n)}", n))
    for t in regime.licence_types.values():
        out.append(("licence_type", t.id, t.name, t))
    for ms in regime.measures.values():
        for field in ("announced", "decided", "promulgated", "effective", "ended"):
            d = getattr(ms, field)
            if d is not None:
                out.append(("measure_date", f"{ms.id}.{field}", f"{ms.title}: {field} {d.date}", d))
        if ms.comment_period is not None:
            cp = ms.comment_period
            out.append(("measure_date", f"{ms.id}.comment_period", f"{ms.title}: comment {cp.start}..{cp.end}", cp))
    return out


def _provision(src: Source, key: str) -> Provision:
    o = src.official
    return Provision(
        source_id=key,
        locator=src.article or "(no locator)",
        confidence=src.confidence,
        official_url=src.official_location,
        read_via=o.read_via if o else None,
        quote=o.quote if o else None,
        lang=o.lang if o else None,
        translation=o.translation if o else None,
        translation_by=o.translation_by if o else None,
        checked_on=o.checked_on if o else None,
        unreached=src.unreached,
        evidence=[
            {"url": e.url, "publisher": e.publisher, "kind": e.kind, "date": str(e.date or "")} for e in src.evidence
        ],
        note=src.note,
    )


def law_report(regime: Regime, today: dt.date) -> LawReport:
    """Group the regime by instrument and provision, and count what rests on official text."""
    provisions: dict[str, Provision] = {}
    for key, src in regime.sources.items():
        provisions[key] = _provision(src, key)
    inline = 0
    on_official = 0
    records = _records(regime)
    for kind, rid, text, rec in records:
        src = rec.source
        key = src.id or f"inline-{inline}"
        if src.id is None:
            inline += 1
            provisions[key] = _provision(src, key)
        on_official += src.official is not None
        dated = rec if isinstance(rec, Dated) else None
        provisions[key].resting.append(
            Resting(
                kind=kind,
                id=rid,
                text=text,
                valid_from=dated.valid_from if dated else None,
                valid_to=dated.valid_to if dated else None,
                confidence=rec.effective_confidence,
                todo=rec.todo,
            )
        )
    by_instrument: dict[str, list[Provision]] = defaultdict(list)
    for key, prov in provisions.items():
        named = regime.sources.get(key)
        by_instrument[named.instrument if named else "unknown"].append(prov)
    sections = []
    order = list(regime.instruments) + sorted(set(by_instrument) - set(regime.instruments))
    for iid in order:
        provs = by_instrument.get(iid)
        if not provs:
            continue
        instrument = regime.instruments.get(iid)
        sections.append(
            InstrumentSection(
                id=iid,
                title=instrument.title if instrument else iid,
                title_local=instrument.title_local if instrument else None,
                url=instrument.url if instrument else None,
                provisions=sorted(provs, key=lambda p: (p.quote is None, p.locator, p.source_id)),
            )
        )
    sources = list(regime.sources.values())
    confidence: dict[str, int] = defaultdict(int)
    for s in sources:
        confidence[s.confidence] += 1
    stats = SourceStats(
        sources=len(sources),
        official_text=sum(s.official is not None for s in sources),
        official_url=sum(s.official_location is not None for s in sources),
        by_confidence=dict(confidence),
        records=len(records),
        records_on_official_text=on_official,
    )
    info = regime.info
    return LawReport(
        jurisdiction=regime.jurisdiction,
        name=info.name,
        version=regime.version,
        generated_for=today,
        coverage=info.coverage.note.strip(),
        gaps=list(info.gaps),
        stats=stats,
        instruments=sections,
        measures=sorted(regime.measures.values(), key=lambda m: (m.public_on or dt.date.min, m.id)),
    )
