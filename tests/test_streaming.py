"""Streaming file-to-file screening: any chunk size gives the in-memory answer, and chunks bound what is held."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from exportctl.batch import files
from exportctl.batch.files import open_source, screen_file
from exportctl.batch.screen import read_table, screen_frame
from exportctl.law.loader import load_regimes

# Korea alone compiles in milliseconds; JP lines come out as rejects (unknown exporter), which is
# as good a test of the rejects' path as any.
REGIMES = {"KR": load_regimes()["KR"]}
ITEMS = ["sensitive", "non-sensitive", "catch-all", "no such item"]
DESTINATIONS = ["JP", "US", "CN", "KP", "Japan", "KR", ""]


def _lines(n: int) -> list[dict[str, str]]:
    """``n`` varied lines: most screen, some are rejected (bad date, unknown item, JP exporter, ...)."""
    rows = []
    for i in range(n):
        rows.append(
            {
                "line_id": str(i),
                "exporter": "JP" if i % 11 == 5 else "KR",
                "destination": DESTINATIONS[i % len(DESTINATIONS)],
                "item": ITEMS[i % len(ITEMS)],
                "ship_date": "2019-02-30" if i % 13 == 7 else f"20{18 + i % 6}-0{1 + i % 9}-1{i % 10}",
                "end_use": ["", "wmd", "civil", "conventional"][i % 4],
                "note": f"=cell {i}" if i % 5 == 0 else f"note {i}",
            }
        )
    return rows


def _write(df: pl.DataFrame, path: Path) -> None:
    if path.suffix == ".csv":
        df.write_csv(path)
    elif path.suffix == ".parquet":
        df.write_parquet(path, row_group_size=7)  # several row groups, none the size of a chunk
    else:
        df.write_ndjson(path)


def _read(path: Path) -> pl.DataFrame:
    if path.suffix == ".csv":
        return pl.read_csv(path, infer_schema=False)
    return pl.read_parquet(path) if path.suffix == ".parquet" else pl.read_ndjson(path)


def _in_memory(src: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The whole file read at once and screened as one frame, written and read back like a streamed output.

    Each reject names its line in the file (a CSV's header is line 1), whatever chunk it was in.
    """
    header = 1 if src.suffix == ".csv" else 0
    results, rejects, _ = screen_frame(read_table(src), REGIMES, audit=True, lines=lambda at: at + 1 + header)
    return _round_trip(results, src.with_name(f"want{src.suffix}")), _round_trip(
        rejects, src.with_name(f"bad{src.suffix}")
    )


def _round_trip(df: pl.DataFrame, path: Path) -> pl.DataFrame:
    with files.TableWriter(path) as writer:
        writer.write(df)
    return _read(path)


def _answers(out: Path) -> pl.DataFrame:
    """A compact run's results read back with each answer in full (the in-memory layout)."""
    return files.with_answers(_read(out), _read(files.outcomes_path_for(out)))


def _sorted(df: pl.DataFrame) -> pl.DataFrame:
    return df.sort(pl.col("line_id").cast(pl.Int64))


