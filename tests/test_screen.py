"""Batch screening: nothing is lost, batch answers equal determine(), files in three formats."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from typer.testing import CliRunner

from exportctl import determine
from exportctl.batch import files
from exportctl.batch.files import FileOptions, impact_frame, screen_file, with_answers
from exportctl.batch.screen import TOO_LARGE, screen_frame
from exportctl.cli import app
from exportctl.law.loader import load_regimes
from exportctl.service import CheckQuery

REGIMES = load_regimes()
ITEMS = {
    "JP": [
        "hydrogen fluoride",
        "HF",
        "resist",
        "fluorinated polyimide",
        "row 5",
        "row 7",
        "row 15",
        "catch-all",
        "EUV pellicle",
        "jp:7(16)-ku",
        "jp:7(16)-pellicle",
        "row 1",
        "jp:3-2",
    ],
    "KR": ["sensitive", "non-sensitive", "catch-all"],
}
DESTS = ["KR", "South Korea", "JP", "US", "CN", "IQ", "IR", "LY", "SS", "ER", "EE", "BG", "DE", "FR", "KP", "CI", "ZA"]
GOOD_DAYS = st.dates(min_value=dt.date(2003, 1, 1), max_value=dt.date(2026, 12, 31))


@st.composite
def valid_row(draw: st.DrawFn) -> dict[str, str]:
    exporter = draw(st.sampled_from(["JP", "KR"]))
    dest = draw(st.sampled_from([d for d in DESTS if d not in (exporter, "South Korea" if exporter == "KR" else "")]))
    value = draw(st.one_of(st.just(""), st.integers(0, 2_000_000).map(str)))
    currency = draw(st.sampled_from(["", "JPY"])) if value and exporter == "JP" else ""
    return {
        "exporter": exporter,
        "destination": dest,
        "item": draw(st.sampled_from(ITEMS[exporter])),
        "ship_date": draw(GOOD_DAYS).isoformat(),
        "value": value if exporter == "JP" else "",
        "currency": currency,
        "end_use": draw(st.sampled_from(["", "wmd", "conventional", "civil"])),
        "informed": draw(st.sampled_from(["", "true", "false"])),
    }


JUNK = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "2019-02-30",
            "2019-13-01",
            "15/01/2020",
            "-5",
            "1e3",
            "XX",
            "Narnia",
            "JPN",
            "maybe",
            "12.5",
            " 500 ",
            "500000.0",
            "\t7\n",
            "USD",
            "\x00",
            "hydrogen",
        ]
    ),
)


@st.composite
def messy_row(draw: st.DrawFn) -> dict[str, str | None]:
    row: dict[str, str | None] = dict(draw(valid_row()))
    for key in draw(st.lists(st.sampled_from(list(row)), max_size=3, unique=True)):
        row[key] = draw(st.one_of(st.none(), JUNK))
    return row


def _frame(rows: list[dict[str, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"line_id": str(i), **r} for i, r in enumerate(rows)],
        schema={
            c: pl.Utf8
            for c in [
                "line_id",
                "exporter",
                "destination",
                "item",
                "ship_date",
                "value",
                "currency",
                "end_use",
                "informed",
            ]
        },
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(messy_row(), min_size=1, max_size=40))
def test_nothing_is_lost(rows: list[dict[str, str | None]]) -> None:
    df = _frame(rows)
    results, rejects, summary = screen_frame(df, REGIMES)
    assert summary.rows_in == len(rows) == results.height + rejects.height
    ids = sorted(results["line_id"].to_list() + rejects["line_id"].to_list(), key=int)
    assert ids == [str(i) for i in range(len(rows))]
    assert rejects["error"].null_count() == 0 and all(e.strip() for e in rejects["error"].to_list())


def _determine(row: dict[str, str], known_on: dt.date | None = None):  # type: ignore[no-untyped-def]
    return determine(
        row["exporter"],
        row["destination"],
        row["item"],
        row["ship_date"],
        value=int(row["value"]) if row["value"] else None,
        currency=row["currency"] or None,
        end_use=row["end_use"] or None,
        informed=row["informed"] == "true",
        known_on=known_on,
        regimes=REGIMES,
    )  # type: ignore[arg-type]


def line(exporter: str, destination: str, item: str, ship_date: str, end_use: str = "") -> dict[str, str]:
    """One input line of a batch grid: no value, no inform notice."""
    return {
        "exporter": exporter,
        "destination": destination,
        "item": item,
        "ship_date": ship_date,
        "value": "",
        "currency": "",
        "end_use": end_use,
        "informed": "",
    }


def assert_batch_is_check(rows: list[dict[str, str]], known_on: dt.date | None = None) -> None:
    """Every line screened answers as ``check``: warning kinds (in ``check``'s order), licence and routes."""
    results, rejects, _ = files.screen_frame(_frame(rows), REGIMES, known_on=known_on, audit=True)  # type: ignore[arg-type]
    assert rejects.height == 0
    for rec in results.iter_rows(named=True):
        r = rows[int(rec["line_id"])]
        d = _determine(r, known_on)
        kinds = list(dict.fromkeys(n.kind for n in d.notices))
        assert (rec["warning_kinds"], rec["licence_required"], rec["routes"]) == (
            kinds,
            d.licence_required,
            d.routes,
        ), (r, [n.text for n in d.notices])


def assert_lines_are_checks(rows: list[dict[str, str]], known_on: dt.date | None = None) -> None:
    """Screen ``rows`` as one frame: none is rejected, and every line's warning kinds (in order) and
    licence are what ``check`` gives on that line."""
    results, rejects, _ = screen_frame(_frame(rows), REGIMES, known_on=known_on, audit=True)  # type: ignore[arg-type]
    assert rejects.height == 0, rejects["error"].to_list()
    for rec in results.iter_rows(named=True):
        row = rows[int(rec["line_id"])]
        d = _determine(row, known_on)
        kinds = list(dict.fromkeys(n.kind for n in d.notices))
        assert (rec["warning_kinds"], rec["licence_required"]) == (kinds, d.licence_required), row


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(valid_row(), min_size=1, max_size=60))
def test_batch_equals_determine(rows: list[dict[str, str]]) -> None:
    results, rejects, _ = screen_frame(_frame(rows), REGIMES)  # type: ignore[arg-type]
    assert rejects.height == 0, rejects["error"].to_list()
    for rec in results.iter_rows(named=True):
        d = _determine(rows[int(rec["line_id"])])
        assert rec["licence_required"] == d.licence_required, (rec, d.rule_ids)
        assert (rec["needs"], rec["refused"]) == (d.needs, d.refused), (rec, d.rule_ids)
        assert rec["routes"] == d.routes
        assert rec["exemptions"] == d.exemptions
        assert rec["catch_all"] == d.catch_all
        assert rec["destination_groups"] == d.destination_groups
        assert rec["rule_ids"] == d.rule_ids
        assert rec["regime_version"] == d.regime_version


