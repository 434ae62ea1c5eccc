"""Chunked writers for CSV, Parquet and JSON Lines, and the file-to-file screening jobs.

Output is written chunk by chunk so a file larger than memory's comfort still streams out;
CSV cannot hold lists, so list columns are written there as ``;``-joined text. An output is
complete or absent: it is written under a temporary name next to it and renamed into place
only when the run succeeds. A CSV or JSON Lines line that cannot be read at all goes to the
rejects with its line number instead of refusing the whole file. Text cells that a
spreadsheet would run as a formula are neutralised in CSV outputs.
"""

from __future__ import annotations

import contextlib
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
from typing import IO, Any, TypeVar

import polars as pl
import pyarrow.parquet as pq

from exportctl.batch.screen import REQUIRED, Summary, chunks, file_format, read_table, screen_frame
from exportctl.engine.compiled import compile_regime, compiled
from exportctl.engine.knowledge import without_measures
from exportctl.errors import InputError
from exportctl.law.regime import Regime

Progress = Callable[[int, int], None]
COMPARED = ("licence_required", "routes", "exemptions", "catch_all", "destination_groups")
# A text cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA = r"^([=+\-@\t\r])"
BOM = b"\xef\xbb\xbf"

T = TypeVar("T")
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
                # Every list column (the answer's, and impact's ``*_with``/``*_without``) as text.
                lists = [c for c, t in df.schema.items() if isinstance(t, pl.List)]
                flat = df.with_columns(pl.col(c).cast(pl.List(pl.Utf8)).list.join(";") for c in lists)
                neutralise_formulas(flat).write_csv(self._handle, include_header=self._first)
                self._first = False
        elif df.height:
            df.write_ndjson(self._handle)
        self.rows += df.height

    def close(self, sync: bool = True) -> None:
        """Finish the temporary file (idempotent); ``__exit__`` renames it into place."""
        parquet, handle = self._parquet, self._handle
        self._parquet = self._handle = None
        try:
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
            self.temp.unlink(missing_ok=True)
            return
        try:
            self.close()
            os.replace(self.temp, self.path)
        except BaseException:
            self.temp.unlink(missing_ok=True)
            raise


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


def _read_csv_lines(data: bytes, path: Path) -> tuple[pl.DataFrame, list[Unreadable]]:
    lines = _lines(data)
    header_end = _record_end(lines, 0) if lines else None
    if header_end is None:
        raise InputError(f"cannot read {path}: no header line, or a quote in it is never closed")
    header = lines[:header_end]
    width = len(next(csv.reader(io.StringIO(b"\n".join(header).decode("utf-8", "replace"), newline=""))))
    records: list[tuple[int, int]] = []
    unreadable: list[Unreadable] = []
    # Cut the lines into records (a quoted field may run over lines) and check each: a line
    # without quotes by counting its commas, others with the csv module. A record that is not
    # one row is set aside by its first line, and reading starts again on the next line.
    i = header_end
    while i < len(lines):
        line = lines[i]
        end: int | None = i + 1
        if b'"' not in line:
            fields = line.count(b",") + 1
            if not line.isascii() and not _is_utf8(line):
                problem: str | None = "not valid UTF-8"
            elif fields > width:
                problem = f"malformed CSV ({fields} fields where the header has {width})"
            else:
                problem = None
        else:
            end = _record_end(lines, i)
            if end is None:
                problem = "malformed CSV (a quote opened on this line is never closed)"
            else:
                problem = _csv_problem(b"\n".join(lines[i:end]), width)
        if end is None or problem is not None:
            unreadable.append((i + 1, problem or "malformed CSV"))
            i += 1
            continue
        records.append((i, end))
        i = end

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
    return df, unreadable


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
        return f"invalid JSON ({exc.msg} at column {exc.colno})"
    except ValueError as exc:
        return f"invalid JSON ({exc})"
    if not isinstance(value, dict):
        return f"not a JSON object (a JSON {type(value).__name__})"
    return None


def _read_jsonl_lines(data: bytes, path: Path) -> tuple[pl.DataFrame, list[Unreadable]]:
    lines = _lines(data)
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
        return pl.read_ndjson(io.BytesIO(b"\n".join(lines[n] for n in block)), infer_schema_length=None)

    frames, refused = _bisect(numbers, parse)  # polars has the last word on every line
    unreadable += [(n + 1, f"invalid JSON line ({message})") for n, message in refused]
    if not refused and len(frames) == 1:
        return frames[0], unreadable
    bad = {n for n, _ in refused}
    good = [n for n in numbers if n not in bad]
    if not good:
        return pl.DataFrame(schema=dict.fromkeys(REQUIRED, pl.Utf8)), unreadable
    try:  # once more as a whole, so the column types are inferred from every good line together
        df = parse(good)
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
    # went through: both are finished first, then renamed (rejects first, so a results file is
    # never there without its rejects).
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
