"""Review 22 of batch screening (user report): every reject names its line, whatever the format,
the chunking or the shell (``exportctl screen``, ``POST /v1/screen``); blank CSV lines are no
lines; a header read as people write it; errors about the input stay one short, printable line."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from fastapi.testclient import TestClient

from exportctl.batch.files import screen_file, write_table
from tests.test_screen import REGIMES

HEADER = "line_id,exporter,destination,item,ship_date\n"
GOOD = "JP,KR,resist,2020-01-15"


def _errors(path: Path) -> list[str]:
    df = pl.read_csv(path, infer_schema=False) if path.suffix == ".csv" else pl.read_parquet(path)
    return list(df["error"].to_list())


#: A CSV with a blank line, a CRLF blank line, a field over two lines, a line of commas, a line
#: with too many fields and rejects on lines 4, 6, 9 (unreadable) and 10.
MIXED = (
    HEADER
    + f"1,{GOOD}\n"
    + "\n"
    + f",{GOOD}\r\n"
    + "\r\n"
    + '"a\nb",JP,KR,zz,2020-01-15\n'
    + ",,,,\n"
    + f"5,{GOOD},extra\n"
    + "7,JP,XX,resist,2020-01-15\n"
)
MIXED_ERRORS = {"line 4: missing line_id", "line 6:", "line 9: malformed CSV", "line 10: unknown country 'XX'"}


@pytest.mark.parametrize("chunk_rows", [1, 2, 1000])
@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_every_reject_names_its_line_in_the_file(tmp_path: Path, chunk_rows: int, threads: int, suffix: str) -> None:
    """Fails before the fix: only the unreadable line had a ``line N:``; the others none."""
    from exportctl.batch.files import FileOptions

    src = tmp_path / "in.csv"
    src.write_text(MIXED)
    out = tmp_path / f"out{suffix}"
    summary = screen_file(src, out, None, REGIMES, chunk_rows=chunk_rows, options=FileOptions(threads=threads))
    assert (summary.rows_in, summary.screened, summary.rejected) == (5, 1, 4)
    errors = _errors(tmp_path / f"out.rejects{suffix}")
    assert len(errors) == 4
    for want in MIXED_ERRORS:
        assert sum(e.startswith(want) for e in errors) == 1, (want, errors)


def test_a_streamed_csv_names_the_global_line_not_the_chunk_s(tmp_path: Path) -> None:
    """Fails before the fix: no line at all; a chunk-relative number would say line 2."""
    src = tmp_path / "in.csv"
    src.write_text(HEADER + "".join(f"{i},{GOOD}\n" for i in range(1, 40)) + "40,JP,XX,resist,2020-01-15\n")
    screen_file(src, tmp_path / "out.csv", None, REGIMES, chunk_rows=3)
    assert _errors(tmp_path / "out.rejects.csv") == ["line 41: unknown country 'XX'"]


def test_parquet_json_lines_and_excel_name_their_rows(tmp_path: Path) -> None:
    """Fails before the fix: no line number on a screened line's reject. Parquet rows count
    from 1; JSON Lines counts the file's lines (blank ones too); Excel gives the sheet's row."""
    rows = {"line_id": ["1", None, "3"], "exporter": ["JP"] * 3, "destination": ["KR", "KR", "XX"]}
    df = pl.DataFrame({**rows, "item": ["resist"] * 3, "ship_date": ["2020-01-15"] * 3})
    df.write_parquet(tmp_path / "in.parquet")
    screen_file(tmp_path / "in.parquet", tmp_path / "p.csv", None, REGIMES, chunk_rows=1)
    assert _errors(tmp_path / "p.rejects.csv") == ["line 2: missing line_id", "line 3: unknown country 'XX'"]
    lines = [r for r in df.write_ndjson().splitlines()]
    (tmp_path / "in.jsonl").write_text(lines[0] + "\n\n" + lines[1] + "\n" + lines[2] + "\n")
    screen_file(tmp_path / "in.jsonl", tmp_path / "j.csv", None, REGIMES, chunk_rows=1)
    assert _errors(tmp_path / "j.rejects.csv") == ["line 3: missing line_id", "line 4: unknown country 'XX'"]
    blank_row = pl.DataFrame({c: [None] for c in df.columns}, schema=df.schema)
    write_table(pl.concat([df.head(1), blank_row, df.tail(2)]), tmp_path / "in.xlsx")
    screen_file(tmp_path / "in.xlsx", tmp_path / "x.csv", None, REGIMES)
    assert _errors(tmp_path / "x.rejects.csv") == ["line 4: missing line_id", "line 5: unknown country 'XX'"]


def test_the_api_names_the_same_lines_as_the_cli(client: TestClient, tmp_path: Path) -> None:
    """Fails before the fix: the API's rejects of screened lines had no line number either."""
    r = client.post("/v1/screen", files={"file": ("orders.csv", MIXED.encode())})
    assert r.status_code == 200, r.json()
    body = r.json()
    assert body["summary"]["rows_in"] == 5 and body["summary"]["rejected"] == 4
    errors = [x["error"] for x in body["rejects"]]
    for want in MIXED_ERRORS:
        assert sum(e.startswith(want) for e in errors) == 1, (want, errors)


