"""``POST /v1/check`` without FastAPI's routing and dependency machinery: the same answer, in less time.

Why: a check is the service's one hot request. Its own work (the engine's remembered answer, the
JSON, the audit record) takes about a tenth of a millisecond, while FastAPI's route matching,
dependency solving and exception wrapping took three times that on every request (measured with
``benchmarks/load.py``; see docs/benchmarks.md). This middleware answers an ordinary check
itself, through the same code as the route (``routers.law.answer_check``: the same bytes, the same
audit record, acknowledged only once durable) and the same key and bundle reads (``deps.Fresh``).

Anything out of the ordinary (another path or method, a body that is not a JSON object the
``CheckQuery`` model accepts, a missing, unknown or revoked key, a question the engine refuses, a
database that cannot be read) is handed to the full application with the body replayed, so every
error keeps its one implementation and its one shape; the route stays the documented endpoint
(OpenAPI). It sits inside ``Guard`` and ``BodyLimit``, so the host check, the anonymous rate
limit and the body limit apply to it as to every request.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException
from pydantic import ValidationError

from exportctl.api.body import read_json
from exportctl.api.deps import Fresh
from exportctl.api.errors import database_error, domain_error
from exportctl.api.routers.law import answer_check, check_headers
from exportctl.errors import ExportctlError
from exportctl.service import CheckQuery, Service
from exportctl.store.keys import KeyInfo

PATH = "/v1/check"


def _replay(messages: list[dict[str, Any]], receive: Any, error: BaseException | None = None) -> Any:
    """A ``receive`` that gives the messages already read, then the error met reading, then the rest."""
    pending = list(messages)

    async def replayed() -> Any:
        if pending:
            return pending.pop(0)
        if error is not None:
            raise error
        return await receive()

    return replayed


def _json_body(headers: dict[bytes, bytes]) -> bool:
    """Whether the body is declared JSON: application/json or application/*+json.

    A body without a content type goes to the app, which reads it or not as its FastAPI version
    decides (newer versions refuse it: ``strict_content_type``).
    """
    kind = headers.get(b"content-type")
    if kind is None:
        return False
    media = kind.split(b";", 1)[0].strip().lower()
    return media == b"application/json" or (media.startswith(b"application/") and media.endswith(b"+json"))


class CheckFastPath:
    """Answer ordinary ``POST /v1/check`` requests directly; hand everything else to the app."""

    def __init__(self, app: Any, state: Any) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["path"] != PATH or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        messages: list[dict[str, Any]] = []
        chunks: list[bytes] = []
        try:
            while True:
                message = await receive()
                messages.append(message)
                if message["type"] != "http.request":  # the client went away: let the app see it
                    await self.app(scope, _replay(messages, receive), send)
                    return
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    break
        except Exception as exc:  # the body limit, counted as the body arrived: the app answers 413
            await self.app(scope, _replay(messages, receive, exc), send)
            return
        decided = await self._decide(scope, b"".join(chunks))
        if decided is None:
            await self.app(scope, _replay(messages, receive), send)
            return
        svc, query, key = decided
        try:
            d = svc.check(query)
        except Exception:  # a refusal (unknown item, bad date ...): the app answers it, in its words
            await self.app(scope, _replay(messages, receive), send)
            return
        try:
            payload, audit_id = await answer_check(self.state, svc, d, query, key)
        except ExportctlError as exc:
            await domain_error(exc)(scope, receive, send)
            return
        except sa.exc.DBAPIError as exc:  # the audit could not be written: nothing is acknowledged
            await database_error(exc)(scope, receive, send)
            return
        headers = [(b"content-length", str(len(payload)).encode("ascii")), (b"content-type", b"application/json")]
        headers += [
            (k.lower().encode("ascii"), v.encode("latin-1", "replace"))
            for k, v in check_headers(svc, d, query, audit_id).items()
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": payload})

    async def _decide(self, scope: Any, body: bytes) -> tuple[Service, CheckQuery, KeyInfo | None] | None:
        """The service, the query and the key for an ordinary request; None for anything else."""
        headers: dict[bytes, bytes] = {}
        for name, value in scope.get("headers") or []:
            headers.setdefault(name, value)  # the first of a repeated header, as Starlette reads it
        if not body or not _json_body(headers):
            return None
        try:
            # The route's own reader (api/body.py), not orjson: it keeps the text of 1e3 (refused as
            # the CLI refuses it) and refuses a repeated key, both of which orjson would let through.
            data = read_json(body)
            query = CheckQuery.model_validate(data) if isinstance(data, dict) else None
        except (HTTPException, ValidationError):
            return None
        if query is None:
            return None
        token = _token(headers)
        if token is None and not self.state.open_reads:
            return None
        fresh: Fresh = self.state.fresh
        try:
            state = await fresh.state()
            key = await fresh.key(state, token) if token is not None else None
        except Exception:  # the database: the app meets the same failure and answers 503
            return None
        if token is not None and key is None:  # unknown or revoked: the app answers 401
            return None
        return Service(state.bundle, self.state.store), query, key


def _token(headers: dict[bytes, bytes]) -> str | None:
    """The API key as the route reads it: ``X-API-Key``, else ``Authorization: Bearer``."""
    key = headers.get(b"x-api-key")
    if key:
        return key.decode("latin-1")
    authorization = headers.get(b"authorization", b"").decode("latin-1")
    if authorization.lower().startswith("bearer "):
        return authorization[7:]
    return None
