"""Malformed regime data fails loading with the file and line of the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from exportctl.errors import RegimeError
from exportctl.law.loader import load_regime


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}: {old!r}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def _error(folder: Path) -> RegimeError:
    with pytest.raises(RegimeError) as info:
        load_regime(folder)
    return info.value


def test_shipped_regimes_load(regimes: dict[str, object]) -> None:
    assert set(regimes) == {"JP", "KR"}


def test_impossible_date_names_file_and_line(regime_copy: Path) -> None:
    line = _edit(
        regime_copy / "jp" / "groups.yaml",
        "from: 2019-04-12, measure: jp-2019-table3-2-south-sudan",
        "from: 2019-02-30, measure: jp-2019-table3-2-south-sudan",
    )
    e = _error(regime_copy / "jp")
    assert e.file.endswith("groups.yaml") and e.line == line
    assert "date" in e.message


def test_unknown_iso_code(regime_copy: Path) -> None:
    line = _edit(regime_copy / "jp" / "groups.yaml", "{country: SS,", "{country: XZ,")
    e = _error(regime_copy / "jp")
    assert e.line == line and "XZ" in e.message


def test_norway_is_not_false(regimes: dict[str, object]) -> None:
    from exportctl import status

    assert status("JP", "NO", "2020-01-01").groups == ["jp:A"]


def test_missing_source(regime_copy: Path) -> None:
    line = _edit(
        regime_copy / "jp" / "groups.yaml",
        "{country: LY, from: 2012-02-01, measure: jp-2012-table3-2-libya-sierra-leone, source: etco-co416-2011}",
        "{country: LY, from: 2012-02-01, measure: jp-2012-table3-2-libya-sierra-leone}",
    )
    e = _error(regime_copy / "jp")
    assert e.line == line and "source" in e.message


def test_unknown_source_id(regime_copy: Path) -> None:
    line = _edit(regime_copy / "jp" / "groups.yaml", "source: etco-table3-2-2019}", "source: no-such-source}")
    e = _error(regime_copy / "jp")
    assert e.line == line and "no-such-source" in e.message


def test_overlapping_membership(regime_copy: Path) -> None:
    line = _edit(
        regime_copy / "jp" / "groups.yaml", "{country: KR, from: 2023-07-21,", "{country: KR, from: 2019-01-01,"
    )
    e = _error(regime_copy / "jp")
    assert e.line == line and "overlaps" in e.message


def test_country_in_two_categories(regime_copy: Path) -> None:
    _edit(
        regime_copy / "jp" / "groups.yaml",
        "{country: KR, from: 2019-08-28, to: 2023-07-21,",
        "{country: US, from: 2019-08-28, to: 2023-07-21,",
    )
    e = _error(regime_copy / "jp")
    assert "categories are exclusive" in e.message and "US" in e.message


def test_conflicting_rules_name_both_citations(regime_copy: Path) -> None:
    path = regime_copy / "jp" / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "catch_all:\n",
        """  - id: jp.test.no-licence
    label: contradicting rule
    scope: {rows: ["7"], destinations: {countries: [US]}}
    effect: {licence_required: false}
    source: etco-art1-1

catch_all:
""",
        1,
    )
    path.write_text(text, encoding="utf-8")
    e = _error(regime_copy / "jp")
    assert "jp.list.licence-required" in e.message and "jp.test.no-licence" in e.message
    assert "disagree" in e.message and "laws.e-gov.go.jp" in e.message


def test_entry_without_deciding_rule(regime_copy: Path) -> None:
    _edit(
        regime_copy / "jp" / "rules.yaml",
        'rows: ["1", "2", "3", "3-2", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"]',
        'rows: ["1", "2", "3", "3-2", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14"]',
    )
    e = _error(regime_copy / "jp")
    assert "jp:15" in e.message and "no rule" in e.message


def test_duplicate_key(regime_copy: Path) -> None:
    line = _edit(regime_copy / "jp" / "regime.yaml", "currency: JPY\n", "currency: JPY\ncurrency: USD\n")
    e = _error(regime_copy / "jp")
    assert e.line == line + 1 and "duplicate" in e.message


def test_yaml_syntax_error(regime_copy: Path) -> None:
    line = _edit(regime_copy / "kr" / "entries.yaml", "kind: catch_all\n", "kind: [catch_all\n")
    e = _error(regime_copy / "kr")
    assert e.file.endswith("entries.yaml") and e.line is not None and e.line >= line


def test_refused_source_host(regime_copy: Path) -> None:
    """A forum, wiki or content farm may not appear in the law's data, not even as evidence."""
    line = _edit(
        regime_copy / "jp" / "sources.yaml",
        "url: https://www.asahi.com/articles/ASM874HZNM87ULFA00T.html",
        "url: http://lavender.5ch.net/test/read.cgi/news4plus/1564720474/1-1",
    )
    e = _error(regime_copy / "jp")
    assert e.line is not None and e.line >= line - 3 and "forum" in e.message


def test_confirmed_needs_the_official_text(regime_copy: Path) -> None:
    """Press is evidence, never the basis: reports alone, however many, are at most ``single`` (legal review 93)."""
    text = (regime_copy / "jp" / "sources.yaml").read_text(encoding="utf-8")
    start = text.index("- id: wto-ds590-japan-accepts")
    end = text.index("confidence: single", start)
    (regime_copy / "jp" / "sources.yaml").write_text(
        text[:end] + "confidence: confirmed" + text[end + len("confidence: single") :], encoding="utf-8"
    )
    e = _error(regime_copy / "jp")
    assert "confirmed needs the official text read" in e.message


def test_official_text_on_an_official_host(regime_copy: Path) -> None:
    _edit(
        regime_copy / "jp" / "sources.yaml",
        "url: https://laws.e-gov.go.jp/law/324AC0000000228",
        "url: https://example.org/fefta",
    )
    e = _error(regime_copy / "jp")
    assert "not on an official host" in e.message


def test_unknown_measure_reference(regime_copy: Path) -> None:
    line = _edit(
        regime_copy / "kr" / "groups.yaml",
        "{country: JP, from: 2019-09-18, to: 2023-04-28, measure: kr-2019-ga2-japan,",
        "{country: JP, from: 2019-09-18, to: 2023-04-28, measure: kr-1999-nothing,",
    )
    e = _error(regime_copy / "kr")
    assert e.line == line and "kr-1999-nothing" in e.message
