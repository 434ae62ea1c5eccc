"""Recording determinations and replaying them: the glue between the engine and the audit log."""

from __future__ import annotations

import json
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from exportctl.engine.determine import determine_in
from exportctl.engine.results import Determination
from exportctl.errors import InputError
from exportctl.law.regime import Regime
from exportctl.store.audit import AuditLog, canonical
from exportctl.store.snapshots import load_snapshot, save_snapshot

QUERY_FIELDS = ("exporter", "destination", "item", "on", "value", "currency", "end_use", "informed", "known_on", "at")


def answer_of(d: Determination) -> dict[str, Any]:
    return d.model_dump(mode="json", by_alias=True)


def record(
    engine: Engine,
    regimes: dict[str, Regime],
    query: dict[str, Any],
    d: Determination,
    channel: str,
    api_key_id: int | None = None,
) -> int:
    """Store the query, the answer and the regime version it came from; returns the audit id once
    the record is committed and sealed (a one-shot command exits right after: see
    :meth:`AuditLog.wait_sealed`)."""
    audit_id = submit(engine, regimes, query, d, channel, api_key_id).result(timeout=60)
    AuditLog(engine).wait_sealed(timeout=60)
    return audit_id


def submit(
    engine: Engine,
    regimes: dict[str, Regime],
    query: dict[str, Any],
    d: Determination,
    channel: str,
    api_key_id: int | None = None,
) -> Future[int]:
    """Like :func:`record`, but returns at once with a future for the audit id (for async callers)."""
    save_snapshot(engine, regimes[d.exporter])
    return AuditLog(engine).submit(
        {k: query.get(k) for k in QUERY_FIELDS}, answer_of(d), d.regime_version, channel, api_key_id
    )


#: Answer fields derived from the others and added after records were first stored.
DERIVED_FIELDS = ("needs", "refused")


@dataclass
class Replay:
    id: int
    regime_version: str
    same: bool
    stored: dict[str, Any]
    replayed: dict[str, Any]

    def differences(self) -> list[str]:
        keys = sorted(set(self.stored) | set(self.replayed))
        return [k for k in keys if canonical(self.stored.get(k)) != canonical(self.replayed.get(k))]


def replay(engine: Engine, record_id: int, regimes: dict[str, Regime]) -> Replay:
    """Re-run a stored query against the regime version it used, and compare the answers."""
    row = AuditLog(engine).get(record_id)
    query = json.loads(row["query"])
    stored = json.loads(row["answer"])
    if query.get("kind") == "screen":
        # A file screen is recorded by its digests, not by one question (session review S27-13: it was
        # refused as "no stored snapshot", which sent the user looking for a missing snapshot).
        raise InputError(
            f"record {record_id} is a file screen, not one check: replay re-runs single checks; screen the file "
            f"again and compare its input_sha256 ({query.get('input_sha256', '?')}) and results_sha256 "
            f"({stored.get('results_sha256', '?')}) with the record's"
        )
    snapshot = load_snapshot(engine, row["regime_version"])
    others = {k: r for k, r in regimes.items() if k != snapshot.jurisdiction}
    d = determine_in(
        {**others, snapshot.jurisdiction: snapshot},
        query["exporter"],
        query["destination"],
        query["item"],
        query["on"],
        value=query.get("value"),
        currency=query.get("currency"),
        end_use=query.get("end_use"),
        informed=bool(query.get("informed")),
        known_on=query.get("known_on"),
        at=query.get("at"),
    )
    # The bundle fields name the bundle the answer came from (curated law plus overlays); the
    # snapshot replays the regime, so they are carried over rather than recomputed.
    replayed = answer_of(d) | {k: stored[k] for k in ("bundle_version", "overlays") if k in stored}
    # Fields added to the answer after a record was stored and derived from the rest of it
    # (``needs``, from the routes and notices) are not a difference when the record lacks them:
    # a record made before they existed would otherwise never replay the same (session review S25-3).
    for key in DERIVED_FIELDS:
        if key not in stored:
            replayed.pop(key, None)
    return Replay(record_id, row["regime_version"], canonical(replayed) == canonical(stored), stored, replayed)
