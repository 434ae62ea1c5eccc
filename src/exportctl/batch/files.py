"""Chunked writers for CSV, Parquet and JSON Lines, and the file-to-file screening jobs.

Output is written chunk by chunk so a file larger than memory's comfort still streams out;
CSV cannot hold lists, so list columns are written there as ``;``-joined text. An output is
complete or absent: it is written under a temporary name next to it and renamed into place
only when the run succeeds. A CSV or JSON Lines line that cannot be read at all goes to the
rejects with its line number instead of refusing the whole file. Text cells that a
spreadsheet would run as a formula are neutralised in CSV outputs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import secrets
from collections.abc import Callable
from itertools import chain
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import polars as pl
import pyarrow.parquet as pq

from exportctl.batch.screen import (
    LIST_COLUMNS,
    REQUIRED,
    Summary,
    chunks,
    file_format,
    read_table,
    screen_frame,
)
from exportctl.engine.compiled import compile_regime, compiled
from exportctl.engine.knowledge import without_measures
from exportctl.errors import InputError
from exportctl.law.regime import Regime

Progress = Callable[[int, int], None]
COMPARED = ("licence_required", "routes", "exemptions", "catch_all", "destination_groups")
# A text cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA = r"^([=+\-@\t\r])"
BOM = b"\xef\xbb\xbf"

Unreadable = tuple[int, str]  # (line number, counting from 1, why the line cannot be read)


def rejects_path_for(output: Path) -> Path:
    return output.with_name(f"{output.stem}.rejects{output.suffix}")


def neutralise_formulas(df: pl.DataFrame) -> pl.DataFrame:
    """Prefix ``'`` to text cells (and header names) a spreadsheet would run as a formula."""
    df = df.with_columns(pl.col(c).str.replace(FORMULA, "'$1") for c, t in df.schema.items() if t == pl.Utf8)
    risky = [c for c in df.columns if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    return df.rename({c: f"'{c}" for c in risky}) if risky else df


class TableWriter:
    """Appends frames to one output file in its format; creates the file even when empty.

    The rows go to ``PATH.part-<random>`` in the same directory, renamed to ``PATH`` when the
    ``with`` block ends without an exception; on an exception the temporary file is removed,
    so ``PATH`` is either the whole output or untouched.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fmt = file_format(path)
        self.temp = path.with_name(f"{path.name}.part-{secrets.token_hex(6)}")
        self.rows = 0
        self._handle: IO[Any] | None = None
        self._parquet: pq.ParquetWriter | None = None
        self._first = True

    def __enter__(self) -> TableWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.fmt == "parquet":
            self._handle = self.temp.open("xb")
        else:
            self._handle = self.temp.open("x", encoding="utf-8", newline="")
        return self

    def write(self, df: pl.DataFrame) -> None:
        assert self._handle is not None
        if self.fmt == "parquet":
            table = df.to_arrow()
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self._handle, table.schema)
            self._parquet.write_table(table)
        elif self.fmt == "csv":
            if df.height or self._first:
                flat = df.with_columns([pl.col(c).list.join(";") for c in LIST_COLUMNS if c in df.columns])
                neutralise_formulas(flat).write_csv(self._handle, include_header=self._first)
                self._first = False
        elif df.height:
            df.write_ndjson(self._handle)
        self.rows += df.height

    def close(self) -> None:
        """Finish the temporary file (idempotent); ``__exit__`` renames it into place."""
        parquet, handle = self._parquet, self._handle
        self._parquet = self._handle = None
        try:
            if parquet is not None:
                parquet.close()
        finally:
            if handle is not None:
                handle.close()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            self.close()
            if exc_type is None:
                os.replace(self.temp, self.path)
                return
        except BaseException:
            self.temp.unlink(missing_ok=True)
            raise
        self.temp.unlink(missing_ok=True)


# ------------------------------------------------------------------------------- tolerant reading


def read_input(path: Path) -> tuple[pl.DataFrame, list[Unreadable]]:
    """Read an input file; lines of a CSV or JSON Lines file that cannot be read are set aside.

    The whole file goes through polars first; only when polars refuses it is the file read again
    line by line, and the lines polars (or JSON) cannot read come back as ``(line, reason)``
    while the rest is read as usual.
    """
    try:
        return read_table(path), []
    except InputError as exc:
        if file_format(path) == "parquet" or not isinstance(exc.__cause__, pl.exceptions.PolarsError):
            raise
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    df, unreadable = (_read_csv_lines if file_format(path) == "csv" else _read_jsonl_lines)(data, path)
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise InputError(f"{path} lacks required column(s) {', '.join(missing)}; found: {', '.join(df.columns)}")
    return df, sorted(unreadable)


def _lines(data: bytes) -> list[bytes]:
    """Physical lines without their ``\\n`` (a ``\\r`` before it stays, as polars expects)."""
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return lines


def _record_end(lines: list[bytes], start: int) -> int | None:
    """End (exclusive) of the CSV record starting at line ``start``: quotes must pair up.

    ``None`` when a quote opened on line ``start`` is never closed.
    """
    if lines[start].count(b'"') % 2 == 0:
        return start + 1
    for end in range(start + 1, len(lines)):
        if lines[end].count(b'"') % 2:
            return end + 1
    return None


def _csv_problem(record: bytes, width: int) -> str | None:
    """Why one CSV record (one or more lines) is not one row of at most ``width`` fields."""
    try:
        text = record.decode("utf-8")
    except UnicodeDecodeError:
        return "not valid UTF-8"
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        return f"malformed CSV ({exc})"
    if len(rows) != 1:
        return "malformed CSV (quotes do not pair up)"
    if len(rows[0]) > width:
        return f"malformed CSV ({len(rows[0])} fields where the header has {width})"
    return None


def _read_csv_lines(data: bytes, path: Path) -> tuple[pl.DataFrame, list[Unreadable]]:
    lines = _lines(data)
    header_end = _record_end(lines, 0) if lines else None
    if header_end is None:
        raise InputError(f"cannot read {path}: no header line, or a quote in it is never closed")
    header = lines[:header_end]
    width = len(next(csv.reader(io.StringIO(b"\n".join(header).decode("utf-8", "replace"), newline=""))))
    records: list[tuple[int, int]] = []
    unreadable: list[Unreadable] = []
    i = header_end
    while i < len(lines):
        end = _record_end(lines, i)
        if end is None:
            problem: str | None = "malformed CSV (a quote opened on this line is never closed)"
        elif end > i + 1:  # a quoted field over several lines: check it before it swallows them
            problem = _csv_problem(b"\n".join(lines[i:end]), width)
        else:
            problem = None
        if end is None or problem is not None:
            unreadable.append((i + 1, problem or "malformed CSV"))
            i += 1  # resynchronise on the next line
            continue
        records.append((i, end))
        i = end

    def parse(recs: list[tuple[int, int]]) -> pl.DataFrame:
        body = b"\n".join(chain(header, chain.from_iterable(lines[a:b] for a, b in recs))) + b"\n"
        return pl.read_csv(io.BytesIO(body), infer_schema=False)

    frames: list[pl.DataFrame] = []
    # Bisect: a block polars reads is kept; a block it refuses is halved until the culprits are
    # single records (a few bad lines cost a few reads, not one read per line).
    todo = [records] if records else []
    while todo:
        recs = todo.pop()
        try:
            frame = parse(recs)
            if frame.height != len(recs):
                raise pl.exceptions.ComputeError(f"{frame.height} rows read from {len(recs)} lines")
            frames.append(frame)
        except pl.exceptions.PolarsError as exc:
            if len(recs) == 1:
                a, b = recs[0]
                reason = _csv_problem(b"\n".join(lines[a:b]), width) or f"malformed CSV ({str(exc).splitlines()[0]})"
                unreadable.append((a + 1, reason))
            else:
                half = len(recs) // 2
                todo += [recs[half:], recs[:half]]  # popped in file order
    try:
        df = pl.concat(frames) if frames else parse([])
    except pl.exceptions.PolarsError as exc:
        raise InputError(f"cannot read {path}: {str(exc).splitlines()[0]}") from exc
    return df, unreadable


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _read_jsonl_lines(data: bytes, path: Path) -> tuple[pl.DataFrame, list[Unreadable]]:
    good: list[bytes] = []
    unreadable: list[Unreadable] = []
    for n, line in enumerate(_lines(data), start=1):
        if n == 1 and line.startswith(BOM):
            line = line[len(BOM) :]
        if not line.strip():
            continue  # blank lines are not rows (as for polars)
        try:
            value = json.loads(line, parse_constant=_no_constant)
        except UnicodeDecodeError:
            unreadable.append((n, "not valid UTF-8"))
            continue
        except ValueError as exc:
            msg = f"{exc.msg} at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else str(exc)
            unreadable.append((n, f"invalid JSON ({msg})"))
            continue
        if not isinstance(value, dict):
            unreadable.append((n, f"not a JSON object (a JSON {type(value).__name__})"))
            continue
        good.append(line)
    if not good:
        return pl.DataFrame(schema=dict.fromkeys(REQUIRED, pl.Utf8)), unreadable
    try:
        df = pl.read_ndjson(io.BytesIO(b"\n".join(good)), infer_schema_length=None)
    except pl.exceptions.PolarsError as exc:
        raise InputError(f"cannot read {path}: {str(exc).splitlines()[0]}") from exc
    if df.height != len(good):
        raise InputError(f"cannot read {path}: {df.height} rows read from {len(good)} lines")
    return df, unreadable


def _unreadable_rejects(df: pl.DataFrame, unreadable: list[Unreadable]) -> pl.DataFrame:
    """Rejected rows for lines that could not be read: every input column empty, ``error`` says why."""
    errors = pl.Series("error", [f"line {n}: {why}" for n, why in unreadable], dtype=pl.Utf8)
    return df.clear(len(unreadable)).with_columns(errors)


def _check_paths(inp: Path, out: Path, rejects: Path) -> None:
    if len({inp.resolve(), out.resolve(), rejects.resolve()}) < 3:
        raise InputError("input, output and rejects must be three different files")


def _run(
    inp: Path,
    out: Path,
    rejects: Path | None,
    chunk_rows: int,
    progress: Progress | None,
    step: Callable[[pl.DataFrame], tuple[pl.DataFrame, pl.DataFrame, Summary, int]],
) -> tuple[Summary, int]:
    """Read ``inp``, run ``step`` chunk by chunk, stream results and rejects out; count everything."""
    rejects = rejects or rejects_path_for(out)
    _check_paths(inp, out, rejects)
    df, unreadable = read_input(inp)
    total, extra, rows = Summary(), 0, df.height + len(unreadable)
    # Both files are written under temporary names and renamed into place only if every chunk
    # went through (rejects first, so a results file is never there without its rejects).
    with TableWriter(out) as good, TableWriter(rejects) as bad:
        if unreadable:
            bad.write(_unreadable_rejects(df, unreadable))
            total.add(Summary(rows_in=len(unreadable), rejected=len(unreadable)))
        for chunk in chunks(df, chunk_rows):
            res, rej, s, n = step(chunk)
            good.write(res)
            bad.write(rej)
            total.add(s)
            extra += n
            if progress:
                progress(total.rows_in, rows)
        good.close()
        bad.close()
    return total, extra


def screen_file(
    inp: Path,
    out: Path,
    rejects: Path | None,
    regimes: dict[str, Regime],
    known_on: dt.date | None = None,
    chunk_rows: int = 1_000_000,
    progress: Progress | None = None,
) -> Summary:
    """Screen a file into ``out`` (results) and ``rejects`` (rows with an ``error``)."""
    tables = {k: compiled(r, known_on) for k, r in regimes.items()}

    def step(chunk: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, Summary, int]:
        return (*screen_frame(chunk, regimes, known_on, tables), 0)

    return _run(inp, out, rejects, chunk_rows, progress, step)[0]


def impact_frame(
    df: pl.DataFrame, regimes: dict[str, Regime], measure_id: str, known_on: dt.date | None = None
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
    after, rejects, summary = screen_frame(df, regimes, known_on, with_tables)
    before, _, _ = screen_frame(df, {**regimes, owner.jurisdiction: without}, known_on, without_tables)
    changed = pl.any_horizontal([(before[c] != after[c]).fill_null(True) for c in COMPARED])
    inputs = after.select(df.columns)
    out = (
        pl.concat(
            [
                inputs,
                before.select([pl.col(c).alias(f"{c}_without") for c in COMPARED]),
                after.select([pl.col(c).alias(f"{c}_with") for c in COMPARED]),
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
    chunk_rows: int = 1_000_000,
    progress: Progress | None = None,
) -> tuple[Summary, int]:
    """Lines whose answer ``measure_id`` changes, file to file: (summary, lines changed)."""
    return _run(
        inp, out, rejects, chunk_rows, progress, lambda chunk: impact_frame(chunk, regimes, measure_id, known_on)
    )
