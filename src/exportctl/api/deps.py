"""What every API router depends on: the service over the current law bundle, and API keys.

The bundle is fetched per request from the app's :class:`~exportctl.bundle.BundleSource`, so a
proposal accepted by the CLI or by another worker changes the next answer of every worker.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Request
from pydantic import BaseModel, Field

from exportctl.service import Service
from exportctl.store.keys import KeyInfo, authenticate


class ErrorBody(BaseModel):
    error: str
    suggestions: list[str] = Field(default_factory=list)


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody},
    401: {"model": ErrorBody},
    403: {"model": ErrorBody},
    404: {"model": ErrorBody},
    413: {"model": ErrorBody},
    503: {"model": ErrorBody},
}


def service(request: Request) -> Service:
    state = request.app.state
    return Service(state.source.current(), state.store)


def _key(request: Request, x_api_key: str | None, authorization: str | None) -> KeyInfo | None:
    token = x_api_key or (authorization[7:] if authorization and authorization.lower().startswith("bearer ") else None)
    if token is None:
        return None
    info = authenticate(request.app.state.engine, token)
    if info is None:
        raise HTTPException(401, "invalid or revoked API key", headers={"WWW-Authenticate": "Bearer"})
    return info


def reader(
    request: Request,
    x_api_key: Annotated[str | None, Header()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> KeyInfo | None:
    info = _key(request, x_api_key, authorization)
    if info is None and not request.app.state.open_reads:
        raise HTTPException(401, "an API key is required (X-API-Key header)", headers={"WWW-Authenticate": "Bearer"})
    return info


def writer(
    request: Request,
    x_api_key: Annotated[str | None, Header()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> KeyInfo:
    info = _key(request, x_api_key, authorization)
    if info is None:
        raise HTTPException(
            401, "a write API key is required (X-API-Key header)", headers={"WWW-Authenticate": "Bearer"}
        )
    if info.scope != "write":
        raise HTTPException(403, f"key {info.name!r} has scope {info.scope!r}; this endpoint needs 'write'")
    return info


Svc = Annotated[Service, Depends(service)]
Reader = Annotated[KeyInfo | None, Depends(reader)]
Writer = Annotated[KeyInfo, Depends(writer)]
