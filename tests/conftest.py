from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exportctl.law.loader import load_regimes, shipped_regimes_dir
from exportctl.law.regime import Regime


@pytest.fixture(scope="session")
def regimes() -> dict[str, Regime]:
    return load_regimes()


@pytest.fixture()
def regime_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped regime data, for tests that break it on purpose."""
    dest = tmp_path / "regimes"
    shutil.copytree(shipped_regimes_dir(), dest)
    return dest
