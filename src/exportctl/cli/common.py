"""What every command shares: the Typer app, consoles, common options, clean one-line errors,
and the service over the law bundle (docs/design.md, "Shells")."""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from exportctl.bundle import load_bundle
from exportctl.errors import ExportctlError, InputError, UnknownItem
from exportctl.extras import missing_extra
from exportctl.law.regime import Regime
from exportctl.service import Service
from exportctl.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])

_PLACEHOLDERS = {"str": "TEXT", "int": "INTEGER", "float": "FLOAT", "path": "PATH", "int range": "INTEGER"}


class _PlainOption(TyperOption):
    """An option whose help shows a value placeholder only when it takes a value.

    Why (issue 13): Typer's Rich help printed ``<bool>`` after every flag and ``<str>`` after
    every option. A flag shows nothing; an option taking a value shows Click's conventional
    placeholder (``TEXT``, ``INTEGER``, ``PATH``).
    """

    def display_type_rich(self, ctx: Any) -> str | None:
        if self.metavar is not None:
            return self.metavar
        if self.is_flag or self.count:
            return None
        label = str(self.display_type(ctx)).strip("<>")
        repeated = label.startswith("list[")
        if repeated:
            label = label[len("list[") : -1]
        return _PLACEHOLDERS.get(label, label.upper()) + ("..." if repeated else "")


class _PlainArgument(TyperArgument):
    """An argument shown by its upper-case name and help text, without a ``<str>`` type column."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def _plain(params: list[Any]) -> list[Any]:
    """Give Typer's parameters the plain help display (see :class:`_PlainOption`).

    Typer builds its parameter objects itself and offers no hook for their class, so the class of
    each built parameter is narrowed to a subclass that only overrides how its type is shown.
    """
    for p in params:
        if type(p) is TyperOption:
            p.__class__ = _PlainOption
        elif type(p) is TyperArgument:
            p.__class__ = _PlainArgument
            if p.metavar is None and p.name:
                p.metavar = p.name.upper()  # as the docstrings name them: EXPORTER, COUNTRY
    return params


def plain_help(text: str | None) -> str | None:
    """A docstring as ``--help`` should show it: paragraphs reflowed, reStructuredText's ````x```` as x.

    Why (review 22, L6): Typer joins the lines of a command's first paragraph but keeps the line
    breaks of the others, so ``serve --help`` broke sentences where the source did ("``--host`` when
    it is a" / "name or address") and printed the literal double backquotes meant for Sphinx.
    A paragraph starting with Click's ``\b`` keeps its lines.
    """
    if not text:
        return text
    paragraphs = inspect.cleandoc(text).split("\n\n")
    flowed = [p if p.startswith("\b") else " ".join(p.split()) for p in paragraphs]
    return re.sub(r"``([^`]+)``", r"\1", "\n\n".join(flowed))


class PlainCommand(TyperCommand):
    """A command whose ``--help`` has no type noise (see :class:`_PlainOption`) and no RST markup."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = plain_help(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))


class PlainGroup(TyperGroup):
    """A command group whose ``--help`` has no type noise (see :class:`_PlainOption`) and no RST markup."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = plain_help(self.help)

    def get_params(self, ctx: Any) -> list[Any]:
        return _plain(super().get_params(ctx))


class App(typer.Typer):
    """``typer.Typer`` whose commands and groups default to the plain-help classes above."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", PlainGroup)
        super().__init__(**kwargs)

    def command(self, name: str | None = None, **kwargs: Any) -> Callable[[F], F]:
        kwargs.setdefault("cls", PlainCommand)
        return super().command(name, **kwargs)


app = App(
    name="exportctl",
    help="Export-control rules as code: licence outcomes, group status and legal history, with citations.",
    no_args_is_help=True,
    add_completion=True,
)
# Data (warnings, citations, titles, file names) is printed literally: never read as Rich markup
# ("[reported]" vanished as a style tag) or emoji codes (":A:" became an emoji). Colour is left to
# Rich's own detection, so NO_COLOR and pipes give plain text.
console = Console(markup=False, emoji=False)
err = Console(stderr=True, markup=False, emoji=False)


