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


JA = "経済産業省は12月3日、フィリピンをグループAから除外すると発表した。2027年1月15日に施行。\n"
KO = "산업통상자원부는 12월 3일 필리핀을 가 지역에서 제외한다고 밝혔다. 2027년 1월 15일부터 시행된다.\n"


def test_japanese_in_shift_jis_and_korean_in_cp949_or_euc_kr_are_read(tmp_path: Path) -> None:
    """M10: a Japanese article saved in Shift_JIS (and Korean in CP949) was read as Latin-1 and
    refused as "does not look like English, Japanese or Korean text"."""
    for name, text, codec, state in [
        ("sjis.txt", JA, "cp932", "JP"),
        ("sjis2.txt", JA, "shift_jis", "JP"),
        ("uhc.txt", KO, "cp949", "KR"),
        ("euc.txt", KO, "euc_kr", "KR"),
    ]:
        (tmp_path / name).write_bytes(text.encode(codec))
        r = runner.invoke(app, ["intake", str(tmp_path / name), "--published", "2026-12-03", "--json", "--no-propose"])
        assert r.exit_code == 0, (name, r.stderr)
        [rec] = json.loads(r.stdout)["measures"]
        assert (rec["jurisdiction"], rec["targets"], rec["effective"]) == (state, ["PH"], "2027-01-15"), name


def test_an_unreadable_encoding_names_the_encodings_tried_and_a_bom_alone_is_empty(tmp_path: Path) -> None:
    """M10: bytes in no encoding read were "not English, Japanese or Korean"; a file holding only a
    UTF-8 byte order mark got that message too instead of "empty"."""
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf")
    r = runner.invoke(app, ["intake", str(tmp_path / "bom.txt"), "--no-propose"])
    assert r.exit_code == 2 and r.stderr.strip() == f"error: {tmp_path / 'bom.txt'} is empty"
    (tmp_path / "cyrillic.txt").write_bytes(
        "Министерство экономики объявило об изменениях в правилах.".encode("cp1251")
    )
    r = runner.invoke(app, ["intake", str(tmp_path / "cyrillic.txt"), "--no-propose"])
    assert r.exit_code == 2
    assert "is not UTF-8 text" in r.stderr and "CP932 (Shift_JIS), CP949 (EUC-KR)" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_a_folder_is_named_as_a_folder(tmp_path: Path) -> None:
    """L15: ``intake news/`` said "no such file: news"."""
    (tmp_path / "news").mkdir()
    r = runner.invoke(app, ["intake", str(tmp_path / "news"), "--no-propose"])
    assert r.exit_code == 2 and "is a folder, not a file; give the files in it" in r.stderr


def test_without_a_publication_date_a_note_says_relative_dates_stay_unresolved(tmp_path: Path) -> None:
    """L16: without --published, "on Thursday" was silently left unresolved."""
    (tmp_path / "a.txt").write_text(EN1, encoding="utf-8")
    out = json.loads(runner.invoke(app, ["intake", str(tmp_path / "a.txt"), "--json", "--no-propose"]).stdout)
    assert any("no publication date" in n and "--published" in n for n in out["notes"])
    out = json.loads(
        runner.invoke(
            app, ["intake", str(tmp_path / "a.txt"), "--json", "--no-propose", "--published", "2026-12-03"]
        ).stdout
    )
    assert out["notes"] == []
    text = runner.invoke(app, ["intake", str(tmp_path / "a.txt"), "--no-propose"]).stdout
    assert "could not be resolved; give --published" in text


def test_a_proposal_that_changes_no_group_is_flagged_at_intake_and_at_acceptance(tmp_path: Path) -> None:
    """M11: Japan "removing" the Philippines from Group A (it was never in it) was proposed and
    accepted as an overlay that changes nothing, and nothing said so."""
    (tmp_path / "en1.txt").write_text(EN1, encoding="utf-8")
    r = runner.invoke(app, ["intake", str(tmp_path / "en1.txt"), "--published", "2026-12-03", "--json"])
    out = json.loads(r.stdout)
    pid = out["measures"][0]["proposal"]
    expected = "PH is not in jp:A on 2027-01-15, so removing it has no effect"
    assert any(n.startswith(f"proposal {pid}: {expected}") for n in out["notes"])
    r = runner.invoke(app, ["proposals", "accept", pid, "--reviewer", "qa"])
    assert r.exit_code == 0
    assert [line for line in r.stderr.splitlines() if line.startswith("warning:")] == [
        f"warning: {expected}: check the proposal"
    ]


def test_adding_a_country_already_in_the_group_is_flagged_and_a_real_change_is_not() -> None:
    """M11, the other direction: adding a country to a group it is already in has no effect either."""
    from exportctl.intake.proposals import without_effect
    from exportctl.law.loader import load_regimes

    regimes = load_regimes()

    def proposal(action: str, targets: list[str]) -> dict:  # type: ignore[type-arg]
        overlay = {"action": action, "group": "jp:A", "targets": targets, "effective": "2027-01-15"}
        return {"measure": {"authority": "JP"}, "overlay": overlay}

    assert without_effect(proposal("add_to_group", ["KR", "PH"]), regimes) == [
        "KR is already in jp:A on 2027-01-15, so adding it has no effect: check the proposal"
    ]
    assert without_effect(proposal("remove_from_group", ["US"]), regimes) == []
    assert without_effect({**proposal("measure_only", ["PH"]), "overlay": {"action": "measure_only"}}, regimes) == []
