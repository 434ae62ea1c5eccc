"""The audit log: every determination made through the service (or the CLI with --record).

Append-only and hash-chained: each row's hash covers its content and the previous row's hash,
so changing, deleting or reordering any row breaks the chain from that row on, and
``verify`` names the first broken row. The database also refuses UPDATE and DELETE (triggers
in the initial migration); the chain is what an examiner can check independently.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import queue
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

try:  # the service extra; the core (the CLI's ``check --record``) writes the same bytes without it
    import orjson
except ImportError:  # pragma: no cover - exercised only without the service extra
    orjson = None  # type: ignore[assignment]
try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: one process per database, as before
    fcntl = None  # type: ignore[assignment]

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from exportctl.errors import InputError, NoDatabase
from exportctl.store.db import existing_engine, make_engine, writing
from exportctl.store.seal import Seal
from exportctl.store.tables import audit_head, audit_log

GENESIS = "0" * 64
log = logging.getLogger(__name__)
_LOCK = threading.Lock()
_WRITERS: dict[int, _GroupWriter] = {}
FIELDS = ("id", "created_at", "channel", "api_key_id", "query", "answer", "regime_version")


def canonical(obj: Any) -> str:
    """Sorted keys, no spaces, UTF-8 as is: the one text form stored, hashed and compared."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def canonical_native(obj: Any) -> str:
    """:func:`canonical`, byte for byte, about 7x faster, for JSON-native values without floats.

    For the service's hot path: an answer is 8 KB of nested JSON and the standard library spends
    ~45 µs sorting and writing it, orjson ~6 µs. The two agree byte for byte on dicts with string
    keys, lists, strings (any code point, escapes included), 64-bit ints, booleans and None (checked
    on 200,000 random values); they differ on some floats (orjson writes 1e-05 as 0.00001) and on
    non-JSON types (datetimes, enums), so the caller vouches for "no floats, JSON-native" — an
    answer from ``model_dump(mode="json")`` of a model without float fields. Anything orjson
    refuses (ints past 64 bits, lone surrogates, non-string keys) falls back to :func:`canonical`.
    Either way the stored text is what the chain hashes, so old and new rows verify alike.
    """
    if orjson is not None:
        try:
            return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS).decode("utf-8")
        except TypeError:  # orjson.JSONEncodeError is a TypeError
            pass
    return canonical(obj)


def chain_hash(prev: str, row: dict[str, Any]) -> str:
    """The row's hash: SHA-256 of the previous hash and the canonical text of the row's fields.

    The fields are strings, whole numbers and None as stored, for which :func:`canonical_native`
    writes :func:`canonical`'s bytes in a sixth of the time (the answer is ~9 KB of text to escape);
    a value of any other type (a driver handing back something else) takes the standard encoder.
    """
    fields = {k: row[k] for k in FIELDS}
    native = all(v is None or type(v) is str or type(v) is int for v in fields.values())
    body = canonical_native(fields) if native else canonical(fields)
    return hashlib.sha256(f"{prev}\n{body}".encode()).hexdigest()


@dataclass
class Verification:
    ok: bool
    rows: int
    first_bad: int | None = None
    reason: str | None = None

    def line(self) -> str:
        if self.ok:
            return f"audit chain intact: {self.rows} row(s) verified"
        return f"audit chain BROKEN at row {self.first_bad}: {self.reason} ({self.rows} row(s) verified before it)"


def _entry(query: str, answer: str, regime_version: str, channel: str, api_key_id: int | None) -> dict[str, Any]:
    return {
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
        "channel": channel,
        "api_key_id": api_key_id,
        "query": query,
        "answer": answer,
        "regime_version": regime_version,
    }


def verify_database(url: str | None = None) -> Verification:
    """:meth:`AuditLog.verify` of the database at ``url`` (see :func:`~exportctl.store.db.existing_engine`),
    which is never created.

    No database where one is looked for: a finding if the seal kept outside it says rows were
    recorded there (deleted or moved), else :class:`~exportctl.errors.NoDatabase`, so a mistyped
    place is an error rather than an intact chain of 0 rows.
    """
    try:
        engine = existing_engine(url)
    except NoDatabase as exc:
        if Seal.for_database(str(sa.engine.make_url(exc.url))).exists():
            return Verification(
                False, 0, 1, f"the database {exc.where} is missing but its seal records rows (deleted?)"
            )
        raise
    return AuditLog(engine).verify()


