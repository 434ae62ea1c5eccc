"""The exportctl service: a thin FastAPI shell over the same engine as the CLI.

Every determination made here is recorded in the hash-chained audit log with its regime
version and the API key that asked. Reads may be open (``open_reads``); every endpoint that
changes state needs a key with the ``write`` scope. Bodies and uploads have size limits.
"""

import asyncio
import datetime as dt
import io
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

import polars as pl
from fastapi import Depends, FastAPI, File, Header, HTTPException, Path, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from exportctl import __version__
from exportctl.batch.screen import REQUIRED, screen_frame
from exportctl.engine.determine import determine_in
from exportctl.engine.history import diff_in, status_in, timeline_in
from exportctl.engine.items import search_items
from exportctl.engine.query import regime_for
from exportctl.engine.results import Determination, DiffResult, Interval, StatusResult
from exportctl.errors import ExportctlError, InputError
from exportctl.law.loader import bundle_version, load_regimes
from exportctl.law.regime import Regime
from exportctl.store import db
from exportctl.store.audit import AuditLog
from exportctl.store.keys import KeyInfo, authenticate, create_key, list_keys, revoke_key
from exportctl.store.recorder import submit

HERE = FilePath(__file__).parent
MAX_BODY = 64 * 1024


class CheckRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    exporter: str = Field(max_length=64, examples=["JP"])
    destination: str = Field(max_length=128, examples=["KR"])
    item: str = Field(max_length=256, examples=["hydrogen fluoride"])
    on: str = Field(max_length=32, examples=["2020-01-15"], description="Shipment date, YYYY-MM-DD")
    value: int | None = Field(None, ge=0, le=10**15, description="Whole amount in the regime's currency")
    currency: str | None = Field(None, max_length=8)
    end_use: Literal["wmd", "conventional", "civil"] | None = None
    informed: bool = False
    known_on: str | None = Field(None, max_length=32)
    at: str | None = Field(None, max_length=8, examples=["17:30"], description="Local time of shipment, HH:MM")


class ErrorBody(BaseModel):
    error: str
    suggestions: list[str] = Field(default_factory=list)


class KeyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    scope: Literal["read", "write"] = "read"


class ScreenResponse(BaseModel):
    summary: dict[str, int]
    results: list[dict[str, Any]]
    rejects: list[dict[str, Any]]


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody},
    401: {"model": ErrorBody},
    403: {"model": ErrorBody},
    413: {"model": ErrorBody},
}


