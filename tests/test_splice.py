"""Parquet to Parquet with the input's column chunks copied: the same file, to every reader, as the
ordinary writer's; inputs it cannot hold to are written the ordinary way (exportctl.batch.splice)."""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from exportctl.batch import files, splice
from exportctl.batch.files import screen_file
from exportctl.batch.thrift_compact import (
    BINARY,
    DOUBLE,
    FALSE,
    I16,
    I32,
    I64,
    LIST,
    MAP,
    STRUCT,
    TRUE,
    Items,
    Struct,
    ThriftError,
    read_struct,
    write_struct,
)
from exportctl.law.loader import load_regimes

# Korea alone compiles in milliseconds; lines from Japan are rejected (not in these regimes), so
# row groups with rejects are part of every file below.
REGIMES = {"KR": load_regimes()["KR"]}


#: Lines from an exporter these regimes do not hold: rejects, in some row groups and not others.
REJECTED = {3, 130, 131, 299, 400}


@pytest.fixture(autouse=True)
def _small_row_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    """The files here have row groups of tens of lines, which a real run writes the ordinary way."""
    monkeypatch.setattr(splice, "MIN_GROUP_ROWS", 1)


def _lines(n: int) -> pa.Table:
    """``n`` lines, those in :data:`REJECTED` from an exporter these regimes do not hold."""
    return pa.table(
        {
            "line_id": [f"L{i}" for i in range(n)],
            "exporter": ["JP" if i in REJECTED else "KR" for i in range(n)],
            "destination": [["CN", "US", "KP", "JP", "IR"][i % 5] for i in range(n)],
            "item": [["sensitive", "non-sensitive", "catch-all"][i % 3] for i in range(n)],
            "ship_date": [f"202{i % 6}-0{1 + i % 9}-1{i % 10}" for i in range(n)],
            "weight_kg": [i * 0.5 for i in range(n)],
            "note": [None if i % 7 == 0 else f"note {i}" for i in range(n)],
        }
    )


def _decoded(table: pa.Table) -> pa.Table:
    cols = [c.cast(c.type.value_type) if pa.types.is_dictionary(c.type) else c for c in table.columns]
    return pa.table(cols, names=table.column_names).combine_chunks()


def _both(src: Path, tmp: Path, monkeypatch: pytest.MonkeyPatch, chunk_rows: int = 64, **kw: Any) -> tuple[Path, Path]:
    """``src`` screened with the chunks copied and the ordinary way; both files' paths."""
    spliced, plain = tmp / "spliced.parquet", tmp / "plain.parquet"
    screen_file(src, spliced, None, REGIMES, chunk_rows=chunk_rows, **kw)
    monkeypatch.setattr(files, "SPLICE", False)
    screen_file(src, plain, None, REGIMES, chunk_rows=chunk_rows, **kw)
    monkeypatch.setattr(files, "SPLICE", True)
    return spliced, plain


def _same(a: Path, b: Path) -> None:
    """The two files read the same by pyarrow, polars and DuckDB, and DuckDB finds their rows alike."""
    assert _decoded(pq.read_table(a)).equals(_decoded(pq.read_table(b)))
    assert pq.read_schema(a) == pq.read_schema(b)
    assert pl.read_parquet(a).equals(pl.read_parquet(b))
    differ = duckdb.sql(f"SELECT count(*) FROM (FROM '{a}' EXCEPT ALL FROM '{b}')").fetchall()
    assert differ == [(0,)]
    assert duckdb.sql(f"SELECT count(*) FROM '{a}'").fetchall() == [(pq.ParquetFile(b).metadata.num_rows,)]


def _copied(out: Path, src: Path, group: int = 1) -> bool:
    """Whether ``out`` holds ``src``'s chunks: a row group's first column is compressed as the input's was."""
    first = pq.ParquetFile(src).metadata.row_group(group).column(0).compression
    return bool(pq.ParquetFile(out).metadata.row_group(group).column(0).compression == first)


@pytest.mark.parametrize("chunk_rows", [64, 37, 1000])
def test_copied_chunks_give_the_ordinary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk_rows: int) -> None:
    src = tmp_path / "in.parquet"
    # Row groups of 50 lines against chunks of 37, 64 or 1000: groups span chunks and chunks groups.
    pq.write_table(_lines(433), src, row_group_size=50, compression="snappy")
    spliced, plain = _both(src, tmp_path, monkeypatch, chunk_rows)
    _same(spliced, plain)
    assert not _copied(plain, src, 0)  # the ordinary writer writes zstd
    # Row groups with a reject (0, 2, 5, 8) are encoded whole from their kept lines; the others
    # are the input's chunks.
    meta = pq.ParquetFile(spliced).metadata
    assert meta.num_rows == 433 - len(REJECTED & set(range(433))) and meta.num_row_groups == 9
    assert [_copied(spliced, src, g) for g in range(9)] == [g not in (0, 2, 5, 8) for g in range(9)]
    assert [meta.row_group(g).num_rows for g in range(9)] == [49, 50, 48, 50, 50, 49, 50, 50, 32]


