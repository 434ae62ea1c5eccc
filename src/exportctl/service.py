"""The service layer: every read and every decision, as typed answers, for every shell.

Why (docs/design.md, "One service layer"): the CLI and the API used to assemble the law and
shape their JSON each on their own, and drifted apart. Now both call one :class:`Service` over one
:class:`~exportctl.bundle.LawBundle` and only parse input and render these models, so
``exportctl … --json`` and the matching API call return the same document. Every answer names the
bundle version and the overlays it rests on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from exportctl.bundle import LawBundle
from exportctl.engine.classify import Classification, classify
from exportctl.engine.determine import determine_in
from exportctl.engine.history import announced_timeline_changes, diff_in, licensing_measures, status_in, timeline_in
from exportctl.engine.items import search_items, suggest_items
from exportctl.engine.query import (
    MAX_DATE,
    MAX_DESTINATION,
    MAX_EXPORTER,
    MAX_ITEM,
    MAX_VALUE,
    destination_reading,
    parse_date,
    read_amount,
    read_currency,
    read_end_use,
    refuse_before_records,
    regime_for,
)
from exportctl.engine.results import Answer, Determination, DiffResult, Interval, MeasureEvent, StatusResult
from exportctl.errors import InputError
from exportctl.intake import proposals as store_ops
from exportctl.intake.proposals import DatabaseStore
from exportctl.law.model import Equivalent, Measure

#: The optional fields of ``CheckQuery`` an empty (or blank) string leaves unsaid, in the API and the
#: CLI alike. Why: a form or script sends "" for a field left empty; "currency": "" and "end_use": ""
#: were read as absent while "at", "value" and "known_on" were errors (review 22, L19). ``on`` is
#: left out on purpose: absent it means today, and a blank date is far likelier a value lost on the
#: way than a wish for today's law, so "" stays an error naming the field.
BLANK_IS_ABSENT = frozenset({"value", "currency", "end_use", "known_on", "at"})


class CheckQuery(BaseModel):
    """One shipment: what the CLI's ``check`` options and the API's ``POST /v1/check`` body hold."""

    model_config = ConfigDict(extra="forbid")

    exporter: str = Field(max_length=MAX_EXPORTER, examples=["JP"])
    destination: str = Field(max_length=MAX_DESTINATION, examples=["KR"])
    item: str = Field(max_length=MAX_ITEM, examples=["hydrogen fluoride"])
    on: str = Field(
        default_factory=lambda: dt.date.today().isoformat(),
        max_length=MAX_DATE,  # a date-time to the nanosecond with its offset is 35 characters
        examples=["2020-01-15"],
        description="Shipment date, YYYY-MM-DD (default: today, the server's date; the answer and the audit record name it)",
    )
    value: int | None = Field(None, ge=0, le=MAX_VALUE, description="Whole amount in the regime's currency")
    currency: str | None = Field(None, max_length=8)
    end_use: Literal["wmd", "conventional", "civil"] | None = None
    informed: bool = False
    known_on: str | None = Field(None, max_length=MAX_DATE)
    at: str | None = Field(None, max_length=8, examples=["17:30"], description="Local time of shipment, HH:MM")

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        out = {k: None if k in BLANK_IS_ABSENT and isinstance(v, str) and not v.strip() else v for k, v in data.items()}
        if "informed" in out and out["informed"] is None:  # null: no notice said, as when left out
            del out["informed"]
        return out

    # As people type them, in the CLI and the API alike: any case, full-width (５００, ＪＰＹ, ＷＭＤ).
    @field_validator("value", mode="before")
    @classmethod
    def _amount(cls, v: object) -> object:
        try:
            return read_amount(v)
        except ValueError as exc:  # the reading's own words, without pydantic's "Value error, "
            raise PydanticCustomError("whole_amount", str(exc)) from exc

    @field_validator("currency", mode="before")
    @classmethod
    def _currency(cls, v: object) -> object:
        return read_currency(v) if isinstance(v, str) else v

    @field_validator("end_use", mode="before")
    @classmethod
    def _end_use(cls, v: object) -> object:
        if not isinstance(v, str):
            return v
        try:
            return read_end_use(v)
        except InputError as exc:  # as the CLI says it, the valid end uses as the error's suggestions
            # The template is only "{message}", filled last (pydantic fills the context's keys in order),
            # so braces the user typed stay text, never a placeholder.
            raise PydanticCustomError(
                "end_use", "{message}", {"suggestions": exc.suggestions, "message": str(exc)}
            ) from exc


class Grounded(Answer):
    """What every answer carries: the law bundle it rests on."""

    bundle_version: str = ""
    overlays: list[str] = Field(default_factory=list, description="Accepted intake overlays the law includes")


class TimelineResult(Grounded):
    exporter: str
    country: str
    known_on: dt.date | None = None
    intervals: list[Interval]
    licensing_measures: list[MeasureEvent] = Field(
        default_factory=list,
        description="Measures that changed licensing or listings (not groups) for goods to the country, on the "
        "day each took effect (what the chart marks)",
    )
    warnings: list[str] = Field(
        default_factory=list, description="How the country was read when its name was ambiguous (as check warns)"
    )


class ItemHit(Answer):
    jurisdiction: str
    id: str
    title: str
    title_local: str | None = None
    kind: str
    row: str
    aliases: list[str]
    locator: str | None = None
    equivalents: list[Equivalent] = Field(
        default_factory=list,
        description="The international control numbers the entry implements (the crosswalk), each with its confidence",
    )
    from_: dt.date | None = Field(None, alias="from")
    to: dt.date | None = None


class ItemsResult(Grounded):
    query: str | None = None
    exporter: str | None = None
    total: int
    items: list[ItemHit]
    suggestions: list[str] = Field(default_factory=list, description="Closest entries when nothing matched")


class ClassifyResult(Classification, Grounded):
    """Ranked candidate entries for a product description (see :mod:`exportctl.engine.classify`)."""


class MemberRow(Answer):
    country: str
    from_: dt.date | None = Field(None, alias="from")
    to: dt.date | None = None
    measure: str | None = None
    confidence: str


class GroupRow(Answer):
    group: str
    name: str
    kind: str
    basis: str | None = None
    default: bool = False
    union_of: list[str] = Field(default_factory=list)
    members: list[MemberRow]


class GroupsResult(Grounded):
    exporter: str
    on: dt.date | None = None
    groups: list[GroupRow]


class MeasureRow(Answer):
    """A measure with the two days knowledge time turns on."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    id: str
    title: str
    public_on: dt.date | None = Field(None, description="First day it was announced or published in any form")
    published_on: dt.date | None = Field(None, description="The day it became readable law (promulgated or in force)")


