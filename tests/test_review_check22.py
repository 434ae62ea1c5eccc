"""Review 22 of ``check`` (user report M9): an item on no control list is told how to ask for the
catch-all, by the command line and by the service each in its own terms; the engine's words name
no shell's option."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from exportctl.api.app import create_app
from exportctl.cli import app as cli
from exportctl.engine.determine import determine_in
from exportctl.errors import UnknownItem
from tests.test_screen import REGIMES

POINTER = "if the goods are not on the list (classify them first by their description), ask for the catch-all"


@pytest.mark.parametrize("exporter", ["JP", "KR"])
def test_the_cli_points_an_unlisted_item_at_the_catch_all(exporter: str) -> None:
    """Fails before the fix: 'unknown item 'toys' in the JP control list' and nothing more."""
    result = CliRunner().invoke(cli, ["check", "-e", exporter, "-t", "CN", "-i", "toys", "--on", "2020-01-15"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: unknown item 'toys' in the {exporter} control list; {POINTER}: --item catch-all"
    )
    # ... and the item it names is one each exporter answers.
    result = CliRunner().invoke(cli, ["check", "-e", exporter, "-t", "CN", "-i", "catch-all", "--on", "2020-01-15"])
    assert result.exit_code == 0, result.output


def test_close_entries_come_before_the_pointer() -> None:
    """Fails before the fix: the suggestions alone, no pointer."""
    result = CliRunner().invoke(cli, ["check", "-e", "JP", "-t", "CN", "-i", "resit", "--on", "2020-01-15"])
    err = result.stderr.strip()
    assert "(did you mean: jp:7(19)" in err and err.endswith(f"?); {POINTER}: --item catch-all")


def test_the_engine_names_no_option() -> None:
    with pytest.raises(UnknownItem) as caught:
        determine_in(REGIMES, "JP", "CN", "toys", "2020-01-15")
    assert str(caught.value).endswith(f"{POINTER}: the item 'catch-all'") and "--" not in str(caught.value)


def test_the_api_points_at_the_catch_all_in_its_own_terms(tmp_path: Path) -> None:
    """Fails before the fix: the 400 said only 'unknown item'."""
    client = TestClient(create_app(f"sqlite:///{tmp_path / 'api.db'}"))
    body = {"exporter": "KR", "destination": "CN", "item": "toys", "on": "2020-01-15"}
    r = client.post("/v1/check", json=body)
    assert r.status_code == 400
    assert r.json()["error"] == f'unknown item \'toys\' in the KR control list; {POINTER}: "item": "catch-all"'
    assert client.post("/v1/check", json={**body, "item": "catch-all"}).status_code == 200
