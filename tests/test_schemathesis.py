"""schemathesis against /openapi.json of a live server: no generated request may cause a 5xx."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.live import live_server


def test_no_server_errors_on_generated_requests(tmp_path: Path) -> None:
    cli = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
    if not Path(cli).exists():
        pytest.skip("schemathesis not installed")
    with live_server(f"sqlite:///{tmp_path / 'fuzz.db'}") as base:
        proc = subprocess.run(
            [
                cli,
                "run",
                f"{base}/openapi.json",
                "--checks",
                "not_a_server_error",
                "--max-examples",
                "40",
                "--seed",
                "20261123",
                "--request-timeout",
                "30",
                "--suppress-health-check",
                "all",
            ],
            capture_output=True,
            text=True,
            timeout=900,
            cwd=tmp_path,  # schemathesis writes a .schemathesis/ cache in its working directory
        )
    tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-40:])
    assert proc.returncode == 0, tail
