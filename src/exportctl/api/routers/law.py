"""Reads of the law: each returns the same typed answer as the matching ``exportctl … --json``."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from exportctl.api.deps import ERRORS, Reader, Svc
from exportctl.engine.results import Determination, DiffResult, StatusResult
from exportctl.service import CheckQuery, GroupsResult, ItemsResult, MeasuresResult, TimelineResult
from exportctl.store.recorder import submit

router = APIRouter(prefix="/v1", tags=["law"], responses=ERRORS)
Text = Annotated[str, Query(max_length=128)]
OptText = Annotated[str | None, Query(max_length=128)]


@router.post("/check", response_model=Determination)
async def check(body: CheckQuery, svc: Svc, key: Reader, request: Request) -> JSONResponse:
    """May ITEM be shipped from EXPORTER to DESTINATION on a date, under which licence, and why.

    The answer is durably recorded in the audit log before it is returned (``X-Audit-Id``).
    """
    d = await run_in_threadpool(svc.check, body)
    engine = request.app.state.engine
    audit_id = await asyncio.wrap_future(
        submit(engine, svc.regimes, body.model_dump(), d, "api", key.id if key else None)
    )
    return JSONResponse(d.model_dump(mode="json", by_alias=True), headers={"X-Audit-Id": str(audit_id)})


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


@router.get("/items", response_model=ItemsResult)
def items(
    svc: Svc,
    key: Reader,
    q: Annotated[str | None, Query(max_length=256)] = None,
    exporter: OptText = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 50,
) -> ItemsResult:
    del key
    return svc.items(q, exporter, limit)


@router.get("/groups", response_model=GroupsResult)
def groups(svc: Svc, key: Reader, exporter: Text, on: OptText = None) -> GroupsResult:
    del key
    return svc.groups(exporter, on)


@router.get("/measures", response_model=MeasuresResult)
def measures(svc: Svc, key: Reader, exporter: Text, known_on: OptText = None) -> MeasuresResult:
    del key
    return svc.measures(exporter, known_on)
