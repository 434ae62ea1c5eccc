"""The Spark engine (local mode) gives the same rows, answers and rejects as the local engine."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportctl.batch.files import FileOptions, screen_file
from exportctl.batch.screen import RESULT_COLUMNS, Summary
from exportctl.law.loader import load_regimes

pytest.importorskip("pyspark")
if shutil.which("java") is None:  # pragma: no cover - CI installs a JRE
    pytest.skip("Spark needs a Java runtime", allow_module_level=True)

from exportctl.batch.spark import screen_file_spark, spark_session
from exportctl.errors import InputError
from tests.test_screen import _frame, messy_row

pytestmark = pytest.mark.spark
REGIMES = load_regimes()
COLUMNS = ["line_id", *(c for c in RESULT_COLUMNS)]
#: The audit columns Spark writes as the local engine's --lists does; a repeated line id is
#: flagged within one Spark task's rows only, so ``duplicate_line_id`` is compared apart.
AUDIT = ["line_id", "item_id", "classified_as", "destination_iso", "cautions", "bundle_version"]


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

    # The summary names the cautions that say the data may be out of date (S27B-8: Spark's gave none).
    def cautioned(notes: list[str]) -> list[str]:
        return sorted(n for n in notes if "cautions column" in n)

    assert cautioned(spark.notes) == cautioned(local.notes)
    got = pl.read_parquet(str(tmp / "spark.parquet" / "*.parquet"))
    want = pl.read_parquet(tmp / "local.parquet")
    assert _sorted(got, COLUMNS).equals(_sorted(want, COLUMNS))
    # The warnings too (review 33, R33-3: Spark's lines had no warning kinds and no cautions).
    assert _sorted(got, AUDIT).equals(_sorted(want, AUDIT))
    kinds = pl.col("warning_kinds").list.eval(pl.element().filter(pl.element() != "duplicate_line_id"))
    assert _sorted(got.with_columns(kinds), ["line_id", "warning_kinds"]).equals(
        _sorted(want.with_columns(kinds), ["line_id", "warning_kinds"])
    )
    bad_got = pl.read_parquet(str(tmp / "spark.rejects.parquet" / "*.parquet"))
    bad_want = pl.read_parquet(tmp / "local.rejects.parquet")
    assert _sorted(bad_got.fill_null("~"), ["line_id", "error"]).equals(
        _sorted(bad_want.fill_null("~"), ["line_id", "error"])
    )


def test_spark_csv_output(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(
        "line_id,exporter,destination,item,ship_date\n1,JP,KR,resist,2020-01-15\n2,JP,KR,HF,2019-02-30\n"
        "3,JP,CN,jp:6(2),2024-06-01\n"
    )
    s = screen_file_spark(src, tmp_path / "out.csv", tmp_path / "out.rejects.csv", REGIMES)
    assert (s.rows_in, s.screened, s.rejected) == (3, 2, 1)
    got = pl.read_csv(str(tmp_path / "out.csv" / "*.csv"), infer_schema=False).sort("line_id")
    assert got["routes"].to_list() == ["individual;specific_bulk", "individual"]
    # A caution that overturns an answer is named on its line (review 33, R33-3, R33-4).
    assert "jp.caution.row-2-excluded" in got["cautions"][1].split(";")
    assert "caution" in got["warning_kinds"][1].split(";")


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


#: A CSV as people send one: headers in Japanese, in capitals, spaced; a blank line, a line of
#: commas (CRLF), fields over two lines, a line with too many fields, an inch mark's stray quote,
#: a quote never closed and bad rows. The local engine's answer: 11 rows, 4 screened, 7 rejects.
MESSY = (
    "明細番号,Exporter, DESTINATION ,品目,Ship Date\n"
    "1,JP,KR,resist,2020-01-15\n"
    "\n"
    ",JP,KR,resist,2020-01-15\n"
    ",,,,\r\n"
    '"5\nnote",JP,KR,resist,2020-01-15\n'
    "6,JP,XX,resist,2020-01-15\n"
    "7,JP,KR,resist,2020-01-15,extra\n"
    '8,JP,KR,"multi\nline",2020-01-15\n'
    "9,JP,KR,resist,2020-02-30\n"
    "10,JP,KR,resist,2020-01-15\n"
    '13,JP,KR,12" wafer,2020-01-15\n'
    '"11,JP,KR,resist,2020-01-15\n'
    "12,JP,KR,HF,2019-07-05\n"
)
ANSWER = ["line_id", "exporter", "destination", "item", "ship_date", "licence_required", "routes", "rule_ids"]
Run = tuple[tuple[int, int, int, int, list[str]], list[tuple[object, ...]], list[str]]


@pytest.fixture
def tiny_splits() -> Iterator[None]:
    """Spark's file splits of 16 bytes: a file of a few lines is read as many blocks, by many tasks.
    :data:`MESSY` is then cut inside both its fields over two lines, and between its stray quote and
    the next line holding an odd number of quotes (whose pair tells why the first is a reject)."""
    spark = spark_session()
    spark.conf.set("spark.sql.files.maxPartitionBytes", "16")
    yield
    spark.conf.unset("spark.sql.files.maxPartitionBytes")


def _read(path: Path) -> pl.DataFrame:
    """An output: the local engine's file or the Spark engine's directory of parts."""
    if path.suffix == ".csv":
        return pl.read_csv(path if path.is_file() else str(path / "*.csv"), infer_schema=False)
    if path.suffix == ".jsonl":
        return pl.read_ndjson(path if path.is_file() else sorted(path.glob("*.json")))
    return pl.read_parquet(path if path.is_file() else str(path / "*.parquet"))


def _run(summary: Summary, results: Path, rejects: Path) -> Run:
    """A run's counts, its results' answers and its rejects' errors in line order."""
    good = _read(results).select(ANSWER).with_columns(pl.col(pl.List(pl.Utf8)).list.join(";"))
    errors = _read(rejects)["error"].to_list()
    counts = (summary.rows_in, summary.screened, summary.rejected, summary.licence_required, summary.notes)
    return counts, sorted(good.rows(), key=str), sorted(errors, key=lambda e: int(e.split(":")[0].split()[1]))


