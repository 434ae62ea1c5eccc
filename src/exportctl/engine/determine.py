"""determine(): licence outcome, usable licence types and the cited trace for one shipment.

Resolution follows the law's own shape: the goods' classification on the date (an entry not
yet in force falls back to what governed it before), the destination's groups on the date,
the licence rules that apply (a rule displaces those it ``overrides``; grants of the rest add
up), then exemptions, or for non-listed goods the catch-all. Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from exportctl.engine.knowledge import NEVER, as_announced_on, as_known_on, stand_ins, with_stand_ins_begun
from exportctl.engine.query import (
    check_amount,
    destination_reading,
    parse_date,
    parse_time,
    read_end_use,
    refuse_before_records,
    regime_for,
)
from exportctl.engine.results import (
    CatchAllStatus,
    Determination,
    EndUse,
    ItemRef,
    Notice,
    ProcedureNote,
    SourceRef,
    StepKind,
    TraceStep,
)
from exportctl.errors import UnknownItem
from exportctl.law.model import (
    CATCH_ALL_ORDER,
    WEAK_CONFIDENCE,
    CatchAllRule,
    Caution,
    ControlEntry,
    Dated,
    LicenceType,
    Measure,
    Prohibition,
    Rule,
    SmallValueExemption,
    WithholdingFact,
)
from exportctl.law.regime import GroupHit, Regime


@dataclass(frozen=True)
class Facts:
    """What the exporter tells us about the shipment beyond item, destination and date."""

    value: int | None = None
    end_use: EndUse | None = None
    informed: bool = False


@dataclass
class Core:
    """The outcome on one day, before warnings: what the pending-change check compares."""

    entry: ControlEntry | None
    groups: list[str]
    licence_required: bool
    routes: list[str]
    exemptions: list[str]
    catch_all: CatchAllStatus
    trace: list[TraceStep] = field(default_factory=list)
    procedures: list[ProcedureNote] = field(default_factory=list)
    rule_ids: list[str] = field(default_factory=list)
    notes: list[Notice] = field(default_factory=list)
    hits: list[GroupHit] = field(default_factory=list)
    available_exemption: SmallValueExemption | None = None
    #: Requirements needed as well as the licence (``Prohibition.in_addition``), added at the end.
    added: list[Prohibition] = field(default_factory=list)
    #: What the exporter must obtain, by kind ("licence", "approval"): set with the added requirements.
    needs: list[str] | None = None
    #: Requirements the law refuses or does not grant in principle (``Grant.refused``, ``Prohibition.refused``).
    refused: list[str] = field(default_factory=list)
    #: The licence's own types once requirements are added (empty when the licence is not needed).
    licence_routes: list[str] = field(default_factory=list)
    #: The kinds of the added requirements alone: what an exemption that lifts the licence leaves.
    added_needs: list[str] = field(default_factory=list)
    #: False when only the outcome is wanted (compiling the tables): the trace is then not built.
    tracing: bool = True
    #: A route was read that the facts may withhold (``Grant.withheld_when``): the compiled tables
    #: must then answer each facts variant apart, as for the catch-all.
    facts_decide: bool = False

    def step(self, rec: Dated, rule: str, kind: StepKind, effect: str, day: dt.date | None = None) -> None:
        """Add a cited step to the trace (nothing when not tracing: compiling needs the outcome only)."""
        if self.tracing:
            self.trace.append(_step(rec, rule, kind, effect, day))

    def summary(self) -> tuple[object, ...]:
        """What a change of the law is compared by (``draft``, ``pending_change``): the headline as well as the
        routes - a change that only adds an approval or refuses a route changes what the answer needs (legal review
        59, R59-2: such changes went unwarned). The governing entry last (the batch swaps it per line)."""
        return (
            tuple(self.groups),
            self.licence_required,
            tuple(self.routes),
            tuple(self.exemptions),
            self.catch_all,
            tuple(needs_of(self)),
            tuple(refused_of(self)),
            self.entry.id if self.entry else None,
        )


def _window(rec: Dated, day: dt.date | None) -> tuple[dt.date, dt.date] | None:
    u = rec.uncertain
    if u is None or day is None:
        return None
    for w in (u.start_between, u.end_between):
        if w is not None and w[0] <= day <= w[1]:
            return w
    return None


#: Steps already built, by (record, rule, kind, effect, uncertain window): the same few thousand
#: steps recur in every answer a regime gives (a batch's audit builds tens of thousands of
#: traces). Each entry keeps its record, so a key's ``id`` cannot be reused while it is here.
_STEPS: dict[tuple[int, str, str, str, tuple[dt.date, dt.date] | None], tuple[Dated, TraceStep]] = {}
_STEPS_MAX = 1 << 16


def _step(rec: Dated, rule: str, kind: StepKind, effect: str, day: dt.date | None = None) -> TraceStep:
    """A cited step; remembered, since a step is the same whenever its record, text and window are.

    Steps are never changed once built (answers are dumped, not edited), so one object may sit
    in many traces.
    """
    window = _window(rec, day)
    key = (id(rec), rule, kind, effect, window)
    hit = _STEPS.get(key)
    if hit is not None and hit[0] is rec:
        return hit[1]
    if len(_STEPS) >= _STEPS_MAX:
        _STEPS.clear()
    step = _new_step(rec, rule, kind, effect, window)
    _STEPS[key] = (rec, step)
    return step


def _new_step(rec: Dated, rule: str, kind: StepKind, effect: str, window: tuple[dt.date, dt.date] | None) -> TraceStep:
    # Built without validation (every value comes from a validated record): a compile builds
    # hundreds of thousands of steps, and validating each again cost a quarter of the time.
    return TraceStep.model_construct(
        rule=rule,
        kind=kind,
        effect=effect,
        source=SourceRef.of(rec),
        # A knowledge view's listing not yet published starts on the sentinel NEVER: no day to show (legal review 57,
        # R57-5: the trace printed 9999-12-31); the step's effect says "not yet listed".
        valid_from=None if rec.valid_from == NEVER else rec.valid_from,
        valid_to=rec.valid_to,
        from_time=rec.from_time,
        to_time=rec.to_time,
        measure=rec.measure,
        ended_by=rec.ended_by,
        todo=rec.todo,
        uncertain_between=window,
    )


def membership_steps(hits: list[GroupHit], country: str, day: dt.date | None = None) -> list[TraceStep]:
    steps: list[TraceStep] = []
    for h in hits:
        if h.by_default:
            g = h.group
            steps.append(
                TraceStep(
                    rule=f"{g.id}#default",
                    kind="membership",
                    effect=f"{country} in {g.id} by default ({g.basis})",
                    source=SourceRef.of(g),
                    todo=g.default_caveat,
                )
            )
        for m in h.via:
            steps.append(_step(m, f"{h.group.id}#{m.country}", "membership", f"{m.country} in {h.group.id}", day))
    return steps


def classify(
    regime: Regime, entry: ControlEntry, day: dt.date, at: str | None = None
) -> tuple[ControlEntry | None, list[TraceStep]]:
    """The entry that governs ``entry``'s goods on ``day`` (following prior classifications)."""
    steps: list[TraceStep] = []
    current: ControlEntry | None = entry
    seen: set[str] = set()
    while current is not None and not current.covers(day, at):
        seen.add(current.id)
        start = "not yet listed" if current.valid_from == NEVER else f"in force from {current.valid_from}"
        if current.valid_to is not None and not current.covers(current.valid_to, "00:00") and day >= current.valid_to:
            start = f"removed on {current.valid_to}"
        prior = current.prior_classification
        effect = f"{current.id} {start}" + (
            f"; on {day} these goods fell under {prior}" if prior else "; not controlled"
        )
        steps.append(_step(current, current.id, "classification", effect, day))
        current = regime.entries.get(prior) if prior and prior not in seen else None
    return current, steps


