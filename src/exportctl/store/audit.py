"""The audit log: every determination made through the service (or the CLI with --record).

Append-only and hash-chained: each row's hash covers its content and the previous row's hash,
so changing, deleting or reordering any row breaks the chain from that row on, and
``verify`` names the first broken row. The database also refuses UPDATE and DELETE (triggers
in the initial migration); the chain is what an examiner can check independently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import queue
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from exportctl.errors import InputError
from exportctl.store.db import writing
from exportctl.store.seal import Seal
from exportctl.store.tables import audit_head, audit_log

GENESIS = "0" * 64
_LOCK = threading.Lock()
_WRITERS: dict[int, _GroupWriter] = {}
FIELDS = ("id", "created_at", "channel", "api_key_id", "query", "answer", "regime_version")


def canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def chain_hash(prev: str, row: dict[str, Any]) -> str:
    body = canonical({k: row[k] for k in FIELDS})
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


class AuditLog:
    def __init__(self, engine: Engine, seal: Seal | None = None) -> None:
        self.engine = engine
        self.seal = seal or Seal.for_database(str(engine.url))

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
        entry = {
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
            "channel": channel,
            "api_key_id": api_key_id,
            "query": canonical(query),
            "answer": canonical(answer),
            "regime_version": regime_version,
        }
        return _writer(self.engine).submit(entry)

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
        """Check the chain, then the database against the seal kept outside it (see ``seal``)."""
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
        last = int(checkpoints[-1]["last_id"])
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


class _GroupWriter:
    """Group commit: one thread per database drains queued appends and commits them together.

    Chaining is sequential by nature (each hash covers the previous one), so appends are
    serialised anyway; committing many in one transaction pays the disk sync once per batch
    instead of once per request. Each caller still gets its id only after the commit.
    """

    def __init__(self, engine: Engine, max_batch: int = 256) -> None:
        self.engine = engine
        self.seal = Seal.for_database(str(engine.url))
        self.max_batch = max_batch
        self.queue: queue.Queue[tuple[dict[str, Any], Future[int]]] = queue.Queue()
        threading.Thread(target=self._run, name="exportctl-audit-writer", daemon=True).start()

    def submit(self, entry: dict[str, Any]) -> Future[int]:
        future: Future[int] = Future()
        self.queue.put((entry, future))
        return future

    def _run(self) -> None:
        while True:
            batch = [self.queue.get()]
            while len(batch) < self.max_batch:
                try:
                    batch.append(self.queue.get_nowait())
                except queue.Empty:
                    break
            try:
                ids = self._commit([entry for entry, _ in batch])
            except Exception as exc:
                for _, future in batch:
                    future.set_exception(exc)
            else:
                for (_, future), row_id in zip(batch, ids, strict=True):
                    future.set_result(row_id)

    def _commit(self, entries: list[dict[str, Any]]) -> list[int]:
        with writing(self.engine) as conn:
            head = conn.execute(sa.select(audit_head).where(audit_head.c.id == 1).with_for_update()).first()
            if head is None:
                conn.execute(audit_head.insert().values(id=1, last_id=0, last_hash=GENESIS))
                last_id, prev = 0, GENESIS
            else:
                last_id, prev = int(head.last_id), str(head.last_hash)
            rows = []
            for entry in entries:
                last_id += 1
                row = {"id": last_id, **entry}
                digest = chain_hash(prev, row)
                rows.append({**row, "prev_hash": prev, "row_hash": digest})
                prev = digest
            conn.execute(audit_log.insert(), rows)
            conn.execute(audit_head.update().where(audit_head.c.id == 1).values(last_id=last_id, last_hash=prev))
        # Sealed after the commit: a crash in between shows as unsealed rows, never as a silent gap.
        self.seal.append({"kind": "checkpoint", "last_id": last_id, "last_hash": prev})
        return [r["id"] for r in rows]


def _writer(engine: Engine) -> _GroupWriter:
    with _LOCK:
        writer = _WRITERS.get(id(engine))
        if writer is None or writer.engine is not engine:
            writer = _WRITERS[id(engine)] = _GroupWriter(engine)
        return writer