def _streaming_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if the file is read whole (the slow path for bad lines) instead of streamed."""

    def whole(path: Path) -> None:
        raise AssertionError(f"{path} was read whole")

    monkeypatch.setattr(files, "read_input", whole)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_every_chunk_size_gives_the_in_memory_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    src = tmp_path / f"in{suffix}"
    _write(pl.DataFrame(_lines(60)), src)
    want_results, want_rejects = _in_memory(src)
    _streaming_only(monkeypatch)
    assert want_results.height > 20 and want_rejects.height > 10
    for chunk_rows in (1, 4, 25, 60, 1_000):
        out = tmp_path / f"out-{chunk_rows}{suffix}"
        summary = screen_file(src, out, None, REGIMES, chunk_rows=chunk_rows)
        # The outcome numbers are the run's, met chunk by chunk: the same across every chunk size
        # only once joined to the run's own table of outcomes.
        got_results, got_rejects = _answers(out), _read(tmp_path / f"out-{chunk_rows}.rejects{suffix}")
        assert (summary.rows_in, summary.screened, summary.rejected) == (60, want_results.height, want_rejects.height)
        assert _sorted(got_results).equals(_sorted(want_results)), chunk_rows
        assert _sorted(got_rejects).equals(_sorted(want_rejects)), chunk_rows


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_the_reader_hands_over_at_most_chunk_rows(tmp_path: Path, suffix: str) -> None:
    src = tmp_path / f"in{suffix}"
    _write(pl.DataFrame(_lines(50)), src)
    heights = [df.height for df in open_source(src, 8).batches]
    assert heights == [8] * 6 + [2]


def test_the_pipeline_holds_a_few_chunks_whatever_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Chunks read but not yet written never exceed those being screened (one per screening
    # thread), the one queued and the one being written: the reader waits for the writer
    # instead of running ahead through the file.
    src = tmp_path / "in.parquet"
    _write(pl.DataFrame(_lines(200)), src)
    read, written, held = [0], [0], []
    real_source, real_write = files.open_source, files.TableWriter.write

    def counting_source(*args: object, **kwargs: object) -> files.Source:
        source = real_source(*args, **kwargs)  # type: ignore[arg-type]
        inner = source.batches

        def batches() -> Iterator[pl.DataFrame]:
            for df in inner:
                read[0] += 1
                held.append(read[0] - written[0])
                yield df

        source.batches = batches()
        return source

    def slow_write(self: files.TableWriter, df: pl.DataFrame) -> None:
        real_write(self, df)
        if self.path.name == "out.parquet":
            written[0] += 1

    monkeypatch.setattr(files, "open_source", counting_source)
    monkeypatch.setattr(files.TableWriter, "write", slow_write)
    summary = screen_file(src, tmp_path / "out.parquet", None, REGIMES, chunk_rows=5)
    assert summary.rows_in == 200 and read[0] == written[0] == 40
    assert max(held) <= files.WRITE_BEHIND + files.SCREENERS + 1


def test_jsonl_types_that_change_further_down_are_read_as_the_whole_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # end_use appears only on the 7th line and value turns from numbers into text: each chunk alone
    # would infer other columns, so the file is read again with the types of the whole file.
    src = tmp_path / "in.jsonl"
    rows = [{k: v for k, v in r.items() if k != "end_use"} for r in _lines(12)]
    for i, r in enumerate(rows):
        r["value"] = i * 1000 if i < 8 else f"{i * 1000}"  # type: ignore[assignment]
    rows[6]["end_use"] = "wmd"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    want_results, want_rejects = _in_memory(src)
    assert "end_use" in want_results.columns and want_results.schema["value"] == pl.Utf8
    _streaming_only(monkeypatch)
    screen_file(src, tmp_path / "out.jsonl", None, REGIMES, chunk_rows=3)
    assert _sorted(_answers(tmp_path / "out.jsonl")).equals(_sorted(want_results))
    assert _sorted(_read(tmp_path / "out.rejects.jsonl")).equals(_sorted(want_rejects))


def test_a_bad_line_past_the_first_chunks_is_set_aside_and_nothing_else_changes(tmp_path: Path) -> None:
    # The streaming reader has written chunks by the time it meets the bad line: those outputs
    # are dropped and the file is read again line by line, as the whole-file reader would.
    src = tmp_path / "in.csv"
    good = pl.DataFrame(_lines(40)).drop("note")
    good.write_csv(src)
    text = src.read_text().splitlines(keepends=True)
    text.insert(35, "x,KR,JP,sensitive,2020-01-15,,surplus\n")  # line 36 of the file
    src.write_text("".join(text))
    summary = screen_file(src, tmp_path / "out.csv", None, REGIMES, chunk_rows=4)
    assert (summary.rows_in, summary.rejected - screen_frame(good, REGIMES)[1].height) == (41, 1)
    rejects = _read(tmp_path / "out.rejects.csv")
    errors = rejects["error"].to_list()
    assert (
        "line 36: malformed CSV (7 fields where the header has 6); the line reads: x,KR,JP,sensitive,2020-01-15,,surplus"
        in errors
    )
    numbers = [int(e.split(":")[0].removeprefix("line ")) for e in errors]
    assert numbers == sorted(numbers)  # the unreadable line among the others, in the file's order (S27-15)
    assert sorted(_read(tmp_path / "out.csv")["line_id"].to_list(), key=int) == _screened_ids(good)
    assert not [p.name for p in tmp_path.iterdir() if ".part-" in p.name]


def _screened_ids(df: pl.DataFrame) -> list[str]:
    return sorted(screen_frame(df, REGIMES)[0]["line_id"].to_list(), key=int)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_a_file_without_lines_gives_outputs_with_their_columns(tmp_path: Path, suffix: str) -> None:
    src = tmp_path / f"in{suffix}"
    _write(pl.DataFrame(_lines(3)).head(0), src)
    summary = screen_file(src, tmp_path / f"out{suffix}", None, REGIMES, chunk_rows=2)
    assert summary.rows_in == 0
    results, rejects = _read(tmp_path / f"out{suffix}"), _read(tmp_path / f"out.rejects{suffix}")
    assert results.height == 0 and {"line_id", "note", "licence_required", "outcome"} <= set(results.columns)
    assert rejects.height == 0 and "error" in rejects.columns
    outcomes = _read(tmp_path / f"out.outcomes{suffix}")
    assert outcomes.height == 0 and {"outcome", "exporter", "routes", "rule_ids"} <= set(outcomes.columns)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_progress_counts_up_to_the_number_of_lines(tmp_path: Path, suffix: str) -> None:
    src = tmp_path / f"in{suffix}"
    _write(pl.DataFrame(_lines(30)), src)
    seen: list[tuple[int, int]] = []
    screen_file(src, tmp_path / f"out{suffix}", None, REGIMES, chunk_rows=8, progress=lambda d, t: seen.append((d, t)))
    assert [d for d, _ in seen] == [8, 16, 24, 30] and all(t == 30 for _, t in seen)


def _duplicated(n: int) -> pl.DataFrame:
    """``_lines(n)`` with every fifth id taken again further down (often in a later chunk)."""
    df = pl.DataFrame(_lines(n))
    ids = [str(i - 37) if i % 5 == 0 and i >= 37 else str(i) for i in range(n)]
    return df.with_columns(pl.Series("line_id", ids))


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_chunks_screened_at_once_give_the_same_files_as_one_at_a_time(tmp_path: Path, suffix: str) -> None:
    # Two threads screen two chunks at once; the line ids and the outcome numbers are still met
    # in the file's order, so every output file is the same, number for number, as on one thread.
    src = tmp_path / f"in{suffix}"
    _write(_duplicated(400), src)
    out_one, out_two = tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"
    screen_file(src, out_one, None, REGIMES, chunk_rows=9, options=files.FileOptions(threads=1))
    screen_file(src, out_two, None, REGIMES, chunk_rows=9, options=files.FileOptions(threads=2))
    for one, two in [
        (out_one, out_two),
        *((f(out_one), f(out_two)) for f in (files.rejects_path_for, files.outcomes_path_for)),
    ]:
        assert _read(one).equals(_read(two)), one.name
    flagged = _read(out_two).filter(pl.col("warning_kinds").cast(pl.Utf8).str.contains("duplicate_line_id"))
    assert flagged.height > 30
    # And the same answers as the whole file screened at once (a Parquet or CSV file's ids are
    # read ahead; tests/test_files_users.py meets a JSON Lines file's as they come).
    want_results, want_rejects = _in_memory(src)
    assert _sorted(_answers(out_two)).equals(_sorted(want_results))
    assert _sorted(_read(files.rejects_path_for(out_two))).equals(_sorted(want_rejects))


def test_ids_read_ahead_in_partitions_find_every_repeat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Partitions of a few hashes each, sorted one at a time: the repeats are those of the whole file.
    from exportctl.batch import screen

    src = tmp_path / "in.parquet"
    df = _duplicated(400).with_columns(
        pl.when(pl.int_range(pl.len()) % 50 == 3).then(None).otherwise(pl.col("line_id")).alias("line_id")
    )
    _write(df, src)
    want_results, want_rejects = _in_memory(src)
    monkeypatch.setattr(screen, "RUN_CAP", 16)  # 25 partitions
    seen: list[int] = []
    real = screen.repeated_ids

    def spy(frames: Iterator[pl.DataFrame], total: int) -> object:
        found = real(frames, total)
        assert found is not None
        seen.append(found.size)
        return found

    monkeypatch.setattr(files, "repeated_ids", spy)
    out = tmp_path / "out.parquet"
    screen_file(src, out, None, REGIMES, chunk_rows=11)
    ids = [v for v in df["line_id"].to_list() if v is not None]
    assert seen == [len({v for v in ids if ids.count(v) > 1})]
    assert _sorted(_answers(out)).equals(_sorted(want_results))
    assert _sorted(_read(files.rejects_path_for(out))).equals(_sorted(want_rejects))


def test_a_chunk_that_fails_while_others_are_screened_stops_the_run_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The failing chunk still takes its turn, so the chunk after it does not wait for ever; the
    # run raises, and no output is left behind.
    from exportctl.batch import screen

    src = tmp_path / "in.parquet"
    _write(pl.DataFrame(_lines(200)), src)
    real, calls = screen.prepare, [0]

    def failing(*args: object, **kwargs: object) -> screen.Prepared:
        calls[0] += 1
        if calls[0] == 6:
            raise OSError("disk went away")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(screen, "prepare", failing)
    out = tmp_path / "out.parquet"
    with pytest.raises(OSError, match="disk went away"):
        screen_file(src, out, None, REGIMES, chunk_rows=10)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


@pytest.mark.parametrize("where", ["before", "inside"])
def test_a_chunk_that_fails_before_or_in_its_turn_never_leaves_the_next_waiting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    # Out of memory on one chunk, before its turn (reading its columns) or in it (its answers):
    # the run raises and ends; the chunk after it does not wait for ever for a turn.
    import threading
    import time

    from exportctl.batch import screen

    src = tmp_path / "in.parquet"
    _write(pl.DataFrame(_lines(300)), src)
    # Before the turn: the Arrow route's whole step; in it: the chunk's answers.
    module, name = (files, "screen_batch") if where == "before" else (screen, "answer_columns")
    real, calls = getattr(module, name), [0]

    def failing(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == 4:
            time.sleep(0.5)  # long enough for the next chunk to start and wait for its turn
            raise MemoryError("no room for this chunk")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, failing)
    raised: list[BaseException] = []

    def run() -> None:
        try:
            screen_file(src, tmp_path / "out.parquet", None, REGIMES, chunk_rows=10)
        except BaseException as exc:
            raised.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "the run hangs"
    assert raised and isinstance(raised[0], MemoryError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]


def test_parquet_screening_does_not_import_pandas(tmp_path: Path) -> None:
    """Arrow builds arrays from Python lists and numpy arrays by way of pandas when it is installed:
    a fifth of a second of every run. Screening builds its Arrow columns from their buffers."""
    import subprocess
    import sys

    src = tmp_path / "in.parquet"
    _write(pl.DataFrame(_lines(50)), src)
    script = (
        "import sys\nfrom pathlib import Path\nfrom exportctl.batch.files import screen_file\n"
        "from exportctl.law.loader import load_regimes\n"
        f"screen_file(Path({str(src)!r}), Path({str(tmp_path / 'out.parquet')!r}), None, load_regimes())\n"
        "print('pandas' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("how", ["slow", "fails"])
def test_ids_read_ahead_beside_the_first_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    # The ids are read ahead on a thread of their own while the first chunks are screened; a
    # chunk waits for them before it flags repeats, and a failure there fails the run, leaving
    # no output behind.
    import time

    from exportctl.batch import screen

    src = tmp_path / "in.parquet"
    _write(_duplicated(300), src)
    real = screen.repeated_ids

    def late(frames: Iterator[pl.DataFrame], total: int) -> object:
        time.sleep(0.5)
        if how == "fails":
            raise RuntimeError("the ids could not be read")
        return real(frames, total)

    monkeypatch.setattr(files, "repeated_ids", late)
    out = tmp_path / "out.parquet"
    if how == "fails":
        with pytest.raises(RuntimeError, match="could not be read"):
            screen_file(src, out, None, REGIMES, chunk_rows=13)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["in.parquet"]
        return
    screen_file(src, out, None, REGIMES, chunk_rows=13)
    want_results, _ = _in_memory(src)
    assert _sorted(_answers(out)).equals(_sorted(want_results))
    flagged = _read(out).filter(pl.col("warning_kinds").cast(pl.Utf8).str.contains("duplicate_line_id"))
    assert flagged.height > 20  # the repeats among the screened lines, the same as the whole file at once


def test_missing_ids_read_from_arrow_are_polars_blank_ids() -> None:
    # A Parquet file's ids are checked for blanks on their first byte, without a copy into polars;
    # every id polars' strip_chars finds blank (and no other) is missing, sliced or not, in either
    # string layout, whatever white space or non-ASCII text it starts with.
    import random

    import pyarrow as pa

    from exportctl.batch.screen import missing_ids

    pieces = [
        "",
        " ",
        "\t",
        "\n",
        "\u3000",
        "\u00a0",
        "\u2028",
        "\u0085",
        "\u200b",
        "\x1c",
        "a",
        "1",
        "注文",
        "주문",
        "-",
    ]
    rng = random.Random(7)
    ids: list[str | None] = [None, "", "  ", "\u3000", " x", "x ", "\u00a0\u2029", "\u200b"]
    ids += [
        "".join(rng.choice(pieces) for _ in range(rng.randrange(4))) if rng.random() > 0.05 else None
        for _ in range(6000)
    ]
    want = (pl.Series(ids, dtype=pl.Utf8).is_null() | (pl.Series(ids, dtype=pl.Utf8).str.strip_chars() == "")).to_list()
    for kind in (pa.string(), pa.large_string(), pa.string_view()):
        column = pa.array(ids, type=kind)
        assert missing_ids(column).tolist() == want
        assert missing_ids(column.slice(3, 5000)).tolist() == want[3:5003]
        assert missing_ids(column.slice(3, 500)).tolist() == want[3:503]  # a few: polars reads them itself
    series = pl.Series(ids, dtype=pl.Utf8)  # polars' own views (a CSV file's ids)
    assert missing_ids(series).tolist() == want
    assert missing_ids(series.slice(3, 5000)).tolist() == want[3:5003]
    assert missing_ids(pa.array([], type=pa.large_string())).tolist() == []


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_a_file_that_repeats_no_id_hashes_none_while_screening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    # Read ahead, a Parquet or CSV file is known to repeat no id: its chunks then hash none of
    # their ids again (a tenth of a Parquet run's screening, a sixth of a CSV run's), and no line
    # is flagged.
    from exportctl.batch import screen

    src = tmp_path / f"in{suffix}"
    _write(pl.DataFrame(_lines(200)), src)
    asked: list[int] = []
    real = screen.LineIds._repeats

    def counted(self: screen.LineIds, ids: pl.Series) -> Any:
        asked.append(len(ids))
        return real(self, ids)

    monkeypatch.setattr(screen.LineIds, "_repeats", counted)
    out = tmp_path / f"out{suffix}"
    screen_file(src, out, None, REGIMES, chunk_rows=64)
    assert asked == []
    assert not _read(out)["warning_kinds"].cast(pl.Utf8).str.contains("duplicate_line_id").any()
    dup = tmp_path / f"dup{suffix}"
    _write(_duplicated(200), dup)
    screen_file(dup, tmp_path / f"dup.out{suffix}", None, REGIMES, chunk_rows=64)
    assert asked  # a file that repeats ids still has them hashed


def test_a_csv_file_polars_refuses_is_screened_line_by_line_while_its_ids_are_read_ahead(tmp_path: Path) -> None:
    # The ids of a CSV file are read ahead by the same reader; when it refuses the file (a line
    # with too many fields), the run falls back to reading it line by line, as before, and the
    # bad line is a reject, not a failed run.
    rows = [
        ",".join(r.get(c, "") for c in ("line_id", "exporter", "destination", "item", "ship_date")) for r in _lines(300)
    ]
    rows.insert(250, "bad,KR,US,sensitive,2020-01-01,extra,fields,here")
    src = tmp_path / "in.csv"
    src.write_text("line_id,exporter,destination,item,ship_date\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    summary = screen_file(src, out, None, REGIMES, chunk_rows=16)
    assert summary.rows_in == 301
    rejects = _read(files.rejects_path_for(out))
    assert rejects.height and summary.screened + summary.rejected == 301


def test_a_dictionary_typed_value_column_is_read_as_its_values(tmp_path: Path) -> None:
    # A Parquet file whose ``value`` column is dictionary-typed text (pandas' categorical, Arrow's
    # dictionary type) screens as the same file with plain values: every line its value, the same
    # amounts, exemptions and refusals. It used to lose the column: every line "currency given
    # without a value" (or, with no currency, no value: no small-value exemption).
    import pyarrow as pa
    import pyarrow.parquet as pq

    values = ["10000", "", None, "900000000", "５００", " 700 ", "-5", "12.5", "abc", "99999999999999999999", "10000"]
    plain = pa.array(values, pa.string())
    n = len(values)
    base = pa.table(
        {
            "line_id": [str(i) for i in range(n)],
            "exporter": ["JP"] * n,
            "destination": (["CN", "US", "KR", "CN"] * n)[:n],
            "item": ["row 15"] * n,
            "ship_date": ["2024-01-10"] * n,
            "value": plain,
            "currency": ["JPY"] * n,
        }
    )
    as_plain, as_dict = tmp_path / "plain.parquet", tmp_path / "dict.parquet"
    pq.write_table(base, as_plain)
    pq.write_table(base.set_column(base.schema.get_field_index("value"), "value", plain.dictionary_encode()), as_dict)
    assert pa.types.is_dictionary(pq.ParquetFile(as_dict).schema_arrow.field("value").type)
    got = {}
    both = load_regimes()  # Japan's lines: this module's REGIMES holds Korea's law alone
    for name, src in (("plain", as_plain), ("dict", as_dict)):
        out = tmp_path / f"{name}.out.parquet"
        screen_file(src, out, None, both)
        results = _answers(out).with_columns(pl.col("value").cast(pl.Utf8))
        rejects = _read(files.rejects_path_for(out)).select("line_id", "error")
        got[name] = (_sorted(results), _sorted(rejects))
    assert got["dict"][0].equals(got["plain"][0])
    assert got["dict"][1].equals(got["plain"][1])
    results, rejects = got["plain"]
    assert results["line_id"].to_list() == ["0", "3", "4", "5", "10"]  # amounts read (５００ and " 700 " too)
    assert results.filter(pl.col("line_id") == "0")["exemptions"].to_list() == [["jp.small-value.table-3-3"]]
    assert rejects.height == 6  # blank and missing with a currency, negative, a fraction, text, too large


@pytest.mark.parametrize("ids", [["a1", "a2", "a1", "a3"], [7, 8, 7, 9]])
def test_dictionary_typed_line_ids_are_read_as_ids(tmp_path: Path, ids: list[object]) -> None:
    # Line ids typed as a dictionary (pandas' categorical, of text or of numbers) are the ids they
    # hold: every line screened, repeats flagged. They were taken for a key read dictionary-encoded
    # and left out, and every line was rejected "missing line_id".
    import pyarrow as pa
    import pyarrow.parquet as pq

    n = len(ids)
    base = pa.table(
        {
            "line_id": pa.array(ids),
            "exporter": ["KR"] * n,
            "destination": ["CN", "US", "JP", "CN"],
            "item": ["sensitive"] * n,
            "ship_date": ["2024-01-10"] * n,
        }
    )
    as_plain, as_dict = tmp_path / "plain.parquet", tmp_path / "dict.parquet"
    pq.write_table(base, as_plain)
    pq.write_table(base.set_column(0, "line_id", base.column(0).dictionary_encode()), as_dict)
    got = []
    for src in (as_plain, as_dict):
        out = src.with_suffix(".out.parquet")
        summary = screen_file(src, out, None, REGIMES)
        assert (summary.screened, summary.rejected) == (n, 0)
        got.append(_answers(out).with_columns(pl.col("line_id").cast(pl.Utf8)))
    assert got[1].equals(got[0])
    assert ["duplicate_line_id" in kinds for kinds in got[0]["warning_kinds"].to_list()] == [False, False, True, False]


def test_text_ids_of_a_parquet_file_are_read_ahead_by_polars_or_else_by_pyarrow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The id pass reads a Parquet file's text ids with polars' reader (a third of the CPU of
    # pyarrow's batches and their conversion, on the run's critical path); a file polars refuses
    # is read by pyarrow, with the same repeats flagged either way.
    import pyarrow as pa
    import pyarrow.parquet as pq

    ids = ["a1", "a2", "a1", "a3", "a2", "a1"]
    n = len(ids)
    src = tmp_path / "in.parquet"
    pq.write_table(
        pa.table(
            {
                "line_id": pa.array(ids, pa.large_string()),
                "exporter": ["KR"] * n,
                "destination": ["CN"] * n,
                "item": ["sensitive"] * n,
                "ship_date": ["2024-01-10"] * n,
            }
        ),
        src,
        row_group_size=2,
    )
    scans: list[str] = []
    real_scan = pl.scan_parquet

    def scan(path: Any, *args: Any, **kwargs: Any) -> pl.LazyFrame:
        scans.append(str(path))
        return real_scan(path, *args, **kwargs)

    def refuse(path: Any, *args: Any, **kwargs: Any) -> pl.LazyFrame:
        raise pl.exceptions.ComputeError("refused")

    flags = []
    for reader in (scan, refuse):
        monkeypatch.setattr(files.pl, "scan_parquet", reader)
        out = tmp_path / f"{reader.__name__}.parquet"
        summary = screen_file(src, out, None, REGIMES, chunk_rows=2)
        assert (summary.screened, summary.rejected) == (n, 0)
        kinds = _answers(out)["warning_kinds"].to_list()
        flags.append(["duplicate_line_id" in k for k in kinds])
    assert scans == [str(src)]  # the text ids were read by polars in the first run
    assert flags[0] == flags[1] == [False, False, True, False, True, True]


def test_a_run_shortens_the_switch_interval_and_gives_it_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The screening threads hand the interpreter's lock on every 0.1 ms during a run (the
    ordered part is numpy passes that let go of it); afterwards, and after a failed run, the
    process has its own interval back, also when runs overlap."""
    import sys
    import threading

    before = sys.getswitchinterval()
    src = tmp_path / "in.parquet"
    _write(_duplicated(40), src)
    seen: list[float] = []
    real = files.screen_batch

    def recording(*a: Any, **k: Any) -> Any:
        seen.append(sys.getswitchinterval())
        return real(*a, **k)

    monkeypatch.setattr(files, "screen_batch", recording)
    screen_file(src, tmp_path / "out.parquet", None, REGIMES, chunk_rows=9)
    assert seen and all(s == pytest.approx(files.SWITCH_INTERVAL) for s in seen)
    assert sys.getswitchinterval() == before

    inside = threading.Event()
    leave = threading.Event()

    def long_run() -> None:
        with files._short_switches():
            inside.set()
            leave.wait(10)

    other = threading.Thread(target=long_run)
    other.start()
    assert inside.wait(10)
    with pytest.raises(RuntimeError), files._short_switches():
        raise RuntimeError("a run that fails")
    assert sys.getswitchinterval() == pytest.approx(files.SWITCH_INTERVAL)  # the other run is still going
    leave.set()
    other.join(10)
    assert sys.getswitchinterval() == before