def _resolve(
    rules: list[Rule],
    regime: Regime,
    entry: ControlEntry,
    country: str,
    day: dt.date,
    groups: list[str],
    at: str | None = None,
) -> tuple[list[Rule], list[Rule]]:
    """The ``rules`` in force that reach ``country`` (``rules``: those naming the entry or its
    row, :meth:`Regime.rules_naming`), split into (active, displaced by another)."""
    applicable = [
        r for r in regime.in_force(rules, day, at) if regime.matches(r.scope.destinations, country, day, groups)
    ]
    displaced = {o for r in applicable for o in r.overrides}
    active = [r for r in applicable if r.id not in displaced]
    return active, [r for r in applicable if r.id in displaced]


def _listed(
    core: Core, regime: Regime, entry: ControlEntry, country: str, day: dt.date, facts: Facts, at: str | None
) -> None:
    active, displaced = _resolve(regime.rules_naming(entry), regime, entry, country, day, core.groups, at)
    tracing = core.tracing  # the steps' words are built only for a trace (compiling asks for none)
    by_id = {r.id: r for r in active}
    for r in displaced if tracing else ():
        winners = [a.id for a in active if r.id in a.overrides]
        core.step(r, r.id, "rule", f"displaced by {', '.join(winners)}")
    required: bool | None = None
    routes: set[str] = set()
    for r in active:
        if r.effect.licence_required is not None:
            required = r.effect.licence_required if required is None else (required or r.effect.licence_required)
        if tracing:
            parts = []
            if r.effect.licence_required is not None:
                parts.append("licence required" if r.effect.licence_required else "no licence required")
            if r.effect.grant:
                parts.append("grants " + ", ".join(g.licence for g in r.effect.grant))
            if r.overrides:
                parts.append("displaces " + ", ".join(o for o in r.overrides if o not in by_id))
            core.step(r, r.id, "rule", "; ".join(parts) or "applies", day)
        core.rule_ids.append(r.id)
        for g in r.effect.grant:
            if g.withheld_when:
                core.facts_decide = True
                withheld = _withheld(g.withheld_when, facts)
                if withheld:
                    fact, why = withheld
                    because = g.withheld_because
                    if isinstance(because, dict):
                        because = because.get(fact)
                    core.step(r, r.id, "rule", f"{g.licence} not offered: {why}", day)
                    core.notes.append(
                        Notice(
                            kind="route_withheld",
                            rule=r.id,
                            text=f"the {g.licence} route ({r.label}) is not offered because {why}: "
                            + (because or g.conditions or "its conditions on these facts were not read"),
                        )
                    )
                    continue
            routes.add(g.licence)
            if g.refused:
                core.refused.append(g.licence)
            if not tracing:  # what a route's procedure asks is read only by a full answer, never by a batch's cells
                continue
            p = g.procedure
            core.procedures.append(
                ProcedureNote(
                    licence=g.licence,
                    rule=r.id,
                    conditions=g.conditions or (p.conditions if p else None),
                    documents=p.documents if p else None,
                    review_days=p.review_days if p else None,
                    max_processing_days=p.max_processing_days if p else None,
                    validity=p.validity if p else None,
                )
            )
    if required is None:
        # Never answer "no licence" from a gap in the data: a listed entry with no deciding rule
        # is treated as needing a licence, and the answer says why.
        required = True
        core.notes.append(
            Notice(
                kind="no_deciding_rule",
                rule=entry.id,
                text=f"no rule in this data decides whether {entry.id} needs a licence on {day}; "
                "a listed item is assumed to need one: confirm with the authority",
            )
        )
    core.licence_required = bool(required)
    order = list(regime.licence_types)
    core.routes = sorted(routes, key=order.index)
    _exemptions(core, regime, entry, country, day, facts, at)


def _withheld(when: Sequence[WithholdingFact], facts: Facts) -> tuple[WithholdingFact, str] | None:
    """(the fact, why in words) that withholds a route (``Grant.withheld_when``), or None."""
    if "wmd" in when and facts.end_use == "wmd":
        return "wmd", "a WMD end use is known"
    if "conventional" in when and facts.end_use == "conventional":
        return "conventional", "a conventional-weapons end use is known"
    if "informed" in when and facts.informed:
        return "informed", "an inform notice was received"
    return None


def _exemptions(
    core: Core, regime: Regime, entry: ControlEntry, country: str, day: dt.date, facts: Facts, at: str | None
) -> None:
    value = facts.value
    covered = False
    for ex in regime.in_force(regime.exemptions_reaching(entry), day, at):
        covered = True
        amount = f"{ex.ceiling:,} {ex.currency}"
        if ex.not_for and regime.matches(ex.not_for, country, day, core.groups):
            core.step(ex, ex.id, "exemption", f"not available for {country} ({', '.join(ex.not_for.groups)})")
            continue
        concerns = _exemption_concerns(regime, ex, country, day, core.groups)
        lost = _exemption_lost(concerns, facts)
        if lost:
            core.step(ex, ex.id, "exemption", f"lost: {lost}")
            continue
        core.available_exemption = ex
        if value is None:
            core.notes.append(
                Notice(
                    kind="exemption",
                    rule=ex.id,
                    text=f"{ex.label}: give the goods' total value to check it (ceiling {amount} per {ex.per})",
                )
            )
            continue
        if value <= ex.ceiling:
            core.exemptions.append(ex.id)
            core.rule_ids.append(ex.id)
            core.licence_required = False
            core.step(
                ex,
                ex.id,
                "exemption",
                f"value {value:,} {ex.currency} within ceiling {amount}: no licence required",
            )
            triggers = _exemption_triggers(concerns, facts)
            if triggers:
                open_use = facts.end_use is None and bool(concerns & {"wmd", "conventional"})
                core.notes.append(
                    Notice(
                        kind="exemption",
                        rule=ex.id,
                        text=f"{ex.label}: the exemption is lost, and a licence needed, if "
                        + ", or if ".join(triggers)
                        + ("; give the end use to decide" if open_use else ""),
                    )
                )
        else:
            core.step(ex, ex.id, "exemption", f"value {value:,} {ex.currency} exceeds ceiling {amount}")
    if value is not None and not covered and regime.exemptions:
        # A value given for goods no small-value exemption covers decides nothing: say so, rather
        # than leave the user to think it was weighed (session review S27-14, hydrogen fluoride).
        core.notes.append(
            Notice(
                kind="exemption",
                text=f"no small-value exemption covers {entry.id} on {day}: the value given decides nothing here",
            )
        )


