"""Screening on Apache Spark, for tables that outgrow one machine.

Spark moves the data; the answer still comes from the compiled regime: each partition's Arrow
batches go through the same ``screen_frame`` as the local engine (``mapInArrow``), so the two
engines agree by construction (and the tests check it). The compiled tables travel to the
executors inside the closure. The input is read as the local engine reads it: a header by the
names it accepts (:data:`~exportctl.batch.screen.COLUMN_ALIASES`), refused with its words, and
every reject named by its line (``line N: ...``): a Parquet file's row by Spark's row index, a
CSV or JSON Lines file by its own lines, which :mod:`exportctl.batch.spark_text` reads with the
local engine's reader (encodings, blank lines, lines that cannot be read). Outputs are Spark's
usual directories of part files, and like the local engine's they are complete or absent: Spark
writes them under hidden staging names beside the targets, and they are moved into place only
once both are written and counted. A CSV output's cells are made formula-safe as the local
engine's are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa

from exportctl.batch.files import Unreadable, check_parent, neutralise_formulas, rejects_in_order, row_lines
from exportctl.batch.screen import (
    AUDIT_COLUMNS,
    AUDIT_LIST_COLUMNS,
    LIST_COLUMNS,
    Audit,
    LineMap,
    Summary,
    file_format,
    header_renames,
    require_columns,
    screen_frame,
    summarised_notes,
)
from exportctl.batch.spark_text import (
    TextInput,
    input_types,
    plan_blocks,
    read_blocks,
    survey,
    text_input,
    text_lines,
)
from exportctl.engine.compiled import CompiledRegime, compiled
from exportctl.errors import InputError
from exportctl.law.loader import bundle_version
from exportctl.law.regime import Regime

RESULT_FIELDS = [
    pa.field("licence_required", pa.bool_()),
    pa.field("needs", pa.list_(pa.string())),
    pa.field("refused", pa.list_(pa.string())),
    pa.field("routes", pa.list_(pa.string())),
    pa.field("exemptions", pa.list_(pa.string())),
    pa.field("catch_all", pa.string()),
    pa.field("destination_groups", pa.list_(pa.string())),
    pa.field("rule_ids", pa.list_(pa.string())),
    pa.field("regime_version", pa.string()),
    # The audit columns, as ``screen --lists`` writes them: without the warnings' kinds and the
    # cautions a line's bare answer reads "no licence" where ``check`` cautions.
    *(pa.field(c, pa.list_(pa.string()) if c in AUDIT_LIST_COLUMNS else pa.string()) for c in AUDIT_COLUMNS),
    pa.field("error", pa.string()),
]
#: The list columns of the output (``;``-joined in a CSV, as the local engine writes them).
SPARK_LISTS = (*LIST_COLUMNS, *AUDIT_LIST_COLUMNS)
#: A Parquet input's row numbers travel beside its columns under this name, and go before output.
ROW_COLUMN = "__exportctl_row__"
#: Rows per Arrow batch handed back to Spark (its own default batch).
BATCH_ROWS = 10_000
#: Spark's CSV writer set to write as the local engine (polars) does: a quote inside a cell doubled
#: (Spark's default escapes it with a backslash, which spreadsheets do not read), the spaces
#: around a cell kept (Spark's default trims them).
CSV_WRITE = {"header": True, "escape": '"', "ignoreLeadingWhiteSpace": False, "ignoreTrailingWhiteSpace": False}


def spark_session(master: str = "local[2]", app_name: str = "exportctl-screen") -> Any:
    from pyspark.sql import SparkSession

    # Workers must run the interpreter that has exportctl installed (in local mode, this one).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


@dataclasses.dataclass(frozen=True)
class _Screening:
    """What each task screens with: the law, its compiled tables, and the output's Arrow schema."""

    regimes: dict[str, Regime]
    known_on: dt.date | None
    tables: dict[str, CompiledRegime]
    out: pa.Schema
    version: str
    #: A Spark accumulator of the run's notes (a set of texts), or None: the notes a chunk's screening
    #: makes (a Korean value in won not used) reach the driver's summary as the local engine's do
    #: (session review S28B-7).
    notes: Any = None

    def audit(self) -> Audit:
        """One task's audit state: its cells worked out once for all its batches, and its line
        ids (a repeat is flagged within the task's rows, not across tasks)."""
        return Audit(self.regimes, self.known_on, self.version)

    def batches(
        self, df: pl.DataFrame, lines: LineMap | None, unreadable: list[Unreadable], audit: Audit
    ) -> Iterator[pa.RecordBatch]:
        """A frame screened into the output's batches: results (``error`` empty) and rejects."""
        results, rejects, summary = screen_frame(df, self.regimes, self.known_on, self.tables, audit=audit, lines=lines)
        if self.notes is not None and summary.notes:
            self.notes.add(set(summary.notes))
        if unreadable:  # in line order with the chunk's other rejects, as the local engine writes them (S28B-7)
            rejects = rejects_in_order(rejects, unreadable, df)
        parts = [results.with_columns(error=pl.lit(None, dtype=pl.Utf8)), rejects]
        both = pl.concat(parts, how="diagonal_relaxed").to_arrow()
        yield from both.select(self.out.names).cast(self.out).to_batches(max_chunksize=BATCH_ROWS)


