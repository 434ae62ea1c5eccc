"""The audit and key commands of the CLI, end to end on an SQLite file."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from exportctl.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_record_verify_export_replay_and_tamper(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    code, _, err = run(
        "check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "2020-01-15", "--record", "--database", url, "--json"
    )
    assert code == 0 and "recorded as audit record 1" in err
    run("check", "-e", "KR", "-t", "JP", "-i", "sensitive", "--on", "2019-09-18", "--record", "--database", url)
    code, out, _ = run("audit", "verify", "--database", url)
    assert code == 0 and "2 row(s) verified" in out
    code, out, _ = run("audit", "export", "--database", url, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["query"]["exporter"] for r in rows] == ["JP", "KR"] and rows[1]["answer"]["destination_groups"] == [
        "kr:Ga-2"
    ]
    code, out, _ = run("audit", "export", "--database", url, "--format", "csv", "--from", "2000-01-01")
    assert len(list(csv.reader(io.StringIO(out)))) == 3
    code, out, _ = run("audit", "replay", "2", "--database", url)
    assert code == 0 and "same answer" in out
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TRIGGER audit_log_no_update"))
        conn.execute(
            sa.text("UPDATE audit_log SET answer = replace(answer, 'individual', 'general_bulk') WHERE id = 1")
        )
    code, _, err = run("audit", "verify", "--database", url)
    assert code == 1 and "BROKEN at row 1" in err
    code, _, err = run("audit", "replay", "1", "--database", url)
    assert code == 1 and "DIFFERS" in err


def test_keys_commands(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'keys.db'}"
    code, out, _ = run("keys", "create", "examiner", "--scope", "write", "--database", url)
    assert code == 0 and "exk_" in out
    code, out, _ = run("keys", "list", "--database", url, "--json")
    assert json.loads(out)[0]["scope"] == "write" and "key_hash" not in out
    assert run("keys", "revoke", "examiner", "--database", url)[0] == 0
    code, _, err = run("keys", "revoke", "examiner", "--database", url)
    assert code == 2 and "no active key" in err
    code, _, err = run("keys", "create", "x", "--scope", "admin", "--database", url)
    assert code == 2 and "unknown scope" in err


@pytest.mark.parametrize(
    "args",
    [
        ["audit", "verify"],
        ["audit", "export", "--from", "2020-01-01", "--to", "2020-02-01", "--format", "jsonl"],
        ["audit", "replay", "1"],
        ["keys", "revoke", "examiner"],
    ],
)
def test_reads_on_an_empty_data_dir_fail_naming_the_database_and_create_nothing(args: list[str]) -> None:
    data = Path(os.environ["EXPORTCTL_DATA_DIR"])
    code, out, err = run(*args)
    assert code == 2 and not out
    assert err.strip() == (
        f"error: no database at {data / 'exportctl.db'} (nothing recorded there; check --database or EXPORTCTL_DATA_DIR)"
    )
    assert not data.exists()


def test_a_mistyped_sqlite_url_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    code, out, err = run("audit", "verify", "--database", f"sqlite:///{missing}")
    assert code == 2 and f"no database at {missing}" in err and "intact" not in out
    assert not missing.exists()


def test_keys_list_without_a_database_has_no_keys_and_creates_nothing() -> None:
    data = Path(os.environ["EXPORTCTL_DATA_DIR"])
    code, out, _ = run("keys", "list")
    assert code == 0 and out.strip() == f"no API keys (no database at {data / 'exportctl.db'})"
    code, out, _ = run("keys", "list", "--json")
    assert code == 0 and json.loads(out) == []
    assert not data.exists()


def test_a_deleted_database_whose_seal_remains_is_a_broken_chain() -> None:
    db = Path(os.environ["EXPORTCTL_DATA_DIR"]) / "exportctl.db"
    assert run("check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "2020-01-15", "--record")[0] == 0
    assert run("audit", "verify")[0] == 0
    for f in db.parent.glob("exportctl.db*"):
        f.unlink()
    code, _, err = run("audit", "verify")
    assert code == 1 and f"the database {db} is missing but its seal records rows" in err
    assert not db.exists()
