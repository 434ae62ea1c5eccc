"""Review 22 of ``exportctl serve`` (user report M5): a port or worker count that cannot be is
refused up front in one line, "serving on" is said only for an address the server holds, and a
port in use is one error line, not a log line and a traceback after the banner."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import exportctl


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(Path(exportctl.__file__).parents[1]),
        "HOME": str(tmp_path / "home"),
        "EXPORTCTL_DATA_DIR": str(tmp_path / "data"),
        "COLUMNS": "200",
    }


def _serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exportctl", "serve", *args],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    """A server in the background, its banner and log read from pipes."""
    return subprocess.Popen(
        [sys.executable, "-m", "exportctl", "serve", *args],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--port", "99999"], "'--port': Input should be less than or equal to 65535"),
        (["--port", "0"], "'--port': Input should be greater than or equal to 1"),
        (["--port", "-1"], "'--port': Input should be greater than or equal to 1"),
        (["--workers", "0"], "'--workers': Input should be greater than or equal to 1"),
        (["--workers", "-3"], "'--workers': Input should be greater than or equal to 1"),
    ],
)
def test_a_port_or_worker_count_that_cannot_be_is_refused_in_one_line(
    tmp_path: Path, args: list[str], needle: str
) -> None:
    """Fails before the fix: --port 99999 listened on 34463, --workers 0 was taken."""
    proc = _serve(tmp_path, *args)
    assert proc.returncode == 2 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], proc.stderr
    assert not (tmp_path / "data").exists()  # refused before the database is made


def test_a_port_in_use_is_one_line_and_no_banner(tmp_path: Path) -> None:
    """Fails before the fix: "serving on ..." was printed, then uvicorn's log line."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        proc = _serve(tmp_path, "--port", str(port))
    assert proc.returncode == 2 and "serving on" not in proc.stdout
    assert proc.stderr.strip() == f"error: cannot listen on 127.0.0.1:{port}: Address already in use"
    assert not (tmp_path / "data").exists()  # said before the database is touched


def test_serving_on_is_said_once_the_port_is_held(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = _start(tmp_path, "--port", str(port))
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith(f"exportctl serving on http://127.0.0.1:{port}")
        # the port is the server's from the moment it says so
        with socket.socket() as other, pytest.raises(OSError):
            other.bind(("127.0.0.1", port))
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


def test_an_ipv6_address_is_bracketed_in_the_banner(tmp_path: Path) -> None:
    """Newcomer review 22 (L4): `serve --host ::1` said "http://::1:PORT", no URL (failed before)."""
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
            port = probe.getsockname()[1]
    except OSError:
        pytest.skip("no IPv6 loopback on this machine")
    proc = _start(tmp_path, "--host", "::1", "--port", str(port))
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith(f"exportctl serving on http://[::1]:{port}")
    finally:
        proc.terminate()
        proc.communicate(timeout=30)
