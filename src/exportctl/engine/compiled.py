"""Compiled regimes: dense lookup tables that screen whole columns at once.

Why this shape: the law changes on a handful of dates (JP: 14), and a destination's answer
depends only on its group history and on whether a rule names it. So the regime compiles once
into ``table[epoch, destination class, entry, facts variant] -> outcome code``. Screening a
column is then one ``searchsorted`` for the epochs and integer gathers: no Python per row.

The table is filled by the scalar engine itself (:func:`core_on`), once per distinct cell, so
a batch answer equals ``determine()`` by construction; the tests check it on random queries.
The small-value exemption is the one input that is not a category: each outcome carries the
ceiling of the exemption open to it, and the code of the same outcome with the exemption applied.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pycountry

from exportctl.engine.determine import Core, Facts, added_refused, classify, core_on, needs_of, refused_of
from exportctl.engine.knowledge import as_known_on
from exportctl.law.regime import Regime

END_USES: tuple[str | None, ...] = (None, "wmd", "conventional", "civil")
#: Facts variants: index = end_use index * 2 + informed.
VARIANTS: tuple[tuple[str | None, bool], ...] = tuple((e, i) for e in END_USES for i in (False, True))
EPOCH_ZERO = dt.date(1970, 1, 1)

IntArray = npt.NDArray[np.int64]
#: Every ISO 3166-1 alpha-2 code, sorted: the global country numbering batch inputs are coded in.
ALL_COUNTRIES: list[str] = sorted(c.alpha_2 for c in pycountry.countries)
#: Day-to-epoch lookup covers these days exactly; days outside fall back to a binary search.
LUT_FROM, LUT_TO = dt.date(1990, 1, 1), dt.date(2060, 1, 1)


def days(d: dt.date) -> int:
    return (d - EPOCH_ZERO).days


class DayIndex:
    """Where days fall among sorted cut days (``np.searchsorted(cuts, day, side="right")``), as one
    gather from a table of every day from ``LUT_FROM`` to ``LUT_TO``, and by binary search only
    for days outside it: per line of a batch, the search costs several times the gather."""

    def __init__(self, cuts: IntArray, small: bool = False) -> None:
        """``small``: positions as the smallest integers that hold them (a table per stage of the
        law as announced, a hundred of them), for callers that do no arithmetic on them."""
        self.cuts = cuts
        found = np.searchsorted(cuts, np.arange(days(LUT_FROM), days(LUT_TO), dtype=np.int64), side="right")
        self.lut: npt.NDArray[np.integer[Any]] = found.astype(np.int16) if small and cuts.size < 2**15 else found

    def __call__(self, ship_days: IntArray) -> npt.NDArray[np.integer[Any]]:
        offset = ship_days - days(LUT_FROM)
        if not offset.size or (int(offset.min()) >= 0 and int(offset.max()) < self.lut.size):
            return self.lut[offset]
        inside = (offset >= 0) & (offset < self.lut.size)
        out = np.searchsorted(self.cuts, ship_days, side="right")
        out[inside] = self.lut[offset[inside]]
        return out


@dataclass(frozen=True)
class Outcome:
    licence_required: bool
    routes: tuple[str, ...]
    catch_all: str
    groups: tuple[str, ...]
    rule_ids: tuple[str, ...]
    exemptions: tuple[str, ...] = ()
    #: The exemption open to this outcome if the value fits (part of the identity of a cell).
    open_exemption: str = ""
    #: What must be obtained, by kind (``Determination.needs``), and the needed routes refused in
    #: principle (``Determination.refused``): a batch line says what ``check`` headlines.
    needs: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()


@dataclass
class CompiledRegime:
    jurisdiction: str
    version: str
    currency: str
    known_on: dt.date | None
    epoch_starts: IntArray
    countries: list[str]
    country_class: npt.NDArray[np.int32]
    entries: list[str]
    table: npt.NDArray[np.int32]
    outcomes: list[Outcome] = field(default_factory=list)
    ceiling: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))
    exempt_code: npt.NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    #: ALL_COUNTRIES index -> this regime's country index (the exporter itself maps to 0).
    country_lut: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, np.int64))
    #: Day -> epoch, so that most rows need a gather instead of a binary search.
    epoch_index: DayIndex = field(default_factory=lambda: DayIndex(np.zeros(0, np.int64)), repr=False)
    cache: dict[str, object] = field(default_factory=dict, repr=False)
    #: How to evaluate a cell not yet in ``table`` (``None``: the table is complete).
    plan: _Plan | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        index = self.country_index
        self.country_lut = np.array([index.get(c, 0) for c in ALL_COUNTRIES], dtype=np.int64)
        self.epoch_index = DayIndex(self.epoch_starts)

    def epochs(self, ship_days: IntArray) -> IntArray:
        return self.epoch_index(ship_days).astype(np.int64, copy=False)

    @property
    def country_index(self) -> dict[str, int]:
        return {c: i for i, c in enumerate(self.countries)}

    @property
    def entry_index(self) -> dict[str, int]:
        return {e: i for i, e in enumerate(self.entries)}

    def codes(
        self,
        ship_days: IntArray,
        country_idx: npt.NDArray[Any],
        entry_idx: npt.NDArray[Any],
        variant: npt.NDArray[Any],
        value: IntArray | None = None,
    ) -> npt.NDArray[np.int32]:
        """Outcome codes for whole columns (``value`` < 0 means no value given).

        Long columns are cut into cache-sized blocks evaluated on all cores: numpy releases the
        GIL inside its gathers and ufuncs, so threads give real parallelism here. Cells met for
        the first time are evaluated, then their rows gathered again.
        """
        n = len(ship_days)
        if n <= BLOCK:
            out = self._codes(ship_days, country_idx, entry_idx, variant, value)
        else:
            out = np.empty(n, dtype=np.int32)

            def block(start: int) -> None:
                stop = min(start + BLOCK, n)
                out[start:stop] = self._codes(
                    ship_days[start:stop],
                    country_idx[start:stop],
                    entry_idx[start:stop],
                    variant[start:stop],
                    None if value is None else value[start:stop],
                )

            list(_pool().map(block, range(0, n, BLOCK)))
        unset = np.flatnonzero(out == UNSET)
        if unset.size:
            at = ship_days[unset], country_idx[unset], entry_idx[unset]
            self._fill(*at)
            out[unset] = self._codes(*at, variant[unset], None if value is None else value[unset])
        return out

    def _codes(
        self,
        ship_days: IntArray,
        country_idx: npt.NDArray[Any],
        entry_idx: npt.NDArray[Any],
        variant: npt.NDArray[Any],
        value: IntArray | None,
    ) -> npt.NDArray[np.int32]:
        # One index into the flat table (half the time of indexing its four axes at once).
        _, n_classes, n_entries, n_variants = self.table.shape
        cell = (self.epochs(ship_days) * n_classes + self.country_class[country_idx]) * n_entries + entry_idx
        code = self.table.reshape(-1)[cell * n_variants + variant]
        if value is not None and self.ceiling.size:
            ceiling = self.ceiling[code]  # an unset cell reads the last outcome's: its rows are redone
            exempt = (value >= 0) & (value <= ceiling) & (code != UNSET)
            code = np.where(exempt, self.exempt_code[code], code)
        return np.asarray(code, dtype=np.int32)

    def _fill(self, ship_days: IntArray, country_idx: npt.NDArray[Any], entry_idx: npt.NDArray[Any]) -> None:
        """Evaluate the cells of these rows that are not in the table yet."""
        plan = self.plan
        if plan is None:
            raise RuntimeError("a complete table has no unset cell")
        epoch = self.epochs(ship_days)
        klass = self.country_class[country_idx].astype(np.int64)
        key = plan.keys[epoch, entry_idx]
        n_classes = len(plan.representatives)
        width = max(len(x) for x in plan.examples)
        cells = np.unique((epoch * n_classes + klass) * width + key)
        with _FILL:
            found = []
            for cell in cells.tolist():
                ek, k = divmod(cell, width)
                found.append((*divmod(ek, n_classes), k))
            self._fill_cells(found)

    def _fill_cells(self, cells: list[tuple[int, int, int]]) -> None:
        """Evaluate these (epoch, class, key) cells not evaluated yet; the caller holds ``_FILL``.

        The new outcomes are published before any cell holding them is written: a lookup running beside
        this fill (another chunk, an API request) may read a new code as soon as it is in the table, and
        must find its outcome and ceiling.
        """
        plan = self.plan
        assert plan is not None
        found = []
        for ei, ci, k in cells:
            if plan.done[ei][ci, k]:
                continue
            view, day, country = plan.view, plan.reps[ei], plan.representatives[ci]
            core0 = core_on(view, view.entries[plan.examples[ei][k]], country, day, trace=False)
            found.append((ei, ci, k, _cell(view, core0, country, day, plan.interner, plan.shortcuts)))
        self._publish()
        for ei, ci, k, code in found:
            self.table[ei, ci, plan.where[ei] == k] = code
            plan.done[ei][ci, k] = True

    def _publish(self) -> None:
        """Outcomes interned so far; codes only ever grow, so earlier codes keep their meaning."""
        interner = self.plan.interner if self.plan else None
        if interner is not None and len(interner.index) != len(self.outcomes):
            self.outcomes = list(interner.index)
            self.ceiling = np.array(interner.ceiling, dtype=np.int64)
            self.exempt_code = np.array(interner.exempt, dtype=np.int32)

    def complete(self) -> CompiledRegime:
        """Evaluate every cell (for a whole-table view: exports, peers, the tests' comparisons)."""
        plan = self.plan
        if plan is not None:
            with _FILL:
                self._fill_cells(
                    [
                        (ei, int(ci), int(k))
                        for ei, done in enumerate(plan.done)
                        for ci, k in zip(*np.nonzero(~done), strict=True)
                    ]
                )
        return self


#: The code of a cell not evaluated yet.
UNSET = -1
#: One filler at a time: cells are few and fast, and the interner's codes must stay in order.
_FILL = threading.Lock()
BLOCK = 262_144
_POOL: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="exportctl-codes")
    return _POOL


