"""The fast path of ``POST /v1/check`` answers exactly as the route does, and hands it everything else.

Two apps over two databases, one with the fast path and one without: every request below must get
the same status, the same body bytes and the same audit record from both; and ordinary checks
must really be answered by the fast path (else this would compare the route with itself).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exportctl.api import fastcheck
from exportctl.api.app import create_app
from exportctl.store.audit import AuditLog
from exportctl.store.keys import create_key, revoke_key

BODY = {"exporter": "JP", "destination": "KR", "item": "hydrogen fluoride", "on": "2020-01-15"}
JSON = {"content-type": "application/json"}

# (body bytes, extra headers, which key: "read" | "revoked" | "wrong" | None)
CASES: list[tuple[bytes, dict[str, str], str | None]] = [
    (json.dumps(BODY).encode(), JSON, "read"),
    (json.dumps({**BODY, "item": "resist", "destination": "South Korea"}).encode(), JSON, "read"),
    (
        json.dumps({**BODY, "exporter": "KR", "destination": "JP", "item": "1C350", "on": "2024-05-01"}).encode(),
        JSON,
        "read",
    ),
    (json.dumps({**BODY, "value": 500_000, "currency": "JPY", "end_use": "civil"}).encode(), JSON, "bearer"),
    (json.dumps({**BODY, "known_on": "2019-06-01", "at": "17:30"}).encode(), JSON, "read"),
    (  # a value in won on a Korean question: answered without it, with the X-Warning header (S27-4)
        json.dumps(
            {**BODY, "exporter": "KR", "destination": "US", "item": "kr:3B001", "value": 10**6, "currency": "KRW"}
        ).encode(),
        JSON,
        "read",
    ),
    (json.dumps({**BODY, "item": "unobtainium"}).encode(), JSON, "read"),  # 400 with suggestions
    (json.dumps({**BODY, "on": "2019-02-30"}).encode(), JSON, "read"),
    (json.dumps({**BODY, "colour": "red"}).encode(), JSON, "read"),  # 422
    (b"[1, 2]", JSON, "read"),
    (b"{not json", JSON, "read"),
    (b"", JSON, "read"),
    (b'{"exporter": "JP", "destination": "KR", "item": "HF", "on": "2020-01-15", "value": NaN}', JSON, "read"),
    (b'{"exporter": "JP", "destination": "KR", "item": "HF", "on": "2020-01-15", "value": 1e3}', JSON, "read"),
    (b'{"exporter": "JP", "destination": "KR", "item": "HF", "on": "2020-01-15", "on": "2020-01-16"}', JSON, "read"),
    (b'{"exporter": "JP", "destination": "KR", "item": "\xff"}', JSON, "read"),
    (json.dumps(BODY).encode(), {"content-type": "text/plain"}, "read"),
    (json.dumps(BODY).encode(), {}, "read"),  # no content type: as the FastAPI version decides
    (json.dumps(BODY).encode(), JSON, "revoked"),
    (json.dumps(BODY).encode(), JSON, "wrong"),
    (json.dumps(BODY).encode(), JSON, None),  # closed reads: 401
]


def _app(tmp_path: Path, name: str, fast: bool) -> tuple[TestClient, dict[str, str], AuditLog]:
    app = create_app(f"sqlite:///{tmp_path / name}", open_reads=False, fast_check=fast)
    engine = app.state.engine
    tokens = {"read": create_key(engine, "reader", "read")[1], "revoked": create_key(engine, "old", "read")[1]}
    revoke_key(engine, "old")
    return TestClient(app), tokens, app.state.audit


def _headers(extra: dict[str, str], key: str | None, tokens: dict[str, str]) -> dict[str, str]:
    headers = dict(extra)
    if key == "bearer":
        headers["Authorization"] = f"Bearer {tokens['read']}"
    elif key == "wrong":
        headers["X-API-Key"] = "exk_wrong"
    elif key is not None:
        headers["X-API-Key"] = tokens[key]
    return headers


def test_the_fast_path_answers_as_the_route_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answered: list[str] = []
    answer = fastcheck.answer_check

    async def counting(*args: Any) -> Any:
        answered.append(args[3].item)
        return await answer(*args)

    monkeypatch.setattr(fastcheck, "answer_check", counting)
    fast, fast_tokens, fast_audit = _app(tmp_path, "fast.db", True)
    route, route_tokens, route_audit = _app(tmp_path, "route.db", False)
    for body, extra, key in CASES:
        a = fast.post("/v1/check", content=body, headers=_headers(extra, key, fast_tokens))
        b = route.post("/v1/check", content=body, headers=_headers(extra, key, route_tokens))
        assert (a.status_code, a.content) == (b.status_code, b.content), (body, key)
        assert a.headers.get("content-type") == b.headers.get("content-type")
        assert a.headers.get("x-warning") == b.headers.get("x-warning")
        assert a.headers.get("x-audit-id") == b.headers.get("x-audit-id")
        if a.status_code == 200:
            x, y = fast_audit.get(int(a.headers["x-audit-id"])), route_audit.get(int(b.headers["x-audit-id"]))
            same = ("query", "answer", "regime_version", "channel")
            assert {k: x[k] for k in same} == {k: y[k] for k in same}
            assert (x["api_key_id"] is None) == (y["api_key_id"] is None)
    # The five ordinary checks were the fast path's; the rest went on to the app.
    assert answered == [json.loads(body)["item"] for body, _, _ in CASES[:6]]
    assert fast.get("/v1/audit/verify", headers={"X-API-Key": fast_tokens["read"]}).json()["ok"]


def test_the_fast_path_keeps_the_body_limit_and_the_rate_limit(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'limits.db'}", anonymous_checks_per_minute=3)
    client = TestClient(app)

    def chunks() -> Any:
        yield b'{"exporter": "JP", "destination": "KR", "item": "'
        for _ in range(80):
            yield b"x" * 1024
        yield b'", "on": "2020-01-15"}'

    r = client.post("/v1/check", content=chunks(), headers=JSON)  # chunked: no length declared
    assert r.status_code == 413 and "body over" in r.json()["error"]
    # The refused upload counted as one of the three anonymous checks of the minute.
    codes = [client.post("/v1/check", json=BODY).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
