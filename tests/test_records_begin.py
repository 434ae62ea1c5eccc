"""Days before the first law a regime's data holds are refused, not answered from later records.

Why: before Japan's catch-all of 2002 and Korea's of 2003 the data held no rule for goods on no
list, and answered "no licence" for them, and today's groups and licence routes for everything
else (legal review 25, K-1: ``-e KR -t KP -i catch-all --on 1990-07-31`` said NO LICENCE; review
27, R27-2: ``-e KR -t US --on 1995-06-01`` offered region Ga's comprehensive licences and cited a
2024 article, though the data dates region Ga from 2003 at the earliest).
The refusal is the same one line in check, status, the batch and the API.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from exportctl import determine, status
from exportctl.api.app import create_app
from exportctl.batch import files
from exportctl.cli import app as cli
from exportctl.errors import InputError
from tests.test_screen import REGIMES, _frame

FIRST = {"JP": dt.date(2002, 4, 1), "KR": dt.date(2003, 1, 1)}
TO = {"JP": "KR", "KR": "KP"}


@pytest.mark.parametrize("exporter", ["JP", "KR"])
def test_the_day_before_the_first_record_is_refused_and_the_first_day_answered(exporter: str) -> None:
    first = FIRST[exporter]
    assert REGIMES[exporter].info.coverage.from_ == first
    before = (first - dt.timedelta(days=1)).isoformat()
    with pytest.raises(InputError, match=rf"^{before} is before {exporter}'s records: .*ask for {first} or later$"):
        determine(exporter, TO[exporter], "catch-all", before, end_use="wmd", regimes=REGIMES)
    with pytest.raises(InputError, match=rf"^{before} is before {exporter}'s records"):
        status(exporter, TO[exporter], before, regimes=REGIMES)
    assert determine(exporter, TO[exporter], "catch-all", first, end_use="wmd", regimes=REGIMES).licence_required


def test_korea_to_north_korea_before_the_act_is_no_longer_no_licence() -> None:
    """K-1: the day before the Act said NO LICENCE REQUIRED with no rule; now the CLI refuses it."""
    out = CliRunner().invoke(cli, ["check", "-e", "KR", "-t", "KP", "-i", "catch-all", "--on", "1990-07-31"])
    assert out.exit_code == 2
    assert "NO LICENCE" not in out.output and "1990-07-31 is before KR's records" in out.output


def test_a_batch_rejects_the_lines_before_the_records_in_check_s_words() -> None:
    base = {"item": "catch-all", "value": "", "currency": "", "end_use": "wmd", "informed": ""}
    rows = [
        {**base, "exporter": "JP", "destination": "CN", "ship_date": "2002-03-31"},
        {**base, "exporter": "JP", "destination": "CN", "ship_date": "2002-04-01"},
        {**base, "exporter": "KR", "destination": "KP", "ship_date": "1975-06-01"},
        {**base, "exporter": "KR", "destination": "KP", "ship_date": "2003-01-01"},
        {**base, "exporter": "JP", "destination": "CN", "ship_date": "1975-06-01"},
    ]
    results, rejects, _ = files.screen_frame(_frame(rows), REGIMES)  # type: ignore[arg-type]
    assert sorted(results["line_id"].to_list()) == ["1", "3"]
    by_line = dict(zip(rejects["line_id"].to_list(), rejects["error"].to_list(), strict=True))
    for i in ("0", "2", "4"):
        row = rows[int(i)]
        with pytest.raises(InputError) as refused:
            determine(row["exporter"], row["destination"], "catch-all", row["ship_date"], regimes=REGIMES)
        assert by_line[i].endswith(str(refused.value)), by_line[i]


def test_the_api_refuses_it_as_a_json_400(tmp_path: Path) -> None:
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'api.db'}"))
    r = client.post("/v1/check", json={"exporter": "JP", "destination": "CN", "item": "catch-all", "on": "1999-01-01"})
    assert r.status_code == 400
    assert "1999-01-01 is before JP's records" in r.json()["error"]


def test_a_knowledge_date_before_the_records_is_refused_too(tmp_path: Path) -> None:
    """S24-1: ``--known-on`` 2001-01-01 viewed an empty law, whose catch-all is "not controlled":
    a known WMD end use to Iran in 2015 said NO LICENCE. Now check, status, the API and a batch
    run refuse the knowledge date as they refuse a shipment day."""
    with pytest.raises(InputError, match=r"^knowledge date 2001-01-01 is before JP's records"):
        determine("JP", "IR", "catch-all", "2015-06-01", end_use="wmd", known_on="2001-01-01", regimes=REGIMES)
    with pytest.raises(InputError, match=r"^knowledge date 2002-12-31 is before KR's records"):
        status("KR", "US", "2015-06-01", known_on="2002-12-31", regimes=REGIMES)
    out = CliRunner().invoke(
        cli, ["check", "-e", "JP", "-t", "IR", "-i", "catch-all", "--on", "2015-06-01", "--known-on", "2001-01-01"]
    )
    assert out.exit_code == 2 and "NO LICENCE" not in out.output
    src = tmp_path / "in.csv"
    src.write_text("line_id,exporter,destination,item,ship_date\n1,JP,IR,catch-all,2015-06-01\n", encoding="utf-8")
    run = CliRunner().invoke(cli, ["screen", str(src), "-o", str(tmp_path / "out.csv"), "--known-on", "2002-06-01"])
    assert run.exit_code == 2 and "before KR's records" in run.output
    assert not (tmp_path / "out.csv").exists()
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'api.db'}"))
    body = {"exporter": "JP", "destination": "IR", "item": "catch-all", "on": "2015-06-01", "known_on": "2001-01-01"}
    r = client.post("/v1/check", json=body)
    assert r.status_code == 400 and "knowledge date 2001-01-01" in r.json()["error"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["timeline", "JP", "KR", "--known-on", "2001-01-01"], "knowledge date 2001-01-01 is before JP's records"),
        (["measures", "KR", "--known-on", "1999-01-01"], "knowledge date 1999-01-01 is before KR's records"),
        (["diff", "JP", "2001-01-01", "2020-01-01"], "start date 2001-01-01 is before JP's records"),
    ],
)
def test_timeline_measures_and_diff_refuse_days_before_the_records_too(args: list[str], said: str) -> None:
    """Session review S27-9: a 2001 timeline showed Korea in Group C, open-ended, and a diff from 2001 compared
    the law with no law, where check and status refuse such days."""
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 2 and said in out.stderr, out.output
