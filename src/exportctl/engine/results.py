"""The answers the engine gives, as typed models.

These are the stable shapes behind ``--json`` (docs/design.md, "Shells"):
field names here are relied on by other programs, so they change only by addition.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from exportctl.law.model import Cited

CatchAllStatus = Literal["not_applicable", "exempt", "inform_only", "knowledge", "objective"]
EndUse = Literal["wmd", "conventional", "civil"]
NoticeKind = Literal[
    "pending_change",
    "draft",
    "knowledge_cutoff",
    "same_day",
    "catch_all_duty",
    "caution",
    "exemption",
    "no_deciding_rule",
    "not_controlled",
    "default_group",
    "unreached_text",
    "weak_data",
    "uncertain_date",
    "overlay",
    "ambiguous_name",
    "in_addition",
    "route_withheld",
    "time_limit",
]
StepKind = Literal["membership", "classification", "rule", "catch_all", "exemption", "prohibition"]


class Answer(BaseModel):
    """Base of the engine's typed answers. ``defer_build``: a validator is built the first time a
    model is used, not when the module is imported; a screening run that never builds an answer
    model does not pay for them (about 40 ms of every command's start)."""

    model_config = ConfigDict(populate_by_name=True, defer_build=True)


class EvidenceRef(Answer):
    url: str
    publisher: str
    kind: str
    date: dt.date | None = None


class SourceRef(Answer):
    """The citation behind one trace step: legal basis first (quoted), evidence apart."""

    instrument: str
    article: str | None = Field(None, description="The locator, as lawyers write it")
    url: str = Field(description="The official text's URL where reached, else the first report's")
    confidence: str
    official: bool = Field(description="True when the official text of the provision was read")
    quote: str | None = None
    translation: str | None = None
    checked_on: dt.date | None = None
    unreached: str | None = Field(None, description="Why the official text could not be read")
    evidence: list[EvidenceRef] = Field(default_factory=list)
    also: list[str] = Field(default_factory=list)

    @classmethod
    def of(cls, rec: Cited) -> SourceRef:
        """The citation of ``rec``, built once per record and shared by every answer citing it.

        Why a memo: compiling a regime asks for the trace of tens of thousands of cells, and
        building (and validating) the same citation again for each was half of a compile. The
        records are immutable once loaded, so the reference is too. The memo is bounded and keyed
        by the record's identity (checked on a hit), so a reloaded bundle gets its own references.
        """
        hit = _REFS.get(id(rec))
        if hit is not None and hit[0] is rec:
            return hit[1]
        s = rec.source
        o = s.official
        # Built without validation: every value comes from a record validated when the law loaded.
        ref = cls.model_construct(
            instrument=s.instrument,
            article=s.article or None,
            url=s.url,
            confidence=rec.effective_confidence,
            official=o is not None,
            quote=o.quote if o else None,
            translation=o.translation if o else None,
            checked_on=o.checked_on if o else None,
            unreached=s.unreached,
            evidence=[
                EvidenceRef.model_construct(url=e.url, publisher=e.publisher, kind=e.kind, date=e.date)
                for e in s.evidence
            ],
            also=list(s.also),
        )
        if len(_REFS) >= _REFS_MAX:
            _REFS.clear()
        _REFS[id(rec)] = (rec, ref)
        return ref


#: SourceRef.of's memo: record identity -> (record, reference); cleared when full.
_REFS: dict[int, tuple[Cited, SourceRef]] = {}
_REFS_MAX = 1 << 16


class Notice(Answer):
    """One warning, typed: what kind of doubt or duty, about which rule or measure, from when.

    ``text`` is for people; programs branch on ``kind`` (docs/design.md, "Warnings"). The text
    names no CLI flags: an API client reads the same words.
    """

    kind: NoticeKind
    text: str
    rule: str | None = None
    measure: str | None = None
    date: dt.date | None = None


class TraceStep(Answer):
    """One rule, membership or classification that shaped the answer, with its citation."""

    rule: str
    kind: StepKind
    effect: str
    source: SourceRef
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    from_time: str | None = None
    to_time: str | None = None
    measure: str | None = None
    ended_by: str | None = None
    todo: str | None = None
    uncertain_between: tuple[dt.date, dt.date] | None = Field(
        None, description="Window in which this step's boundary really lies, when the query day falls in it"
    )


class ItemRef(Answer):
    id: str
    title: str


class ProcedureNote(Answer):
    licence: str
    rule: str
    documents: int | None = None
    review_days: int | None = None
    max_processing_days: int | None = None
    validity: str | None = None
    conditions: str | None = None


class Determination(Answer):
    """The answer to "may I ship this item there on that date, under which licence, and why"."""

    exporter: str
    destination: str
    on: dt.date
    at: str | None = Field(None, description="Local time of shipment, when given")
    known_on: dt.date | None = None
    item: ItemRef
    classified_as: ItemRef | None = Field(
        None, description="The entry that governed the goods on that date, when not the item itself"
    )
    destination_groups: list[str]
    licence_required: bool
    needs: list[Literal["licence", "approval"]] = Field(
        default_factory=list,
        description="What must be obtained, by kind: a licence (許可, 허가), an approval (承認, 승인), both, or nothing; "
        "licence_required is true for any of them",
    )
    refused: list[str] = Field(
        default_factory=list,
        description="Needed routes the law refuses or does not grant in principle (原則不許可, 허가 거부): "
        "the export is in effect barred, though the application is what the law provides",
    )
    routes: list[str]
    exemptions: list[str]
    catch_all: CatchAllStatus
    warnings: list[str]
    notices: list[Notice] = Field(default_factory=list, description="The warnings, typed (same order as warnings)")
    trace: list[TraceStep]
    procedures: list[ProcedureNote] = Field(default_factory=list)
    rule_ids: list[str] = Field(default_factory=list)
    regime_version: str
    bundle_version: str = ""
    overlays: list[str] = Field(default_factory=list, description="Accepted intake overlays the law includes")


class GroupDetail(Answer):
    group: str
    name: str
    by_default: bool = False
    trace: list[TraceStep] = Field(default_factory=list)


class StatusResult(Answer):
    exporter: str
    country: str
    on: dt.date
    known_on: dt.date | None = None
    groups: list[str]
    details: list[GroupDetail] = Field(default_factory=list)
    requirements: list[TraceStep] = Field(
        default_factory=list,
        description="Bans and added requirements the law sets for this destination itself (not for all "
        "destinations), in force on the day, with the day they end when the law sets one",
    )
    warnings: list[str] = Field(default_factory=list)
    regime_version: str
    bundle_version: str = ""
    overlays: list[str] = Field(default_factory=list)


class Interval(Answer):
    """One stretch of time in which ``country`` was in ``group`` (``to`` exclusive, null = open)."""

    exporter: str
    country: str
    group: str
    from_: dt.date | None = Field(None, alias="from")
    to: dt.date | None = None
    measure: str | None = None
    measure_title: str | None = None
    by_default: bool = False
    confidence: str | None = None
    #: The window the stretch's first day lies in, where the data holds it uncertain (as ``check``
    #: warns on days inside it): a timeline gave such a day as certain (session review S27-8).
    from_uncertain: tuple[dt.date, dt.date] | None = None
    #: Likewise for the day the stretch ends.
    to_uncertain: tuple[dt.date, dt.date] | None = None


class MembershipStep(Answer):
    """The groups a country holds from ``date`` on (until its next step)."""

    date: dt.date
    groups: list[str]
    #: The window the day lies in where the record that begins or ends on it is held uncertain (a
    #: stand-in day is the first version read, not a day the law changed): as ``timeline``'s "(?)"
    #: (legal review 62, R62-6: diff showed such days as plain changes).
    uncertain: tuple[dt.date, dt.date] | None = None


class MembershipChange(Answer):
    country: str
    before: list[str]
    after: list[str]
    measures: list[str]
    steps: list[MembershipStep] = Field(
        default_factory=list,
        description="Each day within the range on which the country's groups changed, with the groups from then: "
        "a country that left a group and came back within the range has before == after and its steps here",
    )


class RecordChange(Answer):
    id: str
    change: Literal["added", "ended"]
    date: dt.date
    time: str | None = Field(
        None,
        description="The local time of day the change took effect, where the law names one (the 2023 restoration "
        "of Korea's bulk licence at 17:00): before it on that day the old record still holds, as check answers",
    )
    label: str
    measure: str | None = None
    #: The window the day lies in where the data holds the record's first (or last) day uncertain.
    uncertain: tuple[dt.date, dt.date] | None = None


class MeasureEvent(Answer):
    measure: str
    title: str
    event: str
    date: dt.date


class DiffResult(Answer):
    exporter: str
    from_: dt.date = Field(alias="from")
    to: dt.date
    memberships: list[MembershipChange]
    rules: list[RecordChange]
    items: list[RecordChange]
    events: list[MeasureEvent]
    regime_version: str
    bundle_version: str = ""
    overlays: list[str] = Field(default_factory=list)