_STATUS: dict[str, CatchAllStatus] = {
    "none": "exempt",
    "inform": "inform_only",
    "knowledge": "knowledge",
    "objective_use": "objective",
    "objective": "objective",
}
#: Levels at which the exporter's own knowledge of a concerning end use makes a licence necessary.
_KNOWING = frozenset({"knowledge", "objective_use", "objective"})


def _exemption_concerns(
    regime: Regime, ex: SmallValueExemption, country: str, day: dt.date, groups: list[str]
) -> frozenset[str]:
    """Which catch-all triggers remove ``ex`` for this destination: ``wmd`` and ``informed`` outside
    ``strict_outside``, ``informed`` where ``lost_when_informed`` reaches, ``conventional`` where
    ``conventional_strict`` does. Read once; :func:`_exemption_lost` asks it of the facts given and
    :func:`_exemption_triggers` names what the facts left open."""
    found: set[str] = set()
    if ex.strict_outside is not None and not regime.matches(ex.strict_outside, country, day, groups):
        found |= {"wmd", "informed"}
    if ex.lost_when_informed is not None and regime.matches(ex.lost_when_informed, country, day, groups):
        found.add("informed")
    if ex.conventional_strict is not None and regime.matches(ex.conventional_strict, country, day, groups):
        found.add("conventional")
    return frozenset(found)


def _exemption_lost(concerns: frozenset[str], facts: Facts) -> str | None:
    """Why a catch-all trigger removes the small-value exemption here, or None."""
    if "informed" in concerns and facts.informed:
        return "an inform notice was received"
    if "wmd" in concerns and facts.end_use == "wmd":
        return "a WMD end use is known"
    if "conventional" in concerns and facts.end_use == "conventional":
        return "a conventional-weapons end use is known"
    return None


def _exemption_triggers(concerns: frozenset[str], facts: Facts) -> list[str]:
    """What would still remove an exemption that the facts given leave standing: a "no licence" that
    rests on facts the exporter was not asked for must say which facts would turn it (ETCO Art.
    4(1)(v): 「イ、ロ及びニのいずれの場合にも該当しないときに限る」 outside Appended Table 3)."""
    out: list[str] = []
    if "wmd" in concerns and facts.end_use is None:
        # The use is not the only limb: an end user that the contract, a list the authority publishes (Japan: METI's
        # End User List) or the importer shows to develop such weapons takes the exemption too (Japan's WMD order,
        # items 2-3, as the catch-all's own answer says; legal review 97, R97-1); the facts carry either as end use "wmd".
        out.append(
            "the goods may be used for weapons of mass destruction, or the contract, a list the authority publishes "
            "or the importer shows that their end user develops or has developed such weapons (give either as a WMD "
            "end use)"
        )
    if "conventional" in concerns and facts.end_use is None:
        out.append("the goods may be used for conventional weapons")
    if "informed" in concerns:
        out.append("the authority informs you of a concern")
    return out


def caution_words(c: Caution) -> str:
    """A caution as every answer words it: label, text and its id (``check``'s warnings, ``status``'s)."""
    return f"{c.label}: {c.text.strip()} [{c.id}]"


def _cautions(
    core: Core, regime: Regime, entry: ControlEntry, country: str, day: dt.date, at: str | None, facts: Facts
) -> list[tuple[Caution, Notice]]:
    """Add the cautions that reach the goods, the destination and the facts; return those given only
    beside some licences (:attr:`Caution.for_routes`), to be kept once the routes are known."""
    by_routes: list[tuple[Caution, Notice]] = []
    for c in regime.in_force(regime.cautions_reaching(entry), day, at):
        if facts.end_use is not None and facts.end_use in c.not_for_end_uses:
            continue
        if c.for_end_uses and facts.end_use not in c.for_end_uses:
            continue
        if facts.informed and c.not_when_informed:
            continue
        if c.for_informed and not facts.informed:
            continue
        if regime.matches(c.destinations, country, day, core.groups):
            note = Notice(kind="caution", rule=c.id, measure=c.measure, text=caution_words(c))
            core.notes.append(note)
            if c.for_routes:
                by_routes.append((c, note))
    return by_routes


def _beside_routes(core: Core, by_routes: list[tuple[Caution, Notice]]) -> None:
    """Drop the cautions given only beside licences the answer does not offer (:attr:`Caution.for_routes`)."""
    for c, note in by_routes:
        if not set(c.for_routes) & set(core.routes):
            core.notes.remove(note)


def _strongest(levels: Sequence[str]) -> str:
    return max(levels, key=CATCH_ALL_ORDER.index)


