"""Batch outputs are complete or absent, a bad line never refuses a file, CSV cells are formula-safe."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from exportctl.batch import files
from exportctl.batch.files import impact_file, screen_file
from exportctl.cli import app
from exportctl.law.loader import load_regimes

# Korea alone: its regime compiles in milliseconds, which keeps these tests fast.
REGIMES = {"KR": load_regimes()["KR"]}
MEASURE = "kr-2019-ga2-japan"  # Japan moved to Ga-2 (no comprehensive licence) from 2019-09-18
HEADER = "line_id,exporter,destination,item,ship_date\n"
GOOD = "1,KR,JP,non-sensitive,2020-01-15\n"


def _rows(n: int) -> str:
    return HEADER + "".join(f"{i},KR,JP,non-sensitive,2020-01-15\n" for i in range(n))


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if ".part-" in p.name)


# ------------------------------------------------------------------------ complete or absent


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_failure_midway_leaves_no_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str) -> None:
    src, out = tmp_path / "in.csv", tmp_path / f"out{suffix}"
    src.write_text(_rows(6))
    write, calls = files.TableWriter.write, []

    def failing(self: files.TableWriter, df: pl.DataFrame) -> None:
        calls.append(self.path)
        if len(calls) > 2:  # the first chunk's results and rejects went out
            raise OSError("disk full")
        write(self, df)

    monkeypatch.setattr(files.TableWriter, "write", failing)
    with pytest.raises(OSError, match="disk full"):
        screen_file(src, out, None, REGIMES, chunk_rows=2)
    assert len(calls) == 3
    assert not out.exists() and not (tmp_path / f"out.rejects{suffix}").exists()
    assert _leftovers(tmp_path) == []


def test_failure_keeps_an_earlier_output_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(_rows(4))
    screen_file(src, out, None, REGIMES)
    before = out.read_bytes()

    def failing(self: files.TableWriter, df: pl.DataFrame) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.TableWriter, "write", failing)
    with pytest.raises(OSError):
        screen_file(src, out, None, REGIMES)
    assert out.read_bytes() == before and _leftovers(tmp_path) == []


def test_cli_error_midway_leaves_no_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The column clash is found while screening the first chunk, with both outputs open.
    monkeypatch.setattr("exportctl.cli.batch.bundle_regimes", lambda *args: REGIMES)
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(HEADER.replace("\n", ",error\n") + GOOD.replace("\n", ",x\n"))
    result = CliRunner().invoke(app, ["screen", str(src), "-o", str(out)])
    assert result.exit_code == 2 and "already has a column named 'error'" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_9_while_writing_leaves_no_output(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    src.write_text(_rows(6))
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from exportctl.batch import files
        from exportctl.law.loader import load_regimes

        write, calls = files.TableWriter.write, []

        def dying(self, df):
            calls.append(1)
            if len(calls) > 2:  # after the first chunk went out: kill -9 ourselves
                os.kill(os.getpid(), signal.SIGKILL)
            write(self, df)

        files.TableWriter.write = dying
        regimes = {{"KR": load_regimes()["KR"]}}
        files.screen_file(Path({str(src)!r}), Path({str(out)!r}), None, regimes, chunk_rows=2)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert not out.exists() and not (tmp_path / "out.rejects.jsonl").exists()
    assert not (tmp_path / "out.outcomes.jsonl").exists()
    parts = ("out.jsonl.part-", "out.rejects.jsonl.part-", "out.outcomes.jsonl.part-")
    assert all(name.startswith(parts) for name in _leftovers(tmp_path))


def test_success_leaves_no_temporary_files(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(_rows(3))
    summary = screen_file(src, tmp_path / "out.parquet", tmp_path / "bad.csv", REGIMES, chunk_rows=2)
    assert summary.screened == 3 and pl.read_parquet(tmp_path / "out.parquet").height == 3
    assert (tmp_path / "bad.csv").read_text().startswith("line_id,") and _leftovers(tmp_path) == []


@pytest.mark.parametrize("which", ["out.csv", "out.rejects.csv", "out.outcomes.csv"])
def test_an_output_path_that_is_a_folder_is_named_before_any_work(tmp_path: Path, which: str) -> None:
    src = tmp_path / "in.csv"
    src.write_text(_rows(3))
    (tmp_path / which).mkdir()
    result = CliRunner().invoke(app, ["screen", str(src), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path / which} is a folder; give a file name"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.csv", which])


def test_a_missing_output_folder_is_an_error_not_created(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "no" / "such" / "out.csv"
    src.write_text(_rows(1))
    result = CliRunner().invoke(app, ["screen", str(src), "-o", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.strip() == f"error: cannot write {out}: folder {out.parent} does not exist"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


@pytest.mark.parametrize("earlier", [False, True])
def test_a_failed_rename_leaves_none_of_the_run_s_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, earlier: bool
) -> None:
    """The results are renamed last; when that fails, the rejects and the outcome table already
    renamed go too (or, if an earlier run's were there, come back as they were)."""
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(_rows(3))
    names = ("out.csv", "out.rejects.csv", "out.outcomes.csv")
    if earlier:
        for name in names:
            (tmp_path / name).write_text(f"earlier {name}\n")
    replace = files.os.replace

    def failing(a: object, b: object) -> None:
        if Path(str(b)) == out:
            raise IsADirectoryError(21, "Is a directory", str(a))
        replace(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "replace", failing)
    with pytest.raises(files.InputError, match=f"cannot write {out}: Is a directory"):
        screen_file(src, out, None, REGIMES)
    left = sorted(p.name for p in tmp_path.iterdir())
    if earlier:
        assert left == sorted(["in.csv", *names])
        assert all((tmp_path / n).read_text() == f"earlier {n}\n" for n in names)
    else:
        assert left == ["in.csv"]


# ------------------------------------------------------------------ one bad line, not a bad file


@pytest.mark.parametrize(
    ("bad_line", "reason"),
    [
        ("2,KR,JP,non-sensitive,2020-01-15,surplus\n", "6 fields where the header has 5"),
        ('2,KR,"JP,non-sensitive,2020-01-15\n', "never closed"),
    ],
)
def test_csv_malformed_line_is_rejected_with_its_line_number(tmp_path: Path, bad_line: str, reason: str) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(HEADER + bad_line + GOOD)
    summary = screen_file(src, out, None, REGIMES)
    assert (summary.rows_in, summary.screened, summary.rejected) == (2, 1, 1)
    assert pl.read_csv(out, infer_schema=False)["line_id"].to_list() == ["1"]
    rejects = pl.read_csv(tmp_path / "out.rejects.csv", infer_schema=False)
    assert rejects.height == 1 and rejects["line_id"].to_list() == [None]
    error = rejects["error"][0]
    assert error.startswith("line 2: malformed CSV") and reason in error


def test_jsonl_invalid_line_is_rejected_with_its_line_number(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    good = {"line_id": "1", "exporter": "KR", "destination": "JP", "item": "non-sensitive", "ship_date": "2020-01-15"}
    src.write_text(json.dumps(good) + '\n{"line_id": "2", "exporter": \n')
    summary = screen_file(src, out, None, REGIMES)
    assert (summary.rows_in, summary.screened, summary.rejected) == (2, 1, 1)
    assert pl.read_ndjson(out)["line_id"].to_list() == ["1"]
    rejects = pl.read_ndjson(tmp_path / "out.rejects.jsonl")
    assert rejects.height == 1 and rejects["error"][0].startswith("line 2: invalid JSON")


def test_only_bad_lines_still_go_through(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("not json\n[1, 2]\n")
    summary = screen_file(src, tmp_path / "out.parquet", None, REGIMES)
    assert (summary.rows_in, summary.screened, summary.rejected) == (2, 0, 2)
    errors = pl.read_parquet(tmp_path / "out.rejects.parquet")["error"].to_list()
    assert (
        errors[0].startswith("line 1: invalid JSON")
        and errors[1] == "line 2: not a JSON object (a JSON list); the line reads: [1, 2]"
    )


# ----------------------------------------------------------------------------- formula injection

FORMULA = '=HYPERLINK("x")'


def test_formula_cells_are_neutralised_in_csv_only(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    # One line screened (line_id is a formula) and one rejected (bad date; its item is a formula).
    src.write_text(HEADER + '"=HYPERLINK(""x"")",KR,JP,non-sensitive,2020-01-15\n' + "2,KR,JP,@SUM(1),2019-02-30\n")
    screen_file(src, tmp_path / "out.csv", None, REGIMES)
    assert pl.read_csv(tmp_path / "out.csv", infer_schema=False)["line_id"].to_list() == ["'" + FORMULA]
    rejects = pl.read_csv(tmp_path / "out.rejects.csv", infer_schema=False)
    assert rejects["item"].to_list() == ["'@SUM(1)"] and rejects["line_id"].to_list() == ["2"]
    screen_file(src, tmp_path / "out.parquet", None, REGIMES)
    assert pl.read_parquet(tmp_path / "out.parquet")["line_id"].to_list() == [FORMULA]
    assert pl.read_parquet(tmp_path / "out.rejects.parquet")["item"].to_list() == ["@SUM(1)"]
    screen_file(src, tmp_path / "out.jsonl", None, REGIMES)
    assert pl.read_ndjson(tmp_path / "out.jsonl")["line_id"].to_list() == [FORMULA]


def test_neutralise_formulas_leaves_other_cells_alone() -> None:
    df = pl.DataFrame({"t": ["=1", "+1", "-1", "@x", "\tx", "\rx", "a=1", "", None], "n": list(range(-4, 5))})
    got = files.neutralise_formulas(df)
    assert got["t"].to_list() == ["'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", "a=1", "", None]
    assert got["n"].to_list() == list(range(-4, 5))


def test_impact_csv_output_joins_list_columns(tmp_path: Path) -> None:
    # impact's *_with / *_without list columns are ;-joined in CSV too; a bad line is rejected there as well.
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(HEADER + GOOD + "2,KR,JP,non-sensitive,2020-01-15,surplus\n")
    summary, changed = impact_file(MEASURE, src, out, None, REGIMES)
    assert (summary.rows_in, summary.screened, summary.rejected, changed) == (2, 1, 1, 1)
    got = pl.read_csv(out, infer_schema=False)
    assert got["routes_with"].to_list() == ["individual;user_comprehensive"]
    # Without the measure Japan is in region Ga in 2020: the user comprehensive licence of 고시 제2014-15호 (legal review
    # 47, R47-1), which replaced 고시 제2013-39호's general comprehensive licence from 2014-01-31.
    assert got["routes_without"].to_list() == ["individual;user_comprehensive"]
    error = pl.read_csv(tmp_path / "out.rejects.csv", infer_schema=False)["error"].to_list()
    assert (
        error
        == [
            "line 3: malformed CSV (6 fields where the header has 5); the line reads: 2,KR,JP,non-sensitive,2020-01-15,surplus"
        ]
        and _leftovers(tmp_path) == []
    )


def test_a_formula_in_any_chunk_or_slice_of_a_column_is_neutralised() -> None:
    # Columns are looked at by their cells' first bytes (polars' string views, chunk by chunk):
    # one risky cell anywhere, in a column of several chunks, in a slice, after long or empty
    # cells, is still found, and a column without one is left as it is.
    long = "x" * 40  # past a view's inline bytes
    parts = [pl.Series("t", [long, "", None, "1"] * 1500), pl.Series("t", ["a", long, "-5"]), pl.Series("t", ["b"] * 9)]
    column = pl.concat(parts, rechunk=False)
    assert column.n_chunks() == 3
    got = files.neutralise_formulas(pl.DataFrame([column, pl.Series("u", [long] * column.len())]))
    assert got["t"].to_list().count("'-5") == 1 and "-5" not in got["t"].to_list()
    assert got["u"].to_list() == [long] * column.len()
    sliced = pl.DataFrame([pl.Series("t", ["=1", *[long] * 5000, "ok"])]).slice(1, 5001)
    assert files.neutralise_formulas(sliced)["t"].to_list() == [*[long] * 5000, "ok"]
    for lead in "=+-@\t\r":  # past the few lines (FIRST_BYTES_FROM) polars rewrites without a look
        cell = lead + long
        got = files.neutralise_formulas(pl.DataFrame({"t": [*[long] * 5000, cell]}))["t"].to_list()
        assert got == [*[long] * 5000, "'" + cell]


def test_rejects_follow_the_file_order_and_quote_a_line_that_cannot_be_read(tmp_path: Path) -> None:
    # Session review S27-15: a JSON Lines file's unreadable lines came first in the rejects (line 5
    # before 2, 4, 7), and a malformed line's reject kept none of its text.
    good = '{"line_id": "%s", "exporter": "JP", "destination": "%s", "item": "jp:3(1)", "ship_date": "2026-12-10"}'
    lines = [good % ("a1", "CN"), good % ("a2", "XX"), good % ("a3", "CN"), "not json at all", good % ("a5", "QQ")]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    summary = screen_file(src, tmp_path / "out.csv", None, load_regimes())
    assert (summary.rows_in, summary.screened, summary.rejected) == (5, 2, 3)
    errors = pl.read_csv(tmp_path / "out.rejects.csv", infer_schema=False)["error"].to_list()
    assert [e.split(":")[0] for e in errors] == ["line 2", "line 4", "line 5"]
    assert errors[1] == "line 4: invalid JSON (Expecting value at column 1); the line reads: not json at all"


@pytest.mark.parametrize(
    ("head", "said"),
    [
        (b"\x7fELF\x02\x01\x01\x00" + bytes(200), "it starts like an executable program (ELF)"),
        (b"PK\x03\x04" + bytes(200), "it starts like a zip archive"),
        (bytes(range(256)) * 8, "are control bytes"),
    ],
)
def test_a_file_that_is_not_text_is_named_for_what_it_is(tmp_path: Path, head: bytes, said: str) -> None:
    # Session review S27-12: an executable was "UTF-16 or UTF-32 text", random bytes "not valid cp932".
    src = tmp_path / "orders.csv"
    src.write_bytes(head)
    with pytest.raises(files.InputError) as caught:
        screen_file(src, tmp_path / "out.csv", None, REGIMES)
    assert "orders.csv is not text" in str(caught.value) and said in str(caught.value)
    assert not (tmp_path / "out.csv").exists()