class AuditLog:
    def __init__(self, engine: Engine, seal: Seal | None = None) -> None:
        self.engine = engine
        self.url = str(engine.url)  # rendered once (password masked): a key for per-database caches
        self.seal = seal or Seal.for_database(self.url)

    def wait_sealed(self, timeout: float = 60) -> bool:
        """Wait until what this process has committed to the database is sealed.

        Why: the seal follows each commit in a daemon thread. A one-shot command (``check
        --record``) that returned at the commit could exit before the checkpoint was written,
        leaving its row unsealed, which a later ``audit verify`` reports as appended outside the
        service (seen as a test that failed under load, session 30).
        """
        writer = _WRITERS.get(id(self.engine))
        if writer is None or writer.engine is not self.engine:
            return True
        return writer.wait_sealed(timeout)

    def append(
        self,
        query: dict[str, Any],
        answer: dict[str, Any],
        regime_version: str,
        channel: str,
        api_key_id: int | None = None,
    ) -> int:
        """Append one record and return its id once it is committed (durable)."""
        return self.submit(query, answer, regime_version, channel, api_key_id).result(timeout=60)

    def submit(
        self,
        query: dict[str, Any],
        answer: dict[str, Any],
        regime_version: str,
        channel: str,
        api_key_id: int | None = None,
    ) -> Future[int]:
        """Queue one record for the group commit; the future gives its id once committed."""
        return _writer(self.engine).submit(
            _entry(canonical(query), canonical(answer), regime_version, channel, api_key_id)
        )

    def submit_async(
        self,
        query: dict[str, Any],
        answer: dict[str, Any] | str,
        regime_version: str,
        channel: str,
        api_key_id: int | None = None,
        *,
        native: bool = False,
    ) -> asyncio.Future[int]:
        """Like :meth:`submit`, for a caller on an event loop: awaitable, resolved once committed.

        Why not ``asyncio.wrap_future(submit(...))``: that costs one cross-thread wake-up of the
        loop per record; here the writer wakes each loop once per committed batch and resolves all
        of that loop's records in one go. ``native=True`` vouches that query and answer are
        JSON-native without floats (see :func:`canonical_native`), for the fast encoder. An
        ``answer`` given as a string is its canonical text already made (the service keeps it
        for a remembered answer: writing 9 KB of sorted JSON once, not once per request).
        """
        encode = canonical_native if native else canonical
        text = answer if isinstance(answer, str) else encode(answer)
        entry = _entry(encode(query), text, regime_version, channel, api_key_id)
        loop = asyncio.get_running_loop()
        future: asyncio.Future[int] = loop.create_future()
        _writer(self.engine).submit_to(entry, (loop, future))
        return future

    def rows(self, start: dt.date | None = None, end: dt.date | None = None) -> Iterator[dict[str, Any]]:
        q = sa.select(audit_log).order_by(audit_log.c.id)
        if start is not None:
            q = q.where(audit_log.c.created_at >= start.isoformat())
        if end is not None:
            q = q.where(audit_log.c.created_at < (end + dt.timedelta(days=1)).isoformat())
        with self.engine.connect() as conn:
            for r in conn.execute(q).mappings():
                yield dict(r)

    def get(self, row_id: int) -> dict[str, Any]:
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(audit_log).where(audit_log.c.id == row_id)).mappings().first()
        if r is None:
            raise InputError(f"no audit record with id {row_id}")
        return dict(r)

    def verify(self) -> Verification:
        """Check the chain, then the database against the seal kept outside it (see ``seal``).

        Records this process has committed are sealed first (the writer seals just after
        acknowledging, see ``_GroupWriter``), so a verify right after an answer does not report
        that answer's row as unsealed.
        """
        self.wait_sealed(timeout=10)
        try:
            rows = list(self.rows())
        except sa.exc.SQLAlchemyError as exc:
            # A database that cannot be reached is an outage (the caller answers 503), not a
            # finding; one that answers but has no readable audit table is a finding.
            with self.engine.connect() as conn:
                conn.execute(sa.text("SELECT 1"))
            return Verification(False, 0, 1, f"the audit table cannot be read ({type(exc).__name__}): dropped?")
        prev, expected, n = GENESIS, 1, 0
        recomputed: dict[int, str] = {}
        for row in rows:
            if row["id"] != expected:
                return Verification(False, n, expected, f"row {expected} is missing (next row is {row['id']})")
            if row["prev_hash"] != prev:
                return Verification(False, n, row["id"], "prev_hash does not match the previous row's hash")
            if chain_hash(prev, row) != row["row_hash"]:
                return Verification(False, n, row["id"], "content does not match its hash (row changed)")
            prev, expected, n = row["row_hash"], expected + 1, n + 1
            recomputed[row["id"]] = row["row_hash"]
        sealed = self._check_seal(recomputed, n)
        if sealed is not None:
            return sealed
        with self.engine.connect() as conn:
            head = conn.execute(sa.select(audit_head).where(audit_head.c.id == 1)).first()
        if head is not None and (head.last_id != n or head.last_hash != prev):
            return Verification(
                False,
                n,
                n + 1 if head.last_id > n else head.last_id,
                f"chain head says {head.last_id} row(s) but {n} remain (rows deleted at the end?)",
            )
        return Verification(True, n)

    def _check_seal(self, hashes: dict[int, str], n: int) -> Verification | None:
        entries, broken = self.seal.read()
        if broken:
            return Verification(False, n, None, broken)
        checkpoints = [e for e in entries if e.get("kind") == "checkpoint"]
        if not checkpoints:
            if n:
                return Verification(
                    False, n, 1, f"{n} row(s) but no seal: appended outside the service, or the seal was lost"
                )
            return None
        for c in checkpoints:
            got = hashes.get(int(c["last_id"]))
            if got is None:
                return Verification(
                    False,
                    n,
                    n + 1,
                    f"sealed row {c['last_id']} is missing: rows after {n} deleted (truncated or wiped)",
                )
            if got != c["last_hash"]:
                return Verification(
                    False,
                    n,
                    int(c["last_id"]),
                    f"row {c['last_id']} differs from its sealed hash (rewritten or re-chained)",
                )
        # The furthest checkpoint, not the last line: two service workers seal independently, so
        # one may seal row 100 just after the other sealed row 110.
        last = max(int(c["last_id"]) for c in checkpoints)
        if n > last:
            return Verification(
                False, last, last + 1, f"rows {last + 1} to {n} are not sealed (appended outside the service?)"
            )
        broken_snapshot = self._check_snapshots([e for e in entries if e.get("kind") == "snapshot"])
        if broken_snapshot:
            return Verification(False, n, None, broken_snapshot)
        return None

    def _check_snapshots(self, sealed: list[dict[str, Any]]) -> str | None:
        from exportctl.store.tables import regime_snapshots

        digests = {e["version"]: e["sha256"] for e in sealed}
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(regime_snapshots.c.version, regime_snapshots.c.payload)).all()
        for version, payload in rows:
            want = digests.get(version)
            got = hashlib.sha256(payload.encode("utf-8")).hexdigest()
            if want is None:
                return f"regime snapshot {version} is not sealed (added outside the service?)"
            if want != got:
                return f"regime snapshot {version} differs from its sealed digest (edited)"
        return None

    @staticmethod
    def record(row: dict[str, Any]) -> dict[str, Any]:
        """A stored row as an examiner reads it: query and answer as objects."""
        out = dict(row)
        out["query"] = json.loads(row["query"])
        out["answer"] = json.loads(row["answer"])
        return out


