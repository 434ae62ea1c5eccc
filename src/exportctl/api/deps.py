"""What every API router depends on: the service over the current law bundle, and API keys.

The bundle is the app's :class:`~exportctl.bundle.BundleSource`'s current one, so a proposal
accepted by the CLI or by another worker changes the next answer of every worker; a key revoked
anywhere is refused by the next request everywhere.

Why :class:`Fresh` rather than asking the database on every request or trusting a cache for a
second: both questions (have the accepted proposals changed? has a key been revoked?) cost a
database round trip and a hop to a worker thread, about a quarter of a check's time, and a cache
with a time to live would answer for up to that long from a bundle the CLI has already replaced
(``tests/test_contract.py`` decides in the CLI and asks every worker at once). So the reads are
shared instead: every request waits for a read that *started after it arrived*, and all requests
that arrive while one read is running share the next. A request never sees state older than its
own arrival, and under load one read serves a whole wave of requests.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import time
import weakref
from dataclasses import dataclass
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field
from sqlalchemy.engine import Engine

from exportctl.bundle import BundleSource, LawBundle
from exportctl.service import Service
from exportctl.store.keys import KeyInfo, authenticate
from exportctl.store.tables import api_keys


class ErrorBody(BaseModel):
    error: str
    suggestions: list[str] = Field(default_factory=list)


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody},
    401: {"model": ErrorBody},
    403: {"model": ErrorBody},
    404: {"model": ErrorBody},
    413: {"model": ErrorBody},
    415: {"model": ErrorBody},
    503: {"model": ErrorBody},
}


@dataclass(frozen=True)
class State:
    """What one shared read found: the bundle, and a signature of the key table."""

    started: float  # time.monotonic() before the read began: it covers requests that arrived earlier
    bundle: LawBundle
    keys: tuple[Any, ...]  # changes whenever a key is created, revoked or removed


class _Flight:
    """One shared read: ``started`` is stamped when it actually begins, not when it is asked for."""

    def __init__(self) -> None:
        self.started: float | None = None
        self.task: asyncio.Task[State] | None = None


class Fresh:
    """The bundle and the keys' state as of a read that began after the asking request arrived.

    One read at a time per event loop. The first request to need one schedules it and waits; the
    read starts on the loop's next turn, so every request already queued behind the first arrives
    before it starts and shares it. Requests arriving while a read runs wait for the next one. (See
    the module docstring for why not a time to live.) The read itself runs in a worker thread, so a
    database that hangs stalls the requests that need it, never the event loop.

    Positive key lookups are remembered with the key-table signature seen before the lookup, and
    reused only while a later read finds the same signature: a revocation bumps
    ``count(revoked_at)``, so the next request with that key is looked up again and refused.
    """

    MAX_KEYS = 10_000

    def __init__(self, source: BundleSource, engine: Engine) -> None:
        self.source, self.engine = source, engine
        self._last: State | None = None
        self._flights: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Flight] = weakref.WeakKeyDictionary()
        self._keys: dict[str, tuple[KeyInfo, tuple[Any, ...]]] = {}
        self._signature = sa.select(
            sa.func.count(),
            sa.func.count(api_keys.c.revoked_at),
            sa.func.max(api_keys.c.id),
            sa.func.max(api_keys.c.revoked_at),
        )

    def _read(self, started: float) -> State:
        bundle = self.source.current()
        with self.engine.connect() as conn:
            keys = tuple(conn.execute(self._signature).one())
        return State(started, bundle, keys)

    async def _fly(self, loop: asyncio.AbstractEventLoop, flight: _Flight) -> State:
        try:
            flight.started = started = time.monotonic()
            state = await run_in_threadpool(self._read, started)
        finally:
            if self._flights.get(loop) is flight:
                del self._flights[loop]
        last = self._last
        if last is None or state.started > last.started:
            self._last = state
        return state

    async def state(self) -> State:
        arrived = time.monotonic()
        loop = asyncio.get_running_loop()
        while True:
            last = self._last
            if last is not None and last.started >= arrived:
                return last
            flight = self._flights.get(loop)
            if flight is None:
                flight = self._flights[loop] = _Flight()
                flight.task = loop.create_task(self._fly(loop, flight))
                # Retrieved here, so a failed read that nobody waits for any more is not logged as lost.
                flight.task.add_done_callback(lambda t: t.cancelled() or t.exception())
            assert flight.task is not None
            if flight.started is None or flight.started >= arrived:
                return await asyncio.shield(flight.task)
            # A read that began before this request arrived may predate it: wait it out, then join
            # (or start) the next one.
            with contextlib.suppress(Exception):
                await asyncio.shield(flight.task)

    async def key(self, state: State, token: str) -> KeyInfo | None:
        digest = hashlib.sha256(token.encode()).hexdigest()
        known = self._keys.get(digest)
        if known is not None and known[1] == state.keys:
            return known[0]
        info = await run_in_threadpool(authenticate, self.engine, token)
        if info is not None:  # unknown and revoked tokens are asked about every time
            if len(self._keys) >= self.MAX_KEYS:
                self._keys.clear()
            self._keys[digest] = (info, state.keys)
        return info


async def fresh(request: Request) -> State:
    """Once per request (FastAPI caches a dependency within a request): the state it is answered from."""
    current: Fresh = request.app.state.fresh
    return await current.state()


Current = Annotated[State, Depends(fresh)]


async def service(request: Request, state: Current) -> Service:
    return Service(state.bundle, request.app.state.store)


async def _key(request: Request, state: State, x_api_key: str | None, authorization: str | None) -> KeyInfo | None:
    token = x_api_key or (authorization[7:] if authorization and authorization.lower().startswith("bearer ") else None)
    if token is None:
        return None
    current: Fresh = request.app.state.fresh
    info = await current.key(state, token)
    if info is None:
        raise HTTPException(401, "invalid or revoked API key", headers={"WWW-Authenticate": "Bearer"})
    return info


async def reader(
    request: Request,
    state: Current,
    x_api_key: Annotated[str | None, Header()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> KeyInfo | None:
    info = await _key(request, state, x_api_key, authorization)
    if info is None and not request.app.state.open_reads:
        raise HTTPException(401, "an API key is required (X-API-Key header)", headers={"WWW-Authenticate": "Bearer"})
    return info


async def writer(
    request: Request,
    state: Current,
    x_api_key: Annotated[str | None, Header()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> KeyInfo:
    info = await _key(request, state, x_api_key, authorization)
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
