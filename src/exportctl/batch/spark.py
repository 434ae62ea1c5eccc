"""Screening on Apache Spark, for tables that outgrow one machine.

Spark moves the data; the answer still comes from the compiled regime: each partition's Arrow
batches go through the same ``screen_frame`` as the local engine (``mapInArrow``), so the two
engines agree by construction (and the tests check it). The compiled tables travel to the
executors inside the closure. Outputs are Spark's usual directories of part files.
"""

from __future__ import annotations

import datetime as dt
import os
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
    """Screen a file with Spark into ``out`` and ``rejects`` (directories of part files)."""
    from pyspark.sql import functions as F

    fmt_out, fmt_rej = file_format(out), file_format(rejects)
    spark = spark_session(master)
    sdf = _reader(spark, inp)
    screened = screen_dataframe(sdf, regimes, known_on).cache()
    good = screened.filter(F.col("error").isNull()).drop("error")
    bad = screened.filter(F.col("error").isNotNull()).drop(*[f.name for f in RESULT_FIELDS if f.name != "error"])
    for frame, path, fmt in ((good, out, fmt_out), (bad, rejects, fmt_rej)):
        if fmt == "csv":
            frame = frame.select(
                [F.concat_ws(";", F.col(c)).alias(c) if c in LIST_COLUMNS else F.col(c) for c in frame.columns]
            )
            frame.write.mode("overwrite").option("header", True).csv(str(path))
        elif fmt == "parquet":
            frame.write.mode("overwrite").parquet(str(path))
        else:
            frame.write.mode("overwrite").json(str(path))
    counts = screened.groupBy(F.col("error").isNull().alias("ok"), F.col("licence_required")).count().collect()
    summary = Summary()
    for row in counts:
        summary.rows_in += row["count"]
        if row["ok"]:
            summary.screened += row["count"]
            summary.licence_required += row["count"] if row["licence_required"] else 0
        else:
            summary.rejected += row["count"]
    screened.unpersist()
    return summary