def _notes_accumulator(spark: Any) -> Any:
    """A Spark accumulator of a set of texts gathered from the tasks (the same note from many tasks
    is one note). Made here, not at import, as PySpark is an extra."""
    from pyspark.accumulators import AccumulatorParam

    class NotesParam(AccumulatorParam[set[str]]):
        def zero(self, value: set[str]) -> set[str]:
            return set()

        def addInPlace(self, value1: set[str], value2: set[str]) -> set[str]:  # PySpark names it so
            value1 |= value2
            return value1

    return spark.sparkContext.accumulator(set(), NotesParam())


def _screening(
    columns: pl.Schema, regimes: dict[str, Regime], known_on: dt.date | None, notes: Any = None
) -> _Screening:
    """The screening of an input with ``columns`` (under the key columns' names), checked on the
    driver first: a column the answer would overwrite, a key column twice or of a type that cannot
    hold its values refuses the input here, in one line, as the local engine refuses it, rather
    than failing in every task."""
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    tables = {k: compiled(r, known_on) for k, r in regimes.items()}
    empty = pl.DataFrame(schema=columns)
    screen_frame(empty, regimes, known_on, tables, audit=True)
    # Through Spark's types and back: the Arrow types Spark expects of a task's batches.
    inputs = to_arrow_schema(from_arrow_schema(empty.to_arrow().schema))
    out = pa.schema(list(inputs) + RESULT_FIELDS)
    return _Screening(regimes, known_on, tables, out, bundle_version(regimes), notes)


def screen_dataframe(
    sdf: Any,
    regimes: dict[str, Regime],
    known_on: dt.date | None = None,
    line_column: str | None = None,
    what: str = "input",
    notes: Any = None,
) -> Any:
    """Screen a Spark DataFrame: one output row per input row, ``error`` set on rejected rows.

    Headers are read as the local engine reads them (``LINE_ID``, ``明細番号``...) and named as
    the key columns in the output. ``line_column``: a column holding each row's number in its file
    (from 1), which each reject's ``error`` then starts with (``line N: ``); it is not output.
    ``what`` names the input in errors.
    """
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    names = [c for c in sdf.columns if c != line_column]
    require_columns(names, what)
    sdf = sdf.withColumnsRenamed(header_renames(names))
    arrow_in = to_arrow_schema(sdf.schema)
    columns = pl.DataFrame(arrow_in.empty_table().drop_columns([line_column] if line_column else [])).schema
    screening = _screening(columns, regimes, known_on, notes)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        audit = screening.audit()
        for batch in batches:
            table = pa.Table.from_batches([batch], schema=arrow_in)
            lines = None
            if line_column is not None:
                lines = row_lines(table.column(line_column).to_numpy() + 1)
                table = table.drop_columns([line_column])
            df = pl.from_arrow(table)
            assert isinstance(df, pl.DataFrame)
            yield from screening.batches(df, lines, [], audit)

    return sdf.mapInArrow(run, from_arrow_schema(screening.out))


