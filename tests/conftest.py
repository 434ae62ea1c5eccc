from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from exportctl.law.loader import load_regimes, shipped_regimes_dir
from exportctl.law.regime import Regime


@pytest.fixture(autouse=True, scope="session")
def _isolated_session() -> Iterator[None]:
    """The same for fixtures wider than one test (a module's server or web client), which are set
    up before the per-test isolation below: their audit seals went to the user's data directory."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="exportctl-tests-") as home, pytest.MonkeyPatch.context() as mp:
        mp.setenv("EXPORTCTL_DATA_DIR", str(Path(home) / "exportctl"))
        mp.setenv("XDG_DATA_HOME", str(Path(home) / "xdg"))
        yield


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch $HOME: the data directory (and XDG's) is a fresh temporary one per test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("EXPORTCTL_DATA_DIR", str(home / "exportctl"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    monkeypatch.delenv("EXPORTCTL_DATABASE_URL", raising=False)
    monkeypatch.delenv("EXPORTCTL_REGIMES", raising=False)


@pytest.fixture(scope="session")
def regimes() -> dict[str, Regime]:
    return load_regimes()


@pytest.fixture()
def regime_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped regime data, for tests that break it on purpose."""
    dest = tmp_path / "regimes"
    shutil.copytree(shipped_regimes_dir(), dest)
    return dest


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server: CI's (EXPORTCTL_TEST_PG_URL) or one started for this session."""
    url = os.environ.get("EXPORTCTL_TEST_PG_URL")
    if url:
        yield url
        return
    from tests.pgserver import postgres_server

    try:
        with postgres_server() as started:
            yield started
    except (RuntimeError, OSError) as exc:  # pragma: no cover - machines without PostgreSQL
        pytest.skip(f"no PostgreSQL available: {exc}")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'exportctl.db'}"
        return
    import sqlalchemy as sa

    base = request.getfixturevalue("postgres_url")
    name = "t_" + uuid.uuid4().hex[:12]
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    yield base.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture()
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A service on a fresh SQLite file, with a read key in its headers and the audit and data
    folders under ``tmp_path``: what the upload and batch reviews' tests send files to. A module
    that needs another service defines its own ``client``, which takes precedence."""
    from fastapi.testclient import TestClient

    from exportctl.api.app import create_app
    from exportctl.store.keys import create_key

    monkeypatch.setenv("EXPORTCTL_AUDIT_DIR", str(tmp_path / "audit"))
    monkeypatch.setenv("EXPORTCTL_DATA_DIR", str(tmp_path / "data"))
    app = create_app(f"sqlite:///{tmp_path / 'api.db'}")
    _, token = create_key(app.state.engine, "review", "read")
    c = TestClient(app, raise_server_exceptions=False)
    c.headers["X-API-Key"] = token
    return c
