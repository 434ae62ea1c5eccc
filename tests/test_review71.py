"""The days the law changed (legal review 71) and what is said of measures not yet published.

Why: a draft notice ("measures announced by ... but not yet published would change this") listed measures already in
force beside the one still proposed (R71-6), so a reader could not tell which announcement the warning was about; and
a licence first read in a later text was unknown in the law as published before its first day, though the data ties
it to the notice that brought it (R71-1).
"""

from __future__ import annotations

from exportctl import determine
from tests.test_screen import REGIMES


def test_a_draft_notice_names_only_the_measures_not_yet_published() -> None:
    d = determine("KR", "IR", "kr:1B101", "2026-01-10", known_on="2025-12-10", regimes=REGIMES)
    drafts = [n for n in d.notices if n.kind == "draft"]
    assert drafts, [n.kind for n in d.notices]
    text = drafts[0].text
    assert "kr-2025-37th-amendment" in text and "proposed" in text
    assert "stage on 2025-12-10: in_force" not in text
    assert drafts[0].measure == "kr-2025-37th-amendment"


def test_a_licence_tied_to_its_notice_is_known_between_notification_and_force() -> None:
    # 고시 제2022-224호, notified 2022-12-23, in force 2023-03-24 (the data's reading of Iran's item 22).
    known = determine("KR", "IR", "kr:catch-all", "2023-04-01", known_on="2023-01-15", regimes=REGIMES)
    assert known.licence_required and "kr.situational.iran.annex2-2-item22" in known.rule_ids
    early = determine("KR", "IR", "kr:catch-all", "2023-04-01", known_on="2022-12-01", regimes=REGIMES)
    assert "kr.situational.iran.annex2-2-item22" not in early.rule_ids
    today = determine("KR", "IR", "kr:catch-all", "2023-01-15", regimes=REGIMES)
    assert any(n.kind == "pending_change" and "2023-03-24" in n.text for n in today.notices)


def test_status_names_the_destinations_own_requirements_and_their_end() -> None:
    # Legal review 75 (R75-2): status showed North Korea's groups and not the total ban or the day its reading ends.
    from exportctl import status

    s = status("JP", "KP", "2027-04-10", regimes=REGIMES)
    ban = next(r for r in s.requirements if r.rule == "jp.ban.kp")
    assert "refused" in ban.effect and "until 2027-04-13" in ban.effect and "unless renewed" in ban.effect
    assert not status("JP", "KR", "2027-04-10", regimes=REGIMES).requirements
    kr = status("KR", "KP", "2026-12-10", regimes=REGIMES)
    assert "kr.approval.kp" in {r.rule for r in kr.requirements}