@pytest.mark.parametrize(
    "text",
    [
        HEADER + f"1,{GOOD}\n\n",  # a trailing extra newline
        HEADER + f"1,{GOOD}\n\n\n2,{GOOD}\n",  # blank lines in the middle
        (HEADER + f"1,{GOOD}\n\n2,{GOOD}\n\n").replace("\n", "\r\n"),  # CRLF blank lines
        HEADER + f"1,{GOOD}\n,,,,\n  \n2,{GOOD}\n",  # a line of commas (a blank sheet row), spaces
    ],
)
def test_blank_csv_lines_are_no_lines(tmp_path: Path, client: TestClient, text: str) -> None:
    """Fails before the fix: each blank line was a 'missing line_id' reject counted in rows in."""
    src = tmp_path / "in.csv"
    src.write_text(text, newline="")
    lines = 1 + text.count(f"2,{GOOD}")
    for chunk_rows in (1, 1000):
        summary = screen_file(src, tmp_path / "out.csv", None, REGIMES, chunk_rows=chunk_rows)
        assert (summary.rows_in, summary.screened, summary.rejected) == (lines, lines, 0)
    # The same through the line-by-line reader (a malformed line elsewhere sends it there).
    src.write_text(text + f"9,{GOOD},x,y\n", newline="")
    summary = screen_file(src, tmp_path / "out.csv", None, REGIMES)
    assert (summary.rows_in, summary.screened, summary.rejected) == (lines + 1, lines, 1)
    r = client.post("/v1/screen", files={"file": ("orders.csv", text.encode())})
    assert r.json()["summary"]["rows_in"] == lines


def test_the_api_drops_blank_lines_under_a_header_in_japanese(client: TestClient) -> None:
    """Fails before the fix: read whole, blank lines were looked for under ``line_id`` before the
    header was read as the key names, so 明細番号's blank line was a 'missing line_id' reject."""
    text = f"明細番号,輸出国,仕向地,品目,出荷日\n1,{GOOD}\n,,,,\n\n2,{GOOD}\n"
    r = client.post("/v1/screen", files={"file": ("orders.csv", text.encode())})
    assert r.status_code == 200, r.json()
    assert (r.json()["summary"]["rows_in"], r.json()["summary"]["rejected"]) == (2, 0)


def _refusal(tmp_path: Path, name: str, data: bytes) -> str:
    from exportctl.errors import InputError

    src = tmp_path / name
    src.write_bytes(data)
    with pytest.raises(InputError) as caught:
        screen_file(src, tmp_path / "out.csv", None, REGIMES)
    return str(caught.value)


def test_a_binary_file_is_said_to_be_one_without_its_bytes(tmp_path: Path) -> None:
    """Fails before the fix: the error listed hundreds of the file's raw bytes as column names."""
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(2000))
    message = _refusal(tmp_path, "bin.csv", data)
    # Named for what it is (session review S27-12), in one short printable line.
    assert message.startswith("bin.csv is not text: ") and "control bytes" in message, message
    assert message.isprintable() and len(message) < 200


@pytest.mark.parametrize(("sep", "said"), [(";", "';'"), ("\t", "tabs")])
def test_a_header_joined_by_semicolons_or_tabs_asks_for_commas(tmp_path: Path, sep: str, said: str) -> None:
    """Fails before the fix: 'lacks required column(s) ...' with the whole header as one name."""
    text = HEADER.replace(",", sep) + f"1{sep}JP{sep}KR{sep}resist{sep}2020-01-15\n"
    message = _refusal(tmp_path, "in.csv", text.encode())
    assert message.endswith(f"its columns are separated by {said}; the delimiter must be a comma")


def test_a_missing_column_names_the_accepted_forms_and_a_short_printable_list(tmp_path: Path) -> None:
    """Fails before the fix: no accepted names; every found name printed whole, control
    characters and all (a Parquet file's column names may hold any character)."""
    names = [*(f"col\x07umn{i}" + "x" * 60 for i in range(30)), "line_id", "exporter", "destination", "item"]
    pl.DataFrame({n: ["1"] for n in names}).write_parquet(tmp_path / "in.parquet")
    from exportctl.errors import InputError

    with pytest.raises(InputError) as caught:
        screen_file(tmp_path / "in.parquet", tmp_path / "out.csv", None, REGIMES)
    message = str(caught.value)
    assert "lacks required column(s) ship_date (or 出荷日, 船積日, 선적일, 출하일); found: col?umn0" in message
    assert "\x07" not in message and "and 22 more" in message and len(message) < 800