def _both(tmp: Path, src: Path, suffix: str = ".parquet") -> tuple[Run, Run]:
    """The local engine's run (``--lists``, the layout Spark writes) and the Spark engine's, on ``src``."""
    tmp.mkdir(exist_ok=True)
    paths = [(tmp / f"{name}{suffix}", tmp / f"{name}.rejects{suffix}") for name in ("local", "spark")]
    local = screen_file(src, *paths[0], REGIMES, options=FileOptions(lists=True))
    spark = screen_file_spark(src, *paths[1], REGIMES)
    return _run(local, *paths[0]), _run(spark, *paths[1])


@pytest.mark.parametrize("splits", ["default", "tiny"])
def test_spark_reads_a_messy_csv_as_the_local_engine(
    tmp_path: Path, request: pytest.FixtureRequest, splits: str
) -> None:
    """Fails before the fix: Spark refused the headers; with them renamed it counted the line of
    commas and the pieces of the fields over lines as rows, took the line with too many fields,
    and no reject said its line. Read as many blocks, the records over lines and the line numbers
    cross the blocks' ends."""
    if splits == "tiny":
        request.getfixturevalue("tiny_splits")
    src = tmp_path / "in.csv"
    src.write_text(MESSY, newline="")
    local, spark = _both(tmp_path, src)
    assert spark == local
    assert spark[0][:3] == (11, 4, 7)
    assert [e.split(":")[0] for e in spark[2]] == [f"line {n}" for n in (4, 8, 9, 10, 12, 14, 15)]
    assert _read(tmp_path / "spark.parquet").columns[:5] == ANSWER[:5]