def screen_text(
    spark: Any, text: TextInput, regimes: dict[str, Regime], known_on: dt.date | None = None, notes: Any = None
) -> Any:
    """Screen a CSV or JSON Lines file read line by line (:mod:`exportctl.batch.spark_text`): two
    Spark jobs read its lines, the first to number them and learn its blocks' edges."""
    from pyspark.sql.pandas.types import from_arrow_schema

    lines = text_lines(spark, text.path)
    surveys = survey(lines, text)
    plans = plan_blocks(surveys, text)
    if text.csv:
        columns = pl.Schema(dict.fromkeys(text.columns, pl.Utf8))
    else:
        types = input_types(surveys)
        renames = header_renames(list(types))  # before the columns are required, as the local reader reads them
        require_columns(list(types), str(text.path), text.fmt, text.path)
        text = dataclasses.replace(text, types=types)
        columns = pl.DataFrame(schema=types).rename(renames).schema
    screening = _screening(columns, regimes, known_on, notes)
    empty = pl.DataFrame(schema=columns)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        audit = screening.audit()
        for df, where, unreadable in read_blocks(batches, text, plans, empty):
            yield from screening.batches(df, where, unreadable, audit)

    return lines.mapInArrow(run, from_arrow_schema(screening.out))


def _screened_input(
    spark: Any, inp: Path, regimes: dict[str, Regime], known_on: dt.date | None, encoding: str | None, notes: Any
) -> tuple[Any, list[str]]:
    """The input screened (a lazy Spark DataFrame) and what was assumed about it (an encoding guessed)."""
    fmt = file_format(inp)
    if fmt not in ("csv", "jsonl"):
        if encoding:
            raise InputError(f"--encoding applies to CSV and JSON Lines files, not to {inp.name}")
        from pyspark.errors import PySparkException

        try:
            sdf = spark.read.parquet(str(inp))
        except PySparkException as exc:
            raise InputError(f"cannot read {inp}: {(str(exc).splitlines() or [type(exc).__name__])[0]}") from exc
        sdf = sdf.select("*", sdf["_metadata.row_index"].alias(ROW_COLUMN))
        return screen_dataframe(sdf, regimes, known_on, ROW_COLUMN, str(inp), notes), []
    text = text_input(inp, encoding)
    return screen_text(spark, text, regimes, known_on, notes), [text.note] if text.note else []


def screen_file_spark(
    inp: Path,
    out: Path,
    rejects: Path,
    regimes: dict[str, Regime],
    known_on: dt.date | None = None,
    master: str = "local[2]",
    encoding: str | None = None,
) -> Summary:
    """Screen a file with Spark into ``out`` and ``rejects`` (directories of part files).

    ``encoding``: a CSV or JSON Lines input's encoding (detected when ``None``, as by the local
    engine; what was assumed is in the summary's ``notes``).

    Why staging: a Spark job killed or failing half-way leaves part files that look like an
    output. Both outputs are written to ``.NAME.part-TOKEN`` directories beside their targets and
    published together only after the run has succeeded; a failed run removes its staging
    directories and leaves whatever was at the output paths before untouched. (On a local or
    mounted file system; a run killed with ``kill -9`` leaves only hidden staging directories.)
    """
    from pyspark.sql import functions as F

    fmt_out, fmt_rej = file_format(out), file_format(rejects)
    if len({out.resolve(), rejects.resolve(), inp.resolve()}) < 3:
        raise InputError("input, output and rejects must be three different paths")
    for path in (out, rejects):
        check_parent(path)
    if not inp.exists():
        raise InputError(f"input file not found: {inp}")
    spark = spark_session(master)
    gathered = _notes_accumulator(spark)
    frame, notes = _screened_input(spark, inp, regimes, known_on, encoding, gathered)
    screened = frame.cache()
    token = secrets.token_hex(4)
    staging = {path: path.with_name(f".{path.name}.part-{token}") for path in (out, rejects)}
    try:
        good = screened.filter(F.col("error").isNull()).drop("error")
        bad = screened.filter(F.col("error").isNotNull()).drop(*[f.name for f in RESULT_FIELDS if f.name != "error"])
        for result, path, fmt in ((good, out, fmt_out), (bad, rejects, fmt_rej)):
            _write(result, staging[path], fmt)
        summary = _summary(screened)
        _publish(staging)
        summary.notes = notes + sorted(gathered.value) + summarised_notes(regimes, _cautions_met(screened))
        return summary
    finally:
        for temp in staging.values():
            shutil.rmtree(temp, ignore_errors=True)
        screened.unpersist()