def test_sigterm_stops_a_run_as_ctrl_c_does_and_leaves_no_part_file(tmp_path: Path) -> None:
    """Session review S27-15: SIGTERM (a scheduler stopping the job) left OUTPUT.part-… files, which only
    ``kill -9`` may leave; it now unwinds as Ctrl-C does: the files removed, one line on stderr, status 130."""
    import signal
    import subprocess
    import sys
    import time

    n = 1_000_000
    src = tmp_path / "big.csv"
    pl.DataFrame(
        {
            "line_id": [str(i) for i in range(n)],
            "exporter": ["JP"] * n,
            "destination": ["KR"] * n,
            "item": ["hydrogen fluoride"] * n,
            "ship_date": ["2020-01-15"] * n,
        }
    ).write_csv(src)
    out = tmp_path / "out.parquet"
    run = subprocess.Popen(
        [sys.executable, "-m", "exportctl", "screen", str(src), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("out.parquet.part-*")) and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before it could be stopped: make the file larger"
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130 and "error: interrupted" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.csv"]


def _one_line_csv(tmp_path: Path) -> Path:
    src = tmp_path / "in.csv"
    pl.DataFrame(
        [
            {
                "line_id": "1",
                "exporter": "JP",
                "destination": "KR",
                "item": "hydrogen fluoride",
                "ship_date": "2020-01-15",
            }
        ]
    ).write_csv(src)
    return src


def _main_interrupted(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    import signal
    import sys

    from exportctl.cli import main

    monkeypatch.setattr(sys, "argv", ["exportctl", *argv])
    term = signal.getsignal(signal.SIGTERM)
    try:
        with pytest.raises(SystemExit) as stopped:
            main()
    finally:
        signal.signal(signal.SIGTERM, term)
    assert stopped.value.code == 130
    return capsys.readouterr().err


def test_an_interrupt_while_the_outputs_are_opened_leaves_no_part_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """CI once left ``out.outcomes.parquet.part-…`` after SIGTERM: the signal came after the table of
    outcomes' file was created and before its ``with`` could remove it. Such an interrupt is made
    here at that moment; the command line removes what the process left unfinished."""
    src = _one_line_csv(tmp_path)
    opened = files.TableWriter.__enter__

    def enter_then_interrupt(self: files.TableWriter) -> files.TableWriter:
        opened(self)
        if ".outcomes." in self.path.name:
            raise KeyboardInterrupt  # the file exists; the `with` has not taken it yet
        return self

    monkeypatch.setattr(files.TableWriter, "__enter__", enter_then_interrupt)
    monkeypatch.setattr(files, "_COMMITTED", [])
    err = _main_interrupted(monkeypatch, capsys, ["screen", str(src), "-o", str(tmp_path / "out.parquet")])
    assert "no output file of the run was left" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]
    assert not files._UNFINISHED


def test_an_interrupt_after_the_outputs_are_in_place_says_they_were_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Session review S35B-1: an interrupt that came after the last rename said no output was left, though all three
    were this run's whole files."""
    src = _one_line_csv(tmp_path)
    renamed = files.commit_all

    def commit_then_interrupt(writers: list[files.TableWriter]) -> None:
        renamed(writers)
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "commit_all", commit_then_interrupt)
    monkeypatch.setattr(files, "_COMMITTED", [])
    err = _main_interrupted(monkeypatch, capsys, ["screen", str(src), "-o", str(tmp_path / "out.parquet")])
    assert "written whole" in err and "out.parquet" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "in.csv",
        "out.outcomes.parquet",
        "out.parquet",
        "out.rejects.parquet",
    ]


def test_an_interrupt_between_two_renames_puts_every_output_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Session review S35B-2: an interrupt just after one output's rename left it new while the others were rolled
    back, and deleted the old file's backup: all or none."""
    import os

    src = _one_line_csv(tmp_path)
    out = tmp_path / "out.csv"
    old = {p: f"old {p}\n" for p in ("out.csv", "out.rejects.csv", "out.outcomes.csv")}
    for name, text in old.items():
        (tmp_path / name).write_text(text)
    replaced: list[str] = []
    real_replace = os.replace

    def replace_then_interrupt(a: str | Path, b: str | Path) -> None:
        real_replace(a, b)
        replaced.append(str(b))
        if len(replaced) == 2:
            raise KeyboardInterrupt  # the second output is in place, its bookkeeping not done

    monkeypatch.setattr(files.os, "replace", replace_then_interrupt)
    monkeypatch.setattr(files, "_COMMITTED", [])
    err = _main_interrupted(monkeypatch, capsys, ["screen", str(src), "-o", str(out)])
    assert "no output file of the run was left" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.csv", *old])
    assert {name: (tmp_path / name).read_text() for name in old} == old
