"""Storage on SQLite and on a real PostgreSQL: migrations, hash-chained audit log, keys, replay."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportctl import determine
from exportctl.law.loader import load_regimes
from exportctl.store import db
from exportctl.store.audit import AuditLog
from exportctl.store.keys import authenticate, create_key, list_keys, revoke_key
from exportctl.store.recorder import record, replay

REGIMES = load_regimes()
QUERIES = [
    {"exporter": "JP", "destination": "KR", "item": "hydrogen fluoride", "on": "2020-01-15"},
    {"exporter": "JP", "destination": "KR", "item": "resist", "on": "2019-12-20"},
    {"exporter": "KR", "destination": "JP", "item": "sensitive", "on": "2019-09-18"},
    {"exporter": "JP", "destination": "US", "item": "row 7", "on": "2020-01-15", "value": 500000},
]


@pytest.fixture()
def engine(database_url: str) -> Iterator[sa.Engine]:
    eng = db.make_engine(database_url)
    db.upgrade(eng)
    yield eng
    eng.dispose()


def _fill(engine: sa.Engine) -> list[int]:
    ids = []
    for q in QUERIES:
        d = determine(q["exporter"], q["destination"], q["item"], q["on"], value=q.get("value"), regimes=REGIMES)
        ids.append(record(engine, REGIMES, q, d, "test"))
    return ids


def _bypass_trigger(engine: sa.Engine, sql: str, **params: Any) -> None:
    """What an attacker with database access could do: get around the append-only trigger."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(sa.text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            conn.execute(sa.text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
        else:
            conn.execute(sa.text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        conn.execute(sa.text(sql), params)


def test_migrations_reach_head(engine: sa.Engine) -> None:
    assert db.current_revision(engine) == db.head_revision() == "0002"
    assert db.upgrade(engine) == "0002"  # idempotent


def test_chain_records_and_verifies(engine: sa.Engine) -> None:
    ids = _fill(engine)
    assert ids == [1, 2, 3, 4]
    v = AuditLog(engine).verify()
    assert v.ok and v.rows == 4
    row = AuditLog.record(AuditLog(engine).get(2))
    assert row["query"]["item"] == "resist" and row["answer"]["routes"] == ["individual", "specific_bulk"]
    assert row["regime_version"] == REGIMES["JP"].version


def test_database_refuses_update_and_delete(engine: sa.Engine) -> None:
    _fill(engine)
    for sql in ("UPDATE audit_log SET channel = 'x' WHERE id = 1", "DELETE FROM audit_log WHERE id = 4"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(sa.text(sql))


FIELDS = ["created_at", "channel", "query", "answer", "regime_version", "prev_hash", "row_hash"]


@pytest.fixture()
def filled(engine: sa.Engine) -> sa.Engine:
    _fill(engine)
    return engine


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    row=st.integers(1, 4),
    field=st.sampled_from(FIELDS),
    junk=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=8),
    where=st.integers(0, 63),
)
def test_any_tampered_field_is_detected(filled: sa.Engine, row: int, field: str, junk: str, where: int) -> None:
    original = AuditLog(filled).get(row)[field]
    if field.endswith("hash"):  # same length, one hex digit changed
        changed = original[:where] + ("1" if original[where] == "0" else "0") + original[where + 1 :]
    elif field in ("query", "answer"):
        changed = json.dumps({**json.loads(original), "tampered": junk})
    else:
        changed = original[:30] + junk
    _bypass_trigger(filled, f"UPDATE audit_log SET {field} = :v WHERE id = :id", v=changed, id=row)
    v = AuditLog(filled).verify()
    assert not v.ok and v.first_bad == row, v
    _bypass_trigger(filled, f"UPDATE audit_log SET {field} = :v WHERE id = :id", v=original, id=row)
    assert AuditLog(filled).verify().ok


def test_deleted_rows_are_detected(engine: sa.Engine) -> None:
    _fill(engine)
    _bypass_trigger(engine, "DELETE FROM audit_log WHERE id = 2")
    v = AuditLog(engine).verify()
    assert not v.ok and v.first_bad == 2
    _bypass_trigger(engine, "DELETE FROM audit_log WHERE id >= 2")
    v = AuditLog(engine).verify()
    assert not v.ok and "deleted" in (v.reason or "")


def test_replay_uses_the_recorded_regime_version(engine: sa.Engine) -> None:
    ids = _fill(engine)
    for i in ids:
        r = replay(engine, i, REGIMES)
        assert r.same, r.differences()


