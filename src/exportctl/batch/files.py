"""Chunked writers for CSV, Parquet and JSON Lines, and the file-to-file screening jobs.

Output is written chunk by chunk so a file larger than memory's comfort still streams out;
CSV cannot hold lists, so list columns are written there as ``;``-joined text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import polars as pl
import pyarrow.parquet as pq

from exportctl.batch.screen import LIST_COLUMNS, Summary, chunks, file_format, read_table, screen_frame
from exportctl.engine.compiled import compile_regime, compiled
from exportctl.engine.knowledge import without_measures
from exportctl.errors import InputError
from exportctl.law.regime import Regime

Progress = Callable[[int, int], None]
COMPARED = ("licence_required", "routes", "exemptions", "catch_all", "destination_groups")


def rejects_path_for(output: Path) -> Path:
    return output.with_name(f"{output.stem}.rejects{output.suffix}")


class TableWriter:
    """Appends frames to one output file in its format; creates the file even when empty."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fmt = file_format(path)
        self.rows = 0
        self._handle: IO[Any] | None = None
        self._parquet: pq.ParquetWriter | None = None
        self._first = True

    def __enter__(self) -> TableWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.fmt != "parquet":
            self._handle = self.path.open("w", encoding="utf-8", newline="")
        return self

    def write(self, df: pl.DataFrame) -> None:
        if self.fmt == "parquet":
            table = df.to_arrow()
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.path, table.schema)
            self._parquet.write_table(table)
        elif self.fmt == "csv":
            flat = df.with_columns([pl.col(c).list.join(";") for c in LIST_COLUMNS if c in df.columns])
            assert self._handle is not None
            if df.height or self._first:
                flat.write_csv(self._handle, include_header=self._first)
                self._first = False
        else:
            assert self._handle is not None
            if df.height:
                df.write_ndjson(self._handle)
        self.rows += df.height

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._handle is not None:
            self._handle.close()


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
    df = read_table(inp)
    total, extra = Summary(), 0
    with TableWriter(out) as good, TableWriter(rejects) as bad:
        for chunk in chunks(df, chunk_rows):
            res, rej, s, n = step(chunk)
            good.write(res)
            bad.write(rej)
            total.add(s)
            extra += n
            if progress:
                progress(total.rows_in, df.height)
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
