"""Reads of the law: each returns the same typed answer as the matching ``exportctl … --json``."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from exportctl.api.body import JsonRoute
from exportctl.api.deps import ERRORS, Reader, Svc
from exportctl.engine.query import unread_value
from exportctl.engine.results import Determination, DiffResult, StatusResult
from exportctl.law.regime import Regime
from exportctl.service import CheckQuery, GroupsResult, ItemsResult, MeasuresResult, Service, TimelineResult
from exportctl.store.audit import AuditLog, canonical, canonical_native, exclusive
from exportctl.store.keys import KeyInfo
from exportctl.store.recorder import QUERY_FIELDS
from exportctl.store.snapshots import save_snapshot

try:
    import orjson

    def _json(answer: dict[str, Any]) -> bytes:
        return orjson.dumps(answer)
except ImportError:  # pragma: no cover - orjson comes with the service extra

    def _json(answer: dict[str, Any]) -> bytes:
        return json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


router = APIRouter(prefix="/v1", tags=["law"], responses=ERRORS, route_class=JsonRoute)
Text = Annotated[str, Query(max_length=128)]
OptText = Annotated[str | None, Query(max_length=128)]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip (page with offset and limit)")]
#: The total before paging, in a header so that the body stays the document ``exportctl … --json`` prints.
TOTAL: dict[int | str, dict[str, Any]] = {
    200: {"headers": {"X-Total-Count": {"description": "Rows before offset and limit", "schema": {"type": "integer"}}}}
}


# An answer holds no floats, so its canonical text can come from orjson byte for byte (see
# ``canonical_native``); should a float field ever appear, the audit falls back to the standard
# encoder by itself.
_NATIVE = '"number"' not in json.dumps(Determination.model_json_schema())
_SNAPSHOTS: set[tuple[str, str]] = set()  # (database URL, regime version) saved by this process


@router.post("/check", response_model=Determination)
async def check(body: CheckQuery, svc: Svc, key: Reader, request: Request) -> Response:
    """May ITEM be shipped from EXPORTER to DESTINATION on a date, under which licence, and why.

    The answer is durably recorded in the audit log before it is returned (``X-Audit-Id``).
    """
    # The work is in ``answer_check``, shared with the fast path (``api/fastcheck.py``).
    d = svc.check(body)
    payload, audit_id = await answer_check(request.app.state, svc, d, body, key)
    return Response(payload, media_type="application/json", headers=check_headers(svc, d, body, audit_id))


def check_headers(svc: Service, d: Determination, body: CheckQuery, audit_id: int) -> dict[str, str]:
    """A check's response headers, the route's and the fast path's: its audit id, and the CLI's stderr
    warning where a value in another currency was not used (the answer is the same without it)."""
    headers = {"X-Audit-Id": str(audit_id)}
    if (unread := unread_value(svc.bundle.regimes[d.exporter], body.currency)) is not None:
        headers["X-Warning"] = unread
    return headers


async def answer_check(
    state: Any, svc: Service, d: Determination, body: CheckQuery, key: KeyInfo | None
) -> tuple[bytes, int]:
    """The answer's JSON and its audit id, once the record is durable: the route's and the fast path's.

    Each step is done once per distinct answer: dumped to JSON-ready data once, and from that one
    dict both the response (orjson: the same JSON as the standard encoder's) and the audit record's
    canonical text (see ``canonical_native``), both kept with the remembered answer; the record goes to the group-commit writer, which wakes this
    loop once per committed batch, not once per record. The determination runs on the loop: it
    holds the GIL either way, and a hop to a worker thread and back cost more than it saved.
    """
    audit: AuditLog = state.audit
    regime = svc.bundle.regimes[d.exporter]  # not ``svc.regimes``: that copies the mapping
    saved = (audit.url, regime.version)
    if saved not in _SNAPSHOTS:  # once per regime version and database: a write, so off the loop
        await run_in_threadpool(_save_snapshot, audit, regime)
        _SNAPSHOTS.add(saved)
    hit = _DUMPED.get(id(d))
    if hit is not None and hit[0] is d:  # a remembered answer: its JSON and its audit text are ready
        payload, text = hit[1], hit[2]
    else:
        answer = d.model_dump(mode="json", by_alias=True)
        payload, text = _json(answer), (canonical_native if _NATIVE else canonical)(answer)
        if len(_DUMPED) >= 8192:
            _DUMPED.clear()
        _DUMPED[id(d)] = (d, payload, text)
    query = body.model_dump()
    audit_id = await audit.submit_async(
        {k: query.get(k) for k in QUERY_FIELDS},
        text,
        d.regime_version,
        "api",
        key.id if key else None,
        native=_NATIVE,
    )
    return payload, audit_id


#: Answers already dumped (response JSON, canonical audit text), by the identity of the
#: (remembered, never changed) determination.
_DUMPED: dict[int, tuple[Determination, bytes, str]] = {}


def _save_snapshot(audit: AuditLog, regime: Regime) -> None:
    """The regime behind the answer, kept for replay; sealed under the audit writer's lock."""
    with exclusive(audit.seal):
        save_snapshot(audit.engine, regime)


@router.get("/status", response_model=StatusResult)
def status(svc: Svc, key: Reader, exporter: Text, country: Text, on: Text, known_on: OptText = None) -> StatusResult:
    del key
    return svc.status(exporter, country, on, known_on)


@router.get("/timeline", response_model=TimelineResult)
def timeline(svc: Svc, key: Reader, exporter: Text, country: Text, known_on: OptText = None) -> TimelineResult:
    del key
    return svc.timeline(exporter, country, known_on)


@router.get("/diff", response_model=DiffResult)
def diff(svc: Svc, key: Reader, exporter: Text, start: Text, end: Text) -> DiffResult:
    del key
    return svc.diff(exporter, start, end)


@router.get("/items", response_model=ItemsResult, responses=TOTAL)
def items(
    svc: Svc,
    key: Reader,
    response: Response,
    q: Annotated[str | None, Query(max_length=256)] = None,
    exporter: OptText = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 50,
    offset: Offset = 0,
) -> ItemsResult:
    """Control-list entries matching Q (id, title, alias), a page at a time; ``total`` counts them all."""
    del key
    found = svc.items(q, exporter, offset + limit)
    response.headers["X-Total-Count"] = str(found.total)
    return found.model_copy(update={"items": found.items[offset:]}) if offset else found


@router.get("/groups", response_model=GroupsResult)
def groups(svc: Svc, key: Reader, exporter: Text, on: OptText = None) -> GroupsResult:
    del key
    return svc.groups(exporter, on)


@router.get("/measures", response_model=MeasuresResult, responses=TOTAL)
def measures(
    svc: Svc,
    key: Reader,
    response: Response,
    exporter: Text,
    known_on: OptText = None,
    offset: Offset = 0,
    limit: Annotated[int | None, Query(ge=1, le=10_000, description="At most this many; all by default")] = None,
) -> MeasuresResult:
    """EXPORTER's measures and those of others aimed at it, in date order; ``X-Total-Count`` counts them all."""
    del key
    found = svc.measures(exporter, known_on)
    response.headers["X-Total-Count"] = str(len(found.measures))
    if offset or limit is not None:
        end = None if limit is None else offset + limit
        return found.model_copy(update={"measures": found.measures[offset:end]})
    return found
