"""The REST API in-process: same answers as the CLI, clear errors, keys, limits, uploads, audit."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from exportctl.api.app import create_app
from exportctl.cli import app as cli
from exportctl.store.keys import create_key


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(f"sqlite:///{tmp_path / 'api.db'}"))


BODY = {"exporter": "JP", "destination": "KR", "item": "hydrogen fluoride", "on": "2020-01-15"}


def test_check_matches_the_cli_json_and_is_audited(client: TestClient) -> None:
    r = client.post("/v1/check", json=BODY)
    assert r.status_code == 200
    cli_out = CliRunner().invoke(
        cli, ["check", "-e", "JP", "-t", "KR", "-i", "hydrogen fluoride", "--on", "2020-01-15", "--json"]
    )
    assert r.json() == json.loads(cli_out.stdout)
    assert r.headers["x-audit-id"] == "1"
    client.post("/v1/check", json={**BODY, "item": "resist"})
    assert client.get("/v1/audit/verify").json() == {"ok": True, "rows": 2, "first_bad": None, "reason": None}


TYPED_OPTIONS = ["--value", "５００", "--currency", "ｊｐｙ", "--end-use", "ＷＭＤ", "--json"]


def test_values_and_codes_typed_in_full_width_read_alike_in_the_api_and_the_cli(client: TestClient) -> None:
    """A value, currency and end use typed with a Japanese input method on (５００, ｊｐｙ, ＷＭＤ) are the
    ASCII query's, in the API and in the CLI alike (one reading: CheckQuery), and the batch reads them so too."""
    typed = {**BODY, "value": "５００", "currency": "ｊｐｙ", "end_use": "ＷＭＤ"}
    plain = {**BODY, "value": 500, "currency": "JPY", "end_use": "wmd"}
    a, b = client.post("/v1/check", json=typed), client.post("/v1/check", json=plain)
    assert a.status_code == b.status_code == 200 and a.json() == b.json()
    out = CliRunner().invoke(
        cli,
        ["check", "-e", "ＪＰ", "-t", "KR", "-i", "hydrogen fluoride", "--on", "2020-01-15", *TYPED_OPTIONS],
    )
    assert out.exit_code == 0 and json.loads(out.stdout) == a.json()
    bad = client.post("/v1/check", json={**BODY, "end_use": "ｂｏｍｂ"})
    assert bad.status_code == 422


def test_check_without_a_date_is_for_today_and_the_audit_says_so(client: TestClient) -> None:
    import datetime as dt

    body = {k: v for k, v in BODY.items() if k != "on"}
    r = client.post("/v1/check", json=body)
    assert r.status_code == 200 and r.json()["on"] == dt.date.today().isoformat()


@pytest.mark.parametrize(
    ("body", "code", "needle"),
    [
        ({**BODY, "destination": "Narnia"}, 400, "unknown country 'Narnia'"),
        ({**BODY, "item": "unobtainium"}, 400, "unknown item"),
        ({**BODY, "on": "2019-02-30"}, 400, "impossible shipment date"),
        ({**BODY, "exporter": "US"}, 400, "no export-control regime"),
        ({**BODY, "currency": "JPY"}, 400, "without a value"),
        ({**BODY, "end_use": "peaceful"}, 422, "end_use"),
        ({**BODY, "value": -1}, 422, "value"),
        ({**BODY, "colour": "red"}, 422, "colour"),
        ({"exporter": "JP"}, 422, "destination"),
    ],
)
def test_errors_are_json_with_the_right_code(
    client: TestClient, body: dict[str, object], code: int, needle: str
) -> None:
    r = client.post("/v1/check", json=body)
    assert r.status_code == code and needle in r.json()["error"]


def test_an_unknown_end_use_is_named_with_the_valid_ones_as_the_cli_names_it(client: TestClient) -> None:
    r = client.post("/v1/check", json={**BODY, "end_use": "wnd"})
    assert r.status_code == 422
    assert r.json() == {
        "error": "end_use: unknown end use 'wnd' (did you mean: wmd, conventional, civil?)",
        "suggestions": ["wmd", "conventional", "civil"],
    }
    assert client.post("/v1/check", json={**BODY, "end_use": "ＷＭＤ"}).status_code == 200


def test_limits_and_unknown_routes(client: TestClient) -> None:
    r = client.post("/v1/check", content=b"{" + b" " * 70_000 + b"}", headers={"content-type": "application/json"})
    assert r.status_code == 413 and "body over" in r.json()["error"]
    assert client.get("/v1/nowhere").status_code == 404


