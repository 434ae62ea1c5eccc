"""The command line through Typer's runner: the --json contract, charts, and clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exportctl.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_json_contract() -> None:
    code, out, _ = run(
        "check", "--exporter", "JP", "--to", "KR", "--item", "hydrogen fluoride", "--on", "2020-01-15", "--json"
    )
    assert code == 0
    d = json.loads(out)
    for key in (
        "exporter",
        "destination",
        "on",
        "item",
        "destination_groups",
        "licence_required",
        "routes",
        "exemptions",
        "catch_all",
        "warnings",
        "trace",
        "regime_version",
    ):
        assert key in d
    assert d["item"] == {"id": "jp:3(1)", "title": d["item"]["title"]}
    assert d["destination_groups"] == ["jp:B"] and d["routes"] == ["individual"] and d["licence_required"] is True
    step = d["trace"][0]
    assert {"rule", "effect", "source", "valid_from", "valid_to"} <= set(step)
    assert {"instrument", "article", "url", "confidence"} <= set(step["source"])


def test_check_human_output_names_verdict_and_sources() -> None:
    code, out, _ = run("check", "-e", "JP", "-t", "South Korea", "-i", "photoresist", "--on", "2019-07-02")
    assert code == 0
    assert "LICENCE REQUIRED" in out and "general_bulk" in out and "2019-07-04" in out


def test_check_human_output_keeps_review_and_maximum_processing_periods_apart() -> None:
    # Korea's individual licence: a usual review of 5 days (procedure) and a legal maximum of 15
    # for processing; shown as "review days: 15" beside "review days: 5" they contradicted each other.
    code, out, _ = run("check", "-e", "KR", "-t", "JP", "-i", "불화수소", "--on", "2023-04-28")
    assert code == 0
    text = " ".join(out.split())
    assert "maximum processing days: 15" in text and "review days: 5" in text
    assert "review days: 15" not in text


def test_status_json() -> None:
    code, out, _ = run("status", "--exporter", "JP", "--country", "KR", "--on", "2020-01-15", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["exporter"] == "JP" and d["country"] == "KR" and d["on"] == "2020-01-15" and d["groups"] == ["jp:B"]


def test_timeline_json_both_directions() -> None:
    code, out, _ = run("timeline", "JP", "KR", "--json")
    assert code == 0
    rows = json.loads(out)["intervals"]
    assert {"exporter", "country", "group", "from", "to", "measure"} <= set(rows[0])
    spans = {(r["group"], r["from"], r["to"]) for r in rows}
    assert ("jp:B", "2019-08-28", "2023-07-21") in spans and ("jp:A", "2023-07-21", None) in spans
    code, out, _ = run("timeline", "KR", "JP", "--json")
    spans = {(r["group"], r["from"], r["to"]) for r in json.loads(out)["intervals"]}
    assert ("kr:Ga-2", "2019-09-18", "2023-04-28") in spans and ("kr:Ga", "2023-04-28", None) in spans


@pytest.mark.parametrize("suffix", [".svg", ".png", ".html"])
def test_timeline_chart(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"story{suffix}"
    code, _, _ = run("timeline", "JP", "KR", "--chart", str(target))
    assert code == 0 and target.stat().st_size > 1000
    head = target.read_bytes()[:2000]
    if suffix == ".png":
        assert head.startswith(b"\x89PNG")
    elif suffix == ".svg":
        assert b"<svg" in head
    else:
        text = target.read_text(encoding="utf-8")
        assert "jp-2019-kr-table3-removal" in text and "kr-2019-ga2-japan" in text
        assert "jp-2019-07-three-items" in text and "kr-2023-03-ds590-withdrawn" in text  # licensing/dispute markers


def test_the_static_chart_draws_every_label_in_its_font(tmp_path: Path) -> None:
    """The README's first command writes this chart: a measure title in katakana (the 2025 chip-tool
    sub-items were titled コ, エ ...) came out as empty boxes, with a matplotlib warning per glyph."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code, _, _ = run("timeline", "JP", "KR", "--chart", str(tmp_path / "story.svg"))
    assert code == 0
    assert not [w for w in caught if "missing from font" in str(w.message)]


