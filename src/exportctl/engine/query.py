"""Turning what a user typed into values the engine can trust (dates, regimes, amounts)."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import pycountry

from exportctl.errors import InputError
from exportctl.law.countries import CountryReading, read_country, resolve_country
from exportctl.law.regime import Regime

ACCEPTED_DATES = (
    "YYYY-M-D, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD, an ISO date-time (its date is used), "
    "2020年1月15日, a Japanese era date (令和2年1月15日, R2.1.15, 令和元年5月1日) or 2020년 1월 15일"
)
_YMD = re.compile(r"(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})\.?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_CJK = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_ERA = re.compile(
    r"(明治|大正|昭和|平成|令和|[mtshr])\s*(元|\d{1,2})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?"
)
#: A date in any numeric form, then a time of day and perhaps a UTC offset (ISO 8601, or Excel's
#: "2020/1/15 9:00" in a Japanese CSV).
_DATETIME = re.compile(
    r"(?P<date>[\d/.\-]+)[t ]\s*(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)(?P<zone>z|[+-]\d{2}:?\d{2})?"
)


@dataclass(frozen=True)
class Era:
    """A Japanese era: its names and the Gregorian days it spans (both inclusive)."""

    name: str
    kanji: str
    letter: str
    start: dt.date
    end: dt.date | None


#: Meiji starts on 1873-01-01 here, not on 1868-10-23: Japan counted days on the lunisolar calendar
#: until Meiji 5-12-02, so a Meiji 1-5 "month and day" is not a Gregorian one and cannot be mapped
#: by arithmetic. No export-control question reaches back that far.
ERAS = (
    Era("Meiji", "明治", "m", dt.date(1873, 1, 1), dt.date(1912, 7, 29)),
    Era("Taisho", "大正", "t", dt.date(1912, 7, 30), dt.date(1926, 12, 24)),
    Era("Showa", "昭和", "s", dt.date(1926, 12, 25), dt.date(1989, 1, 7)),
    Era("Heisei", "平成", "h", dt.date(1989, 1, 8), dt.date(2019, 4, 30)),
    Era("Reiwa", "令和", "r", dt.date(2019, 5, 1), None),
)
_ERA_BY_NAME = {key: e for e in ERAS for key in (e.kanji, e.letter)}
_ERA_FIRST_YEAR = {"Meiji": 1868}  # Meiji 1 is 1868 even though the Gregorian days start in Meiji 6


def _calendar_day(year: int, month: int, day: int, text: str, what: str) -> dt.date:
    """The day, or a one-line error saying which part is impossible (never Python's wording)."""
    if not 1 <= month <= 12:
        raise InputError(f"impossible {what} {text!r}: there is no month {month}")
    last = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if not 1 <= day <= last:
        raise InputError(f"impossible {what} {text!r}: {calendar.month_name[month]} {year} has {last} days")
    if not 1 <= year <= 9999:
        raise InputError(f"impossible {what} {text!r}: year {year} is out of range")
    return dt.date(year, month, day)


def _era_day(m: re.Match[str], text: str, what: str) -> dt.date:
    era = _ERA_BY_NAME[m.group(1)]
    n = 1 if m.group(2) == "元" else int(m.group(2))
    if n < 1:
        raise InputError(f"impossible {what} {text!r}: era years start at 1 (元年)")
    first_year = _ERA_FIRST_YEAR.get(era.name, era.start.year)
    day = _calendar_day(first_year + n - 1, int(m.group(3)), int(m.group(4)), text, what)
    written = f"{era.kanji}{n}年{int(m.group(3))}月{int(m.group(4))}日 ({era.name} {n})"
    if day < era.start:
        began = f"the {era.name} era began on {era.start.isoformat()}"
        if era.name == "Meiji":
            began = "1873-01-01: Meiji dates before 1873 are on the lunisolar calendar and are not read"
        raise InputError(f"impossible {what} {text!r}: {written} would be {day.isoformat()}, before {began}")
    if era.end is not None and day > era.end:
        raise InputError(
            f"impossible {what} {text!r}: {written} would be {day.isoformat()}, "
            f"after the {era.name} era ended on {era.end.isoformat()}"
        )
    return day


def _numeric_day(text: str, what: str, raw: str | None = None) -> dt.date | None:
    """A Gregorian year-month-day in one of the numeric forms, or None if the text is none of them."""
    for pattern in (_YMD, _CJK):
        m = pattern.fullmatch(text)
        if m:
            y, mo, d = (g for g in m.groups() if g is not None and g.isdigit())
            return _calendar_day(int(y), int(mo), int(d), raw or text, what)
    m = _COMPACT.fullmatch(text)
    if m:
        return _calendar_day(int(m.group(1)), int(m.group(2)), int(m.group(3)), raw or text, what)
    return None


def _datetime_day(m: re.Match[str], raw: str, what: str) -> dt.date | None:
    """The date of a date-time, once both its date and its time are known to be real."""
    day = _numeric_day(m.group("date"), what, raw)
    if day is None:
        return None
    try:
        hour, rest = m.group("time").split(":", 1)
        dt.time.fromisoformat(f"{hour.zfill(2)}:{rest.replace(',', '.')}")
    except ValueError:
        raise InputError(f"invalid {what} {raw!r}: the time after the date is not a valid time of day") from None
    return day


def knowledge_date(value: str | None, regimes: Mapping[str, Regime] | None = None) -> dt.date | None:
    """A ``--known-on`` day as the shells read it: left out or blank, none (the law as published
    today); otherwise :func:`parse_date`. One reading for the CLI's screen and impact and the API's
    screen, as ``CheckQuery`` reads a blank ``known_on`` for check. With ``regimes``, a day before
    any of their records is refused (:func:`refuse_before_records`): a run answers every regime's lines."""
    day = parse_date(value, "knowledge date") if value is not None and value.strip() else None
    for regime in (regimes or {}).values():
        refuse_before_records(regime, None, day)
    return day


def parse_date(value: str | dt.date, what: str = "date") -> dt.date:
    """A calendar day from the forms people in Japan and Korea write (see ``ACCEPTED_DATES``).

    The text is NFKC-normalised first, so full-width digits (２０２０／１／１５) and the era ligatures
    (㋿, ㍻) read as their plain forms. An ISO date-time gives its own calendar date, unconverted:
    the law takes effect on local days, and the date someone wrote next to a time is the local day
    they meant; converting a UTC offset to another zone would move the shipment to a day they did
    not write. Impossible days and era dates outside their era are refused by name, in one line.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = str(value).strip()
    text = unicodedata.normalize("NFKC", raw).strip().casefold()
    day = _numeric_day(text, what, raw)
    if day is not None:
        return day
    m = _ERA.fullmatch(text)
    if m:
        return _era_day(m, raw, what)
    m = _DATETIME.fullmatch(text)
    if m:
        day = _datetime_day(m, raw, what)
        if day is not None:
            return day
    raise InputError(f"invalid {what} {raw!r}: use YYYY-MM-DD or another accepted form: {ACCEPTED_DATES}")


def parse_time(value: str, what: str = "time of shipment") -> str:
    """Local time of day as HH:MM (24-hour), for the law's changes that took effect within a day."""
    text = str(value).strip()
    try:
        t = dt.time.fromisoformat(plain(text))  # １７：００ as typed with a Japanese or Korean input method
    except ValueError as exc:
        raise InputError(f"invalid {what} {text!r}: use HH:MM (24-hour, local time)") from exc
    return f"{t.hour:02d}:{t.minute:02d}"


def regime_for(regimes: dict[str, Regime], exporter: str) -> Regime:
    code = exporter.strip().upper()
    if code in regimes:
        return regimes[code]
    with contextlib.suppress(InputError):
        # "Korea" as an exporter can only be KR: North Korea has no regime here to be confused with.
        code = read_country(exporter).code
    if code in regimes:
        return regimes[code]
    raise InputError(f"no export-control regime for jurisdiction {exporter!r}", sorted(regimes))


def destination_reading(regime: Regime, text: str) -> CountryReading:
    """The destination as read, with a note when the name was ambiguous (for the answer's notices)."""
    reading = read_country(text)
    if reading.code == regime.jurisdiction:
        raise InputError(f"destination {text!r} is the exporting jurisdiction itself; an export needs another country")
    return reading


def destination_code(regime: Regime, text: str) -> str:
    """The destination's code where no warning can be carried: an ambiguous name is refused."""
    code = resolve_country(text)
    destination_reading(regime, code)
    return code


#: The longest texts a query takes (the API's and the CLI's ``CheckQuery``, and a batch line):
#: longer is no name of a country or an item, and reading it for suggestions would hold a shared
#: server for seconds (an unknown item's suggestions are ranked over all of its text).
MAX_EXPORTER, MAX_DESTINATION, MAX_ITEM, MAX_DATE = 64, 128, 256, 64


def too_long(what: str, text: str, limit: int) -> InputError | None:
    """The error for ``text`` past ``limit`` characters, named as the query names it, or ``None``."""
    if len(text) <= limit:
        return None
    return InputError(f"{what} is {len(text):,} characters long; at most {limit} are read")


#: The end uses a query may state (``None``: none stated).
END_USE_NAMES = ("wmd", "conventional", "civil")


#: Full-width forms of ASCII (U+FF01-U+FF5E) and the ideographic space, as ASCII.
_FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def plain(text: str) -> str:
    """A code or amount as typed with a Japanese or Korean input method on, read plainly: full-width
    letters, digits and signs as ASCII, spaces around it dropped.

    Why not NFKC (as dates are read): it also reads ² as 2 and ① as 1, and an amount typed as
    ``10⁵`` would become 105.
    """
    return text.translate(_FULL_WIDTH).strip()


def read_end_use(value: str | None) -> str | None:
    """An end use as people type it (any case, full width); blank: none stated."""
    if value is None:
        return None
    key = plain(value).lower()
    if not key:
        return None
    if key not in END_USE_NAMES:
        raise InputError(f"unknown end use {value!r}", list(END_USE_NAMES))
    return key


def read_currency(value: str | None) -> str | None:
    """A currency code as people type it (any case, full width); blank: none given."""
    if value is None:
        return None
    return plain(value).upper() or None


class JsonNumber(float):
    """A JSON number written with a fraction or an exponent, with its text as written (``literal``).

    Why: ``1e3`` and ``1000.0`` are the same float once parsed, but ``check --value 1e3`` is
    refused and ``--value 1000.0`` is 1000. The API's body reader (``api/body.py``) keeps the text
    so that :func:`read_amount` reads a JSON value exactly as the CLI reads the same characters.
    """

    literal: str

    def __new__(cls, literal: str) -> JsonNumber:
        number = super().__new__(cls, literal)
        number.literal = literal
        return number


def read_amount(value: object) -> object:
    """Any amount as ``check --value`` reads its text (:func:`whole_amount`), so that the CLI, the
    API and Python callers accept and refuse the same values with the same words: a JSON ``1e3``
    or ``1.5e3`` is refused as the CLI refuses ``1e3``, ``1000.0`` is 1000 in both, ``-5`` is "not
    a whole non-negative amount" and ``10**30`` "at most 1,000,000,000,000,000" in both. Anything
    else (a list, None) goes on as it came, for the query's own validation."""
    if isinstance(value, bool):  # JSON true is no amount (pydantic would read it as 1)
        raise ValueError(NOT_WHOLE)
    if isinstance(value, JsonNumber):
        return whole_amount(value.literal)
    if isinstance(value, float):  # a float from Python (or a JSON reader that kept no text): its shortest text
        return whole_amount(repr(value))
    if isinstance(value, int):
        return whole_amount(str(value)) if value < 0 or value > MAX_VALUE else value
    return whole_amount(value) if isinstance(value, str) else value


#: The largest contract value an answer reads (a thousand trillion, in the regime's currency): a
#: larger one is a slip of the keyboard, not a shipment, and every ceiling lies far below it.
MAX_VALUE = 10**15

NOT_WHOLE = "value must be a whole non-negative amount"
#: Digits in groups of three after a separator: ``1,500,000``, ``1 500 000``, ``1'500``, ``1_000`` and
#: ``500.000`` (a dot before exactly three digits reads as a separator as often as a decimal point).
_GROUPED = re.compile(r"\d{1,3}(?:([,_' \u00a0])\d{3}(?:\1\d{3})*(?:\.0+)?|\.\d{3}(?:\.\d{3})*)")
TOO_LARGE = f"value must be at most {MAX_VALUE:,} (a whole amount in the regime's currency)"


def whole_amount(text: str) -> int:
    """An amount as people type it, for ``check`` and the batch alike: digits of any script Python
    reads as decimal digits (500, ５００, ٥٠٠), an optional ``+`` (or ``-`` before 0), and ``.0``
    after a whole amount (``500.0``, as spreadsheets write whole numbers); full-width signs as
    ASCII (:func:`plain`).

    Raises ``ValueError`` (:data:`NOT_WHOLE` or :data:`TOO_LARGE`) for anything else: negative
    amounts, fractions, exponents, separators (``1,000``, ``1_000``), superscripts (``10⁵``) and
    amounts past :data:`MAX_VALUE`.
    """
    t = plain(text)
    sign, t = (t[0], t[1:]) if t[:1] in ("+", "-") else ("", t)
    grouped = _GROUPED.fullmatch(t.strip()) if sign != "-" else None  # a negative amount is refused as one
    if grouped and not (t.strip().startswith("0") and not t.strip().replace(".", "").strip("0")):
        # Named, not just refused: "1,500,000" is how Tokyo and Seoul write amounts, and "500.000" is
        # 500 to one reader and 500,000 to another, which can decide a small-value exemption (S27-5).
        joined = re.sub(r"\D", "", t.split(".")[0] if grouped.group(1) else t)
        if t.strip().count(".") == 1 and not grouped.group(1):
            whole = t.strip().split(".")[0]
            raise ValueError(
                f"value {text.strip()!r} reads as {joined} with a thousands separator or as {whole} with decimals;"
                " write the amount in digits only"
            )
        raise ValueError(
            f"value {text.strip()!r} has a thousands separator; write the amount in digits only ({joined})"
        )
    digits, dot, zeros = t.partition(".")
    if not digits.isdecimal() or (dot and (not zeros or zeros.strip("0"))):
        raise ValueError(NOT_WHOLE)
    # Leading zeros of any script dropped, so that a thousand-digit amount is too large rather
    # than past int()'s digit limit (a ValueError in Python's words).
    first = next((n for n, c in enumerate(digits) if unicodedata.decimal(c) != 0), len(digits))
    if len(digits) - first > len(str(MAX_VALUE)):
        raise ValueError(NOT_WHOLE if sign == "-" else TOO_LARGE)
    amount = int(digits[first:] or "0")
    if sign == "-" and amount:  # -0 is 0, as every integer reader takes it
        raise ValueError(NOT_WHOLE)
    if amount > MAX_VALUE:
        raise ValueError(TOO_LARGE)
    return amount


def before_records(regime: Regime, day: dt.date, what: str = "") -> InputError | None:
    """The refusal for a day before the first law the regime's data holds, or ``None``.

    Why refuse: before that day the data has no record of the law (no catch-all, no group list,
    no list as then in force), so any answer, "no licence" among them, would come from a gap. A
    knowledge date (``what``) before it is refused alike: the law as known then is empty, and an
    empty law answers "not controlled" (the session review of 2026-12-05, S24-1).
    """
    first = regime.info.coverage.from_
    if day >= first:
        return None
    named = f"{what} {day}" if what else str(day)
    return InputError(
        f"{named} is before {regime.jurisdiction}'s records: the data holds {regime.jurisdiction}'s law from "
        f"{first} ({regime.info.coverage.from_because.strip()}); ask for {first} or later"
    )


def refuse_before_records(regime: Regime, day: dt.date | None, known_on: dt.date | None = None) -> None:
    """Raise :func:`before_records`'s refusal for a shipment day or a knowledge date before the records."""
    for when, what in ((day, ""), (known_on, "knowledge date")):
        if when is not None and (early := before_records(regime, when, what)) is not None:
            raise early


def reads_value(regime: Regime) -> bool:
    """Whether any answer of ``regime`` reads a shipment's value: only its small-value exemptions do.

    Why: Korea's small-value exemption is named in a caution and not applied, so its answers are
    the same with any value or none; a Korean file with values in won is not refused for that
    (session review S27-4).
    """
    return bool(regime.exemptions)


def unread_value(regime: Regime, currency: str | None) -> str | None:
    """What to tell a user whose value, in another currency than the regime's, was not used."""
    code = read_currency(currency)
    if code is None or code == regime.info.currency or reads_value(regime):
        return None
    return (
        f"the value in {code} was not used: {regime.jurisdiction}'s answers in this data read no value (its "
        "small-value exemption is named, not applied), so the answer is the same with or without it"
    )


def check_amount(regime: Regime, value: int | None, currency: str | None) -> int | None:
    """Amounts are integers in the regime's currency: exchange rates are not law we hold.

    A value in another currency is refused where the regime reads values, and read as no value
    where it reads none (:func:`unread_value` says so to the user).
    """
    code = read_currency(currency)
    if code is not None:
        if pycountry.currencies.get(alpha_3=code) is None:
            raise InputError(f"unknown currency {currency!r}: use an ISO 4217 code such as {regime.info.currency}")
        if value is None:
            raise InputError(f"currency {code} given without a value; give the value too")
        if code != regime.info.currency and not reads_value(regime):
            return None
        if code != regime.info.currency:
            raise InputError(
                f"value is in {code} but {regime.jurisdiction} ceilings are in {regime.info.currency}; "
                f"convert the value to {regime.info.currency} (exchange rates are not modelled)"
            )
    if value is not None and value < 0:
        raise InputError(f"value must not be negative (got {value})")
    return value