def _catch_all(
    core: Core, regime: Regime, entry: ControlEntry, country: str, day: dt.date, facts: Facts, at: str | None
) -> None:
    end_use, informed = facts.end_use, facts.informed
    applicable = [
        c
        for c in regime.in_force(regime.catch_all_reaching(entry), day, at)
        if regime.matches(c.destinations, country, day, core.groups)
    ]
    displaced = {o for c in applicable for o in c.overrides}
    active: list[CatchAllRule] = [c for c in applicable if c.id not in displaced]
    for c in applicable:
        if c.id in displaced:
            core.step(c, c.id, "catch_all", "displaced by " + ", ".join(a.id for a in active if c.id in a.overrides))
    if not active:
        core.catch_all, core.licence_required = "not_applicable", False
        core.notes.append(
            Notice(
                kind="catch_all_duty", text=f"no catch-all control applies to {entry.id} goods for {country} on {day}"
            )
        )
        return
    c = active[0]
    if end_use == "wmd":
        relevant = [c.wmd]
    elif end_use == "conventional":
        relevant = [c.conventional]
    else:
        relevant = [c.wmd, c.conventional]
    status = _STATUS[_strongest(relevant)]
    # An inform notice is the authority's word that the goods may serve a concerning use: it is read against both
    # limbs, whatever end use the exporter gives (legal review 58, R58-1: a conventional end use before the
    # conventional limb existed dropped a WMD inform notice; R60-1: the hint likewise).
    notice_reaches = c.wmd != "none" or c.conventional != "none"
    if informed and status == "exempt":  # the end use given is outside the catch-all, the notice is not
        status = _STATUS[_strongest([c.wmd, c.conventional])]
    required = (
        (informed and notice_reaches)
        or (end_use == "wmd" and c.wmd in _KNOWING)
        or (end_use == "conventional" and c.conventional in _KNOWING)
    )
    core.catch_all, core.licence_required = status, required
    core.routes = [c.licence] if required else []
    core.rule_ids.append(c.id)
    core.step(
        c,
        c.id,
        "catch_all",
        day=day,
        effect=f"WMD: {c.wmd}; conventional weapons: {c.conventional}"
        + (f"; licence required ({c.licence})" if required else "; no licence required on the facts given"),
    )
    if c.note:
        core.notes.append(Notice(kind="catch_all_duty", rule=c.id, text=f"{c.id}: {c.note.strip()}"))
    if required:
        return
    concerns = [name for name, level in (("WMD", c.wmd), ("conventional-weapons", c.conventional)) if level in _KNOWING]
    if concerns and end_use in (None, "civil"):
        core.notes.append(
            Notice(
                kind="catch_all_duty",
                rule=c.id,
                text="catch-all: a licence is required if you know"
                + (", or have reason to believe," if status == "objective" else "")
                + f" that the goods are for a {' or '.join(concerns)} end use"
                + ("; give the end use to decide" if end_use is None else ""),
            )
        )
    if notice_reaches:
        core.notes.append(
            Notice(
                kind="catch_all_duty",
                rule=c.id,
                text="catch-all: a licence is still required if the authority informs you of a concern",
            )
        )


def _prohibited(core: Core, regime: Regime, entry: ControlEntry, country: str, day: dt.date, at: str | None) -> bool:
    """A destination ban displaces licences, exemptions and the catch-all for the goods it covers.

    One needed ``in_addition`` displaces nothing: it is kept in ``core.added`` and added once the
    licence has been decided as without it (:func:`_add_requirements`), since the law asks for both.
    """
    for p in regime.in_force(regime.prohibitions_reaching(entry), day, at):
        if regime.matches(p.destinations, country, day, core.groups):
            core.rule_ids.append(p.id)
            extra = " as well as any licence the goods need" if p.in_addition else ""
            core.step(p, p.id, "prohibition", f"{p.label}: {p.requirement} required{extra}", day)
            if p.conditions and core.tracing:
                core.procedures.append(ProcedureNote(licence=p.requirement, rule=p.id, conditions=p.conditions))
            if p.refused:
                core.refused.append(p.requirement)
            if p.in_addition:
                core.added.append(p)
                continue
            core.licence_required = True
            core.routes = [p.requirement]
            core.needs = [_kind(regime.licence_types, p.requirement)]
            core.catch_all = "not_applicable"
            return True
    return False


def needs_of(core: Core) -> list[str]:
    """What the outcome needs, by kind: set with the added requirements, else the licence or nothing."""
    return core.needs if core.needs is not None else (["licence"] if core.licence_required else [])


def refused_of(core: Core) -> list[str]:
    """The needed routes the law refuses in principle: each added requirement refused, and the
    licence's types when every one of them is refused (one that is not is a way out). A licence an
    exemption lifts is not needed, so its refusal bars nothing."""
    if not core.licence_required or not core.refused:
        return []
    refused = added_refused(core)
    licence = core.licence_routes if core.added else core.routes
    if licence and all(r in core.refused for r in licence):
        refused += [r for r in licence if r not in refused]
    return refused


def added_refused(core: Core) -> list[str]:
    """The requirements needed as well as the licence that the law refuses in principle: all that
    stays refused where a small-value exemption lifts the licence."""
    return [r for r in dict.fromkeys(p.requirement for p in core.added) if r in core.refused]


def _kind(types: Mapping[str, LicenceType], licence: str) -> str:
    """Whether ``licence`` is a licence (許可, 허가) or an approval (承認, 승인): what an answer needs."""
    found = types.get(licence)
    return found.kind if found is not None else "licence"


def _add_requirements(core: Core, types: Mapping[str, LicenceType]) -> None:
    """Add the requirements needed as well as the licence: the outcome needs them whatever the
    licence came to (listed rules, catch-all or a small-value exemption, which lifts only the licence).

    ``routes`` then lists each added requirement first, then the licence types usable for the
    licence; a notice says that both are needed, since ``routes`` otherwise lists alternatives.
    """
    if not core.added:
        return
    licence_needed, licence_routes = core.licence_required, list(core.routes)
    core.licence_routes = licence_routes if licence_needed else []
    added = {_kind(types, p.requirement) for p in core.added}
    needs = added | ({"licence"} if licence_needed else set())
    core.needs = [k for k in ("licence", "approval") if k in needs]
    core.added_needs = [k for k in ("licence", "approval") if k in added]
    core.licence_required = True
    core.routes = list(dict.fromkeys([*(p.requirement for p in core.added), *core.routes]))
    for p in core.added:
        other = [r for r in licence_routes if r != p.requirement]
        if core.exemptions:
            text = (
                f"{p.requirement} is needed ({p.id}): the small-value exemption "
                f"({', '.join(core.exemptions)}) lifts the licence, not the {p.requirement}"
            )
        elif licence_needed and other:
            text = (
                f"both are needed: the {p.requirement} ({p.id}) and a licence for the goods "
                f"({' or '.join(other)}); routes lists the {p.requirement} first, then the licence types"
            )
        elif licence_needed:
            text = f"{p.requirement} is needed, under {p.id} and for the goods themselves on the facts given"
        else:
            text = (
                f"{p.requirement} is needed ({p.id}); no other licence is needed on the facts given, but one that "
                "the facts would require (a catch-all end use or notice) is needed as well, not instead"
            )
        core.notes.append(Notice(kind="in_addition", rule=p.id, measure=p.measure, text=text))


