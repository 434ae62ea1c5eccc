"""Human-readable rendering of engine answers with Rich (the CLI's non-JSON output)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from exportctl.engine.results import Determination, DiffResult, Interval, StatusResult
from exportctl.law.countries import country_name
from exportctl.law.model import Measure
from exportctl.law.regime import Regime


def determination(d: Determination) -> Group:
    verdict = Text(
        "LICENCE REQUIRED" if d.licence_required else "NO LICENCE REQUIRED",
        style="bold red" if d.licence_required else "bold green",
    )
    head = Text.assemble(
        verdict,
        f"  {d.item.title} [{d.item.id}]\n",
        f"{d.exporter} -> {d.destination} ({country_name(d.destination)}) on {d.on}",
        f" (law as known on {d.known_on})" if d.known_on else "",
        f"\nclassified under {d.classified_as.id}: {d.classified_as.title}" if d.classified_as else "",
        f"\ndestination groups: {', '.join(d.destination_groups) or '-'}",
        f"\nusable licence types: {', '.join(d.routes) or '-'}",
        f"\nexemptions: {', '.join(d.exemptions) or '-'}    catch-all: {d.catch_all}",
        f"\nregime version: {d.regime_version}",
    )
    parts: list[object] = [Panel(head, title="exportctl check", expand=False)]
    if d.procedures:
        t = Table(title="Licence routes", show_lines=False)
        for col in ("licence", "rule", "documents", "review days", "validity", "conditions"):
            t.add_column(col, overflow="fold")
        for p in d.procedures:
            t.add_row(
                p.licence,
                p.rule,
                str(p.documents or ""),
                str(p.review_days or p.max_processing_days or ""),
                p.validity or "",
                p.conditions or "",
            )
        parts.append(t)
    trace = Table(title="Trace (why)", show_lines=True)
    for col in ("step", "effect", "valid", "source"):
        trace.add_column(col, overflow="fold")
    for s in d.trace:
        valid = f"{s.valid_from or '...'} - {s.valid_to or '...'}"
        src = f"{s.source.instrument}: {s.source.article or ''}\n{s.source.url}\n[{s.source.confidence}]"
        trace.add_row(s.rule, s.effect + (f"\nmeasure: {s.measure}" if s.measure else ""), valid, src)
    parts.append(trace)
    if d.warnings:
        parts.append(Panel("\n".join(f"- {w}" for w in d.warnings), title="Warnings", style="yellow", expand=False))
    return Group(*parts)  # type: ignore[arg-type]


def status(s: StatusResult) -> Table:
    t = Table(title=f"{s.exporter} law: {s.country} ({country_name(s.country)}) on {s.on}")
    for col in ("group", "name", "basis of membership"):
        t.add_column(col, overflow="fold")
    for d in s.details:
        basis = "; ".join(
            f"{x.effect} since {x.valid_from or 'before records'} ({x.source.confidence})" for x in d.trace
        )
        t.add_row(d.group, d.name, basis)
    return t


def timeline(rows: Sequence[Interval]) -> Table:
    t = Table(title=f"{rows[0].country} under {rows[0].exporter} law" if rows else "timeline")
    for col in ("group", "from", "to", "measure"):
        t.add_column(col, overflow="fold")
    for iv in sorted(rows, key=lambda r: (r.from_ is not None, r.from_, r.group)):
        t.add_row(
            iv.group + (" (default)" if iv.by_default else ""),
            str(iv.from_ or "before records"),
            str(iv.to or "open"),
            f"{iv.measure or ''} {iv.measure_title or ''}".strip(),
        )
    return t


def diff(d: DiffResult) -> Group:
    parts: list[object] = []
    t = Table(title=f"{d.exporter}: group memberships {d.from_} -> {d.to}")
    for col in ("country", "before", "after", "measures"):
        t.add_column(col, overflow="fold")
    for m in d.memberships:
        t.add_row(m.country, ", ".join(m.before), ", ".join(m.after), ", ".join(m.measures))
    parts.append(t)
    for title, rows in (("Licence rules", d.rules), ("Control-list entries", d.items)):
        rt = Table(title=title)
        for col in ("date", "change", "id", "label", "measure"):
            rt.add_column(col, overflow="fold")
        for r in rows:
            rt.add_row(str(r.date), r.change, r.id, r.label, r.measure or "")
        parts.append(rt)
    et = Table(title="Measure events")
    for col in ("date", "event", "measure", "title"):
        et.add_column(col, overflow="fold")
    for e in d.events:
        et.add_row(str(e.date), e.event, e.measure, e.title)
    parts.append(et)
    return Group(*parts)  # type: ignore[arg-type]


def measures(regime: Regime, rows: Sequence[Measure]) -> Table:
    t = Table(title=f"Measures concerning {regime.jurisdiction} law", show_lines=True)
    for col in ("id", "title", "announced", "comment period", "decided", "promulgated", "effective", "ended"):
        t.add_column(col, overflow="fold")
    for m in rows:

        def d(x: object) -> str:
            return str(getattr(x, "date", "")) if x else ""

        cp = getattr(m, "comment_period", None)
        t.add_row(
            m.id,
            m.title,
            d(m.announced),
            f"{cp.start} - {cp.end or '?'}" if cp else "",
            d(m.decided),
            d(m.promulgated),
            d(m.effective),
            d(m.ended),
        )
    return t