def test_read_endpoints(client: TestClient) -> None:
    assert client.get("/v1/status", params={"exporter": "JP", "country": "KR", "on": "2020-01-15"}).json()[
        "groups"
    ] == ["jp:B"]
    tl = client.get("/v1/timeline", params={"exporter": "KR", "country": "JP"}).json()["intervals"]
    assert any(r["group"] == "kr:Ga-2" and r["from"] == "2019-09-18" and r["to"] == "2023-04-28" for r in tl)
    d = client.get("/v1/diff", params={"exporter": "JP", "start": "2019-01-01", "end": "2020-01-01"}).json()
    assert any(m["country"] == "KR" for m in d["memberships"])
    assert client.get("/v1/items", params={"q": "photoresist"}).json()["items"][0]["id"] == "jp:7(19)"
    measures = client.get("/v1/measures", params={"exporter": "JP"}).json()["measures"]
    assert any(m["id"] == "kr-2023-03-ds590-withdrawn" for m in measures)
    assert client.get("/healthz").json()["status"] == "ok"
    assert (
        client.get("/v1/diff", params={"exporter": "JP", "start": "2020-01-01", "end": "2019-01-01"}).status_code == 400
    )
    assert "openapi" in client.get("/openapi.json").json()
    page = client.get("/")
    assert page.status_code == 200 and "check-form" in page.text
    assert client.get("/static/plotly.min.js").status_code == 200


def test_screen_upload(client: TestClient) -> None:
    csv = b"line_id,exporter,destination,item,ship_date\n1,JP,KR,resist,2020-01-15\n2,JP,KR,HF,2019-02-30\n"
    assert client.post("/v1/screen", files={"file": ("lines.csv", csv, "text/csv")}).status_code == 401
    _, token = create_key(client.app.state.engine, "screener", "read")  # type: ignore[attr-defined]
    client.headers["X-API-Key"] = token
    r = client.post("/v1/screen", files={"file": ("lines.csv", csv, "text/csv")})
    assert r.status_code == 200
    body = r.json()
    assert body["summary"] == {"rows_in": 2, "screened": 1, "rejected": 1, "licence_required": 1}
    assert body["results"][0]["routes"] == ["individual", "specific_bulk"]
    assert "impossible ship_date" in body["rejects"][0]["error"]
    buf = io.BytesIO()
    pl.DataFrame(
        {
            "line_id": ["1"],
            "exporter": ["KR"],
            "destination": ["JP"],
            "item": ["sensitive"],
            "ship_date": ["2020-01-15"],
        }
    ).write_parquet(buf)
    r = client.post("/v1/screen", files={"file": ("lines.parquet", buf.getvalue(), "application/octet-stream")})
    assert r.json()["results"][0]["destination_groups"] == ["kr:Ga-2"]
    assert (
        client.post("/v1/screen", files={"file": ("x.parquet", b"not parquet", "application/octet-stream")}).status_code
        == 400
    )
    assert client.post("/v1/screen", files={"file": ("x.xlsx", b"...", "application/octet-stream")}).status_code == 400
    r = client.post("/v1/screen", files={"file": ("x.csv", b"a,b\n1,2\n", "text/csv")})
    assert r.status_code == 400 and "lacks required column" in r.json()["error"]


def test_a_screen_is_a_bounded_audited_job(tmp_path: Path) -> None:
    from exportctl.api.routers import batch
    from exportctl.store.audit import AuditLog

    app = create_app(f"sqlite:///{tmp_path / 'job.db'}", max_screen_rows=3)
    client = TestClient(app)
    _, token = create_key(app.state.engine, "screener", "read")
    client.headers["X-API-Key"] = token
    rows = b"".join(b"%d,JP,KR,resist,2020-01-15\n" % i for i in range(3))
    csv = b"line_id,exporter,destination,item,ship_date\n" + rows
    r = client.post("/v1/screen", params={"limit": 2, "offset": 1}, files={"file": ("l.csv", csv, "text/csv")})
    body = r.json()
    assert r.status_code == 200 and body["total"] == 3 and [x["line_id"] for x in body["results"]] == ["1", "2"]
    record = AuditLog.record(AuditLog(app.state.engine).get(body["audit_id"]))
    assert record["channel"] == "api-screen" and record["query"]["input_sha256"] == body["input_sha256"]
    assert record["answer"]["results_sha256"] == body["results_sha256"] and AuditLog(app.state.engine).verify().ok
    too_many = csv + b"9,JP,KR,resist,2020-01-15\n"
    r = client.post("/v1/screen", files={"file": ("l.csv", too_many, "text/csv")})
    assert r.status_code == 413 and "at most 3" in r.json()["error"]
    assert batch.SLOTS.acquire(blocking=False)  # another screen is running
    try:
        r = client.post("/v1/screen", files={"file": ("l.csv", csv, "text/csv")})
        assert r.status_code == 429 and r.headers["Retry-After"] == "5"
    finally:
        batch.SLOTS.release()


