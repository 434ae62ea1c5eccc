"""User review 22, the "Low" findings: small inconsistencies between commands and interfaces.

Each test failed before its fix, as its docstring says.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from exportctl.api.app import create_app
from exportctl.cli import app as cli


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(f"sqlite:///{tmp_path / 'api.db'}"))


def _order(intervals: list[dict[str, str | None]]) -> list[tuple[str, str | None, str | None]]:
    return [(i["group"] or "", i["from"], i["to"]) for i in intervals]


@pytest.mark.parametrize(("exporter", "country"), [("JP", "KR"), ("KR", "JP")])
def test_timeline_intervals_are_in_date_order_in_the_cli_and_the_api(
    client: TestClient, exporter: str, country: str
) -> None:
    """L2: fails before the fix: the intervals came sorted by group (jp:A 2004-2019, jp:A 2023-open,
    jp:B 2019-2023, jp:C -2004), so a script taking the last one got the state before 2004."""
    out = CliRunner().invoke(cli, ["timeline", exporter, country, "--json"])
    assert out.exit_code == 0, out.stderr
    rows = json.loads(out.stdout)["intervals"]
    api = client.get("/v1/timeline", params={"exporter": exporter, "country": country}).json()["intervals"]
    assert _order(api) == _order(rows)
    starts = [r["from"] for r in rows]
    assert starts[0] is None  # the stretch before records first
    dated = [s for s in starts if s is not None]
    assert starts == [None] * (len(starts) - len(dated)) + dated and dated == sorted(dated)
    keys = [(r["from"] or "", r["group"]) for r in rows]
    assert keys == sorted(keys)  # on one day, by group
    assert rows[-1]["to"] is None and rows[-1]["group"] in ("jp:A", "kr:Ga")  # the last is today's


@pytest.mark.parametrize("name", ["out.txt", "out", "out.GIF"])
def test_timeline_refuses_a_chart_format_before_printing_the_table(tmp_path: Path, name: str) -> None:
    """L1: fails before the fix: ``timeline JP KR --chart out.txt`` printed the whole table on stdout,
    then 'error: unsupported chart format' with rc 2."""
    out = CliRunner().invoke(cli, ["timeline", "JP", "KR", "--chart", str(tmp_path / name)])
    assert out.exit_code == 2
    assert out.stdout == ""
    assert out.stderr.startswith("error: unsupported chart format") and ".svg, .png, .html" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_items_with_no_match_exits_1_in_text_and_json_alike(client: TestClient) -> None:
    """L3: fails before the fix: ``items toys`` exited 1 but ``items toys --json`` exited 0, so the exit
    status of one search depended on the output form. Now both exit 1 (a valid search that found
    nothing, as the README's exit codes say); the JSON document is still the API's."""
    text = CliRunner().invoke(cli, ["items", "toys"])
    as_json = CliRunner().invoke(cli, ["items", "toys", "--json"])
    assert text.exit_code == as_json.exit_code == 1
    assert text.stdout == "" and text.stderr.startswith("no entry matches 'toys'")
    assert len(text.stderr.strip().splitlines()) == 1
    doc = json.loads(as_json.stdout)
    assert doc["items"] == [] and doc["total"] == 0
    assert client.get("/v1/items", params={"q": "toys"}).json() == doc
    found = CliRunner().invoke(cli, ["items", "resist", "--json"])
    assert found.exit_code == 0 and json.loads(found.stdout)["items"]


@pytest.mark.parametrize("order", [["--html", "--json"], ["--json", "--html"]])
def test_law_report_refuses_html_and_json_together(tmp_path: Path, order: list[str]) -> None:
    """L5: fails before the fix: ``law report JP --html --json`` printed JSON, dropping --html unsaid."""
    target = tmp_path / "r.html"
    out = CliRunner().invoke(cli, ["law", "report", "JP", *order, "-o", str(target)])
    assert out.exit_code == 2 and out.stdout == "" and not target.exists()
    assert out.stderr.strip() == (
        "error: --html and --json ask for two forms of one report; give one of them (or neither, for text)"
    )


def _commands() -> list[tuple[str, Any]]:
    import typer

    def walk(cmd: Any, path: str) -> list[tuple[str, Any]]:
        subs = getattr(cmd, "commands", {})
        return [(path, cmd)] + [x for name, sub in subs.items() for x in walk(sub, f"{path} {name}")]

    return walk(typer.main.get_command(cli), "exportctl")


def test_serve_help_has_no_rst_markup_and_whole_sentences() -> None:
    """L6: fails before the fix: ``serve --help`` printed ````--host```` literally and broke its lines where
    the docstring did ("``--host`` when it is a" / "name or address")."""
    out = CliRunner().invoke(cli, ["serve", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert out.exit_code == 0
    assert "``" not in out.stdout
    assert "loopback, --host when it is a name or address, and each --allowed-host." in out.stdout
    for path, cmd in _commands():  # every command and group alike
        help_text = cmd.help or ""
        assert "``" not in help_text, path
        assert all("\n" not in p for p in help_text.split("\n\n") if not p.startswith("\b")), path


SJIS = (
    "line_id,exporter,destination,item,ship_date\n1,JP,韓国,フッ化水素,2020-01-15\n"
    "2,JP,中国,フッ化水素,令和2年1月15日\n3,JP,米国,フッ化水素,2020-01-15\n"
).encode("cp932")


def test_screen_notes_name_the_api_s_encoding_parameter(client: TestClient, tmp_path: Path) -> None:
    """L8: fails before the fix: ``POST /v1/screen`` said "give --encoding if it is not", the command
    line's option, while the API's way is its ``?encoding=`` parameter. The CLI keeps its own words."""
    from exportctl.store.keys import create_key

    _, token = create_key(client.app.state.engine, "low22", "read")  # type: ignore[attr-defined]
    r = client.post("/v1/screen", files={"file": ("sjis.csv", SJIS, "text/csv")}, headers={"X-API-Key": token})
    assert r.status_code == 200, r.json()
    notes = r.json()["notes"]
    assert notes == ["sjis.csv: encoding assumed to be cp932 (it could also be cp949); give ?encoding= if it is not"]
    src = tmp_path / "sjis.csv"
    src.write_bytes(SJIS)
    out = CliRunner().invoke(cli, ["screen", str(src), "-o", str(tmp_path / "o.csv")])
    assert out.exit_code == 0, out.stderr
    assert "sjis.csv: encoding assumed to be cp932 (it could also be cp949); give --encoding if it is not" in out.stderr


def test_an_undecodable_header_names_the_api_s_encoding_parameter(client: TestClient) -> None:
    """L8: fails before the fix: a header line that does not decode was refused with "give --encoding"."""
    from exportctl.store.keys import create_key

    _, token = create_key(client.app.state.engine, "low22", "read")  # type: ignore[attr-defined]
    body = "line_id,exporter,destination,item,ship_date,備考\n1,JP,KR,HF,2020-01-15,\n".encode()
    r = client.post(
        "/v1/screen",
        params={"encoding": "ascii"},  # declared wrongly: the header line does not decode
        files={"file": ("h.csv", body, "text/csv")},
        headers={"X-API-Key": token},
    )
    assert r.status_code in (400, 422)
    error = r.json()["error"]
    assert error.endswith("give ?encoding=") and "--encoding" not in error


KOREA_NOTE = "country 'Korea' taken as KR (South Korea); if you meant KP (North Korea), give its code"


def test_status_reads_an_ambiguous_name_as_check_does(client: TestClient) -> None:
    """L9: fails before the fix: ``status -e JP -c Korea`` said "ambiguous" where ``check -t Korea``
    answers for KR with a warning. Now status answers for KR, the same warning first, CLI and API alike."""
    check = CliRunner().invoke(cli, ["check", "-e", "JP", "-t", "Korea", "-i", "hf", "--on", "2020-01-01", "--json"])
    assert json.loads(check.stdout)["warnings"][0] == KOREA_NOTE
    out = CliRunner().invoke(cli, ["status", "-e", "JP", "-c", "Korea", "--on", "2020-01-01", "--json"])
    assert out.exit_code == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["country"] == "KR" and doc["groups"] == ["jp:B"] and doc["warnings"][0] == KOREA_NOTE
    api = client.get("/v1/status", params={"exporter": "JP", "country": "Korea", "on": "2020-01-01"}).json()
    assert api == doc
    text = CliRunner().invoke(cli, ["status", "-e", "JP", "-c", "Korea", "--on", "2020-01-01"], env={"COLUMNS": "300"})
    assert f"warning: {KOREA_NOTE}" in text.stdout


@pytest.mark.parametrize("name", ["Korea", "コリア"])
def test_timeline_reads_an_ambiguous_name_as_check_does(client: TestClient, name: str) -> None:
    """L9: fails before the fix: ``timeline JP コリア`` said "ambiguous". Now it is KR's timeline with
    check's warning, in ``warnings`` (CLI --json and API alike) and under the table."""
    out = CliRunner().invoke(cli, ["timeline", "JP", name, "--json"])
    assert out.exit_code == 0, out.stderr
    doc = json.loads(out.stdout)
    note = KOREA_NOTE.replace("'Korea'", repr(name))
    assert doc["country"] == "KR" and doc["warnings"] == [note]
    assert (
        doc["intervals"] == json.loads(CliRunner().invoke(cli, ["timeline", "JP", "KR", "--json"]).stdout)["intervals"]
    )
    assert client.get("/v1/timeline", params={"exporter": "JP", "country": name}).json() == doc
    text = CliRunner().invoke(cli, ["timeline", "JP", name], env={"COLUMNS": "300"})
    assert f"warning: {note}" in text.stdout


def test_a_name_with_no_usual_reading_is_still_refused_by_status_and_timeline() -> None:
    """L9's limit: "Congo" has no usual reading, so status and timeline refuse it as check does."""
    for args in (["status", "-e", "JP", "-c", "Congo", "--on", "2020-01-01"], ["timeline", "JP", "Congo"]):
        out = CliRunner().invoke(cli, args)
        assert out.exit_code == 2 and "country 'Congo' is ambiguous" in out.stderr


KOSOVO = "is Kosovo: its code XK is user-assigned, not in the ISO 3166-1 list the law data is read against"


@pytest.mark.parametrize("name", ["Kosovo", "XK", "コソボ", "코소보"])
def test_kosovo_is_named_with_its_code_and_why_it_is_not_answered(client: TestClient, name: str) -> None:
    """L10: fails before the fix: "unknown country 'Kosovo'" with no suggestion and no XK. XK is not in
    pycountry's ISO list, on which the groups, the batch's country numbering and the law's validation
    rest, so it is refused, but by name, with its code, in the CLI and the API alike."""
    out = CliRunner().invoke(cli, ["check", "-e", "JP", "-t", name, "-i", "hf", "--on", "2026-12-12"])
    assert out.exit_code == 2 and out.stderr.strip() == f"error: country {name!r} {KOSOVO}, so it is not answered yet"
    body = {"exporter": "JP", "destination": name, "item": "hf", "on": "2026-12-12"}
    r = client.post("/v1/check", json=body)
    assert r.status_code == 400 and KOSOVO in r.json()["error"]


def test_kosovo_in_a_batch_is_a_reject_naming_xk(tmp_path: Path) -> None:
    """L10: a batch line for Kosovo is a reject with the same words, and the other lines are answered."""
    src = tmp_path / "k.csv"
    src.write_text("line_id,exporter,destination,item,ship_date\n1,JP,Kosovo,hf,2020-01-15\n2,JP,KR,hf,2020-01-15\n")
    out = CliRunner().invoke(cli, ["screen", str(src), "-o", str(tmp_path / "o.csv")])
    assert out.exit_code == 0, out.stderr
    rejects = (tmp_path / "o.rejects.csv").read_text(encoding="utf-8-sig")
    assert KOSOVO in rejects
    assert "2,JP,KR" in (tmp_path / "o.csv").read_text(encoding="utf-8-sig")


def _recorded(tmp_path: Path, n: int = 2) -> str:
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    for _ in range(n):
        args = ["check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "2020-01-15", "--record", "--database", url]
        assert CliRunner().invoke(cli, args).exit_code == 0
    return url


def test_audit_export_refuses_a_reversed_range(tmp_path: Path) -> None:
    """L13: fails before the fix: ``--from 2026-12-31 --to 2026-01-01`` printed nothing with rc 0."""
    url = _recorded(tmp_path, 1)
    out = CliRunner().invoke(cli, ["audit", "export", "--database", url, "--from", "2026-12-31", "--to", "2026-01-01"])
    assert out.exit_code == 2 and out.stdout == ""
    assert out.stderr.strip() == (
        "error: --from 2026-12-31 is after --to 2026-01-01: give the range's earlier day as --from"
    )


def test_audit_export_names_a_bad_date_before_a_missing_database(tmp_path: Path) -> None:
    """L13: fails before the fix: with no database, ``--from 2026-13-01`` was answered "no database"."""
    url = f"sqlite:///{tmp_path / 'none.db'}"
    out = CliRunner().invoke(cli, ["audit", "export", "--database", url, "--from", "2026-13-01"])
    assert out.exit_code == 2 and "2026-13-01" in out.stderr and "no database" not in out.stderr
    assert not (tmp_path / "none.db").exists()


def test_audit_export_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    """L13: fails before the fix: ``audit export | head`` printed "error: Broken pipe". The reader is
    gone before the first line (as ``head -c0``), in a fresh process, as a shell runs it."""
    import os
    import subprocess
    import sys

    url = _recorded(tmp_path, 50)
    env = {**os.environ, "EXPORTCTL_DATA_DIR": str(tmp_path / "data")}
    read, write = os.pipe()
    os.close(read)  # no reader: the first write fails with EPIPE
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "exportctl", "audit", "export", "--database", url],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=300,
            check=False,
        )
    finally:
        os.close(write)
    assert proc.stderr == ""
    assert proc.returncode == 141


