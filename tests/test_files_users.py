"""Files as users have them (issue 13): Shift_JIS/CP932 and EUC-KR/CP949 as Excel writes them in
Japan and Korea, UTF-8 with a byte order mark, Excel workbooks; and outputs an auditor can use."""

from __future__ import annotations

import datetime as dt
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
    assert enc.codec == "cp932" and enc.finding is not None and "could also be cp949" in enc.finding
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
    summary = screen_file(src, tmp_path / "out.csv", None, REGIMES, options=files.FileOptions(encoding="cp932"))
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
    summary = screen_file(src, tmp_path / "w.csv", None, REGIMES, options=files.FileOptions(encoding="utf-8"))
    assert summary.rows_in == 3 and summary.rejected == 3


# ------------------------------------------------------------------------------------------ Excel


def _workbook(path: Path, rows: list[list[object]], sheet: str = "受注") -> None:
    import datetime as dt

    import xlsxwriter  # type: ignore[import-untyped]

    book = xlsxwriter.Workbook(path, {"strings_to_formulas": False})
    book.add_worksheet("表紙").write_string(0, 0, "cover sheet, no orders")  # a first sheet that is not the data
    data = book.add_worksheet(sheet)
    day = book.add_format({"num_format": "yyyy/mm/dd"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, dt.datetime):
                data.write_datetime(r, c, value, day)
            elif isinstance(value, (int, float)):
                data.write_number(r, c, value)
            elif value is not None:
                data.write_string(r, c, str(value))
    book.close()


def _sheet_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def test_xlsx_in_and_out(tmp_path: Path) -> None:
    import datetime as dt

    src, out = tmp_path / "orders.xlsx", tmp_path / "out.xlsx"
    header = ["line_id", "exporter", "destination", "item", "ship_date", "value"]
    _workbook(
        src,
        [
            header,
            [1, "JP", "韓国", "フッ化水素", dt.datetime(2020, 1, 15), 500000],  # numbers and a date cell
            ["007", "JP", "대한민국", "HF", "2020/01/15", None],
            [],  # a blank row is no line
            ['=HYPERLINK("x")', "JP", "US", "HF", "2020-01-15", None],
            [4, "JP", "KR", "HF", "2019-02-30", None],
        ],
    )
    runner = CliRunner()
    result = runner.invoke(app, ["screen", str(src), "-o", str(out)])
    assert result.exit_code == 2 and "lacks required column(s)" in result.stderr  # the cover sheet is read first
    result = runner.invoke(app, ["screen", str(src), "--sheet", "受注", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "rows in: 4  screened: 3  rejected: 1" in result.stdout.replace("\n", " ")
    got = pl.read_excel(out, engine="calamine", infer_schema_length=0)
    assert got["line_id"].to_list() == ["1", "007", '=HYPERLINK("x")']
    assert got["destination"].to_list() == ["韓国", "대한민국", "US"]
    assert got["licence_required"].to_list() == ["true", "true", "true"]  # HF is listed
    assert got["rule_ids"][0].startswith("jp.list.licence-required;")  # lists ;-joined as in CSV
    # Text stays text: the formula-like line id is a string cell, no formula anywhere in the sheet.
    xml = _sheet_xml(out)
    assert "<f>" not in xml and "<f " not in xml
    rejects = pl.read_excel(tmp_path / "out.rejects.xlsx", engine="calamine", infer_schema_length=0)
    assert rejects["line_id"].to_list() == ["4"] and "2019-02-30" in rejects["error"][0]
    result = runner.invoke(app, ["screen", str(src), "--sheet", "Sheet9", "-o", str(out)])
    assert result.exit_code == 2 and "no sheet 'Sheet9' (its sheets: 表紙, 受注)" in result.stderr


def test_title_rows_above_an_excel_header_are_no_lines(tmp_path: Path) -> None:
    """Newcomer review 22 (left open): a sheet opening with a title and a report date above its
    header was refused for missing columns. The header is now found under them, and rejects keep
    the row numbers Excel shows (failed before: "lacks required column(s)")."""
    src, out = tmp_path / "titled.xlsx", tmp_path / "out.csv"
    _workbook(
        src,
        [
            ["輸出明細 2026年12月"],
            ["作成日: 2026-12-05"],
            [],
            ["明細番号", "exporter", "destination", "item", "ship_date"],
            ["L1", "JP", "KR", "hydrogen fluoride", "2020-01-15"],
            ["L2", "JP", "Narnia", "row 6", "2026-12-10"],
        ],
    )
    result = CliRunner().invoke(app, ["screen", str(src), "--sheet", "受注", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert pl.read_csv(out, infer_schema_length=0)["line_id"].to_list() == ["L1"]
    rejects = pl.read_csv(tmp_path / "out.rejects.csv", infer_schema_length=0)
    assert rejects["line_id"].to_list() == ["L2"] and rejects["error"][0].startswith("line 6: unknown country")
    # A title row with no header under it within reach is still refused, naming what is missing.
    _workbook(src, [["輸出明細"], *[[f"note {k}"] for k in range(12)], ["line_id", "exporter"]])
    result = CliRunner().invoke(app, ["screen", str(src), "--sheet", "受注", "-o", str(out)])
    assert result.exit_code == 2 and "lacks required column(s)" in result.stderr


def test_csv_to_xlsx_and_back_is_the_same_answer(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(JAPANESE, encoding="utf-8")
    screen_file(src, tmp_path / "a.csv", None, REGIMES, options=files.FileOptions(lists=True))
    screen_file(src, tmp_path / "b.xlsx", None, REGIMES)  # a workbook always carries the lists
    assert not (tmp_path / "b.outcomes.xlsx").exists()
    want = _csv(tmp_path / "a.csv")
    got = pl.read_excel(tmp_path / "b.xlsx", engine="calamine", infer_schema_length=0)
    # An empty list is an empty cell in both (a blank cell reads as null, an empty CSV field as "").
    assert got.with_columns(pl.col("licence_required").str.to_lowercase()).fill_null("").equals(want.fill_null(""))


def test_an_empty_xlsx_output_has_its_columns(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(HEADER + "1,JP,Narnia,HF,2020-01-15\n")
    screen_file(src, tmp_path / "out.xlsx", None, REGIMES)
    empty = pl.read_excel(tmp_path / "out.xlsx", engine="calamine", infer_schema_length=0)
    assert empty.height == 0 and empty.columns[:5] == HEADER.strip().split(",")


def test_too_many_lines_for_excel_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "EXCEL_ROWS", 3)  # as if a sheet held 3 rows (header + 2 lines)
    src = tmp_path / "in.csv"
    src.write_text(HEADER + "".join(f"{i},JP,KR,HF,2020-01-15\n" for i in range(3)))
    result = CliRunner().invoke(app, ["screen", str(src), "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "do not fit one Excel sheet" in result.stderr and ".csv or .parquet" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]  # nothing half-written


def test_bom_is_asked_for(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text(JAPANESE)
    screen_file(src, tmp_path / "plain.csv", None, REGIMES)
    assert not (tmp_path / "plain.csv").read_bytes().startswith(files.BOM)
    result = CliRunner().invoke(app, ["screen", str(src), "-o", str(tmp_path / "excel.csv"), "--bom"])
    assert result.exit_code == 0
    data = (tmp_path / "excel.csv").read_bytes()
    assert data.startswith(files.BOM + b"line_id,") and data.count(files.BOM) == 1
    assert (tmp_path / "excel.rejects.csv").read_bytes().startswith(files.BOM)


# -------------------------------------------------------------------------------- auditable output


def test_results_keep_the_input_order_across_exporters_and_chunks(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    lines = [
        f"{i},{'JP' if i % 3 else 'KR'},{'KR' if i % 3 else 'JP'},{'HF' if i % 3 else 'sensitive'},2020-01-15\n"
        for i in range(40)
    ]
    lines[17] = "17,JP,KR,HF,2019-02-30\n"  # a reject in the middle
    src.write_text(HEADER + "".join(lines))
    for chunk_rows in (7, 1000):
        for suffix in (".csv", ".xlsx"):
            out = tmp_path / f"out-{chunk_rows}{suffix}"
            screen_file(src, out, None, REGIMES, chunk_rows=chunk_rows)
            got = _csv(out) if suffix == ".csv" else pl.read_excel(out, engine="calamine", infer_schema_length=0)
            assert got["line_id"].to_list() == [str(i) for i in range(40) if i != 17]
    results, _, _ = files.screen_frame(_csv(src), REGIMES)
    assert results["line_id"].to_list() == [str(i) for i in range(40) if i != 17]  # in memory too


def test_each_result_says_how_the_line_was_read(tmp_path: Path) -> None:
    src, out = tmp_path / "in.csv", tmp_path / "out.parquet"
    src.write_text(
        HEADER
        + "a,日本,韓国,フッ化水素,2020-01-15\n"
        + "b,JP,대한민국,EUV pellicle,2020-01-15\n"  # no item of its own yet: an accessory of masks, row 7(17) (R46-1)
        + "c,한국,일본,sensitive,2020-01-15\n",
        encoding="utf-8",
    )
    screen_file(src, out, None, REGIMES, options=files.FileOptions(lists=True))
    got = pl.read_parquet(out)
    assert got.columns[-6:] == [
        "item_id",
        "classified_as",
        "destination_iso",
        "warning_kinds",
        "cautions",
        "bundle_version",
    ]
    assert got["item_id"].to_list() == ["jp:3(1)", "jp:7(16)-pellicle", "kr:sensitive"]
    assert got["destination_iso"].to_list() == ["KR", "KR", "JP"]
    assert got["classified_as"].to_list() == [None, "jp:7(17)", None]
    assert got["bundle_version"].unique().to_list() == [files.bundle_version(REGIMES)]
    assert got.schema["warning_kinds"] == pl.List(pl.Utf8)
    # The compact default: the same columns, dictionary-encoded; the kinds ";"-joined.
    screen_file(src, tmp_path / "compact.parquet", None, REGIMES)
    compact = pl.read_parquet(tmp_path / "compact.parquet")
    assert compact.columns[-5:] == got.columns[-5:] and compact.schema["item_id"] == pl.Categorical()
    assert compact["warning_kinds"].cast(pl.Utf8).to_list() == [";".join(k) for k in got["warning_kinds"].to_list()]
    result = CliRunner().invoke(app, ["screen", str(src), "-o", str(tmp_path / "out.csv")])
    version = CliRunner().invoke(app, ["--version"]).stdout
    assert result.exit_code == 0 and _csv(tmp_path / "out.csv")["bundle_version"][0] in version


def test_warning_kinds_are_checks_warning_kinds() -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests.test_screen import _determine, _frame, valid_row

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(valid_row(), min_size=1, max_size=40))
    def compare(rows: list[dict[str, str]]) -> None:
        results, rejects, _ = files.screen_frame(_frame(rows), REGIMES, audit=True)  # type: ignore[arg-type]
        assert rejects.height == 0
        for rec in results.iter_rows(named=True):
            d = _determine(rows[int(rec["line_id"])])
            kinds = list(dict.fromkeys(n.kind for n in d.notices))
            assert rec["warning_kinds"] == kinds, (rec, [n.text for n in d.notices])
            assert rec["item_id"] == d.item.id and rec["destination_iso"] == d.destination
            assert rec["classified_as"] == (d.classified_as.id if d.classified_as else None)

    compare()


def test_warning_kinds_that_turn_on_the_very_day_are_checks() -> None:
    """Days inside an uncertain window, on a change at a time of day, before and after a change
    announced in advance, and on either side of them: each line gets ``check``'s kinds for its
    own day, though the answer tables' periods span those days."""
    from tests.test_screen import _determine, _frame

    cases = [
        # Liberia left Appended Table 3-2 on a date known only to lie in 2016-08-05 .. 2017-02-22.
        ("LR", "catch-all", "conventional", "2016-08-04 2016-08-05 2016-12-01 2017-02-21 2017-02-22 2017-03-01"),
        # The three-item measure ended at 17:00 on 2023-03-23.
        ("KR", "hydrogen fluoride", "", "2023-03-22 2023-03-23 2023-03-24"),
        # Korea back in Group A: announced 2023-04-28, in force 2023-07-21; lines before, between, after.
        ("KR", "catch-all", "", "2023-03-01 2023-05-15 2023-07-20 2023-07-21 2023-08-01"),
        # Korea in Group A on a day of its uncertain start, and long after it.
        ("KR", "row 5", "", "2010-05-01 2016-05-01"),
    ]
    base = {"exporter": "JP", "value": "", "currency": "", "informed": ""}
    rows = [
        {**base, "destination": to, "item": item, "end_use": use, "ship_date": day}
        for to, item, use, days in cases
        for day in days.split()
    ]
    results, rejects, _ = files.screen_frame(_frame(rows), REGIMES, audit=True)  # type: ignore[arg-type]
    assert rejects.height == 0
    seen: set[str] = set()
    for rec in results.iter_rows(named=True):
        d = _determine(rows[int(rec["line_id"])])
        kinds = list(dict.fromkeys(n.kind for n in d.notices))
        assert rec["warning_kinds"] == kinds, (rec["ship_date"], rec["warning_kinds"], [n.text for n in d.notices])
        seen |= set(kinds)
    assert {"uncertain_date", "same_day", "pending_change"} <= seen  # the cases hold what they are meant to test


@pytest.mark.parametrize("known", [None, "2023-05-01"])
def test_batch_kinds_are_checks_on_lines_around_the_law_s_changes(known: str | None) -> None:
    """Lines on, just before and after the days the law changed, was announced or is uncertain,
    with and without a knowledge date, with values within, between and above the exemptions'
    ceilings: every line's kinds (drafts and pending changes included), classification and
    licence are ``check``'s."""
    import random

    from tests.test_screen import _determine, _frame

    rng = random.Random(29)
    items = {
        "JP": ["hydrogen fluoride", "resist", "row 5", "catch-all", "jp:7(23)", "row 1"],
        "KR": ["1C350", "sensitive", "non-sensitive", "catch-all"],
    }
    days = [d for r in REGIMES.values() for d in r.change_dates()] + [
        m.public_on for r in REGIMES.values() for m in r.measures.values() if m.public_on
    ]
    days = sorted({d for d in days if dt.date(2015, 1, 1) <= d <= dt.date(2027, 12, 31)})
    rows = []
    for _ in range(150):
        exporter = rng.choice(["JP", "KR"])
        destination = rng.choice([c for c in ["KR", "JP", "CN", "US", "LR", "RU", "IR", "TW", "KP"] if c != exporter])
        day = rng.choice(days) + dt.timedelta(days=rng.choice([-1, 0, 1]))
        rows.append(
            {
                "exporter": exporter,
                "destination": destination,
                "item": rng.choice(items[exporter]),
                "ship_date": day.isoformat(),
                "value": rng.choice(["", "50000", "500000", "2000000"]),
                "currency": "",
                "end_use": rng.choice(["", "wmd", "civil"]),
                "informed": "",
            }
        )
    kday = dt.date.fromisoformat(known) if known else None
    results, rejects, _ = files.screen_frame(_frame(rows), REGIMES, known_on=kday, audit=True)  # type: ignore[arg-type]
    assert rejects.height == 0
    seen: set[str] = set()
    for rec in results.iter_rows(named=True):
        r = rows[int(rec["line_id"])]
        d = _determine(r, kday)
        kinds = list(dict.fromkeys(n.kind for n in d.notices))
        assert (rec["warning_kinds"], rec["licence_required"]) == (kinds, d.licence_required), (
            r,
            [n.text for n in d.notices],
        )
        assert rec["classified_as"] == (d.classified_as.id if d.classified_as else None)
        seen |= set(kinds)
    assert "pending_change" in seen and (known is None or "draft" in seen)


def test_duplicate_line_ids_are_flagged_on_the_later_lines(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = ["A", "B", "A", "C", "B", "A", "D"]
    src.write_text(
        "".join(
            json.dumps(
                {"line_id": i, "exporter": "KR", "destination": "JP", "item": "sensitive", "ship_date": "2020-01-15"}
            )
            + "\n"
            for i in ids
        )
    )
    screen_file(src, out, None, REGIMES, chunk_rows=2)  # repeats across chunks as well as within one
    got = pl.read_ndjson(out)
    assert got["line_id"].to_list() == ids
    flagged = ["duplicate_line_id" in kinds for kinds in got["warning_kinds"].to_list()]
    assert flagged == [False, False, True, False, True, True, False]
    screen_file(src, tmp_path / "out.csv", None, REGIMES)
    assert _csv(tmp_path / "out.csv")["warning_kinds"][2].endswith(";duplicate_line_id")  # ;-joined in CSV


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl", ".xlsx"])
def test_impact_writes_every_format(tmp_path: Path, suffix: str) -> None:
    src, out = tmp_path / "in.csv", tmp_path / f"out{suffix}"
    src.write_text(HEADER + "1,JP,KR,HF,2019-07-04\n2,JP,KR,HF,2019-07-03\n3,JP,KR,HF,2019-02-30\n")
    result = CliRunner().invoke(app, ["impact", "jp-2019-07-three-items", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "changed by jp-2019-07-three-items: 1" in result.stdout
    if suffix == ".csv":
        got = _csv(out)
    elif suffix == ".parquet":
        got = pl.read_parquet(out)
    elif suffix == ".jsonl":
        got = pl.read_ndjson(out)
    else:
        got = pl.read_excel(out, engine="calamine", infer_schema_length=0)
    assert got["line_id"].cast(pl.Utf8).to_list() == ["1"]
    routes = got["routes_with"].to_list()[0]
    assert routes == ["individual"] if suffix in (".parquet", ".jsonl") else routes == "individual"
    assert (tmp_path / f"out.rejects{suffix}").exists()


def test_a_pass_read_again_flags_no_false_duplicates(tmp_path: Path) -> None:
    # The streaming reader meets a bad line after writing chunks and the file is read again line by
    # line: the ids of the abandoned pass must not count as seen.
    src = tmp_path / "in.csv"
    lines = [f"{i},KR,JP,sensitive,2020-01-15\n" for i in range(30)]
    lines.insert(25, "x,KR,JP,sensitive,2020-01-15,surplus\n")
    src.write_text(HEADER + "".join(lines))
    summary = screen_file(src, tmp_path / "out.parquet", None, REGIMES, chunk_rows=4)
    assert (summary.screened, summary.rejected) == (30, 1)
    got = pl.read_parquet(tmp_path / "out.parquet")
    assert got["line_id"].to_list() == [str(i) for i in range(30)]
    assert not any("duplicate_line_id" in k for k in got["warning_kinds"].to_list())


def test_a_transcoded_file_is_still_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes((HEADER + "".join(f"{i},JP,韓国,フッ化水素,2020-01-15\n" for i in range(50))).encode("cp932"))

    def whole(path: Path) -> None:
        raise AssertionError(f"{path} was read whole")

    monkeypatch.setattr(files, "read_input", whole)
    heights: list[int] = []
    real = files.open_source

    def counting(*args: object, **kwargs: object) -> files.Source:
        source = real(*args, **kwargs)  # type: ignore[arg-type]
        inner = source.batches

        def batches():  # type: ignore[no-untyped-def]
            for df in inner:
                heights.append(df.height)
                yield df

        source.batches = batches()
        return source

    monkeypatch.setattr(files, "open_source", counting)
    summary = screen_file(src, tmp_path / "out.csv", None, REGIMES, chunk_rows=8)
    assert summary.screened == 50 and max(heights) <= 8 and len(heights) == 7


def test_write_table_writes_each_format(tmp_path: Path) -> None:
    df = pl.DataFrame({"line_id": ["=1", "2"], "warning_kinds": [["caution"], ["caution", "weak_data"]]})
    for suffix in (".csv", ".parquet", ".jsonl", ".xlsx"):
        files.write_table(df, tmp_path / f"t{suffix}")
    assert _csv(tmp_path / "t.csv")["warning_kinds"].to_list() == ["caution", "caution;weak_data"]
    assert pl.read_parquet(tmp_path / "t.parquet").equals(df)
    got = pl.read_excel(tmp_path / "t.xlsx", engine="calamine", infer_schema_length=0)
    assert got["line_id"].to_list() == ["=1", "2"] and "<f>" not in _sheet_xml(tmp_path / "t.xlsx")


def test_xlsx_cells_that_excel_would_take_for_something_else_stay_as_given(tmp_path: Path) -> None:
    df = pl.DataFrame(
        {
            "text": ["=1+1", "{=A1}", "http://x", "123", None],
            "whole": [1, 2**60, None, -3, 4],  # 2**60 has more digits than Excel's numbers hold
            "real": [1.5, float("nan"), float("inf"), None, 2.0],  # Excel has no NaN or infinity
        }
    )
    files.write_table(df, tmp_path / "t.xlsx")
    got = pl.read_excel(tmp_path / "t.xlsx", engine="calamine", infer_schema_length=0)
    assert got["text"].to_list() == ["=1+1", "{=A1}", "http://x", "123", None]
    assert got["whole"].to_list() == ["1", str(2**60), None, "-3", "4"]
    assert got["real"].to_list()[:3] == ["1.5", "NaN", "inf"]
    xml = _sheet_xml(tmp_path / "t.xlsx")
    assert "<f>" not in xml and "hyperlink" not in xml.lower()


@pytest.mark.parametrize("known", [None, "2023-05-01"])
def test_batch_kinds_are_checks_on_days_far_from_the_present(known: str | None) -> None:
    """Ship days after 2059 lie outside the day tables the batch keeps (read one by one instead);
    lines on them, beside lines on common days in the same chunk, still get ``check``'s kinds and
    licence. (Days before the records begin are refused alike: tests/test_records_begin.py.)"""
    from tests.test_screen import assert_lines_are_checks

    base = {"exporter": "JP", "value": "", "currency": "", "informed": "", "end_use": ""}
    rows = [
        {**base, "destination": to, "item": item, "ship_date": day}
        for to in ("KR", "CN")
        for item in ("hydrogen fluoride", "catch-all")
        for day in ("2002-04-01", "2019-07-04", "2059-12-31", "2060-01-01", "2075-03-01")
    ]
    assert_lines_are_checks(rows, dt.date.fromisoformat(known) if known else None)


def test_a_line_typed_in_full_width_reads_as_the_same_line_in_ascii(tmp_path: Path) -> None:
    """Japanese and Korean sheets often hold codes typed with the IME on: ＪＰ, ＪＰＹ, ＷＭＤ, ｔｒｕｅ,
    ５００, ２０２０-０１-１５. Each is read as its ASCII form (NFKC), so the line's answer is the
    ASCII line's, not a reject."""
    header = "line_id,exporter,destination,item,ship_date,value,currency,end_use,informed\n"
    lines = (
        "1,ＪＰ,ＫＲ,hydrogen fluoride,２０２０-０１-１５,５００,ＪＰＹ,ＷＭＤ,ｔｒｕｅ\n"
        "2,JP,KR,hydrogen fluoride,2020-01-15,500,JPY,wmd,true\n"
        "3,ＫＲ,ＪＰ,sensitive,２０２３-０５-０１,,,Ｃｏｎｖｅｎｔｉｏｎａｌ,ＦＡＬＳＥ\n"
        "4,KR,JP,sensitive,2023-05-01,,,conventional,false\n"
    )
    src = tmp_path / "in.csv"
    src.write_text(header + lines, encoding="utf-8")
    screen_file(src, tmp_path / "out.parquet", None, REGIMES, options=files.FileOptions(lists=True))
    got = pl.read_parquet(tmp_path / "out.parquet")
    assert got.height == 4 and pl.read_parquet(tmp_path / "out.rejects.parquet").height == 0
    answer = ["licence_required", "routes", "rule_ids", "exemptions", "catch_all", "warning_kinds"]
    rows = got.select(answer).to_dicts()
    assert rows[0] == rows[1] and rows[2] == rows[3]
