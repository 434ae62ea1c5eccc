"""Screening on Apache Spark, for tables that outgrow one machine.

Spark moves the data; the answer still comes from the compiled regime: each partition's Arrow
batches go through the same ``screen_frame`` as the local engine (``mapInArrow``), so the two
engines agree by construction (and the tests check it). The compiled tables travel to the
executors inside the closure. Outputs are Spark's usual directories of part files, and like
the local engine's they are complete or absent: Spark writes them under hidden staging names
beside the targets, and they are moved into place only once both are written and counted.
"""

from __future__ import annotations

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

from exportctl.batch.screen import LIST_COLUMNS, REQUIRED, Summary, file_format, screen_frame
from exportctl.engine.compiled import compiled
from exportctl.errors import InputError
from exportctl.law.regime import Regime

RESULT_FIELDS = [
    pa.field("licence_required", pa.bool_()),
    pa.field("routes", pa.list_(pa.string())),
    pa.field("exemptions", pa.list_(pa.string())),
    pa.field("catch_all", pa.string()),
    pa.field("destination_groups", pa.list_(pa.string())),
    pa.field("rule_ids", pa.list_(pa.string())),
    pa.field("regime_version", pa.string()),
    pa.field("error", pa.string()),
]


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


def _reader(spark: Any, path: Path) -> Any:
    fmt = file_format(path)
    if not path.exists():
        raise InputError(f"input file not found: {path}")
    if fmt == "csv":
        return spark.read.option("header", True).option("inferSchema", False).csv(str(path))
    if fmt == "parquet":
        return spark.read.parquet(str(path))
    return spark.read.json(str(path))


def screen_dataframe(sdf: Any, regimes: dict[str, Regime], known_on: dt.date | None = None) -> Any:
    """Screen a Spark DataFrame: one output row per input row, ``error`` set on rejected rows."""
    from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema

    missing = [c for c in REQUIRED if c not in sdf.columns]
    if missing:
        raise InputError(f"input lacks required column(s) {', '.join(missing)}; found: {', '.join(sdf.columns)}")
    tables = {k: compiled(r, known_on) for k, r in regimes.items()}
    in_schema = to_arrow_schema(sdf.schema)
    out_schema = pa.schema(list(in_schema) + RESULT_FIELDS)

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            df = pl.from_arrow(pa.Table.from_batches([batch], schema=in_schema))
            assert isinstance(df, pl.DataFrame)
            results, rejects, _ = screen_frame(df, regimes, known_on, tables)
            both = pl.concat([results.with_columns(error=pl.lit(None, dtype=pl.Utf8)), rejects], how="diagonal_relaxed")
            yield from both.to_arrow().cast(out_schema).to_batches()

    return sdf.mapInArrow(run, from_arrow_schema(out_schema))


def screen_file_spark(
    inp: Path,
    out: Path,
    rejects: Path,
    regimes: dict[str, Regime],
    known_on: dt.date | None = None,
    master: str = "local[2]",
) -> Summary:
    """Screen a file with Spark into ``out`` and ``rejects`` (directories of part files).

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
    spark = spark_session(master)
    sdf = _reader(spark, inp)
    screened = screen_dataframe(sdf, regimes, known_on).cache()
    token = secrets.token_hex(4)
    staging = {path: path.with_name(f".{path.name}.part-{token}") for path in (out, rejects)}
    try:
        good = screened.filter(F.col("error").isNull()).drop("error")
        bad = screened.filter(F.col("error").isNotNull()).drop(*[f.name for f in RESULT_FIELDS if f.name != "error"])
        for frame, path, fmt in ((good, out, fmt_out), (bad, rejects, fmt_rej)):
            _write(frame, staging[path], fmt)
        summary = _summary(screened)
        _publish(staging)
        return summary
    finally:
        for temp in staging.values():
            shutil.rmtree(temp, ignore_errors=True)
        screened.unpersist()


def _write(frame: Any, path: Path, fmt: str) -> None:
    from pyspark.sql import functions as F

    writer = frame.write.mode("errorifexists")
    if fmt == "csv":
        frame = frame.select(
            [F.concat_ws(";", F.col(c)).alias(c) if c in LIST_COLUMNS else F.col(c) for c in frame.columns]
        )
        frame.write.mode("errorifexists").option("header", True).csv(str(path))
    elif fmt == "parquet":
        writer.parquet(str(path))
    else:
        writer.json(str(path))


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
