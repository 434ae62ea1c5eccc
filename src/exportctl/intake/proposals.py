"""Proposals: new measures found by intake, in the regime's measure schema, awaiting review.

Stored as YAML files (one per proposal) in a proposals directory: ``EXPORTCTL_PROPOSALS`` or the
user data directory. Accepting one never edits the curated regime data: the proposal becomes an
overlay (``origin: intake``) that ``exportctl measures`` shows, visibly marked, with its evidence.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs
import yaml

from exportctl.errors import InputError

KIND = {
    "add_to_preferred_list": "group_amendment",
    "remove_from_preferred_list": "group_amendment",
    "require_individual_licence": "licensing_policy",
    "lift_licence_requirement": "licensing_policy",
    "add_export_restriction": "control_list_amendment",
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


def _publisher(document: str) -> str:
    """Independence is counted by publisher: the host of a URL, else the document's name."""
    host = urlsplit(document).hostname
    return host.removeprefix("www.") if host else Path(document).name


def proposals_dir() -> Path:
    path = Path(os.environ.get("EXPORTCTL_PROPOSALS") or Path(platformdirs.user_data_dir("exportctl")) / "proposals")
    path.mkdir(parents=True, exist_ok=True)
    return path


def to_proposal(rec: dict[str, Any]) -> dict[str, Any]:
    """A merged ``new`` measure as a proposal: regime measure schema plus provenance."""
    jur = rec["jurisdiction"] or "XX"
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
    evidence = [{"url": s["document"], "publisher": _publisher(s["document"]), "kind": "press"} for s in rec["sources"]]
    publishers = {e["publisher"] for e in evidence}
    source = {
        "instrument": INSTRUMENT.get(
            (jur, kind), next(iter(v for (j, _k), v in INSTRUMENT.items() if j == jur), "unknown")
        ),
        "locator": {"part": "reported in the news (intake); instrument inferred from the action"},
        "unreached": "intake reads news only: the official text has not been checked",
        "evidence": evidence,
        "confidence": "confirmed" if len(publishers) >= 2 else "single",
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
    return {
        "id": measure["id"],
        "status": "pending",
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "stage": rec["stage"],
        "measure": measure,
        "provenance": {
            "corroboration": rec["corroboration"],
            "conflicts": rec["conflicts"],
            "sources": [
                {"document": s["document"], "published": s["published"], "evidence": s["evidence"]}
                for s in rec["sources"]
            ],
        },
    }


class FileStore:
    """Proposals as YAML files, one per proposal (no service database configured)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or proposals_dir()

    def _path(self, proposal_id: str) -> Path:
        return self.folder / f"{proposal_id}.yaml"

    def save(self, proposal: dict[str, Any]) -> None:
        if not self._path(proposal["id"]).exists():
            self.put(proposal)

    def put(self, proposal: dict[str, Any]) -> None:
        self._path(proposal["id"]).write_text(
            yaml.safe_dump(proposal, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )

    def all(self) -> list[dict[str, Any]]:
        return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(self.folder.glob("*.yaml"))]

    def get(self, proposal_id: str) -> dict[str, Any] | None:
        path = self._path(proposal_id)
        return dict(yaml.safe_load(path.read_text(encoding="utf-8"))) if path.exists() else None


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

        with self.engine.connect() as conn:
            return [json.loads(r.payload) for r in conn.execute(sa.select(proposals).order_by(proposals.c.id))]

    def get(self, proposal_id: str) -> dict[str, Any] | None:
        import sqlalchemy as sa

        from exportctl.store.tables import proposals

        with self.engine.connect() as conn:
            row = conn.execute(sa.select(proposals).where(proposals.c.id == proposal_id)).first()
        return json.loads(row.payload) if row else None


Store = FileStore | DatabaseStore


def default_store(database: str | None = None) -> Store:
    """The service's database when one is configured (--database or EXPORTCTL_DATABASE_URL), else files."""
    url = database or os.environ.get("EXPORTCTL_DATABASE_URL")
    if url:
        from exportctl.store.db import make_engine, upgrade

        engine = make_engine(url)
        upgrade(engine)
        return DatabaseStore(engine)
    return FileStore()


def save(proposal: dict[str, Any], store: Store | None = None) -> None:
    (store or default_store()).save(proposal)


def load_all(store: Store | None = None) -> list[dict[str, Any]]:
    return (store or default_store()).all()


def get(proposal_id: str, store: Store | None = None) -> dict[str, Any]:
    store = store or default_store()
    found = store.get(proposal_id)
    if found is None:
        raise InputError(f"no proposal {proposal_id!r}", [p["id"] for p in store.all()][:5])
    return found


def decide(proposal_id: str, status: str, reviewer: str | None = None, store: Store | None = None) -> dict[str, Any]:
    store = store or default_store()
    proposal = get(proposal_id, store)
    if proposal["status"] != "pending":
        raise InputError(f"proposal {proposal_id} is already {proposal['status']}")
    proposal["status"] = status
    proposal["decided"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    proposal["reviewer"] = reviewer
    store.put(proposal)
    return proposal


def accepted_overlays(store: Store | None = None) -> list[dict[str, Any]]:
    """Accepted proposals' measures, marked as coming from intake."""
    return [
        {**p["measure"], "origin": "intake", "provenance": p["provenance"]}
        for p in load_all(store)
        if p["status"] == "accepted"
    ]