def test_a_file_without_rejects_keeps_every_row_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in.parquet"
    lines = _lines(300).set_column(1, "exporter", pa.array(["KR"] * 300))  # no rejects
    pq.write_table(lines, src, row_group_size=64, compression="gzip", write_page_index=True, write_statistics=True)
    spliced, plain = _both(src, tmp_path, monkeypatch)
    _same(spliced, plain)
    meta = pq.ParquetFile(spliced).metadata
    assert meta.num_row_groups == 5 and meta.num_rows == 300
    assert all(meta.row_group(g).column(c).compression == "GZIP" for g in range(5) for c in range(7))
    assert meta.row_group(0).column(7).compression == "ZSTD"  # the answer's columns: the writer's own


def test_headers_renamed_and_polars_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Key columns headed otherwise are named as the ordinary writer names them."""
    src = tmp_path / "in.parquet"
    lines = pl.from_arrow(_lines(200))
    assert isinstance(lines, pl.DataFrame)
    lines.rename({"line_id": "LINE_ID", "destination": " Destination"}).write_parquet(
        src, row_group_size=30, compression="snappy"
    )
    spliced, plain = _both(src, tmp_path, monkeypatch)
    _same(spliced, plain)
    assert _copied(spliced, src)
    assert pq.read_schema(spliced).names[:3] == ["line_id", "exporter", "destination"]


def test_nested_and_typed_columns_pass_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    n = 120
    lines = _lines(n)
    lines = lines.append_column("parts", pa.array([[i, i + 1] if i % 4 else None for i in range(n)]))
    lines = lines.append_column("box", pa.array([{"w": i, "tag": f"t{i}"} for i in range(n)]))
    lines = lines.append_column("on", pa.array([dt.date(2020, 1, 1 + i % 28) for i in range(n)]))
    lines = lines.append_column("price", pa.array([i * 100 for i in range(n)], pa.decimal128(12, 2)))
    src = tmp_path / "in.parquet"
    pq.write_table(lines, src, row_group_size=25, compression="snappy")
    spliced, plain = _both(src, tmp_path, monkeypatch)
    _same(spliced, plain)
    assert _copied(spliced, src)
    assert pq.read_table(spliced).column("box").to_pylist()[1] == {"w": 1, "tag": "t1"}


def test_inputs_it_cannot_hold_to_are_written_the_ordinary_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _lines(90).append_column("at", pa.array([dt.datetime(2020, 1, 1, 0, 0, i % 60) for i in range(90)]))
    int96 = tmp_path / "int96.parquet"  # pyarrow writes times otherwise: a re-encoded group would not match
    pq.write_table(lines, int96, row_group_size=20, compression="snappy", use_deprecated_int96_timestamps=True)
    spliced, plain = _both(int96, tmp_path, monkeypatch)
    _same(spliced, plain)
    assert not _copied(spliced, int96)
    # Row groups larger than the writer holds: the ordinary way.
    big = tmp_path / "big.parquet"
    lines = _lines(90).set_column(1, "exporter", pa.array(["KR"] * 90))  # no rejects
    pq.write_table(lines, big, row_group_size=90, compression="snappy")
    monkeypatch.setattr(splice, "MAX_GROUP_ROWS", 50)
    spliced, plain = _both(big, tmp_path, monkeypatch)
    _same(spliced, plain)
    assert not _copied(spliced, big, 0)


def test_required_columns_and_dictionary_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _lines(150)
    schema = pa.schema([f.with_nullable(f.name == "note") for f in lines.schema])
    lines = lines.cast(schema)
    lines = lines.set_column(0, "line_id", lines.column(0).dictionary_encode())
    src = tmp_path / "in.parquet"
    pq.write_table(lines, src, row_group_size=40, compression="snappy")
    spliced, plain = _both(src, tmp_path, monkeypatch)
    _same(spliced, plain)
    assert _copied(spliced, src)


def test_a_file_without_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in.parquet"
    pq.write_table(_lines(0), src)
    spliced, plain = _both(src, tmp_path, monkeypatch)
    _same(spliced, plain)
    assert pq.read_table(spliced).num_rows == 0


def test_a_damaged_footer_is_not_spliced(tmp_path: Path) -> None:
    src = tmp_path / "in.parquet"
    pq.write_table(_lines(20), src)
    assert splice.Splice.open(src) is not None
    data = bytearray(src.read_bytes())
    data[-5] ^= 0xFF  # the footer's length
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(bytes(data))
    assert splice.Splice.open(bad) is None
    assert splice.Splice.open(tmp_path / "missing.parquet") is None


# -- the Thrift codec ----------------------------------------------------------------------------


def test_footers_read_and_written_again_are_the_same_bytes(tmp_path: Path) -> None:
    src = tmp_path / "in.parquet"
    lines = _lines(100).append_column("parts", pa.array([[i] for i in range(100)]))
    pq.write_table(lines, src, row_group_size=10, write_page_index=True)
    data = src.read_bytes()
    n = struct.unpack("<I", data[-8:-4])[0]
    footer = data[-8 - n : -8]
    parsed, used = read_struct(footer)
    assert used == n and write_struct(parsed) == footer


def test_every_type_and_field_id_round_trips() -> None:
    inner = Struct({1: (I32, -7)})
    s = Struct(
        {
            1: (FALSE, False),
            2: (I16, -300),
            3: (I64, -(2**62)),
            4: (DOUBLE, 1.5),
            5: (BINARY, "日本".encode()),
            20: (LIST, Items(STRUCT, [inner] * 20)),  # a field id 15 past the last, a long list
            21: (LIST, Items(TRUE, [True, False, True])),
            22: (MAP, (BINARY, I64, [(b"k", 2**40)])),
            300: (STRUCT, Struct()),
        }
    )
    back, used = read_struct(write_struct(s))
    assert back == s and used == len(write_struct(s))
    with pytest.raises(ThriftError):
        read_struct(write_struct(s)[:-3])


def _with_writer(src: Path, created_by: bytes) -> None:
    """``src`` with its footer's ``created_by`` replaced (a file as another writer would have left it)."""
    data = src.read_bytes()
    n = struct.unpack("<I", data[-8:-4])[0]
    footer, _ = read_struct(data[-8 - n : -8])
    footer.set(6, BINARY, created_by)
    new = write_struct(footer)
    src.write_bytes(data[: -8 - n] + new + struct.pack("<I", len(new)) + b"PAR1")