@settings(max_examples=15, deadline=None)
@given(
    st.lists(valid_row(), min_size=1, max_size=30),
    st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2024, 1, 1)),
)
def test_batch_known_on_equals_determine(rows: list[dict[str, str]], known: dt.date) -> None:
    results, _, _ = screen_frame(_frame(rows), REGIMES, known_on=known)  # type: ignore[arg-type]
    for rec in results.iter_rows(named=True):
        r = rows[int(rec["line_id"])]
        d = determine(
            r["exporter"],
            r["destination"],
            r["item"],
            r["ship_date"],
            known_on=known,
            value=int(r["value"]) if r["value"] else None,
            end_use=r["end_use"] or None,  # type: ignore[arg-type]
            informed=r["informed"] == "true",
            regimes=REGIMES,
        )
        assert (rec["licence_required"], rec["routes"], rec["catch_all"], rec["destination_groups"]) == (
            d.licence_required,
            d.routes,
            d.catch_all,
            d.destination_groups,
        )


SAMPLE = [
    {"exporter": "JP", "destination": "KR", "item": "hydrogen fluoride", "ship_date": "2019-07-03"},
    {"exporter": "JP", "destination": "KR", "item": "hydrogen fluoride", "ship_date": "2019-07-04"},
    {"exporter": "JP", "destination": "KR", "item": "photoresist", "ship_date": "2020-01-15"},
    {"exporter": "JP", "destination": "US", "item": "row 7", "ship_date": "2020-01-15"},
    {"exporter": "JP", "destination": "Narnia", "item": "HF", "ship_date": "2020-01-15"},
    {"exporter": "JP", "destination": "KR", "item": "HF", "ship_date": "2019-02-30"},
]


def _write(df: pl.DataFrame, path: Path) -> None:
    if path.suffix == ".csv":
        df.write_csv(path)
    elif path.suffix == ".parquet":
        df.write_parquet(path)
    else:
        df.write_ndjson(path)


