"""Regime snapshots: the data behind every recorded answer, kept so any answer can be replayed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from exportctl.errors import InputError
from exportctl.law.loader import payload_hash, regime_from_payload, regime_payload
from exportctl.law.regime import Regime
from exportctl.store.audit import canonical
from exportctl.store.db import writing
from exportctl.store.seal import Seal
from exportctl.store.tables import regime_snapshots

_SAVED: set[tuple[str, str]] = set()


def save_snapshot(engine: Engine, regime: Regime) -> None:
    key = (str(engine.url), regime.version)
    if key in _SAVED:
        return
    # A write transaction from its start (SQLite: BEGIN IMMEDIATE, waiting its turn): a read
    # that turns into a write fails at once with "database is locked" when the audit writer
    # commits in between, and busy_timeout cannot help it (seen as 503s on a service's first
    # checks under load).
    with writing(engine) as conn:
        exists = conn.execute(
            sa.select(regime_snapshots.c.version).where(regime_snapshots.c.version == regime.version)
        ).first()
        if exists is None:
            payload = canonical(regime_payload(regime))
            conn.execute(
                regime_snapshots.insert().values(
                    version=regime.version,
                    jurisdiction=regime.jurisdiction,
                    payload=payload,
                    created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                )
            )
            digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()
            Seal.for_database(str(engine.url)).append({"kind": "snapshot", "version": regime.version, "sha256": digest})
    _SAVED.add(key)


def load_snapshot(engine: Engine, version: str) -> Regime:
    with engine.connect() as conn:
        row = conn.execute(sa.select(regime_snapshots).where(regime_snapshots.c.version == version)).first()
    if row is None:
        raise InputError(f"no stored snapshot of regime version {version}")
    payload = json.loads(row.payload)
    # Checked on the stored text, not on a re-dump: a later release's model adds fields (with
    # defaults) that an earlier release's snapshot lacks, and those must not read as tampering.
    got = payload_hash(payload)
    if got != version:
        raise InputError(f"snapshot {version} does not hash to its version (got {got}): tampered?")
    return regime_from_payload(payload, version)
