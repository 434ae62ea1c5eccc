"""Batch screening of an uploaded file (CSV, Parquet or JSON Lines), off the event loop."""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Request, UploadFile
from pydantic import BaseModel

from exportctl.api.deps import ERRORS, Reader, Svc
from exportctl.errors import InputError

router = APIRouter(prefix="/v1", tags=["batch"], responses=ERRORS)


class ScreenResponse(BaseModel):
    summary: dict[str, int]
    results: list[dict[str, Any]]
    rejects: list[dict[str, Any]]
    bundle_version: str = ""


@router.post("/screen", response_model=ScreenResponse)
def screen(
    request: Request,
    svc: Svc,
    key: Reader,
    file: Annotated[UploadFile, File(description="CSV, Parquet or JSON Lines")],
    known_on: str | None = None,
) -> ScreenResponse:
    """Screen every line of an upload; a plain ``def``, so FastAPI runs it in its thread pool."""
    import polars as pl

    from exportctl.batch.screen import REQUIRED, screen_frame
    from exportctl.engine.query import parse_date

    del key
    limit = request.app.state.max_upload_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"upload over {limit:,} bytes")
    name = (file.filename or "").lower()
    try:
        if name.endswith(".parquet"):
            df = pl.read_parquet(io.BytesIO(data))
        elif name.endswith((".jsonl", ".ndjson")):
            df = pl.read_ndjson(io.BytesIO(data))
        elif name.endswith(".csv"):
            df = pl.read_csv(io.BytesIO(data), infer_schema=False)
        else:
            raise InputError(f"unsupported file type for {file.filename!r}", [".csv", ".parquet", ".jsonl"])
    except InputError:
        raise
    except Exception as exc:
        raise InputError(
            f"cannot read {file.filename!r}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        ) from exc
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"upload lacks required column(s) {', '.join(missing)}")
    kday = parse_date(known_on, "knowledge date") if known_on else None
    results, rejects, summary = screen_frame(
        df.cast({c: pl.Utf8 for c in df.columns if df[c].dtype == pl.Null}), svc.regimes, kday
    )
    return ScreenResponse(
        summary={
            "rows_in": summary.rows_in,
            "screened": summary.screened,
            "rejected": summary.rejected,
            "licence_required": summary.licence_required,
        },
        results=results.to_dicts(),
        rejects=rejects.to_dicts(),
        bundle_version=svc.bundle.version,
    )