@contextlib.contextmanager
def exclusive(seal: Seal, what: str = "seal") -> Iterator[None]:
    """One process at a time: an exclusive lock on a file in the seal's folder, one file per ``what``.

    ``"seal"`` (the default): one writer of the seal. The seal is a file chained line to line,
    and ``Seal.append`` reads the last line, chains to it and appends, under a lock that only
    covers its own process; two service workers (or a worker sealing a regime snapshot while
    another seals a checkpoint) would interleave and break the MAC chain.

    ``"commit"``: one audit commit at a time across the workers of one machine. The database
    serialises them anyway, but SQLite makes a writer that finds the lock taken poll for it,
    sleeping up to 100 ms between tries (``busy_timeout``); with two workers that showed as
    p99 over a second. A lock held in the kernel hands over the moment it is released.

    Take these locks before the database's write lock, never the other way round.
    """
    if fcntl is None:
        yield
        return
    seal.folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(seal.folder / f"{what}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


Waiter = Future[int] | tuple[asyncio.AbstractEventLoop, "asyncio.Future[int]"]


def _resolve(batch: list[tuple[asyncio.Future[int], int | BaseException]]) -> None:
    """On the caller's loop: hand each waiting request its id (or the error); skip the abandoned."""
    for future, outcome in batch:
        if future.done():  # the client went away (cancelled); its record is committed all the same
            continue
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome)