def _fresh_process(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``exportctl ARGS`` in a new interpreter, as a user runs it (not the Typer app in this process)."""
    return subprocess.run(
        [sys.executable, "-m", "exportctl", *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def test_a_static_chart_leaves_home_untouched(tmp_path: Path) -> None:
    """matplotlib's font cache and config go to a temporary folder, removed at exit, not to $HOME.

    In a fresh process: matplotlib picks its folders when first imported, which the test
    process may already have done."""
    import os

    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "MPL"))}
    env.update(HOME=str(home), TMPDIR=str(tmp), EXPORTCTL_DATA_DIR=str(tmp_path / "data"))
    target = tmp_path / "story.svg"
    proc = _fresh_process(["timeline", "JP", "KR", "--chart", str(target)], env)
    assert proc.returncode == 0, proc.stderr
    assert target.stat().st_size > 1000
    assert list(home.rglob("*")) == [] and list(tmp.iterdir()) == []


def test_a_database_file_is_whole_on_its_own_after_a_command(tmp_path: Path) -> None:
    """The command line leaves nothing in SQLite's write-ahead log: a copy of the .db file alone holds the tables
    and the key just made. In a fresh process, as a user runs it (the exit path freezes the heap, so the engines
    must be closed before, not by a finalizer)."""
    import os
    import shutil
    import sqlite3

    db = tmp_path / "a.db"
    env = {**os.environ, "EXPORTCTL_DATA_DIR": str(tmp_path / "data"), "EXPORTCTL_DATABASE_URL": f"sqlite:///{db}"}
    for args in (["db", "upgrade"], ["keys", "create", "ci"]):
        proc = _fresh_process(args, env)
        assert proc.returncode == 0, proc.stderr
    copy = tmp_path / "copy" / "a.db"
    copy.parent.mkdir()
    shutil.copy(db, copy)  # the file alone, without a.db-wal
    with sqlite3.connect(copy) as conn:
        keys = conn.execute("SELECT count(*) FROM api_keys").fetchone()[0]
    assert keys == 1


def test_chart_bad_format(tmp_path: Path) -> None:
    code, _, err = run("timeline", "JP", "KR", "--chart", str(tmp_path / "x.gif"))
    assert code == 2 and "unsupported chart format" in err


def test_diff_json() -> None:
    code, out, _ = run("diff", "JP", "2019-01-01", "2020-01-01", "--json")
    assert code == 0
    d = json.loads(out)
    kr = next(m for m in d["memberships"] if m["country"] == "KR")
    assert kr["before"] == ["jp:A"] and kr["after"] == ["jp:B"] and kr["measures"] == ["jp-2019-kr-table3-removal"]
    assert {r["id"] for r in d["rules"]} >= {"jp.2019.three-items.individual-only", "jp.2019.resist.specific-bulk"}
    code, out, _ = run("diff", "JP", "2023-01-01", "2023-08-01", "--json")
    d = json.loads(out)
    # The 23 chip tools of 2023, each once: METI's lookup groups (the lithography group) are no
    # legal record and no longer counted beside them (S27-18); the 17:00 change says its hour.
    added = [i["id"] for i in d["items"] if i["change"] == "added" and i["date"] == "2023-07-23"]
    assert len(added) == 23 and "jp:7(16)-wo" in added and "jp:7(16)-lithography" not in added
    assert {(r["id"], r["time"]) for r in d["rules"] if r["date"] == "2023-03-23"} >= {
        ("jp.2023.three-items.special-general", "17:00")
    }


def test_items_groups_measures() -> None:
    code, out, _ = run("items", "resist", "--json")
    assert code == 0 and any(e["id"] == "jp:7(19)" for e in json.loads(out)["items"])
    code, out, _ = run("groups", "JP", "--on", "2020-01-15", "--json")
    groups = {g["group"]: g for g in json.loads(out)["groups"]}
    assert len(groups["jp:A"]["members"]) == 26 and "KR" not in {m["country"] for m in groups["jp:A"]["members"]}
    code, out, _ = run("groups", "JP", "--on", "2023-08-01", "--json")
    assert len({m["country"] for m in json.loads(out)["groups"][0]["members"]}) == 27
    code, out, _ = run("measures", "JP", "--json")
    ids = {m["id"] for m in json.loads(out)["measures"]}
    assert {"jp-2019-07-three-items", "kr-2019-09-ds590-consultations", "kr-2023-03-ds590-withdrawn"} <= ids
    code, out, _ = run("measures", "KR")
    assert code == 0 and "DS590" in out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["check", "-e", "JP", "-t", "Narnia", "-i", "HF", "--on", "2020-01-15"], "unknown country 'Narnia'"),
        (["check", "-e", "JP", "-t", "KR", "-i", "unobtainium", "--on", "2020-01-15"], "unknown item 'unobtainium'"),
        (["check", "-e", "JP", "-t", "KR", "-i", "hydrogen flouride", "--on", "2020-01-15"], "jp:3(1)"),
        (["check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "2019-02-30"], "impossible shipment date '2019-02-30'"),
        (["check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "15/01/2020"], "use YYYY-MM-DD"),
        (["check", "-e", "US", "-t", "KR", "-i", "HF", "--on", "2020-01-15"], "no export-control regime"),
        (["check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "2020-01-15", "--currency", "JPY"], "without a value"),
        (
            ["check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "2020-01-15", "--value", "5", "--currency", "USD"],
            "convert the value",
        ),
        (
            ["check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "2020-01-15", "--value", "5", "--currency", "XXQ"],
            "unknown currency",
        ),
        (["check", "-e", "JP", "-t", "JP", "-i", "HF", "--on", "2020-01-15"], "exporting jurisdiction itself"),
        (
            ["check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "2020-01-15", "--end-use", "peaceful"],
            "unknown end use",
        ),
        (["check", "-e", "JP", "-t", "KR", "-i", "equipment", "--on", "2024-01-01"], "candidates"),
        (["diff", "JP", "2020-01-01", "2019-01-01"], "must be after"),
    ],
)
def test_errors_are_one_clear_line(args: list[str], needle: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert needle in err and "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1


def test_validate_command_reports_file_and_line(regime_copy: Path) -> None:
    code, out, _ = run("validate")
    assert code == 0 and "JP: OK" in out
    path = regime_copy / "kr" / "groups.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{country: JP, from: 2019-09-18", "{country: JPN, from: 2019-09-18"),
        encoding="utf-8",
    )
    code, _, err = run("validate", str(regime_copy / "kr"))
    assert code == 2 and "groups.yaml:" in err and "JPN" in err


def test_a_missing_extra_is_named_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    lines = tmp_path / "lines.csv"
    lines.write_text("line_id,exporter,destination,item,ship_date\n1,JP,KR,HF,2020-01-15\n", encoding="utf-8")

    real_import = builtins.__import__

    def no_polars(name: str, *args: object, **kwargs: object) -> object:
        if name == "polars" or name.startswith("polars."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_polars)
    code, _, err = run("screen", str(lines), "-o", str(tmp_path / "out.csv"))
    assert code == 2 and err.count("\n") == 1 and "pip install 'exportctl[batch]'" in err


def test_items_table_cuts_long_alias_lists_and_says_so() -> None:
    """Row 3(1)'s chemicals have some 300 aliases: the table shows a few, first those that match."""
    r = CliRunner().invoke(app, ["items", "sodium fluoride", "-e", "JP"])
    assert r.exit_code == 0
    assert "more;" in r.stdout and "lists all)" in r.stdout and len(r.stdout.splitlines()) < 60
    aliases = "".join(line.split("│")[4].strip() for line in r.stdout.splitlines() if line.count("│") == 5)
    assert aliases.startswith("sodiumfluoride") or aliases.casefold().startswith("sodium fluoride")


def test_check_without_a_date_answers_for_today() -> None:
    # The issue's own example: `check -e KR -t CN -i 1C350`, no --on. Today's date, named in the answer.
    import datetime as dt

    code, out, _ = run("check", "-e", "KR", "-t", "CN", "-i", "1C350", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["on"] == dt.date.today().isoformat() and d["licence_required"] is True
    assert "individual" in d["routes"]


def test_items_json_carries_the_crosswalk_with_its_confidence() -> None:
    # A search by an international number says, per entry, which numbers it implements and how
    # sure the data is: Korea's Annex 2 prints the number (confirmed), Japan's is matched (inferred).
    code, out, _ = run("items", "2B001", "--json")
    hits = {i["id"]: i["equivalents"] for i in json.loads(out)["items"]}
    assert code == 0
    assert {"scheme": "wassenaar", "code": "2B001", "confidence": "inferred"} in hits["jp:6(2)"]
    assert {"scheme": "wassenaar", "code": "2B001", "confidence": "confirmed"} in hits["kr:2B001"]


@pytest.mark.parametrize("item", ["フッ化水素", "jp:3(1)"])
def test_an_item_in_the_other_country_s_words_suggests_this_list_s_entry(item: str) -> None:
    # Korea's entries carry no Japanese names: the error pointed nowhere, though classify ranked
    # kr:1C350 first; now the other list's words and the shared control numbers suggest it.
    code, out, err = run("check", "-e", "KR", "-t", "JP", "-i", item, "--on", "2024-01-10")
    assert code == 2 and not out
    assert err.startswith(f"error: unknown item '{item}' in the KR control list (did you mean: kr:1C350")