def _write(frame: Any, path: Path, fmt: str) -> None:
    from pyspark.sql import functions as F

    if fmt == "csv":
        frame = frame.select(
            [F.concat_ws(";", F.col(c)).alias(c) if c in SPARK_LISTS else F.col(c) for c in frame.columns]
        )
        writer = _formula_safe(frame).write.mode("errorifexists").options(**CSV_WRITE)
        writer.csv(str(path))
    elif fmt == "parquet":
        frame.write.mode("errorifexists").parquet(str(path))
    else:  # a null as ``null``, as the local engine writes it (Spark's default leaves the key out)
        frame.write.mode("errorifexists").option("ignoreNullFields", False).json(str(path))


def _formula_safe(frame: Any) -> Any:
    """A frame bound for CSV with its cells (and header names) made safe from spreadsheets as the
    local engine's CSV outputs are (:func:`~exportctl.batch.files.neutralise_formulas`)."""
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    arrow_in = to_arrow_schema(frame.schema)
    empty = pl.from_arrow(arrow_in.empty_table())
    assert isinstance(empty, pl.DataFrame)
    out = to_arrow_schema(from_arrow_schema(neutralise_formulas(empty).to_arrow().schema))

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            df = pl.from_arrow(pa.Table.from_batches([batch]))
            assert isinstance(df, pl.DataFrame)
            yield from neutralise_formulas(df).to_arrow().cast(out).to_batches()

    return frame.mapInArrow(run, from_arrow_schema(out))


def _cautions_met(screened: Any) -> set[str]:
    """The caution ids the screened lines carry (for the summary's notes, as the local engine gives
    them: session review S27B-8)."""
    from pyspark.sql import functions as F

    rows = screened.select(F.explode_outer("cautions").alias("c")).distinct().collect()
    return {row["c"] for row in rows if row["c"]}


def _summary(screened: Any) -> Summary:
    """Counts by outcome, from the cached screened frame (a Spark action: it can still fail)."""
    from pyspark.sql import functions as F

    counts = screened.groupBy(F.col("error").isNull().alias("ok"), F.col("licence_required")).count().collect()
    summary = Summary()
    for row in counts:
        summary.rows_in += row["count"]
        if row["ok"]:
            summary.screened += row["count"]
            summary.licence_required += row["count"] if row["licence_required"] else 0
        else:
            summary.rejected += row["count"]
    return summary


def _publish(staging: dict[Path, Path]) -> None:
    """Move each finished staging directory to its target; what was there before goes only then.

    The old output is first renamed aside, so at no moment does a target path hold a partial
    output; if a move fails, the old outputs are put back.
    """
    token = secrets.token_hex(4)
    moved: list[tuple[Path, Path | None]] = []
    try:
        for target, temp in staging.items():
            old = target.with_name(f".{target.name}.old-{token}") if target.exists() or target.is_symlink() else None
            if old is not None:
                target.rename(old)
            moved.append((target, old))
            temp.rename(target)
    except OSError:
        for target, old in reversed(moved):
            if old is not None:
                _remove(target)
                old.rename(target)
        raise
    for _, old in moved:
        if old is not None:
            _remove(old)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()