class _Interner:
    def __init__(self) -> None:
        self.index: dict[Outcome, int] = {}
        self.ceiling: list[int] = []
        self.exempt: list[int] = []

    def add(self, outcome: Outcome, ceiling: int = -1, exempt_code: int | None = None) -> int:
        if outcome in self.index:
            return self.index[outcome]
        code = len(self.index)
        self.index[outcome] = code
        self.ceiling.append(ceiling)
        self.exempt.append(code if exempt_code is None else exempt_code)
        return code

    def of(self, core: Core) -> int:
        ex = core.available_exemption
        base = Outcome(
            core.licence_required,
            tuple(core.routes),
            core.catch_all,
            tuple(core.groups),
            tuple(core.rule_ids),
            tuple(core.exemptions),
            ex.id if ex else "",
            tuple(needs_of(core)),
            tuple(refused_of(core)),
        )
        if ex is None or base in self.index:
            return self.add(base)
        # A requirement needed in addition (determine._add_requirements) survives the exemption.
        exempt = Outcome(
            bool(core.added),
            base.routes,
            base.catch_all,
            base.groups,
            (*base.rule_ids, ex.id),
            (ex.id,),
            needs=tuple(core.added_needs),
            refused=tuple(added_refused(core)),
        )
        return self.add(base, ex.ceiling, self.add(exempt))


