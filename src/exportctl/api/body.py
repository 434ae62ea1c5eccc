"""Reading a JSON request body: one reader for the routes and the fast path, with errors that name the problem.

Why: FastAPI's own reading answered a body that is not JSON with ``0: JSON decode error``, a
body in another encoding with "There was an error parsing the body", a body sent as
``text/plain`` with a pydantic message about dictionaries and an empty body with "Field
required" naming no field; it let a repeated key pass (the last one won) and read ``1e3`` as the
float 1000.0, which the ``value`` field then took although ``check --value 1e3`` is refused. Here
every such body gets one JSON 4xx naming the problem, numbers with a fraction or an exponent
keep their text (:class:`~exportctl.engine.query.JsonNumber`) so that ``value`` is read as the
CLI reads the same characters, and ``NaN`` or ``Infinity`` (which Python's reader accepts and
JSON does not) are refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import HTTPException, Request, Response
from fastapi.routing import APIRoute

from exportctl.engine.query import JsonNumber

#: The media types a JSON body may be declared with (besides ``application/*+json``).
JSON_MEDIA = "application/json"


class DuplicateKey(ValueError):
    """A key given twice in one JSON object: which value is meant cannot be known."""


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise DuplicateKey(key)
        found[key] = value
    return found


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _long_integer(text: str) -> Any:
    # Past any amount's digits: kept as text, so that ``value`` says "at most ..." rather than
    # Python's integer-conversion limit failing the whole body.
    return JsonNumber(text) if len(text) > 30 else int(text)


_DECODER = json.JSONDecoder(
    object_pairs_hook=_object, parse_float=JsonNumber, parse_int=_long_integer, parse_constant=_constant
)


def is_json(content_type: str | None) -> bool:
    """Whether a Content-Type declares JSON: application/json or application/*+json, any parameters."""
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media == JSON_MEDIA or (media.startswith("application/") and media.endswith("+json"))


def check_content_type(content_type: str | None) -> None:
    """Refuse (415) a body not declared as JSON, naming what was declared."""
    if not is_json(content_type):
        got = f"got {content_type.split(';', 1)[0].strip()!r}" if content_type else "none was given"
        raise HTTPException(415, f"content type must be application/json ({got})")


def read_json(body: bytes) -> Any:
    """The body's JSON, or an ``HTTPException`` naming the problem: 400 for a body that is not
    UTF-8 or not JSON (with the position), 422 for a key given twice."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(
            400, f"request body must be UTF-8 JSON (byte 0x{body[exc.start]:02x} at position {exc.start} is not UTF-8)"
        ) from exc
    if text.startswith("\ufeff"):  # a byte order mark is no part of the JSON (RFC 8259 lets readers skip it)
        text = text[1:]
    try:
        return _DECODER.decode(text)
    except DuplicateKey as exc:
        raise HTTPException(422, f"key {exc.args[0]!r} is given twice in the JSON body; give it once") from exc
    except json.JSONDecodeError as exc:
        raise HTTPException(
            400,
            f"request body is not valid JSON: {exc.msg} at position {exc.pos} (line {exc.lineno}, column {exc.colno})",
        ) from exc
    except ValueError as exc:  # NaN, Infinity
        raise HTTPException(400, f"request body is not valid JSON: {exc}") from exc


class JsonRequest(Request):
    """A request whose ``json()`` is :func:`read_json` (FastAPI reads a route's body through it)."""

    async def json(self) -> Any:
        if not hasattr(self, "_read_json"):
            self._read_json = read_json(await self.body())
        return self._read_json


class JsonRoute(APIRoute):
    """A route whose JSON body is read by :func:`read_json`, and refused in clear words before FastAPI
    reads it when it is empty or not declared as JSON (FastAPI would then validate the raw bytes,
    or nothing, against the model and say "Field required" or speak of dictionaries)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        body_field = self.body_field
        if body_field is None:
            return handler
        required = _required_fields(body_field.field_info.annotation)

        async def read_then_handle(request: Request) -> Response:
            request = JsonRequest(request.scope, request.receive)
            body = await request.body()
            if not body:
                what = f" with {_listed(required)}" if required else ""
                raise HTTPException(422, f"request body is empty: send a JSON object{what}")
            check_content_type(request.headers.get("content-type"))
            return await handler(request)

        return read_then_handle


def _required_fields(model: Any) -> list[str]:
    fields = getattr(model, "model_fields", None)
    if not isinstance(fields, dict):
        return []
    return [field.alias or name for name, field in fields.items() if field.is_required()]


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
