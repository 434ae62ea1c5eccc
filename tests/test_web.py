"""The web page's server side, in-process: languages, permalinks, views, screening, offline docs, paging.

The real-browser checks (layout at 400 px, the page in three languages, screenshots) are in
``tests/test_browser.py``; these are the fast ones that hold the contracts the page relies on.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exportctl.api.app import HERE, LANGUAGES, create_app, page_language


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"))


def _strings(code: str) -> dict[str, str]:
    return dict(json.loads((HERE / "static" / "i18n" / f"{code}.json").read_text("utf-8")))


def test_every_word_of_the_page_is_in_every_language() -> None:
    tables = {code: _strings(code) for code in LANGUAGES}
    for code, table in tables.items():
        assert set(table) == set(tables["en"]), code
        assert all(v.strip() for v in table.values()), code
        for key, text in table.items():  # the same placeholders, so no answer loses a number
            assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", tables["en"][key])), (code, key)
    js = (HERE / "static" / "app.js").read_text("utf-8")
    used = set(re.findall(r"""\bT\("(\w+)\"""", js))
    for args in re.findall(r"""\bth\(((?:"\w+",?\s*)+)\)""", js):
        used |= set(re.findall(r'"(\w+)"', args))
    used |= set(re.findall(r"\bt\.(\w+)", (HERE / "templates" / "index.html").read_text("utf-8")))
    assert used and used <= set(tables["en"]), sorted(used - set(tables["en"]))


@pytest.mark.parametrize(
    ("asked", "header", "expected"),
    [
        ("ko", "ja-JP,ja;q=0.9", ("ko", "param")),
        (None, "ja-JP,ja;q=0.9,en;q=0.8", ("ja", "header")),
        (None, "fr-FR, en;q=0.5, ko;q=0.9", ("ko", "header")),
        (None, "de", ("en", "default")),
        ("xx", "", ("en", "default")),
    ],
)
def test_the_language_comes_from_lang_then_accept_language(
    asked: str | None, header: str, expected: tuple[str, str]
) -> None:
    assert page_language(asked, header) == expected


@pytest.mark.parametrize(("code", "word"), [("en", "Check a shipment"), ("ja", "輸出の判定"), ("ko", "수출 판정")])
def test_the_page_speaks_the_chosen_language(client: TestClient, code: str, word: str) -> None:
    r = client.get("/", params={"lang": code})
    assert r.status_code == 200 and r.headers["content-language"] == code
    assert f'<html lang="{code}"' in r.text and word in r.text
    r = client.get("/", headers={"Accept-Language": f"{code};q=1"})
    assert word in r.text


def test_a_permalink_fills_the_check_form_escaped(client: TestClient) -> None:
    query = {"view": "check", "exporter": "JP", "destination": "KR", "item": 'HF"><script>x()</script>'}
    r = client.get("/", params={**query, "on": "2019-07-04", "at": "18:00", "end_use": "civil", "informed": "1"})
    page = r.text
    assert 'value="HF&#34;&gt;&lt;script&gt;x()&lt;/script&gt;"' in page and "<script>x()" not in page
    assert 'id="on" type="date" value="2019-07-04"' in page and 'value="18:00"' in page
    assert '<option value="civil" selected>civil</option>' in page and 'id="informed" checked' in page
    other = client.get("/", params={"view": "timeline", "item": "HF"}).text  # another view's link leaves it alone
    assert 'id="item" list="item-suggestions" placeholder="hydrogen fluoride, photoresist, row 7..." value=""' in other


def test_the_measures_and_groups_views_read_what_the_page_shows(client: TestClient) -> None:
    """The views draw these documents: groups in force on a day, measures with their dated stages."""
    groups = client.get("/v1/groups", params={"exporter": "JP", "on": "2020-01-15"}).json()["groups"]
    in_force = {g["group"]: {m["country"] for m in g["members"]} for g in groups}
    assert "KR" in in_force["jp:B"] and "KR" not in in_force["jp:A"]
    later = client.get("/v1/groups", params={"exporter": "JP", "on": "2024-01-01"}).json()["groups"]
    assert "KR" in {m["country"] for g in later if g["group"] == "jp:A" for m in g["members"]}
    measures = {m["id"]: m for m in client.get("/v1/measures", params={"exporter": "JP"}).json()["measures"]}
    three = measures["jp-2019-07-three-items"]
    assert three["effective"]["date"] == "2019-07-04" and three["kind"] == "licensing_policy"
    assert three["targets"] == ["KR"] and three["effective"]["source"]


