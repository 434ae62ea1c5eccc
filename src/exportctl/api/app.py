"""The exportctl service: a thin FastAPI shell over the same service layer as the CLI.

Routers (``api/routers``) hold the endpoints, one per concern; every one has a response model and
returns the same typed answer as the matching ``exportctl … --json``. Every determination is
recorded in the hash-chained audit log with its regime version and the API key that asked. Reads
may be open (``open_reads``); every endpoint that changes state needs a key with the ``write``
scope. Errors carry their status: 400 bad input, 404 not found, 503 storage unavailable.
"""

from pathlib import Path as FilePath
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel
from sqlalchemy.engine import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from exportctl import __version__
from exportctl.api.routers import admin, batch, law, proposals
from exportctl.bundle import BundleSource
from exportctl.errors import ExportctlError, InputError
from exportctl.intake.proposals import DatabaseStore
from exportctl.law.loader import load_regimes
from exportctl.law.regime import Regime
from exportctl.settings import Settings
from exportctl.store import db
from exportctl.store.audit import AuditLog

HERE = FilePath(__file__).parent
MAX_BODY = 64 * 1024


class BodyLimit:
    """Refuse bodies over the limit on the bytes actually received, whatever the framing.

    A declared ``Content-Length`` over the limit is refused before anything is read; a chunked
    (or lying) body is counted as it arrives and refused at the first byte over the limit, so an
    oversize body is never read whole. Plain ASGI: no per-request task overhead.
    """

    def __init__(self, app: Any, default: int, uploads: dict[str, int]) -> None:
        self.app, self.default, self.uploads = app, default, uploads

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.uploads.get(scope["path"], self.default)
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        if length.isdigit() and int(length) > limit:
            response = JSONResponse(
                status_code=413, content={"error": f"request body over {limit:,} bytes", "suggestions": []}
            )
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Any:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # FastAPI re-raises HTTPException from body parsing; the handler answers JSON 413.
                    raise HTTPException(413, f"request body over {limit:,} bytes")
            return message

        await self.app(scope, counted, send)


class Health(BaseModel):
    status: str
    version: str
    database: str | None
    regimes: dict[str, str]
    bundle: str
    overlays: list[str]


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
    store = DatabaseStore(engine)
    settings = Settings.from_env(database_url=database_url)
    source = BundleSource(settings, curated=regimes or load_regimes(settings.regimes_dir), store=store)
    app = FastAPI(
        title="exportctl",
        version=__version__,
        description="Export-control rules as code: licence outcomes with their legal trace.",
    )
    app.state.engine = engine
    app.state.store = store
    app.state.source = source
    app.state.audit = AuditLog(engine)
    app.state.open_reads = open_reads
    app.state.max_upload_bytes = max_upload_bytes
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    @app.exception_handler(ExportctlError)
    async def _domain_error(_request: Request, exc: ExportctlError) -> JSONResponse:
        suggestions = exc.suggestions if isinstance(exc, InputError) else []
        return JSONResponse(status_code=exc.status, content={"error": str(exc), "suggestions": suggestions})

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

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        bundle = source.current()
        return templates.TemplateResponse(
            request, "index.html", {"regimes": sorted(bundle.regimes), "version": __version__, "bundle": bundle.version}
        )

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        import plotly

        return FileResponse(
            FilePath(plotly.__file__).parent / "package_data" / "plotly.min.js", media_type="application/javascript"
        )

    @app.get("/healthz", response_model=Health)
    def healthz() -> Health:
        bundle = source.current()
        return Health(
            status="ok",
            version=__version__,
            database=db.current_revision(engine),
            regimes={k: r.version for k, r in bundle.regimes.items()},
            bundle=bundle.version,
            overlays=bundle.overlay_ids,
        )

    for router in (law.router, batch.router, proposals.router, admin.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def app_from_env() -> FastAPI:
    """For ``uvicorn exportctl.api.app:app_from_env --factory``: settings from the environment."""
    import os

    return create_app(
        os.environ.get("EXPORTCTL_DATABASE_URL"), open_reads=os.environ.get("EXPORTCTL_OPEN_READS", "1") != "0"
    )
