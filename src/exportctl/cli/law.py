"""Commands that read the law: check, status, timeline, diff, items, groups, measures, validate, law report."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.table import Table
from rich.text import Text

from exportctl.cli.common import (
    App,
    DatabaseOpt,
    JsonOpt,
    KnownOpt,
    RegimesOpt,
    app,
    bundle_regimes,
    console,
    emit,
    err,
    fail_cleanly,
    service_for,
    writable_file,
)
from exportctl.engine.history import timeline_in
from exportctl.engine.query import parse_date, read_end_use, regime_for, unread_value
from exportctl.engine.results import EndUse
from exportctl.errors import InputError
from exportctl.interfaces import render
from exportctl.law.loader import bundle_version, load_regime, load_regimes
from exportctl.law.regime import Regime
from exportctl.service import CheckQuery, as_known


@app.command()
@fail_cleanly
def check(
    exporter: Annotated[str, typer.Option("--exporter", "-e", help="Exporting jurisdiction, e.g. JP")],
    to: Annotated[str, typer.Option("--to", "-t", help="Destination country (ISO code or name)")],
    item: Annotated[str, typer.Option("--item", "-i", help="Control-list id, name or alias")],
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            help="Shipment date: 2020-01-15, 2020/1/15, 20200115, 令和2年1月15日, 2020년 1월 15일 (default: today)",
        ),
    ] = None,
    value: Annotated[
        str | None, typer.Option("--value", help="Contract value, a whole number (５００ too), in --currency")
    ] = None,
    currency: Annotated[str | None, typer.Option("--currency", help="ISO 4217 code; must be the regime's")] = None,
    end_use: Annotated[
        str | None,
        typer.Option(
            "--end-use",
            help="wmd | conventional | civil (wmd: weapons of mass destruction; for Japan also the nuclear uses of the "
            "WMD order's Appended Table, such as research reactors, fuel processing or heavy water)",
        ),
    ] = None,
    informed: Annotated[bool, typer.Option("--informed", help="The authority informed you of a concern")] = False,
    known_on: KnownOpt = None,
    at: Annotated[
        str | None, typer.Option("--at", help="Local time of shipment, HH:MM (for changes within a day)")
    ] = None,
    as_json: JsonOpt = False,
    record: Annotated[bool, typer.Option("--record", help="Store the answer in the audit log")] = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """May ITEM be shipped from EXPORTER to a destination on a date, under which licence, and why."""
    end_use = read_end_use(end_use)  # the same reading as the API's (CheckQuery), named on a miss
    svc = service_for(regimes, database)
    regs = svc.regimes
    query = CheckQuery(
        exporter=exporter,
        destination=to,
        item=item,
        value=value,
        currency=currency,
        end_use=cast("EndUse | None", end_use),
        informed=informed,
        known_on=known_on,
        at=at,
        **({} if on is None else {"on": on}),  # none given: CheckQuery's default, today, as the API
    )
    d = svc.check(query)
    if (unread := unread_value(regs[d.exporter], query.currency)) is not None:
        err.print(f"warning: {unread}")
    if record:
        from exportctl.store.db import make_engine, upgrade
        from exportctl.store.recorder import record as record_answer

        engine = make_engine(database)
        upgrade(engine)
        audit_id = record_answer(engine, regs, query.model_dump(), d, "cli")
        err.print(f"recorded as audit record {audit_id}")
    if as_json:
        emit(d.model_dump(mode="json", by_alias=True))
    else:
        console.print(render.determination(d), crop=False)  # URLs stay whole, never cut at the edge


@app.command()
@fail_cleanly
def status(
    exporter: Annotated[str, typer.Option("--exporter", "-e", help="Exporting jurisdiction: JP or KR")],
    country: Annotated[str, typer.Option("--country", "-c", help="Destination country (code or name)")],
    on: Annotated[str, typer.Option("--on", help="The day, YYYY-MM-DD or another accepted form")],
    known_on: KnownOpt = None,
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """The groups COUNTRY belongs to under EXPORTER's law on a date."""
    s = service_for(regimes, database).status(exporter, country, on, known_on)
    if as_json:
        emit(s.model_dump(mode="json", by_alias=True))
    else:
        console.print(render.status(s))
        for w in s.warnings:
            console.print(Text.assemble(("warning:", "yellow"), f" {w}"))


