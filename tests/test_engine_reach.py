"""What an answer reads: :func:`exportctl.engine.determine.reach` against the engine itself.

The batch shares one answer among all the days on which the records an (entry, destination)
reaches stand the same way (``batch/screen.py``: ``_Reached``, ``_ReachedAnnounced``). That is
right only if ``reach`` lists everything ``core_on`` and the warnings read. So: on one day of
every period in which no record of the regime changes, the answer and the kinds of its warnings,
grouped by how the reached records stand; each group must hold one answer. Had ``reach`` left
out a record that decides something (a membership, a rule naming the goods, an exemption, the
entry the goods fall back to), two days in one group would differ.
"""

from __future__ import annotations

import datetime as dt

import pytest

from exportctl.engine.determine import (
    Facts,
    confidence_notes,
    core_on,
    outside_window_notes,
    reach,
    same_day_notes,
    standing,
    standing_changes,
    unreached_notes,
)
from exportctl.law.regime import Regime

COUNTRIES = ["KR", "JP", "CN", "US", "RU", "BY", "IR", "TW", "LR", "DE"]
FACTS = [Facts(), Facts(1_000, "wmd", True)]
SPAN = (dt.date(2018, 1, 1), dt.date(2027, 12, 31))


def _answer(regime: Regime, entry_id: str, country: str, day: dt.date, facts: Facts) -> tuple[object, ...]:
    entry = regime.entries[entry_id]
    core = core_on(regime, entry, country, day, facts)
    kinds = [n.kind for n in core.notes + same_day_notes(core, day, None) + unreached_notes(core)]
    kinds += [n.kind for n in confidence_notes(core) + outside_window_notes(regime, entry, country, day, core)]
    kinds += [h.group.id for h in core.hits if h.by_default]
    return core.summary(), tuple(kinds)


def _entries(regime: Regime) -> list[str]:
    """Entries whose answers turn on many records: those falling back to another, those named by
    rules, cautions, exemptions or catch-all rules, and a spread of the rest."""
    picked = [e.id for e in regime.entries.values() if e.prior_classification][:6]
    named = [r.scope.entries for r in regime.rules] + [c.entries for c in regime.cautions]
    named += [x.entries for x in regime.exemptions] + [c.entries for c in regime.catch_all]
    for ids in named:
        picked += [i for i in ids[:1] if i in regime.entries]
    ids = list(regime.entries)
    picked += ids[:: max(1, len(ids) // 6)]
    return list(dict.fromkeys(picked))[:24]


@pytest.mark.parametrize("code", ["JP", "KR"])
def test_days_alike_in_what_an_answer_reaches_give_one_answer(regimes: dict[str, Regime], code: str) -> None:
    regime = regimes[code]
    records = [*regime.dated_records(), *regime.cautions]
    cuts = sorted({d for r in records for d in standing_changes(r) if SPAN[0] <= d <= SPAN[1]} | {SPAN[0]})
    checked = 0
    for entry_id in _entries(regime):
        for country in COUNTRIES:
            reached = reach(regime, regime.entries[entry_id], country)
            for facts in FACTS:
                groups: dict[tuple[object, ...], set[tuple[object, ...]]] = {}
                for day in cuts:
                    state = tuple(standing(r, day) for r in reached)
                    groups.setdefault(state, set()).add(_answer(regime, entry_id, country, day, facts))
                    checked += 1
                split = {k: v for k, v in groups.items() if len(v) > 1}
                assert not split, f"{entry_id} for {country} ({facts}): days alike in what it reaches differ: {split}"
    assert checked > 1000


@pytest.mark.parametrize("code", ["JP", "KR"])
def test_the_uncertain_records_index_holds_every_record_with_a_window(regimes: dict[str, Regime], code: str) -> None:
    """``outside_window_notes`` reads only :meth:`Regime.uncertain_records`: a record with an
    uncertain window left out of it would lose its warning on the days in the window."""
    regime = regimes[code]
    held = regime.uncertain_records()
    members = {(gid, id(m)) for found in held.members.values() for gid, m in found}
    every = {(g.id, id(m)) for g in regime.groups.values() for m in g.members if m.uncertain is not None}
    assert members == every and every, "memberships with a window"
    assert all(m.country == country for country, found in held.members.items() for _, m in found)
    for kind in ("rules", "catch_all", "exemptions", "prohibitions"):
        assert [id(r) for r in getattr(held, kind)] == [
            id(r) for r in getattr(regime, kind) if r.uncertain is not None
        ], kind