def test_the_timeline_reaches_today_and_its_markers_are_in_the_measures(client: TestClient) -> None:
    """The chart's bands run to the open end of the last interval; its markers come from /v1/measures."""
    intervals = client.get("/v1/timeline", params={"exporter": "JP", "country": "KR"}).json()["intervals"]
    last = max((i for i in intervals if i["group"] in ("jp:A", "jp:B")), key=lambda i: i["from"])
    assert last["group"] == "jp:A" and last["to"] is None  # open: drawn up to today
    by_id = {m["id"]: m for m in client.get("/v1/measures", params={"exporter": "KR"}).json()["measures"]}
    withdrawn = by_id["kr-2023-03-ds590-withdrawn"]
    assert withdrawn["kind"] == "wto_dispute" and "JP" in withdrawn["targets"]
    assert withdrawn["effective"]["date"] == "2023-03-23"


def test_screening_as_the_page_asks_for_it(client: TestClient) -> None:
    """The page sends the file with a key and limit=100000, and fetches later pages with an offset."""
    from exportctl.store.keys import create_key

    lines = b"".join(b"%d,JP,KR,hydrogen fluoride,2020-01-15\n" % i for i in range(5))
    csv = b"line_id,exporter,destination,item,ship_date\n" + lines + b"x,JP,Narnia,HF,2020-01-15\n"
    files = {"file": ("lines.csv", csv, "text/csv")}
    r = client.post("/v1/screen", params={"offset": 0, "limit": 100_000}, files=files)
    assert r.status_code == 401 and "API key" in r.json()["error"]
    _, token = create_key(client.app.state.engine, "page", "read")  # type: ignore[attr-defined]
    key = {"X-API-Key": token}
    whole = client.post("/v1/screen", params={"offset": 0, "limit": 100_000}, files=files, headers=key).json()
    assert whole["total"] == 5 and len(whole["results"]) == 5 and whole["rejects"][0]["line_id"] == "x"
    rest = client.post("/v1/screen", params={"offset": 3, "limit": 100_000}, files=files, headers=key).json()
    assert [r["line_id"] for r in rest["results"]] == ["3", "4"] and rest["results_sha256"] == whole["results_sha256"]
    # The page checks the digest over the results as JSON Lines, as JSON.stringify writes them.
    jsonl = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in whole["results"])
    assert hashlib.sha256(jsonl.encode("utf-8")).hexdigest() == whole["results_sha256"]


