"""Batch screening of an uploaded file (CSV, Parquet or JSON Lines), run like a job.

Why (docs/design.md, "Shells"): one large upload must not stall the service or grow without
bound. A screen needs an API key, runs off the event loop (a plain ``def``), is bounded in bytes,
in rows and in how many run at once (429 with ``Retry-After`` when all slots are taken), returns
its results a page at a time, and is recorded in the audit log: one record per run with the
input's hash, the bundle version and a digest of the results.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, HTTPException, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field

from exportctl.api.deps import ERRORS, Reader, Svc
from exportctl.errors import InputError
from exportctl.store.keys import KeyInfo

#: How the API declares an upload's encoding (its notes and errors name it, not the CLI's ``--encoding``).
API_ENCODING = "?encoding="

router = APIRouter(prefix="/v1", tags=["batch"], responses=ERRORS)


class ScreenResponse(BaseModel):
    summary: dict[str, int]
    results: list[dict[str, Any]]
    rejects: list[dict[str, Any]]
    bundle_version: str = ""
    offset: int = 0
    total: int = Field(0, description="Results in the whole run; page with offset and limit")
    input_sha256: str = ""
    results_sha256: str = Field("", description="Digest of all results, as recorded in the audit log")
    audit_id: int | None = None
    encoding: str | None = Field(None, description="How a CSV or JSON Lines upload was decoded")
    notes: list[str] = Field(
        default_factory=list,
        description="What was assumed in reading the upload, and the cautions carried by some lines that say the "
        "data may be out of date or unread for them",
    )


#: Screens that may run at once in one worker; more get 429 with Retry-After.
SLOTS = threading.BoundedSemaphore(1)


#: ``download=csv|xlsx|jsonl``: the whole results as one file (the web page's Excel download),
#: written by the batch layer's writer, so each is the file ``exportctl screen --lists`` writes
#: for that extension (formulas neutralised and lists joined in CSV, lists as arrays in JSON Lines).
DOWNLOADS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jsonl": "application/x-ndjson",
}


@router.post(
    "/screen",
    response_model=ScreenResponse,
    responses={200: {"content": {media: {} for media in DOWNLOADS.values()}}},
)
def screen(
    request: Request,
    svc: Svc,
    key: Reader,
    file: Annotated[UploadFile, File(description="CSV, Parquet, JSON Lines or Excel (.xlsx)")],
    known_on: str | None = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=100_000)] = 10_000,
    download: Annotated[
        Literal["csv", "xlsx", "jsonl"] | None, Query(description="All results as one file instead of a JSON page")
    ] = None,
    encoding: Annotated[
        str | None, Query(description="Encoding of a CSV or JSON Lines upload (default: told from the file)")
    ] = None,
    sheet: Annotated[str | None, Query(description="Sheet of an .xlsx upload (default: the first)")] = None,
    part: Annotated[
        Literal["results", "rejects"],
        Query(description="With download: the results (default) or the rejected lines, each with its line and reason"),
    ] = "results",
) -> ScreenResponse | Response:
    """Screen every line of an upload; a plain ``def``, so FastAPI runs it in its thread pool."""
    if key is None:
        raise HTTPException(
            401, "screening needs an API key (X-API-Key header)", headers={"WWW-Authenticate": "Bearer"}
        )
    if not SLOTS.acquire(blocking=False):
        raise HTTPException(429, "another screen is running; retry shortly", headers={"Retry-After": "5"})
    try:
        return _screen(request, svc, key, file, known_on, offset, limit, download, encoding, sheet, part)
    finally:
        SLOTS.release()


def _screen(
    request: Request,
    svc: Svc,
    key: KeyInfo,
    file: UploadFile,
    known_on: str | None,
    offset: int,
    page: int,
    download: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    part: str = "results",
) -> ScreenResponse | Response:
    import polars as pl

    from exportctl.batch.screen import Audit, require_columns, screen_frame, summarised_cautions
    from exportctl.engine.query import knowledge_date

    limit = request.app.state.max_upload_bytes
    data = file.file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"upload over {limit:,} bytes")
    df, unreadable, read_as, lines = _read_upload(data, file.filename or "", encoding, sheet)
    require_columns(df.columns, "upload")
    max_rows = request.app.state.max_screen_rows
    if df.height > max_rows:
        raise HTTPException(413, f"upload has {df.height:,} rows; at most {max_rows:,} per screen (split the file)")
    kday = knowledge_date(known_on, svc.regimes)
    # With the audit columns ``exportctl screen`` writes (warning kinds, resolved item and country,
    # bundle version): a result read from the service must say as much as one from the CLI.
    audit = Audit(svc.regimes, kday, svc.bundle.version)
    results, rejects, summary = screen_frame(
        df.cast({c: pl.Utf8 for c in df.columns if df[c].dtype == pl.Null}), svc.regimes, kday, audit=audit, lines=lines
    )
    if unreadable:  # lines that could not be decoded or parsed: rejects with their line numbers, in order
        from exportctl.batch.files import rejects_in_order

        rejects = rejects_in_order(rejects, unreadable, df)
        summary.rows_in += len(unreadable)
        summary.rejected += len(unreadable)
    counts = {
        "rows_in": summary.rows_in,
        "screened": summary.screened,
        "rejected": summary.rejected,
        "licence_required": summary.licence_required,
    }
    # The digest is over the results as JSON Lines in column order (``polars`` writes them without
    # a Python object per row), so a client can recompute it from the pages it fetched.
    digest = hashlib.sha256(results.write_ndjson().encode("utf-8")).hexdigest()
    input_hash = hashlib.sha256(data).hexdigest()
    from exportctl.store.audit import AuditLog

    audit_id = AuditLog(request.app.state.engine).append(
        {"kind": "screen", "file": file.filename, "input_sha256": input_hash, "known_on": known_on},
        {"summary": counts, "results_sha256": digest, "rejects": rejects.height},
        svc.bundle.version,
        "api-screen",
        key.id,
    )
    if download is not None:
        table = rejects if part == "rejects" else results
        return _download(table, download, file.filename, audit_id, digest, counts, part)
    return ScreenResponse(
        summary=counts,
        results=results.slice(offset, page).to_dicts(),
        rejects=rejects.to_dicts(),
        bundle_version=svc.bundle.version,
        offset=offset,
        total=results.height,
        input_sha256=input_hash,
        results_sha256=digest,
        audit_id=audit_id,
        encoding=read_as.codec if read_as is not None else None,
        # The note names the temporary file as the CLI names its input: by the upload's name, and
        # the API's own way of declaring an encoding, not the command line's.
        notes=(
            [note.replace(_upload_name(file.filename or ""), file.filename or "")]
            if read_as and (note := read_as.said(API_ENCODING))
            else []
        )
        + summarised_cautions(svc.regimes, audit),
    )


def _download(
    results: Any, fmt: str, filename: str | None, audit_id: int, digest: str, counts: dict[str, int], part: str
) -> Response:
    """The results (or the rejects) as one CSV (with a BOM, for Excel in Japan and Korea), ``.xlsx`` or JSON
    Lines file; the headers say how many lines came in and how many were rejected, so a download of the
    results alone never hides the lines it lacks (session review S27-3)."""
    import tempfile
    from pathlib import Path
    from urllib.parse import quote

    from exportctl.batch.files import TableWriter

    with tempfile.TemporaryDirectory(prefix="exportctl-screen-") as tmp:
        out = Path(tmp) / f"results.{fmt}"
        with TableWriter(out, bom=fmt == "csv") as writer:
            writer.write(results)
        data = out.read_bytes()
    stem = (filename or "screen").rsplit(".", 1)[0] or "screen"
    name = f"{stem}.{'rejects' if part == 'rejects' else 'screened'}.{fmt}"
    plain = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return Response(
        data,
        media_type=DOWNLOADS[fmt],
        headers={
            # A Japanese or Korean file name survives as RFC 5987's filename*; headers are Latin-1.
            "Content-Disposition": f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}",
            "X-Audit-Id": str(audit_id),
            "X-Results-SHA256": digest,
            "X-Total-Count": str(results.height),
            "X-Rows-In": str(counts["rows_in"]),
            "X-Rejected": str(counts["rejected"]),
            # The results' digest names the run (as the audit log records it); a rejects download has its own
            # too, so a client can tell the file it holds (session review S27B-8).
            **(
                {"X-Rejects-SHA256": hashlib.sha256(results.write_ndjson().encode("utf-8")).hexdigest()}
                if part == "rejects"
                else {}
            ),
        },
    )


def _read_upload(
    data: bytes, filename: str, encoding: str | None, sheet: str | None
) -> tuple[Any, list[tuple[int, str]], Any, Any]:
    """The upload read by the batch layer's own reader (encodings, workbooks, unreadable lines,
    where each row is, for the rejects' ``line N``: the same numbers as ``exportctl screen``).

    The bytes go to a private temporary file named like the upload, since the readers (and the
    encoding detection) work on files; the file is removed before the answer goes out.
    """
    import tempfile

    from exportctl.batch.files import read_whole
    from exportctl.batch.screen import FORMATS

    suffix = Path(filename.lower()).suffix
    if suffix not in FORMATS:  # the types ``exportctl screen`` reads, .pq among them
        raise InputError(f"unsupported file type for {filename!r}", list(FORMATS))
    with tempfile.TemporaryDirectory(prefix="exportctl-upload-") as tmp:
        path = Path(tmp) / _upload_name(filename)
        path.write_bytes(data)
        try:
            return read_whole(path, encoding, sheet, API_ENCODING)
        except InputError as exc:
            raise InputError(_named(str(exc), path, filename)) from exc
        except Exception as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise InputError(f"cannot read {filename!r}: {_named(first, path, filename)}") from exc


def _upload_name(filename: str) -> str:
    """The temporary file's name for an upload: its type kept, its name not (a name is not a path)."""
    return f"upload{Path(filename.lower()).suffix}"


def _named(text: str, path: Any, filename: str) -> str:
    """A reader's message about the temporary file, told about the upload's own name."""
    return text.replace(str(path), repr(filename)).replace(path.name, filename)
