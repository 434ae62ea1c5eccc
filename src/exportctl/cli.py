"""The ``exportctl`` command line (Typer + Rich).

A thin shell over the engine: parse, ask, print. ``--json`` prints the stable shapes of
DESIGN.md; errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar, cast

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from exportctl.bundle import load_bundle
from exportctl.engine.history import timeline_in
from exportctl.engine.query import parse_date, regime_for
from exportctl.engine.results import EndUse
from exportctl.errors import ExportctlError, InputError
from exportctl.extras import missing_extra
from exportctl.interfaces import render
from exportctl.law.loader import bundle_version, load_regime, load_regimes
from exportctl.law.regime import Regime
from exportctl.service import CheckQuery, Service
from exportctl.settings import Settings

app = typer.Typer(
    name="exportctl",
    help="Export-control rules as code: licence outcomes, group status and legal history, with citations.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

RegimesOpt = Annotated[
    Path | None,
    typer.Option("--regimes", help="Folder of regime data (default: shipped data)", envvar="EXPORTCTL_REGIMES"),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON")]
DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database", help="Database URL (default: SQLite in the user data dir)", envvar="EXPORTCTL_DATABASE_URL"
    ),
]
KnownOpt = Annotated[
    str | None,
    typer.Option("--known-on", help="The law as published by this date; announced drafts become warnings"),
]


def _fail_cleanly(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ExportctlError as exc:
            err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            err.print(
                f"error: invalid {where} {first.get('input')!r}: {first['msg']}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(2) from None
        except ModuleNotFoundError as exc:
            missing = missing_extra(exc)
            if missing is None:
                raise
            err.print(f"error: {missing}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _settings(path: Path | None, database: str | None = None) -> Settings:
    return Settings.from_env(path, database)


def _service(path: Path | None, database: str | None = None) -> Service:
    """The service over the law bundle (curated regimes + accepted overlays); reads write nothing."""
    from exportctl.intake.proposals import open_store

    settings = _settings(path, database)
    return Service(load_bundle(settings), open_store(settings, create=False))


def _regimes(path: Path | None, database: str | None = None) -> dict[str, Regime]:
    """The law bundle's regimes: shipped (or given) regimes with accepted overlays; reads write nothing."""
    return dict(load_bundle(_settings(path, database)).regimes)