def test_api_docs_load_nothing_from_elsewhere(client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        sources = re.findall(r"""(?:src|href)=["']([^"']+)""", html)
        assert sources and all(s.startswith("/") for s in sources), sources
        assert "fonts.googleapis" not in html and "cdn." not in html
        for asset in (s for s in sources if s.startswith("/docs-assets/")):
            r = client.get(asset)
            assert r.status_code == 200 and len(r.content) > 1000, asset
            assert b"https://cdn." not in r.content, asset  # nor do the scripts fetch from a CDN


def test_openapi_declares_the_key_scheme(client: TestClient, tmp_path: Path) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["ApiKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "A key from `exportctl keys create`",
    }
    paths = schema["paths"]
    required: list[dict[str, list[str]]] = [{"ApiKey": []}, {"Bearer": []}]
    assert paths["/v1/screen"]["post"]["security"] == required
    assert paths["/v1/keys"]["get"]["security"] == required
    assert paths["/v1/proposals/{proposal_id}/{decision}"]["post"]["security"] == required
    assert paths["/v1/measures"]["get"]["security"] == [*required, {}]  # reads are open on this server
    assert "security" not in paths["/healthz"]["get"]
    headers = [
        p["name"].lower()
        for ops in paths.values()
        for op in ops.values()
        for p in op.get("parameters", [])
        if p["in"] == "header"
    ]
    assert "x-api-key" not in headers and "authorization" not in headers
    closed = TestClient(create_app(f"sqlite:///{tmp_path / 'closed.db'}", open_reads=False))
    assert closed.get("/openapi.json").json()["paths"]["/v1/measures"]["get"]["security"] == required


def test_long_lists_page_with_offset_and_limit(client: TestClient) -> None:
    from exportctl.store.keys import create_key

    whole = client.get("/v1/measures", params={"exporter": "JP"})
    every = whole.json()["measures"]
    assert int(whole.headers["x-total-count"]) == len(every) > 20
    page = client.get("/v1/measures", params={"exporter": "JP", "offset": 10, "limit": 5})
    assert page.json()["measures"] == every[10:15] and page.headers["x-total-count"] == str(len(every))
    items = client.get("/v1/items", params={"exporter": "JP", "limit": 100}).json()
    second = client.get("/v1/items", params={"exporter": "JP", "offset": 5, "limit": 3}).json()
    assert second["items"] == items["items"][5:8] and second["total"] == items["total"]
    assert client.get("/v1/items", params={"offset": -1}).status_code == 422
    props = client.get("/v1/proposals", params={"offset": 0, "limit": 1})
    assert props.status_code == 200 and props.headers["x-total-count"] == str(
        len(client.get("/v1/proposals").json()["proposals"])
    )

    _, write = create_key(client.app.state.engine, "admin", "write")  # type: ignore[attr-defined]
    key = {"X-API-Key": write}
    for n in range(3):
        client.post("/v1/check", json={"exporter": "JP", "destination": "KR", "item": "resist", "on": f"2020-01-1{n}"})
    assert client.get("/v1/audit").status_code == 401
    audit = client.get("/v1/audit", params={"offset": 1, "limit": 2}, headers=key).json()
    assert audit["total"] >= 3 and audit["offset"] == 1 and [r["id"] for r in audit["records"]] == [2, 3]
    assert all(r["query"] and r["answer"] and len(r["row_hash"]) == 64 for r in audit["records"])
    keys = client.get("/v1/keys", params={"limit": 1}, headers=key)
    assert len(keys.json()) == 1 and int(keys.headers["x-total-count"]) >= 2


def test_screen_results_as_json_lines_are_the_cli_s_file(client: TestClient, tmp_path: Path) -> None:
    """``download=jsonl`` (the README lists JSON Lines downloads) is the file ``exportctl screen
    --lists`` writes for a ``.jsonl`` output, byte for byte: the same answer and audit columns
    (warning kinds, resolved item and country, bundle version) as the command line gives."""
    from typer.testing import CliRunner

    from exportctl.cli import app
    from exportctl.store.keys import create_key

    _, token = create_key(client.app.state.engine, "jsonl", "read")  # type: ignore[attr-defined]
    text = "line_id,exporter,destination,item,ship_date\n1,JP,KR,resist,2020-01-15\n2,JP,韓国,フッ化水素,2019-07-02\n"
    files = {"file": ("orders.csv", text.encode("utf-8"), "text/csv")}
    key = {"X-API-Key": token}
    got = client.post("/v1/screen", params={"download": "jsonl"}, files=files, headers=key)
    assert got.status_code == 200 and got.headers["content-type"].startswith("application/x-ndjson")
    assert "filename*=UTF-8''orders.screened.jsonl" in got.headers["content-disposition"]
    src, out = tmp_path / "orders.csv", tmp_path / "out.jsonl"
    src.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["screen", str(src), "-o", str(out), "--lists"])
    assert result.exit_code == 0, result.output
    assert got.content == out.read_bytes()
    page = client.post("/v1/screen", files=files, headers=key).json()
    line2 = page["results"][1]
    assert line2["item_id"] and line2["destination_iso"] == "KR" and line2["bundle_version"] == page["bundle_version"]
    assert "pending_change" in line2["warning_kinds"]
    assert [r["line_id"] for r in map(json.loads, got.text.splitlines())] == ["1", "2"]


def test_screen_results_download_as_csv_and_excel(client: TestClient) -> None:
    """``download=csv|xlsx``: every result in one file, written by the batch layer's writer."""
    import io

    import polars as pl

    from exportctl.store.keys import create_key

    _, token = create_key(client.app.state.engine, "excel", "read")  # type: ignore[attr-defined]
    rows = (
        b"".join(b"%d,JP,KR,hydrogen fluoride,2020-01-15\n" % i for i in range(3)) + b"=1+1,JP,KR,resist,2024-01-01\n"
    )
    files = {"file": ("出荷.csv", b"line_id,exporter,destination,item,ship_date\n" + rows, "text/csv")}
    key = {"X-API-Key": token}
    page = client.post("/v1/screen", files=files, headers=key).json()
    xlsx = client.post("/v1/screen", params={"download": "xlsx"}, files=files, headers=key)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"  # a zip: the .xlsx container
    assert xlsx.headers["x-results-sha256"] == page["results_sha256"] and xlsx.headers["x-total-count"] == "4"
    assert "filename*=UTF-8''%E5%87%BA%E8%8D%B7.screened.xlsx" in xlsx.headers["content-disposition"]
    sheet = pl.read_excel(io.BytesIO(xlsx.content), infer_schema_length=0)
    assert sheet.height == 4 and sheet["line_id"].to_list()[-1] == "=1+1"  # a text cell, never a formula
    assert sheet["routes"][0] == "individual"
    csv = client.post("/v1/screen", params={"download": "csv"}, files=files, headers=key)
    assert csv.headers["content-type"].startswith("text/csv") and csv.content.startswith(b"\xef\xbb\xbfline_id,")
    assert b"\n'=1+1,JP,KR,resist," in csv.content
    assert client.post("/v1/screen", params={"download": "pdf"}, files=files, headers=key).status_code == 422