def core_on(
    regime: Regime,
    entry: ControlEntry,
    country: str,
    day: dt.date,
    facts: Facts = Facts(),
    at: str | None = None,
    *,
    trace: bool = True,
) -> Core:
    """The outcome on ``day`` (at local time ``at``) under ``regime`` (already a knowledge view if needed).

    ``trace=False`` gives the same outcome without building the cited trace (or its notes'
    inputs): what compiling the lookup tables asks for, tens of thousands of times.
    """
    hits = regime.groups_on(country, day, at)
    core = Core(
        entry=None,
        groups=[h.group.id for h in hits],
        licence_required=False,
        routes=[],
        exemptions=[],
        catch_all="not_applicable",
        hits=hits,
        tracing=trace,
    )
    governing, steps = classify(regime, entry, day, at)
    if trace:
        core.trace.extend(membership_steps(hits, country, day))
        core.trace.extend(steps)
    if governing is not None:
        listed = f"{governing.id} ({governing.title})" + (f": {governing.locator}" if governing.locator else "")
        core.step(governing, governing.id, "classification", listed, day)
    core.entry = governing
    start = entry.valid_from  # NEVER: a knowledge view's listing not yet known, which has no "before" to tell of
    if entry.prior_note and governing is not entry and start is not None and start != NEVER and day <= start:
        core.notes.append(Notice(kind="caution", rule=entry.id, text=f"{entry.prior_note.strip()} [{entry.id}]"))
    by_routes = _cautions(core, regime, governing or entry, country, day, at, facts)
    if _prohibited(core, regime, governing or entry, country, day, at):
        _add_requirements(core, regime.licence_types)
        _beside_routes(core, by_routes)
        return core
    if governing is None:
        core.notes.append(Notice(kind="not_controlled", rule=entry.id, text=f"{entry.id} is not controlled on {day}"))
    elif governing.kind == "catch_all":
        _catch_all(core, regime, governing, country, day, facts, at)
    else:
        _listed(core, regime, governing, country, day, facts, at)
    _add_requirements(core, regime.licence_types)
    _beside_routes(core, by_routes)
    return core


# --------------------------------------------------------------------------- warnings


_NEEDS_WORDS: dict[tuple[str, ...], str] = {
    (): "no licence required on the facts given",
    ("licence",): "licence required",
    ("approval",): "approval required",
    ("licence", "approval"): "licence and approval required",
}


def _describe(before: Core, after: Core) -> str:
    parts = []
    if before.groups != after.groups:
        parts.append(f"groups {', '.join(before.groups) or '-'} -> {', '.join(after.groups) or '-'}")
    if before.entry is not after.entry and (
        before.entry is None or after.entry is None or before.entry.id != after.entry.id
    ):
        parts.append(f"classified under {after.entry.id if after.entry else 'no entry'}")
    needs = tuple(needs_of(after))
    if before.licence_required != after.licence_required or tuple(needs_of(before)) != needs:
        # Said by what must be obtained, as the headline is: an approval alone is no "licence required"
        # (legal review 42, R42-6).
        parts.append(_NEEDS_WORDS.get(needs, "licence required"))
    if before.routes != after.routes:
        gone = [r for r in before.routes if r not in after.routes]
        new = [r for r in after.routes if r not in before.routes]
        # A requirement added on top of the licence (Prohibition.in_addition) is needed, not a choice.
        was_added = {p.requirement for p in before.added}
        now_added = {p.requirement for p in after.added}
        for names, said in (
            ([r for r in gone if r not in was_added], "no longer usable"),
            ([r for r in gone if r in was_added], "no longer needed"),
            ([r for r in new if r in now_added], "needed as well"),
            ([r for r in new if r not in now_added], "becomes usable"),
        ):
            if names:
                parts.append(f"{', '.join(names)} {said}")
        parts.append(f"routes: {', '.join(after.routes) or 'none'}")
    was_refused, now_refused = refused_of(before), refused_of(after)
    if was_refused != now_refused:
        # Said in words, as the summary compares it (legal review 62, R62-5: a change that only refuses a licence
        # was warned with no words for it).
        newly = [r for r in now_refused if r not in was_refused]
        lifted = [r for r in was_refused if r not in now_refused]
        if newly:
            parts.append(f"{', '.join(newly)} refused")
        if lifted:
            parts.append(f"{', '.join(lifted)} no longer refused")
    if before.catch_all != after.catch_all:
        parts.append(f"catch-all {before.catch_all} -> {after.catch_all}")
    if before.exemptions != after.exemptions:
        parts.append(f"exemptions: {', '.join(after.exemptions) or 'none'}")
    return "; ".join(parts)


def _responsible(before: Core, after: Core, day: dt.date) -> list[str]:
    ids = [s.measure for s in after.trace if s.valid_from == day and s.measure]
    ids += [s.ended_by for s in before.trace if s.valid_to == day and s.ended_by]
    return list(dict.fromkeys(i for i in ids if i))


def _when(day: dt.date, at: str | None) -> str:
    return f"{day} {at}" if at else str(day)


def _unless_renewed(regime: Regime, measure_ids: Sequence[str]) -> str:
    """The words that make a change brought by a time limit read as what it is: an expiry the
    law sets, which has been renewed before (legal review 59, R59-4: Japan's North Korea ban
    "no longer needed" from 2027-04-14 read like a lifting decided)."""
    if not any(m in regime.measures and regime.measures[m].kind == "sunset" for m in measure_ids):
        return ""
    return ", unless renewed before then (a time limit the law sets, not a change decided)"


def _unpublished(regime: Regime, mid: str, knowledge_day: dt.date) -> bool:
    """Whether the measure ``mid`` is announced but not yet published (promulgated or in force) on
    ``knowledge_day``: what a draft notice is about."""
    m = regime.measures.get(mid)
    return m is not None and m.stage_on(knowledge_day) in ("proposed", "decided", "unknown")


def _measure_note(regime: Regime, mid: str, knowledge_day: dt.date) -> str:
    m = regime.measures.get(mid)
    if m is None:
        return ""
    # The first day it was public (announced, decided, promulgated or in force): a promulgation day is
    # no announcement, so the word is "public", not "announced".
    return f" [{m.id}: {m.title}; public from {m.public_on}; stage on {knowledge_day}: {m.stage_on(knowledge_day)}]"


