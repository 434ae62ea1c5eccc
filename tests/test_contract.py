"""One contract for every shell: the CLI's ``--json`` and the API return the same document, and a
decision on a proposal changes the answers of the CLI and of every API worker the same way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from exportctl.api.app import create_app
from exportctl.cli import app as cli
from exportctl.intake.proposals import DatabaseStore, save
from exportctl.store.keys import create_key

runner = CliRunner()


def _cli(*args: str) -> Any:
    r = runner.invoke(cli, list(args))
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture()
def shared(tmp_path: Path) -> tuple[str, TestClient]:
    url = f"sqlite:///{tmp_path / 'svc.db'}"
    return url, TestClient(create_app(url))


READS: list[tuple[list[str], str, dict[str, str]]] = [
    (
        ["status", "-e", "JP", "-c", "KR", "--on", "2020-01-15"],
        "/v1/status",
        {"exporter": "JP", "country": "KR", "on": "2020-01-15"},
    ),
    (
        ["status", "-e", "KR", "-c", "JP", "--on", "2020-01-15", "--known-on", "2019-08-20"],
        "/v1/status",
        {"exporter": "KR", "country": "JP", "on": "2020-01-15", "known_on": "2019-08-20"},
    ),
    (["timeline", "JP", "KR"], "/v1/timeline", {"exporter": "JP", "country": "KR"}),
    (
        ["diff", "JP", "2019-01-01", "2023-12-31"],
        "/v1/diff",
        {"exporter": "JP", "start": "2019-01-01", "end": "2023-12-31"},
    ),
    (["items", "resist"], "/v1/items", {"q": "resist"}),
    (["items", "--exporter", "KR"], "/v1/items", {"exporter": "KR"}),
    (["groups", "JP", "--on", "2026-12-01"], "/v1/groups", {"exporter": "JP", "on": "2026-12-01"}),
    (["measures", "KR"], "/v1/measures", {"exporter": "KR"}),
    (["measures", "JP", "--known-on", "2023-01-01"], "/v1/measures", {"exporter": "JP", "known_on": "2023-01-01"}),
]


@pytest.mark.parametrize(("args", "path", "params"), READS, ids=[" ".join(r[0]) for r in READS])
def test_cli_json_equals_api(
    shared: tuple[str, TestClient], args: list[str], path: str, params: dict[str, str]
) -> None:
    url, client = shared
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    assert _cli(*args, "--json", *(["--database", url] if args[0] == "measures" else [])) == r.json()


def test_check_cli_json_equals_api(shared: tuple[str, TestClient]) -> None:
    url, client = shared
    body = {"exporter": "JP", "destination": "KR", "item": "HF", "on": "2023-03-23", "at": "18:00", "value": 5000}
    api = client.post("/v1/check", json=body).json()
    ours = _cli(
        "check",
        "-e",
        "JP",
        "-t",
        "KR",
        "-i",
        "HF",
        "--on",
        "2023-03-23",
        "--at",
        "18:00",
        "--value",
        "5000",
        "--json",
        "--database",
        url,
    )
    assert ours == api


def test_proposals_cli_json_equals_api(shared: tuple[str, TestClient]) -> None:
    url, client = shared
    save(_proposal("jp-intake-contract"), DatabaseStore(client.app.state.engine))  # type: ignore[attr-defined]
    assert _cli("proposals", "list", "--json", "--database", url) == client.get("/v1/proposals").json()


def _proposal(pid: str) -> dict[str, Any]:
    """Japan adds Türkiye to Group A from 2031-03-01, as intake would propose it."""
    source = {
        "instrument": "jp-etco",
        "locator": {"part": "reported in the news (intake)"},
        "unreached": "intake reads news only",
        "evidence": [{"url": "https://example.org/tr", "publisher": "example.org", "kind": "press"}],
        "confidence": "single",
    }
    return {
        "id": pid,
        "status": "pending",
        "stage": "decided",
        "created": "2031-02-10T00:00:00+00:00",
        "overlay": {"action": "add_to_group", "group": "jp:A", "targets": ["TR"], "effective": "2031-03-01"},
        "measure": {
            "id": pid,
            "title": "Türkiye added to Group A",
            "authority": "JP",
            "kind": "group_amendment",
            "targets": ["TR"],
            "effective": {"date": "2031-03-01", "source": source},
        },
        "provenance": {"corroboration": 1, "conflicts": [], "sources": []},
    }


def test_decisions_reach_the_cli_and_every_worker(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'svc.db'}"
    workers = [TestClient(create_app(url)), TestClient(create_app(url, migrate=False))]
    engine = workers[0].app.state.engine  # type: ignore[attr-defined]
    _, write = create_key(engine, "reviewer", "write")
    pid = "jp-intake-tr"
    save(_proposal(pid), DatabaseStore(engine))
    query = {"exporter": "JP", "country": "TR", "on": "2031-03-02"}

    def answers() -> list[tuple[list[str], list[str]]]:
        out = [(w.get("/v1/status", params=query).json()) for w in workers]
        out.append(_cli("status", "-e", "JP", "-c", "TR", "--on", "2031-03-02", "--json", "--database", url))
        return [(a["groups"], a["overlays"]) for a in out]

    assert answers() == [(["jp:C"], [])] * 3
    assert runner.invoke(cli, ["proposals", "accept", pid, "--database", url]).exit_code == 0  # the CLI decides
    assert answers() == [(["jp:A"], [pid])] * 3
    r = workers[1].post(f"/v1/proposals/{pid}/revert", headers={"X-API-Key": write})  # a worker reverts
    assert r.status_code == 200 and r.json()["status"] == "reverted"
    assert answers() == [(["jp:C"], [])] * 3
    assert workers[0].post(f"/v1/proposals/{pid}/revert", headers={"X-API-Key": write}).status_code == 400


def test_reads_on_a_read_only_home_write_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("EXPORTCTL_DATA_DIR", raising=False)
    home.chmod(0o555)
    try:
        for args in (
            ["check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "2020-01-15", "--json"],
            ["status", "-e", "KR", "-c", "JP", "--on", "2020-01-15", "--json"],
            ["measures", "JP", "--json"],
            ["proposals", "list", "--json"],
        ):
            r = runner.invoke(cli, args)
            assert r.exit_code == 0, r.stderr
        assert list(home.iterdir()) == []
    finally:
        home.chmod(0o755)


def test_unreachable_database_is_one_line_without_the_password() -> None:
    r = runner.invoke(cli, ["proposals", "list", "--database", "postgresql+psycopg://bob:s3cret@127.0.0.1:1/x"])
    assert r.exit_code == 2 and "s3cret" not in r.stderr and r.stderr.count("\n") == 1
    from exportctl.errors import StorageUnavailable
    from exportctl.store import db

    with pytest.raises(StorageUnavailable) as info:
        db.upgrade(db.make_engine("postgresql+psycopg://bob:s3cret@127.0.0.1:1/x"))
    assert info.value.status == 503 and "s3cret" not in str(info.value) and "***" in str(info.value)