def test_spark_reads_json_lines_and_parquet_as_the_local_engine(tmp_path: Path) -> None:
    """Fails before the fix: ``LINE_ID`` and ``品目`` were not read; a bad JSON line became a
    ``_corrupt_record`` column and a 'missing line_id'; no reject said its line or Parquet row; a
    JSON Lines output left out the keys of null values."""
    lines = [
        '{"LINE_ID": "1", "exporter": "JP", "destination": "KR", "品目": "resist", "ship_date": "2020-01-15"}',
        "",
        '{"LINE_ID": null, "exporter": "JP", "destination": "KR", "品目": "resist", "ship_date": "2020-01-15"}',
        "{not json",
        '{"LINE_ID": "4", "exporter": "JP", "destination": "XX", "品目": "resist", "ship_date": "2020-01-15"}',
        "[1, 2]",
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    local, spark = _both(tmp_path / "jsonl", tmp_path / "in.jsonl", ".jsonl")
    assert spark == local
    written = "".join(p.read_text() for p in (tmp_path / "jsonl" / "spark.rejects.jsonl").glob("*.json"))
    assert '"line_id":null' in written  # a key is there with its null, as the local engine writes it
    assert spark[2] == [
        "line 3: missing line_id",
        "line 4: invalid JSON (Expecting property name enclosed in double quotes at column 2); the line reads: {not json",
        "line 5: unknown country 'XX'",
        "line 6: not a JSON object (a JSON list); the line reads: [1, 2]",
    ]
    pl.read_ndjson("\n".join(lines[i] for i in (0, 2, 4)).encode()).write_parquet(tmp_path / "in.parquet")
    local, spark = _both(tmp_path / "parquet", tmp_path / "in.parquet")
    assert spark == local
    assert spark[2] == ["line 2: missing line_id", "line 3: unknown country 'XX'"]


def test_spark_reads_a_japanese_excel_csv_and_writes_a_formula_safe_one(tmp_path: Path) -> None:
    """Fails before the fix: Spark read CP932 as UTF-8 (日本 an unknown exporter), had no word for
    a line that does not decode, wrote ``=1+1`` into a CSV for a spreadsheet to run, escaped quotes
    with backslashes; the command line refused ``--encoding`` with ``--engine spark``."""
    from typer.testing import CliRunner

    from exportctl.cli import app

    text = '明細番号,輸出国,仕向地,品目,出荷日\n1,日本,韓国,resist,2020-01-15\n2,JP,KR,"=1+1 ""x""",2020-01-15\n'
    src = tmp_path / "in.csv"
    src.write_bytes(text.encode("cp932") + b"3,JP,KR,\x82,2020-01-15\n4,JP,XX, resist ,2020-01-15\n")
    local, spark = _both(tmp_path, src, ".csv")
    assert spark == local
    assert [e[:23] for e in spark[2]] == [
        "line 3: unknown item '=",
        "line 4: not valid cp932",
        "line 5: unknown country",
    ]
    for name in ("{}.csv", "{}.rejects.csv"):  # the CSV files themselves, cell for cell (Spark has no audit columns)
        got = _read(tmp_path / name.format("spark"))
        want = _read(tmp_path / name.format("local")).select(got.columns)
        assert got.sort(got.columns).equals(want.sort(got.columns)), name
    assert '\'=1+1 "x"' in _read(tmp_path / "spark.rejects.csv")["item"].to_list()
    args = ["screen", str(src), "-o", str(tmp_path / "cli.csv"), "--engine", "spark", "--encoding", "cp932"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "rows in: 4  screened: 1  rejected: 3" in result.output


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bin.csv", bytes(range(256)) * 8),
        ("semi.csv", b"line_id;exporter;destination;item;ship_date\n1;JP;KR;resist;2020-01-15\n"),
        ("twice.csv", b"line_id,exporter,destination,item,ship_date,Item\n1,JP,KR,resist,2020-01-15,x\n"),
        ("dup.jsonl", b'{"line_id": "1", "item": "x", "Item": "y"}\n'),
        ("error.csv", b"line_id,exporter,destination,item,ship_date,error\n1,JP,KR,resist,2020-01-15,x\n"),
        ("empty.csv", b""),
    ],
)
def test_spark_refuses_an_input_in_the_local_engine_s_words(tmp_path: Path, name: str, data: bytes) -> None:
    """Fails before the fix: 'input lacks required column(s) ...' with the raw bytes or the whole
    header as names, or Spark's renamed duplicates, where the local engine says what is wrong."""
    src = tmp_path / name
    src.write_bytes(data)
    with pytest.raises(InputError) as local:
        screen_file(src, tmp_path / "l.parquet", None, REGIMES)
    with pytest.raises(InputError) as spark:
        screen_file_spark(src, tmp_path / "s.parquet", tmp_path / "s.rejects.parquet", REGIMES)
    assert str(spark.value) == str(local.value)


def test_spark_refuses_an_output_in_a_missing_folder_before_any_work(tmp_path: Path) -> None:
    """Fails before the fix: Spark made the folder, where the local engine refuses a mistyped one."""
    src = tmp_path / "in.csv"
    src.write_text("line_id,exporter,destination,item,ship_date\n")
    out = tmp_path / "nowhere" / "out.parquet"
    with pytest.raises(InputError) as spark:
        screen_file_spark(src, out, tmp_path / "out.rejects.parquet", REGIMES)
    assert str(spark.value) == f"cannot write {out}: folder {out.parent} does not exist"
    assert not out.parent.exists()


def test_spark_s_summary_names_the_data_currency_cautions_as_the_local_engine_s(tmp_path: Path) -> None:
    # Session review S27B-8: the Spark engine's summary gave no caution notes.
    src = tmp_path / "in.csv"
    src.write_text("line_id,exporter,destination,item,ship_date\n1,JP,CN,resist,2026-12-10\n")
    spark = screen_file_spark(src, tmp_path / "out.csv", tmp_path / "out.rejects.csv", REGIMES)
    local = screen_file(src, tmp_path / "local.csv", None, REGIMES)
    notes = [n for n in spark.notes if "[jp.caution.data-currency]" in n]
    assert len(notes) == 1 and notes == [n for n in local.notes if "[jp.caution.data-currency]" in n]


def test_spark_says_a_korean_value_in_won_was_not_used_and_writes_rejects_in_line_order(tmp_path: Path) -> None:
    """Session review S28B-7: the Spark engine's summary did not say that Korean values in won were not used
    (the local engine's run note), and a chunk's unreadable lines came after its other rejects."""
    src = tmp_path / "in.csv"
    src.write_text(
        "line_id,exporter,destination,item,ship_date,value,currency\n"
        "1,JP,KR,resist,2020-01-15,,\n"
        "2,JP,XX,resist,2020-01-15,,\n"
        "3,JP,KR,resist,2020-01-15,,,extra\n"
        "4,JP,KR,resist,2020-02-30,,\n"
        "5,KR,US,kr:3B001,2026-12-10,1000000,KRW\n",
        newline="",
    )
    local, spark = _both(tmp_path, src)
    assert spark == local
    note = [n for n in spark[0][4] if "read no value" in n]
    assert len(note) == 1 and note[0].startswith("some KR lines give their value in another currency")
    written = _read(tmp_path / "spark.rejects.parquet")["error"].to_list()
    assert [e.split(":")[0] for e in written] == ["line 3", "line 4", "line 5"]
