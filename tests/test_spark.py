"""The Spark engine (local mode) gives the same rows, answers and rejects as the local engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportctl.batch.files import FileOptions, screen_file
from exportctl.batch.screen import RESULT_COLUMNS
from exportctl.law.loader import load_regimes

pytest.importorskip("pyspark")
if shutil.which("java") is None:  # pragma: no cover - CI installs a JRE
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

from exportctl.batch.spark import screen_file_spark
from tests.test_screen import _frame, messy_row

pytestmark = pytest.mark.spark
REGIMES = load_regimes()
COLUMNS = ["line_id", *(c for c in RESULT_COLUMNS)]


def _sorted(df: pl.DataFrame, cols: list[str]) -> pl.DataFrame:
    return df.select(cols).sort("line_id")


@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(messy_row(), min_size=150, max_size=150))
def test_spark_equals_local(tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, str | None]]) -> None:
    tmp = tmp_path_factory.mktemp("spark")
    src = tmp / "in.parquet"
    _frame(rows).write_parquet(src)
    # The Spark engine writes each answer in full: the local engine's --lists layout.
    local = screen_file(
        src, tmp / "local.parquet", tmp / "local.rejects.parquet", REGIMES, options=FileOptions(lists=True)
    )
    spark = screen_file_spark(src, tmp / "spark.parquet", tmp / "spark.rejects.parquet", REGIMES)
    assert (spark.rows_in, spark.screened, spark.rejected, spark.licence_required) == (
        local.rows_in,
        local.screened,
        local.rejected,
        local.licence_required,
    )
    got = pl.read_parquet(str(tmp / "spark.parquet" / "*.parquet"))
    want = pl.read_parquet(tmp / "local.parquet")
    assert _sorted(got, COLUMNS).equals(_sorted(want, COLUMNS))
    bad_got = pl.read_parquet(str(tmp / "spark.rejects.parquet" / "*.parquet"))
    bad_want = pl.read_parquet(tmp / "local.rejects.parquet")
    assert _sorted(bad_got.fill_null("~"), ["line_id", "error"]).equals(
        _sorted(bad_want.fill_null("~"), ["line_id", "error"])
    )


def test_spark_csv_output(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("line_id,exporter,destination,item,ship_date\n1,JP,KR,resist,2020-01-15\n2,JP,KR,HF,2019-02-30\n")
    s = screen_file_spark(src, tmp_path / "out.csv", tmp_path / "out.rejects.csv", REGIMES)
    assert (s.rows_in, s.screened, s.rejected) == (2, 1, 1)
    got = pl.read_csv(str(tmp_path / "out.csv" / "*.csv"), infer_schema=False)
    assert got["routes"].to_list() == ["individual;specific_bulk"]


def test_a_failed_spark_run_leaves_no_output_and_keeps_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both outputs are published only after the run succeeded; a failure leaves the paths as they were."""
    import exportctl.batch.spark as spark_engine

    src = tmp_path / "in.csv"
    src.write_text("line_id,exporter,destination,item,ship_date\n1,JP,KR,resist,2020-01-15\n2,JP,KR,HF,2019-02-30\n")
    out, bad = tmp_path / "out.parquet", tmp_path / "out.rejects.parquet"
    out.mkdir()
    (out / "previous.txt").write_text("the last good run")

    def fail(screened: object) -> spark_engine.Summary:
        raise RuntimeError("executor lost")  # after both outputs were written to staging

    monkeypatch.setattr(spark_engine, "_summary", fail)
    with pytest.raises(RuntimeError, match="executor lost"):
        screen_file_spark(src, out, bad, REGIMES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.parquet"]  # no staging, no rejects
    assert [p.name for p in out.iterdir()] == ["previous.txt"]

    monkeypatch.undo()
    s = screen_file_spark(src, out, bad, REGIMES)
    assert (s.rows_in, s.screened, s.rejected) == (2, 1, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.parquet", "out.rejects.parquet"]
    assert not (out / "previous.txt").exists() and (out / "_SUCCESS").exists()
