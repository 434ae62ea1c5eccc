"""Batch screening: order lines in, one answer or one rejection per line out.

Every input row comes out either as a result row (all its columns plus the answer) or as a
rejected row (all its columns plus ``error``): rows in = rows screened + rows rejected, each in
input order. Text columns are resolved per *distinct* value (an ERP export repeats a few hundred
destinations and items millions of times); the answer itself is integer gathers from the
compiled regime.

With ``audit=True`` (file screening) each result row also says how it was read and what the
answer rests on, so an auditor can check a line without running it again: ``item_id`` (the
entry the item was read as, e.g. ``jp:3(1)``), ``classified_as`` (the entry that governs it on
that day when that is another one, as in ``check``), ``destination_iso`` (``KR`` for 韓国),
``warning_kinds`` (the kinds of ``check``'s warnings on that line, see :func:`audit_periods`) and
``bundle_version``.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import math
import os
import re
import tempfile
import threading
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pycountry

from exportctl.engine.compiled import (
    ALL_COUNTRIES,
    END_USES,
    EPOCH_ZERO,
    LUT_FROM,
    LUT_TO,
    VARIANTS,
    CompiledRegime,
    DayIndex,
    IntArray,
    compiled,
    days,
    entry_signatures,
)
from exportctl.engine.determine import (
    Facts,
    confidence_notes,
    core_on,
    lapsed_time_limit_notes,
    outside_window_notes,
    reach,
    resolve_or_suggest,
    same_day_notes,
    stand_in_notes,
    standing,
    standing_changes,
    unreached_notes,
)
from exportctl.engine.knowledge import (
    as_announced_on,
    as_known_on,
    known_from,
    stand_ins,
    unsourced_days,
    with_stand_ins_begun,
)
from exportctl.engine.query import (
    MAX_DATE,
    MAX_DESTINATION,
    MAX_EXPORTER,
    MAX_ITEM,
    MAX_VALUE,
    NOT_WHOLE,
    TOO_LARGE,
    before_records,
    parse_date,
    plain,
    read_currency,
    reads_value,
    too_long,
    whole_amount,
)
from exportctl.engine.results import SourceRef
from exportctl.errors import ExportctlError, InputError
from exportctl.law.countries import read_country, resolve_country
from exportctl.law.loader import bundle_version
from exportctl.law.model import Caution, ControlEntry, Dated, SmallValueExemption
from exportctl.law.regime import Regime

REQUIRED = ("line_id", "exporter", "destination", "item", "ship_date")
OPTIONAL = ("value", "currency", "end_use", "informed")
#: Header names read as each key column besides its own: the names order lines are headed by in
#: Japan and Korea. The one table for every reader (CLI and API, every format); README lists it.
#: Any header name is compared as :func:`header_key` makes it: spaces around it trimmed, case,
#: width (ＬＩＮＥ＿ＩＤ) and inner spaces or hyphens for ``_`` (``Ship Date``) ignored.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "line_id": ("明細番号", "行番号", "라인번호", "행번호"),
    "exporter": ("輸出国", "수출국"),
    "destination": ("仕向地", "仕向国", "목적지", "도착국"),
    "item": ("品目", "貨物", "품목"),
    "ship_date": ("出荷日", "船積日", "선적일", "출하일"),
    "value": ("金額", "価額", "금액", "가액"),
    "currency": ("通貨", "통화"),
    "end_use": ("用途", "최종용도"),
    "informed": ("インフォーム", "통보"),
}
LIST_COLUMNS = ("needs", "refused", "routes", "exemptions", "destination_groups", "rule_ids")
#: ``needs`` and ``refused`` say what ``check`` headlines: a licence, an approval or both, and the
#: needed routes refused in principle (a line "licence_required" alone reads every approval, the
#: North Korea ban's among them, as a licence one may obtain: session review S25-5).
RESULT_COLUMNS = (
    "licence_required",
    "needs",
    "refused",
    "routes",
    "exemptions",
    "catch_all",
    "destination_groups",
    "rule_ids",
    "regime_version",
)
#: Added to each result row by ``audit=True``, after :data:`RESULT_COLUMNS`.
AUDIT_COLUMNS = ("item_id", "classified_as", "destination_iso", "warning_kinds", "cautions", "bundle_version")
#: The audit columns that hold lists (``;``-joined text in a compact file or a CSV).
AUDIT_LIST_COLUMNS = ("warning_kinds", "cautions")
#: A compact result row's answer (:class:`Audit` with ``compact=True``): whether a licence is
#: needed and the outcome's number in the run's table of outcomes (:meth:`Audit.outcome_table`).
COMPACT_COLUMNS = ("licence_required", "outcome")
#: The table of outcomes of a compact run: one row per outcome met, the answer's columns in full.
OUTCOME_TABLE_COLUMNS = ("outcome", "exporter", *RESULT_COLUMNS)

FORMATS = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xlsx": "xlsx",
}
#: Rows of one Excel sheet, the header included.
EXCEL_ROWS = 1_048_576
#: Where a chunk's lines are in their file: their places in the chunk (from 0) to the numbers a
#: reject names them by (``line N: ...``: a text file's line, a sheet's row, a Parquet row).
LineMap = Callable[["npt.NDArray[np.int64]"], "npt.NDArray[np.int64]"]
TRUE = {"true", "1", "yes", "y", "t"}
FALSE = {"false", "0", "no", "n", "f", ""}


@dataclass
class Summary:
    rows_in: int = 0
    screened: int = 0
    rejected: int = 0
    licence_required: int = 0
    #: What was assumed about the input (an encoding guessed, not certain): for the user's stderr.
    notes: list[str] = field(default_factory=list)

    def add(self, other: Summary) -> None:
        self.rows_in += other.rows_in
        self.screened += other.screened
        self.rejected += other.rejected
        self.licence_required += other.licence_required
        self.notes += [n for n in other.notes if n not in self.notes]

    def line(self) -> str:
        return (
            f"rows in: {self.rows_in:,}  screened: {self.screened:,}  rejected: {self.rejected:,}  "
            f"needing a licence or an approval: {self.licence_required:,}"
        )


def file_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"unsupported file type {path.suffix or '(none)'!r} for {path}", sorted(FORMATS))
    return fmt


def read_table(path: Path, sheet: str | None = None) -> pl.DataFrame:
    """Read CSV (all columns as text), Parquet, JSON Lines or an Excel workbook, by extension."""
    fmt = file_format(path)
    if not path.exists():
        raise InputError(f"input file not found: {path}")
    if sheet is not None and fmt != "xlsx":
        raise InputError(f"--sheet applies to Excel workbooks (.xlsx), not to {path.name}")
    try:
        if fmt == "csv":
            df = pl.read_csv(path, infer_schema=False)
        elif fmt == "parquet":
            df = pl.read_parquet(path)
        elif fmt == "xlsx":
            df = read_workbook(path, sheet)
        else:
            df = pl.read_ndjson(path, infer_schema_length=None)
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {str(exc).splitlines()[0]}") from exc
    require_columns(df.columns, str(path), fmt, path)
    df = with_key_names(df)
    return drop_blank(df) if fmt == "csv" else df  # under the key names: it looks for ``line_id``


def drop_blank(df: pl.DataFrame) -> pl.DataFrame:
    """A CSV frame (every column text) without its blank rows: every cell empty or spaces.

    Why: polars reads a blank line (or a line of commas) as a row of nulls, which came out as a
    ``missing line_id`` reject and counted in "rows in"; blank lines are no lines, as in JSON
    Lines and Excel. The ids are looked at first, so a chunk without a blank id costs one pass.
    """
    if "line_id" not in df.columns or df.schema["line_id"] != pl.Utf8:
        return df
    empty = [pl.col(c).is_null() | (pl.col(c).str.strip_chars() == "") for c in df.columns if df.schema[c] == pl.Utf8]
    if len(empty) != df.width or not df.select(empty[df.columns.index("line_id")].any()).item():
        return df
    return df.filter(~pl.all_horizontal(empty))


def header_row(path: Path, sheet: str) -> int:
    """The number Excel shows for the first row of ``sheet`` that holds a value (1 when unsure).

    Why: calamine reads a sheet from its first row with a value, so rows above the header do not
    show in the frame; a reject's ``line N`` must still be the row Excel shows. Read from the
    workbook's XML, stopping at that row (a sheet of a million rows is not read through).
    """
    import posixpath
    import xml.etree.ElementTree as ET
    import zipfile

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    try:
        with zipfile.ZipFile(path) as z:
            book = ET.fromstring(z.read("xl/workbook.xml"))
            rid = next(e.get(f"{rel}id") for e in book.iter(f"{main}sheet") if e.get("name") == sheet)
            links = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
            target = next(e.get("Target") for e in links if e.get("Id") == rid)
            assert target is not None
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            with z.open(name) as xml:
                for _, row in ET.iterparse(xml):
                    if row.tag == f"{main}row":
                        if any(c.find(f"{main}v") is not None or c.find(f"{main}is") is not None for c in row):
                            return int(row.get("r") or 1)
                        row.clear()
    except Exception:  # an answer about where lines are, never a reason to refuse the file
        return 1
    return 1


def read_workbook(path: Path, sheet: str | None = None) -> pl.DataFrame:
    """One sheet of an ``.xlsx`` workbook (:func:`read_sheet`), without its rows' numbers."""
    return read_sheet(path, sheet)[0]


def read_sheet(path: Path, sheet: str | None = None) -> tuple[pl.DataFrame, npt.NDArray[np.int64]]:
    """One sheet of an ``.xlsx`` workbook (the first unless named) with every cell as text.

    Read by calamine (through fastexcel), which reads cell values and never runs a formula: a
    formula cell gives the value Excel last saved for it. Every column is text, as in a CSV, so
    a line id ``007`` or a number like ``1e3`` stays as typed; a date cell reads as
    ``2020-01-15 00:00:00``, which the date reader takes. A sheet that is not there is refused
    with the sheets that are.
    """
    import fastexcel

    try:
        reader = fastexcel.read_excel(path)
    except Exception as exc:  # fastexcel's own errors share no base class with OSError
        raise InputError(f"cannot read {path}: {_first_line(exc)}") from exc
    names = list(reader.sheet_names)
    if not names:
        raise InputError(f"{path} has no sheet")
    if sheet is not None and sheet not in names:
        raise InputError(f"{path} has no sheet {sheet!r}", names, label="its sheets")
    try:
        frame = reader.load_sheet(sheet if sheet is not None else 0, dtypes="string").to_polars()
    except Exception as exc:
        raise InputError(f"cannot read sheet {sheet or names[0]!r} of {path}: {_first_line(exc)}") from exc
    assert isinstance(frame, pl.DataFrame)
    frame = frame.select(pl.all().cast(pl.Utf8))
    # The sheet's row numbers, as Excel shows them (blank rows are no lines): calamine starts at
    # the first row holding a value, the header's.
    first = header_row(path, sheet if sheet is not None else names[0])
    rows = np.arange(first + 1, frame.height + first + 1, dtype=np.int64)
    if not frame.width:
        return with_key_names(frame), rows
    frame, rows = _below_title_rows(frame, rows)
    filled = ~frame.select(pl.all_horizontal(pl.all().is_null())).to_series().to_numpy()
    return with_key_names(frame.filter(pl.Series(filled))), rows[filled]


#: Rows under the first one with a value in which a sheet's header is looked for (title rows,
#: a report date, blank rows above it).
TITLE_ROWS = 10


def _below_title_rows(frame: pl.DataFrame, rows: npt.NDArray[np.int64]) -> tuple[pl.DataFrame, npt.NDArray[np.int64]]:
    """The sheet read from its header row when title rows stand above it.

    Why: exports from ERP systems and hand-made sheets in Japan and Korea often open with a title
    (「輸出明細 2026年12月」) or a report date above the header; the sheet was refused for missing
    columns. When the first row with a value does not name every key column, the first of the next
    :data:`TITLE_ROWS` rows that does (read as :func:`header_renames` reads headers) becomes the
    header, and the rows above it are no lines; Excel's row numbers stay those of the sheet.
    """
    named = set(header_renames(frame.columns).values()) | set(frame.columns)
    if all(key in named for key in REQUIRED):
        return frame, rows
    head = frame.head(TITLE_ROWS).rows()
    for i, cells in enumerate(head):
        names = [str(v).strip() if v is not None else "" for v in cells]
        filled = [n for n in names if n]
        if len(set(filled)) != len(filled):
            continue  # a row naming a column twice is no header we can read
        try:
            keys = set(header_renames(filled).values()) | {n for n in filled if n in REQUIRED}
        except InputError:
            continue
        if all(key in keys for key in REQUIRED):
            columns = [n or f"column_{k + 1}" for k, n in enumerate(names)]
            body = frame.slice(i + 1)
            return body.rename(dict(zip(body.columns, columns, strict=True))), rows[i + 1 :]
    return frame, rows


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


# ------------------------------------------------------------------------------------ resolution


def _text(df: pl.DataFrame, name: str, n: int | None = None) -> pl.Series:
    """Column ``name`` as text; absent, ``n`` nulls (``df``'s height unless told: a chunk whose
    every other column came dictionary-encoded is an empty frame beside its ids)."""
    if name not in df.columns:
        return pl.Series(name, [None] * (df.height if n is None else n), dtype=pl.Utf8)
    s = df[name]
    if s.dtype == pl.Date:
        return s.dt.strftime("%Y-%m-%d")
    return s.cast(pl.Utf8, strict=False)


def is_text(t: pa.DataType) -> bool:
    """An Arrow string type, in any of its layouts."""
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t))


def dictionary_codes(encoded: pa.DictionaryArray) -> npt.NDArray[np.int32]:
    """Per row, its index into ``encoded``'s dictionary; a null row ``len(dictionary)``."""
    indices = encoded.indices
    if indices.null_count == 0 and indices.type == pa.int32():
        # The reader's own codes, as they are: no copy, no pass (most key columns have no null).
        data = indices.buffers()[1]
        assert data is not None
        return np.frombuffer(data, dtype=np.int32, count=len(indices), offset=indices.offset * 4)
    # Nulls filled by polars: pyarrow's own fill_null and to_numpy import pandas (0.2 s a run).
    return pl.Series(indices).fill_null(len(encoded.dictionary)).to_numpy().astype(np.int32, copy=False)


class Distinct:
    """A text column as integer codes into its distinct values (code ``len(values)`` = null).

    Everything about a value (is it a known country? which entry is it?) is worked out once per
    distinct value and then gathered per row with numpy: ERP extracts repeat a few hundred
    destinations and items millions of times.
    """

    def __init__(self, series: pl.Series | None = None, encoded: pa.DictionaryArray | None = None) -> None:
        """From a polars column, or from an Arrow column already dictionary-encoded (``encoded``,
        as a Parquet reader gives a dictionary-encoded column): then no value is hashed."""
        if encoded is None:
            assert series is not None
            # One hash pass (Arrow's dictionary encoding) gives both the distinct values and the
            # codes. Handed over as Arrow string views, polars' own layout: no copy of the text
            # on the way (the default export converts every value to a large string first).
            found = pc.dictionary_encode(series.to_arrow(compat_level=pl.CompatLevel.newest()))
            encoded = found.combine_chunks() if isinstance(found, pa.ChunkedArray) else found
        elif not is_text(encoded.dictionary.type):  # e.g. a pandas categorical of numbers: read as text
            encoded = pa.DictionaryArray.from_arrays(encoded.indices, encoded.dictionary.cast(pa.string()))
        # A reader's dictionary may hold a value twice or not at all in this chunk: harmless, each
        # value is resolved once per run (:meth:`resolve`'s memo).
        self.values = encoded.dictionary.to_pylist()
        self.codes = dictionary_codes(encoded)

    def resolve(
        self,
        fn: Callable[[str | None], tuple[int, str | None]],
        messages: Messages,
        memo: dict[str | None, tuple[int, str | None]] | None = None,
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]:
        """Per row: (value from ``fn``, error message index or -1).

        ``memo`` keeps ``fn``'s answers across the chunks of a run: a file's chunks repeat the
        same few thousand dates and countries, each worked out once instead of once a chunk.
        """
        memo = {} if memo is None else memo
        out, err = [], []
        for v in [*self.values, None]:
            found = memo.get(v)
            if found is None:
                try:
                    found = fn(v)
                except ExportctlError as exc:
                    found = (-1, str(exc))
                memo[v] = found
            value, problem = found
            out.append(value)
            err.append(messages.index(problem))
        return np.asarray(out, dtype=np.int64)[self.codes], _per_row(err, self.codes)