class _GroupWriter:
    """Group commit: one thread per database drains queued appends and commits them together.

    Chaining is sequential by nature (each hash covers the previous one), so appends are
    serialised anyway; committing many in one transaction pays the disk sync once per batch
    instead of once per request. Each caller gets its id only after the commit, which is durable
    when it returns (SQLite runs with ``synchronous=FULL``, see ``store.db``; PostgreSQL's default
    ``synchronous_commit=on``).

    The seal's checkpoint follows each commit in a second thread, never before the commit: a
    crash in between shows as unsealed rows (which the next checkpoint covers), never as a silent
    gap. Why a second thread: the checkpoint is a second disk sync, on another file, and one
    checkpoint covers every row up to it, so while one is being written the commits go on and
    the next checkpoint covers all of them. A caller waits for one sync, not two, and a slow seal
    slows only the seal. ``AuditLog.verify`` waits for the checkpoint of what this process has
    committed, so a verify after an answer sees it sealed.

    Several processes (``serve --workers 2``) may append to one database and one seal:
    :func:`exclusive` serialises their commits (ahead of the database, which would make them
    poll) and their checkpoints (the seal is a file chained line to line), and ``verify`` takes
    the furthest checkpoint, whatever the order in which the workers wrote theirs.
    """

    MIN_SEAL_INTERVAL = 0.05  # seconds: under load one checkpoint covers the commits of the last 50 ms
    #: Rows (about 9 KB each, 2-3 pages) between two background WAL checkpoints on SQLite: about
    #: the 1,000 pages at which SQLite would checkpoint inside a commit by itself.
    WAL_CHECKPOINT_ROWS = 384

    def __init__(self, engine: Engine, max_batch: int = 256) -> None:
        self.engine = engine
        self.write_engine = _write_engine(engine)
        self._sql = _statements(engine)
        self._since_wal_checkpoint = 0
        self._wal_checkpoint_due = threading.Event()
        self.wal_checkpoints = 0  # background checkpoints completed (for tests and diagnostics)
        self.seal = Seal.for_database(str(engine.url))
        self.max_batch = max_batch
        self.queue: queue.SimpleQueue[tuple[dict[str, Any], Waiter]] = queue.SimpleQueue()
        # One lock, two conditions: the sealer waits on ``_sealing`` only when it has nothing to
        # seal, and a caller of ``wait_sealed`` on ``_sealed_up``. Why not one condition: every
        # commit notified it, which woke the sealer in its pause between checkpoints to re-test
        # its predicate and sleep again: a thread switch (and a GIL hand-over) per commit.
        lock = threading.Lock()
        self._sealing = threading.Condition(lock)  # the sealer's: rows committed, not yet sealed
        self._sealed_up = threading.Condition(lock)  # the waiters': the seal has moved on
        self._hurried = threading.Event()  # someone waits in ``wait_sealed``: seal now, no pause
        self._unsealed: tuple[int, str] | None = None  # the newest committed (last_id, last_hash)
        self._committed = self._sealed = 0
        threading.Thread(target=self._run, name="exportctl-audit-writer", daemon=True).start()
        threading.Thread(target=self._seal_run, name="exportctl-audit-sealer", daemon=True).start()
        if self.write_engine is not engine:
            threading.Thread(target=self._wal_run, name="exportctl-audit-wal", daemon=True).start()

    def submit(self, entry: dict[str, Any]) -> Future[int]:
        future: Future[int] = Future()
        self.queue.put((entry, future))
        return future

    def submit_to(self, entry: dict[str, Any], waiter: Waiter) -> None:
        self.queue.put((entry, waiter))

    def wait_sealed(self, timeout: float) -> bool:
        """Wait until everything this writer has committed so far is sealed."""
        with self._sealing:
            target = self._committed
            self._hurried.set()
            return self._sealed_up.wait_for(lambda: self._sealed >= target, timeout)

    def _run(self) -> None:
        while True:
            batch = [self.queue.get()]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            outcomes: list[int | BaseException]
            try:
                ids, head = self._commit([entry for entry, _ in batch])
            except Exception as exc:
                outcomes = [exc] * len(batch)
            else:
                outcomes = list(ids)
                with self._sealing:
                    self._unsealed, self._committed = head, max(self._committed, head[0])
                    self._sealing.notify()  # the sealer, if it is idle; in its pause it is not waiting here
                self._since_wal_checkpoint += len(batch)
                if self._since_wal_checkpoint >= self.WAL_CHECKPOINT_ROWS:
                    self._since_wal_checkpoint = 0
                    self._wal_checkpoint_due.set()
            self._answer([waiter for _, waiter in batch], outcomes)

    def _seal_run(self) -> None:
        while True:
            with self._sealing:
                self._sealing.wait_for(lambda: self._unsealed is not None)
                assert self._unsealed is not None
                (last_id, last_hash), self._unsealed = self._unsealed, None
            started = time.monotonic()
            try:
                with exclusive(self.seal):
                    self.seal.append({"kind": "checkpoint", "last_id": last_id, "last_hash": last_hash})
            except Exception as exc:  # the rows are committed; the next checkpoint covers them too
                log.warning("audit seal: checkpoint of row %s failed (%s); retrying", last_id, type(exc).__name__)
                with self._sealing:
                    if self._unsealed is None:
                        self._unsealed = (last_id, last_hash)
                time.sleep(1)
                continue
            with self._sealing:
                self._sealed = max(self._sealed, last_id)
                self._sealed_up.notify_all()
            # At least MIN_SEAL_INTERVAL between checkpoints, and sealing at most a fifth of the
            # time: each checkpoint is a disk sync and some work under the GIL, and one covers
            # every row committed before it; the answers must not wait on it. A verify waiting
            # for its checkpoint cuts the pause short.
            took = time.monotonic() - started
            self._hurried.wait(timeout=max(self.MIN_SEAL_INTERVAL - took, 4 * took))
            self._hurried.clear()

    def _wal_run(self) -> None:
        """SQLite: copy the write-ahead log into the database beside the commits, not inside one.

        Why: SQLite checkpoints by itself inside the commit that passes 1,000 pages of log, and
        that commit took 20-30 ms instead of 4 (every ~400 records: the service's p99). The
        writer's own connections do not checkpoint (``_write_engine``); every
        ``WAL_CHECKPOINT_ROWS`` records this thread copies the log back in two steps: PASSIVE,
        which copies what is there without waiting for or blocking anyone, then RESTART, which
        copies the few pages written meanwhile and lets the next commit start the log afresh
        (holding commits back only for that). Without the second step a log under constant load
        is never caught up with and grows without end.
        """
        while True:
            self._wal_checkpoint_due.wait()
            self._wal_checkpoint_due.clear()
            try:
                # On the driver's connection, outside any transaction: SQLAlchemy would open one
                # first, and a checkpoint inside a transaction copies nothing.
                raw = self.engine.raw_connection()
                try:
                    for mode in ("PASSIVE", "RESTART"):
                        raw.driver_connection.execute(f"PRAGMA wal_checkpoint({mode})").fetchall()  # type: ignore[union-attr]
                finally:
                    raw.close()
                self.wal_checkpoints += 1
            except Exception as exc:  # the next one copies this one's frames too
                log.warning("audit: WAL checkpoint failed (%s)", type(exc).__name__)

    @staticmethod
    def _answer(waiters: list[Waiter], outcomes: list[int | BaseException]) -> None:
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[int], int | BaseException]]] = {}
        for waiter, outcome in zip(waiters, outcomes, strict=True):
            if isinstance(waiter, Future):
                if isinstance(outcome, BaseException):
                    waiter.set_exception(outcome)
                else:
                    waiter.set_result(outcome)
            else:
                by_loop.setdefault(waiter[0], []).append((waiter[1], outcome))
        for loop, items in by_loop.items():
            with contextlib.suppress(RuntimeError):  # that loop is closed: nobody is waiting any more
                loop.call_soon_threadsafe(_resolve, items)

    def _commit(self, entries: list[dict[str, Any]]) -> tuple[list[int], tuple[int, str]]:
        """Append ``entries`` in one transaction; their ids, and the new head (last id, last hash).

        The three statements go to the driver's cursor as plain SQL inside SQLAlchemy's
        transaction (which opens it as the database needs: ``BEGIN IMMEDIATE`` on SQLite). Why
        not SQLAlchemy Core statements: under load a batch holds a few records, and building,
        caching and binding Core statements cost ~0.9 ms a batch, more than the records
        themselves; the SQL is three fixed statements on two tables (``store/tables.py``).
        """
        sql = self._sql
        with exclusive(self.seal, "commit"), writing(self.write_engine) as conn:
            cursor = conn.connection.cursor()
            try:
                cursor.execute(sql.head)
                head = cursor.fetchone()
                if head is None:
                    cursor.execute(sql.new_head, (GENESIS,))
                    last_id, prev = 0, GENESIS
                else:
                    last_id, prev = int(head[0]), str(head[1])
                ids, rows = [], []
                for entry in entries:
                    last_id += 1
                    digest = chain_hash(prev, {"id": last_id, **entry})
                    rows.append((last_id, *(entry[k] for k in FIELDS[1:]), prev, digest))
                    ids.append(last_id)
                    prev = digest
                cursor.executemany(sql.insert, rows)
                cursor.execute(sql.move_head, (last_id, prev))
            finally:
                cursor.close()
        return ids, (last_id, prev)