def pending_changes(
    regime: Regime,
    entry: ControlEntry,
    country: str,
    day: dt.date,
    knowledge_day: dt.date,
    facts: Facts,
    base: Core,
    at: str | None = None,
    limit: int = 4,
) -> list[Notice]:
    """Warnings for what was announced by ``knowledge_day`` and is not yet the law in ``base``.

    Two kinds: changes that take effect after the shipment (later that day included), and
    measures announced but not yet published by the knowledge day that would already change the
    answer on the shipment day. Drafts and announcements are warnings, never the answer.
    """
    view = as_announced_on(regime, knowledge_day)
    entry = view.entries[entry.id]
    out: list[Notice] = []
    now = core_on(view, entry, country, day, facts, at)
    if now.summary() != base.summary():
        text = f"on {_when(day, at)}, measures announced by {knowledge_day} but not yet published would change this: "
        text += _describe(base, now)
        drafts = [m for m in _responsible(base, now, day) or [s.measure for s in now.trace if s.measure] if m]
        # Only the measures not yet published on the knowledge day are the drafts: one already in force or
        # promulgated is the law the answer already reads (legal review 71, R71-6).
        # None found is said as none: naming a published measure would mislead (session review S32B-2).
        drafts = list(dict.fromkeys(m for m in drafts if _unpublished(regime, m, knowledge_day)))
        for mid in drafts:
            text += _measure_note(regime, mid, knowledge_day)
        out.append(Notice(kind="draft", text=text, measure=drafts[0] if drafts else None, date=day))
    before, before_at = now, (day, at)
    start = (day, at or "")
    read: list[Dated] = []

    def reached() -> list[Dated]:
        if not read:
            read.extend(r for r in reach(view, entry, country) if not isinstance(r, Caution))
        return read

    for d, t in (p for p in view.change_points() if (p[0], p[1] or "") > start):
        # Most later change points change nothing for this shipment: compare outcomes without
        # building traces, and build the two traces (which name the measures) only on a change.
        after = core_on(view, entry, country, d, facts, t, trace=False)
        if after.summary() != before.summary():
            told_from: Core | None = None
            if stand_ins(reached(), d):
                # Only what changes on the day besides the stand-in first days is an announced change: the day
                # before, with the stand-ins already holding, answers as the day itself when nothing else does.
                early = with_stand_ins_begun(view, d)
                held = core_on(early, early.entries[entry.id], country, d - dt.timedelta(days=1), facts, trace=False)
                if held.summary() == after.summary():
                    before, before_at = after, (d, t)
                    continue
                # What else changes that day is told against the day before with the stand-ins holding: a stand-in
                # first day is no announced change, in the words either (Korea's region Na-2 beside Annex 21's
                # refusals of 2025-12-31, legal review 78).
                told_from = held
            if not before.tracing:
                before = core_on(view, entry, country, before_at[0], facts, before_at[1])
            said = core_on(view, entry, country, d, facts, t)
            responsible = _responsible(before, said, d)
            text = f"from {_when(d, t)}{_unless_renewed(regime, responsible)}: {_describe(told_from or before, said)}"
            for mid in responsible:
                text += _measure_note(regime, mid, knowledge_day)
            out.append(
                Notice(kind="pending_change", text=text, measure=responsible[0] if responsible else None, date=d)
            )
            if len(out) >= limit:
                break
        before, before_at = after, (d, t)
    return out


def _sunsets(regime: Regime) -> tuple[dict[str, Measure], dt.date | None]:
    """The regime's ``sunset`` measures by id, and the first day on which a record one of them ends is no
    longer in force (None: no such record); remembered per regime object (a batch asks it per cell)."""
    memo: tuple[dict[str, Measure], dt.date | None] | None = regime.__dict__.get("_sunsets")
    if memo is None:
        found = {m.id: m for m in regime.measures.values() if m.kind == "sunset"}
        ends = [r.day_to for r in regime.dated_records() if r.ended_by in found and r.day_to is not None]
        memo = regime.__dict__["_sunsets"] = (found, min(ends) if ends else None)
    return memo


def lapsed_time_limit_notes(
    regime: Regime, entry: ControlEntry, country: str, day: dt.date, facts: Facts, core: Core
) -> list[Notice]:
    """Records ended before ``day`` by a time limit the law sets (a ``sunset`` measure) whose reading,
    on its last day in force, was stricter than this answer.

    Why: Japan's ban on North Korea runs "until 2027-04-13" and has been renewed before each expiry; a
    shipment after that day answered "no licence" with the end among the cautions (legal review 75, R75-3).
    The law as recorded is still the answer, but it says whose expiry it rests on and what the answer
    would be if the limit is renewed, and the headline carries it (:func:`verdict_words`).
    """
    sunsets, first_end = _sunsets(regime)
    if first_end is None or day < first_end:  # no time limit has passed yet: most answers, asked cheaply
        return []
    out: list[Notice] = []
    for r in reach(regime, entry, country):
        end = r.day_to
        if r.ended_by not in sunsets or end is None or end > day:
            continue
        last = end - dt.timedelta(days=1)
        then = core_on(regime, regime.entries[entry.id], country, last, facts, trace=False)
        stricter = (
            (then.licence_required and not core.licence_required)
            or bool(set(needs_of(then)) - set(needs_of(core)))
            or bool(set(refused_of(then)) - set(refused_of(core)))
        )
        if not stricter:
            continue
        m = sunsets[r.ended_by or ""]
        rid = str(getattr(r, "id", ""))
        text = (
            f"{rid} was in force until {last}, a time limit the law sets ({m.title}: {(m.summary or '').strip()}); "
            f"this answer reads the law as recorded after it; if the limit is renewed, the answer would be: "
            f"{_describe(core, then)}"
        )
        out.append(Notice(kind="time_limit", rule=rid, measure=m.id, date=last, text=text))
    return out


def same_day_notes(core: Core, day: dt.date, at: str | None) -> list[Notice]:
    """Steps that start or stop at a time of this very day (public: the batch's warning kinds)."""
    out = []
    for s in core.trace:
        if s.valid_from == day and s.from_time:
            text = f"{s.rule} applies from {s.from_time} on {day}; shipments earlier that day fell under the previous rules"
            out.append(Notice(kind="same_day", rule=s.rule, measure=s.measure, date=day, text=text))
        if s.valid_to == day and s.to_time:
            text = f"{s.rule} applies until {s.to_time} on {day}; give the time of shipment if it is later"
            out.append(Notice(kind="same_day", rule=s.rule, measure=s.ended_by, date=day, text=text))
    return out


def unreached_notes(core: Core) -> list[Notice]:
    """Where a step rests on a provision whose official text was not reached, say so."""
    return unreached_in(core.trace)


def unreached_in(steps: Sequence[TraceStep]) -> list[Notice]:
    """:func:`unreached_notes` of any steps (``status`` gives them for the memberships it reads)."""
    return [
        Notice(
            kind="unreached_text",
            rule=s.rule,
            measure=s.measure,
            text=f"{s.rule} rests on reports, not on the official text: {s.source.unreached}",
        )
        for s in steps
        if not s.source.official and not s.effect.startswith("displaced")
    ]


def stand_in_notes(steps: Sequence[TraceStep], day: dt.date, knowledge_day: dt.date | None) -> list[Notice]:
    """Steps of the answer on ``day`` the law as known on ``knowledge_day`` holds although the data's first day for them
    is later: records naming no measure whose first day is only the first version read, known
    from the start of the window it is uncertain in (:func:`~exportctl.engine.knowledge.known_from`).

    Why: the answer then rests on the likelier reading, that what was the law in the version read
    had been made by then, and says so (legal review 59, R59-1)."""
    if knowledge_day is None:
        return []
    out = []
    for s in steps:
        if s.measure is None and s.valid_from is not None and knowledge_day < s.valid_from <= day:
            text = (
                f"{s.rule}: its first day here ({s.valid_from}) is only that of the first version read and the "
                f"measure that made it was not found, so the law as known on {knowledge_day} is taken to hold it"
            )
            out.append(Notice(kind="uncertain_date", rule=s.rule, date=s.valid_from, text=text))
    return out


