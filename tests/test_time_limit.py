"""An answer that rests on the end of a time limit the law sets says so, in the headline too (legal review 75, R75-3).

Why: Japan's ban on North Korea runs "until 2027-04-13" and has been renewed before each expiry; a shipment after that
day answered "NO LICENCE REQUIRED" with the end only among the cautions. The law as recorded is still the answer; the
headline and a ``time_limit`` warning say whose expiry it rests on and what the answer would be if it is renewed.
"""

from __future__ import annotations

from exportctl import determine
from exportctl.interfaces.render import verdict_words
from tests.test_screen import REGIMES, assert_batch_is_check, line


def test_a_shipment_after_the_north_korea_ban_s_time_limit_says_so() -> None:
    after = determine("JP", "KP", "jp:16", "2027-05-01", regimes=REGIMES)
    lapsed = [n for n in after.notices if n.kind == "time_limit"]
    assert not after.licence_required and [n.rule for n in lapsed] == ["jp.ban.kp"]
    assert str(lapsed[0].date) == "2027-04-13" and "approval refused" in lapsed[0].text
    assert "AS RECORDED AFTER A TIME LIMIT (jp.ban.kp, in force until 2027-04-13" in verdict_words(after)


def test_no_time_limit_word_while_the_ban_holds_nor_where_it_never_reached() -> None:
    last = determine("JP", "KP", "jp:16", "2027-04-13", regimes=REGIMES)
    assert last.refused and not [n for n in last.notices if n.kind == "time_limit"]
    china = determine("JP", "CN", "jp:16", "2027-05-01", regimes=REGIMES)
    assert not [n for n in china.notices if n.kind == "time_limit"]
    assert "TIME LIMIT" not in verdict_words(china)


def test_the_batch_gives_the_time_limit_warning_as_check_does() -> None:
    # Before the first ban and after the last one the ban's records stand alike (not in force): only the ended one warns.
    assert_batch_is_check(
        [
            line("JP", "KP", "jp:16", "2005-06-01"),
            line("JP", "KP", "jp:16", "2027-05-01"),
            line("JP", "KP", "jp:16", "2027-04-13"),
            line("JP", "KP", "jp:3(1)", "2028-01-01"),
            line("JP", "CN", "jp:16", "2027-05-01"),
        ]
    )


def test_status_after_the_time_limit_says_the_ban_lapsed_not_lifted() -> None:
    # Session review S33C-1: status for North Korea after 2027-04-13 showed no requirement, as if the ban were gone.
    from exportctl import status

    s = status("JP", "KP", "2027-05-01", regimes=REGIMES)
    ban = next(r for r in s.requirements if r.rule == "jp.ban.kp")
    assert (
        "in force until 2027-04-13, a time limit the law sets" in ban.effect and "not in force after it" in ban.effect
    )
    assert not status("JP", "CN", "2027-05-01", regimes=REGIMES).requirements


def test_the_law_as_known_today_warns_of_the_time_limit_too() -> None:
    d = determine("JP", "KP", "jp:16", "2027-05-01", known_on="2026-12-06", regimes=REGIMES)
    assert [n.rule for n in d.notices if n.kind == "time_limit"] == ["jp.ban.kp"]