@dataclass(frozen=True)
class _Statements:
    """The group commit's SQL, in the driver's parameter style (``?`` for sqlite3, ``%s`` for psycopg)."""

    head: str
    new_head: str
    insert: str
    move_head: str


def _statements(engine: Engine) -> _Statements:
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    lock = "" if engine.dialect.name == "sqlite" else " FOR UPDATE"  # SQLite: BEGIN IMMEDIATE locks
    columns = (*FIELDS, "prev_hash", "row_hash")
    return _Statements(
        head=f"SELECT last_id, last_hash FROM {audit_head.name} WHERE id = 1{lock}",
        new_head=f"INSERT INTO {audit_head.name} (id, last_id, last_hash) VALUES (1, 0, {mark})",
        insert=f"INSERT INTO {audit_log.name} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})",
        move_head=f"UPDATE {audit_head.name} SET last_id = {mark}, last_hash = {mark} WHERE id = 1",
    )


def _write_engine(engine: Engine) -> Engine:
    """The group commit's own engine: on a SQLite file, connections that never checkpoint in a commit.

    The rest of the process (and other processes) keep SQLite's automatic checkpoints; the
    writer's checkpoints are taken in the background (``_GroupWriter._wal_run``). Anything else
    (PostgreSQL, an in-memory database) is written through the engine given.
    """
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return engine
    own = make_engine(engine.url.render_as_string(hide_password=False))

    @sa.event.listens_for(own, "connect")
    def _no_checkpoint_in_commit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")

    @sa.event.listens_for(engine, "engine_disposed")
    def _disposed_together(_engine: Engine) -> None:
        # Whoever drops the engine's connections (a database replaced, a test, a shutdown)
        # drops the writer's too: the next commit opens the file afresh and fails if it is gone.
        own.dispose()

    return own


def _writer(engine: Engine) -> _GroupWriter:
    with _LOCK:
        writer = _WRITERS.get(id(engine))
        if writer is None or writer.engine is not engine:
            writer = _WRITERS[id(engine)] = _GroupWriter(engine)
        return writer
