"""status(), timeline() and diff(): a destination's groups on a day, over time, and what changed.

All three work on the same dated memberships and rules as determine(); the timeline is built
from the days on which some membership of the country starts or ends, so every interval it
reports is exactly the stretch on which status() would give the same answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Literal

from exportctl.engine.determine import (
    _measure_note,
    _step,
    _unless_renewed,
    caution_words,
    confidence_in,
    membership_steps,
    membership_window_notes,
    stand_in_notes,
    unreached_in,
)
from exportctl.engine.knowledge import (
    as_announced_on,
    as_known_on,
    is_stand_in_start,
    stand_ins,
    with_stand_ins_begun,
)
from exportctl.engine.query import (
    before_records,
    destination_code,
    destination_reading,
    parse_date,
    refuse_before_records,
    regime_for,
)
from exportctl.engine.results import (
    DiffResult,
    GroupDetail,
    Interval,
    MeasureEvent,
    MembershipChange,
    MembershipStep,
    RecordChange,
    StatusResult,
    TraceStep,
)
from exportctl.errors import InputError
from exportctl.law.model import WEAK_CONFIDENCE, Dated, Membership
from exportctl.law.regime import Regime


def status_in(
    regimes: dict[str, Regime], exporter: str, country: str, on: str | dt.date, known_on: str | dt.date | None = None
) -> StatusResult:
    regime = regime_for(regimes, exporter)
    # Read as check reads it: an ambiguous name with a usual reading ("Korea") is taken so, and the
    # warning says so first (review 22, L9: status refused the word check answered).
    reading = destination_reading(regime, country)
    code = reading.code
    day = parse_date(on, "date")
    kday = parse_date(known_on, "knowledge date") if known_on is not None else None
    refuse_before_records(regime, day, kday)
    view = as_known_on(regime, kday) if kday else regime
    hits = view.groups_on(code, day)
    details = [
        GroupDetail(
            group=h.group.id, name=h.group.name, by_default=h.by_default, trace=membership_steps([h], code, day)
        )
        for h in hits
    ]
    warnings = [reading.note] if reading.note else []
    warnings += [h.group.default_caveat.strip() for h in hits if h.by_default and h.group.default_caveat]
    for h in hits:
        if h.group.used_from and day < h.group.used_from:
            warnings.append(
                f"{h.group.id}: the name is used from {h.group.used_from}; on {day} the legal basis "
                f"({h.group.basis}) applied under its earlier name"
            )
    # What check warns of the memberships it reads (session reviews S27-8, S27B-3): the same notices.
    steps = [s for d in details for s in d.trace]
    doubts = [n for n in confidence_in(steps) if n.kind == "uncertain_date"] + unreached_in(steps)
    doubts += stand_in_notes(steps, day, kday)
    warnings += [n.text for n in [*doubts, *membership_window_notes(view, code, day)]]
    warnings += _announced_group_changes(regime, code, day, kday or day, [h.group.id for h in hits])
    warnings += destination_notes(view, code, day, [h.group.id for h in hits])
    return StatusResult(
        exporter=regime.jurisdiction,
        country=code,
        on=day,
        known_on=kday,
        groups=[h.group.id for h in hits],
        details=details,
        requirements=destination_requirements(view, code, day, [h.group.id for h in hits]),
        warnings=list(dict.fromkeys(warnings)),
        regime_version=regime.version,
    )


def destination_notes(regime: Regime, code: str, day: dt.date, groups: list[str]) -> list[str]:
    """The cautions ``check`` gives on ``day`` for every good to destination ``code``, worded as it
    words them: law this data holds as a warning for the destination (Japan's approval for the
    persons designated in the Appended Table 2-4 regions, an embargo), and the notes on the data
    itself (``summarised``: law published after the copies read, a region table not read).
    Cautions for some goods, end uses, facts or licences only are ``check``'s to give.

    Why: ``status`` cited Korea's region table of 고시 제2025-37호 as confirmed for days after
    고시 제2026-101호 replaced it, and never named Table 2-4 for China, while ``check`` warned of
    both (legal review 85, R85-1, R85-2).
    """
    return [
        caution_words(c)
        for c in regime.cautions
        if not c.entries
        and not c.for_end_uses
        and not c.for_informed
        and not c.for_routes
        and c.covers(day)
        and (
            (c.summarised and c.destinations.all)
            or (not c.destinations.all and regime.matches(c.destinations, code, day, groups))
        )
    ]


def destination_requirements(regime: Regime, code: str, day: dt.date, groups: list[str]) -> list[TraceStep]:
    """The bans and added requirements the law sets for destination ``code`` itself on ``day``: those
    whose destinations are not all destinations (Japan's North Korea ban and its time limit, the
    Russia and Belarus approvals, the Minister of Unification's approval), each as a cited step.

    Why: ``status`` answered "which groups" only, so a reader asking about North Korea saw its
    groups and not the total ban and the day its reading ends (legal review 75, R75-2).
    """
    out = []
    for p in regime.prohibitions:
        if p.destinations.all or not p.covers(day) or not regime.matches(p.destinations, code, day, groups):
            continue
        if p.entries or p.rows:
            goods = f"the goods it names ({', '.join([*p.entries, *(f'row {r}' for r in p.rows)][:6])}"
            goods += " ...)" if len(p.entries) + len(p.rows) > 6 else ")"
        else:
            goods = "all goods" + (f" but those of {len(p.except_entries)} entries" if p.except_entries else "")
        effect = f"{p.requirement}{' (refused)' if p.refused else ''} for {goods}"
        if p.valid_to is not None:
            # A time limit the law sets is an end; any other end is a new wording or a new record (the ban
            # of North Korea reworded on 2025-12-01 goes on), so it is said as such, not as an end.
            last = p.valid_to - dt.timedelta(days=1)
            renewed = _unless_renewed(regime, [p.ended_by] if p.ended_by else [])
            effect += f"; in force until {last}{renewed}" if renewed else f"; as recorded here until {last}"
        out.append(_step(p, p.id, "prohibition", f"{p.label}: {effect}", day))
    sunsets = {m.id: m for m in regime.measures.values() if m.kind == "sunset"}
    for p in regime.prohibitions:
        # A ban whose time limit has passed is no lifting decided: said as such, as check's time_limit warning
        # says it (session review S33C-1: status for North Korea after 2027-04-13 read as if the ban were gone).
        end = p.day_to
        if p.ended_by not in sunsets or end is None or end > day or p.destinations.all:
            continue
        if not regime.matches(p.destinations, code, day, groups):
            continue
        m = sunsets[p.ended_by or ""]
        effect = (
            f"{p.requirement}{' (refused)' if p.refused else ''} in force until {end - dt.timedelta(days=1)}, a time "
            f"limit the law sets ({(m.summary or m.title).strip()}); not in force after it as recorded here"
        )
        out.append(_step(p, p.id, "prohibition", f"{p.label}: {effect}", day))
    return out


def _announced_group_changes(
    regime: Regime, code: str, day: dt.date, knowledge_day: dt.date, groups: list[str], limit: int = 4
) -> list[str]:
    """What ``check`` warns of the destination's groups: a change announced by ``knowledge_day``
    that is not yet the law of the answer (a draft), and the changes published by then that take
    effect after ``day``. Announcements are warnings, never the answer."""
    view = as_announced_on(regime, knowledge_day)
    held_by = [(g.id, m) for g in view.groups.values() for m in g.members if m.country == code]
    records = [m for _, m in held_by]
    out = []
    now = view.group_ids_on(code, day)
    if now != groups:
        # The announced memberships that make the difference on the day: those of a group it gains
        # that hold then, and those of a group it loses that have ended by then.
        gained, lost = set(now) - set(groups), set(groups) - set(now)
        ids = [m.measure for gid, m in held_by if gid in gained and m.covers(day)]
        ids += [m.ended_by for gid, m in held_by if gid in lost and m.valid_to and m.valid_to <= day]
        out.append(
            f"on {day}, measures announced by {knowledge_day} but not yet published would change this: groups "
            f"{', '.join(groups) or '-'} -> {', '.join(now) or '-'}{_named(regime, ids, knowledge_day)}"
        )
    held = now
    for d, after in _group_steps(view, code, now, _boundaries(records, day)):
        # A first day that only stands in for an unknown one is no announced change (as check).
        if (
            stand_ins(records, d)
            and with_stand_ins_begun(view, d).group_ids_on(code, d - dt.timedelta(days=1)) == after
        ):
            held = after
            continue
        ids = _changed_by([m for m in records if not is_stand_in_start(m, d)], d)
        out.append(
            f"from {d}: groups {', '.join(held) or '-'} -> {', '.join(after) or '-'}{_named(regime, ids, knowledge_day)}"
        )
        held = after
        if len(out) >= limit:
            break
    return out


def announced_timeline_changes(regime: Regime, code: str, knowledge_day: dt.date, limit: int = 4) -> list[str]:
    """What a timeline as known on ``knowledge_day`` leaves out: the days on which the memberships
    announced by then (drafts, decisions not yet published) would give ``code`` other groups than
    the published law does. Why: a timeline is read to see what is coming; a decided removal
    (Korea from Group A, decided 2019-08-02, published 2019-08-07) is a warning, never the law."""
    known, announced = as_known_on(regime, knowledge_day), as_announced_on(regime, knowledge_day)
    records = _country_records(announced, code)
    out: list[str] = []
    for d in _boundaries(records, dt.date.min):
        now, then = known.group_ids_on(code, d), announced.group_ids_on(code, d)
        if now == then:
            continue
        ids = _changed_by(records, d)
        out.append(
            f"from {d}, measures announced by {knowledge_day} but not yet published would change this: groups "
            f"{', '.join(now) or '-'} -> {', '.join(then) or '-'}{_named(regime, ids, knowledge_day)}"
        )
        if len(out) >= limit:
            break
    return out


def _changed_by(records: list[Membership], day: dt.date) -> list[str | None]:
    """The measures that start or end one of ``records`` on ``day``."""
    return [m.measure for m in records if m.valid_from == day] + [m.ended_by for m in records if m.valid_to == day]


def _named(regime: Regime, ids: Sequence[str | None], knowledge_day: dt.date) -> str:
    """The measures ``ids`` named as ``check``'s warnings name them (:func:`_measure_note`)."""
    return "".join(_measure_note(regime, mid, knowledge_day) for mid in dict.fromkeys(i for i in ids if i))


def _boundaries(records: list[Membership], after: dt.date, upto: dt.date = dt.date.max) -> list[dt.date]:
    """The days in ``(after, upto]`` on which one of ``records`` starts or ends, ascending."""
    return sorted({d for m in records for d in (m.valid_from, m.valid_to) if d is not None and after < d <= upto})


def _group_steps(
    regime: Regime, code: str, held: list[str], days: list[dt.date]
) -> Iterator[tuple[dt.date, list[str]]]:
    """The days among ``days`` on which ``code``'s groups differ from the day before (starting from
    ``held``), with its groups from then: status's pending changes and diff's steps alike."""
    for d in days:
        now = regime.group_ids_on(code, d)
        if now != held:
            yield d, now
            held = now


def _country_records(regime: Regime, country: str) -> list[Membership]:
    return [m for g in regime.groups.values() for m in g.members if m.country == country]


def timeline_in(
    regimes: dict[str, Regime], exporter: str, country: str, known_on: str | dt.date | None = None
) -> list[Interval]:
    """Every stretch of time ``country`` spent in each group under ``exporter``'s law.

    A list has no place for a warning, so an ambiguous name is refused here; the service's timeline
    reads it as ``check`` does and passes the code, with the warning in its answer.
    """
    regime = regime_for(regimes, exporter)
    code = destination_code(regime, country)
    kday = parse_date(known_on, "knowledge date") if known_on is not None else None
    # The law as known before the records is empty: a timeline of it showed every country in the
    # default group, open-ended (session review S27-9); status and check refuse such a day alike.
    refuse_before_records(regime, None, kday)
    view = as_known_on(regime, kday) if kday is not None else regime
    records = _country_records(view, code)
    bounds = sorted({d for m in records for d in (m.valid_from, m.valid_to) if d is not None})
    starts: list[dt.date | None] = [None, *bounds]
    out: list[Interval] = []
    open_: dict[str, Interval] = {}
    for start in starts:
        probe = start if start is not None else (bounds[0] - dt.timedelta(days=1) if bounds else dt.date(2000, 1, 1))
        hits = {h.group.id: h for h in view.groups_on(code, probe)}
        for gid in list(open_):
            if gid not in hits:
                ended = open_.pop(gid)
                ended.to = start
                ended.to_uncertain = _end_window(view, gid, code, start)
        for gid, h in hits.items():
            if gid in open_:
                continue
            measure = next((m.measure for m in h.via if m.valid_from == start and m.measure), None)
            if measure is None and start is not None:
                measure = next((m.ended_by for m in records if m.valid_to == start and m.ended_by), None)
            weak = [m.effective_confidence for m in h.via if m.effective_confidence in WEAK_CONFIDENCE]
            iv = Interval(
                exporter=regime.jurisdiction,
                country=code,
                group=gid,
                from_=start,
                to=None,
                measure=measure,
                measure_title=regime.measure_title(measure),
                by_default=h.by_default,
                confidence=weak[0] if weak else None,
                from_uncertain=next(
                    (m.uncertain.start_between for m in h.via if m.valid_from == start and m.uncertain is not None),
                    None,
                ),
            )
            open_[gid] = iv
            out.append(iv)
    # A stretch ends when another begins: an uncertain first day of the one is the uncertain last
    # day of the other (a default group has no record of its own to say so).
    starts_unsure = {
        iv.from_: iv.from_uncertain for iv in out if iv.from_ is not None and iv.from_uncertain is not None
    }
    for iv in out:
        if iv.to_uncertain is None and iv.to in starts_unsure:
            iv.to_uncertain = starts_unsure[iv.to]
    # In date order (the stretch before records first, then by group on the same day): a script
    # that takes the last interval gets today's state, as the table and the chart read it.
    return sorted(out, key=lambda iv: (iv.from_ is not None, iv.from_ or dt.date.min, iv.group))


def licensing_measures(regime: Regime, country: str, known_on: dt.date | None = None) -> list[MeasureEvent]:
    """The measures that changed licensing or listings (not groups) for goods to ``country``, on the
    day each took effect: what a timeline's chart marks, in the timeline's JSON too (session review
    S27-11: the 2019-07-04 and 2023-03-23 changes on the three items were only in the picture).
    WTO steps are kept where they asked for or withdrew a panel. With ``known_on``, only those
    published by then."""
    out = []
    for m in regime.measures.values():
        if m.kind not in ("licensing_policy", "control_list_amendment", "wto_dispute") or m.effective is None:
            continue
        if not (country in m.targets or (not m.targets and m.kind == "control_list_amendment")):
            continue
        if m.kind == "wto_dispute" and not any(w in m.title.lower() for w in ("requests wto", "withdraws")):
            continue
        if known_on is not None and (m.public_on is None or m.public_on > known_on):
            continue
        out.append(MeasureEvent(measure=m.id, title=m.title, event="effective", date=m.effective.date))
    return sorted(out, key=lambda e: (e.date, e.measure))


def _end_window(regime: Regime, group: str, country: str, day: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The uncertain window of the day ``country``'s membership of ``group`` ends, where the data holds one."""
    for m in regime.groups[group].members:
        if m.country == country and m.valid_to == day and m.uncertain is not None and m.uncertain.end_between:
            return m.uncertain.end_between
    return None


def _uncertain_on(records: Sequence[Dated], day: dt.date) -> tuple[dt.date, dt.date] | None:
    """The uncertain window a record beginning or ending on ``day`` holds for that day, if any: the
    day a diff lists is then a reading (the first version read, a stand-in), not a known change."""
    for rec in records:
        u = rec.uncertain
        if u is None:
            continue
        if rec.valid_from == day and u.start_between is not None:
            return u.start_between
        if rec.valid_to == day and u.end_between is not None:
            return u.end_between
    return None


def _changes(
    records: list[Dated], start: dt.date, end: dt.date, label: dict[int, tuple[str, str]]
) -> list[RecordChange]:
    out = []
    for rec in records:
        rid, text = label[id(rec)]
        ends: list[tuple[Literal["added", "ended"], dt.date | None, str | None, str | None]] = [
            ("added", rec.valid_from, rec.from_time, rec.measure),
            ("ended", rec.valid_to, rec.to_time, rec.ended_by),
        ]
        for change, day, time, measure in ends:
            if day and start < day <= end:
                u = _uncertain_on([rec], day)
                out.append(
                    RecordChange(id=rid, change=change, date=day, time=time, label=text, measure=measure, uncertain=u)
                )
    return sorted(out, key=lambda c: (c.date, c.id))


def diff_in(regimes: dict[str, Regime], exporter: str, start: str | dt.date, end: str | dt.date) -> DiffResult:
    """What changed in ``exporter``'s law after ``start`` up to and including ``end``."""
    regime = regime_for(regimes, exporter)
    d1, d2 = parse_date(start, "start date"), parse_date(end, "end date")
    if d2 <= d1:
        raise InputError(f"end date {d2} must be after start date {d1}")
    # A start before the records compares the law with no law: every membership read as added (S27-9).
    if (early := before_records(regime, d1, "start date")) is not None:
        # A diff lists what changed after its start: the law of the first record day itself is no
        # change of it, and is read from the measures (session review S27B-9).
        raise InputError(
            f"{early}; a diff lists the changes after its start, so what took effect on "
            f"{regime.info.coverage.from_} itself is listed among {regime.jurisdiction}'s measures"
        )
    countries = sorted({m.country for g in regime.groups.values() for m in g.members})
    memberships = []
    for c in countries:
        before, after = regime.group_ids_on(c, d1), regime.group_ids_on(c, d2)
        recs = _country_records(regime, c)
        # Every day in the range on which its groups change: a country that left a group and came
        # back (Korea, Group A 2019-2023) is the same at both ends.
        steps = [
            MembershipStep(date=d, groups=g, uncertain=_uncertain_on(recs, d))
            for d, g in _group_steps(regime, c, before, _boundaries(recs, d1, d2))
        ]
        if before != after or steps:
            dated = [(m.valid_from, m.measure) for m in recs if m.valid_from and d1 < m.valid_from <= d2 and m.measure]
            dated += [(m.valid_to, m.ended_by) for m in recs if m.valid_to and d1 < m.valid_to <= d2 and m.ended_by]
            ids = [i for _, i in sorted(dated)]  # in the order they took effect
            memberships.append(
                MembershipChange(country=c, before=before, after=after, measures=list(dict.fromkeys(ids)), steps=steps)
            )
    rule_recs: list[Dated] = [*regime.rules, *regime.catch_all, *regime.exemptions, *regime.prohibitions]
    labels: dict[int, tuple[str, str]] = {id(e): (e.id, e.title) for e in regime.entries.values()}
    for r in regime.rules:
        labels[id(r)] = (r.id, r.label)
    for ca in regime.catch_all:
        labels[id(ca)] = (ca.id, ca.label)
    for x in regime.exemptions:
        labels[id(x)] = (x.id, x.label)
    for b in regime.prohibitions:
        labels[id(b)] = (b.id, b.label)
    events = []
    for m in regime.measures.values():
        for name in ("announced", "decided", "promulgated", "effective", "ended"):
            md = getattr(m, name)
            if md is not None and d1 < md.date <= d2:
                events.append(MeasureEvent(measure=m.id, title=m.title, event=name, date=md.date))
        if m.comment_period and d1 < m.comment_period.start <= d2:
            events.append(
                MeasureEvent(measure=m.id, title=m.title, event="comment_period_opens", date=m.comment_period.start)
            )
    return DiffResult(
        exporter=regime.jurisdiction,
        from_=d1,
        to=d2,
        memberships=memberships,
        rules=_changes(rule_recs, d1, d2, labels),
        # The lookup groupings (kind ``category``, e.g. METI's lithography group of the 23 chip tools) are
        # no legal record: counted beside their sub-items they made 29 "added" of the 23 (S27-18).
        items=_changes([e for e in regime.entries.values() if e.kind != "category"], d1, d2, labels),
        events=sorted(events, key=lambda e: (e.date, e.measure)),
        regime_version=regime.version,
    )
