"""Legal review 14 (2026-12-04): findings established from the official text, now mended in the data
(``jp.approval.ru-by.listed``). Each test states what the law says (RUSSIA_BELARUS); they failed on
the data before the mend. Official text read: Export Trade Control Order (輸出貿易管理令, Cabinet Order No. 378 of
1949) as in force 2025-11-15 and 2026-06-05, e-Gov XML in the verbatim copy
xyna-bpinelab/law-as-code-fefta (jurisdictions/jp/raw/cabinet_orders/
324CO0000000378_20251115_令和七年政令第三百七十六号.xml and processed/markdown/cabinet_orders/
324CO0000000378.md).
"""

from __future__ import annotations

from exportctl import determine
from exportctl.law.regime import Regime

NEXT_WEEK = "2026-12-11"

RUSSIA_BELARUS = (
    "ETCO Art. 2(1)(i-4) (Russia) and (i-3) (Belarus) require METI's approval under FEFTA Art. 48(3) "
    "for the goods of Appended Table 2-3, whose item 1 is 'goods in the middle column of rows 1 to 15 "
    "of Appended Table 1' (別表第一の一から一五までの項の中欄に掲げる貨物); the small-value exemption "
    "of ETCO Art. 4(1)(v) lifts only the FEFTA Art. 48(1) licence (法第四十八条第一項の規定は...適用しない), "
    "and Art. 4(3)-(5) exempt Art. 2 only for Appended Tables 5 and 7 goods, so a listed item to "
    "Russia or Belarus needs the approval whatever its value"
)


def test_resist_to_russia_under_the_small_value_ceiling_still_needs_approval(regimes: dict[str, Regime]) -> None:
    d = determine("JP", "RU", "resist", NEXT_WEEK, regimes=regimes, value=10_000, currency="JPY")
    assert d.licence_required is True
    assert "approval" in d.routes


def test_resist_to_belarus_under_the_small_value_ceiling_still_needs_approval(regimes: dict[str, Regime]) -> None:
    d = determine("JP", "BY", "resist", NEXT_WEEK, regimes=regimes, value=10_000, currency="JPY")
    assert d.licence_required is True
    assert "approval" in d.routes


def test_row_6_goods_to_russia_at_half_the_ceiling_still_need_approval(regimes: dict[str, Regime]) -> None:
    """The exemption lifts the Art. 48(1) licence and is listed as such (legal review 22); the
    approval stays, and a notice says so."""
    d = determine("JP", "RU", "row 6", NEXT_WEEK, regimes=regimes, value=500_000, currency="JPY")
    assert d.licence_required is True
    assert d.routes[0] == "approval"
    assert d.exemptions == ["jp.small-value.general.2025"]
    assert any(n.kind == "in_addition" and "lifts the licence, not the approval" in n.text for n in d.notices)


def test_a_listed_item_to_russia_names_the_approval(regimes: dict[str, Regime]) -> None:
    """Without a value the licence is required, but the answer offers only the individual licence,
    as if one Art. 48(1) licence sufficed; the approval of Art. 2(1)(i-4), refused in principle, is
    only a caution that says the goods lists 'are not encoded', although item 1 is all of rows 1-15."""
    d = determine("JP", "RU", "hydrogen fluoride", NEXT_WEEK, regimes=regimes)
    assert "approval" in d.routes


def test_the_same_item_to_korea_is_exempt_under_the_ceiling(regimes: dict[str, Regime]) -> None:
    """Control: ETCO Art. 4(1)(v) does exempt resist to Korea (Appended Table 3) at JPY 1,000,000,
    and not one yen more; this is right today and must stay so."""
    at = determine("JP", "KR", "resist", NEXT_WEEK, regimes=regimes, value=1_000_000, currency="JPY")
    over = determine("JP", "KR", "resist", NEXT_WEEK, regimes=regimes, value=1_000_001, currency="JPY")
    assert at.licence_required is False
    assert over.licence_required is True


def test_the_russia_caution_is_known_with_the_order_that_made_it(regimes: dict[str, Regime]) -> None:
    """Cabinet Order No. 59 of 2022 (promulgated 2022-03-11) made both the approval and the items the caution names:
    as known on 2022-03-12, a 2022-03-20 shipment to Russia gets the approval and the caution together."""
    d = determine("JP", "RU", "resist", "2022-03-20", regimes=regimes, known_on="2022-03-12")
    assert d.routes == ["approval", "individual"]  # the approval and the Art. 48(1) licence (legal review 22)
    assert any(n.rule == "jp.caution.russia-belarus" for n in d.notices)


def test_the_text_answer_says_the_approval_is_needed_as_well(regimes: dict[str, Regime]) -> None:
    """Legal review 22 (F2): "usable licence types: approval, individual" read as a choice between them;
    the memo now says the approval apart (failed before: one line listed both as usable)."""
    from rich.console import Console

    from exportctl.interfaces.render import determination

    d = determine("JP", "RU", "jp:7(1)", NEXT_WEEK, regimes=regimes)
    console = Console(width=100, record=True)
    console.print(determination(d))
    text = console.export_text()
    assert "needed as well: approval" in text
    assert "licence types to apply for: individual" in text


def test_with_the_exemption_the_memo_says_the_approval_alone_is_needed(regimes: dict[str, Regime]) -> None:
    """Newcomer review 22 (M1): under the small-value ceiling the memo said "needed as well: approval" and
    "usable licence types: individual", though the exemption lifts the licence (failed before)."""
    from rich.console import Console

    from exportctl.interfaces.render import determination

    d = determine("JP", "RU", "row 6", NEXT_WEEK, regimes=regimes, value=500_000, currency="JPY")
    console = Console(width=120, record=True)
    console.print(determination(d))
    text = console.export_text()
    assert "needed: approval (the exemption lifts only the licence: individual)" in text
    assert "needed as well: approval" not in text and "licence types to apply for" not in text


def test_a_requirement_that_is_all_the_law_asks_is_needed_not_usable(regimes: dict[str, Regime]) -> None:
    """Newcomer review 22 (L1): non-listed civil goods to Russia need METI's approval alone; the memo
    listed it under "usable licence types", which reads as one choice among others (failed before)."""
    from rich.console import Console

    from exportctl.interfaces.render import determination

    for exporter, to, needed in (("JP", "RU", "approval"), ("KR", "KP", "unification_approval")):
        d = determine(exporter, to, "catch-all", NEXT_WEEK, regimes=regimes)
        assert d.routes == [needed]
        console = Console(width=120, record=True)
        console.print(determination(d))
        text = console.export_text()
        assert f"needed: {needed}\n" in text and "licence types to apply for" not in text


def test_the_eve_of_the_approval_warns_that_it_is_needed_as_well(regimes: dict[str, Regime]) -> None:
    """Newcomer review 22 (M2): the day before 2022-03-18 the pending change said "approval becomes
    usable", which reads as a choice of route (failed before)."""
    d = determine("JP", "RU", "resist", "2022-03-17", regimes=regimes)
    text = "\n".join(d.warnings)
    assert "approval needed as well" in text and "approval becomes usable" not in text


def test_a_null_informed_is_the_field_left_out() -> None:
    """Newcomer review 22 (L3): "informed": null got a 422 while null or blank optional fields are read
    as left out (failed before)."""
    from exportctl.service import CheckQuery

    q = CheckQuery.model_validate({"exporter": "JP", "destination": "KR", "item": "resist", "informed": None})
    assert q.informed is False
