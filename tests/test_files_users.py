"""Files as users have them (issue 13): Shift_JIS/CP932 and EUC-KR/CP949 as Excel writes them in
Japan and Korea, UTF-8 with a byte order mark, Excel workbooks; and outputs an auditor can use."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from exportctl.batch import files
from exportctl.batch.files import detect_encoding, screen_file
from exportctl.cli import app
from exportctl.law.loader import load_regimes

REGIMES = load_regimes()
HEADER = "line_id,exporter,destination,item,ship_date\n"
JAPANESE = HEADER + "1,日本,韓国,フッ化水素,2020-01-15\n2,JP,大韓民国,レジスト,2020-01-15\n3,JP,米国,HF,2020-01-15\n"
KOREAN = (
    HEADER
    + "1,한국,일본,sensitive,2020-01-15\n2,KR,대한민국의 이웃 일본,sensitive,2020-01-15\n3,KR,일본,non-sensitive,2020-01-15\n"
)


def _csv(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema=False)


# ------------------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("codec", ["shift_jis", "cp932"])
def test_a_japanese_excel_csv_is_read_as_cp932(tmp_path: Path, codec: str) -> None:
    src, out = tmp_path / "orders.csv", tmp_path / "out.csv"
    src.write_bytes((JAPANESE + "4,JP,韓国,①フッ化水素,2020-01-15\n" * (codec == "cp932")).encode(codec))
    assert detect_encoding(src).codec == "cp932"
    summary = screen_file(src, out, None, REGIMES)
    got = _csv(out)
    assert got["destination"].to_list()[:3] == ["韓国", "大韓民国", "米国"]
    assert got["item"].to_list()[0] == "フッ化水素"
    assert got["licence_required"].to_list()[:2] == ["true", "true"]  # HF and resist to KR in 2020
    # '①フッ化水素' (a CP932-only character) is read, and is no item: a reject, not an unreadable line.
    assert summary.rejected == (1 if codec == "cp932" else 0)
    if codec == "cp932":
        assert "unknown item '①フッ化水素'" in _csv(tmp_path / "out.rejects.csv")["error"][0]
    assert out.read_bytes().decode("utf-8")  # output is UTF-8


@pytest.mark.parametrize("codec", ["euc_kr", "cp949"])
def test_a_korean_excel_csv_is_read_as_cp949(tmp_path: Path, codec: str) -> None:
    src, out = tmp_path / "orders.csv", tmp_path / "out.csv"
    text = KOREAN + ("4,KR,일본,똠방각하,2020-01-15\n" if codec == "cp949" else "")  # 똠: CP949, not EUC-KR
    src.write_bytes(text.encode(codec))
    assert detect_encoding(src).codec == "cp949"
    summary = screen_file(src, out, None, REGIMES)
    got = _csv(out)
    assert got["exporter"].to_list() == ["한국", "KR"] and got["destination"].to_list() == ["일본", "일본"]
    rejects = _csv(tmp_path / "out.rejects.csv")
    assert "대한민국의 이웃 일본" in rejects["destination"].to_list()  # read, then refused as a country
    assert summary.rows_in == (4 if codec == "cp949" else 3)


def test_a_short_ambiguous_sample_says_what_was_assumed(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes((HEADER + "1,JP,韓国,HF,2020-01-15\n").encode("cp932"))  # 韓国 reads in CP949 too
    enc = detect_encoding(src)
    assert enc.codec == "cp932" and enc.note is not None and "could also be cp949" in enc.note
    result = CliRunner().invoke(app, ["screen", str(src), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert "warning: in.csv: encoding assumed to be cp932" in result.stderr
    assert _csv(tmp_path / "out.csv")["destination"].to_list() == ["韓国"]


def test_utf8_with_and_without_bom_needs_no_word(tmp_path: Path) -> None:
    for name, data in (("plain.csv", JAPANESE.encode()), ("bom.csv", files.BOM + JAPANESE.encode())):
        src = tmp_path / name
        src.write_bytes(data)
        assert detect_encoding(src) == files.Encoding("utf-8")
        summary = screen_file(src, tmp_path / f"out-{name}", None, REGIMES)
        assert summary.notes == [] and summary.rows_in == 3
        assert _csv(tmp_path / f"out-{name}")["line_id"].to_list() == ["1", "2", "3"]
    src = tmp_path / "bom.jsonl"
    src.write_bytes(
        files.BOM
        + b'{"line_id":"1","exporter":"JP","destination":"\xe9\x9f\x93\xe5\x9b\xbd","item":"HF","ship_date":"2020-01-15"}\n'
    )
    assert screen_file(src, tmp_path / "out.jsonl", None, REGIMES).screened == 1


def test_the_encoding_is_found_past_an_ascii_head(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    ascii_rows = "".join(f"{i},JP,KR,HF,2020-01-15\n" for i in range(1, 6000))  # > SNIFF_BYTES of ASCII
    src.write_bytes((HEADER + ascii_rows + "6000,JP,韓国,フッ化水素,2020-01-15\n").encode("cp932"))
    assert src.stat().st_size > files.SNIFF_BYTES
    assert detect_encoding(src).codec == "cp932"
    assert screen_file(src, tmp_path / "out.parquet", None, REGIMES).screened == 6000


def test_an_undecodable_line_is_a_reject_with_its_line_number(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    # Line 4 holds 0x81 0x20: a CP932 lead byte followed by a space, which is no character.
    data = JAPANESE.encode("cp932") + b"4,JP,KR,\x81 HF,2020-01-15\n" + "5,JP,韓国,HF,2020-01-15\n".encode("cp932")
    src.write_bytes(data)
    summary = screen_file(src, out, None, REGIMES, chunk_rows=2)
    assert (summary.rows_in, summary.screened, summary.rejected) == (5, 4, 1)
    assert _csv(out)["line_id"].to_list() == ["1", "2", "3", "5"]
    error = _csv(tmp_path / "out.rejects.csv")["error"].to_list()
    assert error == ["line 5: not valid cp932 (byte 0x81 at byte 9 of the line)"]
    assert [p.name for p in tmp_path.iterdir() if ".utf8-" in p.name] == []  # the UTF-8 copy is gone


def test_an_undecodable_line_and_a_malformed_line_keep_their_numbers(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    lines = [
        HEADER,
        "1,JP,韓国,HF,2020-01-15\n",
        "2,JP,KR,\x00\n",
        "3,JP,KR,HF,2020-01-15,extra\n",
        "4,JP,KR,HF,2020-01-15\n",
    ]
    data = b"".join(line.encode("cp932") for line in lines).replace(b"\x00", b"\x81 ")
    src.write_bytes(data)
    summary = screen_file(src, tmp_path / "out.csv", None, REGIMES, encoding="cp932")
    assert (summary.screened, summary.rejected) == (2, 2)
    errors = _csv(tmp_path / "out.rejects.csv")["error"].to_list()
    assert errors[0].startswith("line 3: not valid cp932") and errors[1].startswith("line 4: malformed CSV")


def test_jsonl_in_cp949(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [
        {"line_id": "1", "exporter": "KR", "destination": "일본", "item": "sensitive", "ship_date": "2020-01-15"},
        {"line_id": "2", "exporter": "KR", "destination": "미국", "item": "sensitive", "ship_date": "2020-01-15"},
    ]
    src.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("cp949"))
    summary = screen_file(src, tmp_path / "out.jsonl", None, REGIMES)
    assert summary.screened == 2
    assert pl.read_ndjson(tmp_path / "out.jsonl")["destination"].to_list() == ["일본", "미국"]


def test_encoding_override_and_unknown_encoding(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(KOREAN.encode("cp949"))
    runner = CliRunner()
    result = runner.invoke(app, ["screen", str(src), "-o", str(tmp_path / "o.csv"), "--encoding", "EUC-KR"])
    assert result.exit_code == 0 and "warning" not in result.stderr
    assert _csv(tmp_path / "o.csv")["exporter"][0] == "한국"
    result = runner.invoke(app, ["screen", str(src), "-o", str(tmp_path / "o.csv"), "--encoding", "klingon"])
    assert result.exit_code != 0 and "unknown encoding 'klingon'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    # Read in the wrong declared encoding, every line with Hangul is a reject with its number, none is lost.
    summary = screen_file(src, tmp_path / "w.csv", None, REGIMES, encoding="utf-8")
    assert summary.rows_in == 3 and summary.rejected == 3
