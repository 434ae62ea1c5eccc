"""exportctl: export-control rules as code.

The law is data (dated, cited YAML under ``exportctl/regimes``), the engine is pure code over
it, and these functions are the Python interface. Each answers from the shipped regimes unless
``regimes`` is given (see :func:`load_regimes`).

>>> from exportctl import determine
>>> determine("JP", "KR", "hydrogen fluoride", "2020-01-15").routes
['individual']
"""

from __future__ import annotations

import datetime as dt

from exportctl.engine.determine import determine_in
from exportctl.engine.history import diff_in, status_in, timeline_in
from exportctl.engine.results import Determination, DiffResult, EndUse, Interval, StatusResult
from exportctl.errors import ExportctlError, InputError, RegimeError
from exportctl.law.loader import load_regimes
from exportctl.law.regime import Regime

__all__ = [
    "Determination",
    "DiffResult",
    "ExportctlError",
    "InputError",
    "Interval",
    "RegimeError",
    "StatusResult",
    "determine",
    "diff",
    "load_regimes",
    "status",
    "timeline",
]

__version__ = "0.1.0"


def determine(
    exporter: str,
    destination: str,
    item: str,
    on: str | dt.date,
    *,
    value: int | None = None,
    currency: str | None = None,
    end_use: EndUse | None = None,
    informed: bool = False,
    known_on: str | dt.date | None = None,
    at: str | None = None,
    regimes: dict[str, Regime] | None = None,
) -> Determination:
    """May ``item`` be shipped from ``exporter`` to ``destination`` on ``on``, under which licence, and why.

    ``value`` is an integer amount in the exporter's currency (small-value exemptions);
    ``end_use`` and ``informed`` drive the catch-all; ``known_on`` shows the law as published by
    that day (announced drafts become warnings); ``at`` is the local time of shipment (HH:MM),
    for the law's changes that took effect within a day.
    """
    return determine_in(
        regimes or load_regimes(),
        exporter,
        destination,
        item,
        on,
        value=value,
        currency=currency,
        end_use=end_use,
        informed=informed,
        known_on=known_on,
        at=at,
    )


def status(
    exporter: str,
    country: str,
    on: str | dt.date,
    *,
    known_on: str | dt.date | None = None,
    regimes: dict[str, Regime] | None = None,
) -> StatusResult:
    """The groups ``country`` belongs to under ``exporter``'s law on ``on``."""
    return status_in(regimes or load_regimes(), exporter, country, on, known_on)


def timeline(
    exporter: str, country: str, *, known_on: str | dt.date | None = None, regimes: dict[str, Regime] | None = None
) -> list[Interval]:
    """The full history of ``country``'s groups under ``exporter``'s law, as intervals."""
    return timeline_in(regimes or load_regimes(), exporter, country, known_on)


def diff(
    exporter: str, start: str | dt.date, end: str | dt.date, *, regimes: dict[str, Regime] | None = None
) -> DiffResult:
    """What changed in ``exporter``'s law after ``start`` up to and including ``end``."""
    return diff_in(regimes or load_regimes(), exporter, start, end)