@app.command()
@fail_cleanly
def timeline(
    exporter: Annotated[str, typer.Argument(help="Exporting jurisdiction, e.g. JP")],
    country: Annotated[str, typer.Argument(help="Destination country")],
    chart: Annotated[Path | None, typer.Option("--chart", help="Write a chart: .svg, .png or .html")] = None,
    both: Annotated[
        bool, typer.Option("--both/--one-way", help="Chart the reverse direction too, when that regime exists")
    ] = True,
    since: Annotated[str | None, typer.Option("--from", help="Chart window start (default: from the data)")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Chart window end")] = None,
    known_on: KnownOpt = None,
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """The full history of COUNTRY's status under EXPORTER's law (and a chart of it)."""
    from exportctl.interfaces.chart import chart_format, default_window, write_chart

    if chart is not None:
        # Before any output: a bad path or format is one line, not a table then an error.
        writable_file(chart, "--chart")
        chart_format(chart)
    start = parse_date(since, "--from") if since else None
    end = parse_date(until, "--to") if until else None
    if start and end and start > end:
        raise InputError(f"--from {start} is after --to {end}: give the window's earlier day as --from")
    svc = service_for(regimes, database)
    regs = svc.regimes
    result = svc.timeline(exporter, country, known_on)
    rows = result.intervals
    lanes = [rows]
    window = None
    if chart is not None:
        if both and rows:
            home = regime_for(regs, exporter).jurisdiction
            if rows[0].country in regs:
                lanes.append(timeline_in(regs, rows[0].country, home, known_on))
        lo, hi = default_window(lanes)
        window = (start or lo, end or hi)
        if window[0] >= window[1]:  # one bound given, past the other's default (the data's first or last change)
            raise InputError(
                f"chart window {window[0]} to {window[1]} is empty: give --from before {window[1]} "
                f"or --to after {window[0]}"
            )
    if as_json:
        emit(result.model_dump(mode="json", by_alias=True))
    else:
        console.print(render.timeline(rows))
        for w in result.warnings:  # as status prints them
            console.print(Text.assemble(("warning:", "yellow"), f" {w}"))
    if chart is not None and window is not None:
        categories = {g.id for r in regs.values() for g in r.groups.values() if g.kind == "category"}
        events = _licensing_events(regs, lanes)
        path = write_chart(lanes, categories, chart, window, events)
        (err if as_json else console).print(f"chart written to {path}")


def _licensing_events(regs: dict[str, Regime], lanes: list[Any]) -> list[Any]:
    """Measures that changed licensing or listings (not groups) for each charted direction."""
    from exportctl.engine.history import licensing_measures
    from exportctl.interfaces.chart import Event

    out = []
    for lane in lanes:
        if not lane:
            continue
        exporter, country = lane[0].exporter, lane[0].country
        label = f"{exporter} law -> {country}"
        out += [Event(label, e.date, e.measure, e.title) for e in licensing_measures(regs[exporter], country)]
    return out


@app.command()
@fail_cleanly
def diff(
    exporter: Annotated[str, typer.Argument()],
    start: Annotated[str, typer.Argument(help="YYYY-MM-DD")],
    end: Annotated[str, typer.Argument(help="YYYY-MM-DD")],
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """What changed in EXPORTER's law after START up to and including END."""
    d = service_for(regimes, database).diff(exporter, start, end)
    if as_json:
        emit(d.model_dump(mode="json", by_alias=True))
    else:
        console.print(render.diff(d))


#: Aliases shown per entry in the table: row 3(1)'s chemicals alone have 300 (``--json`` gives them all).
ALIASES_SHOWN = 8


def _aliases_shown(aliases: list[str], search: str | None) -> str:
    """The aliases that hold the searched words first, then the others, cut at ``ALIASES_SHOWN``."""
    words = search.casefold() if search else ""
    ranked = sorted(aliases, key=lambda a: not (words and words in a.casefold()))
    shown = ", ".join(ranked[:ALIASES_SHOWN])
    more = len(aliases) - ALIASES_SHOWN
    return f"{shown} (+{more} more; --json lists all)" if more > 0 else shown


@app.command()
@fail_cleanly
def items(
    search: Annotated[str | None, typer.Argument(help="Text to find in ids, names, aliases, codes")] = None,
    exporter: Annotated[str | None, typer.Option("--exporter", "-e", help="Only this jurisdiction")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000, help="At most this many entries")] = 50,
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """Search the control lists by name, alias or code. No match exits 1, with --json or without."""
    # Exit 1 whichever form was asked for (as grep does, and audit verify for a broken chain): the
    # search was valid, so no error (exit 2, "error:"), but a script must not take an empty result
    # for a hit because it asked for JSON.
    result = service_for(regimes, database).items(search, exporter, limit)
    if as_json:
        emit(result.model_dump(mode="json", by_alias=True))  # the API's document, suggestions and all
        if not result.items:
            raise typer.Exit(1)
        return
    found = result.items
    t = Table(title=f"Control-list entries{f' matching {search!r}' if search else ''}")
    for col in ("id", "title", "in force", "aliases"):
        t.add_column(col, overflow="fold")
    for e in found:
        t.add_row(e.id, e.title, f"{e.from_ or '...'} - {e.to or '...'}", _aliases_shown(e.aliases, search))
    if found:
        console.print(t)
    if result.total > len(found):
        err.print(f"showing {len(found)} of {result.total}; use --limit for more")
    if not found:
        hint = f" (did you mean: {', '.join(result.suggestions)}?)" if result.suggestions else ""
        err.print(f"no entry matches {search!r}{hint}", soft_wrap=True)
        raise typer.Exit(1)


@app.command()
@fail_cleanly
def groups(
    exporter: Annotated[str, typer.Argument()],
    on: Annotated[str | None, typer.Option("--on", help="Members on this date (default: every membership)")] = None,
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """List EXPORTER's country groups and their members (on a date, or all dated memberships)."""
    result = service_for(regimes, database).groups(exporter, on)
    if as_json:
        emit(result.model_dump(mode="json", by_alias=True))
        return
    regime = regime_for(bundle_regimes(regimes, database), exporter)
    day = result.on
    t = Table(title=f"{regime.jurisdiction} groups" + (f" on {day}" if day else " (all dated memberships)"))
    for col in ("group", "name", "members"):
        t.add_column(col, overflow="fold")
    for g in result.groups:
        if g.default:
            names = "(default: every country in no other category)"
        elif day:
            names = ", ".join(sorted({m.country for m in g.members}))
        else:
            names = ", ".join(f"{m.country} [{m.from_ or '...'}-{m.to or '...'})" for m in g.members)
        t.add_row(g.group, g.name, names)
    console.print(t)


@app.command()
@fail_cleanly
def measures(
    exporter: Annotated[str, typer.Argument()],
    known_on: KnownOpt = None,
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """List the measures that made EXPORTER's law, and other regimes' measures aimed at it."""
    svc = service_for(regimes, database)
    result = svc.measures(exporter, known_on)
    if as_json:
        emit(result.model_dump(mode="json", by_alias=True))
        return
    regime = regime_for(svc.regimes, exporter)
    rows = [m for r in svc.regimes.values() for m in r.measures.values() if m.id in {x.id for x in result.measures}]
    if result.known_on is not None:
        rows = [as_known(m, result.known_on) for m in rows]
    rows.sort(key=lambda m: (m.public_on or (m.effective and m.effective.date) or parse_date("1900-01-01"), m.id))
    console.print(render.measures(regime, rows))
    for m in rows:
        if m.origin == "intake":
            console.print(
                Text.assemble(
                    ("intake overlay", "magenta"), f" {m.id}: {m.title} (accepted proposal, not curated data)"
                )
            )


@app.command()
@fail_cleanly
def validate(
    path: Annotated[
        Path | None, typer.Argument(help="A regime folder or a folder of regimes (default: shipped)")
    ] = None,
) -> None:
    """Load and check regime data; report the first problem with file and line."""
    if path is not None and (path / "regime.yaml").exists():
        r = load_regime(path)
        console.print(
            f"{r.jurisdiction}: OK ({len(r.entries)} entries, {len(r.rules)} rules, "
            f"{sum(len(g.members) for g in r.groups.values())} memberships, {len(r.measures)} measures; "
            f"version {r.version})"
        )
        return
    regs = load_regimes(path, from_yaml=True)
    for r in regs.values():
        console.print(f"{r.jurisdiction}: OK ({len(r.entries)} entries, {len(r.rules)} rules, version {r.version})")
    console.print(f"bundle version {bundle_version(regs)}")


law_app = App(help="The law itself: reports for review and sign-off.", no_args_is_help=True)
app.add_typer(law_app, name="law")


@law_app.command("report")
@fail_cleanly
def law_report_cmd(
    jurisdiction: Annotated[str, typer.Argument(help="Regime, e.g. JP or KR")],
    html: Annotated[bool, typer.Option("--html", help="One self-contained HTML page instead of text")] = False,
    as_json: JsonOpt = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout")] = None,
    regimes: RegimesOpt = None,
) -> None:
    """Per instrument and provision: the quoted text, and the rules, memberships and measures resting on it."""
    import datetime as dt

    from exportctl.interfaces.law_report import report_html, report_text
    from exportctl.law.report import law_report

    if html and as_json:  # one report, one form: JSON silently won before
        raise InputError("--html and --json ask for two forms of one report; give one of them (or neither, for text)")
    regime = regime_for(load_regimes(regimes), jurisdiction)
    rep = law_report(regime, dt.date.today())
    if as_json:
        text = json.dumps(rep.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2) + "\n"
    else:
        text = report_html(rep) if html else report_text(rep)
    if output is None:
        sys.stdout.write(text)
        return
    writable_file(output, "--output")
    tmp = output.with_name(output.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)  # no half-written report left beside the target
        raise InputError(f"cannot write {output}: {exc.strerror}") from None
    err.print(f"wrote {output}")
