"""What every command shares: the Typer app, consoles, common options, clean one-line errors,
and the service over the law bundle (docs/design.md, "Shells")."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import ValidationError
from rich.console import Console

from exportctl.bundle import load_bundle
from exportctl.errors import ExportctlError
from exportctl.extras import missing_extra
from exportctl.law.regime import Regime
from exportctl.service import Service
from exportctl.settings import Settings

app = typer.Typer(
    name="exportctl",
    help="Export-control rules as code: licence outcomes, group status and legal history, with citations.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])

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


def fail_cleanly(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ExportctlError as exc:
            err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
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

    return wrapper  # type: ignore[return-value]


def settings_for(path: Path | None, database: str | None = None) -> Settings:
    return Settings.from_env(path, database)


def service_for(path: Path | None, database: str | None = None) -> Service:
    """The service over the law bundle (curated regimes + accepted overlays); reads write nothing."""
    from exportctl.intake.proposals import open_store

    settings = settings_for(path, database)
    return Service(load_bundle(settings), open_store(settings, create=False))


def bundle_regimes(path: Path | None, database: str | None = None) -> dict[str, Regime]:
    """The law bundle's regimes: shipped (or given) regimes with accepted overlays; reads write nothing."""
    return dict(load_bundle(settings_for(path, database)).regimes)


def emit(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