class Messages:
    """Error messages by index, so per-row errors are small integers until the very end."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._index: dict[str, int] = {}

    def index(self, text: str | None) -> int:
        if text is None:
            return -1
        if text not in self._index:
            self._index[text] = len(self.texts)
            self.texts.append(text)
        return self._index[text]

    def column(self, codes: npt.NDArray[np.int32]) -> pl.Series:
        table = pl.Series("error", [*self.texts, None], dtype=pl.Utf8)
        return table.gather(np.where(codes < 0, len(self.texts), codes))


@dataclass
class Prepared:
    """One chunk after validation: the frame, per-row error codes and the typed key columns."""

    df: pl.DataFrame
    error: npt.NDArray[np.int32]
    messages: Messages
    regime: npt.NDArray[np.int64]
    country: npt.NDArray[np.int64]
    entry: npt.NDArray[np.int64]
    ship_days: npt.NDArray[np.int64]
    variant: npt.NDArray[np.int64]
    value: npt.NDArray[np.int64]
    jurisdictions: list[str]
    #: Rows whose ``line_id`` came earlier in the input (this chunk or an earlier one).
    repeat: npt.NDArray[np.bool_] | None = None
    #: The chunk's ``line_id`` column as text (for :meth:`LineIds.repeats`, asked in chunk order):
    #: polars', or Arrow's as a Parquet file gave it (made a polars column only when hashed).
    line_id: pl.Series | pa.Array | None = None
    #: What the run's summary says of this chunk's lines (values not used: :func:`unread_value_note`).
    notes: list[str] = field(default_factory=list)


COUNTRY_INDEX = {c: i for i, c in enumerate(ALL_COUNTRIES)}


#: A check no line failed (most checks of most chunks): nothing per line to look at.
NO_ERRORS: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)


def _per_row(errors: list[int], codes: npt.NDArray[np.integer[Any]]) -> npt.NDArray[np.int32]:
    """Per row, the error message index of its distinct value (``errors``, -1: none);
    :data:`NO_ERRORS` when no distinct value has one."""
    found = np.asarray(errors, dtype=np.int32)
    return found[codes] if (found >= 0).any() else NO_ERRORS


def header_key(name: str) -> str:
    """A header name as it is compared with the key columns' names (:data:`COLUMN_ALIASES`)."""
    return re.sub(r"[\s\-]+", "_", unicodedata.normalize("NFKC", name).strip().casefold())


_KEY_OF = {header_key(a): key for key, aliases in COLUMN_ALIASES.items() for a in (key, *aliases)}


def key_of(name: str) -> str | None:
    """The key column a header name is read as (``None``: not a key column)."""
    return _KEY_OF.get(header_key(name))


def header_renames(columns: Sequence[str]) -> dict[str, str]:
    """{header name: key column} for each key column headed other than by its own name.

    Why: people head their columns ``LINE_ID``, `` exporter`` or ``明細番号``; refusing them was
    a refusal of the file for its spelling. A key column headed twice (``item`` and ``Item``) is
    refused, as :func:`_refuse_twice` refuses one named twice: which to read is not ours to guess.
    """
    renames: dict[str, str] = {}
    seen: dict[str, str] = {}
    for name in columns:
        key = _KEY_OF.get(header_key(name))
        if key is None:
            continue
        if key in seen:
            raise InputError(f"input has the column {key!r} twice (as {seen[key]!r} and {name!r}); keep one")
        seen[key] = name
        if key != name:
            renames[name] = key
    return renames


def with_key_names(df: pl.DataFrame) -> pl.DataFrame:
    """``df`` with its key columns under their own names (:func:`header_renames`)."""
    renames = header_renames(df.columns)
    return df.rename(renames) if renames else df


#: Names of the columns a missing-column error shows at most, and characters of each.
SHOWN_NAMES, SHOWN_CHARS = 12, 40


def _printable(name: str) -> str:
    """A header name fit for one line of a terminal: control characters as ``?``, long names cut."""
    text = "".join("?" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") else ch for ch in name)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _binary(names: Sequence[str]) -> bool:
    """Header names read from bytes that are not text: control characters or undecodable bytes."""
    text = "".join(names)
    return any(ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\r\n") for ch in text)


def binary_head(path: Path) -> bool:
    """Whether a text input's first bytes are not text: a NUL, or more than one in a hundred
    bytes a text never holds (control characters other than tab, line breaks and form feed)."""
    try:
        with path.open("rb") as f:
            head = f.read(1 << 12)
    except OSError:
        return False
    odd = sum(head.count(bytes([b])) for b in (*range(0, 9), 11, *range(14, 32), 127))
    return b"\0" in head or odd * 100 > len(head)


def lacks_columns(
    columns: Sequence[str], what: str, fmt: str | None = None, path: Path | None = None
) -> InputError | None:
    """Why an input (``what`` names it) whose header is ``columns`` cannot be screened, or ``None``.

    One short printable line, whatever the header holds: a file of binary content is said to be
    one (not hundreds of its bytes poured out as column names); a header that holds the key
    columns' names joined by ``;`` or a tab is told the delimiter must be a comma; otherwise the
    missing key columns with the names accepted for them, and a shortened list of those found.
    """
    have = {_KEY_OF.get(header_key(c)) for c in columns}
    missing = [c for c in REQUIRED if c not in have]
    if not missing:
        return None
    kind = {"csv": "CSV file", "jsonl": "JSON Lines file"}.get(fmt or "")
    if kind is not None and (_binary(columns) or (path is not None and binary_head(path))):
        return InputError(f"{what} is not a text {kind} (binary content)")
    if fmt == "csv":
        for sep, said in ((";", "';'"), ("\t", "tabs"), ("|", "'|'")):
            parts = {_KEY_OF.get(header_key(part)) for c in columns if sep in c for part in c.split(sep)}
            if all(c in parts or c in have for c in missing):
                return InputError(f"{what}: its columns are separated by {said}; the delimiter must be a comma")
    accepted = "; ".join(f"{c} (or {', '.join(COLUMN_ALIASES[c])})" for c in missing)
    shown = ", ".join(_printable(c) for c in columns[:SHOWN_NAMES])
    more = f" and {len(columns) - SHOWN_NAMES:,} more" if len(columns) > SHOWN_NAMES else ""
    return InputError(f"{what} lacks required column(s) {accepted}; found: {shown or '(none)'}{more}")


def require_columns(columns: Sequence[str], what: str, fmt: str | None = None, path: Path | None = None) -> None:
    """Raise :func:`lacks_columns`' error, if any."""
    error = lacks_columns(columns, what, fmt, path)
    if error is not None:
        raise error


def _refuse_twice(columns: list[str]) -> None:
    """A key column named twice in the header (polars keeps the first and renames the second
    ``item_duplicated_0``) is refused: which of the two is the line's item is not ours to guess."""
    for key in (*REQUIRED, *OPTIONAL):
        if f"{key}_duplicated_0" in columns or columns.count(key) > 1:
            raise InputError(f"input has the column {key!r} twice; keep one")


def _large_number(column: pl.Series, text: str) -> bool:
    """Whether ``text`` is a number cell's whole amount past :data:`MAX_VALUE` (a spreadsheet's ``1e+20``).

    Why: a float column writes such a number with an exponent, which a typed amount may not have;
    the line's error is then its size, as for the same number in an integer column.
    """
    if not column.dtype.is_float():
        return False
    number = float(text)
    return math.isfinite(number) and number.is_integer() and number > MAX_VALUE


def _negative(values: pl.Series) -> bool:
    """Whether any value is below zero (nulls aside)."""
    least = values.min()
    return isinstance(least, int) and least < 0


def _before_records(
    regimes: dict[str, Regime],
    jurisdictions: list[str],
    regime: npt.NDArray[np.int64],
    ship_days: npt.NDArray[np.int64],
    e_date: npt.NDArray[np.int32],
    msgs: Messages,
) -> npt.NDArray[np.int32]:
    """Lines shipped before the first law their exporter's data holds: refused in ``check``'s words.

    One comparison per line against each regime's first day; the rare lines before it are named
    one distinct (exporter, day) at a time, as ``check`` names them.
    """
    first = np.array(
        [(regimes[j].info.coverage.from_ - EPOCH_ZERO).days for j in jurisdictions] + [np.iinfo(np.int64).min],
        dtype=np.int64,
    )
    early = ship_days < first[regime]
    if e_date.size:
        early &= e_date < 0
    if not early.any():
        return NO_ERRORS
    out = np.full(len(regime), -1, dtype=np.int32)
    for r, d in {(int(r), int(d)) for r, d in zip(regime[early], ship_days[early], strict=True)}:
        refusal = before_records(regimes[jurisdictions[r]], EPOCH_ZERO + dt.timedelta(days=d))
        out[early & (regime == r) & (ship_days == d)] = msgs.index(str(refusal))
    return out


def _first_error(n: int, *checks: npt.NDArray[np.int32]) -> npt.NDArray[np.int32]:
    """Per row, the first failed check's message index (-1: none); checks no line failed are
    :data:`NO_ERRORS` and cost nothing."""
    out = np.full(n, -1, dtype=np.int32)
    for c in reversed(checks):
        if c.size:
            out = np.where(c >= 0, c, out)
    return out


#: First bytes an id made only of white space can start with: ASCII white space, and the lead
#: byte of any other character (U+0085, U+00A0, U+3000 ... are white space to polars).
_SPACE_LEAD = np.zeros(256, dtype=np.bool_)
_SPACE_LEAD[[9, 10, 11, 12, 13, 32]] = True
_SPACE_LEAD[0x80:] = True


#: Columns shorter than this are read by polars itself rather than by :func:`first_bytes`: the
#: buffers' fixed costs outweigh the text's (a tiny ``--chunk-rows``, an API answer).
FIRST_BYTES_FROM = 4096


def first_bytes(text: pl.Series | pa.Array) -> tuple[pa.Array, npt.NDArray[np.int16]] | None:
    """(the column as Arrow text, each value's first byte: -1 for an empty or null one), read from
    the column's buffers without a copy (polars' string views as they are); ``None`` for a column
    that is not text in one of Arrow's string layouts.

    Why: a question about how values start (a blank id, a cell a spreadsheet would run as a
    formula) is then a lookup per line, and only the few values it picks are read as text.
    """
    if isinstance(text, pl.Series):
        if text.dtype != pl.Utf8:
            return None
        text = text.to_arrow(compat_level=pl.CompatLevel.newest())
    t = text.type
    n = len(text)
    first = np.full(n, -1, dtype=np.int16)
    if pa.types.is_string_view(t):
        # Each value's 16-byte view: its length (4 bytes, little-endian), then its first bytes.
        views_buffer = text.buffers()[1]
        if views_buffer is None:
            return text, first
        lengths = np.frombuffer(views_buffer, dtype="<i4", count=4 * (text.offset + n))[4 * text.offset :: 4]
        lead = np.frombuffer(views_buffer, dtype=np.uint8, count=16 * (text.offset + n))[16 * text.offset + 4 :: 16]
        first = np.where(lengths > 0, lead, -1).astype(np.int16)
    elif pa.types.is_string(t) or pa.types.is_large_string(t):
        offsets_buffer, data = text.buffers()[1:3]
        if offsets_buffer is None or data is None or not data.size:
            return text, first
        wide = np.int64 if pa.types.is_large_string(t) else np.int32
        offsets: npt.NDArray[np.int64] = np.frombuffer(
            offsets_buffer, dtype=wide, count=n + 1, offset=text.offset * np.dtype(wide).itemsize
        ).astype(np.int64, copy=False)
        starts = offsets[:-1]
        body = np.frombuffer(data, dtype=np.uint8)
        # an empty value's start is the next value's (or the end): read, then set aside
        lead = body[np.minimum(starts, body.size - 1)]
        first = np.where(offsets[1:] > starts, lead, -1).astype(np.int16)
    else:
        return None
    validity = text.buffers()[0]
    if text.null_count and validity is not None:
        bits = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), count=text.offset + n, bitorder="little")
        first[bits[text.offset :] == 0] = -1
    return text, first


def missing_ids(ids: pl.Series | pa.Array) -> npt.NDArray[np.bool_]:
    """Per line, whether its ``line_id`` is missing: null, empty or nothing but white space (as
    polars' ``strip_chars`` reads it).

    Why by the first byte (:func:`first_bytes`): stripping every id copies the whole column (a
    tenth of a 3 M-line run's screening); an id that starts with a letter or a digit is not
    blank, so only the few others (empty, or starting with white space or a non-ASCII
    character) are stripped.
    """
    read = first_bytes(ids) if len(ids) >= FIRST_BYTES_FROM else None
    if read is None:
        return _stripped_blank(ids if isinstance(ids, pl.Series) else _polars(ids))
    text, first = read
    maybe = (first < 0) | _SPACE_LEAD[first.astype(np.uint8)]
    found = np.zeros(len(text), dtype=np.bool_)
    asked = np.flatnonzero(maybe)
    if asked.size:
        if pa.types.is_string_view(text.type):  # Arrow takes no views: polars gathers them
            found[asked] = _stripped_blank(_polars(text).gather(asked))
        else:
            found[asked] = _stripped_blank(_polars(text.take(_int32s(asked.astype(np.int32), None))))
    return found


def _stripped_blank(ids: pl.Series) -> npt.NDArray[np.bool_]:
    """The reading :func:`missing_ids` stands for: null, or nothing left once stripped."""
    return (ids.is_null() | (ids.str.strip_chars() == "")).to_numpy()


def _polars(text: pa.Array) -> pl.Series:
    found = pl.from_arrow(text)
    assert isinstance(found, pl.Series)
    return found.cast(pl.Utf8, strict=False)


def check_column_types(df: pl.DataFrame) -> None:
    """Refuse a known column whose type cannot hold its values (a list, a struct, raw bytes).

    Why: such a column is wrong for every line, so it is the file that is wrong, not a line; the
    error names the column, its type and what it should be, instead of failing deep in a cast.
    """
    for name in (*REQUIRED, *OPTIONAL):
        if name in df.columns:
            dtype = df[name].dtype
            if dtype.is_nested() or dtype in (pl.Binary, pl.Object):
                expected = "a whole number or text" if name == "value" else "text"
                if name == "ship_date":
                    expected = "a date, or text such as 2020-01-15 or 2020/1/15"
                raise InputError(f"column {name!r} holds {dtype}; it must hold {expected}, one value per line")


#: Ids in a run from which it is sealed into a temporary file (:class:`_SealedRun`).
RUN_CAP = 1 << 22
#: Hashes of a sealed run per block read from its file (8 KiB), one kept in memory per block.
SPARSE = 1024
#: Ids the first Bloom filter of a run is made for (2 MB); it is made again twice as large when full.
BLOOM_MIN = 1 << 20
#: Hash seed of the line ids ("export").
ID_SEED = 0x6578706F7274


