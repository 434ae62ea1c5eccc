"""Human-readable rendering of engine answers with Rich (the CLI's non-JSON output)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from exportctl.engine.results import Determination, DiffResult, Interval, StatusResult
from exportctl.law.countries import country_name
from exportctl.law.model import Measure
from exportctl.law.regime import Regime


def literal(value: object, style: str = "") -> Text:
    """Data as Rich text, never as markup or emoji codes.

    Why: regime data and answers contain brackets and colons (``[reported]``, ``jp:A:``) that a
    plain ``str`` handed to Rich would turn into styles or emoji (issue 13); ``Text`` is literal.
    """
    return Text("" if value is None else str(value), style=style)


def url_line(url: str, indent: int = 0) -> Text:
    """A URL on its own line, never wrapped or folded (print with ``crop=False`` to keep it whole).

    Why: a URL cut across lines cannot be clicked or copied; a terminal that is too narrow wraps
    the one long line itself, which copy-and-paste undoes.
    """
    return Text(" " * indent + url, no_wrap=True, overflow="ignore")


class Indented:
    """Text wrapped at the console's width with every line indented (and a hanging indent after
    the first), without padding lines with trailing spaces as ``rich.padding.Padding`` does:
    the output is read in terminals but also pasted into mails and tickets."""

    def __init__(self, text: Text, indent: int, hang: int = 0) -> None:
        self.text, self.indent, self.hang = text, indent, hang

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width - self.indent - self.hang, 20)
        for i, line in enumerate(self.text.wrap(console, width)):
            line.rstrip()
            yield Segment(" " * (self.indent + (self.hang if i else 0)))
            yield from line.render(console)
            yield Segment.line()


def _indented(text: Text, indent: int, hang: int = 0) -> Indented:
    return Indented(text, indent, hang)


def _routes_line(d: Determination) -> str:
    """The usable licence types; a requirement the law asks for as well (an ``in_addition`` notice:
    the first routes) is said apart, since "usable" otherwise reads as a choice between them."""
    k = sum(1 for n in d.notices if n.kind == "in_addition")
    needed, usable = d.routes[:k], d.routes[k:]
    if needed and not usable:  # the requirement is all the law asks: nothing to choose between
        return f"\nneeded: {', '.join(needed)}"
    if not needed and not d.licence_required and d.routes:  # an exemption lifts the licence
        return f"\nlicence types (not needed on the facts given): {', '.join(d.routes)}"
    if not needed:
        return f"\nlicence types to apply for: {', '.join(d.routes) or '-'}"
    if d.exemptions:  # the exemption lifts the licence, not the requirement
        return f"\nneeded: {', '.join(needed)} (the exemption lifts only the licence: {', '.join(usable)})"
    return f"\nneeded as well: {', '.join(needed)}\nlicence types to apply for: {', '.join(usable)}"


#: The headline by what must be obtained (``Determination.needs``): an approval (承認, 승인) is
#: named as one, since "licence required" reads as the licence the goods need, which a small-value
#: exemption may lift while the approval stays.
VERDICTS = {
    (): "NO LICENCE REQUIRED",
    ("licence",): "LICENCE REQUIRED",
    ("approval",): "APPROVAL REQUIRED",
    ("licence", "approval"): "LICENCE AND APPROVAL REQUIRED",
}


#: Added to the headline when a needed route is refused in principle (``Determination.refused``):
#: "APPROVAL REQUIRED" alone reads as a permit one can obtain, where the approval is how a ban works.
REFUSED = "NOT GRANTED IN PRINCIPLE"


#: Added to the headline when the answer rests on the end of a time limit the law sets (a notice of kind
#: ``time_limit``): "NO LICENCE REQUIRED" after Japan's North Korea ban's 2027-04-13 reads as a lifting decided,
#: where the ban has been renewed before each expiry (legal review 75, R75-3).
LAPSED = "AS RECORDED AFTER A TIME LIMIT"


def verdict_words(d: Determination) -> str:
    words = VERDICTS.get(tuple(d.needs), "LICENCE REQUIRED" if d.licence_required else "NO LICENCE REQUIRED")
    words = f"{words} - {REFUSED} ({', '.join(d.refused)})" if d.refused else words
    lapsed = [n for n in d.notices if n.kind == "time_limit"]
    if lapsed:
        words += f" - {LAPSED} ({', '.join(f'{n.rule}, in force until {n.date}' for n in lapsed)}; see the warnings)"
    return words


def determination(d: Determination) -> Group:
    """The answer to ``check`` as a short memo: verdict, licence routes, the steps of the trace
    each with its citation and URL, and the warnings. A list, not a wide table, so that it reads
    at 80 columns (a 4-column trace table there folded every cell, URLs included)."""
    verdict = Text(verdict_words(d), style="bold red" if d.licence_required else "bold green")
    head = Text.assemble(
        verdict,
        f"  {d.item.title} [{d.item.id}]\n",
        f"{d.exporter} -> {d.destination} ({country_name(d.destination)}) on {d.on}",
        f" (law as known on {d.known_on})" if d.known_on else "",
        f"\nclassified under {d.classified_as.id}: {d.classified_as.title}" if d.classified_as else "",
        f"\ndestination groups: {', '.join(d.destination_groups) or '-'}",
        _routes_line(d),
        f"\nexemptions: {', '.join(d.exemptions) or '-'}    catch-all: {d.catch_all}",
        f"\nregime version: {d.regime_version}",
    )
    parts: list[RenderableType] = [_indented(head, 0)]
    if d.procedures:
        parts.append(Text("Licence routes", style="bold"))
        for p in d.procedures:
            details = [
                f"{label}: {v}"
                for label, v in (
                    ("documents", p.documents),
                    # Two different periods: the usual review, and the longest the law allows for
                    # processing; one shown as the other read as two contradicting review periods.
                    ("review days", p.review_days),
                    ("maximum processing days", p.max_processing_days),
                    ("validity", p.validity),
                    ("conditions", p.conditions),
                )
                if v
            ]
            parts.append(
                _indented(literal(f"- {p.licence} ({p.rule})" + ("; " + "; ".join(details) if details else "")), 2, 2)
            )
    parts.append(Text("Why (trace)", style="bold"))
    for s in d.trace:
        valid = f"{s.valid_from or '...'} - {s.valid_to or '...'}"
        line = Text.assemble(
            ("- ", ""), (s.rule, "bold"), f": {s.effect}", f"  [{valid}]" if s.valid_from or s.valid_to else ""
        )
        parts.append(_indented(line, 2, 2))
        if s.measure:
            parts.append(_indented(literal(f"measure: {s.measure}"), 4))
        cite = f"{s.source.instrument}: {s.source.article or ''}".rstrip(": ") + f" [{s.source.confidence}]"
        parts.append(_indented(literal(cite, "dim"), 4))
        if s.source.url:
            parts.append(url_line(s.source.url, 4))
    if d.warnings:
        parts.append(Text("Warnings", style="bold yellow"))
        for w in d.warnings:
            parts.append(_indented(literal(f"- {w}", "yellow"), 2, 2))
    return Group(*parts)


def _table(title: str, columns: Sequence[str], keep: Sequence[str] = (), **kwargs: Any) -> Table:
    """A table whose title is literal and whose cells wrap at word boundaries in narrow terminals.

    Columns in ``keep`` (ids, dates, group codes) are not wrapped: an id cut in the middle
    (``jp-2008-conventional-ca`` / ``tch-all``) cannot be searched for or copied; prose columns
    give way instead.
    """
    t = Table(title=literal(title), **kwargs)
    for col in columns:
        t.add_column(col, overflow="fold", no_wrap=col in keep)
    return t


def _row(t: Table, *cells: object) -> None:
    """Add a row of data cells, each literal (see :func:`literal`)."""
    t.add_row(*(literal(c) for c in cells))


def status(s: StatusResult) -> Table:
    t = _table(
        f"{s.exporter} law: {s.country} ({country_name(s.country)}) on {s.on}",
        ("group", "name", "basis of membership"),
        keep=("group",),
    )
    for d in s.details:
        basis = "; ".join(
            f"{x.effect} since {x.valid_from or 'before records'} ({x.source.confidence})" for x in d.trace
        )
        _row(t, d.group, d.name, basis)
    for r in s.requirements:
        # What the law sets for this destination itself besides its groups (a ban, an approval), with its end.
        _row(t, r.rule, "requirement for this destination", r.effect)
    return t


def _unsure(window: tuple[object, object] | None) -> str:
    """A day the data holds uncertain, marked beside the day (its window in the table's caption)."""
    return " (?)" if window else ""


def timeline(rows: Sequence[Interval]) -> Table:
    t = _table(
        f"{rows[0].country} under {rows[0].exporter} law" if rows else "timeline",
        ("group", "from", "to", "measure"),
        keep=("from", "to"),
    )
    for iv in sorted(rows, key=lambda r: (r.from_ is not None, r.from_, r.group)):
        _row(
            t,
            iv.group + (" (default)" if iv.by_default else ""),
            f"{iv.from_ or 'before records'}{_unsure(iv.from_uncertain)}",
            f"{iv.to or 'open'}{_unsure(iv.to_uncertain)}",
            f"{iv.measure or ''} {iv.measure_title or ''}".strip(),
        )
    windows = sorted({w for iv in rows for w in (iv.from_uncertain, iv.to_uncertain) if w})
    if windows:
        t.caption = "(?) the day is uncertain: between " + "; ".join(f"{lo} and {hi}" for lo, hi in windows)
    return t


def diff(d: DiffResult) -> Group:
    parts: list[RenderableType] = []
    t = _table(
        f"{d.exporter}: group memberships {d.from_} -> {d.to}",
        ("country", "before", "in between", "after", "measures"),
        keep=("country",),
    )
    windows: set[tuple[dt.date, dt.date]] = set()

    def unsure(w: tuple[dt.date, dt.date] | None) -> str:
        """ "(?)" after a day the data holds uncertain (as the timeline marks it; R62-6)."""
        if w is None:
            return ""
        windows.add(w)
        return " (?)"

    for m in d.memberships:
        # The groups held in between; when the ends differ, the last step is the "after" column.
        shown = m.steps if m.before == m.after else [s for s in m.steps[:-1] if s.groups != m.after]
        between = "\n".join(f"{s.date}{unsure(s.uncertain)}: {', '.join(s.groups) or '-'}" for s in shown)
        last = m.steps[-1] if m.steps and m.before != m.after and m.steps[-1].groups == m.after else None
        after = ", ".join(m.after) + (f" (from {last.date}{unsure(last.uncertain)})" if last and last.uncertain else "")
        _row(t, m.country, ", ".join(m.before), between, after, ", ".join(m.measures))
    parts.append(t)
    for title, rows in (("Licence rules", d.rules), ("Control-list entries", d.items)):
        rt = _table(title, ("date", "change", "id and label", "measure"), keep=("date",))
        for r in rows:
            day = (f"{r.date} {r.time}" if r.time else str(r.date)) + unsure(r.uncertain)
            _row(rt, day, r.change, f"{r.id}\n{r.label}", r.measure or "")
        parts.append(rt)
    if windows:  # under every table that may carry a mark, not under the memberships alone (S31B-9)
        parts.append(
            Text("(?) the day is uncertain: between " + "; ".join(f"{lo} and {hi}" for lo, hi in sorted(windows)))
        )
    et = _table("Measure events", ("date", "event", "measure", "title"), keep=("date",))
    for e in d.events:
        _row(et, e.date, e.event, e.measure, e.title)
    parts.append(et)
    return Group(*parts)


def measures(regime: Regime, rows: Sequence[Measure]) -> Group:
    """One short entry per measure: its id and dated stages on the first line, its title below.

    A list, not a table: with eight date columns (or even three) at 80 columns every id was cut
    in the middle and every title folded to a few words per line.
    """
    parts: list[RenderableType] = [Text(f"Measures concerning {regime.jurisdiction} law", style="bold")]
    for m in rows:

        def d(x: object) -> str:
            return str(getattr(x, "date", "")) if x else ""

        cp = getattr(m, "comment_period", None)
        stages = [
            ("announced", d(m.announced)),
            ("comments", f"{cp.start} - {cp.end or '?'}" if cp else ""),
            ("decided", d(m.decided)),
            ("promulgated", d(m.promulgated)),
            ("effective", d(m.effective)),
            ("ended", d(m.ended)),
        ]
        dated = ", ".join(f"{k} {v}" for k, v in stages if v)
        parts.append(_indented(Text.assemble((m.id, "bold"), f"  ({dated})" if dated else ""), 0, 4))
        parts.append(_indented(literal(m.title), 4))
    return Group(*parts)