def _read(path: Path) -> pl.DataFrame:
    return (
        pl.read_csv(path, infer_schema=False)
        if path.suffix == ".csv"
        else (pl.read_parquet(path) if path.suffix == ".parquet" else pl.read_ndjson(path))
    )


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_screen_file_formats(tmp_path: Path, suffix: str) -> None:
    src, out = tmp_path / f"in{suffix}", tmp_path / f"out{suffix}"
    _write(pl.DataFrame([{"line_id": str(i), **r} for i, r in enumerate(SAMPLE)]), src)
    summary = screen_file(src, out, None, REGIMES, chunk_rows=2)
    rejects = tmp_path / f"out.rejects{suffix}"
    got, bad = _read(out), _read(rejects)
    assert (summary.rows_in, summary.screened, summary.rejected) == (6, 4, 2)
    assert got.height == 4 and bad.height == 2 and set(bad["line_id"].to_list()) == {"4", "5"}
    # Each line's answer is a number into the table of outcomes written beside the results.
    outcomes = _read(tmp_path / f"out.outcomes{suffix}")
    routes = dict(zip(outcomes["outcome"].to_list(), outcomes["routes"].to_list(), strict=True))
    line = got.filter(pl.col("line_id").cast(pl.Utf8) == "0").row(0, named=True)
    expected = ["individual", "general_bulk", "special_general_bulk"]
    assert routes[line["outcome"]] == (";".join(expected) if suffix == ".csv" else expected)
    assert "regime_version" in outcomes.columns and "routes" not in got.columns and "error" in bad.columns
    assert set(got["outcome"].to_list()) <= set(outcomes["outcome"].to_list())
    # --lists: the answer in full on every line, the same answer.
    wide = tmp_path / f"wide{suffix}"
    screen_file(src, wide, None, REGIMES, chunk_rows=2, options=FileOptions(lists=True))
    assert not (tmp_path / f"wide.outcomes{suffix}").exists()
    assert _read(wide).equals(with_answers(got, outcomes))


