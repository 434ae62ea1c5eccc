"""The service and its state: serve, db, audit log, API keys."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from exportctl.cli.common import (
    App,
    DatabaseOpt,
    JsonOpt,
    RegimesOpt,
    app,
    bundle_regimes,
    console,
    emit,
    err,
    fail_cleanly,
    writable_file,
)
from exportctl.engine.query import parse_date
from exportctl.errors import InputError

db_app = App(help="Database schema (Alembic migrations).", no_args_is_help=True)
audit_app = App(help="The hash-chained audit log of determinations.", no_args_is_help=True)
keys_app = App(help="API keys for the service (stored hashed).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(audit_app, name="audit")
app.add_typer(keys_app, name="keys")


def _engine(database: str | None) -> Any:
    """The database for a command that writes (created on first use)."""
    from exportctl.store.db import make_engine, upgrade

    engine = make_engine(database)
    upgrade(engine)
    return engine


def _existing(database: str | None) -> Any:
    """The database for a command that reads: never created (a missing one is a one-line error)."""
    from exportctl.store.db import existing_engine

    return existing_engine(database)


@app.command()
@fail_cleanly
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (0.0.0.0: every interface)")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    database: DatabaseOpt = None,
    closed_reads: Annotated[bool, typer.Option("--closed-reads", help="Require an API key for reads too")] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes")] = 1,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option("--allowed-host", help="A host name clients may use (repeatable; loopback always allowed)"),
    ] = None,
    max_connections: Annotated[
        int, typer.Option("--max-connections", min=1, help="Concurrent connections per worker; more get 503")
    ] = 200,
) -> None:
    """Start the REST API and the web page (migrations are applied on start).

    Requests must name an allowed host (against DNS rebinding): loopback, ``--host`` when it is a
    name or address, and each ``--allowed-host``. Past ``--max-connections`` the server sheds load
    with 503 instead of queueing without bound.
    """
    import os

    import uvicorn

    from exportctl.store.db import database_url

    sock = _listening_socket(host, port)  # first: a port in use is said before the database is touched
    try:
        url = database_url(database)
        os.environ["EXPORTCTL_DATABASE_URL"] = url
        os.environ["EXPORTCTL_OPEN_READS"] = "0" if closed_reads else "1"
        hosts = [*(allowed_host or []), *([host] if host not in ("0.0.0.0", "::") else [])]
        os.environ["EXPORTCTL_ALLOWED_HOSTS"] = ",".join(hosts)
        _engine(url)
    except BaseException:
        sock.close()
        raise
    config = uvicorn.Config(
        "exportctl.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        # No access log: a line per request is formatted and dropped below "warning" anyway, and
        # every determination is already in the audit log with its key and time.
        access_log=False,
        limit_concurrency=max_connections,
        timeout_keep_alive=5,
    )
    shown = f"[{host}]" if ":" in host else host  # an IPv6 address is bracketed in a URL (RFC 3986)
    console.print(f"exportctl serving on http://{shown}:{port} (database {url.split('@')[-1]})")
    _run_server(config, sock)


def _listening_socket(host: str, port: int) -> Any:
    """The server's socket, bound here before anything is said, as uvicorn would bind it.

    Why here: uvicorn binds after the caller has printed its banner and reports a failure as a
    log line and ``SystemExit``; bound first, "serving on" is printed only for an address the
    server holds, and a port in use (or a host that is not this machine's) is one error line.
    """
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family=family, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except (OSError, OverflowError) as exc:
        sock.close()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"cannot listen on {host}:{port}: {reason}") from None
    sock.set_inheritable(True)
    return sock


def _run_server(config: Any, sock: Any) -> None:
    """``uvicorn.run`` on a socket already bound: one process, or ``config.workers`` of them."""
    import inspect

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    server = uvicorn.Server(config=config)
    try:
        if config.workers > 1:
            # Earlier uvicorn releases also took the worker's ``target``; later ones make their own.
            takes_target = "target" in inspect.signature(Multiprocess).parameters
            Multiprocess(config, sockets=[sock], **({"target": server.run} if takes_target else {})).run()
        else:
            config.load_app()
            server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    if config.workers == 1 and not server.started:
        raise typer.Exit(3)


@db_app.command("upgrade")
@fail_cleanly
def db_upgrade(database: DatabaseOpt = None) -> None:
    """Apply pending migrations."""
    from exportctl.store.db import database_url, make_engine, upgrade

    url = database_url(database)
    console.print(f"database at revision {upgrade(make_engine(url))} ({url.split('@')[-1]})")


@audit_app.command("verify")
@fail_cleanly
def audit_verify(database: DatabaseOpt = None) -> None:
    """Recompute the hash chain; report the first broken row."""
    from exportctl.store.audit import verify_database

    result = verify_database(database)
    (console if result.ok else err).print(result.line(), soft_wrap=True)
    if not result.ok:
        raise typer.Exit(1)


@audit_app.command("export")
@fail_cleanly
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
    if output is not None:
        writable_file(output, "--output")  # a bad path is named first, whatever the database
    # The days too, before the database is looked for: a mistyped day is the user's first problem.
    first = parse_date(since, "--from") if since else None
    last = parse_date(until, "--to") if until else None
    if first and last and first > last:  # an empty export with rc 0 would read as "no records then"
        raise InputError(f"--from {first} is after --to {last}: give the range's earlier day as --from")
    log = AuditLog(_existing(database))
    rows = log.rows(first, last)
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
@fail_cleanly
def audit_replay(
    record_id: Annotated[int, typer.Argument(help="Audit record id")],
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """Re-run a stored query against the regime version it used and show the answer is the same."""
    from exportctl.store.recorder import replay

    result = replay(_existing(database), record_id, bundle_regimes(regimes))
    if result.same:
        console.print(
            f"record {record_id}: replayed against regime {result.regime_version}: same answer "
            f"(licence_required={result.replayed['licence_required']}, routes={result.replayed['routes']})"
        )
    else:
        err.print(f"record {record_id}: replay DIFFERS in {', '.join(result.differences())}")
        raise typer.Exit(1)


@keys_app.command("create")
@fail_cleanly
def keys_create(
    name: Annotated[str, typer.Argument()],
    scope: Annotated[str, typer.Option("--scope", help="read | write")] = "read",
    database: DatabaseOpt = None,
) -> None:
    """Create an API key; the key is shown once and stored only as a hash."""
    from exportctl.store.keys import SCOPES, create_key

    if scope not in SCOPES:  # refused before the database is opened, so a refusal creates nothing
        raise InputError(f"unknown scope {scope!r}", list(SCOPES))
    key_id, token = create_key(_engine(database), name, scope)
    console.print(f"key {key_id} ({name}, {scope}): {token}", markup=False, highlight=False)
    err.print("store it now: it is not shown again")


@keys_app.command("list")
@fail_cleanly
def keys_list(database: DatabaseOpt = None, as_json: JsonOpt = False) -> None:
    """List keys (never the keys themselves); with no database there are none (and none is created)."""
    from exportctl.errors import NoDatabase
    from exportctl.store.keys import list_keys

    try:
        rows = list_keys(_existing(database))
    except NoDatabase as exc:
        if as_json:
            emit([])
        else:
            console.print(f"no API keys (no database at {exc.where})", markup=False, highlight=False, soft_wrap=True)
        return
    if as_json:
        emit(rows)
        return
    t = Table(title="API keys")
    for col in ("id", "name", "prefix", "scope", "created", "revoked"):
        t.add_column(col)
    for r in rows:
        t.add_row(str(r["id"]), r["name"], r["prefix"] + "...", r["scope"], r["created_at"], r["revoked_at"] or "")
    console.print(t)


@keys_app.command("revoke")
@fail_cleanly
def keys_revoke(key: Annotated[str, typer.Argument(help="Key id or name")], database: DatabaseOpt = None) -> None:
    """Revoke a key by id or name."""
    from exportctl.store.keys import revoke_key

    n = revoke_key(_existing(database), key)
    console.print(f"revoked {n} key(s)")