def _emit(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
@_fail_cleanly
def check(
    exporter: Annotated[str, typer.Option("--exporter", "-e", help="Exporting jurisdiction, e.g. JP")],
    to: Annotated[str, typer.Option("--to", "-t", help="Destination country (ISO code or name)")],
    item: Annotated[str, typer.Option("--item", "-i", help="Control-list id, name or alias")],
    on: Annotated[str, typer.Option("--on", help="Shipment date, YYYY-MM-DD")],
    value: Annotated[int | None, typer.Option("--value", help="Contract value, integer, in --currency")] = None,
    currency: Annotated[str | None, typer.Option("--currency", help="ISO 4217 code; must be the regime's")] = None,
    end_use: Annotated[str | None, typer.Option("--end-use", help="wmd | conventional | civil")] = None,
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
    if end_use is not None and end_use not in ("wmd", "conventional", "civil"):
        raise InputError(f"unknown end use {end_use!r}", ["wmd", "conventional", "civil"])
    svc = _service(regimes, database)
    regs = svc.regimes
    query = CheckQuery(
        exporter=exporter,
        destination=to,
        item=item,
        on=on,
        value=value,
        currency=currency,
        end_use=cast("EndUse | None", end_use),
        informed=informed,
        known_on=known_on,
        at=at,
    )
    d = svc.check(query)
    if record:
        from exportctl.store.db import make_engine, upgrade
        from exportctl.store.recorder import record as record_answer

        engine = make_engine(database)
        upgrade(engine)
        audit_id = record_answer(engine, regs, query.model_dump(), d, "cli")
        err.print(f"recorded as audit record {audit_id}")
    if as_json:
        _emit(d.model_dump(mode="json", by_alias=True))
    else:
        console.print(render.determination(d))


@app.command()
@_fail_cleanly
def status(
    exporter: Annotated[str, typer.Option("--exporter", "-e")],
    country: Annotated[str, typer.Option("--country", "-c")],
    on: Annotated[str, typer.Option("--on")],
    known_on: KnownOpt = None,
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """The groups COUNTRY belongs to under EXPORTER's law on a date."""
    s = _service(regimes, database).status(exporter, country, on, known_on)
    if as_json:
        _emit(s.model_dump(mode="json", by_alias=True))
    else:
        console.print(render.status(s))
        for w in s.warnings:
            console.print(f"[yellow]warning:[/] {w}")


@app.command()
@_fail_cleanly
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
    from exportctl.interfaces.chart import default_window, write_chart

    svc = _service(regimes, database)
    regs = svc.regimes
    result = svc.timeline(exporter, country, known_on)
    rows = result.intervals
    if as_json:
        _emit(result.model_dump(mode="json", by_alias=True))
    else:
        console.print(render.timeline(rows))
    if chart is not None:
        lanes = [rows]
        reverse = None
        if both and rows:
            home = regime_for(regs, exporter).jurisdiction
            if rows[0].country in regs:
                reverse = timeline_in(regs, rows[0].country, home, known_on)
                lanes.append(reverse)
        categories = {g.id for r in regs.values() for g in r.groups.values() if g.kind == "category"}
        events = _licensing_events(regs, lanes)
        lo, hi = default_window(lanes)
        window = (parse_date(since, "--from") if since else lo, parse_date(until, "--to") if until else hi)
        path = write_chart(lanes, categories, chart, window, events)
        (err if as_json else console).print(f"chart written to {path}")


def _licensing_events(regs: dict[str, Regime], lanes: list[Any]) -> list[Any]:
    """Measures that changed licensing or listings (not groups) for each charted direction."""
    from exportctl.interfaces.chart import Event

    out = []
    for lane in lanes:
        if not lane:
            continue
        exporter, country = lane[0].exporter, lane[0].country
        label = f"{exporter} law -> {country}"
        for m in regs[exporter].measures.values():
            if (
                m.kind in ("licensing_policy", "control_list_amendment", "wto_dispute")
                and m.effective
                and (country in m.targets or (not m.targets and m.kind == "control_list_amendment"))
            ):
                if m.kind == "wto_dispute" and not any(w in m.title.lower() for w in ("requests wto", "withdraws")):
                    continue
                out.append(Event(label, m.effective.date, m.id, m.title))
    return out


@app.command()
@_fail_cleanly
def diff(
    exporter: Annotated[str, typer.Argument()],
    start: Annotated[str, typer.Argument(help="YYYY-MM-DD")],
    end: Annotated[str, typer.Argument(help="YYYY-MM-DD")],
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """What changed in EXPORTER's law after START up to and including END."""
    d = _service(regimes, database).diff(exporter, start, end)
    if as_json:
        _emit(d.model_dump(mode="json", by_alias=True))
    else:
        console.print(render.diff(d))


@app.command()
@_fail_cleanly
def items(
    search: Annotated[str | None, typer.Argument(help="Text to find in ids, names, aliases, codes")] = None,
    exporter: Annotated[str | None, typer.Option("--exporter", "-e", help="Only this jurisdiction")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000, help="At most this many entries")] = 50,
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """Search the control lists by name, alias or code."""
    result = _service(regimes, database).items(search, exporter, limit)
    if as_json:
        _emit(result.model_dump(mode="json", by_alias=True))
        return
    found = result.items
    t = Table(title=f"Control-list entries{f' matching {search!r}' if search else ''}")
    for col in ("id", "title", "in force", "aliases"):
        t.add_column(col, overflow="fold")
    for e in found:
        t.add_row(e.id, e.title, f"{e.from_ or '...'} - {e.to or '...'}", ", ".join(e.aliases))
    console.print(t)
    if result.total > len(found):
        err.print(f"showing {len(found)} of {result.total}; use --limit for more")
    if not found:
        err.print(f"no entry matches {search!r}")
        raise typer.Exit(1)


@app.command()
@_fail_cleanly
def groups(
    exporter: Annotated[str, typer.Argument()],
    on: Annotated[str | None, typer.Option("--on", help="Members on this date (default: every membership)")] = None,
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """List EXPORTER's country groups and their members (on a date, or all dated memberships)."""
    result = _service(regimes, database).groups(exporter, on)
    if as_json:
        _emit(result.model_dump(mode="json", by_alias=True))
        return
    regime = regime_for(_regimes(regimes, database), exporter)
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
@_fail_cleanly
def measures(
    exporter: Annotated[str, typer.Argument()],
    known_on: KnownOpt = None,
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """List the measures that made EXPORTER's law, and other regimes' measures aimed at it."""
    svc = _service(regimes, database)
    result = svc.measures(exporter, known_on)
    if as_json:
        _emit(result.model_dump(mode="json", by_alias=True))
        return
    regime = regime_for(svc.regimes, exporter)
    rows = [m for r in svc.regimes.values() for m in r.measures.values() if m.id in {x.id for x in result.measures}]
    rows.sort(key=lambda m: (m.public_on or (m.effective and m.effective.date) or parse_date("1900-01-01"), m.id))
    console.print(render.measures(regime, rows))
    for m in rows:
        if m.origin == "intake":
            console.print(f"[magenta]intake overlay[/] {m.id}: {m.title} (accepted proposal, not curated data)")


def _progress_bar(label: str) -> tuple[Any, Any]:
    """A Rich progress bar on a terminal; nothing when output is piped."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if not err.is_terminal:
        return None, None
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err)
    task = bar.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return bar, update


@app.command()
@_fail_cleanly
def screen(
    input: Annotated[Path, typer.Argument(help="Order lines: .csv, .parquet or .jsonl")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Results file (.csv, .parquet or .jsonl)")],
    rejects: Annotated[
        Path | None, typer.Option("--rejects", help="Rejected rows (default: OUTPUT.rejects.EXT)")
    ] = None,
    engine: Annotated[str, typer.Option("--engine", help="local | spark")] = "local",
    spark_master: Annotated[str, typer.Option("--spark-master", help="Spark master URL")] = "local[2]",
    known_on: KnownOpt = None,
    chunk_rows: Annotated[int, typer.Option("--chunk-rows", help="Rows per chunk (local engine)")] = 1_000_000,
    regimes: RegimesOpt = None,
) -> None:
    """Screen every order line of a file; every line comes out as a result or a rejected row."""
    from exportctl.batch.files import rejects_path_for, screen_file

    regs = _regimes(regimes)
    kday = parse_date(known_on, "knowledge date") if known_on else None
    rejects = rejects or rejects_path_for(output)
    if engine == "spark":
        from exportctl.batch.spark import screen_file_spark

        summary = screen_file_spark(input, output, rejects, regs, kday, master=spark_master)
    elif engine == "local":
        bar, update = _progress_bar("screening")
        if bar is not None:
            with bar:
                summary = screen_file(input, output, rejects, regs, kday, chunk_rows, update)
        else:
            summary = screen_file(input, output, rejects, regs, kday, chunk_rows)
    else:
        raise InputError(f"unknown engine {engine!r}", ["local", "spark"])
    console.print(summary.line() + f"  -> {output}, rejects -> {rejects}")


@app.command()
@_fail_cleanly
def impact(
    measure: Annotated[str, typer.Argument(help="Measure id, e.g. jp-2019-07-three-items")],
    input: Annotated[Path, typer.Argument(help="Order lines: .csv, .parquet or .jsonl")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Lines whose answer the measure changes")],
    rejects: Annotated[Path | None, typer.Option("--rejects")] = None,
    known_on: KnownOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """Which lines change outcome because of one measure: screening with and without it."""
    from exportctl.batch.files import impact_file

    regs = _regimes(regimes)
    kday = parse_date(known_on, "knowledge date") if known_on else None
    summary, changed = impact_file(measure, input, output, rejects, regs, kday)
    console.print(summary.line() + f"  changed by {measure}: {changed:,} -> {output}")


@app.command()
@_fail_cleanly
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
    regs = load_regimes(path)
    for r in regs.values():
        console.print(f"{r.jurisdiction}: OK ({len(r.entries)} entries, {len(r.rules)} rules, version {r.version})")
    console.print(f"bundle version {bundle_version(regs)}")


db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit log of determinations.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys for the service (stored hashed).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit")
app.add_typer(keys_app, name="keys")


def _engine(database: str | None) -> Any:
    from exportctl.store.db import make_engine, upgrade

    engine = make_engine(database)
    upgrade(engine)
    return engine


@app.command()
@_fail_cleanly
def serve(
    host: Annotated[str, typer.Option("--host")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    database: DatabaseOpt = None,
    closed_reads: Annotated[bool, typer.Option("--closed-reads", help="Require an API key for reads too")] = False,
    workers: Annotated[int, typer.Option("--workers", help="Worker processes")] = 1,
) -> None:
    """Start the REST API and the web page (migrations are applied on start)."""
    import os

    import uvicorn

    from exportctl.store.db import database_url

    url = database_url(database)
    os.environ["EXPORTCTL_DATABASE_URL"] = url
    os.environ["EXPORTCTL_OPEN_READS"] = "0" if closed_reads else "1"
    _engine(url)
    console.print(f"exportctl serving on http://{host}:{port} (database {url.split('@')[-1]})")
    uvicorn.run(
        "exportctl.api.app:app_from_env", factory=True, host=host, port=port, workers=workers, log_level="warning"
    )


@db_app.command("upgrade")
@_fail_cleanly
def db_upgrade(database: DatabaseOpt = None) -> None:
    """Apply pending migrations."""
    from exportctl.store.db import database_url, make_engine, upgrade

    url = database_url(database)
    console.print(f"database at revision {upgrade(make_engine(url))} ({url.split('@')[-1]})")


@audit_app.command("verify")
@_fail_cleanly
def audit_verify(database: DatabaseOpt = None) -> None:
    """Recompute the hash chain; report the first broken row."""
    from exportctl.store.audit import AuditLog

    result = AuditLog(_engine(database)).verify()
    (console if result.ok else err).print(result.line())
    if not result.ok:
        raise typer.Exit(1)


@audit_app.command("export")
@_fail_cleanly
def audit_export(
    since: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD, UTC)")] = None,
    until: Annotated[str | None, typer.Option("--to", help="Last day, inclusive")] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv | jsonl")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: standard output)")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Give an examiner the records: query, answer, regime version, time, key id, hashes."""
    import csv
    import json as _json

    from exportctl.store.audit import AuditLog

    if fmt not in ("csv", "jsonl"):
        raise InputError(f"unknown format {fmt!r}", ["csv", "jsonl"])
    log = AuditLog(_engine(database))
    rows = log.rows(parse_date(since, "--from") if since else None, parse_date(until, "--to") if until else None)
    handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            for row in rows:
                handle.write(_json.dumps(AuditLog.record(row), ensure_ascii=False) + "\n")
        else:
            writer = csv.writer(handle)
            writer.writerow(
                [
                    "id",
                    "created_at",
                    "channel",
                    "api_key_id",
                    "regime_version",
                    "query",
                    "answer",
                    "prev_hash",
                    "row_hash",
                ]
            )
            for row in rows:
                writer.writerow(
                    [
                        row["id"],
                        row["created_at"],
                        row["channel"],
                        row["api_key_id"],
                        row["regime_version"],
                        row["query"],
                        row["answer"],
                        row["prev_hash"],
                        row["row_hash"],
                    ]
                )
    finally:
        if output:
            handle.close()


@audit_app.command("replay")
@_fail_cleanly
def audit_replay(
    record_id: Annotated[int, typer.Argument(help="Audit record id")],
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """Re-run a stored query against the regime version it used and show the answer is the same."""
    from exportctl.store.recorder import replay

    result = replay(_engine(database), record_id, _regimes(regimes))
    if result.same:
        console.print(
            f"record {record_id}: replayed against regime {result.regime_version}: same answer "
            f"(licence_required={result.replayed['licence_required']}, routes={result.replayed['routes']})"
        )
    else:
        err.print(f"record {record_id}: replay DIFFERS in {', '.join(result.differences())}")
        raise typer.Exit(1)


@keys_app.command("create")
@_fail_cleanly
def keys_create(
    name: Annotated[str, typer.Argument()],
    scope: Annotated[str, typer.Option("--scope", help="read | write")] = "read",
    database: DatabaseOpt = None,
) -> None:
    """Create an API key; the key is shown once and stored only as a hash."""
    from exportctl.store.keys import create_key

    key_id, token = create_key(_engine(database), name, scope)
    console.print(f"key {key_id} ({name}, {scope}): {token}", markup=False, highlight=False)
    err.print("store it now: it is not shown again")


@keys_app.command("list")
@_fail_cleanly
def keys_list(database: DatabaseOpt = None, as_json: JsonOpt = False) -> None:
    """List keys (never the keys themselves)."""
    from exportctl.store.keys import list_keys

    rows = list_keys(_engine(database))
    if as_json:
        _emit(rows)
        return
    t = Table(title="API keys")
    for col in ("id", "name", "prefix", "scope", "created", "revoked"):
        t.add_column(col)
    for r in rows:
        t.add_row(str(r["id"]), r["name"], r["prefix"] + "...", r["scope"], r["created_at"], r["revoked_at"] or "")
    console.print(t)


@keys_app.command("revoke")
@_fail_cleanly
def keys_revoke(key: Annotated[str, typer.Argument(help="Key id or name")], database: DatabaseOpt = None) -> None:
    """Revoke a key by id or name."""
    from exportctl.store.keys import revoke_key

    n = revoke_key(_engine(database), key)
    console.print(f"revoked {n} key(s)")


law_app = typer.Typer(help="The law itself: reports for review and sign-off.", no_args_is_help=True)
app.add_typer(law_app, name="law")


@law_app.command("report")
@_fail_cleanly
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

    regime = regime_for(load_regimes(regimes), jurisdiction)
    rep = law_report(regime, dt.date.today())
    if as_json:
        text = json.dumps(rep.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2) + "\n"
    else:
        text = report_html(rep) if html else report_text(rep)
    if output is None:
        sys.stdout.write(text)
        return
    tmp = output.with_name(output.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror}") from None
    err.print(f"wrote {output}")


proposals_app = typer.Typer(help="Measures found by intake, awaiting review.", no_args_is_help=True)
app.add_typer(proposals_app, name="proposals")


def _published_map(values: list[str], refs: list[str]) -> tuple[dict[str, Any], Any]:
    """--published DATE (all documents) or --published PATH=DATE (one document), repeatable."""
    every, per = None, {}
    for v in values:
        if "=" in v:
            path, _, day = v.rpartition("=")
            per[path] = parse_date(day, f"--published for {path}")
        else:
            every = parse_date(v, "--published")
    unknown = [p for p in per if p not in refs]
    if unknown:
        raise InputError(f"--published names a document not given: {unknown[0]}")
    return per, every


@app.command()
@_fail_cleanly
def intake(
    refs: Annotated[list[str], typer.Argument(help="Files or http(s) URLs: plain text or HTML")],
    published: Annotated[list[str], typer.Option("--published", help="YYYY-MM-DD for all, or PATH=YYYY-MM-DD")] = [],  # noqa: B006
    propose: Annotated[bool, typer.Option("--propose/--no-propose", help="Save new measures as proposals")] = True,
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """Read news reports and notices: which measures they report, known or new (new ones become proposals)."""
    from exportctl.intake.document import load_document
    from exportctl.intake.extract import extract as extract_measures
    from exportctl.intake.merge import match, merge, role_conflicts
    from exportctl.intake.proposals import open_store, save, to_proposal

    regs = _regimes(regimes)
    per, every = _published_map(published, refs)
    documents, candidates = [], []
    for ref in refs:
        doc = load_document(ref, per.get(ref, every))
        documents.append(doc)
        found = extract_measures(doc, regs)
        candidates.extend(found)
    merged = merge(candidates)
    match(merged, regs)
    preferred = {j: r.info.preferred_group for j, r in regs.items() if r.info.preferred_group}
    for rec in merged:
        if rec["status"] == "new" and propose:
            proposal = to_proposal(rec, preferred)
            save(proposal, open_store(_settings(None, database), create=True))  # type: ignore[arg-type]
            rec["proposal"] = proposal["id"]
    conflicts = role_conflicts({d.source: d.text for d in documents})
    if as_json:
        per_doc = [
            {
                "document": d.source,
                "published": d.published,
                "sha256": d.sha256,
                "measures": [c.as_dict() for c in candidates if c.document == d.source],
            }
            for d in documents
        ]
        _emit({"measures": merged, "documents": per_doc, "conflicts": conflicts})
        return
    t = Table(title=f"Measures reported in {len(documents)} document(s)", show_lines=True)
    for col in ("state", "action", "targets", "stage", "announced", "effective", "sources", "status"):
        t.add_column(col, overflow="fold")
    for rec in merged:
        t.add_row(
            rec["jurisdiction"] or "?",
            rec["action"] + (" (background)" if rec["background"] else ""),
            ", ".join(rec["targets"]) or "all",
            rec["stage"],
            rec["announced"] or "",
            rec["effective"] or "",
            str(rec["corroboration"]),
            f"{rec['status']} {rec.get('measure') or rec.get('proposal') or ''}",
        )
    console.print(t)
    for rec in merged:
        for c in rec["conflicts"]:
            console.print(f"[yellow]conflict[/] {rec['jurisdiction']} {rec['action']}: {c['field']} {c['values']}")
    for c in conflicts:
        console.print(
            f"[yellow]conflict[/] {c['state']}: head of government called {', '.join(c['values'])} in different sources"
        )
    if not merged:
        console.print("no measure reported")


@proposals_app.command("list")
@_fail_cleanly
def proposals_list(as_json: JsonOpt = False, database: DatabaseOpt = None) -> None:
    """List proposals with their status (from the database: the data directory's unless --database)."""
    from exportctl.intake.proposals import load_all, open_store

    store = open_store(_settings(None, database), create=False)
    rows = load_all(store)
    if as_json:
        _emit(Service(load_bundle(_settings(None, database)), store).proposals().model_dump(mode="json"))
        return
    t = Table(title="Proposals")
    for col in ("id", "status", "stage", "title", "sources"):
        t.add_column(col, overflow="fold")
    for p in rows:
        t.add_row(p["id"], p["status"], p["stage"], p["measure"]["title"], str(p["provenance"]["corroboration"]))
    console.print(t)


@proposals_app.command("show")
@_fail_cleanly
def proposals_show(proposal_id: Annotated[str, typer.Argument()], database: DatabaseOpt = None) -> None:
    """Show a proposal: the measure in regime YAML and its evidence."""
    import yaml as _yaml

    from exportctl.intake.proposals import get, open_store

    sys.stdout.write(
        _yaml.safe_dump(
            get(proposal_id, open_store(_settings(None, database), create=False)), sort_keys=False, allow_unicode=True
        )
    )


@proposals_app.command("accept")
@_fail_cleanly
def proposals_accept(
    proposal_id: Annotated[str, typer.Argument()],
    reviewer: Annotated[str | None, typer.Option("--reviewer")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Accept a proposal: it becomes an intake overlay, never an edit of the curated data."""
    from exportctl.intake.proposals import decide, open_store

    decide(proposal_id, "accepted", reviewer, open_store(_settings(None, database), create=True))  # type: ignore[arg-type]
    console.print(f"accepted {proposal_id}: shown by `exportctl measures` as an intake overlay")


@proposals_app.command("reject")
@_fail_cleanly
def proposals_reject(
    proposal_id: Annotated[str, typer.Argument()],
    reviewer: Annotated[str | None, typer.Option("--reviewer")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Reject a proposal."""
    from exportctl.intake.proposals import decide, open_store

    decide(proposal_id, "rejected", reviewer, open_store(_settings(None, database), create=True))  # type: ignore[arg-type]
    console.print(f"rejected {proposal_id}")


@proposals_app.command("revert")
@_fail_cleanly
def proposals_revert(
    proposal_id: Annotated[str, typer.Argument()],
    reviewer: Annotated[str | None, typer.Option("--reviewer")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Revert an accepted proposal: its overlay is withdrawn and answers return to the curated law."""
    from exportctl.intake.proposals import decide, open_store

    decide(proposal_id, "reverted", reviewer, open_store(_settings(None, database), create=True))  # type: ignore[arg-type]
    console.print(f"reverted {proposal_id}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
