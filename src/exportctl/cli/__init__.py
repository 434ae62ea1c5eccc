"""The ``exportctl`` command line (Typer + Rich), split by concern.

A thin shell over the service layer: parse, ask, print. ``--json`` prints the service's typed
answers, the same documents the API returns; errors are one line on stderr and exit 2, never a
traceback. Modules: ``common`` (app, options, errors), ``law`` (reads of the law), ``batch``,
``service`` (serve, db, audit, keys), ``intake`` (intake and proposals).
"""

from __future__ import annotations

import atexit
import gc
import signal
import sys

import typer

from exportctl.cli import batch, classify, intake, law, service  # noqa: F401  (commands register on import)
from exportctl.cli.common import app

__all__ = ["app", "main"]


def main() -> None:
    """Run the command line; a usage error is one line on stderr and exit status 2.

    Why not Typer's own handling: it draws usage errors as a boxed Rich panel of five lines
    under the usage text, which breaks the rule that every error is one line a script can log
    (issue 13). The message keeps Click's words, including its "Did you mean" suggestion.
    """
    atexit.register(_leave)
    # SIGTERM (a scheduler stopping the job, `kill`) unwinds as Ctrl-C does, so a run's output is
    # removed, not left as .part- files (session review S27-15); `serve` puts its own handler in place.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    code = _run()
    if code == INTERRUPTED:  # Typer answers Ctrl-C with exit status 130 and no word
        files = sys.modules.get("exportctl.batch.files")  # loaded by the commands that write files
        # What the interrupt caught before its `with` could remove it goes; outputs already whole stay,
        # and are named (session review S35B-1: the message said none was left).
        written = files.after_interrupt() if files is not None else []
        if written:
            print(
                "error: interrupted after the run's outputs were written whole: " + ", ".join(map(str, written)),
                file=sys.stderr,
            )
        else:
            print("error: interrupted; no output file of the run was left", file=sys.stderr)
    sys.exit(code if isinstance(code, int) else 0)


#: The exit status of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it).
INTERRUPTED = 130


def _leave() -> None:
    """At the process's exit: close the databases, then leave every object to the operating system.

    Why: the collector's last pass at exit walks every object left (the law's records, a run's tables)
    only to free memory the process is giving back anyway: ~0.4 s of a screening run. Frozen, they are
    not collected, so nothing may rely on a finalizer: the database engines are disposed of first (a
    SQLite file is complete on its own only once its last connection closed, :func:`dispose_all`).
    Registered with ``atexit`` rather than run when ``main`` returns, so a program that calls ``main``
    and goes on is not left with a frozen heap; atexit runs after the threads have finished and before
    the last collection.
    """
    db = sys.modules.get("exportctl.store.db")  # loaded by the commands that use a database, not imported here
    if db is not None:
        db.dispose_all()
    gc.freeze()


def _run() -> object:
    try:
        return app(prog_name="exportctl", standalone_mode=False)  # the same name under python -m
    except typer.TyperException as exc:  # Click's usage and parameter errors (Typer bundles Click)
        ctx = getattr(exc, "ctx", None)
        path = ctx.command_path if ctx is not None else "exportctl"
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        hint = f" (see '{path} --help')" if ctx is not None else ""
        if message.strip():  # empty after no arguments: the help was printed instead
            print(f"error: {path}: {message}{hint}", file=sys.stderr)
        sys.exit(getattr(exc, "exit_code", 2))
    except typer.Abort:
        print("error: aborted", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM outside Typer's own handling
        return INTERRUPTED