def _destination_classes(regime: Regime, reps: list[dt.date]) -> tuple[list[str], list[int], list[str]]:
    named = {c for r in regime.rules for d in [r.scope.destinations] for c in d.countries + d.except_countries}
    named |= {c for r in regime.catch_all for c in r.destinations.countries + r.destinations.except_countries}
    named |= {c for r in regime.prohibitions for c in r.destinations.countries + r.destinations.except_countries}
    countries = sorted(c.alpha_2 for c in pycountry.countries if c.alpha_2 != regime.jurisdiction)
    classes: dict[tuple[object, ...], int] = {}
    members: list[int] = []
    representatives: list[str] = []
    for c in countries:
        key = (c if c in named else None, *regime.group_ids_over(c, reps))
        if key not in classes:
            classes[key] = len(representatives)
            representatives.append(c)
        members.append(classes[key])
    return countries, members, representatives


def _cell(
    view: Regime, core0: Core, country: str, day: dt.date, interner: _Interner, shortcuts: bool = True
) -> npt.NDArray[np.int32]:
    """The 8 facts-variant outcome codes of one (epoch, destination class, entry) cell."""
    codes = np.full(len(VARIANTS), interner.of(core0), dtype=np.int32)
    entry = core0.entry
    if entry is not None and (entry.kind == "catch_all" or core0.available_exemption is not None or core0.facts_decide):
        # The facts decide the catch-all and whether a small-value exemption is lost.
        for vi, (end_use, informed) in enumerate(VARIANTS[1:], start=1):
            if shortcuts and end_use == "civil" and entry.kind != "catch_all":
                # Outside the catch-all only a WMD or conventional-weapons end use can cost the
                # exemption (determine._exemption_lost) or withhold a route (Grant.withheld_when):
                # a civil end use answers as none given.
                codes[vi] = codes[VARIANTS.index((None, informed))]
                continue
            facts = Facts(None, end_use, informed)  # type: ignore[arg-type]
            codes[vi] = interner.of(core_on(view, entry, country, day, facts, trace=False))
    return codes


