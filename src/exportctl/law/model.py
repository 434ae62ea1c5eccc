"""The regime model: typed, dated, cited records of export-control law.

Why this shape: a dated value is the unit of law (as in OpenFisca's parameters), so each record
holds its validity interval *and* its citation together. Intervals are half-open ``[from, to)``;
``from: null`` means "since before the data begins", ``to: null`` means "still in force".
Records name the measure that started them (``measure``) and the one that ended them
(``ended_by``), so the law as *known* on any day can be rebuilt (see ``engine.knowledge``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

Confidence = Literal["confirmed", "single", "inferred", "unverified"]
#: Confidence levels that must surface as warnings whenever an answer depends on them.
WEAK_CONFIDENCE: frozenset[str] = frozenset({"inferred", "unverified"})

LINE_KEY = "__line__"


class Record(BaseModel):
    """Base for every record read from YAML: strict fields, remembers its file and line."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    _file: str = PrivateAttr(default="")
    _line: int = PrivateAttr(default=0)

    @property
    def where(self) -> str:
        return f"{self._file}:{self._line}" if self._line else self._file


class Source(Record):
    """A typed citation: which instrument, where in it, where to read it, how sure we are."""

    id: str | None = None
    instrument: str = Field(description="Instrument id (see instruments.yaml) or its name")
    article: str | None = Field(None, description="Article, table, row or list position")
    url: str
    date: dt.date | None = None
    publisher: str | None = None
    confidence: Confidence
    checked_on: dt.date | None = None
    also: list[str] = Field(default_factory=list, description="Corroborating URLs")
    note: str | None = None


class Cited(Record):
    """A record that carries a source; ``confidence`` may narrow the source's own level."""

    source: Source
    confidence: Confidence | None = None
    todo: str | None = None

    @property
    def effective_confidence(self) -> Confidence:
        return self.confidence or self.source.confidence


class Uncertainty(Record):
    """Where a boundary date is not known exactly: the window in which the true date lies.

    Confidence belongs to the fact (KR was in Appended Table 3); the window belongs to the date
    (some day in 2004). Answers for days inside a window carry a warning; others do not.
    """

    start_between: tuple[dt.date, dt.date] | None = None
    end_between: tuple[dt.date, dt.date] | None = None
    note: str | None = None


class Dated(Cited):
    """A cited record valid on ``[valid_from, valid_to)``."""

    uncertain: Uncertainty | None = None
    valid_from: dt.date | None = Field(None, alias="from")
    valid_to: dt.date | None = Field(None, alias="to")
    measure: str | None = Field(None, description="Measure that brought this record into force")
    ended_by: str | None = Field(None, description="Measure that ended it")

    @model_validator(mode="after")
    def _ordered(self) -> Dated:
        if self.valid_from and self.valid_to and self.valid_from >= self.valid_to:
            raise ValueError(f"interval is empty: from {self.valid_from} is not before to {self.valid_to}")
        return self

    def covers(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)

    def overlaps(self, other: Dated) -> bool:
        lo = max(self.valid_from or dt.date.min, other.valid_from or dt.date.min)
        hi = min(self.valid_to or dt.date.max, other.valid_to or dt.date.max)
        return lo < hi


# --------------------------------------------------------------------------- instruments, measures


class Instrument(Cited):
    """A legal instrument (statute, cabinet order, ministerial order, notice, guideline)."""

    id: str
    title: str
    title_local: str | None = None
    authority: str
    kind: str
    url: str | None = None
    identifiers: dict[str, str] = Field(default_factory=dict)


class MeasureDate(Cited):
    """One of a measure's dates, with its own citation (dates are often reported separately)."""

    date: dt.date
    time: str | None = Field(None, description="Local time of day when it matters, e.g. 17:00")
    note: str | None = None


class CommentPeriod(Cited):
    start: dt.date
    end: dt.date | None = None
    note: str | None = None


MeasureKind = Literal[
    "list_amendment",
    "group_amendment",
    "licensing_policy",
    "control_list_amendment",
    "wto_dispute",
    "administrative",
    "policy_statement",
    "dialogue",
]