def test_keys_scopes_and_closed_reads(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    app = create_app(url, open_reads=False)
    client = TestClient(app)
    assert client.post("/v1/check", json=BODY).status_code == 401
    _, read = create_key(app.state.engine, "reader", "read")
    _, write = create_key(app.state.engine, "admin", "write")
    assert client.post("/v1/check", json=BODY, headers={"X-API-Key": read}).status_code == 200
    assert client.post("/v1/check", json=BODY, headers={"Authorization": f"Bearer {read}"}).status_code == 200
    assert client.post("/v1/check", json=BODY, headers={"X-API-Key": "exk_wrong"}).status_code == 401
    assert client.post("/v1/keys", json={"name": "x"}, headers={"X-API-Key": read}).status_code == 403
    made = client.post("/v1/keys", json={"name": "new", "scope": "read"}, headers={"X-API-Key": write})
    assert made.status_code == 201 and made.json()["key"].startswith("exk_")
    assert client.delete(f"/v1/keys/{made.json()['id']}", headers={"X-API-Key": write}).status_code == 200
    assert client.post("/v1/check", json=BODY, headers={"X-API-Key": made.json()["key"]}).status_code == 401
    rows = client.get("/v1/audit/verify", headers={"X-API-Key": read}).json()
    assert rows["ok"] and rows["rows"] == 2


def test_proposal_review_needs_a_write_key(tmp_path: Path) -> None:
    from exportctl.intake.proposals import DatabaseStore, save

    app = create_app(f"sqlite:///{tmp_path / 'p.db'}")
    proposal = {
        "id": "jp-intake-test1",
        "status": "pending",
        "stage": "decided",
        "created": "2026-11-23T00:00:00",
        "measure": {"id": "jp-intake-test1", "title": "t", "authority": "JP", "kind": "administrative"},
        "provenance": {"corroboration": 1},
    }
    save(proposal, DatabaseStore(app.state.engine))
    client = TestClient(app)
    assert [p["id"] for p in client.get("/v1/proposals").json()["proposals"]] == ["jp-intake-test1"]
    assert client.post("/v1/proposals/jp-intake-test1/accept").status_code == 401
    _, read = create_key(app.state.engine, "reader", "read")
    _, write = create_key(app.state.engine, "reviewer", "write")
    assert client.post("/v1/proposals/jp-intake-test1/accept", headers={"X-API-Key": read}).status_code == 403
    r = client.post("/v1/proposals/jp-intake-test1/accept", headers={"X-API-Key": write})
    assert r.status_code == 200
    assert (r.json()["id"], r.json()["status"], r.json()["reviewer"]) == ("jp-intake-test1", "accepted", "reviewer")
    assert client.post("/v1/proposals/jp-intake-test1/reject", headers={"X-API-Key": write}).status_code == 400
    assert client.post("/v1/proposals/nope/accept", headers={"X-API-Key": write}).status_code == 404


def test_accepting_a_group_change_that_changes_nothing_warns_as_the_cli_does(tmp_path: Path) -> None:
    """The CLI's ``proposals accept`` warned that removing PH from jp:A (where it never was) changes
    no answer; ``POST /v1/proposals/{id}/accept`` said nothing. Both now ask the service."""
    from exportctl.intake.proposals import DatabaseStore, save

    app = create_app(f"sqlite:///{tmp_path / 'p.db'}")
    overlay = {"action": "remove_from_group", "group": "jp:A", "targets": ["PH", "KR"], "effective": "2027-01-15"}
    measure = {"id": "jp-intake-idle", "title": "t", "authority": "JP", "kind": "group_amendment"}
    proposal = {"id": "jp-intake-idle", "status": "pending", "stage": "decided", "created": "2026-12-05T00:00:00"}
    save({**proposal, "measure": measure, "overlay": overlay}, DatabaseStore(app.state.engine))
    _, write = create_key(app.state.engine, "reviewer", "write")
    client = TestClient(app)
    r = client.post("/v1/proposals/jp-intake-idle/accept", headers={"X-API-Key": write})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "accepted"
    assert r.json()["warnings"] == ["PH is not in jp:A on 2027-01-15, so removing it has no effect: check the proposal"]
    # The warnings belong to the decision, not to the proposal listed later (no empty list there).
    listed = client.get("/v1/proposals", headers={"X-API-Key": write}).json()["proposals"]
    assert [p["id"] for p in listed] == ["jp-intake-idle"] and "warnings" not in listed[0]


def test_chunked_bodies_are_counted_not_trusted(client: TestClient) -> None:
    """A body without Content-Length (chunked) is refused at the limit, not read whole."""
    sent = 0

    def chunks() -> Iterator[bytes]:
        nonlocal sent
        yield b'{"exporter": "JP", "destination": "KR", "item": "'
        for _ in range(10_000):
            sent += 16_384
            yield b"x" * 16_384

    r = client.post("/v1/check", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and "body over" in r.json()["error"]


def test_a_chunked_body_over_the_limit_is_refused_on_the_wire(tmp_path: Path) -> None:
    """On a live server: 413 arrives while the client is still sending, so the body is never read whole."""
    import socket
    import time

    from tests.live import live_server

    with live_server(f"sqlite:///{tmp_path / 'live.db'}") as base:
        host, port = base.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as s:
            s.sendall(
                b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n"
            )
            chunk = b"x" * 65_536
            sent, answer = 0, b""
            s.settimeout(0.05)
            deadline = time.monotonic() + 10
            while sent < 400 * 1024 * 1024 and time.monotonic() < deadline:
                try:
                    s.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
                    answer += s.recv(4096)
                except (TimeoutError, BlockingIOError):
                    continue
                except OSError:
                    break
                if answer:
                    break
            if not answer:
                s.settimeout(5)
                answer = s.recv(4096)
        assert answer.startswith(b"HTTP/1.1 413") and sent < 8 * 1024 * 1024, (answer[:60], sent)


def test_foreign_hosts_and_cross_site_writes_are_refused(tmp_path: Path) -> None:
    """DNS rebinding (a foreign Host) and a cross-site POST from a page on another origin are refused."""
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'g.db'}", allowed_hosts=["exportctl.example"]))
    body = BODY
    assert client.get("/healthz", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/healthz", headers={"host": "exportctl.example:8443"}).status_code == 200
    refused = client.post("/v1/check", json=body, headers={"origin": "https://attacker.example"})
    assert refused.status_code == 403 and "origin" in refused.json()["error"]
    assert client.post("/v1/check", json=body, headers={"origin": "http://127.0.0.1:8000"}).status_code == 200
    assert client.post("/v1/check", json=body).status_code == 200  # no Origin: not a browser, allowed


def test_anonymous_checks_are_rate_limited_per_address(tmp_path: Path) -> None:
    """Every check is audited, so anonymous callers are limited; a key holder is not."""
    app = create_app(f"sqlite:///{tmp_path / 'r.db'}", anonymous_checks_per_minute=3)
    client = TestClient(app)
    body = BODY
    assert [client.post("/v1/check", json=body).status_code for _ in range(4)] == [200, 200, 200, 429]
    limited = client.post("/v1/check", json=body)
    assert limited.headers["retry-after"] == "60" and "API key" in limited.json()["error"]
    _, key = create_key(app.state.engine, "broker", "read")
    assert client.post("/v1/check", json=body, headers={"x-api-key": key}).status_code == 200
    assert client.post("/v1/check", json=body, headers={"x-api-key": "forged"}).status_code == 401


HOSTILE_COLUMNS: dict[str, Any] = {
    "item_as_list": {"item": [["hydrogen fluoride"]]},
    "value_past_int64": {"value": pl.Series([10**19], dtype=pl.UInt64)},
    "value_as_list": {"value": [[1, 2]]},
    "item_as_bytes": {"item": [b"\x00\xff"]},
    "destination_as_struct": {"destination": [{"a": 1}]},
    "date_as_float": {"ship_date": [1.5]},
    "value_nan": {"value": [float("nan")]},
    "exporter_as_int": {"exporter": [5]},
}


@pytest.mark.parametrize("case", sorted(HOSTILE_COLUMNS))
def test_no_hostile_upload_gives_a_5xx(tmp_path: Path, case: str) -> None:
    """Wrongly typed Parquet columns: a JSON 4xx naming the column, or a reject naming the line."""
    app = create_app(f"sqlite:///{tmp_path / 'h.db'}")
    client = TestClient(app, raise_server_exceptions=False)
    _, token = create_key(app.state.engine, "h", "read")
    row: dict[str, Any] = {
        "line_id": ["L1"],
        "exporter": ["JP"],
        "destination": ["KR"],
        "item": ["hydrogen fluoride"],
        "ship_date": ["2020-01-01"],
    }
    row.update(HOSTILE_COLUMNS[case])
    buffer = io.BytesIO()
    pl.DataFrame(row).write_parquet(buffer)
    r = client.post("/v1/screen", files={"file": ("x.parquet", buffer.getvalue())}, headers={"X-API-Key": token})
    assert r.status_code < 500, r.text
    body = r.json()
    if r.status_code == 200:
        assert (
            body["summary"]["rejected"] == 1 and body["rejects"][0]["line_id"] == "L1" and body["rejects"][0]["error"]
        )
    else:
        column = next(iter(HOSTILE_COLUMNS[case]))
        assert r.status_code == 400 and repr(column) in body["error"]


def test_a_database_outage_is_a_json_503_without_the_url(database_url: str) -> None:
    """The database gone (PostgreSQL database dropped, SQLite file overwritten): JSON 503, Retry-After."""
    import sqlalchemy as sa

    app = create_app(database_url)
    client = TestClient(app, raise_server_exceptions=False)
    assert client.post("/v1/check", json=BODY).status_code == 200
    app.state.engine.dispose()
    if database_url.startswith("sqlite"):
        Path(database_url.removeprefix("sqlite:///")).write_bytes(b"this is not a database" * 100)
    else:
        base, name = database_url.rsplit("/", 1)
        admin = sa.create_engine(base + "/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()
    answers = [client.post("/v1/check", json=BODY)]
    if not database_url.startswith("sqlite"):  # an overwritten SQLite file is a finding of verify instead
        answers.append(client.get("/v1/audit/verify"))
    for r in answers:
        assert r.status_code == 503, r.text
        assert r.headers["retry-after"] and "unavailable" in r.json()["error"]
        assert database_url.rsplit("/", 1)[-1] not in r.text


def test_uploads_are_read_as_the_command_line_reads_files(client: TestClient, tmp_path: Path) -> None:
    """Shift_JIS and EUC-KR CSVs, a workbook, and a line that cannot be decoded (a reject with its number)."""
    _, token = create_key(client.app.state.engine, "screener-cjk", "read")  # type: ignore[attr-defined]
    client.headers["X-API-Key"] = token
    text = "line_id,exporter,destination,item,ship_date\n1,日本,韓国,フッ化水素,2020-01-15\n"
    r = client.post("/v1/screen", files={"file": ("注文.csv", text.encode("cp932"), "text/csv")})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["encoding"] == "cp932" and body["summary"]["screened"] == 1
    assert body["results"][0]["routes"] == ["individual"]
    korean = "line_id,exporter,destination,item,ship_date\n1,한국,일본,sensitive,2020-01-15\n"
    r = client.post("/v1/screen", files={"file": ("주문.csv", korean.encode("cp949"), "text/csv")})
    assert r.status_code == 200 and r.json()["encoding"] == "cp949", r.text
    assert r.json()["results"][0]["destination_groups"] == ["kr:Ga-2"]
    broken = text.encode("cp932") + b"2,JP,KR,\x81\xff,2020-01-15\n" + "3,JP,CN,HF,2020-01-15\n".encode("cp932")
    r = client.post("/v1/screen", params={"encoding": "shift_jis"}, files={"file": ("o.csv", broken, "text/csv")})
    body = r.json()
    assert r.status_code == 200 and body["summary"] == {
        "rows_in": 3,
        "screened": 2,
        "rejected": 1,
        "licence_required": 2,
    }
    assert body["rejects"][0]["error"].startswith("line 3: not valid cp932")
    book = tmp_path / "book.xlsx"
    pl.DataFrame(
        {"line_id": ["1"], "exporter": ["JP"], "destination": ["KR"], "item": ["HF"], "ship_date": ["2020-01-15"]}
    ).write_excel(book)
    r = client.post("/v1/screen", files={"file": ("book.xlsx", book.read_bytes(), "application/octet-stream")})
    assert r.status_code == 200 and r.json()["summary"]["screened"] == 1, r.text
    r = client.post("/v1/screen", params={"sheet": "Nope"}, files={"file": ("book.xlsx", book.read_bytes(), "x")})
    assert r.status_code == 400 and "book.xlsx" in r.json()["error"] and "upload" not in r.json()["error"]