BASE = {"exporter": "JP", "destination": "KR", "item": "HF", "on": "2020-01-15"}


@pytest.mark.parametrize("field", ["value", "currency", "end_use", "known_on", "at"])
@pytest.mark.parametrize("blank", ["", "  "])
def test_an_empty_optional_field_is_the_field_left_out(client: TestClient, field: str, blank: str) -> None:
    """L19: fails before the fix for at, value and known_on: "currency": "" and "end_use": "" were read as
    absent, but "at": "", "value": "" and "known_on": "" were errors. Now each is the field left out, in
    the API (fast path and route alike) and in ``check`` (an empty option)."""
    r = client.post("/v1/check", json={**BASE, field: blank})
    assert r.status_code == 200, r.json()
    absent = client.post("/v1/check", json=BASE).json()
    assert r.json() == absent
    option = "--" + field.replace("_", "-")
    out = CliRunner().invoke(
        cli, ["check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "2020-01-15", option, blank, "--json"]
    )
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout) == absent


def test_an_empty_shipment_date_stays_an_error_naming_it(client: TestClient) -> None:
    """L19's limit, documented: an empty ``on`` is refused, not read as today."""
    r = client.post("/v1/check", json={**BASE, "on": ""})
    assert r.status_code in (400, 422) and "shipment date" in r.json()["error"]