class Measure(Record):
    """A dated legal act. Its dates are kept apart: announcing is not deciding is not applying."""

    id: str
    title: str
    authority: str
    kind: MeasureKind
    instrument: str | None = None
    targets: list[str] = Field(default_factory=list, description="ISO codes; empty = all")
    items: list[str] = Field(default_factory=list, description="Control-entry ids concerned")
    summary: str | None = None
    announced: MeasureDate | None = None
    comment_period: CommentPeriod | None = None
    decided: MeasureDate | None = None
    promulgated: MeasureDate | None = None
    effective: MeasureDate | None = None
    ended: MeasureDate | None = None
    related: list[str] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list, description="Conflicting reports, verbatim")
    todo: str | None = None
    origin: Literal["curated", "intake"] = Field("curated", description="intake = accepted proposal, not curated data")
    provenance: dict[str, Any] | None = Field(None, description="For intake overlays: sources and evidence")

    @property
    def public_on(self) -> dt.date | None:
        """The first day a diligent exporter could have known of this measure."""
        days = [d.date for d in (self.announced, self.decided, self.promulgated, self.effective) if d]
        if self.comment_period:
            days.append(self.comment_period.start)
        return min(days) if days else None

    def stage_on(self, day: dt.date) -> str:
        """``proposed`` / ``decided`` / ``promulgated`` / ``in_force`` / ``ended`` on ``day``."""
        stage = "unknown"
        for name, d in (
            ("proposed", self.announced or self.comment_period),
            ("decided", self.decided),
            ("promulgated", self.promulgated),
            ("in_force", self.effective),
            ("ended", self.ended),
        ):
            start = getattr(d, "date", None) or getattr(d, "start", None)
            if start is not None and start <= day:
                stage = name
        return stage


# --------------------------------------------------------------------------- groups


class Membership(Dated):
    country: str


class Group(Cited):
    """A named set of destinations with dated memberships.

    ``kind: category`` groups are the practical categories (Japan's A–D, Korea's regions): on any
    date a country is in exactly one. ``kind: list`` groups are legal lists (Appended Tables)
    that matter on their own. A category is either explicit (``members``), the ``default`` for
    countries in no other category, or the ``union_of`` some lists.
    """

    id: str
    name: str
    kind: Literal["category", "list"]
    basis: str | None = None
    default: bool = False
    default_caveat: str | None = Field(
        None, description="Why a country that falls to this default group may belong elsewhere"
    )
    union_of: list[str] = Field(default_factory=list)
    members: list[Membership] = Field(default_factory=list)
    used_from: dt.date | None = Field(None, description="First day this name was used")


# --------------------------------------------------------------------------- control list


class Equivalent(Record):
    scheme: str
    code: str
    confidence: Confidence


class ControlEntry(Dated):
    """One entry of a control list: a row, a sub-item, or the catch-all."""

    id: str
    kind: Literal["row", "sub_item", "catch_all", "category"]
    row: str
    title: str
    title_local: str | None = None
    locator: str | None = Field(None, description="Provision that specifies the goods")
    category: str | None = None
    aliases: list[str] = Field(default_factory=list)
    equivalents: list[Equivalent] = Field(default_factory=list)
    prior_classification: str | None = Field(
        None, description="Entry that governed these goods before this one came into force"
    )


# --------------------------------------------------------------------------- licensing


class LicenceType(Cited):
    id: str
    name: str
    name_local: str | None = None
    description: str | None = None
    validity: str | None = None


class Destinations(Record):
    all: bool = False
    groups: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> Destinations:
        if not (self.all or self.groups or self.countries):
            raise ValueError("destinations must name all, groups or countries")
        return self


class Scope(Record):
    entries: list[str] = Field(default_factory=list)
    rows: list[str] = Field(default_factory=list)
    destinations: Destinations

    @model_validator(mode="after")
    def _has_items(self) -> Scope:
        if not (self.entries or self.rows):
            raise ValueError("scope must name entries or rows")
        return self


class Procedure(Record):
    documents: int | None = None
    review_days: int | None = None
    max_processing_days: int | None = None
    validity: str | None = None
    conditions: str | None = None


class Grant(Record):
    licence: str
    conditions: str | None = None
    procedure: Procedure | None = None


class Effect(Record):
    licence_required: bool | None = None
    grant: list[Grant] = Field(default_factory=list)


class Rule(Dated):
    """For (entries, destinations, interval): whether a licence is needed, which types serve.

    ``overrides`` lists rules this one displaces while both apply (Catala's ``exception``);
    grants of rules that are not displaced add up.
    """

    id: str
    label: str
    scope: Scope
    effect: Effect
    overrides: list[str] = Field(default_factory=list)


CatchAllLevel = Literal["objective", "objective_use", "inform", "none"]


class CatchAllRule(Dated):
    """Catch-all treatment for non-listed goods by destination, per end-use concern."""

    id: str
    label: str
    entries: list[str]
    destinations: Destinations
    wmd: CatchAllLevel
    conventional: CatchAllLevel
    licence: str
    overrides: list[str] = Field(default_factory=list)
    note: str | None = None


class SmallValueExemption(Dated):
    """Small-value exemption: no licence at all below a ceiling, for some rows only."""

    id: str
    label: str
    rows: list[str]
    ceiling: int = Field(description="Integer amount in ``currency`` (never a float)")
    currency: str
    per: str
    not_for: Destinations | None = None
    strict_outside: Destinations | None = Field(
        None,
        description="Outside these destinations the exemption is lost if the exporter was "
        "informed or knows of a WMD end use",
    )


class Coverage(Record):
    note: str


class RegimeInfo(Cited):
    jurisdiction: str
    name: str
    authority: str
    currency: str
    coverage: Coverage
    gaps: list[str] = Field(default_factory=list, description="Known gaps in this data")