def test_screen_cli_summary_and_errors(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    pl.DataFrame([{"line_id": str(i), **r} for i, r in enumerate(SAMPLE)]).write_csv(src)
    result = CliRunner().invoke(app, ["screen", str(src), "-o", str(tmp_path / "out.parquet")])
    assert result.exit_code == 0, result.output
    assert "rows in: 6  screened: 4  rejected: 2  needing a licence or an approval: 4" in result.stdout
    pl.DataFrame({"line_id": ["1"], "exporter": ["JP"]}).write_csv(tmp_path / "short.csv")
    result = CliRunner().invoke(app, ["screen", str(tmp_path / "short.csv"), "-o", str(tmp_path / "o.csv")])
    assert result.exit_code == 2 and "lacks required column(s) destination (or 仕向地" in result.stderr
    assert "; item (or 品目, 貨物, 품목); ship_date (or " in result.stderr  # the names accepted for each
    result = CliRunner().invoke(app, ["screen", str(src), "-o", str(tmp_path / "o.xls")])  # .xlsx is read and written
    assert result.exit_code == 2 and "unsupported file type" in result.stderr


def test_impact_of_the_three_item_measure() -> None:
    rows = [
        {"exporter": "JP", "destination": "KR", "item": "hydrogen fluoride", "ship_date": "2019-07-03"},
        {"exporter": "JP", "destination": "KR", "item": "hydrogen fluoride", "ship_date": "2019-07-04"},
        {"exporter": "JP", "destination": "KR", "item": "resist", "ship_date": "2020-01-15"},
        {"exporter": "JP", "destination": "US", "item": "hydrogen fluoride", "ship_date": "2020-01-15"},
        {"exporter": "JP", "destination": "KR", "item": "row 5", "ship_date": "2020-01-15"},
        {"exporter": "JP", "destination": "KR", "item": "hydrogen fluoride", "ship_date": "2023-03-23"},
    ]
    changed, rejects, summary, n = impact_frame(_frame(rows), REGIMES, "jp-2019-07-three-items")  # type: ignore[arg-type]
    assert rejects.height == 0 and summary.rows_in == 6
    # On 2023-03-23 before 17:00 the measure still held: that line changes too.
    assert changed["line_id"].to_list() == ["1", "2", "5"] and n == 3
    first = changed.row(0, named=True)
    assert first["routes_without"] == ["individual", "general_bulk", "special_general_bulk"]
    assert first["routes_with"] == ["individual"]


def test_impact_of_korea_return_to_group_a() -> None:
    rows = [
        {"exporter": "JP", "destination": "KR", "item": "row 7", "ship_date": d} for d in ("2023-07-20", "2023-07-21")
    ]
    changed, _, _, _ = impact_frame(_frame(rows), REGIMES, "jp-2023-kr-table3-restoration")  # type: ignore[arg-type]
    assert changed["line_id"].to_list() == ["1"]
    assert changed.row(0, named=True)["destination_groups_without"] == ["jp:B"]


def test_impact_cli_unknown_measure(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"line_id": "1", **SAMPLE[0]}) + "\n")
    result = CliRunner().invoke(app, ["impact", "jp-2019-07-three-itemz", str(src), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "jp-2019-07-three-items" in result.stderr


def test_blocked_parallel_codes_equal_one_pass() -> None:
    import numpy as np

    from exportctl.engine.compiled import BLOCK, compiled, days

    c = compiled(REGIMES["JP"])
    n = BLOCK * 3 + 17
    rng = np.random.default_rng(3)
    args = (
        rng.integers(days(dt.date(1985, 1, 1)), days(dt.date(2070, 1, 1)), n),
        rng.integers(0, len(c.countries), n),
        rng.integers(0, len(c.entries), n),
        rng.integers(0, 8, n),
        np.where(rng.random(n) < 0.5, rng.integers(0, 2_000_000, n), -1),
    )
    once = c.codes(*args)  # evaluates the cells met (the table is filled lazily), then gathers
    assert (once >= 0).all()
    assert np.array_equal(once, c._codes(*args))


def test_line_ids_flag_repeats_across_sealed_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Full runs go to temporary files; a repeat is still found in any earlier run, and only a repeat."""
    import numpy as np

    from exportctl.batch import screen

    monkeypatch.setattr(screen, "RUN_CAP", 8)
    monkeypatch.setattr(screen, "SPARSE", 3)  # blocks of 3 hashes: most lookups read another block
    monkeypatch.setattr(screen, "BLOOM_MIN", 4)  # the filter is made again, larger, as ids come
    ids = screen.LineIds()
    seen: set[str] = set()
    rng = np.random.default_rng(3)
    for _ in range(30):
        # Ids repeated within a chunk and across chunks; a missing id is never a repeat.
        chunk = [None if v % 23 == 0 else str(v) for v in rng.integers(0, 150, 7)]
        expected = []
        for v in chunk:
            expected.append(v is not None and v in seen)
            if v is not None:
                seen.add(v)
        assert ids.repeats(pl.Series(chunk, dtype=pl.Utf8)).tolist() == expected
    assert len(ids.sealed) > 1 and all(run.size < 8 for run in ids.runs)
    assert sum(r.size for r in ids.sealed) + sum(run.size for run in ids.runs) == len(seen)
    assert ids.filter is not None and ids.filter.count == sum(run.size for run in ids.runs)


def test_line_ids_without_room_on_disk_keep_the_run_in_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from exportctl.batch import screen

    def full(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(screen, "RUN_CAP", 4)
    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    ids = screen.LineIds()
    assert not ids.repeats(pl.Series([str(i) for i in range(10)])).any()
    assert ids.sealed and ids.sealed[0].held is not None
    assert ids.repeats(pl.Series(["3", "10", "9"])).tolist() == [True, False, True]


def test_values_in_other_digits_or_past_the_column_s_range_are_read_as_check_reads_them() -> None:
    """A value written in full-width digits (５００ from a Japanese sheet), in another script's digits
    or past 2**63-1 was read by the batch as no value at all: no error, and an answer for a line
    without a value (the small-value exemption's warning instead of its verdict). Each is now the
    amount ``check`` reads; one past ``check``'s largest (10**15) is refused, as ``check`` refuses it."""
    values = {
        "５００": 500,
        "٥٠٠": 500,
        "５００.０": 500,
        "１２０００００": 1_200_000,
        "1000000000000000": 10**15,
        " 50000 ": 50000,
    }
    base = {"exporter": "JP", "currency": "", "end_use": "", "informed": "", "ship_date": "2024-06-03"}
    rows = [
        {**base, "destination": to, "item": item, "value": text}
        for text in values
        for to in ("CN", "US")
        for item in ("hydrogen fluoride", "catch-all", "row 5")
    ]
    results, rejects, _ = screen_frame(_frame(rows), REGIMES, audit=True)  # type: ignore[arg-type]
    assert rejects.height == 0, rejects["error"].to_list()
    for rec in results.iter_rows(named=True):
        row = rows[int(rec["line_id"])]
        d = _determine({**row, "value": str(values[row["value"]])})
        kinds = list(dict.fromkeys(n.kind for n in d.notices))
        assert (rec["licence_required"], rec["needs"], rec["exemptions"], rec["warning_kinds"]) == (
            d.licence_required,
            d.needs,
            d.exemptions,
            kinds,
        ), row
    # Not whole amounts, in any digits, and amounts past check's largest: refused, by name.
    bad = [{**base, "destination": "CN", "item": "row 5", "value": v} for v in ("１２.５", "－５", "1,000")]
    results, rejects, _ = screen_frame(_frame(bad), REGIMES)  # type: ignore[arg-type]
    assert results.height == 0 and set(rejects["error"].to_list()) == {
        "value must be a whole non-negative amount",
        "value '1,000' has a thousands separator; write the amount in digits only (1000)",
    }
    big = ["1000000000000001", "99999999999999999999", "１０００００００００００００００１"]
    results, rejects, _ = screen_frame(
        _frame([{**base, "destination": "CN", "item": "row 5", "value": v} for v in big]), REGIMES
    )  # type: ignore[arg-type]
    assert results.height == 0 and set(rejects["error"].to_list()) == {TOO_LARGE}
    with pytest.raises(ValidationError):
        CheckQuery(exporter="JP", destination="CN", item="row 5", on="2024-06-03", value=10**15 + 1)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=10_000_000), max_size=3, unique=True),
    st.lists(st.integers(min_value=-1, max_value=10_000_000), min_size=1, max_size=50),
)
def test_value_buckets_are_the_binary_search(ceilings: list[int], values: list[int]) -> None:
    # the exemptions' value buckets by one comparison a ceiling are those of a binary search
    # (values equal to a ceiling included: within it)
    import numpy as np

    from exportctl.batch.screen import _value_buckets

    c = np.array(sorted(ceilings), dtype=np.int64)
    v = np.array(values + [x for x in ceilings], dtype=np.int64)
    expect = np.where(v < 0, 0, 1 + np.searchsorted(c, v, side="left"))
    assert (_value_buckets(c, v) == expect).all()