def entry_signatures(regime: Regime) -> dict[str, tuple[object, ...]]:
    """What the engine reads of each governing entry of ``regime``: two entries alike in it get the same answers.

    Why: a list of hundreds of entries would otherwise be evaluated entry by entry on every day
    and for every destination class, though most rows' entries are decided by the same rules. The
    engine (:func:`core_on` and what it calls) reads a governing entry only through its kind, its
    row and whether a record names its id: rules' scopes, catch-all rules, exemptions (with their
    exceptions), prohibitions and cautions. ``tests/test_properties.py`` checks the tables built
    with this against tables built entry by entry, so a new read of the entry cannot slip past.

    Read in one pass over the records (asking each of some seven hundred entries whether each record
    names it cost a tenth of a second a run) and remembered per regime object (a view of the law is a
    regime of its own), as the regime's lists of records reaching an entry are: the compiled tables
    and the audit's readings share it.
    """
    memo = regime.__dict__.get("_signatures_memo")
    if memo is not None:
        return memo  # type: ignore[no-any-return]
    named: dict[str, list[str]] = {}
    groups: list[tuple[str, set[str]]] = [(r.id, set(r.scope.entries)) for r in regime.rules]
    groups += [(c.id, set(c.entries)) for c in regime.catch_all]
    groups += [(e.id, {*e.entries, *e.except_entries}) for e in regime.exemptions]
    groups += [(p.id, {*p.entries, *p.except_entries}) for p in regime.prohibitions]
    groups += [(c.id, set(c.entries)) for c in regime.cautions]
    for record_id, entry_ids in groups:
        for entry_id in entry_ids:
            named.setdefault(entry_id, []).append(record_id)
    memo = {e.id: (e.kind, e.row, tuple(sorted(named.get(e.id, ())))) for e in regime.entries.values()}
    regime.__dict__["_signatures_memo"] = memo
    return memo


