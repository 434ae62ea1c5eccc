"""Legal review 36 (the law's vocabulary): an approval (承認, 승인) is not a licence (許可, 허가).

Before, every answer needing an approval read "licence required" (許可が必要, 허가 필요), also where
a small-value exemption lifts the licence and only the approval stays (row 6 goods to Russia at
JPY 500,000). ``needs`` says what must be obtained, and the CLI and the web page head the answer
with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exportctl.engine.determine import determine_in
from exportctl.interfaces.render import VERDICTS, verdict_words
from tests.test_screen import REGIMES

I18N = Path(__file__).parents[1] / "src" / "exportctl" / "api" / "static" / "i18n"


@pytest.mark.parametrize(
    ("exporter", "to", "item", "value", "needs", "words"),
    [
        ("JP", "RU", "jp:6(2)", 500_000, ["approval"], "APPROVAL REQUIRED - NOT GRANTED IN PRINCIPLE (approval)"),
        (
            "JP",
            "RU",
            "jp:6(2)",
            5_000_000,
            ["licence", "approval"],
            "LICENCE AND APPROVAL REQUIRED - NOT GRANTED IN PRINCIPLE (approval)",
        ),
        ("JP", "KP", "jp:16", None, ["approval"], "APPROVAL REQUIRED - NOT GRANTED IN PRINCIPLE (approval)"),
        ("KR", "KP", "kr:catch-all", None, ["approval"], "APPROVAL REQUIRED"),
        ("KR", "RU", "kr:catch-all", None, ["licence"], "LICENCE REQUIRED"),  # Annex 2-2's situational licence
        ("JP", "CN", "jp:6(2)", None, ["licence"], "LICENCE REQUIRED"),
        ("JP", "US", "jp:16", None, [], "NO LICENCE REQUIRED"),
    ],
)
def test_the_answer_says_what_must_be_obtained(
    exporter: str, to: str, item: str, value: int | None, needs: list[str], words: str
) -> None:
    d = determine_in(REGIMES, exporter, to, item, "2026-12-10", value=value)
    assert d.needs == needs
    assert d.licence_required == bool(needs)
    assert verdict_words(d) == words


def test_every_headline_is_worded_in_each_language() -> None:
    keys = {
        "no_licence_required",
        "licence_required",
        "approval_required",
        "licence_and_approval_required",
        "not_granted",
    }
    for lang in ("en", "ja", "ko"):
        strings = json.loads((I18N / f"{lang}.json").read_text("utf-8"))
        assert keys <= set(strings), lang
    ja = json.loads((I18N / "ja.json").read_text("utf-8"))
    assert "承認" in ja["approval_required"] and "許可" not in ja["approval_required"]
    # An approval not granted is not 不許可 either (session review S26-7).
    assert "許可" not in ja["not_granted"]
    assert len(VERDICTS) == 4


@pytest.mark.parametrize(
    ("exporter", "name", "expect"),
    [
        (
            "KR",
            "전략물자",
            None,
        ),  # Annex 2 and Annex 3 alike (Notice Art. 2(2)): asks, never the non-sensitive class alone
        ("KR", "strategic item", None),
        ("KR", "이중용도품목", None),
        ("KR", "비전략물자", "kr:catch-all"),
        ("JP", "補完的輸出規制", "jp:16"),
        # Words inside a catch-all alias are leads, not the catch-all (session review S25-1): they said "no licence".
        ("KR", "strategic goods", None),
        ("JP", "輸出規制", None),
        ("JP", "規制", None),
        ("JP", "listed goods", None),
        # The local titles of the catch-all entries are their own names (session review S25B-4).
        ("KR", "상황허가 대상", "kr:catch-all"),
        ("JP", "一六の項（一）", "jp:16(1)"),
    ],
)
def test_the_law_s_own_class_names(exporter: str, name: str, expect: str | None) -> None:
    """Review 36 (R36-2, R36-6): 전략물자 read as the non-sensitive class offered comprehensive
    licences; 이중용도품목 and 補完的輸出規制 were unknown, and 비전략물자 went to the strategic class."""
    from exportctl.errors import InputError

    if expect is None:
        with pytest.raises(InputError, match=r"matches|no entry|unknown item"):
            determine_in(REGIMES, exporter, "CN", name, "2026-12-10")
    else:
        assert determine_in(REGIMES, exporter, "CN", name, "2026-12-10").item.id == expect
