"""Database connections and migrations.

SQLite by default (a file in the user's data directory, per platformdirs); PostgreSQL when a
``postgresql+psycopg://`` URL is given. Every schema change is an Alembic migration shipped in
the package, applied by ``exportctl db upgrade`` or when the service starts.
"""

from __future__ import annotations

import contextlib
import os
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from exportctl.errors import InputError, NoDatabase, StorageUnavailable
from exportctl.settings import Settings

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def _safe(url: str) -> str:
    """A database URL fit for a message: the password masked, whatever the URL's shape."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<database URL>"


def default_url() -> str:
    """The default database (created on first write): the SQLite file in the data directory."""
    url = Settings.from_env().store_url(create=True)
    assert url is not None
    return url


def database_url(url: str | None = None) -> str:
    return url or os.environ.get("EXPORTCTL_DATABASE_URL") or default_url()


def existing_engine(url: str | None = None) -> Engine:
    """The database for a command that only reads it, migrated, but never created.

    ``url`` as :func:`database_url` takes it (given, ``EXPORTCTL_DATABASE_URL``, then the SQLite
    file in the data directory). A SQLite file that is not there raises :class:`NoDatabase`
    naming it, where :func:`make_engine` would let SQLite create an empty one and the read
    would answer from nothing. (A server database cannot be told apart this way; it is used.)
    """
    settings = Settings.from_env(database_url=url)
    target = settings.database_url or settings.store_url(create=False)
    if target is None:
        path = settings.default_database
        raise NoDatabase(str(path), f"sqlite:///{path}")
    missing = _missing_sqlite_file(target)
    if missing is not None:
        raise NoDatabase(str(missing), target)
    engine = make_engine(target)
    upgrade(engine)
    return engine


def _missing_sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL when it does not exist (None for other databases and in-memory ones)."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        return None  # make_engine says what is wrong with it
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.database.startswith("file:"):
        return None  # a URI filename: its own rules (mode=ro, memory...)
    path = Path(parsed.database)
    return None if path.exists() else path


#: Every engine this process made, so that a command line can close them all as it exits (:func:`dispose_all`).
_ENGINES: weakref.WeakSet[Engine] = weakref.WeakSet()


def dispose_all() -> None:
    """Close the pooled connections of every engine still alive.

    Why: SQLite writes a commit to its write-ahead log (``-wal``) and folds the log back into the database file when
    the last connection closes. A command line that exits without closing its engine leaves a database file that is
    incomplete on its own (a copy of ``exportctl.db`` alone lacks what the log holds); the command line calls this
    before it exits (``exportctl.cli.main``). Connections still checked out (a thread still writing) are left alone.
    """
    for engine in list(_ENGINES):
        engine.dispose()


def make_engine(url: str | None = None) -> Engine:
    target = database_url(url)
    try:
        if target.startswith("sqlite"):
            engine = sa.create_engine(target, connect_args={"check_same_thread": False, "timeout": 30})

            @sa.event.listens_for(engine, "connect")
            def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
                dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below open transactions
                cursor = dbapi_connection.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                # FULL, stated rather than left to the build's default: in WAL mode every commit
                # syncs the log before it returns, so an acknowledged audit record survives a
                # power cut. NORMAL would be faster and is not durable (the last commits may
                # roll back after a power loss). Group commit pays this sync once per batch.
                cursor.execute("PRAGMA synchronous=FULL")
                cursor.execute("PRAGMA busy_timeout=30000")
                cursor.close()

            @sa.event.listens_for(engine, "begin")
            def _begin(conn):  # type: ignore[no-untyped-def]
                # Reads begin deferred and never take the write lock (WAL lets them run beside a
                # writer). Writers that must not race, like the audit chain's appender, ask for
                # IMMEDIATE (see ``writing``): SQLite has no SELECT ... FOR UPDATE.
                conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("immediate") else "BEGIN")
        else:
            engine = sa.create_engine(target, pool_pre_ping=True, pool_size=10)
    except (sa.exc.ArgumentError, ImportError) as exc:
        raise InputError(f"cannot use database URL {_safe(target)!r}: {type(exc).__name__}") from None
    _ENGINES.add(engine)
    return engine


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[sa.Connection]:
    """A write transaction that takes the write lock at its start (SQLite), or a plain one elsewhere."""
    with engine.connect() as conn, conn.execution_options(immediate=True).begin():
        yield conn


def _config() -> Config:
    # Alembic (0.14 s to import, with Mako) only where migrations run: a read of an existing
    # database (``check``, ``screen``) needs none of it.
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(engine: Engine) -> str:
    """Apply every pending migration; returns the revision now in force."""
    from alembic import command

    cfg = _config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except sa.exc.OperationalError as exc:
        raise StorageUnavailable(
            f"cannot reach the database {_safe(str(engine.url))}: {type(exc.orig).__name__}"
        ) from None
    return current_revision(engine) or "none"


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()