@dataclass
class _Plan:
    """What filling a cell of the table needs, kept so that cells are evaluated when first met.

    Why lazily: the JP list's table has tens of thousands of cells (epochs x destination classes
    x entry signatures x facts variants) and evaluating them all took 1.5 s, more than a whole
    file of lines costs to screen; a batch or a single check meets a small part of them. A cell is
    evaluated by the same scalar engine either way, so a lazily filled table answers exactly as
    a complete one (``tests/test_properties.py`` compares them).
    """

    view: Regime
    reps: list[dt.date]
    representatives: list[str]
    #: Per epoch: entry index -> index of its key among that epoch's distinct keys.
    where: list[IntArray]
    #: Per epoch: one example entry id per distinct key (the one evaluated).
    examples: list[list[str]]
    interner: _Interner
    shortcuts: bool
    #: Per epoch: (destination class, key) evaluated yet.
    done: list[npt.NDArray[np.bool_]]
    #: ``where`` stacked: (epoch, entry index) -> key index, for whole columns at once.
    keys: IntArray


def compile_regime(
    regime: Regime, known_on: dt.date | None = None, *, by_entry: bool = False, lazy: bool = False
) -> CompiledRegime:
    """Compile ``regime`` (as known on ``known_on``, when given) into lookup tables.

    Each (epoch, destination class, governing entry's signature) cell is evaluated once;
    ``by_entry=True`` evaluates every governing entry on its own and every facts variant in full
    instead (the reference the tests compare against). ``lazy=True`` evaluates a cell only when
    :meth:`CompiledRegime.codes` first meets it (the batch shells' way); otherwise all at once.
    """
    view = as_known_on(regime, known_on) if known_on else regime
    starts = view.change_dates()
    reps = [starts[0] - dt.timedelta(days=1) if starts else dt.date(2000, 1, 1), *starts]
    countries, members, representatives = _destination_classes(view, reps)
    entries = list(view.entries)
    # Goods not yet listed fall under an earlier entry (e.g. the catch-all): their cells are that
    # entry's cells, so each (epoch, class, governing entry) is evaluated once.
    signature = {e.id: (e.id,) for e in view.entries.values()} if by_entry else entry_signatures(view)
    wheres: list[IntArray] = []
    examples: list[list[str]] = []
    for day in reps:
        # Which entry governs each entry's goods depends on the day only; goods not controlled
        # that day are told apart by what records say about their own entry.
        keys: list[object] = []
        for entry_id in entries:
            governing, _ = classify(view, view.entries[entry_id], day)
            keys.append(signature[governing.id] if governing else ("-", signature[entry_id]))
        example = dict(zip(keys, entries, strict=True))  # one entry per distinct key: it is evaluated
        position = {k: i for i, k in enumerate(example)}
        wheres.append(np.array([position[k] for k in keys], dtype=np.int64))
        examples.append(list(example.values()))
    plan = _Plan(
        view=view,
        reps=reps,
        representatives=representatives,
        where=wheres,
        examples=examples,
        interner=_Interner(),
        shortcuts=not by_entry,
        done=[np.zeros((len(representatives), len(e)), dtype=np.bool_) for e in examples],
        keys=np.stack(wheres),
    )
    c = CompiledRegime(
        jurisdiction=view.jurisdiction,
        version=regime.version,
        currency=view.info.currency,
        known_on=known_on,
        epoch_starts=np.array([days(d) for d in starts], dtype=np.int64),
        countries=countries,
        country_class=np.array(members, dtype=np.int32),
        entries=entries,
        table=np.full((len(reps), len(representatives), len(entries), len(VARIANTS)), UNSET, dtype=np.int32),
        plan=plan,
    )
    if not lazy:
        c.complete()
    return c


_CACHE: dict[tuple[int, dt.date | None], tuple[Regime, CompiledRegime]] = {}


def compiled(regime: Regime, known_on: dt.date | None = None) -> CompiledRegime:
    """Compile once per regime object and knowledge date; cells are evaluated when first met."""
    key = (id(regime), known_on)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not regime:
        hit = (regime, compile_regime(regime, known_on, lazy=True))
        _CACHE[key] = hit
    return hit[1]