def outside_window_notes(regime: Regime, entry: ControlEntry, country: str, day: dt.date, core: Core) -> list[Notice]:
    """Records NOT in force on ``day`` whose uncertain boundary window contains ``day``.

    Why: a membership that ended on an uncertain date (Liberia's exit from Appended Table 3-2)
    or starts on one says nothing on the days after or before it, yet the law on those days is
    in doubt. The answer says so, naming the record and the window.
    """
    # Only records with an uncertain window containing the day can give a notice: the regime
    # keeps the few with a window apart, and the rest are never read.
    uncertain = regime.uncertain_records()
    candidates = _uncertain_members(regime, country, day)
    goods = [entry] + ([core.entry] if core.entry else [])
    ids = [e.id for e in goods]

    def names(listed: list[str]) -> bool:
        return any(regime.listed_in(listed, i) for i in ids)

    candidates += [
        (r.id, r)
        for r in uncertain.rules
        if _window(r, day) is not None and (names(r.scope.entries) or entry.row in r.scope.rows)
    ]
    candidates += [(c.id, c) for c in uncertain.catch_all if _window(c, day) is not None and names(c.entries)]
    candidates += [
        (e.id, e) for e in uncertain.exemptions if _window(e, day) is not None and e.covers_entry(entry.id, entry.row)
    ]
    candidates += [
        (p.id, p)
        for p in uncertain.prohibitions
        if _window(p, day) is not None and any(p.covers_entry(e.id, e.row) for e in goods)
    ]
    return window_notes(candidates, day, {s.rule for s in core.trace})


def _uncertain_members(regime: Regime, country: str, day: dt.date) -> list[tuple[str, Dated]]:
    """The country's memberships whose uncertain first or last day window holds ``day``, by record id."""
    members = regime.uncertain_records().members.get(country, ())
    return [(f"{gid}#{m.country}", m) for gid, m in members if _window(m, day) is not None]


def membership_window_notes(regime: Regime, country: str, day: dt.date) -> list[Notice]:
    """:func:`outside_window_notes` of the country's memberships alone (``status`` reads no goods)."""
    return window_notes(_uncertain_members(regime, country, day), day, set())


def window_notes(candidates: list[tuple[str, Dated]], day: dt.date, in_trace: set[str]) -> list[Notice]:
    """The notices of the records not in force on ``day`` whose uncertain window holds it."""
    out = []
    for rid, rec in candidates:
        w = _window(rec, day)
        if w is None or rid in in_trace or rec.covers(day):
            continue
        what = "began" if rec.uncertain and rec.uncertain.start_between == w else "ended"
        note = f" ({rec.uncertain.note})" if rec.uncertain and rec.uncertain.note else ""
        text = (
            f"{rid} does not apply on {day} in this data, but the date it {what} is uncertain "
            f"(between {w[0]} and {w[1]}) and the query date falls in that window{note}"
        )
        out.append(Notice(kind="uncertain_date", rule=rid, measure=rec.measure, date=day, text=text))
    return out


def reach(regime: Regime, entry: ControlEntry, country: str) -> list[Dated]:
    """Every dated record an answer about ``entry`` for ``country`` can read, on any day and with
    any facts: :func:`core_on` and the warnings built on it (:func:`same_day_notes`,
    :func:`unreached_notes`, :func:`confidence_notes`, :func:`outside_window_notes`).

    Why: a batch asks about the same goods and destination on hundreds of days, and between most
    of them only records about other goods or other countries changed. On two days on which each
    of these records stands the same way (:func:`standing`), the answer and its warnings are the
    same, whatever else changed in between. So this must list at least everything those
    functions read; listing more only shares less. It mirrors them: the country's own
    memberships (its groups, and so its unions and default groups), every entry its goods may
    fall back to (:func:`classify`, all prior classifications whatever the day), and, for each of
    those entries, the rules naming it or its row, the catch-all rules, exemptions and
    prohibitions naming it or its row (or naming no goods), and the cautions naming it that can reach the
    country (a caution never gives an ``uncertain_date`` outside its days).
    ``tests/test_engine_reach.py`` checks it against the engine.
    """
    chain: list[ControlEntry] = []
    current: ControlEntry | None = entry
    ids: list[str] = []
    while current is not None and current.id not in ids:
        chain.append(current)
        ids.append(current.id)
        prior = current.prior_classification
        current = regime.entries.get(prior) if prior else None

    def names(listed: list[str]) -> bool:
        return any(regime.listed_in(listed, i) for i in ids)

    found: list[Dated] = list(chain)
    found += [m for g in regime.groups.values() for m in g.members if m.country == country]
    for e in chain:
        found += regime.rules_naming(e)
    found += [c for c in regime.catch_all if names(c.entries)]
    found += [x for x in regime.exemptions if any(x.covers_entry(e.id, e.row) for e in chain)]
    found += [p for p in regime.prohibitions if any(p.covers_entry(e.id, e.row) for e in chain)]
    found += [
        c
        for c in regime.cautions
        if (not c.entries or names(c.entries))
        and (c.destinations.all or country in c.destinations.countries or bool(c.destinations.groups))
    ]
    return list({id(r): r for r in found}.values())


def standing(rec: Dated, day: dt.date) -> tuple[bool, tuple[dt.date, dt.date] | None, bool, bool, bool]:
    """How ``rec`` stands on ``day`` for an answer at the start of that day: in force or not, the
    uncertain window the day falls in, whether it starts or ends at a time of that day (a
    ``same_day`` warning), and whether it has ended (a record past a time limit the law sets is
    warned of, :func:`lapsed_time_limit_notes`, one not yet begun is not). All the engine reads of a
    record's dates (see :func:`reach`)."""
    return (
        rec.covers(day),
        _window(rec, day),
        rec.valid_from == day and rec.from_time is not None,
        rec.valid_to == day and rec.to_time is not None,
        rec.day_to is not None and day >= rec.day_to,
    )


def standing_changes(rec: Dated) -> list[dt.date]:
    """The days on which :func:`standing` of ``rec`` can change: it is the same on every day from
    one of them to the next."""
    one = dt.timedelta(days=1)
    out: list[dt.date] = []
    for d in (rec.valid_from, rec.valid_to):
        if d is not None and dt.date.min < d < dt.date.max:
            out += [d, d + one]
    u = rec.uncertain
    for w in (u.start_between, u.end_between) if u is not None else ():
        if w is not None:
            out += [w[0], w[1] + one] if w[1] < dt.date.max else [w[0]]
    return out