def test_what_some_readers_misread_is_written_the_ordinary_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Session review S34B: a list's element named ``item`` (S34B-1), BYTE_STREAM_SPLIT (S34B-2), a writer whose
    chunk sizes and text statistics readers correct by its name (S34B-3, S34B-4), one-line row groups (S34B-5)."""
    lines = _lines(120).set_column(1, "exporter", pa.array(["KR"] * 120))
    legacy = tmp_path / "legacy.parquet"
    listed = lines.append_column("parts", pa.array([[i, i + 1] for i in range(120)]))
    pq.write_table(listed, legacy, row_group_size=30, compression="snappy", use_compliant_nested_type=False)
    split = tmp_path / "split.parquet"
    floats = lines.append_column("mass", pa.array([i / 3 for i in range(120)], pa.float32()))
    pq.write_table(
        floats,
        split,
        row_group_size=30,
        compression="snappy",
        use_dictionary=["line_id"],
        column_encoding={"mass": "BYTE_STREAM_SPLIT"},
    )
    old = tmp_path / "old.parquet"
    pq.write_table(lines, old, row_group_size=30, compression="snappy")
    _with_writer(old, b"parquet-mr version 1.2.8")
    for src in (legacy, split, old):
        assert splice.Splice.open(src) is None or src == legacy
        spliced, plain = _both(src, tmp_path, monkeypatch)
        _same(spliced, plain)
        assert not _copied(spliced, src, 0)
    monkeypatch.setattr(splice, "MIN_GROUP_ROWS", 8_192)
    tiny = tmp_path / "tiny.parquet"
    pq.write_table(lines, tiny, row_group_size=1, compression="snappy")
    assert splice.Splice.open(tiny) is None


def test_copied_chunks_keep_no_statistics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """S34B-4: the ordinary writer writes none on text; an input's may be in an order readers distrust."""
    src = tmp_path / "in.parquet"
    pq.write_table(
        _lines(100).set_column(1, "exporter", pa.array(["KR"] * 100)),
        src,
        row_group_size=50,
        compression="snappy",
        write_statistics=True,
    )
    spliced, _ = _both(src, tmp_path, monkeypatch)
    assert _copied(spliced, src, 0)
    assert pq.ParquetFile(spliced).metadata.row_group(0).column(0).statistics is None
