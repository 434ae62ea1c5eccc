"""The ``exportctl`` command line (Typer + Rich), split by concern.

A thin shell over the service layer: parse, ask, print. ``--json`` prints the service's typed
answers, the same documents the API returns; errors are one line on stderr and exit 2, never a
traceback. Modules: ``common`` (app, options, errors), ``law`` (reads of the law), ``batch``,
``service`` (serve, db, audit, keys), ``intake`` (intake and proposals).
"""

from __future__ import annotations

from exportctl.cli import batch, classify, intake, law, service  # noqa: F401  (commands register on import)
from exportctl.cli.common import app

__all__ = ["app", "main"]


def main() -> None:
    app()