def as_known(measure: Measure, day: dt.date) -> Measure:
    """``measure`` as it could be known on ``day``: a decision, promulgation or end that came
    later is left out (a planned day of entry into force, announced ahead, is kept).

    Why: ``measures --known-on`` answers "what had been announced by then"; a removal listed
    with the day it ended four years later tells the reader what nobody knew on that day.
    """
    later = {
        name: None
        for name in ("decided", "promulgated", "ended")
        if (d := getattr(measure, name)) is not None and d.date > day
    }
    return measure.model_copy(update=later) if later else measure


class MeasuresResult(Grounded):
    exporter: str
    known_on: dt.date | None = None
    measures: list[MeasureRow]


class ProposalSummary(Answer):
    id: str
    status: str
    stage: str
    created: str
    title: str
    action: str
    group: str | None = None
    targets: list[str] = Field(default_factory=list)
    effective: str | None = None
    sources: int = 0
    reviewer: str | None = None
    decided: str | None = None


class ProposalDecision(ProposalSummary):
    """A proposal as a decision left it, with what the reviewer should know about that decision."""

    #: Said when a proposal is accepted: each target its group change would not change (a country
    #: removed from a group it is not in, or added to one it is already in), so the reviewer knows
    #: the new overlay changes no answer. The CLI prints them as ``warning:`` lines.
    warnings: list[str] = Field(default_factory=list)


class ProposalsResult(Answer):
    proposals: list[ProposalSummary]


