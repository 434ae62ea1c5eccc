"""Legal review KR 14 (2026-12-04): Korean exports checked against the official text.

Each test states what the law says. The North Korea finding was mended in the data (kr.approval.kp); the
reviewer's other findings (routes the Notice allows that the data does not offer) are in the session's note.
Official texts read:

- Public Notice on Trade of Strategic Items (전략물자수출입고시), law.go.kr 행정규칙ID 33993:
  고시 제2026-101호 (in force 2026-09-01) in legalize-kr/admrule-kr, 산업통상부/_본부/고시/전략물자수출입고시/본문.md
  @ 3e985d4557108cef7f815f14852de9c0576a25e4; 고시 제2020-94호 (in force 2020-06-19) in the same repository,
  산업통상부/_본부/고시/전략물자 수출입고시/본문.md @ 04a63214a64fa96ca72b1b5a5e09d5ceea5e4a00; Annexes 8, 24 and the
  Sensitive/Very Sensitive lists of Annex 2 of 고시 제2025-37호 as quoted in docs/research/kr-notice.yaml and
  src/exportctl/regimes/kr/sources.yaml (genonai/admrul_data @ b0d084cf).
- Inter-Korean Exchange and Cooperation Act (남북교류협력에 관한 법률), law.go.kr 법령ID 001434, version in force
  2014-06-12 (Act No. 12396) in orca-technologies/legalize-kr and in force 2026-01-02 (Act No. 21065) in
  9bow/legalize-kr, kr/남북교류협력에관한법률/법률.md.
"""

from __future__ import annotations

from exportctl import determine
from exportctl.law.regime import Regime

NEXT_WEEK = "2026-12-11"

NORTH_KOREA = (
    "Inter-Korean Exchange and Cooperation Act Art. 13(1): '물품등을 반출하거나 반입하려는 자는 ... 통일부장관의 "
    "승인을 받아야 한다' (any goods carried out to North Korea need the Minister of Unification's approval; "
    "Art. 2(3) includes movements merely via a third country; Art. 27(1)3 punishes shipping without it); the "
    "Notice's Annex 6 lists North Korea in region Na-2 only 'where re-exported via a third country', so a direct "
    "shipment is not 'no licence'"
)


def test_direct_shipment_to_north_korea_is_not_licence_free(regimes: dict[str, Regime]) -> None:
    """Was: licence_required False for non-listed goods with a civil end use, a caution only."""
    d = determine("KR", "KP", "catch-all", NEXT_WEEK, regimes=regimes, end_use="civil")
    assert d.licence_required is True
    assert d.routes == ["unification_approval"]


def test_controls_that_are_right_today(regimes: dict[str, Regime]) -> None:
    """Control: answers checked against the official text and found right; they must stay so."""
    # Japan Ga -> Ga-2 on 2019-09-18 and back on 2023-04-28 (고시 제2023-74호; MOTIE said 2023-04-24: warned); catch-all suspicion limb for Ga-2
    # (Notice 2020-94 Art. 50(1)) and knowledge only for Ga (2025-37/2026-101 Art. 54(2)).
    assert determine("KR", "JP", "catch-all", "2019-09-17", regimes=regimes).catch_all == "knowledge"
    assert determine("KR", "JP", "catch-all", "2019-09-18", regimes=regimes).catch_all == "objective"
    assert determine("KR", "JP", "catch-all", "2023-04-28", regimes=regimes).catch_all == "knowledge"
    # Conventional-weapons end use: situational licence to China from 2020-06-19 (Act Art. 19-3, Notice Art. 2(15)).
    assert determine("KR", "CN", "catch-all", "2020-06-19", regimes=regimes, end_use="conventional").licence_required
    # A written notice binds in region Ga too (Art. 54(4)).
    assert determine("KR", "US", "catch-all", NEXT_WEEK, regimes=regimes, informed=True).licence_required
    # Strategic items need a licence everywhere (Act Art. 19-2); Iran is region Na-2 (Annex 6).
    iran = determine("KR", "IR", "kr:non-sensitive", NEXT_WEEK, regimes=regimes)
    assert iran.licence_required and "kr:Na-2" in iran.destination_groups
    assert "comprehensive" not in iran.routes and "user_comprehensive" not in iran.routes


def test_user_and_item_comprehensive_licences_are_routes_to_china(regimes: dict[str, Regime]) -> None:
    """Notice Art. 28(2)2-5 and Art. 34(2)2-3 (고시 제2026-101호, the same cases in 제2020-94호): outside Na-2 a
    designated compliance trader may hold a user comprehensive licence (repeat buyer, long contract, exhibition,
    AA/AAA) or an item comprehensive licence (AAA, plant projects). Was: individual only for every region but Ga."""
    d = determine("KR", "CN", "kr:3B002", "2026-01-15", regimes=regimes)
    assert d.routes == ["individual", "comprehensive", "user_comprehensive"]
    iran = determine("KR", "IR", "kr:3B002", "2026-12-11", regimes=regimes)  # Na-2: excluded by both articles
    assert iran.routes == ["individual"]


def test_item_comprehensive_licence_to_japan_in_ga2_from_2020_06_19(regimes: dict[str, Regime]) -> None:
    """Notice 2020-94 Art. 34(2)2: Ga-2 or Na with grade AAA. Was: 'comprehensive no longer usable' in 2019-2023."""
    assert "comprehensive" in determine("KR", "JP", "kr:3B002", "2021-06-01", regimes=regimes).routes
    # Before the version of 2020-06-19, whose text was read, it is not offered (2019-09-18 to 2020-06-18 unread).
    assert "comprehensive" not in determine("KR", "JP", "kr:3B002", "2019-12-01", regimes=regimes).routes
