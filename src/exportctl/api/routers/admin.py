"""Keys and the audit log: the service's own state."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field

from exportctl.api.deps import ERRORS, Reader, Writer
from exportctl.errors import InputError
from exportctl.store.keys import create_key, list_keys, revoke_key

router = APIRouter(prefix="/v1", tags=["admin"], responses=ERRORS)


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


@router.get("/keys", response_model=list[KeyRow])
def keys(request: Request, key: Writer) -> list[KeyRow]:
    del key
    return [KeyRow.model_validate(k) for k in list_keys(request.app.state.engine)]


@router.delete("/keys/{key_id}", response_model=Revoked)
def delete_key(key_id: int, request: Request, key: Writer) -> Revoked:
    del key
    try:
        revoke_key(request.app.state.engine, str(key_id))
    except InputError as exc:
        raise HTTPException(404, str(exc)) from exc
    return Revoked(revoked=key_id)