def test_a_record_stored_before_needs_existed_replays_the_same(engine: sa.Engine) -> None:
    """Session review S25-3: ``needs`` (what must be obtained) was added to the answer; a record
    stored before, without it, replayed as "DIFFERS in needs"."""
    from exportctl.store.audit import AuditLog
    from exportctl.store.recorder import answer_of
    from exportctl.store.snapshots import save_snapshot

    q = {"exporter": "JP", "destination": "RU", "item": "jp:6(2)", "on": "2026-12-10", "value": 500000}
    d = determine(q["exporter"], q["destination"], q["item"], q["on"], value=500000, regimes=REGIMES)
    save_snapshot(engine, REGIMES["JP"])
    old = {k: v for k, v in answer_of(d).items() if k != "needs"}
    record_id = AuditLog(engine).submit(q, old, d.regime_version, "test", None).result()
    r = replay(engine, record_id, REGIMES)
    assert r.same, r.differences()


def test_a_snapshot_from_an_earlier_release_is_not_called_tampered(engine: sa.Engine) -> None:
    """A release that adds a field to the law's model (``Prohibition.in_addition``) must still read
    the snapshots an earlier release wrote without it: they hash to their version as stored.
    Before the mend, ``audit replay`` re-dumped them with the new field and said "tampered?"."""
    from exportctl.law.loader import payload_hash, regime_payload
    from exportctl.store.audit import canonical
    from exportctl.store.snapshots import load_snapshot
    from exportctl.store.tables import regime_snapshots

    old = regime_payload(REGIMES["KR"])
    for p in old["prohibitions"]:
        p.pop("in_addition")  # as written before the field existed
    version = payload_hash(old)
    with engine.begin() as conn:
        conn.execute(
            regime_snapshots.insert().values(
                version=version, jurisdiction="KR", payload=canonical(old), created_at="2026-12-01T00:00:00+00:00"
            )
        )
    regime = load_snapshot(engine, version)
    assert regime.version == version
    assert [p.in_addition for p in regime.prohibitions] == [False] * len(old["prohibitions"])
    with engine.begin() as conn:  # a real edit of the stored text is still found
        conn.execute(
            sa.text("UPDATE regime_snapshots SET payload = replace(payload, 'unification_approval', 'individual')")
        )
    with pytest.raises(Exception, match="tampered"):
        load_snapshot(engine, version)


def test_keys_are_hashed_scoped_and_revocable(engine: sa.Engine) -> None:
    key_id, token = create_key(engine, "examiner", "read")
    info = authenticate(engine, token)
    assert info is not None and info.id == key_id and info.scope == "read"
    assert authenticate(engine, token + "x") is None
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT key_hash FROM api_keys")).scalar_one()
    assert token not in stored and len(stored) == 64
    assert [k["name"] for k in list_keys(engine)] == ["examiner"]
    revoke_key(engine, "examiner")
    assert authenticate(engine, token) is None


def test_sqlite_reads_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    """Reads begin deferred (WAL): a writer holding the lock does not block verify or exports."""
    import time

    from exportctl.store.db import make_engine, upgrade, writing

    engine = make_engine(f"sqlite:///{tmp_path / 'rw.db'}")
    upgrade(engine)
    log = AuditLog(engine)
    log.append({"q": 1}, {"a": 1}, "v1", "test")
    with writing(engine) as conn:
        conn.exec_driver_sql("SELECT 1")
        start = time.monotonic()
        assert log.verify().ok and log.verify().rows == 1
        assert time.monotonic() - start < 2


def _recompute_chain(engine: sa.Engine) -> None:
    """An attacker who rewrote rows recomputes every hash so that the chain fits again."""
    from exportctl.store.audit import GENESIS, chain_hash

    with engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(sa.text("SELECT * FROM audit_log ORDER BY id")).mappings()]
    prev = GENESIS
    for row in rows:
        digest = chain_hash(prev, row)
        _bypass_trigger(
            engine, "UPDATE audit_log SET prev_hash = :p, row_hash = :h WHERE id = :i", p=prev, h=digest, i=row["id"]
        )
        prev = digest
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE audit_head SET last_id = :n, last_hash = :h WHERE id = 1"), {"n": len(rows), "h": prev}
        )


TAMPERING = {
    "truncate the last rows and fix the head": [
        "DELETE FROM audit_log WHERE id > 2",
        "UPDATE audit_head SET last_id = 2, last_hash = (SELECT row_hash FROM audit_log WHERE id = 2) WHERE id = 1",
    ],
    "wipe the log and the head": ["DELETE FROM audit_log", "DELETE FROM audit_head"],
    "drop the table": ["DROP TABLE audit_log"],
    "rewrite a row and re-chain": [
        "UPDATE audit_log SET answer = replace(answer, 'individual', 'general_bulk') WHERE id = 1"
    ],
    "append a forged row": [
        "INSERT INTO audit_log (id, created_at, channel, api_key_id, query, answer, regime_version, prev_hash, row_hash) "
        "SELECT 5, created_at, channel, api_key_id, query, answer, regime_version, row_hash, row_hash FROM audit_log WHERE id = 4"
    ],
    "edit a regime snapshot": ["UPDATE regime_snapshots SET payload = replace(payload, 'jp:A', 'jp:Z')"],
}


