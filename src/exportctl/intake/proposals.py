"""Proposals: new measures found by intake, in the regime's measure schema, awaiting review.

One store for every shell (docs/design.md, "Proposals"): the ``proposals`` table of the database
(the SQLite file in the data directory unless a URL is given), shared by the CLI and every
service worker. Accepting one never edits the curated regime data: the proposal becomes a typed
overlay (``exportctl.law.overlay``) with an explicit action, group, targets and effective date;
reverting an accepted proposal removes its overlay again. Reads never create the database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import warnings
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from exportctl.errors import InputError, NotFound, StorageUnavailable
from exportctl.law.model import Measure
from exportctl.law.overlay import Overlay, Provenance
from exportctl.settings import Settings

KIND = {
    "add_to_preferred_list": "group_amendment",
    "remove_from_preferred_list": "group_amendment",
    "require_individual_licence": "licensing_policy",
    "lift_licence_requirement": "licensing_policy",
    "add_export_restriction": "control_list_amendment",
    "ease_export_restriction": "control_list_amendment",
    "wto_complaint_filed": "wto_dispute",
    "wto_complaint_withdrawn": "wto_dispute",
}
INSTRUMENT = {
    ("JP", "group_amendment"): "jp-etco",
    ("JP", "licensing_policy"): "jp-meti-operation-guideline",
    ("JP", "control_list_amendment"): "jp-goods-order",
    ("KR", "group_amendment"): "kr-public-notice",
    ("KR", "licensing_policy"): "kr-public-notice",
    ("KR", "control_list_amendment"): "kr-public-notice",
    ("KR", "wto_dispute"): "wto-ds590",
    ("JP", "wto_dispute"): "jp-fefta",
}


def publisher_of(document: str, named: dict[str, str] | None = None) -> tuple[str, bool]:
    """Who published ``document`` and whether that is known: the name given for it (``intake
    --publisher PATH=NAME``), else the host of a URL, else unknown.

    Independence is counted by publisher, so only a known publisher counts. A file's name says
    nothing of who wrote it: two saved copies of one Reuters story (``copyA.txt``, ``copyB.txt``)
    were counted as two independent publishers and made a proposal ``confirmed``.
    """
    if named and document in named:
        return named[document], True
    host = urlsplit(document).hostname
    if host:
        return host.removeprefix("www."), True
    return f"unknown (file {Path(document).name})", False


#: Intake actions that change a regime's preferred group, and how.
GROUP_ACTIONS = {"add_to_preferred_list": "add_to_group", "remove_from_preferred_list": "remove_from_group"}


def to_proposal(
    rec: dict[str, Any], preferred: dict[str, str] | None = None, publishers: dict[str, str] | None = None
) -> dict[str, Any]:
    """A merged ``new`` measure as a proposal: regime measure schema, its legal effect, provenance.

    ``preferred`` maps each jurisdiction to its preferred group (regime data); a group action
    names that group explicitly, so the overlay never depends on parsing a title. ``publishers``
    names the publisher of a document (:func:`publisher_of`); ``confirmed`` needs two known ones.
    """
    if rec.get("status") == "unmodelled" or not rec.get("jurisdiction"):
        # No regime to amend: an overlay for a state exportctl does not model would have nothing to act on.
        raise InputError(
            f"{rec.get('jurisdiction') or 'an unknown state'}'s measure is unmodelled: it cannot be proposed"
        )
    jur = rec["jurisdiction"]
    kind = KIND[rec["action"]]
    digest = hashlib.sha256(
        json.dumps(
            [
                rec["jurisdiction"],
                rec["action"],
                rec["targets"],
                rec["event"],
                [s["evidence"][0]["text"] for s in rec["sources"]],
            ]
        ).encode()
    ).hexdigest()[:10]
    first = rec["sources"][0]
    evidence, known = [], set()
    for s in rec["sources"]:
        name, is_known = publisher_of(s["document"], publishers)
        evidence.append({"url": s["document"], "publisher": name, "kind": "press"})
        if is_known:
            known.add(name)
    source = {
        "instrument": INSTRUMENT.get(
            (jur, kind), next(iter(v for (j, _k), v in INSTRUMENT.items() if j == jur), "unknown")
        ),
        "locator": {"part": "reported in the news (intake); instrument inferred from the action"},
        "unreached": "intake reads news only: the official text has not been checked",
        "evidence": evidence,
        "confidence": "confirmed" if len(known) >= 2 else "single",
    }
    measure: dict[str, Any] = {
        "id": f"{jur.lower()}-intake-{digest}",
        "title": f"{rec['action'].replace('_', ' ')} ({', '.join(rec['targets']) or 'all destinations'})"
        + (f": {', '.join(i['text'] for i in rec['items'])}" if rec["items"] else ""),
        "authority": jur,
        "kind": kind,
        "targets": rec["targets"],
        "items": sorted({i for item in rec["items"] for i in item["ids"]}),
        "summary": first["evidence"][0]["text"],
        "todo": "from intake: check against the official text before relying on it",
    }
    for field in ("announced", "effective"):
        value = rec.get(field)
        if value and len(value) == 10:
            measure[field] = {"date": value, "source": source}
        elif value:
            measure.setdefault("conflicts", []).append(f"{field} reported only as {value} (reduced precision)")
    action = GROUP_ACTIONS.get(rec["action"], "measure_only")
    group = (preferred or {}).get(jur) if action != "measure_only" else None
    effective = rec.get("effective") if rec.get("effective") and len(rec["effective"]) == 10 else None
    return {
        "id": measure["id"],
        "status": "pending",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "stage": rec["stage"],
        "overlay": {
            "action": action if group or action == "measure_only" else "measure_only",
            "group": group,
            "targets": rec["targets"],
            "effective": effective,
        },
        "measure": measure,
        "provenance": {
            "corroboration": rec["corroboration"],
            "conflicts": rec["conflicts"],
            "sources": [
                {
                    "document": s["document"],
                    "published": s["published"],
                    "evidence": s["evidence"],
                    "date_evidence": s.get("date_evidence", {}),
                }
                for s in rec["sources"]
            ],
        },
    }


#: Engines whose database has been seen to hold the table (weakly: a new engine asks again).
_HAS_TABLE: weakref.WeakSet[Any] = weakref.WeakSet()


@contextlib.contextmanager
def _readable(engine: Any) -> Iterator[Any]:
    """A read connection, or None when the database has no proposals table yet.

    Once the table has been seen it is taken to stay (migrations never drop it; a table dropped
    behind the service's back makes the read fail, a 503, never a silently empty answer): asking
    the schema costs more than the read itself, and the service reads on every wave of requests.
    """
    import sqlalchemy as sa

    try:
        with engine.connect() as conn:
            if engine not in _HAS_TABLE:
                if not sa.inspect(conn).has_table("proposals"):
                    yield None
                    return
                _HAS_TABLE.add(engine)
            yield conn
    except sa.exc.OperationalError as exc:
        # The kind only: the driver's message names the host, port, database and user.
        raise StorageUnavailable(
            f"the proposals database is unavailable ({type(exc.orig).__name__}); is the server up and the URL right?"
        ) from None


class DatabaseStore:
    """Proposals in the service's database (table ``proposals``, migration 0002)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    def save(self, proposal: dict[str, Any]) -> None:
        if self.get(proposal["id"]) is None:
            from exportctl.store.tables import proposals

            with self.engine.begin() as conn:
                conn.execute(
                    proposals.insert().values(
                        id=proposal["id"],
                        status=proposal["status"],
                        created=proposal["created"],
                        payload=json.dumps(proposal),
                    )
                )

    def put(self, proposal: dict[str, Any]) -> None:
        from exportctl.store.tables import proposals

        with self.engine.begin() as conn:
            conn.execute(
                proposals.update()
                .where(proposals.c.id == proposal["id"])
                .values(
                    status=proposal["status"],
                    decided=proposal.get("decided"),
                    reviewer=proposal.get("reviewer"),
                    payload=json.dumps(proposal),
                )
            )

    def all(self) -> list[dict[str, Any]]:
        import sqlalchemy as sa

        from exportctl.store.tables import proposals

        with _readable(self.engine) as conn:
            if conn is None:
                return []
            return [_payload(r) for r in conn.execute(sa.select(proposals).order_by(proposals.c.id))]

    def fingerprint(self) -> tuple[str, ...]:
        """What the overlays depend on: the accepted proposals and when each was decided.

        Cheap enough to ask on every request, so every service worker sees a decision made by
        the CLI or by another worker on its next answer.
        """
        import sqlalchemy as sa

        from exportctl.store.tables import proposals

        with _readable(self.engine) as conn:
            if conn is None:
                return ()
            rows = conn.execute(
                sa.select(proposals.c.id, proposals.c.decided)
                .where(proposals.c.status == "accepted")
                .order_by(proposals.c.id)
            )
            return tuple(f"{r.id}@{r.decided}" for r in rows)

    def get(self, proposal_id: str) -> dict[str, Any] | None:
        import sqlalchemy as sa

        from exportctl.store.tables import proposals

        with self.engine.connect() as conn:
            row = conn.execute(sa.select(proposals).where(proposals.c.id == proposal_id)).first()
        return _payload(row) if row else None


def _payload(row: Any) -> dict[str, Any]:
    """A stored proposal; a damaged row (not a JSON object) is shown as damaged, never fatal.

    Why: one bad row must not stop every command that lists proposals or builds the bundle.
    """
    try:
        payload = json.loads(row.payload)
    except (TypeError, ValueError):
        payload = None
    if not isinstance(payload, dict):
        return {
            "id": row.id,
            "status": row.status,
            "created": row.created,
            "damaged": "stored payload is not a proposal",
        }
    return payload


Store = DatabaseStore


def open_store(settings: Settings, *, create: bool) -> DatabaseStore | None:
    """The proposals store; on reads (``create=False``) None when no database exists yet.

    Reads never create files: a fresh machine, or one whose home is read-only, answers from the
    curated law with no overlays.
    """
    url = settings.store_url(create=create)
    if url is None:
        return None
    from exportctl.store.db import make_engine, upgrade

    engine = make_engine(url)
    if create:
        upgrade(engine)
    return DatabaseStore(engine)


def none_accepted(settings: Settings) -> bool:
    """Whether the default SQLite store surely holds no accepted proposal (so no overlay).

    Why: a one-shot command reads the accepted overlays on every run, and opening the store
    through SQLAlchemy costs an import of 0.15-0.2 s, about half of an ``exportctl check`` from
    the shell, on every machine where intake has ever saved a proposal. The standard library's
    sqlite3 asks the one question read-only first. Any doubt (a database URL, a file it cannot
    open, no such table, a locked or damaged file) answers False, and the store is read as
    before and says what is wrong.
    """
    if settings.database_url:
        return False
    path = settings.default_database
    if not path.exists():
        return True
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT 1 FROM proposals WHERE status = 'accepted' LIMIT 1").fetchone()
    except sqlite3.Error:
        return False
    return row is None


def save(proposal: dict[str, Any], store: Store) -> None:
    store.save(proposal)


def load_all(store: Store | None) -> list[dict[str, Any]]:
    return store.all() if store is not None else []


def get(proposal_id: str, store: Store | None) -> dict[str, Any]:
    found = store.get(proposal_id) if store is not None else None
    if found is None:
        raise NotFound(f"no proposal {proposal_id!r}", [p["id"] for p in load_all(store)][:5])
    return found


#: Which decisions may follow which status: a pending proposal is accepted or rejected; an
#: accepted one can be reverted (its overlay is withdrawn).
TRANSITIONS = {"accepted": {"pending"}, "rejected": {"pending"}, "reverted": {"accepted"}}


def decide(proposal_id: str, status: str, reviewer: str | None, store: Store) -> dict[str, Any]:
    proposal = get(proposal_id, store)
    if proposal["status"] not in TRANSITIONS[status]:
        raise InputError(
            f"proposal {proposal_id} is {proposal['status']}; it cannot be {status}",
            [s for s, before in TRANSITIONS.items() if proposal["status"] in before],
            label="possible",
        )
    proposal["status"] = status
    proposal["decided"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    proposal["reviewer"] = reviewer
    store.put(proposal)
    return proposal


def without_effect(proposal: dict[str, Any], regimes: dict[str, Any]) -> list[str]:
    """One line per target the proposal's group change would not change: a country removed from a
    group it is not in, or added to one it is already in, on the effective date (today without one).

    Why: accepting such a proposal (Japan "removes" the Philippines from Group A, where it never
    was) made an overlay that changes no answer, and nothing said so; the reviewer should know
    before relying on it, at intake and at acceptance. ``regimes`` is the law the overlay would
    join (the curated law with the overlays already accepted).
    """
    effect = proposal.get("overlay") or {}
    action, group = effect.get("action"), effect.get("group")
    regime = regimes.get(proposal["measure"]["authority"])
    if action not in ("add_to_group", "remove_from_group") or not group or regime is None:
        return []
    day = dt.date.fromisoformat(effect["effective"]) if effect.get("effective") else dt.date.today()
    lines = []
    for country in effect.get("targets") or []:
        inside = group in regime.group_ids_on(country, day)
        if action == "remove_from_group" and not inside:
            lines.append(f"{country} is not in {group} on {day}, so removing it has no effect: check the proposal")
        elif action == "add_to_group" and inside:
            lines.append(f"{country} is already in {group} on {day}, so adding it has no effect: check the proposal")
    return lines


def as_overlay(proposal: dict[str, Any]) -> Overlay:
    """An accepted proposal as a typed overlay (its measure marked as coming from intake)."""
    effect = proposal.get("overlay") or {"action": "measure_only"}
    return Overlay(
        id=proposal["id"],
        jurisdiction=proposal["measure"]["authority"],
        action=effect.get("action", "measure_only"),
        group=effect.get("group"),
        targets=effect.get("targets") or [],
        effective=effect.get("effective"),
        measure=Measure.model_validate(
            {**proposal["measure"], "origin": "intake", "provenance": proposal["provenance"]}
        ),
        provenance=Provenance.model_validate(
            {**proposal["provenance"], "reviewer": proposal.get("reviewer"), "decided": proposal.get("decided")}
        ),
    )


def accepted_overlays(store: Store | None) -> list[Overlay]:
    """The accepted proposals as overlays; a damaged one is skipped with a warning, never fatal."""
    out = []
    for p in load_all(store):
        if p.get("status") != "accepted":
            continue
        try:
            out.append(as_overlay(p))
        except (ValidationError, KeyError) as exc:
            warnings.warn(f"accepted proposal {p.get('id')!r} skipped: {exc}", stacklevel=2)
    return out