def _print_version(value: bool) -> None:
    """``--version``: the program's version and the version of the law it ships.

    Why the law too: an answer's meaning depends on both. Only the shipped regime files are read
    (no database, nothing written); damaged data still leaves the program version printable.
    """
    if not value:
        return
    from exportctl import __version__
    from exportctl.law.loader import bundle_version, load_regimes

    line = f"exportctl {__version__}"
    with contextlib.suppress(ExportctlError, OSError):
        line += f" (shipped law bundle {bundle_version(load_regimes())})"
    console.print(line, highlight=False)
    raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit", is_eager=True, callback=_print_version),
    ] = False,
) -> None:
    """Export-control rules as code: licence outcomes, group status and legal history, with citations."""


RegimesOpt = Annotated[
    Path | None,
    typer.Option("--regimes", help="Folder of regime data (default: shipped data)", envvar="EXPORTCTL_REGIMES"),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON")]
DatabaseOpt = Annotated[
    str | None,
    typer.Option(
        "--database", help="Database URL (default: SQLite in the user data dir)", envvar="EXPORTCTL_DATABASE_URL"
    ),
]
KnownOpt = Annotated[
    str | None,
    typer.Option("--known-on", help="The law as published by this date; announced drafts become warnings"),
]


def printable(text: str) -> str:
    """``text`` without control characters: each written as its escape (``\\x1b``), as repr does.

    Why: an error quotes what the user gave (a file name, a column, a country); a control
    character in it (an escape sequence, a bell, a line break) would act on the terminal or
    break the error's one line instead of showing what is wrong.
    """
    if text.isprintable():
        return text
    return "".join(f"\\x{ord(ch):02x}" if unicodedata.category(ch) == "Cc" else ch for ch in text)


def fail_cleanly(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ExportctlError as exc:
            # An unknown item points at the catch-all in the command line's own terms.
            message = exc.said(f"--item {UnknownItem.CATCH_ALL}") if isinstance(exc, UnknownItem) else str(exc)
            err.print(f"error: {printable(message)}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            err.print(
                f"error: invalid {where} {first.get('input')!r}: {first['msg']}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(2) from None
        except ModuleNotFoundError as exc:
            missing = missing_extra(exc)
            if missing is None:
                raise
            err.print(f"error: {missing}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        except BrokenPipeError:
            # The reader has gone (``| head``): nothing is wrong with the command, and there is no one
            # left to tell (review 22, L13: "error: Broken pipe"). Quiet, with the status a process
            # stopped by SIGPIPE has; stdout goes to devnull so the exit's flush does not fail again.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(141) from None
        except OSError as exc:
            err.print(f"error: {printable(os_error_line(exc))}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def os_error_line(exc: OSError) -> str:
    """One line for a file-system error: the path and the system's reason, not a traceback.

    Why: a missing file, a directory where a file was expected or a denied permission is the
    user's to fix; the Python class name and stack help nobody.
    """
    where = f"{exc.filename}: " if exc.filename else ""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{where}{reason}"


def writable_file(path: Path, option: str) -> None:
    """Refuse, as one line, an output path that is a folder or whose folder is missing.

    Why: checked before the work is done, so the user is not shown a result and then a traceback
    (``IsADirectoryError``) for the file it was meant to go to.
    """
    if path.is_dir():
        raise InputError(f"{option} {path} is a folder; give a file name")
    parent = path.parent
    if not parent.exists():  # a mistyped folder, far likelier than a wish to create one
        raise InputError(f"{option} {path}: folder {parent} does not exist")
    if not parent.is_dir():
        raise InputError(f"{option} {path}: {parent} is not a folder")


def settings_for(path: Path | None, database: str | None = None) -> Settings:
    return Settings.from_env(path, database)


def service_for(path: Path | None, database: str | None = None) -> Service:
    """The service over the law bundle (curated regimes + accepted overlays); reads write nothing.

    The law's reads never touch the proposals themselves (``exportctl proposals`` opens the store
    for those), so the store is not opened here: that import alone was 0.15-0.2 s of a ``check``.
    """
    return Service(load_bundle(settings_for(path, database)))


def bundle_regimes(path: Path | None, database: str | None = None) -> dict[str, Regime]:
    """The law bundle's regimes: shipped (or given) regimes with accepted overlays; reads write nothing."""
    return dict(load_bundle(settings_for(path, database)).regimes)


def emit(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