def test_the_check_form_opens_on_today(client: TestClient) -> None:
    """A fixed past day in the form answered that day's law to whoever did not change it (S27-1)."""
    import datetime as dt

    page = client.get("/").text
    assert f'id="on" type="date" value="{dt.date.today().isoformat()}"' in page
    assert "2020-01-15" not in page
    linked = client.get("/", params={"on": "2019-07-04", "item": "HF"}).text
    assert 'id="on" type="date" value="2019-07-04"' in linked


def test_a_download_says_what_was_rejected_and_the_rejects_download_apart(client: TestClient) -> None:
    """The results download lost the rejected lines without a word (S27-3): its headers count them, and
    ``part=rejects`` downloads them, each with its line and reason, as the CLI's OUTPUT.rejects.EXT."""
    import io

    import polars as pl

    from exportctl.store.keys import create_key

    _, token = create_key(client.app.state.engine, "rejects", "read")  # type: ignore[attr-defined]
    text = "line_id,exporter,destination,item,ship_date\n1,JP,KR,resist,2020-01-15\n2,JP,Narnia,HF,2020-01-15\n"
    files = {"file": ("orders.csv", text.encode("utf-8"), "text/csv")}
    key = {"X-API-Key": token}
    results = client.post("/v1/screen", params={"download": "csv"}, files=files, headers=key)
    assert results.headers["x-rows-in"] == "2" and results.headers["x-rejected"] == "1"
    assert results.headers["x-total-count"] == "1"
    rejects = client.post("/v1/screen", params={"download": "csv", "part": "rejects"}, files=files, headers=key)
    assert rejects.status_code == 200 and "orders.rejects.csv" in rejects.headers["content-disposition"]
    assert rejects.headers["x-results-sha256"] == results.headers["x-results-sha256"]  # the run's (S27B-8)
    assert len(rejects.headers["x-rejects-sha256"]) == 64 and "x-rejects-sha256" not in results.headers
    got = pl.read_csv(io.BytesIO(rejects.content), infer_schema=False)
    assert got["line_id"].to_list() == ["2"] and "line 3" in got["error"][0] and "Narnia" in got["error"][0]


def test_a_screen_names_the_cautions_that_say_the_data_may_be_out_of_date(client: TestClient) -> None:
    """Session review S27-10: this week's Korean lines rest on an Annex not read, which only an id in each
    line's cautions column said; the response's notes (and the CLI's summary) name it."""
    from exportctl.store.keys import create_key

    _, token = create_key(client.app.state.engine, "notes", "read")  # type: ignore[attr-defined]
    text = "line_id,exporter,destination,item,ship_date\n1,KR,CN,kr:1C010,2026-12-08\n"
    files = {"file": ("orders.csv", text.encode("utf-8"), "text/csv")}
    notes = client.post("/v1/screen", files=files, headers={"X-API-Key": token}).json()["notes"]
    assert any("kr.caution.annex2-from-2026-09-01" in n for n in notes), notes
    assert any("kr.caution.data-currency" in n for n in notes), notes
    old = "line_id,exporter,destination,item,ship_date\n1,KR,CN,kr:1C010,2021-12-08\n"
    files = {"file": ("old.csv", old.encode("utf-8"), "text/csv")}
    assert client.post("/v1/screen", files=files, headers={"X-API-Key": token}).json()["notes"] == []


def test_a_permalink_date_is_read_as_check_reads_it_or_refused_in_words(client: TestClient) -> None:
    """S27-16: a permalink with 2026/12/08 or 令和8年12月8日 showed an empty form (a date box holds only
    YYYY-MM-DD), and 2026-02-30 the same, with no word of why."""
    for typed in ("2026/12/08", "令和8年12月8日", "2026-12-08"):
        page = client.get("/", params={"item": "HF", "on": typed}).text
        assert 'id="on" type="date" value="2026-12-08"' in page, typed
    page = client.get("/", params={"item": "HF", "on": "2026-02-30"}).text
    assert 'id="on" type="date" value=""' in page and '<div class="error">impossible date' in page
    page = client.get("/", params={"item": "HF", "on": "2026-12-08", "known_on": "2026/11/01"}).text
    assert 'id="known_on" type="date" value="2026-11-01"' in page
