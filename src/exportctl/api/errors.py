"""The service's error bodies: one JSON shape, ``{"error": ..., "suggestions": [...]}``, for every 4xx/5xx.

Built here, not inside the app's exception handlers, because the fast path of ``POST /v1/check``
(``api/fastcheck.py``) answers outside FastAPI's exception handling and must give the same bytes.
"""

from __future__ import annotations

import sqlalchemy as sa
from fastapi.responses import JSONResponse

from exportctl.errors import ExportctlError, InputError, UnknownItem

#: How a client asks for the catch-all (:class:`~exportctl.errors.UnknownItem`), in the API's terms.
ASK_CATCH_ALL = f'"item": "{UnknownItem.CATCH_ALL}"'


def domain_error(exc: ExportctlError) -> JSONResponse:
    """A refusal by the law or the service: its status, its message and the nearest valid values."""
    suggestions = exc.suggestions if isinstance(exc, InputError) else []
    headers = {"Retry-After": "5"} if exc.status == 503 else None
    message = exc.said(ASK_CATCH_ALL) if isinstance(exc, UnknownItem) else str(exc)
    return JSONResponse(status_code=exc.status, content={"error": message, "suggestions": suggestions}, headers=headers)


def database_error(exc: sa.exc.DBAPIError) -> JSONResponse:
    """503: never the URL or the driver's message (they may name the host and user), the kind only."""
    return JSONResponse(
        status_code=503,
        content={"error": f"the database is unavailable ({type(exc.orig).__name__})", "suggestions": []},
        headers={"Retry-After": "5"},
    )
