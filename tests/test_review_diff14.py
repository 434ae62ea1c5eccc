"""Review of the day's change 2125e86..3aaa469 (prohibitions by row, the RU/BY/KP approvals, KR comprehensive
licences outside Ga, item resolution, status/diff/measures/timeline): each test is a defect found on that code, mended the same day."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from exportctl import determine, diff
from exportctl.api.app import create_app
from exportctl.batch.screen import screen_frame
from exportctl.cli import app
from exportctl.errors import InputError
from exportctl.law.loader import load_regimes

REGIMES = load_regimes()
COLUMNS = ["line_id", "exporter", "destination", "item", "ship_date", "value", "currency", "end_use", "informed"]


def test_ga2_item_comprehensive_licence_is_not_known_before_the_notice_that_brought_it() -> None:
    """The rule rests on 고시 제2020-94호 (in force 2020-06-19; its todo: the text before was not read), but names
    kr-2019-ga2-japan (published 2019-09-18), so the law 'as published by 2019-10-01' already offers it for a
    2020-07-01 shipment. kr.na.comprehensive, from the same day and Notice, is (rightly) not known then."""
    na = determine("KR", "CN", "kr:3B002", "2020-07-01", known_on="2019-10-01", regimes=REGIMES)
    assert "comprehensive" not in na.routes  # control: holds
    ga2 = determine("KR", "JP", "kr:3B002", "2020-07-01", known_on="2019-10-01", regimes=REGIMES)
    assert "comprehensive" not in ga2.routes, ga2.rule_ids


def test_diff_lists_the_approvals_that_took_effect() -> None:
    """`exportctl diff JP 2022-03-17 2022-03-18` shows empty rule tables although listed goods to Russia and
    Belarus need METI's approval from 2022-03-18 (the answers change from 'individual' to 'approval')."""
    jp = {r.id for r in diff("JP", "2022-03-17", "2022-03-18", regimes=REGIMES).rules}
    kr = {r.id for r in diff("KR", "2022-03-25", "2022-03-26", regimes=REGIMES).rules}
    assert "jp.approval.ru-by.listed.2022-03" in jp and "kr.situational.ru-by.annex2-2" in kr, (jp, kr)


def test_a_chart_window_reversed_by_one_bound_is_an_error(tmp_path: Path) -> None:
    """`timeline JP KR --to 2015-01-01 --chart x.png` writes an empty chart whose axis runs 2018 -> 2015 (the
    default start is 2018-01-01); only --from after --to was made an error."""
    result = CliRunner().invoke(app, ["timeline", "JP", "KR", "--to", "2015-01-01", "--chart", str(tmp_path / "x.png")])
    assert result.exit_code != 0


def test_the_catch_all_is_among_the_candidates_of_a_generic_name() -> None:
    """無人航空機 (an alias of jp:16(1)) matches 11 listed entries and the catch-all; the candidates show six and
    '... 6 more', the catch-all last, so the one id for goods outside the list is never shown."""
    with pytest.raises(InputError) as err:
        determine("JP", "CN", "無人航空機", "2026-01-10", regimes=REGIMES)
    assert any(s.startswith("jp:16(1)") for s in err.value.suggestions), err.value.suggestions


def test_the_api_quotes_an_unknown_end_use_as_typed(tmp_path: Path) -> None:
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'api.db'}"))
    body = {"exporter": "JP", "destination": "KR", "item": "hydrogen fluoride", "on": "2020-01-15"}
    r = client.post("/v1/check", json=body | {"end_use": "{suggestions}"})
    assert r.status_code == 422
    assert "unknown end use '{suggestions}'" in r.json()["error"], r.json()["error"]


def test_a_batch_currency_reject_names_the_lines_own_currency() -> None:
    """check -e JP --currency yen: 'use an ISO 4217 code such as JPY'; the batch line: '... such as JPY or USD'
    (KR's currency), and USD on a JP line is rejected as 'differs from the regime's JPY'."""
    row = {"line_id": "1", "exporter": "JP", "destination": "KR", "item": "row 1", "ship_date": "2022-03-18"}
    df = pl.DataFrame([row | {"value": "50000", "currency": "yen"}], schema={c: pl.Utf8 for c in COLUMNS})
    _, rejects, _ = screen_frame(df, REGIMES)
    assert rejects["error"].to_list() == ["unknown currency 'yen': use an ISO 4217 code such as JPY"]
