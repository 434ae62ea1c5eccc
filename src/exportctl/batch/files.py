"""Chunked readers and writers for CSV, Parquet and JSON Lines, and the file-to-file screening jobs.

A file is screened as a pipeline in bounded memory, whatever its size: polars' streaming reader
(or, for JSON Lines, blocks of lines) hands over chunks of at most ``chunk_rows`` lines, the main
thread screens one while a writer thread writes the previous one out, and only a few chunks are
ever held. CSV cannot hold lists, so list columns are written there as ``;``-joined text. An
output is complete or absent: it is written under a temporary name next to it and renamed into
place only when the run succeeds. A CSV or JSON Lines line that cannot be read at all goes to
the rejects with its line number instead of refusing the whole file (that slower path reads the
file whole, line by line). Every reject names where its line is in the input (``line N: ...``;
:class:`FileLines`), counted across chunks, and blank CSV lines are no lines. Text cells that a
spreadsheet would run as a formula are neutralised in CSV outputs.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import json
import os
import queue
import secrets
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Protocol, TypeVar, cast

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from exportctl.batch.screen import (
    AUDIT_COLUMNS,
    AUDIT_LIST_COLUMNS,
    COMPACT_COLUMNS,
    DICTIONARY_KEYS,
    EXCEL_ROWS,
    FIRST_BYTES_FROM,
    REQUIRED,
    RESULT_COLUMNS,
    Audit,
    LineMap,
    Summary,
    chunks,
    drop_blank,
    file_format,
    first_bytes,
    header_renames,
    is_text,
    key_of,
    read_sheet,
    read_table,
    repeated_ids,
    require_columns,
    screen_batch,
    screen_frame,
    summarised_cautions,
    with_key_names,
)
from exportctl.batch.splice import Splice
from exportctl.engine.compiled import CompiledRegime, compile_regime, compiled
from exportctl.engine.knowledge import without_measures
from exportctl.errors import InputError
from exportctl.law.loader import bundle_version
from exportctl.law.regime import Regime

Progress = Callable[[int, int], None]
COMPARED = ("licence_required", "needs", "refused", "routes", "exemptions", "catch_all", "destination_groups")
# A text cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_SIGNS = "=+-@\t\r"
FORMULA = r"^([=+\-@\t\r])"
BOM = b"\xef\xbb\xbf"
#: How the command line declares an input's encoding (:meth:`Encoding.said`, :func:`utf8_copy`).
CLI_ENCODING = "--encoding"

#: Lines screened at once unless told otherwise. What a run holds grows with the chunk, not with
#: the file (3 M lines Parquet to Parquet, whole process, peak RSS with chunks of 131,072 lines:
#: 0.6 GiB; 262,144: 0.8 GiB; 524,288: 1.1 GiB; 1,000,000: 1.4 GiB), and larger chunks were not
#: faster: the screening's per-chunk work is per distinct value, a few thousand at most.
CHUNK_ROWS = 262_144
#: Rows per Parquet row group (and per conversion to Arrow) in the outputs.
PARQUET_SLICE = 131_072
#: Chunks screened at once (threads): the numpy, polars and Arrow work of a chunk releases the
#: GIL, so two chunks use two cores; the parts that number things go one chunk at a time.
SCREENERS = 2
#: Parquet to Parquet copies the input's column chunks (:mod:`exportctl.batch.splice`); off only
#: to compare with the ordinary writer (tests, benchmarks: ``EXPORTCTL_SPLICE=0``).
SPLICE = os.environ.get("EXPORTCTL_SPLICE", "1") != "0"

T = TypeVar("T")

#: The ``.part-`` files this process created and has neither renamed into place nor removed.
#: Why: an interrupt (Ctrl-C, SIGTERM) can land between a file's creation and the ``with`` that
#: would remove it (while a run's second or third output is being opened): CI saw an outcomes
#: table's ``.part-`` file left so. The command line removes what is left here when it is
#: interrupted (:func:`after_interrupt`).
_UNFINISHED: set[Path] = set()


#: The outputs of the last run this process put in place, all at once (:func:`commit_all`); replaced,
#: not added to, by each run, so a long-lived process (the API's uploads) holds one run's paths.
_COMMITTED: list[Path] = []


def after_interrupt() -> list[Path]:
    """Remove every temporary file this process left unfinished (an interrupted run's); return the
    outputs it had already put in place, whole (an interrupt that came after a run's last rename)."""
    for temp in list(_UNFINISHED):
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        _UNFINISHED.discard(temp)
    return list(_COMMITTED)


Unreadable = tuple[int, str]  # (line number, counting from 1, why the line cannot be read)


def rejects_path_for(output: Path) -> Path:
    return output.with_name(f"{output.stem}.rejects{output.suffix}")


def outcomes_path_for(output: Path) -> Path:
    """The table of outcomes a compact run's ``outcome`` column numbers into."""
    return output.with_name(f"{output.stem}.outcomes{output.suffix}")


#: First bytes of a cell a spreadsheet would run as a formula (:data:`FORMULA`).
_FORMULA_LEAD = np.zeros(256, dtype=np.bool_)
_FORMULA_LEAD[[ord(c) for c in FORMULA_SIGNS]] = True


def _may_run(column: pl.Series) -> bool:
    """Whether any cell of a text column starts as a formula would, by its first bytes.

    Why: the replacement reads every cell of every text column (a 3 M-line CSV output: 4 CPU s,
    more than writing it); most columns hold no such cell and are left as they are.
    """
    for part in column.get_chunks():  # each chunk's own buffers, not a copy of them all in one
        read = first_bytes(part)
        if read is None:
            return True
        first = read[1]
        if _FORMULA_LEAD[first[first >= 0]].any():
            return True
    return False


def neutralise_formulas(df: pl.DataFrame) -> pl.DataFrame:
    """Prefix ``'`` to text cells (and header names) a spreadsheet would run as a formula.

    Text held as categories (a Parquet file's dictionary-encoded or categorical columns, read as
    polars Categorical or Enum) is looked at by its categories, and a column with a risky one is
    written as plain text with the prefix, like any other.
    """
    # A small frame (a tiny --chunk-rows, an API answer) is cheaper to rewrite than to look at.
    small = df.height < FIRST_BYTES_FROM
    risky_cells = [c for c, t in df.schema.items() if t == pl.Utf8 and (small or _may_run(df[c]))]
    risky_cells += [
        c
        for c, t in df.schema.items()
        if isinstance(t, pl.Categorical | pl.Enum) and (small or _may_run(df[c].unique().cast(pl.Utf8)))
    ]
    df = df.with_columns(pl.col(c).cast(pl.Utf8).str.replace(FORMULA, "'$1") for c in risky_cells)
    risky = [c for c in df.columns if c.startswith(tuple(FORMULA_SIGNS))]
    return df.rename({c: f"'{c}" for c in risky}) if risky else df


def arrow_options(schema: pa.Schema) -> dict[str, Any]:
    """pyarrow's writer options for :func:`screen_batch`'s tables: zstd; dictionary-encoded
    columns written as their codes, a dictionary tried on every column but plain text (ids
    hardly repeat).

    Min/max statistics only for columns that are not text: on text they were 40 % of the
    writing (3 M lines: 1.0 s against 0.6 s) and a reader filters on the answer's columns,
    not on the range of a text.
    """

    def text(t: pa.DataType) -> bool:
        return is_text(t.value_type if pa.types.is_dictionary(t) else t)

    plain = {f.name for f in schema if is_text(f.type)}
    return {
        "compression": "zstd",
        "use_dictionary": [f.name for f in schema if f.name not in plain],
        "write_statistics": [f.name for f in schema if not text(f.type)],
    }


@dataclass
class ScreenedLines:
    """A chunk's results as :func:`screen_batch` gives them, with what a splicing writer needs:
    how many input lines the chunk had and which of them are in ``table`` (``None``: all)."""

    table: pa.Table
    rows_in: int
    kept: npt.NDArray[np.bool_] | None


class TableWriter:
    """Appends frames to one output file in its format (CSV, Parquet, JSON Lines or ``.xlsx``);
    creates the file even when empty.

    The rows go to ``PATH.part-<random>`` in the same directory, renamed to ``PATH`` when the
    ``with`` block ends without an exception; on an exception the temporary file is removed,
    so ``PATH`` is either the whole output or untouched. Outputs are UTF-8; ``bom=True`` starts
    a CSV with a byte order mark, the one sign Excel in Japan or Korea takes to read a CSV as
    UTF-8 rather than CP932 or CP949 (off by default: most other programs show it as a stray
    character in the first column's name).

    An ``.xlsx`` output is written by xlsxwriter in constant-memory mode (each row is written
    out as it comes), text as text cells: a cell ``=HYPERLINK(...)`` is a string, never a
    formula, and lists are ``;``-joined as in CSV. A sheet holds 1,048,576 rows: more lines
    than that are refused with a one-line error that names CSV or Parquet.
    """

    def __init__(self, path: Path, bom: bool = False, deferred: bool = False) -> None:
        self.path = path
        #: Finish but do not rename on a clean exit: :func:`commit_all` renames a run's files together.
        self.deferred = deferred
        self.fmt = file_format(path)
        self.temp = path.with_name(f"{path.name}.part-{secrets.token_hex(6)}")
        self.rows = 0
        self.bom = bom
        self._handle: IO[Any] | None = None
        self._parquet: pq.ParquetWriter | None = None
        self._book: Any = None
        self._first = True
        #: The Parquet input whose column chunks this output copies, when it can (set by the run).
        self.splice: Splice | None = None
        self._spliced = False

    def __enter__(self) -> TableWriter:
        check_output(self.path)
        _UNFINISHED.add(self.temp)  # before it exists: an interrupt may come as soon as it does
        try:
            if self.fmt in ("parquet", "xlsx"):
                self._handle = self.temp.open("xb")
            else:
                self._handle = self.temp.open("x", encoding="utf-8", newline="")
                if self.bom and self.fmt == "csv":
                    self._handle.write("\ufeff")
        except BaseException:
            if self._handle is not None:
                self._handle.close()
                self._handle = None
            self._discard()
            raise
        return self

    def _discard(self) -> None:
        """Remove the temporary file (an unfinished output)."""
        self.temp.unlink(missing_ok=True)
        _UNFINISHED.discard(self.temp)

    def write(self, df: pl.DataFrame | pa.Table | ScreenedLines) -> None:
        assert self._handle is not None
        if isinstance(df, ScreenedLines):
            if self.fmt == "parquet":
                self._write_arrow(df.table, df)
                return
            df = df.table
        if isinstance(df, pa.Table):
            if self.fmt == "parquet":
                self._write_arrow(df)
                return
            converted = pl.from_arrow(df)  # a rejects file in another format than the Parquet input
            assert isinstance(converted, pl.DataFrame)
            df = converted
        if self.fmt == "xlsx":
            self._write_xlsx(df)
        elif self.fmt == "parquet":
            # Handed to Arrow a slice at a time: the export copies polars' string views into the
            # large strings the file has always declared, and a whole chunk's copy would double
            # what a chunk holds. Each slice is a row group, about the size DuckDB writes.
            for start in range(0, max(df.height, 1), PARQUET_SLICE):
                part = df.slice(start, PARQUET_SLICE)
                table = part.to_arrow()
                if self._parquet is None:
                    self._parquet = pq.ParquetWriter(
                        self._handle, table.schema, compression="zstd", use_dictionary=_repeating(part)
                    )
                if table.num_rows:  # an empty frame only gives a new file its columns
                    self._parquet.write_table(table)
        elif self.fmt == "csv":
            if df.height or self._first:
                # Every list column (the answer's, and impact's ``*_with``/``*_without``) as text.
                lists = [c for c, t in df.schema.items() if isinstance(t, pl.List)]
                flat = df.with_columns(pl.col(c).cast(pl.List(pl.Utf8)).list.join(";") for c in lists)
                neutralise_formulas(flat).write_csv(self._handle, include_header=self._first)
                self._first = False
        elif df.height:
            df.write_ndjson(self._handle)
        self.rows += df.height

    def _write_arrow(self, table: pa.Table, lines: ScreenedLines | None = None) -> None:
        """An Arrow table (:func:`screen_batch`'s) as it is (:func:`arrow_options`); with
        ``lines`` (how many input lines it came from, which were kept) and a :attr:`splice`, the
        input's own column chunks are copied instead (:mod:`exportctl.batch.splice`).
        """
        if self._parquet is None and self.splice is not None and not self._spliced:
            assert self._handle is not None
            self._schema = table.schema
            if lines is not None and self.splice.start(self._handle, table.schema, arrow_options):
                self._spliced = True
            else:
                self.splice.close()
                self.splice = None
        if self._spliced:
            assert self.splice is not None and lines is not None
            self.splice.write(table, lines.rows_in, lines.kept)
            self.rows += table.num_rows
            return
        if self._parquet is None:
            self._schema = table.schema
            self._parquet = pq.ParquetWriter(self._handle, table.schema, **arrow_options(table.schema))
        if table.num_rows:
            self._parquet.write_table(table if table.schema == self._schema else table.cast(self._schema))
        self.rows += table.num_rows

    def _write_xlsx(self, df: pl.DataFrame) -> None:
        import xlsxwriter  # type: ignore[import-untyped]

        if self.rows + df.height + 1 > EXCEL_ROWS:
            raise InputError(
                f"{self.path.name}: {self.rows + df.height:,}+ lines do not fit one Excel sheet "
                f"({EXCEL_ROWS:,} rows with the header); write .csv or .parquet instead"
            )
        if self._book is None:
            assert self._handle is not None
            options = {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            }
            self._book = xlsxwriter.Workbook(self._handle, options)
            self._sheet = self._book.add_worksheet()
            for col, name in enumerate(df.columns):
                self._sheet.write_string(0, col, name)
        sheet = self._sheet
        lists = [c for c, t in df.schema.items() if isinstance(t, pl.List)]
        flat = df.with_columns(pl.col(c).cast(pl.List(pl.Utf8)).list.join(";") for c in lists)
        # Beyond 2**53 Excel's numbers lose digits and it has no NaN or infinity (xlsxwriter would
        # write error formulas): such columns go in as text; dates as ISO text. Strings are never read as formulas, URLs or numbers (the workbook's options).
        big = [c for c, t in flat.schema.items() if t.is_integer() and (flat[c].abs() >= 2**53).any()]
        big += [c for c, t in flat.schema.items() if t.is_float() and not flat[c].is_finite().fill_null(True).all()]
        flat = flat.with_columns(pl.col(c).cast(pl.Utf8) for c, t in flat.schema.items() if t.is_temporal() or c in big)
        for r, row in enumerate(flat.iter_rows(), start=self.rows + 1):
            sheet.write_row(r, 0, row)

    def close(self, sync: bool = True) -> None:
        """Finish the temporary file (idempotent); ``__exit__`` renames it into place."""
        parquet, handle, book = self._parquet, self._handle, self._book
        splice, spliced = self.splice, self._spliced
        self._parquet = self._handle = self._book = self.splice = None
        try:
            if splice is not None:
                if spliced and sync:
                    splice.finish()
                else:
                    splice.close()
            if book is None and handle is not None and self.fmt == "xlsx" and sync:
                self._write_xlsx(pl.DataFrame())  # an empty output still gets its sheet
                book, self._book = self._book, None
            if book is not None:
                book.close()
            if parquet is not None:
                parquet.close()
            if handle is not None and sync:  # on disk before the rename makes it the output
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            if handle is not None:
                handle.close()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None:
            with contextlib.suppress(Exception):  # the first error is the one to report
                self.close(sync=False)
            self._discard()
            return
        try:
            self.close()
            if not self.deferred:
                commit_all([self])
        except BaseException:
            self._discard()
            raise


def check_output(path: Path) -> None:
    """Refuse, as one :class:`InputError` naming ``path``, an output that cannot be written there:
    a folder at that name, or a folder to hold it that is missing or is a file.

    Why: checked before any work (and again when the file is opened), so the user reads the path
    they gave rather than a temporary ``.part-`` file's, and no folder is made behind their back:
    a mistyped folder is far likelier than a wish to create one.
    """
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name")
    check_parent(path)


def check_parent(path: Path) -> None:
    """Refuse an output whose folder is missing or is a file (the Spark engine's outputs are
    folders themselves: only this half of :func:`check_output` applies to them)."""
    parent = path.parent
    if not parent.exists():
        raise InputError(f"cannot write {path}: folder {parent} does not exist")
    if not parent.is_dir():
        raise InputError(f"cannot write {path}: {parent} is not a folder")


def commit_all(writers: list[TableWriter]) -> None:
    """Rename the finished temporary files of one run into place, all or none.

    Why: a run's outputs (results, rejects, table of outcomes) only make sense together; a rename
    that fails half-way (a folder put at an output's name meanwhile, a full or read-only disk)
    must not leave some of this run's files beside another run's. An output that existed is
    hard-linked aside first and put back if a later rename fails; where a hard link cannot be
    made the file is lost on such a failure, but no output of this run remains. The error names
    the user's path, not the temporary file. An interrupt is such a failure too, wherever it lands:
    a file renamed just before it is put back with the others (session review S35B-2), and the
    outputs are recorded as this run's (:data:`_COMMITTED`) only once all are in place.
    """
    done: list[tuple[TableWriter, Path | None]] = []
    try:
        for w in writers:
            backup = None
            try:
                backup = _kept_aside(w.path)
                os.replace(w.temp, w.path)
                done.append((w, backup))
            except OSError as exc:
                if backup is not None:
                    _drop(backup)
                reason = "is a folder" if w.path.is_dir() else (exc.strerror or str(exc))
                raise InputError(f"cannot write {w.path}: {reason}") from exc
            except BaseException:
                if not w.temp.exists() and all(d is not w for d, _ in done):
                    done.append((w, backup))  # renamed just before the interrupt: put back below
                elif backup is not None:
                    _drop(backup)
                raise
        _COMMITTED[:] = [w.path for w in writers]
    except BaseException:
        for w, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, w.path)
                    _UNFINISHED.discard(backup)
                else:
                    w.path.unlink(missing_ok=True)
        for w in writers:
            w._discard()
        raise
    for w, backup in done:
        _UNFINISHED.discard(w.temp)
        if backup is not None:
            _drop(backup)


def _drop(path: Path) -> None:
    """Remove a file kept aside, and forget it."""
    path.unlink(missing_ok=True)
    _UNFINISHED.discard(path)


def _kept_aside(path: Path) -> Path | None:
    """A hard link to the file at ``path`` (to put it back), or ``None`` if none is there or can be made."""
    if not path.is_file():
        return None
    backup = path.with_name(f"{path.name}.old-{secrets.token_hex(6)}")
    _UNFINISHED.add(backup)  # removed by an interrupt's clean-up if it comes before this is
    try:
        os.link(path, backup)
    except OSError:
        _UNFINISHED.discard(backup)
        return None
    return backup


def _repeating(df: pl.DataFrame) -> list[str]:
    """The columns worth a Parquet dictionary: all but text that hardly repeats (a line id).

    Why: the writer tries a dictionary for every column and gives up on one that grows too
    large only after building it; a column of unique ids paid that on every row group (a
    fifth of the writing). Judged on the first slice written, as a file's columns keep their
    nature. Written with zstd: 3 M screened lines took 23 MiB instead of snappy's 39 MiB for
    about 7 % more CPU (1.47 s against 1.37 s).
    """
    keep = []
    for name, dtype in df.schema.items():
        if dtype in (pl.Utf8, pl.Binary) and df.height >= 1000 and df[name].n_unique() > df.height // 2:
            continue
        keep.append(name)
    return keep


def write_table(df: pl.DataFrame, path: Path, bom: bool = False) -> None:
    """Write one frame to ``path`` in the format its extension names (``.csv``, ``.parquet``,
    ``.jsonl`` or ``.xlsx``), whole or not at all: for shells that hold a result in memory (a
    download from the web page) and want the same files as ``screen`` writes."""
    with TableWriter(path, bom) as writer:
        writer.write(df)


# ------------------------------------------------------------------------------------ line numbers

#: Bytes a blank CSV line holds at most: a line of them alone (empty cells' commas, spaces, a
#: carriage return) is no line, as a blank row of a sheet is none.
_CSV_BLANK = np.zeros(256, dtype=np.bool_)
_CSV_BLANK[list(b' \t\r,"')] = True
#: Bytes a blank JSON Lines line holds at most.
_JSON_BLANK = np.zeros(256, dtype=np.bool_)
_JSON_BLANK[list(b" \t\r")] = True
#: Bytes read at once while lines are numbered.
LINES_BLOCK = 1 << 22


def row_lines(rows: npt.NDArray[np.int64]) -> LineMap:
    """The map of a frame whose rows' line numbers are ``rows`` (one per row, in order)."""

    def lines(at: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        return rows[at]

    return lines


def counted_lines(at: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Rows numbered from 1 (a Parquet file's rows, which have no lines of their own)."""
    return at + 1


class FileLines:
    """Where a CSV or JSON Lines file's rows are: row ``k`` (from 0, blank lines not counted, a
    CSV's header not counted) to the file's line it starts on (from 1).

    Read when first asked (only a run with a reject asks), in blocks, with numpy: a line break
    inside a quoted CSV field is the one after an odd number of quotes. Kept as the points where
    ``line - row`` changes (after a header, a blank line, a field over lines), so a file of
    millions of plain lines is a few numbers. ``path`` may also be the text itself, as bytes: a
    block of lines the Spark engine holds (``exportctl.batch.spark_text``), numbered the same way.
    """

    def __init__(self, path: Path | bytes, csv_file: bool) -> None:
        self.path, self.csv_file = path, csv_file
        self.lock = threading.Lock()
        self.rows: npt.NDArray[np.int64] | None = None
        self.shift: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)

    def __call__(self, at: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        with self.lock:
            if self.rows is None:
                self.rows, self.shift = self._read()
        if not self.rows.size:
            return at + 1
        k = np.maximum(np.searchsorted(self.rows, at, side="right") - 1, 0)
        return at + self.shift[k]

    def _read(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        blank = _CSV_BLANK if self.csv_file else _JSON_BLANK
        rows_at: list[npt.NDArray[np.int64]] = []
        shifts: list[npt.NDArray[np.int64]] = []
        rows, line, last = 0, 1, None
        header = self.csv_file  # a CSV's first line that is not blank is its header
        rest = b""
        with io.BytesIO(self.path) if isinstance(self.path, bytes) else self.path.open("rb") as f:
            while True:
                data = f.read(LINES_BLOCK)
                buf = rest + data if rest else data
                if not buf:
                    break
                arr = np.frombuffer(buf, dtype=np.uint8)
                breaks = np.flatnonzero(arr == 10)
                ends = breaks
                if self.csv_file and buf.find(b'"') >= 0:  # a quote: a line break may be inside a field
                    quotes = np.cumsum(arr == 34, dtype=np.int32) & 1
                    ends = breaks[quotes[breaks] == 0]
                if not data:  # the last line, without a line break
                    ends = np.append(ends, len(buf))
                if not ends.size:
                    rest = buf
                    continue
                starts = np.concatenate(([0], ends[:-1] + 1))
                kept = _filled(arr, starts, ends, blank)
                first_lines = line + (np.arange(starts.size) if ends is breaks else np.searchsorted(breaks, starts))
                first_lines = first_lines[kept]
                if header and first_lines.size:
                    header, first_lines = False, first_lines[1:]
                shift = first_lines - np.arange(rows, rows + first_lines.size, dtype=np.int64)
                changed = np.flatnonzero(np.diff(shift, prepend=np.int64(-1) if last is None else last) != 0)
                if changed.size:
                    rows_at.append(changed + rows)
                    shifts.append(shift[changed])
                    last = int(shift[-1])
                elif shift.size:
                    last = int(shift[-1])
                rows += first_lines.size
                used = int(ends[-1]) + 1
                line += int(np.searchsorted(breaks, used))
                rest = buf[used:]
                if not data:
                    break
        if not rows_at:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(rows_at), np.concatenate(shifts)


def _filled(
    arr: npt.NDArray[np.uint8], starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64], blank: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Which records ``[start, end)`` of ``arr`` hold a byte that is not ``blank``.

    A record whose first byte is not blank is filled; only the others (empty lines, lines that
    start with a comma or a space) are looked at whole, in one pass over the block when many.
    """
    n = len(arr)
    ends = np.minimum(ends, n)
    filled = np.zeros(starts.size, dtype=np.bool_)
    some = starts < ends
    filled[some] = ~blank[arr[starts[some]]]
    doubt = np.flatnonzero(some & ~filled)
    if doubt.size > 64:
        count = np.concatenate(([0], np.cumsum(~blank[arr], dtype=np.int64)))
        filled[doubt] = count[ends[doubt]] - count[starts[doubt]] > 0
    else:
        for k in doubt.tolist():
            filled[k] = not blank[arr[starts[k] : ends[k]]].all()
    return filled


def lines_past(lines: LineMap, left_out: list[int]) -> LineMap:
    """``lines`` of a copy without the ``left_out`` lines, as numbers in the original file."""
    if not left_out:
        return lines
    gaps = np.array(sorted(left_out), dtype=np.int64)

    def original(at: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        n = lines(at).copy()
        for gap in gaps:  # as :func:`renumber`: each gap at or before a line pushes it down one
            n += n >= gap
        return n

    return original


# ------------------------------------------------------------------------------- tolerant reading


def read_input(path: Path) -> tuple[pl.DataFrame, list[Unreadable], LineMap]:
    """Read an input file; lines of a CSV or JSON Lines file that cannot be read are set aside.

    The whole file goes through polars first; only when polars refuses it is the file read again
    line by line, and the lines polars (or JSON) cannot read come back as ``(line, reason)``
    while the rest is read as usual. Also returns where the frame's rows are in the file.
    """
    fmt = file_format(path)
    try:
        df = read_table(path)
        return df, [], FileLines(path, fmt == "csv") if fmt in ("csv", "jsonl") else counted_lines
    except InputError as exc:
        if fmt == "parquet" or not isinstance(exc.__cause__, pl.exceptions.PolarsError):
            raise
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    return read_lines(data, path)


def read_lines(
    data: bytes, path: Path, quoted: Quoted | None = None, schema: pl.Schema | None = None
) -> tuple[pl.DataFrame, list[Unreadable], LineMap]:
    """The text of a CSV or JSON Lines file (``path`` names it and its format) read line by line:
    the lines that cannot be read come back as ``(line, reason)``, numbered in ``data``.

    ``quoted`` and ``schema``: what is known from more lines than ``data`` holds (a Spark
    block's chunk): how a CSV's records over lines are cut, a JSON Lines file's column types.
    """
    if file_format(path) == "csv":
        df, unreadable, rows = _read_csv_lines(data, path, quoted)
    else:
        df, unreadable, rows = _read_jsonl_lines(data, path, schema)
    _require(df.columns, path)
    return with_key_names(df), sorted(unreadable), row_lines(rows)


def read_text(
    data: bytes, path: Path, quoted: Quoted | None = None, schema: pl.Schema | None = None
) -> tuple[pl.DataFrame, list[Unreadable], LineMap]:
    """The text of a CSV or JSON Lines file read as a file is screened from the command line:
    by polars as a whole, as the streaming reader reads it (the key columns under their names,
    blank CSV lines dropped, a JSON Lines file's text keys as text, ``schema`` its columns when
    given), and only when polars refuses it line by line (:func:`read_lines`).

    Why: the Spark engine reads a file as blocks of lines held in memory, and each must read as
    the same lines of a whole file read by the local engine would, with the same line numbers.
    """
    try:
        if file_format(path) == "csv":
            df = drop_blank(with_key_names(pl.read_csv(io.BytesIO(data), infer_schema=False)))
            return df, [], FileLines(data, csv_file=True)
        return with_key_names(_parse_jsonl(data, schema)), [], FileLines(data, csv_file=False)
    except (pl.exceptions.PolarsError, _Refused):
        return read_lines(data, path, quoted, schema)


def read_whole(
    path: Path, encoding: str | None = None, sheet: str | None = None, ask: str = CLI_ENCODING
) -> tuple[pl.DataFrame, list[Unreadable], Encoding | None, LineMap]:
    """A whole (bounded) input read as the CLI reads a file: encoding told or given, Excel read,
    lines that cannot be decoded or parsed set aside with their line numbers.

    For the service's uploads, which are held in memory anyway (their size is capped before this):
    one reader for the command line and the API, so a Shift_JIS CSV or a workbook reads the same
    through either. Returns the frame, the unreadable lines, the encoding read (text files only)
    and where the frame's rows are in the file (for the rejects' ``line N``). ``ask``: how the caller
    declares an encoding, named when a header line does not decode.
    """
    fmt = file_format(path)
    if fmt in ("parquet", "xlsx"):
        if encoding:
            raise InputError(f"an encoding applies to CSV and JSON Lines, not to {path.name}")
        if fmt == "xlsx":
            df, rows = read_sheet(path, sheet)
            _require(df.columns, path)
            return df, [], None, row_lines(rows)
        return read_table(path), [], None, counted_lines
    if sheet is not None:
        raise InputError(f"a sheet applies to Excel workbooks (.xlsx), not to {path.name}")
    enc = detect_encoding(path, encoding)
    with utf8_copy(path, enc, path, ask) as (text, left_out):
        df, unreadable, lines = read_input(text)
        gaps = [n for n, _ in left_out]
        lines = lines_past(lines, gaps)
        if isinstance(lines, FileLines) or left_out:  # read now: the copy goes when this returns
            lines = row_lines(lines(np.arange(df.height, dtype=np.int64)))
    return df, sorted(left_out + renumber(unreadable, gaps)), enc, lines


def split_lines(data: bytes) -> list[bytes]:
    """Physical lines without their ``\\n`` (a ``\\r`` before it stays, as polars expects)."""
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return lines


def _record_end(lines: Sequence[bytes], start: int) -> int | None:
    """End (exclusive) of the CSV record starting at line ``start``: quotes must pair up.

    ``None`` when a quote opened on line ``start`` is never closed.
    """
    if lines[start].count(b'"') % 2 == 0:
        return start + 1
    for end in range(start + 1, len(lines)):
        if lines[end].count(b'"') % 2:
            return end + 1
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _csv_problem(record: bytes, width: int) -> str | None:
    """Why one CSV record (one or more lines) is not one row of at most ``width`` fields."""
    try:
        text = record.decode("utf-8")
    except UnicodeDecodeError:
        return "not valid UTF-8"
    try:
        rows = list(csv.reader([text], strict=True))
    except csv.Error as exc:
        return f"malformed CSV ({exc})"
    if len(rows) != 1:
        return "malformed CSV (quotes do not pair up)"
    if len(rows[0]) > width:
        return f"malformed CSV ({len(rows[0])} fields where the header has {width})"
    return None


#: Why a line that opens a quote no later line closes is a reject.
NEVER_CLOSED = "malformed CSV (a quote opened on this line is never closed)"
#: A CSV's lines that open a quote they do not close (an odd number of quotes), each to the end
#: (exclusive) of the record it starts, or to why it is no record: :func:`quoted_records`.
Quoted = dict[int, int | str]


def odd_lines(lines: Sequence[bytes], start: int = 0) -> list[int]:
    """The lines (from ``start``) holding an odd number of quotes: the only ones a record may run over."""
    return [k for k in range(start, len(lines)) if lines[k].count(b'"') & 1]


def _blank_line(line: bytes) -> bool:
    """A line of blank bytes alone (empty cells' commas, spaces, a carriage return) is no line."""
    return bool(_CSV_BLANK[np.frombuffer(line, dtype=np.uint8)].all())


def quoted_records(lines: Sequence[bytes], start: int, width: int, odd: Sequence[int] | None = None) -> Quoted:
    """How the CSV records that run over lines are cut, reading ``lines`` from ``start``.

    A line that is not blank and opens a quote (an odd number of them) starts a record ending on
    the next line that holds an odd number of quotes, if the lines between read as one row of at
    most ``width`` fields; otherwise the line is a reject of its own (why: the csv module's
    complaint, or :data:`NEVER_CLOSED`) and reading goes on with the next line. Only these lines
    decide where records end; every other line is one record.

    Why apart from :func:`_read_csv_lines`: the Spark engine reads a file in blocks and must know,
    before reading one, whether the previous block's last record runs into it; it asks this very
    rule (``odd``: the odd lines when the caller has them, ascending).
    """
    odd = odd_lines(lines, start) if odd is None else odd
    found: Quoted = {}
    at = start  # the first line not yet taken into a record
    for n, k in enumerate(odd):
        if k < at or _blank_line(lines[k]):
            continue
        if n + 1 == len(odd):
            found[k] = NEVER_CLOSED
            continue
        end = odd[n + 1] + 1
        problem = _csv_problem(b"\n".join(lines[k:end]), width)
        found[k] = end if problem is None else problem
        at = end if problem is None else at
    return found


def csv_header(lines: Sequence[bytes], path: Path) -> tuple[int, list[bytes], int]:
    """(the line after the header, the header's lines, its number of fields) of a CSV's ``lines``.

    Blank lines before the header are skipped, as polars skips them (line numbers stay the file's).
    """
    start = next((k for k, line in enumerate(lines) if line.strip()), len(lines))
    header_end = _record_end(lines, start) if start < len(lines) else None
    if header_end is None:
        raise InputError(f"cannot read {path}: no header line, or a quote in it is never closed")
    header = list(lines[start:header_end])
    width = len(next(csv.reader(io.StringIO(b"\n".join(header).decode("utf-8", "replace"), newline=""))))
    return header_end, header, width


def _cut_csv(
    lines: Sequence[bytes], start: int, width: int, quoted: Quoted
) -> tuple[list[tuple[int, int]], list[Unreadable]]:
    """Cut the lines into records (``quoted``: those over lines) and check each: a line without
    quotes by counting its commas, others with the csv module. A record that is not one row is
    set aside by its first line, and reading starts again on the next line."""
    records: list[tuple[int, int]] = []
    unreadable: list[Unreadable] = []
    i = start
    while i < len(lines):
        line = lines[i]
        end = i + 1
        if _blank_line(line):
            i += 1  # a blank line (or commas alone) is no line
            continue
        problem: str | None = None
        if b'"' not in line:
            fields = line.count(b",") + 1
            if not line.isascii() and not _is_utf8(line):
                problem = "not valid UTF-8"
            elif fields > width:
                problem = f"malformed CSV ({fields} fields where the header has {width})"
        else:
            taken = quoted.get(i)
            if isinstance(taken, str):
                problem = taken
            elif taken is not None:
                end = taken
            else:
                problem = _csv_problem(line, width)
        if problem is not None:
            unreadable.append((i + 1, problem))
            i += 1
            continue
        records.append((i, end))
        i = end
    return records, unreadable


def _read_csv_lines(
    data: bytes, path: Path, quoted: Quoted | None = None
) -> tuple[pl.DataFrame, list[Unreadable], npt.NDArray[np.int64]]:
    """``quoted``: how the records over lines are cut (:func:`quoted_records`), when the caller
    knows it from more lines than ``data`` holds (a Spark block's chunk)."""
    lines = split_lines(data)
    header_end, header, width = csv_header(lines, path)
    if quoted is None:
        quoted = quoted_records(lines, header_end, width)
    records, unreadable = _cut_csv(lines, header_end, width, quoted)

    def parse(recs: list[tuple[int, int]]) -> pl.DataFrame:
        body = b"\n".join(chain(header, chain.from_iterable(lines[a:b] for a, b in recs))) + b"\n"
        return pl.read_csv(io.BytesIO(body), infer_schema=False)

    try:  # the header alone: if polars cannot read it, no line of the file can be read
        parse([])
    except pl.exceptions.PolarsError as exc:
        raise InputError(f"cannot read {path}: its header line: {str(exc).splitlines()[0]}") from exc
    frames, refused = _bisect(records, parse)  # polars has the last word on every record
    for (a, b), message in refused:
        unreadable.append((a + 1, _csv_problem(b"\n".join(lines[a:b]), width) or f"malformed CSV ({message})"))
    try:
        df = pl.concat(frames) if frames else parse([])
    except pl.exceptions.PolarsError as exc:
        raise InputError(f"cannot read {path}: {str(exc).splitlines()[0]}") from exc
    gone = {rec for rec, _ in refused}
    rows = np.array([a + 1 for a, b in records if (a, b) not in gone], dtype=np.int64)
    return df, _as_read(unreadable, lines), rows


#: How much of a line that cannot be read its reject quotes.
AS_READ = 120


def _as_read(unreadable: list[Unreadable], lines: Sequence[bytes]) -> list[Unreadable]:
    """Each reason followed by the start of its line as read (``lines`` numbered from 1 in ``unreadable``).

    Why: such a line's reject has no cells (its fields could not be told apart), so without its
    text the line's id and goods were lost from the rejects file (session review S27-15); a line
    that is not UTF-8 is not quoted (its text would be replacement characters).
    """
    told: list[Unreadable] = []
    for n, why in unreadable:
        if why == "not valid UTF-8" or not 0 < n <= len(lines):
            told.append((n, why))
            continue
        text = lines[n - 1].decode("utf-8", "replace").rstrip("\r")
        text = text if len(text) <= AS_READ else text[: AS_READ - 1] + "…"
        told.append((n, f"{why}; the line reads: {text}"))
    return told


def _bisect(items: list[T], parse: Callable[[list[T]], pl.DataFrame]) -> tuple[list[pl.DataFrame], list[tuple[T, str]]]:
    """Read ``items`` (records or lines) with ``parse``; a block polars refuses is halved until the
    culprits are single items, so a few bad lines in a large file cost a few reads, not one per line.

    Returns the frames read, in order, and the refused items with polars' message.
    """
    frames: list[pl.DataFrame] = []
    refused: list[tuple[T, str]] = []
    todo = [items] if items else []
    while todo:
        block = todo.pop()
        try:
            frame = parse(block)
            if frame.height != len(block):
                raise pl.exceptions.ComputeError(f"{frame.height} rows read from {len(block)} lines")
            frames.append(frame)
        except pl.exceptions.PolarsError as exc:
            if len(block) == 1:
                refused.append((block[0], (str(exc).splitlines() or [type(exc).__name__])[0]))
            else:
                half = len(block) // 2
                todo += [block[half:], block[:half]]  # popped in file order
    return frames, refused


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _json_problem(line: bytes) -> str | None:
    """Why one line is not a JSON object (``None`` when it is one)."""
    try:
        value = json.loads(line, parse_constant=_no_constant)
    except UnicodeDecodeError:
        return "not valid UTF-8"
    except json.JSONDecodeError as exc:
        where = "column" if exc.msg.endswith(" at") else "at column"  # "starting at" + column N
        return f"invalid JSON ({exc.msg} {where} {exc.colno})"
    except ValueError as exc:
        return f"invalid JSON ({exc})"
    if not isinstance(value, dict):
        return f"not a JSON object (a JSON {type(value).__name__})"
    return None


def _read_jsonl_lines(
    data: bytes, path: Path, schema: pl.Schema | None = None
) -> tuple[pl.DataFrame, list[Unreadable], npt.NDArray[np.int64]]:
    """``schema``: the columns' types when the caller knows them from more lines than ``data``
    holds (a Spark block's chunk), read as :func:`_parse_jsonl` reads them; inferred otherwise."""
    lines = split_lines(data)
    if lines and lines[0].startswith(BOM):
        lines[0] = lines[0][len(BOM) :]
    numbers: list[int] = []
    unreadable: list[Unreadable] = []
    for n, line in enumerate(lines):
        if not line.strip():
            continue  # blank lines are not rows (as for polars)
        problem = _json_problem(line)
        if problem is None:
            numbers.append(n)
        else:
            unreadable.append((n + 1, problem))

    def parse(block: list[int]) -> pl.DataFrame:
        text = io.BytesIO(b"\n".join(lines[n] for n in block))
        if schema is not None:
            return pl.read_ndjson(text, schema=_as_text(schema))
        return pl.read_ndjson(text, infer_schema_length=None)

    frames, refused = _bisect(numbers, parse)  # polars has the last word on every line
    unreadable += [(n + 1, f"invalid JSON line ({message})") for n, message in refused]
    unreadable = _as_read(unreadable, lines)
    bad = {n for n, _ in refused}
    good = [n for n in numbers if n not in bad]
    rows = np.array(good, dtype=np.int64) + 1
    if not refused and len(frames) == 1:
        return frames[0], unreadable, rows
    if not good:
        empty = dict.fromkeys(REQUIRED, pl.Utf8) if schema is None else _as_text(schema)
        return pl.DataFrame(schema=empty), unreadable, rows
    try:  # once more as a whole, so the column types are inferred from every good line together
        df = parse(good)
    except pl.exceptions.PolarsError as exc:
        raise InputError(f"cannot read {path}: {str(exc).splitlines()[0]}") from exc
    if df.height != len(good):
        raise InputError(f"cannot read {path}: {df.height} rows read from {len(good)} lines")
    return df, unreadable, rows


def unreadable_rejects(df: pl.DataFrame, unreadable: list[Unreadable]) -> pl.DataFrame:
    """Rejected rows for lines that could not be read: every input column empty, ``error`` says why."""
    errors = pl.Series("error", [f"line {n}: {why}" for n, why in unreadable], dtype=pl.Utf8)
    return df.clear(len(unreadable)).with_columns(errors)


#: The line number that opens every reject's ``error`` ("line N: ...").
_REJECT_LINE = r"^line (\d+):"


def _with_unread(rej: Any, unread: deque[Unreadable], last: int | None, empty: pl.DataFrame) -> Any:
    """A chunk's rejects with the unreadable lines up to its last line (``last``) among them, by line.

    Why: a reader of the rejects file goes down it beside the input; lines that could not be
    read used to come first, out of the file's order (session review S27-15).
    """
    taken: list[Unreadable] = []
    while unread and (last is None or unread[0][0] <= last):
        taken.append(unread.popleft())
    if not taken:
        return rej
    return rejects_in_order(rej, taken, empty)


def rejects_in_order(rej: Any, unreadable: list[Unreadable], empty: pl.DataFrame) -> pl.DataFrame:
    """The rejects ``rej`` (a frame or an Arrow table, in line order) with the lines of
    ``unreadable`` among them, by line number: one order for the CLI's files and the API's list."""
    lost = unreadable_rejects(empty, unreadable)
    if not isinstance(rej, pl.DataFrame):
        rej = pl.from_arrow(rej)
    assert isinstance(rej, pl.DataFrame)
    if not rej.height:
        return lost
    if rej.columns == lost.columns:
        both = pl.concat([lost, rej.cast(lost.schema, strict=False)], how="vertical")
    else:
        both = pl.concat([rej, lost], how="diagonal_relaxed")
    order = both.get_column("error").str.extract(_REJECT_LINE).cast(pl.Int64, strict=False)
    return both.with_columns(order.alias("__line")).sort("__line", maintain_order=True, nulls_last=True).drop("__line")


def _check_paths(inp: Path, out: Path, rejects: Path, outcomes: Path | None = None) -> None:
    """Refuse outputs that cannot be written (:func:`check_output`) or that clash, before any work."""
    for path in (out, rejects, outcomes):
        if path is not None:
            check_output(path)
    if outcomes is None:
        if len({inp.resolve(), out.resolve(), rejects.resolve()}) < 3:
            raise InputError("input, output and rejects must be three different files")
    elif len({inp.resolve(), out.resolve(), rejects.resolve(), outcomes.resolve()}) < 4:
        raise InputError(f"input, output, rejects and the outcome table ({outcomes.name}) must be four different files")


# ------------------------------------------------------------------------------------- encodings

#: Bytes of the file's head (or of its first non-ASCII stretch) that the encoding is told from.
SNIFF_BYTES = 1 << 16
#: Bytes read at once while transcoding (whole lines are decoded; a block holds many).
TRANSCODE_BLOCK = 1 << 22
#: A declared or detected legacy codec is read as its Windows superset: Excel in Japan writes
#: CP932 (Shift_JIS plus NEC/IBM extensions such as ① and ㈱), in Korea CP949 (EUC-KR plus the
#: 8,822 Hangul syllables EUC-KR lacks); every valid Shift_JIS or EUC-KR file reads the same.
SUPERSETS = {"shift_jis": "cp932", "euc_kr": "cp949"}
#: The legacy encodings tried first, in this order: the users' own (Japan's, then Korea's).
EXPECTED = ("cp932", "cp949")
UTF8 = ("utf-8", "utf-8-sig")


@dataclass(frozen=True)
class Encoding:
    """How an input's bytes are read: ``codec`` (a Python codec name) and, when that was a guess
    rather than a certainty, ``finding`` (what was assumed, and why).

    The finding names no shell's way of declaring an encoding: each says it in its own terms
    (:meth:`said`): the command line ``--encoding``, the API its query parameter ``?encoding=``
    (review 22, L8: the API's notes told users to "give --encoding").
    """

    codec: str
    finding: str | None = None

    @property
    def is_utf8(self) -> bool:
        return self.codec in UTF8

    def said(self, ask: str) -> str | None:
        """The finding with the way to declare the encoding, ``ask``, in a shell's own terms."""
        return f"{self.finding}; give {ask} if it is not" if self.finding else None


def codec_name(name: str) -> str:
    """The Python codec for a declared encoding (``Shift_JIS``, ``sjis``, ``EUC-KR``, ``cp949``...),
    legacy CJK codecs widened to their Windows supersets; an unknown name is refused."""
    try:
        codec = codecs.lookup(name.strip()).name
    except LookupError:
        raise InputError(f"unknown encoding {name!r}", ["utf-8", "cp932", "cp949"]) from None
    codec = SUPERSETS.get(codec, codec)
    return "utf-8" if codec == "utf-8" else codec


def _sample(path: Path) -> bytes:
    """The head of the file, or, when the head is plain ASCII, the first stretch of bytes that is not.

    Why look further: an export whose first lines hold only codes and numbers says nothing of its
    encoding until its first name in Japanese or Korean. The file is read block by block (never
    whole), and the stretch starts at a line start so that no character is cut in two.
    """
    with path.open("rb") as f:
        head = f.read(SNIFF_BYTES)
        if not head.isascii():
            return head
        offset = len(head)
        while block := f.read(1 << 20):
            raw = np.frombuffer(block, dtype=np.uint8)
            high = np.flatnonzero(raw > 127)
            if high.size:
                start = block.rfind(b"\n", 0, int(high[0])) + 1
                f.seek(offset + start)
                return f.read(SNIFF_BYTES)
            offset += len(block)
    return head


def _readable_lines(lines: list[bytes], codec: str) -> int:
    n = 0
    for line in lines:
        try:
            line.decode(codec)
            n += 1
        except UnicodeDecodeError:
            continue
    return n


#: The first bytes of files that are not text, and what they are (session review S27-12: an
#: executable was called "UTF-16 or UTF-32 text", random bytes "not valid cp932").
NOT_TEXT: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "an executable program (ELF)"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"PK\x03\x04", "a zip archive (an Excel workbook is one: name it .xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an old Excel workbook (.xls): save it as .xlsx or as CSV UTF-8"),
    (b"PAR1", "a Parquet file: name it .parquet"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
#: Control bytes other than tab, line feed and carriage return: a text file has next to none.
_CONTROL = np.ones(256, dtype=np.bool_)
_CONTROL[0x20:0x7F] = False
_CONTROL[0x80:] = False
_CONTROL[[0x09, 0x0A, 0x0D]] = False


def _not_text(path: Path, sample: bytes) -> str | None:
    """Why ``sample`` (a file's head) is not text, or None: a known file signature, or a head where
    more than one byte in twenty is a control byte (random or compressed bytes)."""
    for magic, what in NOT_TEXT:
        if sample.startswith(magic):
            return f"{path.name} is not text: it starts like {what}"
    raw = np.frombuffer(sample, dtype=np.uint8)
    control = int(_CONTROL[raw].sum())
    if raw.size and control * 20 > raw.size and not sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\x1f\x8b")):
        if sample.count(b"\x00") * 4 > len(sample):
            return None  # UTF-16 or UTF-32: said apart
        return f"{path.name} is not text: {control} of its first {raw.size} bytes are control bytes"
    return None


def detect_encoding(path: Path, declared: str | None = None) -> Encoding:
    """The encoding of a CSV or JSON Lines file: ``declared`` when given, else told from a sample.

    The sample's lines with non-ASCII bytes are read in UTF-8, CP932 and CP949, and the codec that
    reads the most of them wins, but UTF-8 on a tie or whenever it reads most of them (legacy CJK
    text practically never reads as UTF-8, while UTF-8 Japanese often decodes as CP932: a UTF-8
    file with a broken line stays UTF-8 and that line becomes a reject), and
    between CP932 and CP949 (a few kanji read as either) charset-normalizer's ranking. It is
    certain, and nothing is said, when the winner reads every such line and is UTF-8 or the only
    one that reads them all; otherwise the note says what was assumed. When none of the three reads a line,
    charset-normalizer's best guess is taken, with a note; with no guess at all the file is read
    as UTF-8 (its lines that are not become rejects) and the note says so.
    """
    if declared:
        return Encoding(codec_name(declared))
    sample = _sample(path)
    if sample.startswith(BOM):
        return Encoding("utf-8")
    if (why := _not_text(path, sample)) is not None:
        raise InputError(f"{why}; give a CSV or JSON Lines file (or .parquet, .xlsx)")
    if sample.startswith(b"\x1f\x8b"):  # gzip: polars reads it unpacked; its text is taken as UTF-8
        return Encoding("utf-8", f"{path.name} is gzip-compressed: its text is read as UTF-8")
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or sample.count(b"\x00") * 4 > len(sample):
        # UTF-16 (Excel's "Unicode text") or UTF-32: a BOM, or NULs in every other byte of its
        # ASCII (a stray NUL in a UTF-8 file is that line's problem, not the file's).
        raise InputError(
            f"{path.name} is UTF-16 or UTF-32 text, not read here; save it as CSV UTF-8 (Excel: "
            "'CSV UTF-8 (Comma delimited)'), or as CP932 or CP949"
        )
    if len(sample) >= SNIFF_BYTES and b"\n" in sample:
        sample = sample[: sample.rfind(b"\n")]  # the last line may be cut short
    lines = [line for line in sample.split(b"\n") if not line.isascii()]
    if not lines:
        return Encoding("utf-8")
    import charset_normalizer

    read = {c: _readable_lines(lines, c) for c in ("utf-8", *EXPECTED)}
    best = max(read.values())
    if best == 0:
        guess = charset_normalizer.from_bytes(sample).best()
        if guess is None:
            return Encoding(
                "utf-8", f"{path.name}: encoding not recognised; read as UTF-8 (lines that are not are rejected)"
            )
        codec = codec_name(guess.encoding)
        return Encoding(codec, f"{path.name}: encoding detected as {codec} (neither UTF-8, CP932 nor CP949)")
    if read["utf-8"] < best and read["utf-8"] * 2 > len(lines):
        # Most lines read as UTF-8: it is UTF-8 with broken lines (a byte pasted from elsewhere),
        # though CP932 may read them all, since much UTF-8 Japanese also decodes as CP932.
        why = f"{len(lines) - read['utf-8']} of {len(lines)} sampled lines do not read in it"
        return Encoding("utf-8", f"{path.name}: encoding assumed to be utf-8 ({why})")
    fits = [c for c, n in read.items() if n == best]
    codec = fits[0]
    if codec != "utf-8" and len(fits) > 1:
        ranked = [m.encoding for m in charset_normalizer.from_bytes(sample, cp_isolation=fits)]
        codec = next((c for c in ranked if c in fits), codec)
    if best == len(lines) and (len(fits) == 1 or codec == "utf-8"):
        return Encoding(codec)  # CP932 reads much UTF-8 text too; the reverse practically never happens
    if best < len(lines):
        why = f"{len(lines) - best} of {len(lines)} sampled lines do not read in it"
    else:
        why = "it could also be " + " or ".join(c for c in fits if c != codec)
    return Encoding(codec, f"{path.name}: encoding assumed to be {codec} ({why})")


def _decode_problem(line: bytes, codec: str) -> str:
    try:
        line.decode(codec)
    except UnicodeDecodeError as exc:
        return f"not valid {codec} (byte 0x{line[exc.start]:02X} at byte {exc.start + 1} of the line)"
    return f"not valid {codec}"


def utf8_lines(lines: list[bytes], codec: str) -> tuple[list[bytes], list[tuple[int, str]]]:
    """``lines`` (without their line breaks) in ``codec`` as UTF-8, and those that do not decode
    as ``(their place in lines, from 0, why)``: all at once, and line by line only when some
    line does not decode."""
    try:
        text = b"\n".join(lines).decode(codec).encode("utf-8")
        return (text.split(b"\n") if lines else []), []
    except UnicodeDecodeError:
        pass
    kept: list[bytes] = []
    left_out: list[tuple[int, str]] = []
    for k, line in enumerate(lines):
        try:
            kept.append(line.decode(codec).encode("utf-8"))
        except UnicodeDecodeError:
            left_out.append((k, _decode_problem(line, codec)))
    return kept, left_out


def header_not_decoded(path: Path, why: str, ask: str) -> InputError:
    """A CSV whose first line does not decode is refused: no line of it could be read under those names."""
    return InputError(f"cannot read {path}: its header line is {why}; give {ask}")


def transcode(path: Path, codec: str, dest: IO[bytes]) -> list[Unreadable]:
    """Copy ``path`` in ``codec`` to ``dest`` as UTF-8, a block of whole lines at a time.

    A line that does not decode is left out of the copy and comes back as ``(line, reason)``; the
    other lines are copied unchanged, so the reader after this sees every readable line. Line
    breaks can be cut on: in CP932, CP949 and the other ASCII-compatible codecs a byte 0x0A is
    never part of a multi-byte character. (A line left out of a quoted field that runs over lines
    leaves the rest of that record unreadable; the reader then rejects it as well.)
    """
    bad: list[Unreadable] = []
    line_no = 0  # lines before the current block
    with path.open("rb") as f:
        rest, first = b"", True
        while True:
            data = f.read(TRANSCODE_BLOCK)
            buffer = rest + data
            cut = buffer.rfind(b"\n") + 1 if data else len(buffer)
            block, rest = buffer[:cut], buffer[cut:]
            if first and block:
                first = False
                block = block.removeprefix(BOM)
            lines = block.split(b"\n")
            if lines[-1] == b"":
                lines.pop()
            try:
                dest.write(block.decode(codec).encode("utf-8"))
            except UnicodeDecodeError:  # find the lines that do not decode; copy the others
                kept, left_out = utf8_lines(lines, codec)
                bad += [(line_no + 1 + k, why) for k, why in left_out]
                dest.write(b"".join(k + b"\n" for k in kept))
            line_no += len(lines)
            if not data:
                return bad


def renumber(lines: list[Unreadable], left_out: list[int]) -> list[Unreadable]:
    """Line numbers in a copy without the ``left_out`` lines, as numbers in the original file."""
    out = []
    for n, why in lines:
        for gap in left_out:  # sorted: each gap at or before the line pushes it down one
            if gap <= n:
                n += 1
        out.append((n, why))
    return out


@contextlib.contextmanager
def utf8_copy(
    path: Path, enc: Encoding, beside: Path, ask: str = CLI_ENCODING
) -> Iterator[tuple[Path, list[Unreadable]]]:
    """``path`` as UTF-8 text: itself when it is, else a copy next to ``beside`` (removed after use),
    with the lines that do not decode left out and returned as ``(line, reason)``.

    One mechanism for the command line (the copy beside the output) and the service's uploads; a
    CSV whose header line does not decode is refused (naming ``ask``, the caller's way to declare an
    encoding), and errors name ``path``, not the copy.
    """
    if enc.is_utf8:
        yield path, []
        return
    copy = beside.with_name(f"{beside.name}.utf8-{secrets.token_hex(6)}{path.suffix}")
    try:
        with copy.open("xb") as f:
            left_out = transcode(path, enc.codec, f)
        if file_format(path) == "csv" and left_out and left_out[0][0] == 1:
            raise header_not_decoded(path, left_out[0][1], ask)
        try:
            yield copy, left_out
        except InputError as exc:
            raise InputError(str(exc).replace(str(copy), str(path))) from exc
    finally:
        copy.unlink(missing_ok=True)


# ------------------------------------------------------------------------------------- streaming

#: At most this many bytes of a JSON Lines file are read at once (a chunk may hold fewer lines).
JSONL_BLOCK = 1 << 25
#: Chunks handed to the writer and not yet written; with the one being screened and the reader's
#: read-ahead, this bounds what is held to a few chunks whatever the size of the file.
WRITE_BEHIND = 1
#: Screens a chunk: (chunk, its place among the chunks, where its lines are) to (results,
#: rejects, summary, lines changed).
Step = Callable[[Any, int | None, LineMap], tuple[Any, Any, Summary, int]]
#: Makes the step for one pass over the file: a pass the reader abandons (to read again with the
#: whole file's types, or line by line) must not leave state, such as the line ids seen, behind.
NewStep = Callable[[], Step]


class TableStep(Protocol):
    """A step that also leaves a table once every chunk went through (a compact run's outcomes)."""

    def __call__(
        self, chunk: pl.DataFrame, seq: int | None, where: LineMap
    ) -> tuple[pl.DataFrame, pl.DataFrame, Summary, int]: ...

    def final_table(self) -> pl.DataFrame: ...


class _Refused(Exception):
    """The fast reader refused a CSV or JSON Lines file, maybe part-way: read it line by line instead."""


class _Reschema(Exception):
    """A JSON Lines chunk has other columns or types than the first: take the schema of the whole file."""


@dataclass
class Source:
    """An input as chunks of at most ``chunk_rows`` lines.

    ``empty`` has the input's columns and no rows: it is screened when the file has no lines (so
    the outputs still get their columns) and gives unreadable lines their rejects' shape.
    ``total`` is the number of lines for progress reports, when it is known or estimated.
    """

    batches: Iterator[pl.DataFrame]
    empty: pl.DataFrame
    total: int | None = None
    unreadable: list[Unreadable] = field(default_factory=list)
    #: The ``line_id`` column alone, read again from the start (a Parquet file reads one column
    #: without the others): the ids a run repeats are then found before screening begins.
    line_ids_ahead: Callable[[], Iterator[pl.DataFrame]] | None = None
    #: The number of lines when ``total`` is not known, counted when asked (on the read-ahead's
    #: thread: a CSV file's line breaks, an upper bound, as a quoted field may hold one).
    count_lines: Callable[[], int] | None = None
    #: Where the lines are in the file, by their place among all the chunks' lines (from 0): the
    #: number each reject is named by (``line N: ...``). Rows counted from 1 unless told.
    line_of: LineMap = counted_lines
    #: A Parquet input read as Arrow: its results may copy its column chunks (:mod:`~exportctl.batch.splice`).
    parquet: Path | None = None


def _require(columns: list[str], path: Path) -> None:
    require_columns(columns, str(path), file_format(path), path)


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def _limited(batches: Iterator[pl.DataFrame], chunk_rows: int) -> Iterator[pl.DataFrame]:
    """The batches, none longer than ``chunk_rows`` (polars honours it today; this keeps the bound if not)."""
    for df in batches:
        if df.height <= chunk_rows:
            yield df
        else:
            yield from (df.slice(start, chunk_rows) for start in range(0, df.height, chunk_rows))


def _polars_source(path: Path, fmt: str, chunk_rows: int, count: bool) -> Source:
    """Parquet or CSV through polars' streaming engine, which reads ahead on its own threads.

    Why polars rather than pyarrow for reading: it decodes Parquet text straight into its string
    views on all cores (3 M lines in 0.3 s where pyarrow's batches plus conversion took 1.6 s),
    and it is the very reader :func:`read_table` uses, so every value is read as before.
    """
    lf = pl.scan_parquet(path) if fmt == "parquet" else pl.scan_csv(path, infer_schema=False)
    try:
        schema = lf.collect_schema()
        _require(list(schema), path)
        renames = header_renames(list(schema))
        if renames:  # ``LINE_ID``, `` exporter``, ``明細番号``: read under the key columns' names
            lf = lf.rename(renames)
            schema = lf.collect_schema()
        total: int | None = None

        def count_lines() -> int:
            return max(_count_lines(path) - 1, 0)  # an estimate: a quoted field may hold a line break

        if fmt == "parquet":
            total = int(lf.select(pl.len()).collect().item())  # from the footer, no data read
        elif count:
            total = count_lines()
        batches = lf.collect_batches(chunk_size=chunk_rows)
    except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
        raise _read_failure(exc, fmt, path) from exc

    def read() -> Iterator[pl.DataFrame]:
        try:
            if fmt == "csv":  # blank lines are no lines
                yield from (drop_blank(df) for df in _limited(batches, chunk_rows))
            else:
                yield from _limited(batches, chunk_rows)
        except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
            raise _read_failure(exc, fmt, path) from exc

    def line_ids() -> Iterator[pl.DataFrame]:
        # The same reader on the same file, the one column: polars parses it on its own threads, so
        # the screening need not hash and remember every id as it goes (a Bloom filter and sorted
        # runs: a sixth of a 3 M-line CSV run). A file polars refuses is screened as before.
        try:
            # In batches of a default chunk or more, whatever the screening's: a tiny --chunk-rows made
            # this thousands of small reads, each taking the interpreter's lock from the screening.
            yield from lf.select("line_id").collect_batches(chunk_size=max(chunk_rows, CHUNK_ROWS))
        except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
            raise _Refused from exc

    if fmt == "csv":
        return Source(
            read(),
            pl.DataFrame(schema=schema),
            total,
            line_ids_ahead=line_ids,
            count_lines=count_lines,
            line_of=FileLines(path, csv_file=True),
        )
    return Source(read(), pl.DataFrame(schema=schema), total)


def _read_failure(exc: Exception, fmt: str, path: Path) -> Exception:
    """What a failed streaming read means: a CSV that polars refuses is read again line by line
    (its bad lines become rejects); anything else is a one-line error naming the file."""
    if isinstance(exc, pl.exceptions.PolarsError) and fmt != "parquet":
        return _Refused()
    return InputError(f"cannot read {path}: {_first_line(exc)}")


def _count_lines(path: Path) -> int:
    """Line breaks in a file, read in blocks (for a progress bar's total; not part of the answer)."""
    n = 0
    with path.open("rb") as f:
        while block := f.read(1 << 24):
            n += block.count(b"\n")
    return n


def _jsonl_blocks(path: Path, chunk_rows: int) -> Iterator[bytes]:
    """Whole lines of a JSON Lines file, at most ``chunk_rows`` lines and about JSONL_BLOCK bytes at once.

    A JSON line holds no raw line break (JSON escapes it), so cutting at ``\\n`` never splits a record.
    """
    with path.open("rb") as f:
        rest = b""
        if f.read(len(BOM)) != BOM:  # a byte order mark is not part of the first line
            f.seek(0)
        while True:
            data = f.read(JSONL_BLOCK)
            buffer = rest + data if rest else data
            if not data:
                if buffer:
                    yield buffer  # a last line without a line break
                return
            cut = buffer.rfind(b"\n") + 1
            block, rest = buffer[:cut], buffer[cut:]
            if not block:
                continue
            breaks = np.flatnonzero(np.frombuffer(block, dtype=np.uint8) == 10)
            start = 0
            for last in breaks[chunk_rows - 1 :: chunk_rows].tolist():
                yield block[start : last + 1]
                start = last + 1
            if start < len(block):
                yield block[start:]


def _jsonl_source(path: Path, chunk_rows: int, whole_file_schema: bool, count: bool) -> Source:
    """JSON Lines in blocks of lines, parsed by polars as :func:`read_table` would parse the whole file.

    ``read_table`` infers the columns' types from every line. Each block is parsed the same way and
    must come out with the first block's columns and types; when one does not (a column that only
    appears later, a number column that turns into text), :class:`_Reschema` sends the caller back
    to read the file again with the types of the whole file, inferred by polars first. Blocks are
    read and parsed in a thread, one ahead of the screening.
    """
    schema: pl.Schema | None = None
    if whole_file_schema:
        try:
            schema = _as_text(pl.scan_ndjson(path, infer_schema_length=None).collect_schema())
        except pl.exceptions.PolarsError as exc:
            raise _Refused from exc
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot read {path}: {_first_line(exc)}") from exc
        _require(list(schema), path)
    frames = _ahead(_jsonl_frames(path, chunk_rows, schema), depth=1)
    try:
        first = next(frames, None)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {_first_line(exc)}") from exc
    if first is None:
        raise _Refused  # no line at all: the line-by-line reader gives the empty result
    total = _count_lines(path) if count else None

    def read() -> Iterator[pl.DataFrame]:
        yield first
        try:
            yield from frames
        except OSError as exc:
            raise InputError(f"cannot read {path}: {_first_line(exc)}") from exc
        finally:
            frames.close()

    return Source(read(), first.clear(), total, line_of=FileLines(path, csv_file=False))


def _jsonl_frames(path: Path, chunk_rows: int, schema: pl.Schema | None) -> Iterator[pl.DataFrame]:
    """The blocks parsed: with ``schema`` when given, else each inferred and checked against the first."""
    expected = schema
    for block in _jsonl_blocks(path, chunk_rows):
        if not block.strip():
            continue  # blank lines are not rows (and a block of them has no columns to infer)
        # Without a schema each block is inferred anew, not parsed with the first block's types:
        # a column that appears only further down would otherwise be dropped without a word.
        df = with_key_names(_parse_jsonl(block, schema))
        if expected is None:
            if any(c not in df.columns for c in REQUIRED):
                raise _Reschema  # perhaps the column only appears further down
            expected = df.schema
        elif df.schema != expected:
            raise _Reschema
        yield df


#: Columns read as text whatever JSON type their values have: a line's key is the text it was
#: written as, not what polars makes of a column whose other lines are numbers (20200116 and
#: 20200117.0 in one column would be floats, and 20200116 read as '20200116.0', no date).
TEXT_KEYS = ("exporter", "destination", "item", "ship_date", "currency", "end_use")


def _as_text(schema: pl.Schema) -> pl.Schema:
    """``schema`` with the text keys it holds as strings."""
    return pl.Schema({c: pl.String if key_of(c) in TEXT_KEYS and t != pl.Null else t for c, t in schema.items()})


def jsonl_types(data: bytes, path: Path) -> pl.Schema | None:
    """The columns of JSON Lines text, under the file's own names, and their types as the
    streaming reader infers them (:func:`_parse_jsonl`; from the good lines alone when some line
    is not JSON): ``None`` when no line is.

    Why: the Spark engine infers the types of each block of a file and reads every block with
    the types of them all (:func:`read_text`), as the local engine reads every chunk with the
    types of the whole file when its chunks' types differ.
    """
    try:
        return _parse_jsonl(data, None).schema if data.strip() else None
    except _Refused:
        df, _, rows = _read_jsonl_lines(data, path)
        return _as_text(df.schema) if rows.size else None


def _parse_jsonl(block: bytes, schema: pl.Schema | None) -> pl.DataFrame:
    try:
        if schema is not None:
            return pl.read_ndjson(io.BytesIO(block), schema=_as_text(schema))
        df = pl.read_ndjson(io.BytesIO(block), infer_schema_length=None)
        # A key inferred as numbers (or lists, objects): read again with it as text.
        overrides = {c: t for c, t in _as_text(df.schema).items() if df.schema[c] != t}
        if not overrides:
            return df
        return pl.read_ndjson(io.BytesIO(block), infer_schema_length=None, schema_overrides=overrides)
    except pl.exceptions.PolarsError as exc:
        raise _Refused from exc


_END = object()


@dataclass
class _Failed:
    """An exception raised in a helper thread, on its way to the thread that raises it."""

    error: BaseException


def _ahead(items: Iterator[T], depth: int = 2) -> Generator[T, None, None]:
    """``items`` produced by a thread, up to ``depth`` ahead of the consumer.

    Why: reading a file block by block waits on the disk; done in a thread it overlaps with
    screening. The queue bounds what is read ahead; an error in the thread is raised in the
    consumer, and a consumer that stops early stops the thread.
    """
    box: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        box.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            box.put(_END)
        except BaseException as exc:  # handed to the consumer, which raises it
            box.put(_Failed(exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()  # a generator's ``with`` blocks (its open file) end here, in its own thread

    thread = threading.Thread(target=produce, name="exportctl-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item = box.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                box.get_nowait()
        thread.join()


def open_source(
    path: Path,
    chunk_rows: int,
    count: bool = False,
    whole_file_schema: bool = False,
    sheet: str | None = None,
    arrow: bool = False,
) -> Source:
    """The input as chunks, without reading it whole (raises :class:`_Refused` or :class:`_Reschema`).

    An Excel sheet is the exception: a workbook is a zip archive read whole, which its limit of
    1,048,576 rows bounds. ``arrow``: a Parquet file as Arrow record batches (:func:`_arrow_source`).
    """
    fmt = file_format(path)
    if not path.exists():
        raise InputError(f"input file not found: {path}")
    if fmt == "xlsx":
        df, rows = read_sheet(path, sheet)
        _require(df.columns, path)
        return Source(chunks(df, chunk_rows), df.clear(), df.height, line_of=row_lines(rows))
    if sheet is not None:
        raise InputError(f"--sheet applies to Excel workbooks (.xlsx), not to {path.name}")
    if arrow and fmt == "parquet":
        return _arrow_source(path, chunk_rows)
    if fmt == "jsonl":
        return _jsonl_source(path, chunk_rows, whole_file_schema, count)
    if not hasattr(pl.LazyFrame, "collect_batches"):  # a polars before streaming batches: read it whole
        raise _Refused
    return _polars_source(path, fmt, chunk_rows, count)


def _whole_file_source(path: Path, chunk_rows: int) -> Source:
    """The slow path: the whole file read line by line, unreadable lines set aside."""
    df, unreadable, lines = read_input(path)
    return Source(chunks(df, chunk_rows), df.clear(), df.height + len(unreadable), unreadable, line_of=lines)


class _WriteBehind:
    """Writes frames (a chunk's results, then its rejects) in a thread while the main thread
    screens the next chunk.

    Why: pyarrow's Parquet writer and polars' CSV and JSON writers release the GIL, so encoding
    one chunk runs on the other core while the next is screened. At most ``depth`` chunks are
    queued or being written (:meth:`put` waits for a free slot); the first write error stops the
    writing and is raised in the main thread at its next :meth:`put` or at :meth:`finish`, and
    :meth:`close` always joins the thread before the files are closed.
    """

    def __init__(self, depth: int = WRITE_BEHIND) -> None:
        self.box: queue.Queue[Any] = queue.Queue()
        self.slots = threading.Semaphore(depth)
        self.error: BaseException | None = None
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, name="exportctl-write-behind", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while (item := self.box.get()) is not _END:
                for writer, frame in item:
                    writer.write(frame)
                del item, writer, frame  # the chunk is written: let it go before waiting for the next
                self.slots.release()
        except BaseException as exc:  # raised again in the main thread
            self.error = exc
        finally:
            self.done.set()

    def _check(self) -> None:
        if self.error is not None:
            raise self.error

    def put(self, *writes: tuple[TableWriter, pl.DataFrame]) -> None:
        while not self.slots.acquire(timeout=0.1):
            self._check()
            if self.done.is_set():
                raise RuntimeError("the writer thread stopped")
        self._check()
        self.box.put(writes)

    def finish(self) -> None:
        """Wait until every chunk is written; raise the writer's error if there was one."""
        self.box.put(_END)
        self.thread.join()
        self._check()

    def close(self) -> None:
        """Stop the thread (after an error elsewhere) without writing what is still queued."""
        with contextlib.suppress(queue.Empty):
            while True:
                self.box.get_nowait()
        self.box.put(_END)
        self.thread.join()


@dataclass(frozen=True)
class FileOptions:
    """How to read the input and write the outputs, beyond their formats.

    ``encoding``: a CSV or JSON Lines input's encoding (detected when ``None``); ``sheet``: the
    sheet of an ``.xlsx`` input (the first when ``None``); ``bom``: CSV outputs start with a
    UTF-8 byte order mark (for Excel, see :class:`TableWriter`); ``lists``: see below.
    """

    encoding: str | None = None
    sheet: str | None = None
    bom: bool = False
    #: Each result line carries its answer's lists (routes, rule ids...) instead of an ``outcome``
    #: number into the table of outcomes written beside it; always so for an ``.xlsx`` output.
    lists: bool = False
    #: Chunks screened at once (one thread each); 1: one at a time. The answers are the same.
    threads: int = SCREENERS


#: The interpreter's switch interval while a file is screened (its default is 5 ms).
SWITCH_INTERVAL = 1e-4
_switches = threading.Lock()
_switch_runs: list[float] = []  # the interval before the first run still going, once per run going


@contextlib.contextmanager
def _short_switches() -> Iterator[None]:
    """Hand the interpreter's lock between threads every 0.1 ms instead of every 5 ms, for a run.

    Why: a run's ordered part (:class:`~exportctl.batch.screen.Turns`) is a string of numpy passes
    that let go of the lock while they work; each time, the other screening thread (pure Python
    while it prepares its chunk) takes the lock and keeps it up to the whole interval, so the
    ordered part, which every chunk waits for, took 10.2 s of wall time for 6.2 CPU s in a 30 M-line
    run. With 0.1 ms: 30 M lines median 11.31 s against 11.85 s (six alternated pairs), 3 M lines
    median 2.64 against 2.70 s (docs/benchmarks.md, seventeenth round).
    Restored when the last run of the process ends.
    """
    with _switches:
        _switch_runs.append(sys.getswitchinterval())
        sys.setswitchinterval(min(SWITCH_INTERVAL, _switch_runs[0]))
    try:
        yield
    finally:
        with _switches:
            before = _switch_runs.pop()
            if not _switch_runs:
                sys.setswitchinterval(before)


def _pipeline(
    source: Source,
    out: Path,
    rejects: Path,
    progress: Progress | None,
    step: Step,
    bom: bool = False,
    outcomes: Path | None = None,
    threads: int = SCREENERS,
) -> tuple[Summary, int]:
    """Screen ``source`` chunk by chunk into ``out`` and ``rejects``, writing behind; count everything.

    With ``outcomes``, ``step`` is a :class:`TableStep` whose final table is written there.
    """
    total, extra = Summary(), 0
    # The files are written under temporary names and renamed into place only if every chunk
    # went through: all are finished first, then renamed together (:func:`commit_all`: all or
    # none; the results last, so a results file is never there without its rejects and its
    # table of outcomes).
    good, bad = TableWriter(out, bom, deferred=True), TableWriter(rejects, bom, deferred=True)
    if source.parquet is not None and good.fmt == "parquet" and SPLICE:
        good.splice = Splice.open(source.parquet)
    side_writer = TableWriter(outcomes, bom, deferred=True) if outcomes else None
    with (
        _short_switches(),
        good,
        bad,
        side_writer if side_writer is not None else contextlib.nullcontext() as side,
    ):
        writer = _WriteBehind()
        try:
            # Lines that could not be read go out among the chunks' rejects, in the file's order.
            unread = deque(sorted(source.unreadable))
            if unread:
                n = len(unread)
                total.add(Summary(rows_in=n, rejected=n))
            seen = False
            offset = 0  # lines in the chunks handed out so far
            last_lines: deque[int] = deque()  # the last line of each chunk handed out, in order

            def where(chunk: Any) -> LineMap:
                """The chunk's lines by their place in the file, not in the chunk."""
                nonlocal offset
                first, line_of = offset, source.line_of
                offset += chunk.height if isinstance(chunk, pl.DataFrame) else chunk.num_rows
                if unread:
                    last_lines.append(int(line_of(np.array([offset - 1]))[0]) if offset > first else 0)

                def lines(at: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
                    return line_of(at + first)

                return lines

            def screened(res: Any, rej: Any, s: Summary, n: int) -> None:
                nonlocal extra
                if unread:
                    rej = _with_unread(rej, unread, last_lines.popleft() if last_lines else None, source.empty)
                writer.put((good, res), (bad, rej))
                total.add(s)
                extra += n
                if progress:
                    progress(total.rows_in, max(source.total or 0, total.rows_in))

            begin = getattr(step, "begin", None)
            if begin is not None:
                begin(source)
            if threads > 1 and getattr(step, "concurrent", False):
                # One chunk per core: each prepares on its own and takes its turn for the
                # ordered part (:class:`~exportctl.batch.screen.Turns`); results go out in order.
                screen_one = step
                with ThreadPoolExecutor(threads, thread_name_prefix="exportctl-screen") as pool:
                    window: deque[Future[tuple[Any, Any, Summary, int]]] = deque()
                    try:
                        for seq, chunk in enumerate(source.batches):
                            seen = True
                            window.append(pool.submit(screen_one, chunk, seq, where(chunk)))
                            del chunk
                            if len(window) >= threads:
                                screened(*window.popleft().result())
                        while window:
                            screened(*window.popleft().result())
                    finally:
                        for pending in window:
                            pending.cancel()
                        stop = getattr(step, "stop", None)
                        if stop is not None:
                            stop()  # a chunk cancelled or failed leaves no other waiting for its turn
            else:
                for chunk in source.batches:
                    seen = True
                    res, rej, s, n = step(chunk, None, where(chunk))
                    del chunk  # held by the writer once written; not also while the next is screened
                    screened(res, rej, s, n)
                    del res, rej
            if not seen:  # a file without lines still gets outputs with their columns
                res, rej, s, n = step(source.empty, None, counted_lines)
                writer.put((good, res), (bad, rej))
                total.add(s)
            if unread:  # lines after the last one read
                writer.put((bad, unreadable_rejects(source.empty, list(unread))))
            if isinstance(side, TableWriter):
                writer.put((side, cast("TableStep", step).final_table()))
            writer.finish()
        finally:
            writer.close()
            close = getattr(source.batches, "close", None)
            if close is not None:
                close()  # stops the reader's threads now, not when the garbage is collected
        good.close()
        bad.close()
        if isinstance(side, TableWriter):
            side.close()
    commit_all([w for w in (side_writer, bad, good) if w is not None])
    return total, extra


def _run(
    inp: Path,
    out: Path,
    rejects: Path | None,
    chunk_rows: int,
    progress: Progress | None,
    step: NewStep,
    options: FileOptions | None = None,
    outcomes: Path | None = None,
    arrow: bool = False,
) -> tuple[Summary, int]:
    """Screen ``inp`` in chunks into ``out``, its rejects and (given ``outcomes``) the table of outcomes.

    A CSV or JSON Lines file that is not UTF-8 is first copied as UTF-8 next to the output (a
    block at a time, so memory stays bounded), its undecodable lines set aside with their line
    numbers; the copy is screened like any UTF-8 file and removed afterwards. ``arrow``: a
    Parquet input is handed over as Arrow tables (:func:`_arrow_source`), which ``step`` takes.
    """
    rejects = rejects or rejects_path_for(out)
    _check_paths(inp, out, rejects, outcomes)
    for path in (out, rejects):
        file_format(path)  # an unsupported output type is refused before anything is read
    chunk_rows = max(int(chunk_rows), 1)
    fmt = file_format(inp)
    if not inp.exists():
        raise InputError(f"input file not found: {inp}")
    options = options or FileOptions()
    if fmt not in ("csv", "jsonl"):
        if options.encoding:
            raise InputError(f"--encoding applies to CSV and JSON Lines files, not to {inp.name}")
        return _stream(inp, out, rejects, chunk_rows, progress, step, options, outcomes=outcomes, arrow=arrow)
    enc = detect_encoding(inp, options.encoding)
    with utf8_copy(inp, enc, out) as (text, left_out):
        summary, changed = _stream(text, out, rejects, chunk_rows, progress, step, options, left_out, outcomes)
    if note := enc.said(CLI_ENCODING):
        summary.notes.insert(0, note)
    return summary, changed


def _with_left_out(source: Source, left_out: list[Unreadable]) -> Source:
    """``source`` read from a copy without the ``left_out`` lines: its line numbers as in the original."""
    if left_out:
        renumbered = renumber(source.unreadable, [n for n, _ in left_out])
        source.unreadable = sorted(left_out + renumbered)
        source.line_of = lines_past(source.line_of, [n for n, _ in left_out])
        if source.total is not None:
            source.total += len(left_out)
    return source


def _stream(
    inp: Path,
    out: Path,
    rejects: Path,
    chunk_rows: int,
    progress: Progress | None,
    step: NewStep,
    options: FileOptions,
    left_out: list[Unreadable] | None = None,
    outcomes: Path | None = None,
    arrow: bool = False,
) -> tuple[Summary, int]:
    """The pipeline on a UTF-8 (or binary) input; the whole file is read at once only when the
    streaming reader refuses it (a malformed line), to set the bad lines aside."""
    count = progress is not None
    left_out = left_out or []
    bom = options.bom
    try:
        try:
            source = _with_left_out(open_source(inp, chunk_rows, count, sheet=options.sheet, arrow=arrow), left_out)
            return _pipeline(source, out, rejects, progress, step(), bom, outcomes, options.threads)
        except _Reschema:
            source = _with_left_out(open_source(inp, chunk_rows, count, whole_file_schema=True), left_out)
            return _pipeline(source, out, rejects, progress, step(), bom, outcomes, options.threads)
    except (_Refused, _Reschema):
        source = _with_left_out(_whole_file_source(inp, chunk_rows), left_out)
        return _pipeline(source, out, rejects, progress, step(), bom, outcomes, options.threads)


def screen_file(
    inp: Path,
    out: Path,
    rejects: Path | None,
    regimes: dict[str, Regime],
    known_on: dt.date | None = None,
    chunk_rows: int = CHUNK_ROWS,
    progress: Progress | None = None,
    options: FileOptions | None = None,
    bundle: str | None = None,
) -> Summary:
    """Screen a file into ``out`` (results) and ``rejects`` (rows with an ``error``).

    Results keep the input's order and carry the audit columns (see :mod:`exportctl.batch.screen`);
    ``bundle`` is the law bundle's version for them (default: the hash of ``regimes``). ``options``
    name the input's encoding or sheet and ask for a CSV byte order mark; what was assumed about
    the input (an encoding guessed) is in the summary's ``notes``.

    By default a result line's answer is ``licence_required`` and ``outcome``, a number into the
    table of outcomes written to :func:`outcomes_path_for` ``(out)`` (routes, exemptions, groups,
    rule ids, regime version: the same few hundred answers for millions of lines);
    ``options.lists`` (and an ``.xlsx`` output, which people read) puts them on every line.
    """
    tables = {k: compiled(r, known_on) for k, r in regimes.items()}
    options = options or FileOptions()
    compact = not options.lists and file_format(out) != "xlsx"
    # Parquet to Parquet goes by Arrow: the lines' own columns are never converted (:func:`screen_batch`).
    arrow = compact and file_format(inp) == "parquet" and file_format(out) == "parquet"

    made: list[_ScreenStep] = []

    def step() -> Step:
        made.append(_ScreenStep(Audit(regimes, known_on, bundle or bundle_version(regimes), compact=compact), tables))
        return made[-1]

    side = outcomes_path_for(out) if compact else None
    summary = _run(inp, out, rejects, chunk_rows, progress, step, options, side, arrow=arrow)[0]
    if made:
        summary.notes += summarised_cautions(regimes, made[-1].audit)
    return summary


def _arrow_source(path: Path, chunk_rows: int) -> Source:
    """A Parquet file as Arrow record batches, its text keys (:data:`DICTIONARY_KEYS`) read
    dictionary-encoded: the Parquet file holds them so, and the reader hands over its codes.
    The reader's batches end where row groups end; they are put together again into tables of
    ``chunk_rows`` lines (the last may be shorter), slices of the batches, not copies."""
    try:
        schema = pq.read_schema(path)
        _require(schema.names, path)
        renames = header_renames(schema.names)
        text = [f.name for f in schema if renames.get(f.name, f.name) in DICTIONARY_KEYS and is_text(f.type)]
        # ``pre_buffer`` off: pyarrow's coalesced read-ahead kept what it read until the file was
        # closed (memory grew with the file: +150 MB over 30 M lines) and cost system time.
        reader = pq.ParquetFile(path, read_dictionary=text, pre_buffer=False)
        total = reader.metadata.num_rows
        schema = reader.schema_arrow
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise InputError(f"cannot read {path}: {_first_line(exc)}") from exc
    names = [renames.get(n, n) for n in schema.names]
    id_name = next(n for n in schema.names if renames.get(n, n) == "line_id")
    renamed = pa.schema([f.with_name(n) for f, n in zip(schema, names, strict=True)], schema.metadata)

    def read() -> Iterator[pa.Table]:
        pending: list[pa.RecordBatch] = []
        held = 0
        try:
            for batch in reader.iter_batches(batch_size=chunk_rows):
                pending.append(batch)
                held += batch.num_rows
                while held >= chunk_rows:
                    table = pa.Table.from_batches(pending, schema)
                    yield table.slice(0, chunk_rows).rename_columns(names)
                    rest = table.slice(chunk_rows)
                    pending, held = rest.to_batches(), rest.num_rows
            if held:
                yield pa.Table.from_batches(pending, schema).rename_columns(names)
        except (pa.ArrowException, OSError, ValueError) as exc:
            raise InputError(f"cannot read {path}: {_first_line(exc)}") from exc
        finally:
            reader.close()

    id_type = schema.field(id_name).type
    if pa.types.is_dictionary(id_type):
        id_type = id_type.value_type

    def line_ids() -> Iterator[pl.DataFrame]:
        if is_text(id_type):
            # Text ids through polars' own Parquet reader: the same strings, so the same hashes as
            # :func:`screen_batch` makes of them, read on polars' threads at under half the CPU and
            # memory of pyarrow's batches and their conversion (30 M ids: 0.4 against 1.0 CPU s),
            # which the first chunks of a run wait for. A file polars refuses before its first
            # batch is read by pyarrow below.
            yielded = False
            try:
                ahead = pl.scan_parquet(path).select(pl.col(id_name).alias("line_id"))
                for read_ids in ahead.collect_batches(chunk_size=max(chunk_rows, CHUNK_ROWS)):
                    yielded = True
                    yield read_ids
                return
            except (pl.exceptions.PolarsError, OSError, ValueError) as exc:
                if yielded:
                    raise InputError(f"cannot read {path}: {_first_line(exc)}") from exc
        try:
            with pq.ParquetFile(path, pre_buffer=False) as ids:
                # a default chunk or more at once, whatever the screening's (as a CSV file's ids)
                for batch in ids.iter_batches(batch_size=max(chunk_rows, CHUNK_ROWS), columns=[id_name]):
                    # As :func:`screen_batch` reads them: an Arrow column through polars, as text.
                    frame = pl.from_arrow(pa.Table.from_batches([batch]).rename_columns(["line_id"]))
                    assert isinstance(frame, pl.DataFrame)
                    yield frame
        except (pa.ArrowException, OSError, ValueError) as exc:
            raise InputError(f"cannot read {path}: {_first_line(exc)}") from exc

    # ``from_batches``, not ``schema.empty_table()``, which imports pandas (0.2 s a run).
    empty = cast("pl.DataFrame", pa.Table.from_batches([], renamed))
    return Source(_ahead(read(), depth=1), empty, total, line_ids_ahead=line_ids, parquet=path)


def with_answers(results: pl.DataFrame, outcomes: pl.DataFrame) -> pl.DataFrame:
    """A compact run's results (read back from any format) with each line's answer in full, as
    ``--lists`` writes them: the outcome table joined on ``outcome``, text columns as text.

    For a reader who wants one wide table (and for the tests, which check that both layouts say
    the same); a CSV keeps lists ``;``-joined, as ``--lists`` writes them there.
    """
    text = [c for c in AUDIT_COLUMNS if c in results.columns and c not in AUDIT_LIST_COLUMNS]
    listed = isinstance(outcomes.schema.get("routes"), pl.List)

    def as_list(column: str) -> pl.Expr:
        joined = pl.col(column).cast(pl.Utf8)
        if not listed:  # ";"-joined in the compact file, a list in a wide one (an empty text: none)
            return joined
        return pl.when(joined == "").then(pl.lit([], dtype=pl.List(pl.Utf8))).otherwise(joined.str.split(";"))

    wide = (
        results.drop("licence_required")
        .join(outcomes.drop("exporter"), on="outcome", how="left", maintain_order="left")
        .with_columns(*(pl.col(c).cast(pl.Utf8) for c in text))
    )
    wide = wide.with_columns(*(as_list(c).alias(c) for c in AUDIT_LIST_COLUMNS if c in results.columns))
    inputs = [c for c in results.columns if c not in (*COMPACT_COLUMNS, *AUDIT_COLUMNS)]
    return wide.select(*inputs, *RESULT_COLUMNS, *(c for c in AUDIT_COLUMNS if c in results.columns))


@dataclass
class _ScreenStep:
    """One pass of ``screen_file``: its audit state (line ids, outcome numbers) lives per pass."""

    audit: Audit
    tables: dict[str, CompiledRegime]

    #: Chunks may be screened at once (:func:`_pipeline`): the audit takes them in turn where order matters.
    concurrent = True

    def __call__(
        self, chunk: pl.DataFrame | pa.Table, seq: int | None = None, where: LineMap | None = None
    ) -> tuple[Any, Any, Summary, int]:
        a = self.audit
        try:
            if isinstance(chunk, pa.Table):  # the Arrow route (:func:`_arrow_source`)
                kept: list[npt.NDArray[np.bool_] | None] = []
                res, rej, summary = screen_batch(chunk, a.regimes, self.tables, a, seq, where, kept)
                return ScreenedLines(res, chunk.num_rows, kept[0] if kept else None), rej, summary, 0
            return (*screen_frame(chunk, a.regimes, a.known_on, self.tables, a, seq, where), 0)
        except BaseException:
            a.turns.skip(seq)  # failed before its turn (e.g. out of memory): the next chunk goes on
            raise

    def begin(self, source: Source) -> None:
        """Before the first chunk: the ids the input repeats when they can be read ahead (a
        Parquet or CSV file's ``line_id`` column), else the line-id filter sized for its lines."""
        ids, ahead, count = self.audit.line_ids, source.line_ids_ahead, source.count_lines
        if ahead is None or (not source.total and count is None):
            if source.total:
                ids.expect(source.total)
            return

        def learn() -> None:
            total = source.total or (count() if count is not None else 0)
            try:
                repeated = repeated_ids(ahead(), total)
            except _Refused:  # a CSV file polars refuses: its reader says so too, and it is read again
                repeated = None
            if repeated is not None:
                ids.known(repeated)
            else:
                ids.expect(total)

        ids.ahead(learn)  # beside the first chunks

    def stop(self) -> None:
        """The run is over (done or failed): no chunk may wait for a turn any more."""
        self.audit.turns.abort()

    def final_table(self) -> pl.DataFrame:
        return self.audit.outcome_table()


def impact_frame(
    df: pl.DataFrame,
    regimes: dict[str, Regime],
    measure_id: str,
    known_on: dt.date | None = None,
    where: LineMap | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame, Summary, int]:
    """Lines whose answer differs with and without one measure: (changed, rejects, summary, n changed)."""
    owner = next((r for r in regimes.values() if measure_id in r.measures), None)
    if owner is None:
        import difflib

        ids = [m for r in regimes.values() for m in r.measures]
        raise InputError(f"unknown measure {measure_id!r}", difflib.get_close_matches(measure_id, ids, n=4, cutoff=0.4))
    without = without_measures(owner, [measure_id])
    with_tables = {k: compiled(r, known_on) for k, r in regimes.items()}
    without_tables = {**with_tables, owner.jurisdiction: compile_regime(without, known_on)}
    # With the warnings' kinds, as ``screen`` writes them: an answer compared bare would read "no
    # licence" where ``check`` cautions (a sunset ban, a requirement in addition).
    after, rejects, summary = screen_frame(df, regimes, known_on, with_tables, audit=True, lines=where)
    before, _, _ = screen_frame(df, {**regimes, owner.jurisdiction: without}, known_on, without_tables, audit=True)
    changed = pl.any_horizontal([(before[c] != after[c]).fill_null(True) for c in COMPARED])
    inputs = after.select(df.columns)
    shown = (*COMPARED, *AUDIT_LIST_COLUMNS)
    out = (
        pl.concat(
            [
                inputs,
                before.select([pl.col(c).alias(f"{c}_without") for c in shown]),
                after.select([pl.col(c).alias(f"{c}_with") for c in shown]),
            ],
            how="horizontal",
        )
        .filter(changed)
        .with_columns(measure=pl.lit(measure_id), regime_version=pl.lit(owner.version))
    )
    return out, rejects, summary, out.height


def impact_file(
    measure_id: str,
    inp: Path,
    out: Path,
    rejects: Path | None,
    regimes: dict[str, Regime],
    known_on: dt.date | None = None,
    chunk_rows: int = CHUNK_ROWS,
    progress: Progress | None = None,
    options: FileOptions | None = None,
) -> tuple[Summary, int]:
    """Lines whose answer ``measure_id`` changes, file to file: (summary, lines changed)."""
    return _run(
        inp,
        out,
        rejects,
        chunk_rows,
        progress,
        lambda: lambda chunk, seq, where: impact_frame(chunk, regimes, measure_id, known_on, where),
        options,
    )