def confidence_notes(core: Core) -> list[Notice]:
    """Steps whose boundary date is uncertain on this day, or that rest on weak data (public: the
    batch's warning kinds are these same notices, per cell)."""
    return confidence_in(core.trace)


def confidence_in(steps: Sequence[TraceStep]) -> list[Notice]:
    """:func:`confidence_notes` of any steps (``status`` gives them for the memberships it reads)."""
    out = []
    for s in steps:
        if s.uncertain_between:
            lo, hi = s.uncertain_between
            todo = f" ({s.todo})" if s.todo else ""
            text = f"{s.rule}: the date this changed is uncertain (between {lo} and {hi}) and the query date falls in that window{todo}"
            out.append(Notice(kind="uncertain_date", rule=s.rule, measure=s.measure, text=text))
        elif s.source.confidence in WEAK_CONFIDENCE:
            text = f"{s.rule} rests on {s.source.confidence} data" + (f": {s.todo}" if s.todo else "")
            out.append(Notice(kind="weak_data", rule=s.rule, measure=s.measure, text=text))
    return out


def _distinct(notices: list[Notice]) -> list[Notice]:
    """The same warning may arise from two steps; say it once, in first-seen order."""
    seen: set[str] = set()
    out = []
    for n in notices:
        if n.text not in seen:
            seen.add(n.text)
            out.append(n)
    return out


def resolve_or_suggest(regimes: dict[str, Regime], regime: Regime, item: str) -> ControlEntry:
    """The entry ``item`` names; an unknown item with no suggestion of the regime's own gets the
    ones the other regimes' words and the shared control numbers point at."""
    from exportctl.engine.classify import item_in_other_words
    from exportctl.engine.items import resolve_item

    try:
        return resolve_item(regime, item)
    except UnknownItem as exc:
        if exc.suggestions:
            raise
        found = item_in_other_words(regime, item, list(regimes.values()))
        if not found:
            raise
        raise UnknownItem(exc.plain, found) from exc


def determine_in(
    regimes: dict[str, Regime],
    exporter: str,
    destination: str,
    item: str,
    on: str | dt.date,
    *,
    value: int | None = None,
    currency: str | None = None,
    end_use: EndUse | None = None,
    informed: bool = False,
    known_on: str | dt.date | None = None,
    at: str | None = None,
) -> Determination:
    """Answer one query against an explicit set of regimes (see :func:`exportctl.determine`)."""
    regime = regime_for(regimes, exporter)
    day = parse_date(on, "shipment date")
    kday = parse_date(known_on, "knowledge date") if known_on is not None else None
    refuse_before_records(regime, day, kday)
    reading = destination_reading(regime, destination)
    country = reading.code
    end_use = cast("EndUse | None", read_end_use(end_use))
    value = check_amount(regime, value, currency)
    entry = resolve_or_suggest(regimes, regime, item)
    facts = Facts(value, end_use, informed)
    at = parse_time(at) if at is not None else None
    # The answer is a pure function of the regime and of the query as read: remembered per
    # regime object (a reloaded bundle starts afresh), bounded, least recently used out first.
    key = (country, reading.note, entry.id, day, kday, facts, at)
    answers: OrderedDict[tuple[object, ...], Determination] = regime.__dict__.setdefault("_answers", OrderedDict())
    hit = answers.get(key)
    if hit is not None:
        answers.move_to_end(key)
        return hit
    answer = _determination(regime, entry, reading.note, country, day, kday, facts, at)
    answers[key] = answer
    if len(answers) > ANSWERS_KEPT:
        answers.popitem(last=False)
    return answer


#: Answers remembered per regime (a few KiB each): a day's repeated questions, not a history.
ANSWERS_KEPT = 4096


def _determination(
    regime: Regime,
    entry: ControlEntry,
    ambiguity: str | None,
    country: str,
    day: dt.date,
    kday: dt.date | None,
    facts: Facts,
    at: str | None,
) -> Determination:
    """The full cited answer for a query already read (see :func:`determine_in`)."""
    view = as_known_on(regime, kday) if kday else regime
    core = core_on(view, view.entries[entry.id], country, day, facts, at)

    # An ambiguous destination ("Korea") qualifies everything after it, so it is said first.
    notices = [Notice(kind="ambiguous_name", text=ambiguity)] if ambiguity else []
    notices += pending_changes(regime, entry, country, day, kday or day, facts, core, at)
    notices += core.notes
    notices += same_day_notes(core, day, at)
    notices += unreached_notes(core)
    for h in core.hits:
        if h.by_default and h.group.default_caveat:
            text = h.group.default_caveat.strip()
            if any(_withheld(g.withheld_when, facts) for r in view.rules for g in r.effect.grant if g.withheld_when):
                # A caveat hinting at another group's routes must not hint at one these facts withhold
                # (session review S28B-6: Group B's special general bulk licence beside a known WMD use).
                text += " (not with the facts given: the law withholds such routes on them)"
            notices.append(Notice(kind="default_group", rule=h.group.id, text=text))
    notices += confidence_notes(core)
    notices += outside_window_notes(view, entry, country, day, core)
    notices += stand_in_notes(core.trace, day, kday)
    notices += lapsed_time_limit_notes(view, view.entries[entry.id], country, day, facts, core)
    intake = sorted(m.id for m in regime.measures.values() if m.origin == "intake")
    used = [m for m in intake if any(s.measure == m or s.ended_by == m for s in core.trace)]
    if used:
        text = f"this answer rests on intake overlays (accepted proposals, not curated data): {', '.join(intake)}"
        notices.append(Notice(kind="overlay", measure=used[0], text=text))
    if kday and kday < day:
        text = (
            f"answer shows the law as published by {kday}; measures announced but not yet published then are "
            "warnings only, and later measures may change it"
        )
        notices.append(Notice(kind="knowledge_cutoff", date=kday, text=text))
    notices = _distinct(notices)

    governing = core.entry
    return Determination(
        exporter=regime.jurisdiction,
        destination=country,
        on=day,
        at=at,
        known_on=kday,
        item=ItemRef(id=entry.id, title=entry.title),
        classified_as=ItemRef(id=governing.id, title=governing.title)
        if governing and governing.id != entry.id
        else None,
        destination_groups=core.groups,
        licence_required=core.licence_required,
        needs=needs_of(core),
        refused=refused_of(core),
        routes=core.routes,
        exemptions=core.exemptions,
        catch_all=core.catch_all,
        warnings=[n.text for n in notices],
        notices=notices,
        trace=core.trace,
        procedures=core.procedures,
        rule_ids=core.rule_ids,
        regime_version=regime.version,
    )
