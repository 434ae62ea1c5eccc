"""Turning what a user typed into values the engine can trust (dates, regimes, amounts)."""

from __future__ import annotations

import contextlib
import datetime as dt

import pycountry

from exportctl.errors import InputError
from exportctl.law.countries import resolve_country
from exportctl.law.regime import Regime


def parse_date(value: str | dt.date, what: str = "date") -> dt.date:
    """ISO dates only (YYYY-MM-DD): one format, and impossible dates are refused by name."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        parts = text.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            raise InputError(f"impossible {what} {text!r}: {exc}") from exc
        raise InputError(f"invalid {what} {text!r}: use YYYY-MM-DD") from exc


def parse_time(value: str, what: str = "time of shipment") -> str:
    """Local time of day as HH:MM (24-hour), for the law's changes that took effect within a day."""
    text = str(value).strip()
    try:
        t = dt.time.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"invalid {what} {text!r}: use HH:MM (24-hour, local time)") from exc
    return f"{t.hour:02d}:{t.minute:02d}"


def regime_for(regimes: dict[str, Regime], exporter: str) -> Regime:
    code = exporter.strip().upper()
    if code in regimes:
        return regimes[code]
    with contextlib.suppress(InputError):
        code = resolve_country(exporter)
    if code in regimes:
        return regimes[code]
    raise InputError(f"no export-control regime for jurisdiction {exporter!r}", sorted(regimes))


def destination_code(regime: Regime, text: str) -> str:
    code = resolve_country(text)
    if code == regime.jurisdiction:
        raise InputError(f"destination {text!r} is the exporting jurisdiction itself; an export needs another country")
    return code


def check_amount(regime: Regime, value: int | None, currency: str | None) -> int | None:
    """Amounts are integers in the regime's currency: exchange rates are not law we hold."""
    if currency is not None:
        if pycountry.currencies.get(alpha_3=currency.upper()) is None:
            raise InputError(f"unknown currency {currency!r}: use an ISO 4217 code such as {regime.info.currency}")
        if value is None:
            raise InputError(f"currency {currency.upper()} given without a value; give the value too")
        if currency.upper() != regime.info.currency:
            raise InputError(
                f"value is in {currency.upper()} but {regime.jurisdiction} ceilings are in {regime.info.currency}; "
                f"convert the value to {regime.info.currency} (exchange rates are not modelled)"
            )
    if value is not None and value < 0:
        raise InputError(f"value must not be negative (got {value})")
    return value