def _summary(p: dict[str, Any]) -> ProposalSummary:
    overlay, found = p.get("overlay"), p.get("measure")
    effect: dict[str, Any] = overlay if isinstance(overlay, dict) else {}
    measure: dict[str, Any] = found if isinstance(found, dict) else {}
    return ProposalSummary(
        id=p["id"],
        status=p["status"],
        stage=p.get("stage", ""),
        created=p.get("created", ""),
        title=str(measure.get("title") or f"(damaged: {p.get('damaged', 'no measure')})"),
        action=effect.get("action", "measure_only"),
        group=effect.get("group"),
        targets=effect.get("targets") or [],
        effective=effect.get("effective"),
        sources=len((p.get("provenance") or {}).get("sources", [])) if isinstance(p.get("provenance"), dict) else 0,
        reviewer=p.get("reviewer"),
        decided=p.get("decided"),
    )


class Service:
    """Every read over one bundle, and the decisions on proposals over one store."""

    def __init__(self, bundle: LawBundle, store: DatabaseStore | None = None) -> None:
        self.bundle = bundle
        self.store = store

    @property
    def regimes(self) -> dict[str, Any]:
        return dict(self.bundle.regimes)

    def _grounds(self, *jurisdictions: str) -> dict[str, Any]:
        overlays = [o for j in jurisdictions for o in self.bundle.overlays_for(j)]
        return {"bundle_version": self.bundle.version, "overlays": overlays}

    # ------------------------------------------------------------------ reads

    def check(self, q: CheckQuery) -> Determination:
        d = determine_in(
            self.regimes,
            q.exporter,
            q.destination,
            q.item,
            q.on,
            value=q.value,
            currency=q.currency,
            end_use=q.end_use,
            informed=q.informed,
            known_on=q.known_on,
            at=q.at,
        )
        # The engine remembers its answers; remember their grounded copies too, on the bundle
        # they are grounded in (services are made per request, bundles live until reloaded), so
        # a repeated question yields the very same object (the API keeps its JSON by identity).
        memo: dict[int, tuple[Determination, Determination]] = self.bundle.__dict__.setdefault("_grounded", {})
        hit = memo.get(id(d))
        if hit is not None and hit[0] is d:
            return hit[1]
        grounded = d.model_copy(update=self._grounds(d.exporter))
        if len(memo) >= 8192:
            memo.clear()
        memo[id(d)] = (d, grounded)
        return grounded

    def status(self, exporter: str, country: str, on: str, known_on: str | None = None) -> StatusResult:
        s = status_in(self.regimes, exporter, country, on, known_on)
        return s.model_copy(update=self._grounds(s.exporter))

    def timeline(self, exporter: str, country: str, known_on: str | None = None) -> TimelineResult:
        regime = regime_for(self.regimes, exporter)
        reading = destination_reading(regime, country)  # "Korea" as check reads it, with its warning
        rows = timeline_in(self.regimes, exporter, reading.code, known_on)
        kday = parse_date(known_on, "knowledge date") if known_on is not None else None
        warnings = [reading.note] if reading.note else []
        if kday is not None:
            warnings += announced_timeline_changes(regime, reading.code, kday)
        return TimelineResult(
            exporter=regime.jurisdiction,
            country=reading.code,
            known_on=kday,
            intervals=rows,
            licensing_measures=licensing_measures(regime, reading.code, kday),
            warnings=warnings,
            **self._grounds(regime.jurisdiction),
        )

    def diff(self, exporter: str, start: str, end: str) -> DiffResult:
        d = diff_in(self.regimes, exporter, start, end)
        return d.model_copy(update=self._grounds(d.exporter))

    def items(self, query: str | None = None, exporter: str | None = None, limit: int = 50) -> ItemsResult:
        chosen = [regime_for(self.regimes, exporter)] if exporter else list(self.regimes.values())
        found = [(r, e) for r in chosen for e in search_items(r, query)]
        hits = [
            ItemHit(
                jurisdiction=r.jurisdiction,
                id=e.id,
                title=e.title,
                title_local=e.title_local,
                kind=e.kind,
                row=e.row,
                aliases=list(e.aliases),
                locator=e.locator,
                equivalents=list(e.equivalents),
                from_=e.valid_from,
                to=e.valid_to,
            )
            for r, e in found[:limit]
        ]
        jurs = [r.jurisdiction for r in chosen]
        return ItemsResult(
            query=query,
            exporter=chosen[0].jurisdiction if exporter else None,
            total=len(found),
            items=hits,
            suggestions=suggest_items(chosen, query) if query and not found else [],
            **self._grounds(*jurs),
        )

    def classify(
        self, text: str, params: dict[str, str] | None = None, exporter: str | None = None, on: str | None = None
    ) -> ClassifyResult:
        """Candidate entries for a product description, per exporter (both when none is named), in force on ``on``."""
        chosen = [regime_for(self.regimes, exporter)] if exporter else list(self.regimes.values())
        day = parse_date(on) if on else dt.date.today()
        others = [
            r for r in self.regimes.values() if r not in chosen
        ]  # the crosswalk: names in one list find the other
        found = classify(chosen, text, params or {}, on=day, bridge=others)
        grounds = self._grounds(*(r.jurisdiction for r in chosen))
        return ClassifyResult.model_validate({**found.model_dump(), **grounds})

    def groups(self, exporter: str, on: str | None = None) -> GroupsResult:
        regime = regime_for(self.regimes, exporter)
        day = parse_date(on) if on else None
        refuse_before_records(regime, day)  # as status refuses it (the session review of 2026-12-05, S24-3)
        rows = []
        for g in regime.groups.values():
            source = [m for part in g.union_of for m in regime.groups[part].members] if g.union_of else g.members
            members = [
                MemberRow(
                    country=m.country,
                    from_=m.valid_from,
                    to=m.valid_to,
                    measure=m.measure,
                    confidence=m.effective_confidence,
                )
                for m in source
                if day is None or m.covers(day)
            ]
            rows.append(
                GroupRow(
                    group=g.id,
                    name=g.name,
                    kind=g.kind,
                    basis=g.basis,
                    default=g.default,
                    union_of=list(g.union_of),
                    members=members,
                )
            )
        return GroupsResult(exporter=regime.jurisdiction, on=day, groups=rows, **self._grounds(regime.jurisdiction))

    def measures(self, exporter: str, known_on: str | None = None) -> MeasuresResult:
        regime = regime_for(self.regimes, exporter)
        kday = parse_date(known_on, "knowledge date") if known_on is not None else None
        refuse_before_records(regime, None, kday)  # the measures known before the records: none (S27-9)
        rows: list[Measure] = list(regime.measures.values())
        rows += [
            m
            for r in self.regimes.values()
            if r is not regime
            for m in r.measures.values()
            if regime.jurisdiction in m.targets
        ]
        if kday:
            rows = [as_known(m, kday) for m in rows if m.public_on is not None and m.public_on <= kday]
        rows.sort(key=lambda m: (m.public_on or (m.effective and m.effective.date) or dt.date.min, m.id))
        out = [
            MeasureRow.model_validate(
                m.model_dump(mode="json", by_alias=True)
                | {
                    "public_on": m.public_on,
                    # not yet published law on the knowledge day: no day of publication known then
                    "published_on": m.published_on if not kday or (m.published_on or dt.date.max) <= kday else None,
                }
            )
            for m in rows
        ]
        return MeasuresResult(
            exporter=regime.jurisdiction, known_on=kday, measures=out, **self._grounds(regime.jurisdiction)
        )

    # ------------------------------------------------------------------ proposals

    def proposals(self) -> ProposalsResult:
        return ProposalsResult(proposals=[_summary(p) for p in store_ops.load_all(self.store)])

    def proposal(self, proposal_id: str) -> dict[str, Any]:
        return store_ops.get(proposal_id, self.store)

    def decide(
        self, proposal_id: str, decision: Literal["accept", "reject", "revert"], reviewer: str | None
    ) -> ProposalDecision:
        status = {"accept": "accepted", "reject": "rejected", "revert": "reverted"}[decision]
        if self.store is None:
            store_ops.get(proposal_id, None)  # raises NotFound: there are no proposals at all
        assert self.store is not None
        # Judged against the law before this acceptance (the curated law and the overlays accepted so far).
        idle = (
            store_ops.without_effect(store_ops.get(proposal_id, self.store), self.regimes)
            if decision == "accept"
            else []
        )
        decided = _summary(store_ops.decide(proposal_id, status, reviewer, self.store))
        return ProposalDecision(**decided.model_dump(), warnings=idle)
