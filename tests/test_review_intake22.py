"""User review 22: intake's corroboration, encodings, folders and notes; warnings on proposals that change nothing.

Each test failed before its fix, as its docstring says.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from exportctl.cli import app

runner = CliRunner()
#: The reviewer's news/en1.txt: Japan removes the Philippines from its preferred list (Group A).
EN1 = (
    "TOKYO, Dec. 3 (Reuters) - Japan's Ministry of Economy, Trade and Industry said on Thursday it will remove the "
    "Philippines from its\nlist of preferred trading partners, effective January 15, 2027, citing concerns over "
    "export management. The cabinet approved the change to\nthe Export Trade Control Order on Thursday.\n"
)


def _proposal(pid: str) -> dict:  # type: ignore[type-arg]
    listed = json.loads(runner.invoke(app, ["proposals", "list", "--json"]).stdout)["proposals"]
    assert [p["id"] for p in listed] == [pid]
    shown = yaml.safe_load(runner.invoke(app, ["proposals", "show", pid]).stdout)
    assert isinstance(shown, dict)
    return shown


def test_two_copies_of_one_article_are_one_report_not_a_confirmation(tmp_path: Path) -> None:
    """M6: copyA.txt and copyB.txt, the same text, were two sources by two "publishers" (their file
    names), so the proposal was ``confirmed`` (corroboration 2)."""
    (tmp_path / "copyA.txt").write_text(EN1, encoding="utf-8")
    (tmp_path / "copyB.txt").write_text("  " + EN1.replace(" ", "  ") + "\n\n", encoding="utf-8")  # whitespace only
    r = runner.invoke(
        app, ["intake", str(tmp_path / "copyA.txt"), str(tmp_path / "copyB.txt"), "--published", "2026-12-03", "--json"]
    )
    assert r.exit_code == 0, r.stderr
    out = json.loads(r.stdout)
    [rec] = out["measures"]
    assert rec["corroboration"] == 1
    assert out["documents"][1]["same_as"] == str(tmp_path / "copyA.txt")
    assert any("same text as" in n for n in out["notes"])
    shown = _proposal(rec["proposal"])
    assert shown["provenance"]["corroboration"] == 1
    assert shown["measure"]["effective"]["source"]["confidence"] == "single"


def test_file_names_are_no_independent_publishers_but_named_publishers_are(tmp_path: Path) -> None:
    """M6: two different texts saved as files counted their file names as two independent publishers
    (``confirmed``); a file's publisher is now unknown unless ``--publisher PATH=NAME`` names it."""
    a, b = tmp_path / "reuters.txt", tmp_path / "kyodo.txt"
    a.write_text(EN1, encoding="utf-8")
    b.write_text(EN1.replace("(Reuters)", "(Kyodo)").replace("citing concerns", "over concerns"), encoding="utf-8")
    r = runner.invoke(app, ["intake", str(a), str(b), "--published", "2026-12-03", "--json"])
    [rec] = json.loads(r.stdout)["measures"]
    assert rec["corroboration"] == 2
    source = _proposal(rec["proposal"])["measure"]["effective"]["source"]
    assert source["confidence"] == "single"
    assert sorted(e["publisher"] for e in source["evidence"]) == [
        "unknown (file kyodo.txt)",
        "unknown (file reuters.txt)",
    ]
    other = ["--database", f"sqlite:///{tmp_path / 'named.db'}"]
    named = ["--publisher", f"{a}=Reuters", "--publisher", f"{b}=Kyodo"]
    r = runner.invoke(app, ["intake", str(a), str(b), "--published", "2026-12-03", "--json", *named, *other])
    assert r.exit_code == 0, r.stderr
    shown = yaml.safe_load(runner.invoke(app, ["proposals", "show", rec["proposal"], *other]).stdout)
    source = shown["measure"]["effective"]["source"]
    assert source["confidence"] == "confirmed"
    assert sorted(e["publisher"] for e in source["evidence"]) == ["Kyodo", "Reuters"]


def test_publisher_option_refuses_a_document_not_given(tmp_path: Path) -> None:
    """--publisher is new with M6; a name for a file not given is one clear line."""
    (tmp_path / "a.txt").write_text(EN1, encoding="utf-8")
    r = runner.invoke(app, ["intake", str(tmp_path / "a.txt"), "--publisher", "b.txt=Reuters", "--no-propose"])
    assert r.exit_code == 2 and "--publisher names a document not given: b.txt" in r.stderr
