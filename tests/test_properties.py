"""Property tests (hypothesis) on the interval logic that every answer rests on."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportctl import determine, status, timeline
from exportctl.engine.knowledge import as_known_on
from exportctl.law.citation import OfficialText
from exportctl.law.loader import load_regimes
from exportctl.law.model import Dated, Source

REGIMES = load_regimes()
DAYS = st.dates(min_value=dt.date(2003, 1, 1), max_value=dt.date(2026, 12, 31))
JP_COUNTRIES = sorted({m.country for g in REGIMES["JP"].groups.values() for m in g.members} | {"CN", "BR", "IN"})
KR_COUNTRIES = sorted({m.country for g in REGIMES["KR"].groups.values() for m in g.members} | {"CN", "DE"})
SRC = Source(
    instrument="x",
    official=OfficialText(url="https://laws.e-gov.go.jp/law/324CO0000000378", checked_on=dt.date(2026, 12, 2)),
    confidence="confirmed",
)


def _dated(a: dt.date | None, b: dt.date | None) -> Dated:
    return Dated(valid_from=a, valid_to=b, source=SRC)


@given(st.lists(DAYS, min_size=2, max_size=2, unique=True), DAYS)
def test_half_open_interval(bounds: list[dt.date], day: dt.date) -> None:
    lo, hi = sorted(bounds)
    rec = _dated(lo, hi)
    assert rec.covers(day) == (lo <= day < hi)
    assert not rec.covers(hi) and rec.covers(lo)


@given(st.lists(DAYS, min_size=4, max_size=4), DAYS)
def test_overlap_is_symmetric_and_matches_common_days(bounds: list[dt.date], probe: dt.date) -> None:
    a_lo, a_hi, b_lo, b_hi = bounds
    if a_lo >= a_hi or b_lo >= b_hi:
        return
    a, b = _dated(a_lo, a_hi), _dated(b_lo, b_hi)
    assert a.overlaps(b) == b.overlaps(a)
    if a.covers(probe) and b.covers(probe):
        assert a.overlaps(b)
    assert a.overlaps(b) == (max(a_lo, b_lo) < min(a_hi, b_hi))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from([("JP", c) for c in JP_COUNTRIES] + [("KR", c) for c in KR_COUNTRIES]), DAYS)
def test_exactly_one_category_and_timeline_agrees_with_status(pair: tuple[str, str], day: dt.date) -> None:
    exporter, country = pair
    regime = REGIMES[exporter]
    groups = status(exporter, country, day, regimes=REGIMES).groups
    categories = [g for g in groups if regime.groups[g].kind == "category"]
    assert len(categories) == 1, (country, day, groups)
    covering = {
        iv.group
        for iv in timeline(exporter, country, regimes=REGIMES)
        if (iv.from_ is None or iv.from_ <= day) and (iv.to is None or day < iv.to)
    }
    assert covering == set(groups)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(JP_COUNTRIES),
    DAYS,
    st.sampled_from(["hydrogen fluoride", "resist", "fluorinated polyimide", "row 5", "catch-all", "jp:7(16)-ku"]),
)
def test_knowing_everything_equals_the_law_in_force(country: str, day: dt.date, item: str) -> None:
    latest = max(m.public_on for m in REGIMES["JP"].measures.values() if m.public_on)
    full = determine("JP", country, item, day, regimes=REGIMES)
    known = determine("JP", country, item, day, known_on=latest, regimes=REGIMES)
    for key in ("destination_groups", "licence_required", "routes", "exemptions", "catch_all"):
        assert getattr(full, key) == getattr(known, key)


@settings(max_examples=60, deadline=None)
@given(DAYS, DAYS)
def test_knowledge_view_never_contains_unannounced_records(day: dt.date, k: dt.date) -> None:
    view = as_known_on(REGIMES["JP"], k)
    for r in view.rules:
        m = REGIMES["JP"].measures.get(r.measure) if r.measure else None
        assert m is None or m.public_on is None or m.public_on <= k
    for g in view.groups.values():
        for mem in g.members:
            m = REGIMES["JP"].measures.get(mem.measure) if mem.measure else None
            assert m is None or m.public_on is None or m.public_on <= k


def test_compiling_by_entry_signature_equals_compiling_entry_by_entry() -> None:
    """Entries alike in what the engine reads share cells; the tables must equal per-entry ones.

    Checked on the shipped law and on a knowledge view (fewer records, other coincidences).
    """
    import numpy as np

    from exportctl.engine.compiled import compile_regime

    for code, regime in REGIMES.items():
        for known_on in (None, dt.date(2019, 7, 2)):
            fast = compile_regime(regime, known_on)
            slow = compile_regime(regime, known_on, by_entry=True)
            decoded_fast = np.array([hash(o) for o in fast.outcomes])[fast.table]
            decoded_slow = np.array([hash(o) for o in slow.outcomes])[slow.table]
            assert np.array_equal(decoded_fast, decoded_slow), (code, known_on)
            assert np.array_equal(fast.ceiling[fast.table], slow.ceiling[slow.table]), (code, known_on)


def test_the_signatures_and_the_destination_classes_read_as_their_plain_definitions() -> None:
    """``entry_signatures`` (one pass over the records) is what asking each record about each entry gives, and
    ``group_ids_over`` (one question per span of a country's memberships) what asking every day gives: on the
    shipped law and on knowledge views, where records and memberships are fewer."""
    import pycountry

    from exportctl.engine.compiled import entry_signatures

    for regime in REGIMES.values():
        for view in (regime, as_known_on(regime, dt.date(2019, 7, 2)), as_known_on(regime, dt.date(2023, 7, 21))):
            signatures = entry_signatures(view)
            for e in view.entries.values():
                named = [r.id for r in view.rules if e.id in r.scope.entries]
                named += [c.id for c in view.catch_all if e.id in c.entries]
                named += [x.id for x in view.exemptions if e.id in x.entries or e.id in x.except_entries]
                named += [p.id for p in view.prohibitions if e.id in p.entries or e.id in p.except_entries]
                named += [c.id for c in view.cautions if e.id in c.entries]
                assert signatures[e.id] == (e.kind, e.row, tuple(sorted(named))), e.id
            days = [dt.date(2000, 1, 1), *view.change_dates()]
            for c in (c.alpha_2 for c in pycountry.countries):
                assert view.group_ids_over(c, days) == tuple(tuple(view.group_ids_on(c, d)) for d in days), c


def test_a_lazily_filled_table_answers_as_a_complete_one() -> None:
    """Cells evaluated when first met (batch screening's way) give the complete table's outcomes.

    Random rows in several calls, so later calls meet both filled and new cells; the exemption's
    ceiling is checked with values around it.
    """
    import numpy as np

    from exportctl.engine.compiled import compile_regime, days

    rng = np.random.default_rng(11)
    for code, regime in REGIMES.items():
        full = compile_regime(regime)
        lazy = compile_regime(regime, lazy=True)
        assert (lazy.table < 0).all()
        for _ in range(3):
            n = 5_000
            ship = rng.integers(days(dt.date(1999, 1, 1)), days(dt.date(2028, 1, 1)), n)
            args = (
                ship,
                rng.integers(0, len(full.countries), n),
                rng.integers(0, len(full.entries), n),
                rng.integers(0, 8, n),
                np.where(rng.random(n) < 0.5, rng.integers(0, 3_000_000, n), -1),
            )
            got, want = lazy.codes(*args), full.codes(*args)
            assert [lazy.outcomes[i] for i in got] == [full.outcomes[i] for i in want], code
        assert 0 < (lazy.table >= 0).mean() < 1, code  # partly filled: a complete table would not test this


def test_a_lazy_table_never_holds_a_code_it_has_not_published(monkeypatch: pytest.MonkeyPatch) -> None:
    """A lookup may run beside a fill (two chunks of a run, API requests on one table): every code it can read in the
    table must already have its outcome and ceiling published, or it reads past them. So at each publication the
    table holds only codes published before, and after it all of them."""
    import numpy as np

    from exportctl.engine.compiled import CompiledRegime, compile_regime, days

    publish = CompiledRegime._publish
    seen: list[tuple[int, int]] = []

    def checked(self: CompiledRegime) -> None:
        seen.append((int(self.table.max()), len(self.ceiling)))
        publish(self)
        assert int(self.table.max()) < len(self.ceiling) == len(self.outcomes)

    monkeypatch.setattr(CompiledRegime, "_publish", checked)
    lazy = compile_regime(REGIMES["JP"], lazy=True)
    rng = np.random.default_rng(5)
    n = 2_000
    for _ in range(2):
        ship = rng.integers(days(dt.date(2018, 1, 1)), days(dt.date(2027, 1, 1)), n)
        lazy.codes(
            ship, rng.integers(0, len(lazy.countries), n), rng.integers(0, len(lazy.entries), n), rng.integers(0, 8, n)
        )
    lazy.complete()
    assert len(seen) >= 3
    assert all(top < published for top, published in seen if top >= 0), seen


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["JP", "KR"]),
    st.sampled_from(["KR", "JP", "CN", "US", "Korea", "DE", "KP"]),
    DAYS,
    st.one_of(st.none(), DAYS),
)
def test_a_remembered_answer_equals_a_fresh_one(
    exporter: str, country: str, day: dt.date, known: dt.date | None
) -> None:
    """determine() remembers answers per regime: the remembered one must be the one it would compute."""
    item = "hydrogen fluoride" if exporter == "JP" else "1C350"
    if exporter == country or (exporter, country) == ("KR", "Korea"):
        return
    first = determine(exporter, country, item, day, known_on=known, regimes=REGIMES)
    again = determine(exporter, country, item, day, known_on=known, regimes=REGIMES)
    REGIMES[exporter].__dict__.pop("_answers", None)  # forget: computed afresh
    fresh = determine(exporter, country, item, day, known_on=known, regimes=REGIMES)
    assert first.model_dump() == again.model_dump() == fresh.model_dump()


@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40))
def test_folding_ascii_by_its_short_path_equals_the_full_fold(text: str) -> None:
    """ASCII names skip NFKC and the katakana table (:func:`fold`): the same folded form as the full path
    (spellings made alike included: "defense" and "defence" fold alike either way)."""
    import re

    from exportctl.engine.items import fold, loose

    full = re.sub(r"\s+", "", loose(text))
    assert fold(text) == full