@pytest.mark.parametrize("attack", list(TAMPERING))
def test_the_seal_catches_what_the_chain_cannot(engine: sa.Engine, attack: str) -> None:
    """An intruder with database access but not the seal (key and checkpoints) is always caught."""
    _fill(engine)
    assert AuditLog(engine).verify().ok
    for sql in TAMPERING[attack]:
        if sql.startswith(("DELETE FROM audit_head", "UPDATE audit_head", "UPDATE regime_snapshots", "DROP")):
            with engine.begin() as conn:
                conn.execute(sa.text(sql))
        else:
            _bypass_trigger(engine, sql)
    if attack in ("rewrite a row and re-chain", "append a forged row"):
        _recompute_chain(engine)
    v = AuditLog(engine).verify()
    assert not v.ok, attack
    assert any(w in (v.reason or "") for w in ("missing", "truncated", "differs", "not sealed", "dropped", "edited")), v


def test_the_seal_chains_each_line_to_the_last_one_read_from_the_end(tmp_path: Path) -> None:
    """Appending reads only the file's end; the chain it writes must still verify from the start.

    Lines of every length, some longer than the first block read from the end, so the tail reader
    has to widen its window.
    """
    from exportctl.store.seal import Seal

    seal = Seal(tmp_path / "seal")
    for n in range(40):
        seal.append({"kind": "checkpoint", "last_id": n, "last_hash": "h" * (n * 300)})
    entries, problem = seal.read()
    assert problem is None and [e["last_id"] for e in entries] == list(range(40))


def test_the_audit_writer_checkpoints_sqlites_log_beside_its_commits_not_inside(tmp_path: Path) -> None:
    """SQLite's own checkpoint ran inside every ~400th commit (20-30 ms: the service's p99).

    The writer's connections never checkpoint; a background thread does, so the log stops growing.
    """
    from exportctl.store.audit import _writer

    eng = db.make_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    db.upgrade(eng)
    log = AuditLog(eng)
    writer = _writer(eng)
    with writer.write_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    with eng.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 1000
    answer = {"text": "x" * 9000}

    def burst(n: int) -> None:
        futures = [log.submit({"n": k}, answer, "v", "api") for k in range(n)]
        assert all(f.result(timeout=60) > 0 for f in futures)

    burst(writer.WAL_CHECKPOINT_ROWS + 16)  # past the trigger: the background thread checkpoints
    deadline = time.monotonic() + 30
    while writer.wal_checkpoints < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert writer.wal_checkpoints >= 1
    burst(40)  # the first commit after a completed RESTART checkpoint starts the log afresh
    raw = eng.raw_connection()
    try:
        _busy, frames, _copied = raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()  # type: ignore[union-attr]
    finally:
        raw.close()
    # 40 records of 9 KB are some 120 pages; without the restart the log would hold all 440 (~1,300 pages).
    assert 0 < frames < 600, frames
    assert log.verify().ok


def test_reading_an_existing_database_does_not_import_alembic(tmp_path: Path) -> None:
    """A one-shot read (``check``, ``screen``) of a machine whose database exists opens it to read
    the accepted overlays; Alembic (0.14 s to import) is for migrations only. A store with no
    accepted proposal is not opened at all (``proposals.none_accepted``): no SQLAlchemy either."""
    import os
    import sqlite3
    import subprocess
    import sys

    env = {**os.environ, "EXPORTCTL_DATA_DIR": str(tmp_path)}
    made = "from exportctl.intake.proposals import open_store\nfrom exportctl.settings import Settings\n"
    subprocess.run([sys.executable, "-c", made + "open_store(Settings.from_env(), create=True)"], env=env, check=True)
    assert list(tmp_path.glob("*.db")), "the database was not made"
    script = (
        "import sys\nfrom exportctl.bundle import load_bundle\nfrom exportctl.settings import Settings\n"
        "load_bundle(Settings.from_env())\n"
        "print('exportctl.store.db' in sys.modules, 'sqlalchemy' in sys.modules, 'alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False", "False"]  # nothing accepted: the store is not opened
    with sqlite3.connect(next(tmp_path.glob("*.db"))) as conn:
        conn.execute(
            "INSERT INTO proposals (id, status, created, payload) VALUES ('jp-intake-a', 'accepted', '2031-01-01', '{}')"
        )
    conn.close()
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "False"]  # the database was read, without Alembic


def test_replaying_a_file_screen_says_what_it_is(engine: sa.Engine) -> None:
    """Session review S27-13: a screen record was refused as "no stored snapshot of regime version …"."""
    from exportctl.errors import InputError

    query = {"kind": "screen", "file": "orders.csv", "input_sha256": "ab" * 32, "known_on": None}
    answer = {"summary": {"rows_in": 2}, "results_sha256": "cd" * 32, "rejects": 0}
    record_id = AuditLog(engine).append(query, answer, "bundle", "api-screen", None)
    with pytest.raises(InputError, match=r"is a file screen, not one check.*results_sha256 \(cdcd"):
        replay(engine, record_id, REGIMES)
