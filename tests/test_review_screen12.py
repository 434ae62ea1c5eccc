"""Review of 720194b/a7d54c6 (first-byte checks for blank ids and formula cells, CSV ids read ahead).

Each test here is a wrong behaviour found by trying to break those changes (older than them:
formula cells in text held as categories reached CSV outputs), failing before its mend. Attacks
that held (fuzzed against polars and the in-memory screening) have no test here.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exportctl.batch import files
from exportctl.batch.files import FileOptions, screen_file
from exportctl.law.loader import load_regimes

REGIMES = {"KR": load_regimes()["KR"]}
CELL = '=HYPERLINK("http://x")'
LEADS = "=+-@\t\r"


def _neutralised(value: str | None) -> bool:
    """A cell a spreadsheet would not run: nothing, or not starting as a formula would."""
    return value is None or value[:1] not in LEADS


@pytest.mark.parametrize("dtype", [pl.Categorical, pl.Enum([CELL, "ok"])])
def test_neutralise_formulas_covers_categorical_and_enum_text(dtype: pl.DataType) -> None:
    df = pl.DataFrame({"t": pl.Series([CELL, "ok", None], dtype=dtype)})
    got = files.neutralise_formulas(df)["t"].cast(pl.Utf8).to_list()
    assert got == ["'" + CELL, "ok", None]


@pytest.mark.parametrize("route", ["categorical note to CSV results", "dictionary keys to CSV rejects"])
def test_text_from_a_parquet_input_is_formula_safe_in_csv_outputs(tmp_path: Path, route: str) -> None:
    # Line 1 screens (its note is a formula); line 2 is rejected (its item is a formula, unknown).
    src = tmp_path / "in.parquet"
    lines = {
        "line_id": ["1", "2"],
        "exporter": ["KR", "KR"],
        "destination": ["US", "US"],
        "item": ["sensitive", CELL],
        "ship_date": ["2020-01-01", "2020-01-01"],
    }
    if route.startswith("categorical"):
        # A polars frame with a Categorical column, as written by polars: read back Categorical.
        pl.DataFrame({**lines, "note": pl.Series([CELL, "b"], dtype=pl.Categorical)}).write_parquet(src)
        out, rejects = tmp_path / "out.csv", tmp_path / "out.rejects.csv"
    else:
        # Plain strings (pyarrow, DuckDB...): Parquet to Parquet reads the keys dictionary-encoded,
        # and the rejects asked for as CSV come from those Arrow columns.
        pq.write_table(pa.table({**lines, "note": ["a", "b"]}), src)
        out, rejects = tmp_path / "out.parquet", tmp_path / "rejects.csv"
    screen_file(src, out, rejects, REGIMES, options=FileOptions(threads=1))
    cells: list[str | None] = []
    for path in (out, rejects):
        if path.suffix == ".csv":
            written = pl.read_csv(path, infer_schema=False)
            cells += [v for c in written.columns for v in written[c].to_list()]
    assert CELL in "".join(v for v in cells if v)  # the cell is written somewhere
    assert all(_neutralised(v) for v in cells), [v for v in cells if not _neutralised(v)]


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_ids_are_read_ahead_in_large_batches_whatever_the_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    # A tiny --chunk-rows made the read-ahead of a CSV file thousands of small reads (a 100k-line
    # file at 10 lines a chunk: 92 -> 133 s); the ids are read a default chunk or more at once.
    from exportctl.batch import screen

    src = tmp_path / f"in{suffix}"
    lines = pl.DataFrame(
        {
            "line_id": [str(i % 250) for i in range(300)],
            "exporter": ["KR"] * 300,
            "destination": ["US"] * 300,
            "item": ["sensitive"] * 300,
            "ship_date": ["2020-01-01"] * 300,
        }
    )
    lines.write_csv(src) if suffix == ".csv" else lines.write_parquet(src, row_group_size=50)
    sizes: list[int] = []
    real = screen.repeated_ids

    def counted(frames, total):  # type: ignore[no-untyped-def]
        def each():  # type: ignore[no-untyped-def]
            for f in frames:
                sizes.append(f.height)
                yield f

        return real(each(), total)

    monkeypatch.setattr(files, "repeated_ids", counted)
    out = tmp_path / f"out{suffix}"
    screen_file(src, out, None, REGIMES, chunk_rows=7)
    assert sum(sizes) == 300 and len(sizes) <= 6  # not 43 reads of 7 ids
    read = pl.read_csv(out, infer_schema=False) if suffix == ".csv" else pl.read_parquet(out)
    assert read["warning_kinds"].cast(pl.Utf8).str.contains("duplicate_line_id").sum() == 50