def test_lines_say_what_must_be_obtained_and_what_is_refused_as_check_does() -> None:
    """Session review S25-5 and S25-12: an approval, a licence and an approval, a ban's approval not
    granted in principle, and an approval an exemption leaves: each batch line's ``needs`` and
    ``refused`` are ``check``'s, also below the small-value ceiling (the exemption's own outcome)."""
    base = {"currency": "", "end_use": "", "informed": "", "ship_date": "2026-12-10", "value": ""}
    cases = [
        ("JP", "KP", "catch-all", "", ["approval"], ["approval"]),
        ("JP", "RU", "jp:6(2)", "1000", ["approval"], ["approval"]),
        ("JP", "RU", "jp:6(2)", "5000000", ["licence", "approval"], ["approval"]),
        ("JP", "CN", "jp:2(1)", "", ["licence", "approval"], []),
        ("JP", "CN", "jp:6(2)", "1000", [], []),
        ("JP", "US", "catch-all", "", [], []),
        ("KR", "RU", "kr:3A001", "", ["licence"], ["individual"]),
        ("KR", "KP", "kr:3A002", "", ["licence", "approval"], []),
        ("KR", "KP", "kr:3A001", "", ["licence", "approval"], ["individual"]),
        ("KR", "IR", "kr:2B201", "", ["licence"], ["individual"]),
        ("KR", "IR", "kr:5A002", "", ["licence"], []),
    ]
    rows = [{**base, "exporter": e, "destination": t, "item": i, "value": v} for e, t, i, v, _, _ in cases]
    for lists in (True, False):
        results, rejects, _ = screen_frame(_frame(rows), REGIMES, audit=lists)  # type: ignore[arg-type]
        assert rejects.height == 0, rejects["error"].to_list()
        for rec in results.iter_rows(named=True):
            n = int(rec["line_id"])
            d = _determine(rows[n])
            assert (d.needs, d.refused) == cases[n][4:], cases[n]
            assert (rec["needs"], rec["refused"]) == (d.needs, d.refused), cases[n]


def test_the_summary_names_the_cautions_that_say_the_data_may_be_out_of_date(tmp_path: Path) -> None:
    """Session review S27-10: the summary line said nothing of the Annex not read this week's Korean lines
    rest on; each such caution is now a warning after it, on stderr."""
    src = tmp_path / "in.csv"
    src.write_text("line_id,exporter,destination,item,ship_date\n1,KR,CN,kr:1C010,2026-12-08\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["screen", str(src), "-o", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    assert "warning: Annex 2 of 고시 제2026-101호 not read [kr.caution.annex2-from-2026-09-01]" in result.stderr
    assert "[kr.caution.data-currency]" in result.stderr and "rows in: 1" in result.stdout