class _Bloom:
    """A blocked Bloom filter over 64-bit hashes: each key sets 6 bits of one 64-bit word.

    Why: most ids of a file come once, and asking the sorted runs about every id (a binary
    search per id and run, over hundreds of megabytes) was two thirds of the time of a
    30 M-line screening. The filter answers "certainly new" for all but about 0.4 % of ids
    (measured full, at 16 bits a key: 2 MB per million ids) with one memory read per id; only
    the rest are looked up in the runs, so the answer stays exact up to the hashes themselves.
    The word is chosen by a key's high 32 bits scaled to the number of words (so sorted keys fill
    the words in order, and the filter has exactly the words it needs, not a power of two).
    """

    def __init__(self, capacity: int) -> None:
        self.words = np.zeros(max(64, -(-max(capacity, 1) // 4)), dtype=np.uint64)  # 16 bits a key
        self.capacity = self.words.size * 4
        self.count = 0

    def _where(self, hashes: npt.NDArray[np.uint64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint64]]:
        # (high 32 bits x words) / 2**32: below 2**64, and the same order as the keys.
        index = (((hashes >> np.uint64(32)) * np.uint64(self.words.size)) >> np.uint64(32)).astype(np.int64)
        mask = np.zeros(hashes.size, dtype=np.uint64)
        for j in range(6):  # 6 bit positions from the low 36 bits
            mask |= np.left_shift(np.uint64(1), (hashes >> np.uint64(6 * j)) & np.uint64(63))
        return index, mask

    def maybe(self, hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
        index, mask = self._where(hashes)
        return np.asarray((self.words[index] & mask) == mask)

    def add_sorted(self, hashes: npt.NDArray[np.uint64]) -> None:
        """Add keys given in ascending order (their words then come in order: one OR per word)."""
        if not hashes.size:
            return
        index, mask = self._where(hashes)
        starts = np.flatnonzero(np.concatenate([[True], index[1:] != index[:-1]]))
        self.words[index[starts]] |= np.bitwise_or.reduceat(mask, starts)
        self.count += hashes.size


class _SealedRun:
    """A full run of id hashes moved to a temporary file: its Bloom filter and every
    :data:`SPARSE`-th hash stay in memory, and a hash the filter cannot rule out is looked up
    by reading the one block of the file that can hold it.

    Why: the hashes are 8 bytes an id and were the part of a run's memory that grew with the
    file (240 MB at 30 M lines); the filter lets through about 0.4 % of new ids, so a chunk
    reads a few hundred small blocks. The file has no name (``TemporaryFile``) and goes when
    the run does.
    """

    def __init__(self, run: npt.NDArray[np.uint64]) -> None:
        self.size = run.size
        self.filter = _Bloom(run.size)
        self.filter.add_sorted(run)
        self.sparse = run[::SPARSE].copy()
        self.held: npt.NDArray[np.uint64] | None = None
        try:
            self.file = tempfile.TemporaryFile(prefix="exportctl-ids-")  # noqa: SIM115 (lives as long as the run)
            run.tofile(self.file)
            self.file.flush()
        except OSError:  # no room for it on disk: kept in memory, as before sealing (slower to fill RAM, never wrong)
            self.held = run

    def found(self, keys: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
        """Which of ``keys`` (sorted) the run holds."""
        out = np.zeros(keys.size, dtype=np.bool_)
        asked = np.flatnonzero(self.filter.maybe(keys))
        if not asked.size:
            return out
        block = np.maximum(np.searchsorted(self.sparse, keys[asked], side="right") - 1, 0)
        for b in np.unique(block).tolist():
            count = min(SPARSE, self.size - b * SPARSE)
            if self.held is not None:
                data = self.held[b * SPARSE : b * SPARSE + count]
            else:
                data = np.frombuffer(os.pread(self.file.fileno(), count * 8, b * SPARSE * 8), dtype=np.uint64)
            mine = asked[block == b]
            at = np.minimum(np.searchsorted(data, keys[mine]), data.size - 1)
            out[mine] = data[at] == keys[mine]
        return out


class LineIds:
    """The ``line_id`` values of a run so far, to flag one that comes again.

    Why a warning (``duplicate_line_id`` on the second and later lines) and not a reject: each
    line is still a shipment with a right answer, and an ERP extract repeats an id for a split
    delivery or a re-sent line; rejecting would drop an answer the user needs. Flagged, the
    auditor sees every line whose id does not name it alone.

    Held: each distinct id as its 64-bit hash (8 bytes an id, whatever its length), in sorted
    runs merged as they grow (a run is merged into the one before it once it is as large); a run
    of :data:`RUN_CAP` ids or more is sealed into a temporary file (:class:`_SealedRun`). A Bloom
    filter in front of the runs in memory (:class:`_Bloom`, built again from them at twice the
    size when full) and one per sealed run rule out almost every new id, so only the rest are
    searched. What stays in memory is 2 bytes an id and the last runs. Two different ids share a
    hash with a chance below 1e-5 over 30 million ids; such a pair would be flagged as a
    repeat: a warning too many, never an answer changed.
    """

    def __init__(self) -> None:
        self.runs: list[npt.NDArray[np.uint64]] = []
        self.filter: _Bloom | None = None
        self.sealed: list[_SealedRun] = []
        #: Ids the run is expected to bring (its input's line count, when known): the first
        #: filter is made for them (up to what the runs in memory can hold) instead of growing
        #: by doubling, each time adding every id held again.
        self.expected = 0
        #: When the ids were read ahead (:func:`repeated_ids`): the hashes that come more than
        #: once, sorted, and which of them have been met so far. Then nothing else is held.
        self.repeated: npt.NDArray[np.uint64] | None = None
        self.met: npt.NDArray[np.bool_] = np.zeros(0, dtype=np.bool_)
        #: Set when what is learnt ahead is in place (:meth:`ahead`); the first chunk's question
        #: waits for it, and a failure there is that chunk's.
        self.ready = threading.Event()
        self.ready.set()
        self.failed: BaseException | None = None

    def ahead(self, learn: Callable[[], None]) -> None:
        """Run ``learn`` (which calls :meth:`known` or :meth:`expect`) on a thread of its own.

        Why: reading a Parquet file's ids ahead is a second pass over a column; the first
        chunks, meanwhile, are read and worked out (their new cells by the scalar engine, on one
        core), and only ask which of their ids repeat at the end of their turn.
        """
        self.ready.clear()

        def run() -> None:
            try:
                learn()
            except BaseException as exc:  # the chunk that asks raises it
                self.failed = exc
            finally:
                self.ready.set()

        threading.Thread(target=run, name="exportctl-line-ids", daemon=True).start()

    def known(self, repeated: npt.NDArray[np.uint64]) -> None:
        """Track only these hashes (sorted): the ids that come more than once in the whole input.

        Why: read ahead, the ids a file repeats are known before its first chunk, so what a run
        holds is a byte for each repeated id (most files repeat few or none) instead of two
        bytes for every id, which grew without bound with the file.
        """
        self.repeated = repeated
        self.met = np.zeros(repeated.size, dtype=np.bool_)

    def expect(self, lines: int) -> None:
        """Size the filter for ``lines`` ids to come (a hint: more or fewer are still right)."""
        self.expected = max(int(lines), 0)

    def _among_repeated(self, hashes: npt.NDArray[np.uint64], present: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
        """Repeats when the repeated ids are known (:meth:`known`): only their lines are looked at."""
        flag = np.zeros(hashes.size, dtype=np.bool_)
        repeated = self.repeated
        if repeated is None or not repeated.size:
            return flag
        at = np.minimum(np.searchsorted(repeated, hashes), repeated.size - 1)
        mine = np.flatnonzero((repeated[at] == hashes) & present)
        if mine.size:
            which = at[mine]
            flag[mine] = ~_first_of(repeated[which]) | self.met[which]
            self.met[which] = True
        return flag

    def _seen(self, keys: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
        """Which of ``keys`` (sorted: the filters and runs are then read in order) came before."""
        found = np.zeros(keys.size, dtype=np.bool_)
        if self.filter is not None:
            asked = np.flatnonzero(self.filter.maybe(keys))
            if asked.size:
                hit = np.zeros(asked.size, dtype=np.bool_)
                for run in self.runs:
                    at = np.minimum(np.searchsorted(run, keys[asked]), run.size - 1)
                    hit |= run[at] == keys[asked]
                found[asked] = hit
        for sealed in self.sealed:
            found |= sealed.found(keys)
        return found

    def _add(self, new: npt.NDArray[np.uint64]) -> None:
        """Add distinct hashes, sorted, none of them held already."""
        if self.filter is None or self.filter.count + new.size > self.filter.capacity:
            self._refilter(new.size)
        assert self.filter is not None
        self.filter.add_sorted(new)
        self.runs.append(new)
        while len(self.runs) > 1 and self.runs[-1].size >= self.runs[-2].size:
            last = self.runs.pop()
            # Two sorted runs: a stable sort merges them in linear time (25x a quicksort's speed),
            # in place, so a merge holds the runs and their concatenation, not a third copy.
            merged = np.concatenate([self.runs[-1], last])
            del last
            self.runs[-1] = merged
            merged.sort(kind="stable")
        if self.runs[-1].size >= RUN_CAP:
            self.sealed.append(_SealedRun(self.runs.pop()))
            self._refilter(0)

    def _refilter(self, coming: int) -> None:
        """The filter of the runs in memory, made again for twice what they hold (and ``coming``)."""
        held = sum(run.size for run in self.runs) + coming
        # What may still come into memory: at most two full runs' worth before one is sealed.
        hint = min(self.expected, 2 * RUN_CAP)
        self.filter = _Bloom(max(2 * held, BLOOM_MIN, hint))
        for run in self.runs:
            self.filter.add_sorted(run)

    def repeats(self, ids: pl.Series | pa.Array) -> npt.NDArray[np.bool_]:
        self.ready.wait()
        if self.failed is not None:
            raise self.failed
        if self.repeated is not None and not self.repeated.size:
            # Read ahead, the input repeats no id (most files): no line's id is hashed again.
            return np.zeros(len(ids), dtype=np.bool_)
        return self._repeats(ids if isinstance(ids, pl.Series) else _polars(ids))

    def _repeats(self, ids: pl.Series) -> npt.NDArray[np.bool_]:
        """Per line: whether its id came on an earlier line (of this chunk or an earlier one).

        The chunk's hashes are sorted, not arg-sorted (a quarter of the time): the filters and
        runs are asked in order, and the few hashes found, and the few repeated within the chunk
        (neighbours once sorted), are mapped back to their lines by a hash lookup.
        """
        ids = ids.cast(pl.Utf8)
        present = ids.is_not_null().to_numpy()
        hashed = ids.hash(seed=ID_SEED)
        if self.repeated is not None:
            return self._among_repeated(hashed.to_numpy(), present)
        keys = np.sort(hashed.to_numpy())
        twice = keys[1:] == keys[:-1]
        if twice.any():  # an id more than once in the chunk: its first line is not a repeat
            again = _among(hashed, np.unique(keys[1:][twice]))
            first = ~again | hashed.is_first_distinct().to_numpy()
        else:
            first = np.ones(keys.size, dtype=np.bool_)
        found = self._seen(keys)
        flag: npt.NDArray[np.bool_] = ~first & present
        if found.any():
            flag |= _among(hashed, keys[found]) & present
        new = keys[~found]
        if twice.any() or not present.all():  # the same hash once, and no missing id's hash
            new = np.unique(hashed.filter(pl.Series(present)).to_numpy())
            new = new[~np.isin(new, keys[found])]
        if new.size:
            self._add(new)
        return flag


def _first_of(hashes: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    """Per hash, whether it is its first occurrence in the array (a hash table in polars)."""
    return pl.Series(hashes, dtype=pl.UInt64).is_first_distinct().to_numpy()


def _twice(keys: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """The distinct values that occur more than once in ``keys`` (sorted), sorted."""
    return np.unique(keys[1:][keys[1:] == keys[:-1]])


#: Frames of line ids read ahead of the one being written (:func:`repeated_ids`).
IDS_IN_FLIGHT = 2


def repeated_ids(frames: Iterator[pl.DataFrame], total: int) -> npt.NDArray[np.uint64] | None:
    """The hashes of the line ids that come more than once in ``frames`` (an input's ``line_id``
    column, in chunks; ``total`` lines), sorted; ``None`` when the disk has no room.

    Why in partitions: the ids' hashes are split by their high bits into temporary files of
    about :data:`RUN_CAP` hashes each, and each file is sorted on its own, so memory stays the
    same whatever the number of lines (32 MB a partition); the partitions hold increasing hash
    ranges, so their repeats put together are sorted.
    """
    parts = max(1, -(-int(total) // RUN_CAP))
    if parts == 1:
        held = [_present_hashes(f) for f in frames]
        return _twice(np.sort(np.concatenate(held))) if held else np.zeros(0, dtype=np.uint64)
    files: list[IO[bytes]] = []

    def hashed(frame: pl.DataFrame) -> npt.NDArray[np.uint64]:
        # Sorted, a frame's hashes come grouped by partition (a partition is a range of hashes):
        # a sort of the hashes (SIMD) instead of a stable arg-sort by partition and a gather,
        # which took 0.9 s of a 30 M-line file's pass.
        return np.sort(_present_hashes(frame))

    def write(hashes: npt.NDArray[np.uint64]) -> None:
        part = (((hashes >> np.uint64(32)) * np.uint64(parts)) >> np.uint64(32)).astype(np.int64)
        ends = np.cumsum(np.bincount(part, minlength=parts))
        for i in np.flatnonzero(np.diff(ends, prepend=0)).tolist():
            hashes[(ends[i - 1] if i else 0) : ends[i]].tofile(files[i])

    try:
        files = [tempfile.TemporaryFile(prefix="exportctl-ids-") for _ in range(parts)]  # noqa: SIM115
        # Frames hashed and sorted on a second thread (polars and numpy let go of the interpreter)
        # while the next is read: the first chunks of a run wait for this pass (30 M ids: 1.9 s on
        # one thread). At most ``IDS_IN_FLIGHT`` frames are held.
        with ThreadPoolExecutor(1, thread_name_prefix="exportctl-line-ids-hash") as pool:
            pending: deque[Future[npt.NDArray[np.uint64]]] = deque()
            for frame in frames:
                pending.append(pool.submit(hashed, frame))
                del frame
                if len(pending) >= IDS_IN_FLIGHT:
                    write(pending.popleft().result())
            while pending:
                write(pending.popleft().result())
        found = []
        for f in files:
            f.flush()
            f.seek(0)
            found.append(_twice(np.sort(np.fromfile(f, dtype=np.uint64))))
        return np.concatenate(found)
    except OSError:
        return None
    finally:
        for f in files:
            f.close()


def _present_hashes(frame: pl.DataFrame) -> npt.NDArray[np.uint64]:
    """The hashes of the given ids, as :meth:`LineIds.repeats` makes them (the text of :func:`prepare`)."""
    ids = _text(frame, "line_id")
    return ids.filter(ids.is_not_null()).hash(seed=ID_SEED).to_numpy()


def _among(hashed: pl.Series, few: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    """Per line, whether its hash is one of ``few`` (a hash set in polars: one pass over the lines)."""
    return hashed.is_in(pl.Series(few, dtype=pl.UInt64).implode()).to_numpy()


#: Largest key space :func:`_distinct_small` is used for (a table of this many entries a chunk).
DENSE_KEYS = 1 << 22


def _distinct_small(key: npt.NDArray[np.int64], size: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(the distinct keys, sorted; each row's position among them) for keys below ``size``.

    Why: keys made of a few small codes fit a dense table, so the distinct ones are found with one
    scatter and one gather instead of sorting every row.
    """
    present = np.zeros(size, dtype=np.bool_)
    present[key] = True
    distinct = np.flatnonzero(present)
    position = np.zeros(size, dtype=np.int64)
    position[distinct] = np.arange(distinct.size)
    return distinct, position[key]


#: Per column, what each distinct value resolved to in a run (see :meth:`Distinct.resolve`).
Memo = dict[str, dict[Any, tuple[int, str | None]]]


def _amounts(raw_value: pl.Series, msgs: Messages) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]:
    """Per line: (the value as a whole amount, -1 when none or refused; the index of its message or
    -1, or :data:`NO_ERRORS` when no line has one)."""
    # Most files' values are plain whole numbers or blank: polars reads them in one pass, and only
    # the texts it cannot read go, each distinct text once, to ``check``'s own reading
    # (:func:`whole_amount`: ５００, ٥٠٠, " 500 ", "500.0"; refused by name otherwise). Each mask is
    # built only when a count or a minimum says some line needs it.
    problem: pl.Series | None = None  # per line: the index of its value's message, or -1
    if raw_value.dtype.is_integer():
        value_s = raw_value.cast(pl.Int64, strict=False)  # past 2**63-1 (unsigned): null, and too large
    else:
        text = raw_value.cast(pl.Utf8, strict=False)
        value_s = text.cast(pl.Int64, strict=False)
        # A text neither blank nor read by polars: more nulls than blank texts.
        if value_s.null_count() > text.null_count() + int((text == "").sum()):
            unread = value_s.is_null() & text.is_not_null()
            amounts: dict[str, int] = {}
            problems: dict[str, int] = {}
            for t in text.filter(unread).unique().to_list():
                if not plain(t):
                    continue  # blank: no value given
                try:
                    amounts[t] = whole_amount(t)
                except ValueError as exc:
                    problems[t] = msgs.index(TOO_LARGE if _large_number(raw_value, t) else str(exc))
            if amounts:
                read = text.replace_strict(amounts, default=None, return_dtype=pl.Int64)
                value_s = pl.select(pl.when(unread).then(read).otherwise(value_s)).to_series()
            if problems:
                problem = text.replace_strict(problems, default=-1, return_dtype=pl.Int32)
    # Numbers polars read (or an integer column holds) that no amount may be.
    largest = raw_value.max() if raw_value.dtype.is_integer() else value_s.max()
    big = isinstance(largest, int) and largest > MAX_VALUE
    if big or _negative(value_s):
        source = raw_value if raw_value.dtype.is_integer() else value_s
        numbers = pl.select(
            pl.when(source > MAX_VALUE)
            .then(msgs.index(TOO_LARGE))
            .when(value_s < 0)
            .then(msgs.index(NOT_WHOLE))
            .otherwise(-1)
            .cast(pl.Int32)
        ).to_series()
        problem = numbers if problem is None else pl.select(pl.max_horizontal(problem, numbers)).to_series()
    if problem is not None:
        value_s = pl.select(pl.when(problem >= 0).then(None).otherwise(value_s)).to_series()
    value = (value_s.fill_null(-1) if value_s.null_count() else value_s).to_numpy().astype(np.int64, copy=False)
    e_val = problem.fill_null(-1).to_numpy().astype(np.int32) if problem is not None else NO_ERRORS
    return value, e_val


def prepare(
    df: pl.DataFrame,
    regimes: dict[str, Regime],
    memo: Memo | None = None,
    encoded: dict[str, pa.DictionaryArray] | None = None,
    ids: pa.Array | None = None,
) -> Prepared:
    """Validate and encode a chunk. ``encoded``: key columns already dictionary-encoded (from a
    Parquet reader), used instead of the same columns of ``df``, which may then lack them;
    ``ids``: the ``line_id`` column as Arrow text, likewise (read without a copy into polars)."""
    check_column_types(df)
    memo = {} if memo is None else memo
    encoded = encoded or {}

    def distinct(name: str) -> Distinct:
        given = encoded.get(name)
        return Distinct(encoded=given) if given is not None else Distinct(_text(df, name, n))

    msgs = Messages()
    jurisdictions = sorted(regimes)
    n = df.height if ids is None else len(ids)

    def exporter_of(v: str | None) -> tuple[int, str | None]:
        if v is None or not plain(v):
            return -1, "missing exporter"
        if (long := too_long("exporter", v or "", MAX_EXPORTER)) is not None:
            return -1, str(long)
        code = (v or "").strip().upper()
        if code not in regimes:
            # 日本 or 한국 as the exporter: read as a country name (only JP and KR have regimes).
            with contextlib.suppress(ExportctlError):
                code = read_country(v or "").code
        if code not in regimes:
            return -1, str(InputError(f"unknown exporter {v!r}", jurisdictions))
        return jurisdictions.index(code), None

    def country_of(v: str | None) -> tuple[int, str | None]:
        if v is None or not v.strip():
            return -1, "missing destination"
        if (long := too_long("destination", v, MAX_DESTINATION)) is not None:
            return -1, str(long)
        return COUNTRY_INDEX[resolve_country(v)], None

    def date_of(v: str | None) -> tuple[int, str | None]:
        if v is None or not v.strip():
            return -1, "missing ship_date"
        if (long := too_long("ship_date", v, MAX_DATE)) is not None:
            return -1, str(long)
        return (parse_date(v.strip(), "ship_date") - EPOCH_ZERO).days, None

    def end_use_of(v: str | None) -> tuple[int, str | None]:
        key = plain(v or "").lower()
        index = {("" if e is None else e): i for i, e in enumerate(END_USES)}
        if key not in index:
            return 0, f"unknown end_use {v!r} (use wmd, conventional or civil)"
        return index[key], None

    def informed_of(v: str | None) -> tuple[int, str | None]:
        key = plain(v or "").lower()
        if key not in TRUE | FALSE:
            return 0, f"informed must be true or false, got {v!r}"
        return int(key in TRUE), None

    def currency_of(v: str | None) -> tuple[int, str | None]:
        """(0, code) for a known currency, (-1, None) for none given, (-1, text) for an unknown one."""
        key = read_currency(v)  # as check reads it
        if key is None:
            return -1, None
        if pycountry.currencies.get(alpha_3=key) is None:
            return -1, "unknown"
        return 0, key

    line_id: pl.Series | pa.Array = _text(df, "line_id") if ids is None else ids
    blank = missing_ids(line_id)
    e_line = np.where(blank, msgs.index("missing line_id"), -1).astype(np.int32) if blank.any() else NO_ERRORS
    regime, e_exp = distinct("exporter").resolve(exporter_of, msgs, memo.setdefault("exporter", {}))
    country, e_dest = distinct("destination").resolve(country_of, msgs, memo.setdefault("destination", {}))
    home = np.array([COUNTRY_INDEX.get(j, -2) for j in jurisdictions] + [-2], dtype=np.int64)[regime]
    own = country == home
    e_self = (
        np.where(own, msgs.index("destination is the exporting jurisdiction itself"), -1).astype(np.int32)
        if own.any()
        else NO_ERRORS
    )

    items = distinct("item")
    # (exporter, item) pairs as small integers; find the distinct ones without sorting.
    width = len(items.values) + 1
    pairs, inverse = _distinct_small((regime + 1) * width + items.codes, (len(jurisdictions) + 1) * width)
    entry_of_pair, err_of_pair = [], []
    entries_memo = memo.setdefault("item", {})
    for p in pairs.tolist():
        jur_i, item_i = divmod(p, width)
        jur_i -= 1
        text = items.values[item_i] if item_i < len(items.values) else None
        if jur_i < 0:
            entry_of_pair.append(-1)
            err_of_pair.append(-1)
            continue
        found = entries_memo.get((jur_i, text))
        if found is None:
            r = regimes[jurisdictions[jur_i]]
            try:
                if text is None or not text.strip():
                    raise InputError("missing item")
                if (long := too_long("item", text, MAX_ITEM)) is not None:
                    raise long
                found = (list(r.entries).index(resolve_or_suggest(regimes, r, text).id), None)
            except ExportctlError as exc:
                found = (-1, str(exc))
            entries_memo[(jur_i, text)] = found
        entry_of_pair.append(found[0])
        err_of_pair.append(msgs.index(found[1]))
    entry = np.asarray(entry_of_pair, dtype=np.int64)[inverse]
    e_item = _per_row(err_of_pair, inverse)

    ship_days, e_date = distinct("ship_date").resolve(date_of, msgs, memo.setdefault("ship_date", {}))
    e_early = _before_records(regimes, jurisdictions, regime, ship_days, e_date, msgs)
    end_use, e_eu = distinct("end_use").resolve(end_use_of, msgs, memo.setdefault("end_use", {}))
    informed, e_inf = distinct("informed").resolve(informed_of, msgs, memo.setdefault("informed", {}))

    given_value = encoded.get("value")
    if given_value is not None:
        # A file that types its values as a dictionary (pandas' categorical): the dictionary's
        # values, as the file types them, read once each as a plain column of that type would be
        # (with a null for the lines without one), then gathered per line. Text values are not
        # read so on purpose: 30 M lines +1.4 CPU s (dictionaries of ~100,000 amounts a chunk).
        typed = pl.Series("value", given_value.dictionary)
        each, each_error = _amounts(typed.extend_constant(None, 1), msgs)
        codes = dictionary_codes(given_value)  # null lines: the last, the null appended above
        value = each[codes]
        e_val = each_error[codes] if each_error.size else NO_ERRORS
    else:
        raw_value = df["value"] if "value" in df.columns else pl.Series("value", [None] * n, dtype=pl.Utf8)
        value, e_val = _amounts(raw_value, msgs)

    cur = distinct("currency")
    cur_text = [currency_of(v)[1] if currency_of(v)[0] == 0 else None for v in [*cur.values, None]]
    # An unknown currency is named with the line's own regime's currency, as check names it (an
    # unknown exporter's line: every regime's).
    unknown_cur = [ci for ci, v in enumerate([*cur.values, None]) if currency_of(v)[1] == "unknown"]
    e_cur = NO_ERRORS
    if unknown_cur:
        every = " or ".join(sorted({regimes[j].info.currency for j in jurisdictions}))
        table = np.full((len(jurisdictions) + 1, len(cur.values) + 1), -1, dtype=np.int32)
        for ci in unknown_cur:
            typed = [*cur.values, None][ci]
            table[0, ci] = msgs.index(f"unknown currency {typed!r}: use an ISO 4217 code such as {every}")
            for ji, j in enumerate(jurisdictions):
                table[ji + 1, ci] = msgs.index(
                    f"unknown currency {typed!r}: use an ISO 4217 code such as {regimes[j].info.currency}"
                )
        e_cur = table[regime + 1, cur.codes]
    e_nov = NO_ERRORS
    if any(t is not None for t in cur_text):  # a currency on some line: is its value there?
        currency_given = np.asarray([t is not None for t in cur_text])[cur.codes]
        no_value = currency_given & (value < 0)
        if no_value.any():
            e_nov = np.where(no_value, msgs.index("currency given without a value"), -1).astype(np.int32)
    regime_currency = [regimes[j].info.currency for j in jurisdictions]
    # (exporter + 1, currency) -> message index (-1: none); exporter -1 is an unknown one. A regime
    # that reads no value (Korea's) reads such a line as one without a value, as check does.
    mismatch = np.full((len(regime_currency) + 1, len(cur_text)), -1, dtype=np.int32)
    unread = np.zeros((len(regime_currency) + 1, len(cur_text)), dtype=np.bool_)
    for ji, rc in enumerate(regime_currency):
        for ci, t in enumerate(cur_text):
            if t is not None and t != rc:
                if not reads_value(regimes[jurisdictions[ji]]):
                    unread[ji + 1, ci] = True
                    continue
                mismatch[ji + 1, ci] = msgs.index(
                    f"value currency {t} differs from the regime's {rc} (exchange rates are not modelled)"
                )
    e_mis = mismatch[regime + 1, cur.codes] if (mismatch >= 0).any() else NO_ERRORS
    notes: list[str] = []
    if unread.any() and (dropped := unread[regime + 1, cur.codes]).any():
        value = np.where(dropped, -1, value)
        notes = sorted(
            {
                unread_value_note(regimes[jurisdictions[int(j)]])
                for j in np.unique(regime[dropped & (regime >= 0)]).tolist()
            }
        )

    error = _first_error(
        n,
        e_line,
        e_exp,
        e_dest,
        e_self,
        e_item,
        e_date,
        e_early,
        e_eu,
        e_inf,
        e_val,
        e_cur,
        e_nov,
        e_mis,
    )
    return Prepared(
        df=df,
        error=error,
        messages=msgs,
        regime=regime,
        country=country,
        entry=entry,
        ship_days=ship_days,
        variant=end_use * 2 + informed,
        value=value,
        jurisdictions=jurisdictions,
        line_id=line_id,
        notes=notes,
    )


def unread_value_note(regime: Regime) -> str:
    """A run's note for the lines whose value, in another currency than the regime's, was not used
    (:func:`~exportctl.engine.query.unread_value` says it for one answer)."""
    return (
        f"some {regime.jurisdiction} lines give their value in another currency than {regime.info.currency}: "
        f"{regime.jurisdiction}'s answers in this data read no value (its small-value exemption is named, not "
        "applied), so those values were not used and the answers are as without them"
    )


def summarised_cautions(regimes: dict[str, Regime], audit: Audit) -> list[str]:
    """The notes a run's summary gives for the cautions its lines carried that say the data itself
    may be out of date or unread (``Caution.summarised``): on each line they are only an id in the
    ``cautions`` column, and a user reading the summary never learnt that this week's Korean lines
    rest on an Annex not read (session review S27-10)."""
    return summarised_notes(regimes, {i for ids in audit.cautions for i in ids})


def summarised_notes(regimes: dict[str, Regime], met: set[str]) -> list[str]:
    """:func:`summarised_cautions`'s notes for the caution ids ``met`` on a run's lines (the Spark
    engine collects them from its ``cautions`` column, having no :class:`Audit` of its own)."""
    return [
        f"{c.label} [{c.id}]: some lines carry it in their cautions column (`exportctl law report {jur}` gives its text)"
        for jur, regime in sorted(regimes.items())
        for c in regime.cautions
        if c.summarised and c.id in met
    ]


def outcome_frame(c: CompiledRegime) -> pl.DataFrame:
    """One row per outcome code, in the output's column types (built once per compiled regime)."""
    cached = c.cache.get("outcome_frame")
    if isinstance(cached, pl.DataFrame) and cached.height == len(c.outcomes):  # codes only grow
        return cached
    o = c.outcomes
    frame = pl.DataFrame(
        {
            "licence_required": [x.licence_required for x in o],
            "needs": [list(x.needs) for x in o],
            "refused": [list(x.refused) for x in o],
            "routes": [list(x.routes) for x in o],
            "exemptions": [list(x.exemptions) for x in o],
            "catch_all": [x.catch_all for x in o],
            "destination_groups": [list(x.groups) for x in o],
            "rule_ids": [list(x.rule_ids) for x in o],
        },
        schema=outcome_frame_schema(),
    )
    c.cache["outcome_frame"] = frame
    return frame


class Turns:
    """Lets the chunks of a run into their ordered part one at a time, in the file's order.

    Why: two chunks are screened at once (one per core), but what a run numbers as it goes (the
    line ids seen, so the *first* line of an id is not the repeat; the outcome numbers, so a run
    gives the same numbers however its threads interleave; the audit cells, worked out once) is
    done chunk by chunk in input order, as in a run on one thread. Chunk ``n`` waits for chunk
    ``n - 1`` to leave; ``None`` (a caller screening one chunk at a time) takes the next turn.
    A chunk that fails before its turn passes it on (:meth:`skip`), and a run that stops wakes
    every chunk still waiting (:meth:`abort`), so none waits for ever.
    """

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.next = 0
        self.stopped = False

    def _wait(self, n: int) -> None:
        while self.next != n:
            if self.stopped:
                raise RuntimeError("the run stopped before this chunk's turn")
            self.cond.wait()

    @contextlib.contextmanager
    def turn(self, n: int | None) -> Iterator[None]:
        with self.cond:
            if n is None:
                n = self.next
            self._wait(n)
        try:
            yield
        finally:
            with self.cond:
                self.next = n + 1
                self.cond.notify_all()

    def skip(self, n: int | None) -> None:
        """Pass on chunk ``n``'s turn if it has not been taken (the chunk failed before it)."""
        if n is None:
            return
        with self.cond:
            while self.next < n and not self.stopped:
                self.cond.wait()
            if self.next == n:
                self.next = n + 1
                self.cond.notify_all()

    def abort(self) -> None:
        """Wake every chunk waiting for its turn; they raise instead of screening."""
        with self.cond:
            self.stopped = True
            self.cond.notify_all()


@dataclass
class Audit:
    """What the audit columns need beyond a chunk: the law, the knowledge date, the bundle's
    version and the run's line ids; and the warning-kind lists met so far, each kept once.

    ``compact=True`` (file-to-file screening's default): a result row carries its answer as
    ``licence_required`` and ``outcome``, a number into the run's table of outcomes, and its
    text columns dictionary-encoded (``warning_kinds`` ``;``-joined). Why: a file's millions of
    lines share a few hundred answers; writing each answer's lists on every line was most of
    the cost of a run, and a reader joins the small table when it needs them.
    """

    regimes: dict[str, Regime]
    known_on: dt.date | None
    bundle_version: str
    line_ids: LineIds = field(default_factory=LineIds)
    #: What the run's distinct values resolved to, kept across its chunks.
    memo: Memo = field(default_factory=dict)
    kinds: dict[tuple[str, ...], int] = field(default_factory=dict)
    #: The caution-id lists met so far, each kept once (as ``kinds``).
    cautions: dict[tuple[str, ...], int] = field(default_factory=dict)
    compact: bool = False
    #: Per exporter: its table's outcome code -> the run's outcome number (-1: not met yet).
    outcome_ids: dict[str, npt.NDArray[np.int32]] = field(default_factory=dict)
    #: The run's outcome number -> (exporter, its table, the table's code).
    outcome_rows: list[tuple[str, CompiledRegime, int]] = field(default_factory=list)
    #: Chunks screened at once take their ordered part in input order (:class:`Turns`).
    turns: Turns = field(default_factory=Turns)

    def kinds_id(self, kinds: tuple[str, ...]) -> int:
        return self.kinds.setdefault(kinds, len(self.kinds))

    def cautions_id(self, cautions: tuple[str, ...]) -> int:
        return self.cautions.setdefault(cautions, len(self.cautions))

    def outcome_numbers(
        self, jurisdiction: str, c: CompiledRegime, codes: npt.NDArray[np.int32]
    ) -> npt.NDArray[np.int32]:
        """The run's numbers of these codes, numbering the ones met for the first time.

        Numbered per run, not per table: a lazily compiled table's codes grow as cells are met,
        and the numbers must mean the same outcome on every line of the file.
        """
        ids = self.outcome_ids.get(jurisdiction, np.zeros(0, dtype=np.int32))
        if ids.size < len(c.outcomes):
            ids = np.concatenate([ids, np.full(len(c.outcomes) - ids.size, -1, dtype=np.int32)])
        new = np.unique(codes[ids[codes] < 0])
        for code in new.tolist():
            ids[code] = len(self.outcome_rows)
            self.outcome_rows.append((jurisdiction, c, int(code)))
        self.outcome_ids[jurisdiction] = ids
        return ids[codes]

    def outcome_table(self) -> pl.DataFrame:
        """The run's outcomes, numbered as in the results' ``outcome`` column."""
        rows = [(n, jur, c.outcomes[code], c.version) for n, (jur, c, code) in enumerate(self.outcome_rows)]
        return pl.DataFrame(
            {
                "outcome": [n for n, _, _, _ in rows],
                "exporter": [jur for _, jur, _, _ in rows],
                "licence_required": [o.licence_required for _, _, o, _ in rows],
                "needs": [list(o.needs) for _, _, o, _ in rows],
                "refused": [list(o.refused) for _, _, o, _ in rows],
                "routes": [list(o.routes) for _, _, o, _ in rows],
                "exemptions": [list(o.exemptions) for _, _, o, _ in rows],
                "catch_all": [o.catch_all for _, _, o, _ in rows],
                "destination_groups": [list(o.groups) for _, _, o, _ in rows],
                "rule_ids": [list(o.rule_ids) for _, _, o, _ in rows],
                "regime_version": [v for _, _, _, v in rows],
            },
            schema={
                "outcome": pl.Int32(),
                "exporter": pl.Utf8(),
                **outcome_frame_schema(),
                "regime_version": pl.Utf8(),
            },
        )


def evaluate(
    p: Prepared, tables: dict[str, CompiledRegime], audit: Audit | None = None, lines: LineMap | None = None
) -> tuple[pl.DataFrame, pl.DataFrame, Summary]:
    """Split a prepared chunk into (results, rejects) and count; both keep the input's order."""
    return _assemble(p, *answer_columns(p, tables, audit), audit, lines)


def reject_errors(errors: pl.Series, bad: npt.NDArray[np.bool_], lines: LineMap | None) -> pl.Series:
    """The rejects' ``error`` texts, each led by ``line N: `` when the lines' places are known.

    Why: a reject whose ``line_id`` is empty (or repeated) could not otherwise be traced to its
    line; the number is the one a line that cannot be read at all is named by, so every reject
    of a run is named the same way. Asked only for the rejected lines (a file's map of lines is
    then read only when some line is rejected).
    """
    if lines is None or not len(errors):
        return errors
    at = pl.Series("line", lines(np.flatnonzero(bad).astype(np.int64)), dtype=pl.Int64)
    led = pl.select(pl.concat_str([pl.lit("line "), at.cast(pl.Utf8), pl.lit(": "), errors])).to_series()
    return led.alias(errors.name)


def in_turn(
    audit: Audit, seq: int | None, prepare_chunk: Callable[[], Prepared], tables: dict[str, CompiledRegime]
) -> tuple[Prepared, npt.NDArray[np.bool_], pl.DataFrame | None, pa.Table | None]:
    """(the prepared chunk, which lines are screened, their answers): the chunk prepared on its
    own, then its line ids and answers worked out in its turn (:class:`Turns`). A chunk that
    fails before its turn passes it on in the step that numbers it (``_ScreenStep``).
    """
    p = prepare_chunk()
    with audit.turns.turn(seq):
        assert p.line_id is not None
        ok, answers, audited = answer_columns(p, tables, audit)  # asks for the repeats when it needs them
        if p.repeat is None:  # no line screened: its ids are still met
            p.repeat = audit.line_ids.repeats(p.line_id)
    return p, ok, answers, audited


def _assemble(
    p: Prepared,
    ok: npt.NDArray[np.bool_],
    answers: pl.DataFrame | None,
    audited: pa.Table | None,
    audit: Audit | None,
    lines: LineMap | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, Summary]:
    if answers is not None and audited is not None:
        answers = pl.concat([answers, _frame(audited)], how="horizontal")
    if answers is not None:
        screened = pl.concat([p.df.filter(pl.Series(ok)), answers], how="horizontal")
    else:
        screened = _empty_results(p.df, audit is not None, audit is not None and audit.compact)
    bad = ~ok
    rejects = p.df.filter(pl.Series(bad)).with_columns(error=reject_errors(p.messages.column(p.error[bad]), bad, lines))
    summary = Summary(
        rows_in=p.df.height,
        screened=screened.height,
        rejected=rejects.height,
        licence_required=int(screened["licence_required"].sum()) if screened.height else 0,
        notes=list(p.notes),
    )
    return screened, rejects, summary


def answer_columns(
    p: Prepared, tables: dict[str, CompiledRegime], audit: Audit | None = None
) -> tuple[npt.NDArray[np.bool_], pl.DataFrame | None, pa.Table | None]:
    """(which lines are screened, the answer's columns of those lines and, with ``audit``, the
    audit's, in order). The audit's are Arrow: dictionary codes and values put together as they
    are written (a compact run's as dictionary columns), without a pass through polars.

    The outcome tables of all exporters are stacked (each exporter's codes shifted past the
    previous ones), so the answers of lines of several exporters are one gather in input order.
    A compact run (:class:`Audit`) gathers only the licence flag and numbers the outcomes.
    ``None`` when no line is screened.
    """
    ok = p.error < 0
    rows = np.flatnonzero(ok)
    compact = audit is not None and audit.compact
    code = np.zeros(rows.size, dtype=np.int64)
    number = np.zeros(rows.size, dtype=np.int32)
    licence = np.zeros(rows.size, dtype=np.bool_)
    frames: list[pl.DataFrame] = []
    audit_parts: list[tuple[npt.NDArray[np.int64], dict[str, _Coded]]] = []
    offset = 0
    for ji, jur in enumerate(p.jurisdictions):
        c = tables[jur]
        mine = np.flatnonzero(p.regime[rows] == ji)
        if mine.size:
            at = rows[mine]
            # The exporter's lines' keys, gathered once for the codes and the audit columns (all
            # the chunk's lines, as they are, when they are all this exporter's and all screened).
            lines = _Lines.of(p, at)
            codes = c.codes(lines.ship, c.country_lut[lines.country], lines.entry, lines.variant, lines.value)
            code[mine] = codes.astype(np.int64) + offset
            if audit is not None:
                if compact:
                    number[mine] = audit.outcome_numbers(jur, c, codes)
                    licence[mine] = np.array([o.licence_required for o in c.outcomes], dtype=np.bool_)[codes]
                audit_parts.append((mine, _audit_columns(p, at, c, audit.regimes[jur], audit, lines)))
        # After the codes: a lazily compiled table may have met new outcomes in this chunk. The
        # offset is the frame's own height: another thread (the API screens requests on the
        # shared tables) may add outcomes after the frame was taken.
        if not compact:
            frame = outcome_frame(c)
            frames.append(frame.with_columns(regime_version=pl.lit(c.version, dtype=pl.Utf8)))
            offset += frame.height
    if not rows.size:
        return ok, None, None
    if compact:
        answers = pl.DataFrame([pl.Series("licence_required", licence), pl.Series("outcome", number)])
    else:
        answers = pl.concat(frames)[code]
    audited = _in_place(audit_parts, rows.size, audit.compact) if audit is not None else None
    return ok, answers, audited


@dataclass
class _Lines:
    """One exporter's screened lines' keys (ship day, country, entry, facts variant, value)."""

    ship: npt.NDArray[np.int64]
    country: npt.NDArray[np.int64]
    entry: npt.NDArray[np.int64]
    variant: npt.NDArray[np.int64]
    value: npt.NDArray[np.int64]

    @classmethod
    def of(cls, p: Prepared, rows: npt.NDArray[np.int64]) -> _Lines:
        """The keys of ``rows`` of ``p``: the chunk's own arrays when ``rows`` are all its lines."""
        if rows.size == p.ship_days.size:  # rows are sorted and distinct: all of them, in order
            return cls(p.ship_days, p.country, p.entry, p.variant, p.value)
        return cls(p.ship_days[rows], p.country[rows], p.entry[rows], p.variant[rows], p.value[rows])


@dataclass
class _Coded:
    """One exporter's lines' values of a column, as codes into ``values`` (a ``None`` value is
    a null): the audit's columns repeat a few hundred values over millions of lines."""

    #: The values, or a mapping whose keys are (the run's warning kinds, read when the chunk's
    #: columns are put together, still in its turn).
    values: list[Any] | dict[Any, int]
    codes: npt.NDArray[np.integer[Any]]


def _in_place(parts: list[tuple[npt.NDArray[np.int64], dict[str, _Coded]]], n: int, compact: bool) -> pa.Table:
    """Per-exporter audit columns put together in the rows' order: each column's lists of values
    joined (a list two exporters share, such as the warning kinds, once), its codes shifted and
    put at their rows; then a dictionary column (``compact``) or the values themselves."""
    columns = {}
    for name in parts[0][1]:
        values: list[Any] = []
        offsets: dict[tuple[Any, ...], int] = {}
        # One exporter's rows are all the rows, in order: its codes as they are.
        codes = parts[0][1][name].codes.astype(np.int32, copy=False) if len(parts) == 1 else np.empty(n, np.int32)
        for mine, coded in parts:
            part = coded[name]
            key = tuple(part.values)
            offset = offsets.get(key)
            if offset is None:
                offset = offsets[key] = len(values)
                values += list(part.values)
            if len(parts) > 1:
                codes[mine] = part.codes + offset
        columns[name] = _column(values, codes, compact)
    return pa.table(columns)


def _column(values: list[Any], codes: npt.NDArray[np.int32], compact: bool) -> pa.Array:
    """Codes into ``values`` as an Arrow column: ``None`` values become nulls."""
    missing = [i for i, v in enumerate(values) if v is None]
    if missing:  # the dictionary holds no null: its lines are null instead
        keep = np.array([v is not None for v in values])
        remap = (np.cumsum(keep) - 1).astype(np.int32)
        nulls = ~keep[codes]
        codes = remap[codes]
        values = [v for v in values if v is not None]
    else:
        nulls = None
    indices = _int32s(codes, nulls if nulls is not None and nulls.any() else None)
    listed = bool(values) and isinstance(values[0], tuple)  # the warning kinds
    if compact:
        return pa.DictionaryArray.from_arrays(indices, _strings([";".join(v) for v in values] if listed else values))
    if not listed:
        return _strings(values).take(indices)
    flat = _strings([k for v in values for k in v])
    starts = _int32s(np.cumsum([0] + [len(v) for v in values], dtype=np.int32), None)
    return pa.ListArray.from_arrays(starts, flat).take(indices)


def _int32s(codes: npt.NDArray[np.int32], nulls: npt.NDArray[np.bool_] | None) -> pa.Array:
    """Codes as an Arrow array over their own buffer (``pa.array`` of a numpy array imports
    pandas, 0.2 s a run); ``nulls`` marks the null lines."""
    data = np.ascontiguousarray(codes, dtype=np.int32)
    validity = None if nulls is None else pa.py_buffer(np.packbits(~nulls, bitorder="little"))
    count = 0 if nulls is None else int(nulls.sum())
    return pa.Array.from_buffers(pa.int32(), data.size, [validity, pa.py_buffer(data)], null_count=count)


def _strings(values: list[str]) -> pa.Array:
    """Python strings as an Arrow string array, built from its buffers (see :func:`_int32s`)."""
    encoded = [v.encode() for v in values]
    offsets = np.cumsum([0] + [len(b) for b in encoded], dtype=np.int32)
    return pa.Array.from_buffers(
        pa.string(), len(encoded), [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))]
    )


def _frame(table: pa.Table) -> pl.DataFrame:
    found = pl.from_arrow(table)
    assert isinstance(found, pl.DataFrame)
    return found


def _intake_measures(regime: Regime, c: CompiledRegime) -> frozenset[str]:
    """The ids of the measures an intake overlay added: asked once per cell, kept with the table."""
    found = c.cache.get("intake_measures")
    if not isinstance(found, frozenset):
        found = c.cache["intake_measures"] = frozenset(m.id for m in regime.measures.values() if m.origin == "intake")
    return found


def _cell_audit(
    regime: Regime, c: CompiledRegime, entry_id: str, country: str, day: dt.date, variant: int, value: int | None
) -> tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[object, ...]]:
    """(classified_as, warning kinds, cautions, the answer's summary) of one cell, from the scalar
    engine as ``check`` runs it, kinds in ``check``'s order; ``draft`` and ``pending_change`` are
    per line (:class:`_Announced`). The cautions are the ids of ``check``'s caution notices, in
    its order: every line of a run may carry the kind ``caution`` (the data's currency), so the
    kind alone cannot tell a line whose answer a caution overturns (a row-2 good under a
    small-value exemption, a licence refused) from the others."""
    view = _view(regime, c)
    end_use, informed = VARIANTS[variant]
    entry = view.entries[entry_id]
    facts = Facts(value, end_use, informed)  # type: ignore[arg-type]
    core = core_on(view, entry, country, day, facts)
    kinds = [n.kind for n in core.notes] + [n.kind for n in same_day_notes(core, day, None)]
    kinds += [n.kind for n in unreached_notes(core)]
    kinds += ["default_group" for h in core.hits if h.by_default and h.group.default_caveat]
    kinds += [n.kind for n in confidence_notes(core)]
    kinds += [n.kind for n in outside_window_notes(view, entry, country, day, core)]
    kinds += [n.kind for n in stand_in_notes(core.trace, day, c.known_on)]
    kinds += [n.kind for n in lapsed_time_limit_notes(view, entry, country, day, facts, core)]
    intake = _intake_measures(regime, c)
    if intake and any(s.measure in intake or s.ended_by in intake for s in core.trace):
        kinds.append("overlay")
    governing = core.entry
    classified = governing.id if governing is not None and governing.id != entry_id else None
    cautions = tuple(dict.fromkeys(n.rule for n in core.notes if n.kind == "caution" and n.rule))
    return classified, tuple(dict.fromkeys(kinds)), cautions, core.summary()


@dataclass
class _Stage:
    """The law as announced at one stage (between two announcement days), and what of it was
    asked so far: per column (destination class, entry, facts, value bucket; numbered once per
    run by :class:`_Announced`), the summary of the answer in each epoch (-1: not worked out
    yet) and the last epoch in which it changed."""

    view: Regime
    #: The announcement day the stage begins on (days since 1970).
    day: int
    #: First days of the epochs of ``view`` (days since 1970).
    starts: IntArray
    #: (column number, epoch) -> summary number (-1: not worked out yet); rows grow with columns.
    summaries: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int32))
    #: (column number, epoch) -> does the summary change in a later epoch (-1: not asked yet).
    later: npt.NDArray[np.int8] = field(default_factory=lambda: np.zeros((0, 0), dtype=np.int8))
    #: Column number -> last epoch whose summary differs from the epoch before (-1: none found yet).
    last: list[int] = field(default_factory=list)
    #: Column number -> lowest epoch down to which the summary was found not to change.
    floor: list[int] = field(default_factory=list)
    index: DayIndex | None = None

    def hold(self, columns: int) -> None:
        """Room for the first ``columns`` columns (grown by doubling: gathers need one array)."""
        have = len(self.last)
        if columns <= have:
            return
        width = len(self.starts) + 1
        if columns > len(self.summaries):
            more = max(columns - len(self.summaries), len(self.summaries), 64)
            self.summaries = np.concatenate([self.summaries.reshape(-1, width), np.full((more, width), -1, np.int32)])
            self.later = np.concatenate([self.later.reshape(-1, width), np.full((more, width), -1, np.int8)])
        self.last += [-1] * (columns - have)
        self.floor += [len(self.starts)] * (columns - have)

    def first_day(self, epoch: int) -> int:
        """A day of ``epoch`` (its first; the day before the first change for epoch 0)."""
        if epoch:
            return int(self.starts[epoch - 1])
        return int(self.starts[0]) - 1 if self.starts.size else days(dt.date(2000, 1, 1))

    def epochs(self, ship_days: IntArray) -> npt.NDArray[np.integer[Any]]:
        """The epoch of ``view`` each day falls in (its table made when first asked)."""
        if self.index is None:
            self.index = DayIndex(self.starts, small=True)
        return self.index(ship_days)


class _ReachedAnnounced:
    """Which of the records one (entry, destination) reaches are in force on a day, in the law as
    announced on a day (:class:`_Announced`), numbered: the same number, the same answer.

    A record is known from its measure's announcement and in force from its first to its last
    whole day (an end not yet announced: open), so which are in force can change only on those
    days; the state is worked out once per span between them.
    """

    def __init__(self, a: _Announced, at: npt.NDArray[np.int64]) -> None:
        self.made, self.ended = a.made[at], a.ended[at]
        self.starts, self.ends = a.starts[at], a.ends[at]
        self.stage_cuts = sorted({*self.made.tolist(), *self.ended.tolist()})
        self.day_cuts = sorted({*self.starts.tolist(), *self.ends.tolist()})
        self.spans: dict[tuple[int, int], int] = {}
        self.states: dict[bytes, int] = {}

    def span(self, stage_day: int, day: int) -> tuple[int, int]:
        """Between which of the days on which these records can change ``stage_day`` and ``day`` fall."""
        return bisect.bisect_right(self.stage_cuts, stage_day), bisect.bisect_right(self.day_cuts, day)

    def state(self, stage_day: int, day: int) -> int:
        span = self.span(stage_day, day)
        found = self.spans.get(span)
        if found is None:
            ends = np.where(self.ended <= stage_day, self.ends, np.iinfo(np.int64).max)  # an unannounced end: open
            active = (self.made <= stage_day) & (self.starts <= day) & (day < ends)
            found = self.spans[span] = self.states.setdefault(active.tobytes(), len(self.states))
        return found


def _own_ceilings(records: list[Dated], ceilings: npt.NDArray[np.int64]) -> list[int]:
    """Which of the regime's ceilings (:func:`_ceilings`) an exemption among ``records`` has."""
    own = {r.ceiling for r in records if isinstance(r, SmallValueExemption)}
    return [i for i, v in enumerate(ceilings.tolist()) if v in own]


def _read_bucket(own: list[int], bucket: int) -> int:
    """A value bucket as records whose exemptions have the ceilings ``own`` read it: not given (0), or
    how many of those ceilings it is above, plus one. The value is read only by exemptions (within a
    ceiling or not), and an answer reads only the exemptions among the records it reaches: two values
    alike to them get the same answer and warnings, whatever other ceilings lie between."""
    return 0 if bucket == 0 else 1 + sum(1 for i in own if bucket > i + 1)


class _Reached:
    """How the records one (entry, destination) reaches (:func:`reach`) stand on a day
    (:func:`standing`), numbered: the same number, the same answer and warnings. Worked out once
    per span between the days on which it can change (:func:`standing_changes`)."""

    def __init__(self, records: list[Dated], ceilings: npt.NDArray[np.int64]) -> None:
        self.records = records
        self.cuts = sorted({days(d) for r in records for d in standing_changes(r)})
        self.spans: dict[int, int] = {}
        self.states: dict[tuple[object, ...], int] = {}
        self.ceilings = _own_ceilings(records, ceilings)

    def bucket(self, bucket: int) -> int:
        """The value bucket as these records read it (:func:`_read_bucket`)."""
        return _read_bucket(self.ceilings, bucket)

    def state(self, day: int) -> int:
        span = bisect.bisect_right(self.cuts, day)
        found = self.spans.get(span)
        if found is None:
            on = EPOCH_ZERO + dt.timedelta(days=day)
            stood = tuple(standing(r, on) for r in self.records)
            found = self.spans[span] = self.states.setdefault(stood, len(self.states))
        return found


class _Announced:
    """``draft`` and ``pending_change`` per line, as ``check`` gives them.

    ``check`` compares the law as announced by the knowledge date (the shipment day when none
    is given) with the law it answers from on that day (a difference is a ``draft``), and with
    itself on every later change (``pending_change``). Both turn on the line's own day, not on
    a period of the answer tables, so they are worked out here per line: the summary ``check``
    compares (groups, licence, routes, exemptions, catch-all, governing entry) is numbered per
    epoch of the announced law, a line's ``draft`` is its epoch's summary against its answer's,
    and it is ``pending_change`` when the last epoch in which the summary changes lies after its
    own. Summaries come from the scalar engine, per column and epoch asked, the last change
    found scanning back from the end (where the law last moved: a few epochs for most).

    Columns share a destination class: countries whose own group records are alike (same
    groups, dates and measures) and that no rule, catch-all, prohibition, caution or exemption
    names. Whatever measures a stage leaves out, such countries stay alike in it.
    ``tests/test_files_users.py`` checks lines against ``check``.
    """

    def __init__(self, regime: Regime, c: CompiledRegime) -> None:
        self.regime, self.c = regime, c
        announced = {m.public_on for m in regime.measures.values() if m.public_on is not None}
        announced |= unsourced_days(regime)  # a record that names no measure: known from its first day
        self.days = np.array(sorted(days(d) for d in announced), dtype=np.int64)
        self.stage_index = DayIndex(self.days)
        self.ceilings = _ceilings(regime)
        self.numbers: dict[tuple[object, ...], int] = {}
        self.summaries: list[tuple[object, ...]] = []
        self.stages: dict[int, _Stage] = {}
        #: Column key -> column number (-1: not met yet), and the (country, entry id, facts) each
        #: number is worked out for: numbered once per run, whatever stage first meets it.
        self.columns: list[tuple[str, str, Facts]] = []
        #: (country, entry id, facts as the summary reads them) -> column number: lines whose
        #: facts differ only where no summary looks share a column (:meth:`_read_facts`).
        self.column_of: dict[tuple[str, str, Facts], int] = {}
        #: (entry id, country) -> the positions in :attr:`ceilings` of the exemptions' ceilings
        #: among the records the answer reaches.
        self.own_ceilings: dict[tuple[str, str], list[int]] = {}
        named: set[str] = set()
        for d in [r.scope.destinations for r in regime.rules] + [x.destinations for x in regime.catch_all]:
            named |= set(d.countries)
        for d in [p.destinations for p in regime.prohibitions] + [x.destinations for x in regime.cautions]:
            named |= set(d.countries)
        named |= {code for e in regime.exemptions if e.not_for for code in e.not_for.countries}
        records: dict[str, list[tuple[object, ...]]] = {}
        for g in regime.groups.values():
            for m in g.members:
                records.setdefault(m.country, []).append(
                    (g.id, m.valid_from, m.from_time, m.valid_to, m.to_time, m.measure, m.ended_by, m.uncertain)
                )
        classes: dict[object, int] = {}
        self.representative: list[str] = []
        klass = []
        for code in ALL_COUNTRIES:
            key: object = code if code in named else tuple(sorted(map(repr, records.get(code, []))))
            if key not in classes:
                classes[key] = len(self.representative)
                self.representative.append(code)
            klass.append(classes[key])
        self.klass = np.array(klass, dtype=np.int64)
        size = len(self.representative) * len(regime.entries) * len(VARIANTS) * (len(self.ceilings) + 2)
        self.column_lut = np.full(size, -1, dtype=np.int32)
        # Every record an answer reads (cautions only add warnings, not to the summary), as
        # arrays: a stage's law on a day is which of them are in force then.
        dated: list[Dated] = [*regime.rules, *regime.catch_all, *regime.exemptions, *regime.prohibitions]
        dated += list(regime.entries.values())
        dated += [m for g in regime.groups.values() for m in g.members]
        never = np.iinfo(np.int64).max

        def announced_on(measure: str | None) -> int:
            m = regime.measures.get(measure) if measure else None
            return days(m.public_on) if m is not None and m.public_on is not None else np.iinfo(np.int64).min

        def made_on(r: Dated) -> int:
            start = known_from(r)
            return days(start) if start is not None else announced_on(r.measure)

        self.starts = np.array([days(r.day_from) if r.day_from else -never for r in dated], dtype=np.int64)
        self.ends = np.array([days(r.day_to) if r.day_to and r.day_to != dt.date.max else never for r in dated])
        self.made = np.array([made_on(r) for r in dated], dtype=np.int64)
        self.ended = np.array([announced_on(r.ended_by) if r.ended_by else -never for r in dated], dtype=np.int64)
        self.dated = {id(r): i for i, r in enumerate(dated)}
        #: (country, entry, facts, how the records reaching them stand) -> summary number.
        self.memo: dict[tuple[object, ...], int] = {}
        self.reached: dict[tuple[str, str], _ReachedAnnounced] = {}
        #: (column number, span of :class:`_ReachedAnnounced`) -> (summary number, does it change
        #: later): stages and epochs alike in what the answer reads share both.
        self.asked: dict[tuple[int, tuple[int, int]], tuple[int, bool]] = {}
        #: A line's stage and its epoch in that stage turn on its ship day alone (the knowledge
        #: day is the ship day, or the run's one day), so each (stage, epoch) met is numbered as a
        #: slot, every day's slot kept in a table (-1: not met yet; days outside it in ``far``),
        #: and both flags of a chunk are two gathers from (column, slot) tables, not a pass per
        #: stage (a chunk shipped over years meets a hundred stages).
        self.slot_lut = np.full(days(LUT_TO) - days(LUT_FROM), -1, dtype=np.int32)
        self.far: dict[int, int] = {}
        self.slot_of: dict[tuple[int, int], int] = {}
        self.slots: list[tuple[int, int]] = []
        self.slot_summaries = np.full((0, 0), -1, dtype=np.int32)
        self.slot_later = np.full((0, 0), -1, dtype=np.int8)

    def _reached(self, entry_id: str, country: str) -> _ReachedAnnounced:
        """The records an answer about ``entry_id`` for ``country`` reads (:func:`reach`), as
        positions in the arrays above, and where how they stand can change."""
        found = self.reached.get((entry_id, country))
        if found is None:
            read = reach(self.regime, self.regime.entries[entry_id], country)
            at = np.array(sorted({self.dated[id(r)] for r in read if id(r) in self.dated}), dtype=np.int64)
            found = self.reached[(entry_id, country)] = _ReachedAnnounced(self, at)
        return found

    def _read_facts(self, country: str, entry_id: str, variant: int, bucket: int) -> Facts:
        """The facts of a line as an answer's summary (:meth:`Core.summary`) reads them, so that
        columns and remembered summaries are shared by lines that differ only where it does not.

        Why it is safe: the summary holds the groups, the licence, the routes, the exemptions
        applied, the catch-all's status, what is needed and refused, and the governing entry. A
        civil end use reads as none given in all of them (``_withheld`` and ``_exemption_lost``
        act only on a WMD or conventional-weapons use; the catch-all weighs both limbs for either;
        a civil use differs only in notes, which no summary holds). The value is read only by the
        small-value exemptions the goods reach (:func:`reach`): without one, a value given
        decides nothing (a note); with some, two values within the same of their own ceilings are
        alike, as :meth:`_Reached.bucket` reads them for the audit cells.
        ``tests/test_files_users.py`` compares every line with ``check``.
        """
        end_use, informed = VARIANTS[variant]
        if end_use == "civil":
            end_use = None
        own = self.own_ceilings.get((entry_id, country))
        if own is None:
            reached = reach(self.regime, self.regime.entries[entry_id], country)
            own = self.own_ceilings[(entry_id, country)] = _own_ceilings(reached, self.ceilings)
        value = None
        if own and bucket:
            read = _read_bucket(own, bucket)
            alike = next(b for b in range(1, len(self.ceilings) + 2) if _read_bucket(own, b) == read)
            value = _bucket_value(self.ceilings, alike)
        return Facts(value, end_use, informed)  # type: ignore[arg-type]

    def number(self, summary: tuple[object, ...]) -> int:
        found = self.numbers.get(summary)
        if found is None:
            found = self.numbers[summary] = len(self.summaries)
            self.summaries.append(summary)
        return found

    def summary(self, number: int) -> tuple[object, ...]:
        """The summary numbered ``number``."""
        return self.summaries[number]

    def learn(
        self, country: str, entry_id: str, variant: int, buckets: list[int], day: int, summary: tuple[object, ...]
    ) -> None:
        """The summary of an answer of the law in force on ``day`` (an audit cell's, from the
        scalar engine), kept for the announced law: in a stage in which the records this answer
        reads that are in force are the same, the announced law answers the same (the premise of
        :attr:`memo`). Most lines ask the law as announced on their own day, in which what is in
        force that day has mostly been announced: their summary need not be worked out again.
        ``buckets``: every value bucket the answer holds for (:meth:`_Reached.bucket`).
        """
        representative = self.representative[self.klass[COUNTRY_INDEX[country]]]
        reached = self._reached(entry_id, representative)
        active = (reached.starts <= day) & (day < reached.ends)
        state = reached.states.setdefault(active.tobytes(), len(reached.states))
        number = self.number(summary)
        for bucket in buckets:
            facts = self._read_facts(representative, entry_id, variant, bucket)
            self.memo.setdefault((representative, entry_id, facts, state), number)

    def _stage(self, stage: int) -> _Stage:
        found = self.stages.get(stage)
        if found is None:
            day = EPOCH_ZERO + dt.timedelta(days=int(self.days[stage - 1])) if stage else dt.date.min
            view = as_announced_on(self.regime, day)
            starts = np.array([days(d) for d in view.change_dates()], dtype=np.int64)
            stage_day = int(self.days[stage - 1]) if stage else int(np.iinfo(np.int64).min)
            found = _Stage(view, stage_day, starts)
            self.stages[stage] = found
        return found

    def _summary(self, st: _Stage, column: int, epoch: int) -> int:
        table = st.summaries[column]
        if table[epoch] < 0:
            country, entry_id, facts = self.columns[column]
            day = st.first_day(epoch)
            # The same goods, destination and facts, on a day on which every record they reach
            # stands as on a day already worked out in a stage: the same answer.
            key = (country, entry_id, facts, self._reached(entry_id, country).state(st.day, day))
            found = self.memo.get(key)
            if found is None:
                on = EPOCH_ZERO + dt.timedelta(days=day)
                core = core_on(st.view, st.view.entries[entry_id], country, on, facts, trace=False)
                found = self.memo[key] = self.number(core.summary())
            table[epoch] = found
        return int(table[epoch])

    def _stand_in_only(self, st: _Stage, column: int, day: int, later: int) -> bool:
        """Whether the column's answer changes on ``day`` only by records whose first day there
        stands in for an unknown one: the day before, with them already holding
        (:func:`with_stand_ins_begun`), answers as the day itself. As ``check`` asks it, of the same view."""
        country, entry_id, facts = self.columns[column]
        on = EPOCH_ZERO + dt.timedelta(days=day)
        read = [r for r in reach(st.view, st.view.entries[entry_id], country) if not isinstance(r, Caution)]
        if not stand_ins(read, on):
            return False
        early = with_stand_ins_begun(st.view, on)
        held = core_on(early, early.entries[entry_id], country, on - dt.timedelta(days=1), facts, trace=False)
        return self.number(held.summary()) == later

    def _changes_after(self, st: _Stage, column: int, epoch: int) -> bool:
        """Whether the column's summary changes in a later epoch than ``epoch``.

        Scanned back from the last epoch and only as far as asked: the last change found is
        kept (``last``), and so is how far down nothing changed (``floor``), for the next ask.
        """
        if st.last[column] >= 0:
            return st.last[column] > epoch
        i = st.floor[column]
        later = self._summary(st, column, i)
        while i > epoch:
            earlier = self._summary(st, column, i - 1)
            if earlier != later and not self._stand_in_only(st, column, st.first_day(i), later):
                st.last[column] = i
                return i > epoch
            later, i = earlier, i - 1
            st.floor[column] = i
        return False

    def _day_slots(self, ship: IntArray) -> npt.NDArray[np.int64]:
        """Each line's slot (:attr:`slots`): its stage of the announced law and its epoch there."""
        offset = ship - days(LUT_FROM)
        if offset.size and (int(offset.min()) < 0 or int(offset.max()) >= self.slot_lut.size):
            return np.array([self._slot(d) for d in ship.tolist()], dtype=np.int64)
        slot = self.slot_lut[offset]
        unset = np.flatnonzero(slot < 0)
        if unset.size:
            for d in np.unique(ship[unset]).tolist():
                self.slot_lut[d - days(LUT_FROM)] = self._slot(d)
            slot = self.slot_lut[offset]
        return slot.astype(np.int64)

    def _slot(self, day: int) -> int:
        """The slot of a ship day: the stage its knowledge day falls in, its epoch in that stage."""
        inside = 0 <= day - days(LUT_FROM) < self.slot_lut.size
        if not inside and day in self.far:
            return self.far[day]
        known = days(self.c.known_on) if self.c.known_on else day
        stage = int(self.stage_index(np.array([known], dtype=np.int64))[0])
        epoch = int(self._stage(stage).epochs(np.array([day], dtype=np.int64))[0])
        slot = self.slot_of.get((stage, epoch))
        if slot is None:
            slot = self.slot_of[(stage, epoch)] = len(self.slots)
            self.slots.append((stage, epoch))
        if not inside:
            self.far[day] = slot
        return slot

    def _hold_slots(self, columns: int, slots: int) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int8]]:
        """The (column, slot) tables with room for ``columns`` and ``slots`` (grown by doubling;
        new arrays are put in place whole, so a reader holding the old ones reads them intact)."""
        rows, width = self.slot_summaries.shape
        if columns > rows or slots > width:
            new_rows = max(columns, 2 * rows if columns > rows else rows, 64)
            new_width = max(slots, 2 * width if slots > width else width, 64)
            summaries = np.full((new_rows, new_width), -1, dtype=np.int32)
            later = np.full((new_rows, new_width), -1, dtype=np.int8)
            summaries[:rows, :width] = self.slot_summaries
            later[:rows, :width] = self.slot_later
            self.slot_summaries, self.slot_later = summaries, later
        return self.slot_summaries, self.slot_later

    def flags(
        self,
        ship: IntArray,
        country: IntArray,
        entry: IntArray,
        variant: IntArray,
        bucket: IntArray,
        base: npt.NDArray[np.int32],
    ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        """(draft, pending_change) per line: ``country`` in the global numbering, ``bucket`` the
        value as the ceilings read it, ``base`` the number of the summary of the line's answer."""
        width = len(self.ceilings) + 2
        entries = list(self.regime.entries)
        columns = ((self.klass[country] * len(entries) + entry) * len(VARIANTS) + variant) * width + bucket
        number = self.column_lut[columns]
        unset = np.flatnonzero(number < 0)
        if unset.size:
            new, first = np.unique(columns[unset], return_index=True)
            for k, f in zip(new.tolist(), unset[first].tolist(), strict=True):
                code = self.representative[self.klass[country[f]]]
                facts = self._read_facts(code, entries[entry[f]], int(variant[f]), int(bucket[f]))
                column = self.column_of.get((code, entries[entry[f]], facts))
                if column is None:
                    column = self.column_of[(code, entries[entry[f]], facts)] = len(self.columns)
                    self.columns.append((code, entries[entry[f]], facts))
                self.column_lut[k] = column
            number = self.column_lut[columns]
        slot = self._day_slots(ship)
        summaries, later_table = self._hold_slots(len(self.columns), len(self.slots))
        width = summaries.shape[1]
        cell = number.astype(np.int64) * width + slot
        later = later_table.reshape(-1)[cell]
        unasked = np.flatnonzero(later < 0)
        if unasked.size:
            for k in np.unique(cell[unasked]).tolist():
                n, at_slot = divmod(k, width)
                s, e = self.slots[at_slot]
                st = self._stage(s)
                st.hold(len(self.columns))
                if st.later[n, e] < 0:
                    country_code, entry_id, _ = self.columns[n]
                    at = self._reached(entry_id, country_code).span(st.day, st.first_day(e))
                    found = self.asked.get((n, at))
                    if found is None:
                        # Another stage or epoch in which every record this answer reads stands
                        # as here has the same answer and the same changes after it.
                        found = self.asked[(n, at)] = (self._summary(st, n, e), self._changes_after(st, n, e))
                    st.summaries[n, e], st.later[n, e] = found
                summaries[n, at_slot], later_table[n, at_slot] = st.summaries[n, e], st.later[n, e]
            later = later_table.reshape(-1)[cell]
        draft = summaries.reshape(-1)[cell] != base
        pending = later > 0
        return draft, pending


def _bucket_value(ceilings: npt.NDArray[np.int64], bucket: int) -> int:
    """A value of ``bucket`` (1: within the lowest ceiling ... len + 1: above them all)."""
    if bucket - 1 < ceilings.size:
        return int(ceilings[bucket - 1])
    return int(ceilings.max(initial=0)) + 1


def audit_periods(regime: Regime, c: CompiledRegime) -> npt.NDArray[np.int64]:
    """First days of the periods in which a line's warning kinds cannot change (days since 1970).

    The tables' epochs, cut further at every day that can change a warning but not the answer:
    each day on which a record starts or stops at a time of day (a ``same_day`` warning on that
    day alone), the first and the day after the last day of every uncertain window (an
    ``uncertain_date`` warning inside it), and the dates of the cautions (warnings, so not
    epochs of the answer tables). A line's kinds are worked out once per period, destination,
    entry and facts, on a day of that period (``draft`` and ``pending_change`` per line, by
    :class:`_Announced`).
    """
    cached = c.cache.get("audit_periods")
    if isinstance(cached, np.ndarray):
        return cached
    view = _view(regime, c)
    cuts = set(c.epoch_starts.tolist())
    one = dt.timedelta(days=1)
    for rec in [*view.dated_records(), *view.cautions]:
        for d, t in ((rec.valid_from, rec.from_time), (rec.valid_to, rec.to_time)):
            if d is not None and d not in (dt.date.min, dt.date.max):
                cuts.add(days(d))
                if t:
                    cuts.add(days(d + one))
        u = rec.uncertain
        for w in (u.start_between, u.end_between) if u is not None else ():
            if w is not None:
                cuts |= {days(w[0]), days(w[1] + one)}
    periods = np.array(sorted(cuts), dtype=np.int64)
    c.cache["audit_periods"] = periods
    return periods


def _period_index(regime: Regime, c: CompiledRegime) -> DayIndex:
    found = c.cache.get("period_index")
    if not isinstance(found, DayIndex):
        found = c.cache["period_index"] = DayIndex(audit_periods(regime, c))
    return found


def _view(regime: Regime, c: CompiledRegime) -> Regime:
    view = c.cache.get("view")
    if not isinstance(view, Regime):
        view = as_known_on(regime, c.known_on) if c.known_on else regime
        c.cache["view"] = view
    return view


def _destination_part(
    regime: Regime, c: CompiledRegime, country: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], int]:
    """The destination as the audit's cell key sees it: the table's class, except for a country a
    caution names, which is a class of its own (a caution may name one country of a class)."""
    lut = _destination_lut(regime, c)
    return lut[country], int(lut.max()) + 1


def _destination_lut(regime: Regime, c: CompiledRegime) -> npt.NDArray[np.int64]:
    lut = c.cache.get("audit_destinations")
    if not isinstance(lut, np.ndarray):
        named = {
            code
            for caution in _view(regime, c).cautions
            for code in caution.destinations.countries + caution.destinations.except_countries
        }
        classes = c.country_class[c.country_lut].astype(np.int64)
        # Countries of one answer class whose own memberships warn otherwise (an uncertain window, a time of
        # day, a source of other standing: legal review 62, R62-4 - Hungary's uncertain Group A day was
        # dropped for Argentina's answer) are classes of their own for the audit as well.
        marks: dict[str, list[tuple[object, ...]]] = {}
        for g in _view(regime, c).groups.values():
            for m in g.members:
                marks.setdefault(m.country, []).append(
                    (g.id, m.valid_from, m.from_time, m.valid_to, m.to_time, m.uncertain, m.source.id, m.confidence)
                )
        keys = [
            (int(classes[i]), tuple(sorted(map(repr, marks.get(code, []))))) for i, code in enumerate(ALL_COUNTRIES)
        ]
        alike: dict[tuple[int, tuple[str, ...]], int] = {}
        classes = np.array([alike.setdefault(k, len(alike)) for k in keys], dtype=np.int64)
        base = int(classes.max()) + 1
        own = {code: base + i for i, code in enumerate(sorted(named))}  # numbered densely: they index a table
        lut = np.array([own.get(code, classes[i]) for i, code in enumerate(ALL_COUNTRIES)], dtype=np.int64)
        c.cache["audit_destinations"] = lut
    return lut


def _representatives(regime: Regime, c: CompiledRegime) -> dict[int, str]:
    """Per destination class of :func:`_destination_part`, the country its audit cells are worked
    out for: the first code of the class, other than the exporting jurisdiction itself.

    Why: the countries of a class get the same answers and warnings (the premise the cells
    already rest on within a period); worked out for one fixed country, a cell met again in
    another period by another country of the class is not asked again, and what a cell says does
    not depend on which line met it first.
    """
    cached = c.cache.get("audit_representatives")
    if isinstance(cached, dict):
        return cached
    found: dict[int, str] = {}
    for i, k in enumerate(_destination_lut(regime, c).tolist()):
        if ALL_COUNTRIES[i] != regime.jurisdiction:
            found.setdefault(int(k), ALL_COUNTRIES[i])
    c.cache["audit_representatives"] = found
    return found


@dataclass
class _AuditCells:
    """A compiled table's audit cells: a dense index of every (period, destination, reading of the
    item, facts, value as the exemptions' ceilings read it) to the number of its (warning kinds,
    answer's summary but the governing entry), unset until first met; so a chunk's audit is one
    gather, like its answers.

    The item is keyed by its *reading* in the period: what the warnings read of it (the compiled
    tables' signature of the entry and of the entry governing it, and of each entry on the way
    from one to the other: whether its official text was read, its confidence, its dates, times,
    uncertain windows and measures). Entries alike in that get the same warnings, as they get the
    same answers; ``tests/test_files_users.py`` compares lines with ``check``.
    """

    #: Cell -> its number + 1 (0: not met yet). Zero for unset, not -1, so the table is made by
    #: ``np.zeros`` and only the pages of the cells a run meets are ever written: filling the
    #: whole table (39 MiB for Japan) first-touches every page, 0.01-0.5 s on this workplace's
    #: virtual machines, most of it for cells no line asks.
    index: npt.NDArray[np.int32]
    shape: tuple[int, int, int]
    #: (period, entry) -> the number of the entry's reading in that period (-1: not worked out).
    reading: npt.NDArray[np.int32]
    #: (period, entry) -> index of the entry governing it in that period (-1: none).
    governing: npt.NDArray[np.int64]
    #: Per period: reading -> its number.
    readings: dict[int, dict[object, int]] = field(default_factory=dict)
    #: Cell number -> (kinds, number of the summary but its governing entry, cautions), numbered once.
    values: list[tuple[tuple[str, ...], int, tuple[str, ...]]] = field(default_factory=list)
    numbers: dict[tuple[tuple[str, ...], int, tuple[str, ...]], int] = field(default_factory=dict)
    #: (entry, country) -> how the records they reach stand on a day (:class:`_Reached`).
    reached: dict[tuple[str, str], _Reached] = field(default_factory=dict)
    #: (entry, country, facts variant, value bucket, state of the records reached) -> cell number:
    #: periods apart in which nothing these goods and this destination read changed share it.
    memo: dict[tuple[str, str, int, int, int], int] = field(default_factory=dict)

    def number(self, value: tuple[tuple[str, ...], int, tuple[str, ...]]) -> int:
        if value not in self.numbers:
            self.numbers[value] = len(self.values)
            self.values.append(value)
        return self.numbers[value]


def _provenance(rec: Dated) -> tuple[object, ...]:
    """What a trace step of ``rec`` gives the warnings: official or not, confidence, dates, windows."""
    ref = SourceRef.of(rec)
    times = (rec.valid_from, rec.from_time, rec.valid_to, rec.to_time, repr(rec.uncertain))
    return (ref.official, ref.confidence, *times, rec.measure, rec.ended_by)


def _read_item(
    view: Regime, entry_id: str, day: dt.date, signature: dict[str, tuple[object, ...]]
) -> tuple[object, int]:
    """(the entry's reading on ``day``, index of the entry governing it or -1); see :class:`_AuditCells`."""
    entries = list(view.entries)
    chain, seen = [], set()
    current: ControlEntry | None = view.entries[entry_id]
    while current is not None and not current.covers(day):
        chain.append(_provenance(current))
        seen.add(current.id)
        prior = current.prior_classification
        current = view.entries.get(prior) if prior and prior not in seen else None
    governed = (signature[current.id], _provenance(current)) if current is not None else None
    # The asked entry's own caution before its start (``prior_note``, named by its id) is read too:
    # entries alike in all else must not share it (session review S25-2).
    asked = view.entries[entry_id]
    note = (entry_id, asked.prior_note) if asked.prior_note and chain else None
    reading = (signature[entry_id], tuple(chain), governed, note)
    return reading, entries.index(current.id) if current is not None else -1


def _ceilings(regime: Regime) -> npt.NDArray[np.int64]:
    """Every small-value exemption's ceiling, sorted: two values between the same two ceilings
    are alike to the law (an exemption applies when the value is within its ceiling)."""
    return np.array(sorted({e.ceiling for e in regime.exemptions}), dtype=np.int64)


def _value_buckets(ceilings: npt.NDArray[np.int64], value: IntArray) -> npt.NDArray[np.int64]:
    """Per line, its value as the exemptions read it: 0 none given, 1 within the lowest ceiling, … ``len + 1``
    above them all (``1 + searchsorted(ceilings, value, side="left")``). A regime has a ceiling or two, so one
    comparison a ceiling is a sixth of a binary search's time per line."""
    out = (value >= 0).astype(np.int64)
    for ceiling in ceilings.tolist():
        out += value > ceiling
    return out


def _audit_cells(regime: Regime, c: CompiledRegime) -> _AuditCells:
    cells = c.cache.get("audit_cells")
    if not isinstance(cells, _AuditCells):
        _, n_destinations = _destination_part(regime, c, np.zeros(0, dtype=np.int64))
        shape = (len(audit_periods(regime, c)) + 1, n_destinations, len(regime.entries))
        width = len(VARIANTS) * (len(_ceilings(regime)) + 2)
        by_entry = shape[0] * shape[2]
        cells = _AuditCells(
            np.zeros(int(np.prod(shape)) * width, dtype=np.int32),
            shape,
            np.full(by_entry, -1, dtype=np.int32),
            np.full(by_entry, -1, dtype=np.int64),
        )
        c.cache["audit_cells"] = cells
    return cells


def _audit_columns(
    p: Prepared,
    rows: npt.NDArray[np.int64],
    c: CompiledRegime,
    regime: Regime,
    audit: Audit,
    lines: _Lines | None = None,
) -> dict[str, _Coded]:
    """The audit columns of the rows ``rows`` (positions in the chunk) of one exporter.

    Warnings and the governing entry are worked out once per cell (period of
    :func:`audit_periods`, destination class, entry, facts, value given or not and which
    exemption ceilings it is within),
    in which the answer itself is the same for every line, by the scalar engine ``check`` uses;
    then gathered per row.
    """
    entries = list(regime.entries)
    lines = lines or _Lines.of(p, rows)
    ship, country, entry, variant, value = lines.ship, lines.country, lines.entry, lines.variant, lines.value
    destination, _ = _destination_part(regime, c, country)
    period = _period_index(regime, c)(ship)
    store = _audit_cells(regime, c)
    _, n_destinations, n_entries = store.shape
    # The value as the law reads it: not given, or which of the exemptions' ceilings it is within.
    ceilings = _ceilings(regime)
    bucket = _value_buckets(ceilings, value)
    # The item as the warnings read it in its period (and the entry governing it).
    pe = period * n_entries + entry
    unread = np.flatnonzero(store.reading[pe] < 0)
    if unread.size:
        signature = entry_signatures(_view(regime, c))  # remembered per view (compiled.entry_signatures)
        new, first = np.unique(pe[unread], return_index=True)
        for k, f in zip(new.tolist(), unread[first].tolist(), strict=True):
            day = EPOCH_ZERO + dt.timedelta(days=int(ship[f]))
            reading, governing = _read_item(_view(regime, c), entries[entry[f]], day, signature)
            numbers = store.readings.setdefault(int(period[f]), {})
            store.reading[k] = numbers.setdefault(reading, len(numbers))
            store.governing[k] = governing
    read = store.reading[pe].astype(np.int64)
    governing_index = store.governing[pe]
    width = len(VARIANTS) * (len(ceilings) + 2)
    flat = ((period * n_destinations + destination) * n_entries + read) * width
    flat += variant * (len(ceilings) + 2) + bucket
    announced = c.cache.get("announced")
    if not isinstance(announced, _Announced):
        announced = _Announced(regime, c)
        c.cache["announced"] = announced
    number = store.index[flat] - 1
    unset = np.flatnonzero(number < 0)
    if unset.size:
        new, first = np.unique(flat[unset], return_index=True)
        view = _view(regime, c)
        representative = _representatives(regime, c)
        for k, f in zip(new.tolist(), unset[first].tolist(), strict=True):
            entry_id = entries[entry[f]]
            code = representative.get(int(destination[f]), ALL_COUNTRIES[country[f]])
            reached = store.reached.get((entry_id, code))
            if reached is None:
                records = reach(view, view.entries[entry_id], code)
                reached = store.reached[(entry_id, code)] = _Reached(records, ceilings)
            key = (entry_id, code, int(variant[f]), reached.bucket(int(bucket[f])), reached.state(int(ship[f])))
            found = store.memo.get(key)
            if found is None:
                day = EPOCH_ZERO + dt.timedelta(days=int(ship[f]))
                given = int(value[f]) if value[f] >= 0 else None
                _, kinds, cautions, summary = _cell_audit(regime, c, entry_id, code, day, int(variant[f]), given)
                found = store.memo[key] = store.number((kinds, announced.number(summary[:-1]), cautions))
                if c.known_on is None:  # the cell answered from the law in force itself
                    alike = [b for b in range(len(ceilings) + 2) if reached.bucket(b) == key[3]]
                    announced.learn(code, entry_id, int(variant[f]), alike, int(ship[f]), summary)
            store.index[k] = found + 1
        number = store.index[flat] - 1
    # The answer's summary per row: the cell's, with the row's own governing entry.
    summary_of = np.array([v[1] for v in store.values], dtype=np.int64)
    pair = summary_of[number] * (n_entries + 1) + governing_index + 1
    pair_space = (int(summary_of.max(initial=0)) + 1) * (n_entries + 1)
    if pair_space <= DENSE_KEYS:
        pairs, back_pair = _distinct_small(pair, pair_space)
    else:
        pairs, back_pair = np.unique(pair, return_inverse=True)
    summaries = []
    for k in pairs.tolist():
        partial, gov = divmod(k, n_entries + 1)
        summaries.append(announced.number((*announced.summary(partial), entries[gov - 1] if gov else None)))
    base = np.asarray(summaries, dtype=np.int32)[back_pair.reshape(-1)]
    # Per row: draft and pending_change (as check, first), the cell's kinds, then knowledge_cutoff
    # (as check) and duplicate_line_id.
    draft, pending = announced.flags(ship, country, entry, variant, bucket, base)
    cutoff = np.zeros(rows.size, dtype=np.int64)
    if audit.known_on is not None:
        cutoff = (ship > (audit.known_on - EPOCH_ZERO).days).astype(np.int64)
    if p.repeat is None and p.line_id is not None:  # asked late: the ids read ahead may still be coming
        p.repeat = audit.line_ids.repeats(p.line_id)
    repeat = p.repeat[rows].astype(np.int64) if p.repeat is not None else np.zeros(rows.size, dtype=np.int64)
    classified = np.where((governing_index >= 0) & (governing_index != entry), governing_index, -1)
    key = (
        ((number.astype(np.int64) * (n_entries + 1) + classified + 1) * 16)
        + draft * 8
        + pending * 4
        + cutoff * 2
        + repeat
    )
    combo, back = _distinct_small(key, len(store.values) * (n_entries + 1) * 16)
    kinds_ids, classified_ids, caution_ids = [], [], []
    names: dict[str | None, int] = {}
    for k in combo.tolist():
        cell_governed, flags = divmod(k, 16)
        cell, governed = divmod(cell_governed, n_entries + 1)
        governor = entries[governed - 1] if governed else None
        cell_kinds, _, cell_cautions = store.values[cell]
        first = ("draft",) * (flags >> 3 & 1) + ("pending_change",) * (flags >> 2 & 1)
        extra = ("knowledge_cutoff",) * (flags >> 1 & 1) + ("duplicate_line_id",) * (flags & 1)
        kinds_ids.append(audit.kinds_id(tuple(dict.fromkeys(first + cell_kinds + extra))))
        caution_ids.append(audit.cautions_id(cell_cautions))
        classified_ids.append(names.setdefault(governor, len(names)))
    return {
        "item_id": _Coded(entries, entry),
        "classified_as": _Coded(list(names), np.asarray(classified_ids, dtype=np.int32)[back]),
        "destination_iso": _Coded(ALL_COUNTRIES, country),
        "warning_kinds": _Coded(audit.kinds, np.asarray(kinds_ids, dtype=np.int32)[back]),
        "cautions": _Coded(audit.cautions, np.asarray(caution_ids, dtype=np.int32)[back]),
        "bundle_version": _Coded([audit.bundle_version], np.zeros(rows.size, dtype=np.int32)),
    }


def _empty_results(df: pl.DataFrame, audit: bool = False, compact: bool = False) -> pl.DataFrame:
    if compact:
        empty = pl.DataFrame(schema={"licence_required": pl.Boolean(), "outcome": pl.Int32()})
    else:
        empty = pl.DataFrame(schema=outcome_frame_schema()).with_columns(regime_version=pl.lit("", dtype=pl.Utf8))
    parts = [df.head(0), empty]
    if audit:
        parts.append(pl.DataFrame(schema=audit_schema(compact)))
    return pl.concat(parts, how="horizontal")


def audit_schema(compact: bool = False) -> dict[str, pl.DataType]:
    text: pl.DataType = pl.Categorical() if compact else pl.Utf8()
    return {c: pl.List(pl.Utf8) if c in AUDIT_LIST_COLUMNS and not compact else text for c in AUDIT_COLUMNS}


def outcome_frame_schema() -> dict[str, pl.DataType]:
    return {
        "licence_required": pl.Boolean(),
        "needs": pl.List(pl.Utf8),
        "refused": pl.List(pl.Utf8),
        "routes": pl.List(pl.Utf8),
        "exemptions": pl.List(pl.Utf8),
        "catch_all": pl.Utf8(),
        "destination_groups": pl.List(pl.Utf8),
        "rule_ids": pl.List(pl.Utf8),
    }


def screen_frame(
    df: pl.DataFrame,
    regimes: dict[str, Regime],
    known_on: dt.date | None = None,
    tables: dict[str, CompiledRegime] | None = None,
    audit: bool | Audit = False,
    seq: int | None = None,
    lines: LineMap | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, Summary]:
    """Screen an in-memory frame: (results, rejects, summary), each in input order.

    ``lines``: where the frame's lines are in their file; each reject's ``error`` then starts
    with ``line N: `` (:func:`reject_errors`).

    ``audit=True`` adds :data:`AUDIT_COLUMNS` to the results (the bundle version is then the
    hash of ``regimes``); an :class:`Audit` carries them across the chunks of one file (its
    line ids, so a repeat in a later chunk is flagged, and the bundle's own version). Off by
    default: the Spark engine's output schema is the answer's columns alone.
    ``seq``: the chunk's place in the file
    when several are screened at once (:class:`Turns`).
    """
    tables = tables or {k: compiled(r, known_on) for k, r in regimes.items()}
    if audit is True:
        audit = Audit(regimes, known_on, bundle_version(regimes))
    extra = AUDIT_COLUMNS if audit else ()
    answer = COMPACT_COLUMNS if isinstance(audit, Audit) and audit.compact else RESULT_COLUMNS
    for column in (*answer, *extra, "error"):
        if column in df.columns:
            raise InputError(f"input already has a column named {column!r}; rename it before screening")
    _refuse_twice(df.columns)
    if not audit:
        return evaluate(prepare(df, regimes), tables, lines=lines)
    a = audit
    return _assemble(*in_turn(a, seq, lambda: prepare(df, regimes, a.memo), tables), a, lines)


def chunks(df: pl.DataFrame, size: int) -> Iterator[pl.DataFrame]:
    for start in range(0, max(df.height, 1), size):
        yield df.slice(start, size)


#: Key columns a Parquet input is read dictionary-encoded for: few distinct values, many lines.
#: (Not ``line_id`` or ``value``, which hardly repeat: encoding them would cost a hash a line.)
DICTIONARY_KEYS = ("exporter", "destination", "item", "ship_date", "currency", "end_use", "informed")


def screen_batch(
    lines: pa.Table,
    regimes: dict[str, Regime],
    tables: dict[str, CompiledRegime],
    audit: Audit,
    seq: int | None = None,
    where: LineMap | None = None,
    kept: list[npt.NDArray[np.bool_] | None] | None = None,
) -> tuple[pa.Table, pa.Table, Summary]:
    """Screen a chunk of lines held as Arrow into (results, rejects, summary), kept as Arrow.

    ``kept``: a list the mask of the lines in the results is appended to (``None`` when all are),
    for a writer that copies the input's columns (:mod:`exportctl.batch.splice`).

    Why a second shell around :func:`prepare` and :func:`answer_columns`: read from Parquet with
    its text keys dictionary-encoded, a chunk's columns go to the output as they came (a
    dictionary-encoded column is written as its codes, nothing hashed or copied), and the keys
    are resolved per dictionary value; only ``value`` passes through polars. The answers are
    those of :func:`screen_frame` on the same lines (``tests/test_streaming.py``).
    """
    names = lines.schema.names
    for column in (*COMPACT_COLUMNS, *AUDIT_COLUMNS, "error"):
        if column in names:
            raise InputError(f"input already has a column named {column!r}; rename it before screening")
    _refuse_twice(names)
    keys = [c for c in (*REQUIRED, *OPTIONAL) if c in names]
    # The chunk's batches come from row groups with dictionaries of their own: one per column.
    lines = lines.unify_dictionaries()
    at = lines.schema.get_field_index("line_id")
    if at >= 0 and pa.types.is_dictionary(lines.schema.field(at).type):
        # Ids typed as a dictionary (pandas' categorical): read as the ids they are. Taken for a key
        # read dictionary-encoded, they were left out, and every line was "missing line_id".
        lines = lines.set_column(at, "line_id", lines.column(at).combine_chunks().dictionary_decode())
    encoded = {c: lines.column(c).combine_chunks() for c in keys if pa.types.is_dictionary(lines.schema.field(c).type)}
    # The ids as Arrow text, not through polars (a copy of every id), when they are text; the
    # chunk's height is then theirs (its other columns may all be dictionary-encoded).
    ids = lines.column("line_id").combine_chunks() if is_text(lines.schema.field("line_id").type) else None
    rest = [c for c in keys if c not in encoded and (ids is None or c != "line_id")]

    def prepared() -> Prepared:
        plain = pl.from_arrow(lines.select(rest)) if rest else pl.DataFrame()
        assert isinstance(plain, pl.DataFrame)
        return prepare(plain, regimes, audit.memo, encoded, ids)

    p, ok, answers, audited = in_turn(audit, seq, prepared, tables)
    if answers is None:
        answers = _empty_results(pl.DataFrame(), True, audit.compact)
    bad = ~ok
    if kept is not None:
        kept.append(ok if bad.any() else None)
    # Masks made by polars: ``pa.array`` of a numpy array imports pandas (0.2 s a run).
    screened = lines if not bad.any() else lines.filter(pl.Series(ok).to_arrow())
    for name, column in zip(answers.columns, answers.to_arrow().columns, strict=True):
        screened = screened.append_column(name, column)
    for name, column in zip(audited.column_names if audited else [], audited.columns if audited else [], strict=True):
        screened = screened.append_column(name, column)
    errors = reject_errors(p.messages.column(p.error[bad]), bad, where).to_arrow()
    rejects = lines.filter(pl.Series(bad).to_arrow()).append_column("error", errors.cast(pa.large_string()))
    summary = Summary(
        rows_in=lines.num_rows,
        screened=screened.num_rows,
        rejected=rejects.num_rows,
        licence_required=int(answers["licence_required"].sum()) if answers.height else 0,
        notes=list(p.notes),
    )
    return screened, rejects, summary
