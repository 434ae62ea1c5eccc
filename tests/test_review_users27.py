"""Session review S27 (users' tasks): a Korean file in won, and the answers' other promises.

S27-4: Korea's answers read no value (its small-value exemption is named in a caution, not
applied), so a value in won is read as no value - in check, the API and the batch alike - and
the user is told it was not used; Japan's answers read values, so a value in won is still refused.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from exportctl import determine
from exportctl.api.app import create_app
from exportctl.batch.files import screen_file
from exportctl.cli import app
from exportctl.law.loader import load_regimes

REGIMES = load_regimes()
BODY = {"exporter": "KR", "destination": "US", "item": "kr:3B001", "on": "2026-12-10"}


def test_a_value_in_won_on_a_korean_line_is_read_as_no_value() -> None:
    won = determine("KR", "US", "kr:3B001", "2026-12-10", value=1_000_000, currency="KRW", regimes=REGIMES)
    none = determine("KR", "US", "kr:3B001", "2026-12-10", regimes=REGIMES)
    assert won.model_dump() == none.model_dump()


def test_check_and_the_api_say_the_value_was_not_used(tmp_path: Path) -> None:
    r = CliRunner().invoke(
        app,
        [
            "check",
            "-e",
            "KR",
            "-t",
            "US",
            "-i",
            "kr:3B001",
            "--on",
            "2026-12-10",
            "--value",
            "1000000",
            "--currency",
            "KRW",
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "warning: the value in KRW was not used" in r.stderr
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'api.db'}"))
    resp = client.post("/v1/check", json=BODY | {"value": 1_000_000, "currency": "KRW"})
    assert resp.status_code == 200, resp.json()
    assert resp.headers["x-warning"].startswith("the value in KRW was not used")
    plain = client.post("/v1/check", json=BODY)
    assert "x-warning" not in plain.headers


def test_a_value_in_won_on_a_japanese_line_is_still_refused() -> None:
    r = CliRunner().invoke(
        app, ["check", "-e", "JP", "-t", "CN", "-i", "jp:3(1)", "--value", "5000", "--currency", "KRW"]
    )
    assert r.exit_code != 0 and "JP ceilings are in JPY" in r.stderr


def test_a_korean_file_in_won_is_screened_and_its_summary_says_so(tmp_path: Path) -> None:
    src = tmp_path / "orders.csv"
    src.write_text(
        "line_id,exporter,destination,item,ship_date,value,currency\n"
        "1,KR,US,kr:3B001,2026-12-10,1000000,KRW\n"
        "2,KR,US,kr:3B001,2026-12-10,,\n"
        "3,JP,CN,jp:3(1),2026-12-10,5000,KRW\n"
    )
    summary = screen_file(src, tmp_path / "out.csv", None, REGIMES)
    assert (summary.rows_in, summary.screened, summary.rejected) == (3, 2, 1)
    assert any(n.startswith("some KR lines give their value in another currency than USD") for n in summary.notes)
    out = pl.read_csv(tmp_path / "out.csv", infer_schema=False)
    won, none = out.row(0, named=True), out.row(1, named=True)
    same = ["licence_required", "outcome", "warning_kinds", "cautions"]
    assert [won[c] for c in same] == [none[c] for c in same]
    rejects = pl.read_csv(tmp_path / "out.rejects.csv", infer_schema=False)["error"].to_list()
    assert rejects == ["line 4: value currency KRW differs from the regime's JPY (exchange rates are not modelled)"]