@pytest.mark.parametrize(
    "header",
    [
        "LINE_ID,Exporter,DESTINATION,Item,Ship_Date",
        "line_id, exporter , destination,  item,ship_date ",
        "明細番号,輸出国,仕向地,品目,出荷日",
        "행번호,수출국,목적지,품목,선적일",
        "Line ID,Exporter,Destination,Item,Ship Date",
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl", ".xlsx"])
def test_headers_as_people_write_them_are_read(tmp_path: Path, header: str, suffix: str) -> None:
    """Fails before the fix: 'lacks required column(s) ...' for each of these headers."""
    names = header.split(",")
    df = pl.DataFrame({n: [v] for n, v in zip(names, ["1", "JP", "KR", "resist", "2020-01-15"], strict=True)})
    df = df.with_columns(pl.lit("5").alias(" Value "), pl.lit("JPY").alias("通貨"))
    src = tmp_path / f"in{suffix}"
    write_table(df, src)
    summary = screen_file(src, tmp_path / "out.parquet", None, REGIMES, chunk_rows=1)
    assert (summary.rows_in, summary.screened) == (1, 1)
    got = pl.read_parquet(tmp_path / "out.parquet")
    assert got.columns[:7] == ["line_id", "exporter", "destination", "item", "ship_date", "value", "currency"]


def test_a_key_column_headed_twice_is_refused(tmp_path: Path) -> None:
    """Read case-insensitively, ``item`` and ``Item`` are one column twice: refused, not guessed."""
    message = _refusal(tmp_path, "in.csv", (HEADER.strip() + ",Item\n1,JP,KR,resist,2020-01-15,x\n").encode())
    assert message == "input has the column 'item' twice (as 'item' and 'Item'); keep one"


def test_the_api_reads_the_same_headers(client: TestClient) -> None:
    """Fails before the fix: 400 'upload lacks required column(s) ...'."""
    text = "明細番号,輸出国,仕向地,品目,出荷日\n1,JP,KR,resist,2020-01-15\n"
    r = client.post("/v1/screen", files={"file": ("orders.csv", text.encode())})
    assert r.status_code == 200, r.json()
    assert r.json()["summary"]["screened"] == 1
    r = client.post("/v1/screen", files={"file": ("orders.csv", b"line_id;exporter;destination;item;ship_date\n")})
    assert r.status_code == 400 and "the delimiter must be a comma" in r.json()["error"], r.json()


def _cli(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """The command line as users run it (``python -m exportctl``: its one-line usage errors), with
    a throwaway home and data directory."""
    import os
    import subprocess
    import sys

    import exportctl

    env = {
        **os.environ,
        "PYTHONPATH": str(Path(exportctl.__file__).parents[1]),
        "HOME": str(tmp_path / "home"),
        "EXPORTCTL_DATA_DIR": str(tmp_path / "data"),
        "COLUMNS": "200",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "exportctl", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("rows", ["0", "-5"])
def test_chunk_rows_below_one_is_refused_in_one_line(tmp_path: Path, rows: str) -> None:
    """Fails before the fix: ``--chunk-rows 0`` (or negative) was taken silently as 1."""
    src = tmp_path / "in.csv"
    src.write_text(HEADER + f"1,{GOOD}\n")
    code, _, err = _cli(tmp_path, "screen", str(src), "-o", str(tmp_path / "out.csv"), "--chunk-rows", rows)
    assert code == 2 and not (tmp_path / "out.csv").exists()
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "--chunk-rows" in lines[0] and "greater than or equal to 1" in lines[0]


def test_a_sheet_that_starts_lower_down_names_excel_s_rows(tmp_path: Path) -> None:
    """calamine reads from the first row holding a value; the rows named are still Excel's."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(tmp_path / "in.xlsx"))
    sheet = book.add_worksheet("orders")
    sheet.write_row(2, 0, HEADER.strip().split(","))  # the header on row 3
    sheet.write_row(3, 0, ["1", "JP", "KR", "resist", "2020-01-15"])
    sheet.write_row(5, 0, ["2", "JP", "XX", "resist", "2020-01-15"])  # row 6, after a blank row
    book.close()
    summary = screen_file(tmp_path / "in.xlsx", tmp_path / "out.csv", None, REGIMES)
    assert (summary.rows_in, summary.rejected) == (2, 1)
    assert _errors(tmp_path / "out.rejects.csv") == ["line 6: unknown country 'XX'"]


def test_an_error_never_prints_a_control_character(tmp_path: Path) -> None:
    """Fails before the fix: a file name holding an escape sequence was written to the terminal
    as it was (here: clear the screen)."""
    from typer.testing import CliRunner

    from exportctl.cli import app

    name = str(tmp_path / "no\x1b[2Jpe.csv")
    result = CliRunner().invoke(app, ["screen", name, "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: input file not found: {tmp_path}/no\\x1b[2Jpe.csv"
