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
    source = {
        "instrument": INSTRUMENT.get(
            (jur, kind), next(iter(v for (j, _k), v in INSTRUMENT.items() if j == jur), "unknown")
        ),
        "article": "reported in the news (intake); instrument inferred from the action",
        "url": first["document"],
        "confidence": "single" if rec["corroboration"] == 1 else "confirmed",
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


def save(proposal: dict[str, Any]) -> Path:
    path = proposals_dir() / f"{proposal['id']}.yaml"
    if not path.exists():
        path.write_text(yaml.safe_dump(proposal, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def load_all() -> list[dict[str, Any]]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(proposals_dir().glob("*.yaml"))]


def get(proposal_id: str) -> dict[str, Any]:
    path = proposals_dir() / f"{proposal_id}.yaml"
    if not path.exists():
        raise InputError(f"no proposal {proposal_id!r}", [p["id"] for p in load_all()][:5])
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def decide(proposal_id: str, status: str, reviewer: str | None = None) -> dict[str, Any]:
    proposal = get(proposal_id)
    if proposal["status"] != "pending":
        raise InputError(f"proposal {proposal_id} is already {proposal['status']}")
    proposal["status"] = status
    proposal["decided"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    proposal["reviewer"] = reviewer
    (proposals_dir() / f"{proposal_id}.yaml").write_text(
        yaml.safe_dump(proposal, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return proposal


def accepted_overlays() -> list[dict[str, Any]]:
    """Accepted proposals' measures, marked as coming from intake."""
    return [
        {**p["measure"], "origin": "intake", "provenance": p["provenance"]}
        for p in load_all()
        if p["status"] == "accepted"
    ]
