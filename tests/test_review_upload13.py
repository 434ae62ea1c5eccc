"""Review of the API's screen of an upload against ``exportctl screen`` on the same file, and of
odd uploads: each line a result or a reject, the same reading of the file and of ``known_on``."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exportctl.batch.files import screen_file
from exportctl.batch.screen import screen_frame
from exportctl.errors import InputError
from tests.test_screen import REGIMES, _frame

HEADER = b"line_id,exporter,destination,item,ship_date\n"


#: A blank first line (polars reads such a file) and one line with too many fields.
BLANK_THEN_BAD = b"\n" + HEADER + b"1,JP,KR,resist,2020-01-15\n2,JP,KR,HF,2020-01-15,x,y,z\n"


def test_a_blank_first_line_and_a_malformed_line_lose_no_line_in_the_api(client: TestClient) -> None:
    r = client.post("/v1/screen", files={"file": ("orders.csv", BLANK_THEN_BAD)})
    assert r.status_code == 200, r.json()  # today: 400 "cannot read 'orders.csv': StopIteration"
    body = r.json()
    assert body["summary"]["rows_in"] == 2 and body["summary"]["screened"] == 1
    assert "malformed CSV" in body["rejects"][0]["error"]


def test_a_blank_first_line_and_a_malformed_line_lose_no_line_in_the_cli(tmp_path: Path) -> None:
    src = tmp_path / "orders.csv"
    src.write_bytes(BLANK_THEN_BAD)
    summary = screen_file(src, tmp_path / "out.csv", None, REGIMES)
    assert (summary.rows_in, summary.screened, summary.rejected) == (2, 1, 1)


def test_a_pq_upload_is_read_as_exportctl_screen_reads_it(client: TestClient, tmp_path: Path) -> None:
    import polars as pl

    path = tmp_path / "orders.pq"
    pl.DataFrame(
        {"line_id": ["1"], "exporter": ["JP"], "destination": ["KR"], "item": ["resist"], "ship_date": ["2020-01-15"]}
    ).write_parquet(path)
    assert screen_file(path, tmp_path / "out.csv", None, REGIMES).screened == 1  # the CLI reads it
    r = client.post("/v1/screen", files={"file": ("orders.pq", path.read_bytes())})
    assert r.status_code == 200, r.json()  # today: 400 "unsupported file type for 'orders.pq'"


def test_the_encoding_note_names_the_upload(client: TestClient) -> None:
    data = HEADER + "1,JP,KR,レジスト,2020-01-15\n".encode() + b"2,JP,KR,resist\xff,2020-01-15\n"
    r = client.post("/v1/screen", files={"file": ("u.csv", data)})
    assert r.status_code == 200
    note = r.json()["notes"][0]
    assert note.split(": ")[0] in ("u.csv", "'u.csv'"), note  # CLI: "u.csv: encoding assumed to be utf-8 ..."


def test_a_utf8_file_with_one_stray_byte_stays_utf8(client: TestClient, tmp_path: Path) -> None:
    # detect_encoding: "a UTF-8 file with a broken line stays UTF-8 and that line becomes a reject".
    # Here 日本, 韓国 and フッ化水素 in UTF-8 all decode as CP932 and the NBSP (0xA0, pasted from
    # a Latin-1 source) does not decode as UTF-8: CP932 reads more lines and wins, with no note.
    lines = b"".join(f"{i},日本,韓国,フッ化水素,2020-01-15\n".encode() for i in range(1, 9))
    data = HEADER + lines + b"9,JP,KR,resist\xa0,2020-01-15\n"
    src = tmp_path / "orders.csv"
    src.write_bytes(data)
    cli = screen_file(src, tmp_path / "out.csv", None, REGIMES)
    r = client.post("/v1/screen", files={"file": ("orders.csv", data)})
    body = r.json()
    # today: encoding cp932, no note, 9 of 9 rejected ("unknown exporter '譌･譛ｬ'"); the CLI likewise
    assert body["encoding"] == "utf-8", (body["encoding"], body["notes"], body["rejects"][0]["error"])
    assert body["summary"]["screened"] == 8 and cli.screened == 8
    assert [x["error"] for x in body["rejects"]] == ["line 10: not valid UTF-8"]


def test_an_empty_knowledge_date_means_the_same_to_screen_and_check(client: TestClient) -> None:
    body = {"exporter": "JP", "destination": "KR", "item": "resist", "on": "2020-01-15", "known_on": ""}
    check = client.post("/v1/check", json=body)
    data = HEADER + b"1,JP,KR,resist,2020-01-15\n"
    screen = client.post("/v1/screen", params={"known_on": ""}, files={"file": ("a.csv", data)})
    # Review 22 (L19) made a blank optional field of a check the field left out; the screen agrees:
    # both answer with the law as it stands, neither refuses ''.
    assert check.status_code == 200
    assert screen.status_code == check.status_code


def test_one_long_item_text_does_not_hold_the_screen_for_seconds() -> None:
    """An unknown item's suggestions were ranked over all of its text (100,000 characters in one
    upload line: 18 s, holding the API's only screen slot); a batch line's texts are now refused
    past the lengths ``check`` takes, by name, before any reading."""
    long = {"exporter": "JP", "destination": "KR", "item": "r" * 10_000, "ship_date": "2020-01-15"}
    wide = {**long, "item": "resist", "destination": "K" * 200}
    _, rejects, _ = screen_frame(_frame([long, wide]), REGIMES, None)
    assert rejects["error"].to_list() == [
        "item is 10,000 characters long; at most 256 are read",
        "destination is 200 characters long; at most 128 are read",
    ]


def test_a_key_column_named_twice_is_refused_by_name(client: TestClient, tmp_path: Path) -> None:
    """Both sides used the first of two `item` columns without a word; which is the line's item is
    not the tool's to guess."""
    data = b"line_id,exporter,destination,item,ship_date,item\n1,JP,KR,resist,2020-01-15,hydrogen fluoride\n"
    src = tmp_path / "dup.csv"
    src.write_bytes(data)
    with pytest.raises(InputError, match="column 'item' twice"):
        screen_file(src, tmp_path / "out.csv", None, REGIMES)
    r = client.post("/v1/screen", files={"file": ("dup.csv", data)})
    assert r.status_code == 400 and "column 'item' twice" in r.json()["error"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le"])
def test_a_utf16_file_is_refused_in_one_line_naming_what_to_save_it_as(tmp_path: Path, codec: str) -> None:
    """A UTF-16 file ("lacks required columns" with NULs in every name before) gets one clear line;
    a stray NUL in a UTF-8 file stays that line's reject."""
    src = tmp_path / "u16.csv"
    src.write_bytes((HEADER + b"1,JP,KR,resist,2020-01-15\n").decode().encode(codec))
    with pytest.raises(InputError, match=r"UTF-16 or UTF-32 text.*CSV UTF-8"):
        screen_file(src, tmp_path / "out.csv", None, REGIMES)
    nul = tmp_path / "nul.csv"
    nul.write_bytes(HEADER + b"1,JP,KR,res\x00ist,2020-01-15\n2,JP,KR,resist,2020-01-15\n")
    summary = screen_file(nul, tmp_path / "nul.out.csv", None, REGIMES)
    assert (summary.rows_in, summary.screened) == (2, 1)


def test_a_json_reason_reads_once() -> None:
    from exportctl.batch.files import _json_problem

    assert _json_problem(b'{"a": "b') == "invalid JSON (Unterminated string starting at column 7)"
    assert _json_problem(b'{"a": }') == "invalid JSON (Expecting value at column 7)"


def test_the_api_lists_rejects_in_the_file_order_as_the_cli_writes_them(client: TestClient, tmp_path: Path) -> None:
    # Session review S27-15: lines that could not be read came after the others.
    data = HEADER + b"1,JP,XX,resist,2020-01-15\n2,JP,KR,HF,2020-01-15,x\n3,JP,QQ,resist,2020-01-15\n"
    r = client.post("/v1/screen", files={"file": ("orders.csv", data)})
    assert r.status_code == 200, r.json()
    api = [x["error"] for x in r.json()["rejects"]]
    assert [e.split(":")[0] for e in api] == ["line 2", "line 3", "line 4"]
    assert api[1].endswith("; the line reads: 2,JP,KR,HF,2020-01-15,x")
    src = tmp_path / "orders.csv"
    src.write_bytes(data)
    screen_file(src, tmp_path / "out.csv", None, REGIMES)
    import polars as pl

    assert pl.read_csv(tmp_path / "out.rejects.csv", infer_schema=False)["error"].to_list() == api
