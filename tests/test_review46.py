"""Legal review 46: a random audit of Japan's answers; its citation findings pinned down.

The approvals for Russia and Belarus cite the items of Appended Table 2-3 they rest on (R46-4: goods outside rows
1-15 are items 1-2 to 3, not item 1) and the free-sample carve-back by the numbering of each period (R46-3).
"""

from __future__ import annotations

from exportctl import determine
from exportctl.law.regime import Regime


def _article(d: object, rule: str) -> str:
    steps = [s for s in d.trace if s.rule == rule]  # type: ignore[attr-defined]
    assert steps, rule
    return str(steps[0].source.article)


def test_goods_outside_the_list_cite_the_items_that_hold_them(regimes: dict[str, Regime]) -> None:
    d = determine("JP", "RU", "jp:16", "2026-03-31", regimes=regimes, end_use="wmd")
    article = _article(d, "jp.approval.ru.unlisted")
    assert "items 1-2, 2, 2-2 and 3" in article and "item 1;" not in article


def test_listed_goods_cite_the_carve_back_by_its_numbering_of_either_period(regimes: dict[str, Regime]) -> None:
    d = determine("JP", "RU", "jp:4(24-2)", "2024-07-02", regimes=regimes)
    article = _article(d, "jp.approval.ru-by.listed.2022-04")
    assert "Appended Table 2-3 item 1" in article and "Art. 4(2)(ii)ニ (Belarus), ホ (Russia)" in article
    # Legal review 56 (R56-1): each period cites the text in force then.
    d = determine("JP", "RU", "jp:4(24-2)", "2026-07-02", regimes=regimes)
    assert "4(3)(ii)ニ, ホ" in _article(d, "jp.approval.ru-by.listed")
    d = determine("JP", "BY", "jp:4(24-2)", "2022-03-25", regimes=regimes)
    assert "Art. 4(2)(ii)ニ; Art. 4(3)" in _article(d, "jp.approval.ru-by.listed.2022-03")
