"""A trade-compliance officer's review (Tokyo / Seoul) of check, status, diff, measures, timeline,
the batch and the API (2026-12-04): each test failed on the code it was written against, and was mended."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from exportctl import determine, diff, status
from exportctl.api.app import create_app
from exportctl.batch.screen import screen_frame
from exportctl.cli import app
from exportctl.errors import InputError
from exportctl.law.loader import load_regimes

REGIMES = load_regimes()
runner = CliRunner()

COLUMNS = ["line_id", "exporter", "destination", "item", "ship_date", "value", "currency", "end_use", "informed"]


def _rejects(row: dict[str, str | None]) -> list[str]:
    df = pl.DataFrame([{"line_id": "1", **row}], schema={c: pl.Utf8 for c in COLUMNS})
    _, rejects, _ = screen_frame(df, REGIMES)
    return [str(e) for e in rejects["error"].to_list()]


@pytest.mark.parametrize("item", ["工作機械", "machine tool", "integrated circuit", "drone"])
def test_a_generic_name_that_also_names_listed_entries_is_not_answered_as_unlisted(item: str) -> None:
    """`exportctl items 工作機械 -e JP` lists jp:16(1), jp:6(2), jp:2(12), jp:6(3), jp:6(6); KR's list
    calls 'machine tool' ambiguous. `check` must not pick the unlisted catch-all entry and say NO
    LICENCE REQUIRED to China without at least naming the listed entries the name also matches."""
    try:
        d = determine("JP", "CN", item, "2024-05-01", regimes=REGIMES)
    except InputError:
        return  # an ambiguity error naming the candidates is a right answer
    assert d.licence_required or any("jp:6(2)" in n.text or "jp:4(" in n.text for n in d.notices), (
        d.item.id,
        d.licence_required,
    )


def test_the_api_refuses_a_boolean_as_a_value(tmp_path: Path) -> None:
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'api.db'}"))
    body = {"exporter": "JP", "destination": "KR", "item": "3B001", "on": "2024-05-01", "currency": "JPY"}
    r = client.post("/v1/check", json=body | {"value": True})
    assert 400 <= r.status_code < 500, (r.status_code, r.json().get("licence_required"), r.json().get("exemptions"))
    # the same line in a JSON Lines batch is a reject
    assert _rejects(
        {"exporter": "JP", "destination": "KR", "item": "3B001", "ship_date": "2024-05-01", "value": "true"}
    )


def test_status_known_on_warns_of_the_announced_draft_as_check_does() -> None:
    """README: as known on 2019-07-01, a September 2019 shipment to Korea is still Group A, with a
    warning that a draft announced that day would move Korea to Group B. `check` says so; `status`,
    the command for exactly that question, answers jp:A with no warning."""
    d = determine("JP", "KR", "hydrogen fluoride", "2019-09-10", known_on="2019-07-01", regimes=REGIMES)
    assert any("jp-2019-kr-table3-removal" in n.text for n in d.notices)
    s = status("JP", "KR", "2019-09-10", known_on="2019-07-01", regimes=REGIMES)
    assert s.groups == ["jp:A"]
    assert any("jp:B" in w or "jp-2019-kr-table3-removal" in w for w in s.warnings), s.warnings


def test_status_warns_of_a_promulgated_group_change_as_check_does() -> None:
    d = determine("JP", "KR", "hydrogen fluoride", "2019-08-20", regimes=REGIMES)
    assert any(n.kind == "pending_change" and "jp:B" in n.text for n in d.notices)
    s = status("JP", "KR", "2019-08-20", regimes=REGIMES)
    assert any("jp:B" in w for w in s.warnings), s.warnings


def test_measures_known_on_shows_no_date_from_after_the_knowledge_date() -> None:
    result = runner.invoke(app, ["measures", "JP", "--known-on", "2019-07-01", "--json"])
    assert result.exit_code == 0
    later = []
    for m in json.loads(result.stdout)["measures"]:
        # an effective date may be published ahead (promulgated 07-01, effective 07-04); a decision,
        # a promulgation or an end that came later cannot be known on the knowledge date
        for stage in ("decided", "promulgated", "ended"):
            when = m.get(stage)
            if isinstance(when, dict) and dt.date.fromisoformat(when["date"]) > dt.date(2019, 7, 1):
                later.append((m["id"], stage, when["date"]))
    assert not later, later  # e.g. jp-2019-kr-table3-removal ended 2023-07-21


def test_diff_over_the_korea_story_names_koreas_group_changes() -> None:
    """The rule changes of the same period are listed as they happened (added 2019-07-04, ended
    2023-03-23), but the memberships are compared at the two ends only, so Korea's removal from
    and return to Group A vanish from the membership table."""
    d = diff("JP", "2019-01-01", "2023-08-01", regimes=REGIMES)
    assert "KR" in [m.country for m in d.memberships], [m.country for m in d.memberships]


def test_a_blank_exporter_is_named_missing_not_none() -> None:
    errors = _rejects({"exporter": None, "destination": "KR", "item": "HF", "ship_date": "2020-01-15"})
    assert errors and "None" not in errors[0] and "missing exporter" in errors[0], errors


def test_a_batch_currency_reject_names_the_valid_code_as_check_does() -> None:
    with pytest.raises(InputError, match="JPY"):
        determine("JP", "KR", "3B001", "2024-05-01", value="5", currency="円", regimes=REGIMES)
    errors = _rejects(
        {
            "exporter": "JP",
            "destination": "KR",
            "item": "3B001",
            "ship_date": "2024-05-01",
            "value": "5",
            "currency": "円",
        }
    )
    assert errors and "JPY" in errors[0], errors


def test_a_full_width_time_of_shipment_reads_as_typed() -> None:
    half = determine("JP", "KR", "resist", "２０２３-０３-２３", at="17:00", regimes=REGIMES)
    full = determine("JP", "KR", "resist", "２０２３-０３-２３", at="１７：００", regimes=REGIMES)
    assert full.routes == half.routes


def test_a_reversed_chart_window_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "t.html"
    result = runner.invoke(
        app, ["timeline", "JP", "KR", "--chart", str(out), "--from", "2024-01-01", "--to", "2019-01-01"]
    )
    assert result.exit_code == 2 and not out.exists(), (result.exit_code, out.exists())
