"""Keys and the audit log: the service's own state."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, HTTPException, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from exportctl.api.body import JsonRoute
from exportctl.api.deps import ERRORS, Reader, Writer
from exportctl.errors import InputError
from exportctl.store.audit import AuditLog
from exportctl.store.keys import create_key, list_keys, revoke_key
from exportctl.store.tables import audit_log

router = APIRouter(prefix="/v1", tags=["admin"], responses=ERRORS, route_class=JsonRoute)
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip (page with offset and limit)")]
TOTAL: dict[int | str, dict[str, Any]] = {
    200: {"headers": {"X-Total-Count": {"description": "Rows before offset and limit", "schema": {"type": "integer"}}}}
}


class KeyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    scope: Literal["read", "write"] = "read"


class NewKey(BaseModel):
    id: int
    name: str
    scope: str
    key: str = Field(description="Shown once; stored only as a hash")


class KeyRow(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    name: str
    scope: str


class Revoked(BaseModel):
    revoked: int


class AuditCheck(BaseModel):
    ok: bool
    rows: int
    first_bad: int | None = None
    reason: str | None = None


class AuditRecord(BaseModel):
    id: int
    created_at: str
    channel: str
    api_key_id: int | None = None
    query: dict[str, Any]
    answer: dict[str, Any]
    regime_version: str
    prev_hash: str
    row_hash: str


class AuditPage(BaseModel):
    total: int = Field(description="Records in the log")
    offset: int
    records: list[AuditRecord]


@router.get("/audit", response_model=AuditPage)
def audit_records(
    request: Request,
    key: Writer,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=1_000)] = 100,
) -> AuditPage:
    """The audit log a page at a time, oldest first, each record with its hashes (a write key: records
    hold every user's queries). ``exportctl audit export`` writes the whole log."""
    del key
    engine = request.app.state.engine
    with engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(audit_log)).scalar_one()
        rows = conn.execute(sa.select(audit_log).order_by(audit_log.c.id).offset(offset).limit(limit)).mappings()
        records = [AuditRecord.model_validate(AuditLog.record(dict(r))) for r in rows]
    return AuditPage(total=total, offset=offset, records=records)


@router.get("/audit/verify", response_model=AuditCheck)
def audit_verify(request: Request, key: Reader) -> AuditCheck:
    del key
    v = request.app.state.audit.verify()
    return AuditCheck(ok=v.ok, rows=v.rows, first_bad=v.first_bad, reason=v.reason)


@router.post("/keys", status_code=201, response_model=NewKey)
def new_key(body: KeyRequest, request: Request, key: Writer) -> NewKey:
    del key
    key_id, token = create_key(request.app.state.engine, body.name, body.scope)
    return NewKey(id=key_id, name=body.name, scope=body.scope, key=token)


@router.get("/keys", response_model=list[KeyRow], responses=TOTAL)
def keys(
    request: Request,
    key: Writer,
    response: Response,
    offset: Offset = 0,
    limit: Annotated[int | None, Query(ge=1, le=10_000, description="At most this many; all by default")] = None,
) -> list[KeyRow]:
    del key
    rows = list_keys(request.app.state.engine)
    response.headers["X-Total-Count"] = str(len(rows))
    end = None if limit is None else offset + limit
    return [KeyRow.model_validate(k) for k in rows[offset:end]]


@router.delete("/keys/{key_id}", response_model=Revoked)
def delete_key(key_id: int, request: Request, key: Writer) -> Revoked:
    del key
    try:
        revoke_key(request.app.state.engine, str(key_id))
    except InputError as exc:
        raise HTTPException(404, str(exc)) from exc
    return Revoked(revoked=key_id)
