"""A throwaway PostgreSQL server for tests: temp directory, loopback port, trust auth.

CI (.ci/run) starts one and passes EXPORTCTL_TEST_PG_URL; on a developer machine with Debian's
server binaries the fixture starts its own. Runs as the ``postgres`` user when we are root
(initdb refuses root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(cmd: list[str], as_postgres: bool) -> None:
    if as_postgres:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)


@contextmanager
def postgres_server() -> Iterator[str]:
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("PostgreSQL server binaries not found")
    as_postgres = os.geteuid() == 0
    data = tempfile.mkdtemp(prefix="exportctl-pg-")
    if as_postgres:
        shutil.chown(data, "postgres", "postgres")
    port = _free_port()
    try:
        _run([initdb, "-D", data, "-A", "trust", "-U", "exportctl", "--no-sync"], as_postgres)
        _run(
            [
                pg_ctl,
                "-D",
                data,
                "-w",
                "-l",
                f"{data}/server.log",
                "-o",
                f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off",
                "start",
            ],
            as_postgres,
        )
        yield f"postgresql+psycopg://exportctl@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            (["runuser", "-u", "postgres", "--"] if as_postgres else [])
            + [pg_ctl, "-D", data, "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(data, ignore_errors=True)