class BodyLimit:
    """Refuse bodies over the limit before reading them (plain ASGI: no per-request task overhead)."""

    def __init__(self, app: Any, default: int, uploads: dict[str, int]) -> None:
        self.app, self.default, self.uploads = app, default, uploads

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            limit = self.uploads.get(scope["path"], self.default)
            length = dict(scope.get("headers") or []).get(b"content-length", b"")
            if length.isdigit() and int(length) > limit:
                response = JSONResponse(
                    status_code=413, content={"error": f"request body over {limit:,} bytes", "suggestions": []}
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(
    database_url: str | None = None,
    *,
    open_reads: bool = True,
    regimes: dict[str, Regime] | None = None,
    max_upload_bytes: int = 50 * 1024 * 1024,
    migrate: bool = True,
) -> FastAPI:
    engine: Engine = db.make_engine(database_url)
    if migrate:
        db.upgrade(engine)
    from exportctl.intake.overlay import apply_overlays
    from exportctl.intake.proposals import DatabaseStore, accepted_overlays

    base = regimes or load_regimes()
    regs: dict[str, Regime] = {}

    def refresh() -> None:
        """Apply accepted intake proposals as overlays (at start and after each review)."""
        regs.clear()
        regs.update(apply_overlays(base, accepted_overlays(DatabaseStore(engine))))

    refresh()
    audit = AuditLog(engine)
    app = FastAPI(
        title="exportctl",
        version=__version__,
        description="Export-control rules as code: licence outcomes with their legal trace.",
    )
    app.state.engine = engine
    app.state.regimes = regs
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    @app.exception_handler(ExportctlError)
    async def _domain_error(_request: Request, exc: ExportctlError) -> JSONResponse:
        suggestions = exc.suggestions if isinstance(exc, InputError) else []
        return JSONResponse(status_code=400, content={"error": str(exc), "suggestions": suggestions})

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return JSONResponse(
            status_code=422,
            content={"error": f"{where}: {first.get('msg')}" if where else str(first.get("msg")), "suggestions": []},
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            status_code=exc.status_code, content={"error": str(exc.detail), "suggestions": []}, headers=exc.headers
        )

    app.add_middleware(BodyLimit, default=MAX_BODY, uploads={"/v1/screen": max_upload_bytes})

    def key_of(x_api_key: str | None, authorization: str | None) -> KeyInfo | None:
        token = x_api_key or (
            authorization[7:] if authorization and authorization.lower().startswith("bearer ") else None
        )
        if token is None:
            return None
        info = authenticate(engine, token)
        if info is None:
            raise HTTPException(401, "invalid or revoked API key", headers={"WWW-Authenticate": "Bearer"})
        return info

    async def reader(
        x_api_key: Annotated[str | None, Header()] = None, authorization: Annotated[str | None, Header()] = None
    ) -> KeyInfo | None:
        info = key_of(x_api_key, authorization)
        if info is None and not open_reads:
            raise HTTPException(
                401, "an API key is required (X-API-Key header)", headers={"WWW-Authenticate": "Bearer"}
            )
        return info

    async def writer(
        x_api_key: Annotated[str | None, Header()] = None, authorization: Annotated[str | None, Header()] = None
    ) -> KeyInfo:
        info = key_of(x_api_key, authorization)
        if info is None:
            raise HTTPException(
                401, "a write API key is required (X-API-Key header)", headers={"WWW-Authenticate": "Bearer"}
            )
        if info.scope != "write":
            raise HTTPException(403, f"key {info.name!r} has scope {info.scope!r}; this endpoint needs 'write'")
        return info

    Reader = Annotated[KeyInfo | None, Depends(reader)]
    Writer = Annotated[KeyInfo, Depends(writer)]

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        return templates.TemplateResponse(
            request, "index.html", {"regimes": sorted(regs), "version": __version__, "bundle": bundle_version(regs)}
        )

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        import plotly

        return FileResponse(
            FilePath(plotly.__file__).parent / "package_data" / "plotly.min.js", media_type="application/javascript"
        )

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {
            "status": "ok",
            "version": __version__,
            "database": db.current_revision(engine),
            "regimes": {k: r.version for k, r in regs.items()},
            "bundle": bundle_version(regs),
        }

    @app.post("/v1/check", response_model=Determination, responses=ERRORS)
    async def check(body: CheckRequest, key: Reader) -> JSONResponse:
        d = determine_in(
            regs,
            body.exporter,
            body.destination,
            body.item,
            body.on,
            value=body.value,
            currency=body.currency,
            end_use=body.end_use,
            informed=body.informed,
            known_on=body.known_on,
            at=body.at,
        )
        audit_id = await asyncio.wrap_future(submit(engine, regs, body.model_dump(), d, "api", key.id if key else None))
        return JSONResponse(d.model_dump(mode="json", by_alias=True), headers={"X-Audit-Id": str(audit_id)})

    @app.post("/v1/screen", response_model=ScreenResponse, responses=ERRORS)
    async def screen(
        key: Reader,
        file: Annotated[UploadFile, File(description="CSV, Parquet or JSON Lines")],
        known_on: str | None = None,
    ) -> ScreenResponse:
        del key
        data = await file.read(max_upload_bytes + 1)
        if len(data) > max_upload_bytes:
            raise HTTPException(413, f"upload over {max_upload_bytes:,} bytes")
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
        from exportctl.engine.query import parse_date

        kday = parse_date(known_on, "knowledge date") if known_on else None
        results, rejects, summary = screen_frame(
            df.cast({c: pl.Utf8 for c in df.columns if df[c].dtype == pl.Null}), regs, kday
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
        )

    @app.get("/v1/status", response_model=StatusResult, responses=ERRORS)
    async def status(
        key: Reader,
        exporter: Annotated[str, Query(max_length=64)],
        country: Annotated[str, Query(max_length=128)],
        on: Annotated[str, Query(max_length=32)],
        known_on: Annotated[str | None, Query(max_length=32)] = None,
    ) -> StatusResult:
        del key
        return status_in(regs, exporter, country, on, known_on)

    @app.get("/v1/timeline", response_model=list[Interval], responses=ERRORS)
    async def timeline(
        key: Reader,
        exporter: Annotated[str, Query(max_length=64)],
        country: Annotated[str, Query(max_length=128)],
        known_on: Annotated[str | None, Query(max_length=32)] = None,
    ) -> list[Interval]:
        del key
        return timeline_in(regs, exporter, country, known_on)

    @app.get("/v1/diff", response_model=DiffResult, responses=ERRORS)
    async def diff(
        key: Reader,
        exporter: Annotated[str, Query(max_length=64)],
        start: Annotated[str, Query(max_length=32)],
        end: Annotated[str, Query(max_length=32)],
    ) -> DiffResult:
        del key
        return diff_in(regs, exporter, start, end)

    @app.get("/v1/items", responses=ERRORS)
    async def items(
        key: Reader,
        q: Annotated[str | None, Query(max_length=256)] = None,
        exporter: Annotated[str | None, Query(max_length=64)] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> list[dict[str, Any]]:
        del key
        chosen = [regime_for(regs, exporter)] if exporter else list(regs.values())
        found = [(r, e) for r in chosen for e in search_items(r, q)][:limit]
        return [
            {
                "jurisdiction": r.jurisdiction,
                "id": e.id,
                "title": e.title,
                "aliases": e.aliases,
                "kind": e.kind,
                "from": e.valid_from,
                "to": e.valid_to,
            }
            for r, e in found
        ]

    @app.get("/v1/measures", responses=ERRORS)
    async def measures(key: Reader, exporter: Annotated[str, Query(max_length=64)]) -> list[dict[str, Any]]:
        del key
        regime = regime_for(regs, exporter)
        rows = list(regime.measures.values())
        rows += [
            m for r in regs.values() if r is not regime for m in r.measures.values() if regime.jurisdiction in m.targets
        ]
        rows.sort(key=lambda m: (m.public_on or dt.date.min, m.id))
        return [m.model_dump(mode="json", by_alias=True) | {"public_on": m.public_on} for m in rows]

    @app.get("/v1/audit/verify", responses=ERRORS)
    def audit_verify(key: Reader) -> dict[str, Any]:
        del key
        v = audit.verify()
        return {"ok": v.ok, "rows": v.rows, "first_bad": v.first_bad, "reason": v.reason}

    @app.post("/v1/keys", status_code=201, responses=ERRORS)
    def new_key(body: KeyRequest, key: Writer) -> dict[str, Any]:
        del key
        key_id, token = create_key(engine, body.name, body.scope)
        return {"id": key_id, "name": body.name, "scope": body.scope, "key": token}

    @app.get("/v1/keys", responses=ERRORS)
    def keys(key: Writer) -> list[dict[str, Any]]:
        del key
        return list_keys(engine)

    @app.delete("/v1/keys/{key_id}", responses={**ERRORS, 404: {"model": ErrorBody}})
    def delete_key(key_id: int, key: Writer) -> dict[str, Any]:
        del key
        try:
            revoke_key(engine, str(key_id))
        except InputError as exc:
            raise HTTPException(404, str(exc)) from exc
        return {"revoked": key_id}

    @app.get("/v1/proposals", responses=ERRORS)
    async def proposals(key: Reader) -> list[dict[str, Any]]:
        """Measures found by intake, awaiting review."""
        del key
        from exportctl.intake.proposals import DatabaseStore, load_all

        return load_all(DatabaseStore(engine))

    @app.post("/v1/proposals/{proposal_id}/{decision}", responses={**ERRORS, 404: {"model": ErrorBody}})
    async def decide_proposal(
        proposal_id: Annotated[str, Path(max_length=64, pattern=r"^[a-z0-9-]+$")],
        decision: Literal["accept", "reject"],
        key: Writer,
    ) -> dict[str, Any]:
        """Accept (as an intake overlay) or reject a proposal; needs a write key."""
        from exportctl.intake.proposals import DatabaseStore, decide, get

        store = DatabaseStore(engine)
        try:
            get(proposal_id, store)
        except InputError as exc:
            raise HTTPException(404, str(exc)) from exc
        done = decide(proposal_id, "accepted" if decision == "accept" else "rejected", key.name, store)
        refresh()
        return {"id": proposal_id, "status": done["status"], "reviewer": key.name}

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn exportctl.api.app:app_from_env --factory``: settings from the environment."""
    import os

    return create_app(
        os.environ.get("EXPORTCTL_DATABASE_URL"), open_reads=os.environ.get("EXPORTCTL_OPEN_READS", "1") != "0"
    )
