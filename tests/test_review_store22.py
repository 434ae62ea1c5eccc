"""Review 22 of the database's reads (user report M1, L12): a read command pointed at a SQLite
file that is not there (``--database`` or ``EXPORTCTL_DATABASE_URL``) answers as with no database
and creates nothing; ``audit verify`` there is one line naming the file; a command refused for
its input creates nothing either."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from exportctl.cli import app

READS = [
    ["check", "-e", "JP", "-t", "KR", "-i", "hydrogen fluoride", "--on", "2020-01-15"],
    ["status", "-e", "JP", "-c", "KR", "--on", "2020-01-15"],
    ["items"],
    ["groups", "JP"],
    ["timeline", "JP", "KR"],
    ["proposals", "list"],
    ["keys", "list"],
]


def _run(tmp_path: Path, args: list[str], url: str, by_env: bool) -> tuple[int, str]:
    env = {"EXPORTCTL_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path / "home")}
    if by_env:
        env["EXPORTCTL_DATABASE_URL"] = url
    else:
        args = [*args, "--database", url]
    result = CliRunner().invoke(app, args, env=env)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("by_env", [False, True])
@pytest.mark.parametrize("args", READS, ids=lambda a: " ".join(a[:2]))
def test_a_read_creates_no_missing_sqlite_file(tmp_path: Path, args: list[str], by_env: bool) -> None:
    """Fails before the fix: check, status, items, groups, timeline and proposals list created
    (and migrated) the file they were pointed at."""
    db = tmp_path / "typo.db"
    code, err = _run(tmp_path, args, f"sqlite:///{db}", by_env)
    assert code == 0, err
    assert not db.exists()


@pytest.mark.parametrize("by_env", [False, True])
def test_audit_verify_on_a_missing_file_names_it_and_creates_nothing(tmp_path: Path, by_env: bool) -> None:
    db = tmp_path / "typo.db"
    code, err = _run(tmp_path, ["audit", "verify"], f"sqlite:///{db}", by_env)
    assert code == 2 and err.strip().startswith(f"error: no database at {db}")
    assert len(err.strip().splitlines()) == 1 and not db.exists()


def test_a_key_of_an_unknown_scope_creates_no_database(tmp_path: Path) -> None:
    """Fails before the fix: the database was created and migrated, then the scope refused."""
    db = tmp_path / "keys.db"
    code, err = _run(tmp_path, ["keys", "create", "x", "--scope", "admin"], f"sqlite:///{db}", False)
    assert code == 2 and "unknown scope 'admin' (did you mean: read, write?)" in err
    assert not db.exists()
    code, _ = _run(tmp_path, ["keys", "create", "x", "--scope", "write"], f"sqlite:///{db}", False)
    assert code == 0 and db.exists()  # a write still creates it


def test_the_sqlite_file_of_a_url() -> None:
    from exportctl.settings import sqlite_file

    assert sqlite_file("sqlite:////tmp/a.db") == Path("/tmp/a.db")
    assert sqlite_file("sqlite+pysqlite:///rel/a.db?timeout=5") == Path("rel/a.db")
    assert sqlite_file("sqlite://") is None and sqlite_file("sqlite:///:memory:") is None
    assert sqlite_file("postgresql+psycopg://u@h/db") is None
