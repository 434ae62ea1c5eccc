"""The regime model: typed, dated, cited records of export-control law.

Why this shape: a dated value is the unit of law (as in OpenFisca's parameters), so each record
holds its validity interval *and* its citation together. Intervals are half-open ``[from, to)``;
``from: null`` means "since before the data begins", ``to: null`` means "still in force".
Records name the measure that started them (``measure``) and the one that ended them
(``ended_by``), so the law as *known* on any day can be rebuilt (see ``engine.knowledge``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from exportctl.law.citation import Confidence, Source
from exportctl.law.record import Record

#: Confidence levels that must surface as warnings whenever an answer depends on them.
WEAK_CONFIDENCE: frozenset[str] = frozenset({"inferred", "unverified"})


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
    stand_in: bool = Field(
        False,
        description="The record's first day is only that of the first version read (the end of start_between), and it "
        "names no measure: the law as published on a day of the window is taken to hold it, and its first day is no "
        "announced change. Set only where holding it early is the stricter reading (a region that withholds routes, "
        "an approval that adds a need): a membership that eases the answer (a white list) is left to its first day "
        "(legal review 62, R62-1 and R62-3)",
    )


LocalTime = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", description="Local time HH:MM")]


class Dated(Cited):
    """A cited record valid on ``[valid_from, valid_to)``.

    Where the law changed at a time of day (the 2023-03-23 change took effect in the evening),
    ``from_time`` / ``to_time`` place the boundary within the day. A query without a time of day
    is read as the start of the day: a record starting that evening does not yet apply, one
    ending that evening still does, and the answer warns of the change later that day.
    """

    uncertain: Uncertainty | None = None
    valid_from: dt.date | None = Field(None, alias="from")
    valid_to: dt.date | None = Field(None, alias="to")
    from_time: LocalTime | None = None
    to_time: LocalTime | None = None
    measure: str | None = Field(None, description="Measure that brought this record into force")
    ended_by: str | None = Field(None, description="Measure that ended it")

    @model_validator(mode="after")
    def _ordered(self) -> Dated:
        if self.valid_from and self.valid_to and self.valid_from > self.valid_to:
            raise ValueError(f"interval is empty: from {self.valid_from} is not before to {self.valid_to}")
        same_day = self.valid_from is not None and self.valid_from == self.valid_to
        if same_day and not (self.from_time and self.to_time and self.from_time < self.to_time):
            raise ValueError(f"interval is empty: from {self.valid_from} is not before to {self.valid_to}")
        if self.from_time and not self.valid_from:
            raise ValueError("from_time needs a from date")
        if self.to_time and not self.valid_to:
            raise ValueError("to_time needs a to date")
        u = self.uncertain
        if (
            u is not None
            and u.stand_in
            and (u.start_between is None or self.valid_from != u.start_between[1] or self.measure is not None)
        ):
            raise ValueError("uncertain.stand_in needs no measure and a first day at the end of start_between")
        return self

    @property
    def day_from(self) -> dt.date | None:
        """First whole day in force (a record starting at a time of day is whole from the next)."""
        if self.valid_from is None or self.from_time is None or self.valid_from == dt.date.max:
            return self.valid_from
        return self.valid_from + dt.timedelta(days=1)

    @property
    def day_to(self) -> dt.date | None:
        """First day no longer in force at its start (a record ending at a time still holds that morning)."""
        if self.valid_to is None or self.to_time is None:
            return self.valid_to
        return self.valid_to + dt.timedelta(days=1)

    def covers(self, day: dt.date, at: str | None = None) -> bool:
        """In force on ``day`` at local time ``at`` (``None``: at the start of the day)."""
        t = at or "00:00"
        if self.valid_from == dt.date.max:  # never in force (a listing not yet known: knowledge views)
            return False
        started = (
            self.valid_from is None
            or day > self.valid_from
            or (day == self.valid_from and (self.from_time is None or t >= self.from_time))
        )
        ended = self.valid_to is not None and (
            day > self.valid_to or (day == self.valid_to and (self.to_time is None or t >= self.to_time))
        )
        return started and not ended

    def overlaps(self, other: Dated) -> bool:
        lo = max(self.day_from or dt.date.min, other.day_from or dt.date.min)
        hi = min(self.day_to or dt.date.max, other.day_to or dt.date.max)
        if lo < hi:
            return True
        # Boundaries inside one day: [.., D t1) and [D t2, ..) overlap only if t2 < t1.
        return any(
            a.valid_to is not None
            and a.valid_to == b.valid_from
            and a.to_time is not None
            and b.from_time is not None
            and b.from_time < a.to_time
            for a, b in ((self, other), (other, self))
        )


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
    # A time limit the law itself sets (its effective day is the first day after it), not a decision to
    # change the law: warned of as an expiry unless renewed (legal review 59, R59-4).
    "sunset",
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

    @property
    def published_on(self) -> dt.date | None:
        """The day it became law an exporter could read: promulgation, else entry into force.

        A measure with neither but with another date (a draft, a statement) is never published law;
        one with no date at all is taken as published in every view (``measure_known``).
        """
        days = [d.date for d in (self.promulgated, self.effective) if d]
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
    #: The entry lists the goods its names denote whatever their figures (Korea's 7A104: every device that
    #: finds its position by tracking stars, other than 7A004's): a question that one of its names asks offers
    #: no "catch-all" line, which would be a way to "no licence" the list does not have (legal review 98, R98-3).
    #: A list of names marks only those: the entry holds other goods within figures, but these names denote
    #: goods it lists whatever their figures (Japan's 2(21) and 4(6) both name chlorine trifluoride; session
    #: review S37B-6). Arms rows (:attr:`RegimeInfo.arms_rows`) are read so between themselves without this mark.
    by_name: bool | list[str] = False
    equivalents: list[Equivalent] = Field(default_factory=list)
    prior_classification: str | None = Field(
        None, description="Entry that governed these goods before this one came into force"
    )
    #: What the answer before this entry's start must add: the older item caught only some of these
    #: goods (a sub-item carved out of an older one takes its goods with it), so the answer under
    #: ``prior_classification`` holds for some goods and a caution says which.
    prior_note: str | None = None

    @model_validator(mode="after")
    def _marks_own_names(self) -> ControlEntry:
        """A name marked ``by_name`` must be one the entry is found by, or the mark would never be read."""
        if isinstance(self.by_name, list):
            own = {*self.aliases, self.title, self.title_local, self.id}
            stray = [n for n in self.by_name if n not in own]
            if stray:
                raise ValueError(f"{self.id}: by_name names {stray} that are not among its aliases or titles")
        return self


# --------------------------------------------------------------------------- licensing


class LicenceType(Cited):
    id: str
    name: str
    name_local: str | None = None
    description: str | None = None
    validity: str | None = None
    #: An approval (承認, 승인) is not a licence (許可, 허가): an answer that needs one says so in
    #: its headline, since a user reads "licence required" as the licence the goods need.
    kind: Literal["licence", "approval"] = "licence"


class Destinations(Record):
    """Where a rule applies: all destinations, some groups or countries, less ``except_groups`` and
    ``except_countries``.

    ``except_groups`` follows the law's own wording, e.g. ETCO row 16: "all regions (excluding
    the regions listed in Appended Table 3)"; ``except_countries`` the countries a provision of its
    own takes out (Korea's Annex 24 leaves Russia and Belarus only some of the exemptions).
    """

    all: bool = False
    groups: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    except_groups: list[str] = Field(default_factory=list)
    except_countries: list[str] = Field(default_factory=list)

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


#: The facts that can withhold a route (``Grant.withheld_when``): a known end use of concern, an inform notice.
WithholdingFact = Literal["wmd", "conventional", "informed"]


class Grant(Record):
    licence: str
    conditions: str | None = None
    procedure: Procedure | None = None
    refused: bool = Field(
        False,
        description="The law requires this licence and refuses it in principle (Korea's Notice Annex 24 item 1 for "
        "Russia and Belarus, Annex 21 for Iran): the export is in effect barred, and the answer's headline says so",
    )
    withheld_when: list[WithholdingFact] = Field(
        default_factory=list,
        description="Facts on which this route is not offered (a known WMD or conventional-weapons end use, an "
        "inform notice received): "
        "its conditions say it may lose effect or need more on those facts, and they were not read, so the answer "
        "withholds the route and says why rather than offer one the law may take away",
    )
    withheld_because: str | dict[WithholdingFact, str] | None = Field(
        None,
        description="Why the facts of withheld_when withhold the route, in the law's words (said instead of the "
        "route's conditions when given); one text, or one per fact where the law withholds it on different "
        "grounds (Korea: the peaceful-purpose principle for a WMD use, Annex 8's military-purpose exclusion for a "
        "conventional-weapons use)",
    )

    @model_validator(mode="after")
    def _reasons_match_facts(self) -> Grant:
        """Per-fact reasons name exactly the facts that withhold the route: a fact without its reason would fall
        back to the route's conditions, which are no reason, and a reason for another fact is dead text
        (session review S29B-6)."""
        if isinstance(self.withheld_because, dict) and set(self.withheld_because) != set(self.withheld_when):
            raise ValueError(
                f"withheld_because gives reasons for {sorted(self.withheld_because)} "
                f"but withheld_when names {sorted(self.withheld_when)}"
            )
        return self


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


#: How far the catch-all reaches for one end-use concern, weakest first:
#: ``none``; ``inform`` (a licence only when the authority informs the exporter);
#: ``knowledge`` (also when the exporter knows of the concerning end use, as in Korea's
#: Art. 19(3) "알았거나" for region Ga); ``objective_use`` (Japan's objective requirement, use
#: limb only); ``objective`` (Japan's use and user requirements; Korea's "의심되면" red flags).
CatchAllLevel = Literal["none", "inform", "knowledge", "objective_use", "objective"]
CATCH_ALL_ORDER: tuple[str, ...] = ("none", "inform", "knowledge", "objective_use", "objective")


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


class Prohibition(Dated):
    """An export ban by destination, for all goods or some: a licence is not the route, an
    approval is (Japan's FEFTA Art. 48(3) approval for North Korea since 2009-06-18).

    It displaces every licence rule, exemption and catch-all for the goods it covers, unless it is
    ``in_addition``: then the law asks for both (Japan's approval for Russia and Belarus under
    FEFTA Art. 48(3) comes on top of the Art. 48(1) licence the goods need anyway, listed or by
    the catch-all), so the licence is decided as without it and the requirement is added.
    """

    id: str
    label: str
    destinations: Destinations
    entries: list[str] = Field(default_factory=list, description="Entries covered; empty (and no rows) = all goods")
    rows: list[str] = Field(
        default_factory=list,
        description="Rows of the control list whose entries are covered (Japan's ETCO Appended Table 2-3 item 1: "
        "the goods of Appended Table 1 rows 1 to 15)",
    )
    requirement: str = Field(description="Licence type id the exporter needs instead (e.g. approval)")
    in_addition: bool = Field(
        False,
        description="The requirement is needed as well as, not instead of, the licence the goods need otherwise "
        "(a small-value exemption lifts that licence, not this requirement)",
    )
    conditions: str | None = None
    refused: bool = Field(
        False,
        description="The requirement is not granted in principle (原則不許可: Japan's approval for North Korea, which is "
        "how the ban works): an answer needing it is headed as barred, not as a permit one may obtain",
    )

    except_entries: list[str] = Field(
        default_factory=list,
        description="Entries the requirement's text carves out of its rows (Japan's Appended Table 2-3 item 1 "
        "excludes row 20 goods, nuclear material, from the Russia and Belarus approval: row 20's own approval applies)",
    )

    def covers_entry(self, entry_id: str, row: str) -> bool:
        """Whether the ban reaches goods of ``entry_id`` (in control-list row ``row``): all goods
        when it names neither entries nor rows, less the entries it carves out."""
        if entry_id in self.except_entries:
            return False
        if not self.entries and not self.rows:
            return True
        return entry_id in self.entries or row in self.rows


class SmallValueExemption(Dated):
    """Small-value exemption: no licence at all below a ceiling, for some goods only.

    Japan's ETCO Art. 4(1)(iv) (Art. 4(1)(v) from 2025-10-09) is lost where a catch-all
    trigger applies, and the triggers differ by destination: ``strict_outside`` (outside these
    destinations a known WMD end use or an inform notice removes it), ``lost_when_informed``
    (here an inform notice removes it too), ``conventional_strict`` (here a known
    conventional-weapons end use removes it as well).
    """

    id: str
    label: str
    rows: list[str] = Field(default_factory=list)
    entries: list[str] = Field(default_factory=list)
    except_entries: list[str] = Field(default_factory=list, description="Entries of those rows it does not cover")
    ceiling: int = Field(description="Integer amount in ``currency`` (never a float)")
    currency: str
    per: str
    not_for: Destinations | None = None
    strict_outside: Destinations | None = Field(
        None,
        description="Outside these destinations the exemption is lost if the exporter was "
        "informed or knows of a WMD end use",
    )
    lost_when_informed: Destinations | None = None
    conventional_strict: Destinations | None = None

    @model_validator(mode="after")
    def _has_goods(self) -> SmallValueExemption:
        if not (self.rows or self.entries):
            raise ValueError("an exemption must name rows or entries")
        return self

    def covers_entry(self, entry_id: str, row: str) -> bool:
        return (entry_id in self.entries or row in self.rows) and entry_id not in self.except_entries


class Caution(Dated):
    """Law that this data does not model but that may decide the answer: always a warning.

    Why: "never answer 'no licence' from a gap". Where a regime holds rules we have not encoded
    (Japan's approval lists for Russia and Belarus, Korea's situational-licence list for them,
    a conflicting small-value exemption), an answer that touches them says so, with the source.
    """

    id: str
    label: str
    destinations: Destinations
    entries: list[str] = Field(default_factory=list, description="Entries concerned; empty = all goods")
    text: str
    summarised: bool = Field(
        False,
        description="Named in a batch run's summary when any line carries it: the caution says the data itself "
        "may be out of date or a version of the law was not read, which a column of ids on each line hid "
        "(session review S27-10)",
    )
    not_for_end_uses: list[Literal["wmd", "conventional"]] = Field(
        default_factory=list,
        description="End uses on which the caution is not given: it names an exemption whose conditions such an "
        "end use cannot meet (Korea's encryption exemption is for civil use), so naming it then would hint at a "
        "way out the law does not give (legal review 51, R51-3)",
    )
    not_when_informed: bool = Field(
        False,
        description="Not given when the authority's inform notice was received: the exemption it names is lost then "
        "(session review S28B-1, Japan's small-value exemption outside Group A)",
    )
    for_informed: bool = Field(
        False,
        description="Given only when the authority's inform notice was received: it says what such a notice does to "
        "the licences offered, which on other facts would be noise (legal review 86, R86-1: Korea's comprehensive "
        "licences are reviewed against a concern the authority raised)",
    )
    for_routes: list[str] = Field(
        default_factory=list,
        description="Licence types of which the answer must offer one for the caution to be given (empty: any): it "
        "says what a fact does to those licences, which where none is offered (a refusal, another licence) would be "
        "noise (session review S34C-4: Korea's comprehensive licences and the authority's notice of a concern)",
    )
    for_end_uses: list[Literal["wmd", "conventional"]] = Field(
        default_factory=list,
        description="End uses on which alone the caution is given (empty: any): it says what such an end use does to "
        "the licence, which on other facts would be noise (legal review 64, R64-2: Korea's peaceful-purpose principle "
        "refuses a licence for a known WMD use)",
    )


class Coverage(Record):
    """What the data holds, and from which day.

    Why ``from``: a day before the first law the data holds would be answered from records read
    back from later texts (no catch-all before it was made, today's groups and lists): an answer,
    and a "no licence" among them, that no text of that day gives. Such days are refused by name.
    """

    note: str
    from_: dt.date = Field(alias="from", description="The first day whose law the data holds; earlier days are refused")
    from_because: str = Field(description="The law that begins the data on that day, as the refusal names it")


class RegimeInfo(Cited):
    jurisdiction: str
    preferred_groups: list[str] = Field(
        default_factory=list,
        description="The categories news calls the 'white list' (Japan's Group A; Korea's region Ga, and Ga-1 "
        "while it existed); the first is the one an intake overlay adds to",
    )

    #: Rows of the control list that list arms and other military goods by what they are, without
    #: technical parameters (Japan's Appended Table 1 row 1, Korea's Annex 3): goods a name of theirs
    #: fits cannot "meet none of the entries' specifications", so no question offers the catch-all
    #: beside them alone (session review S34C-3).
    arms_rows: list[str] = Field(default_factory=list)
    name: str
    authority: str
    currency: str
    coverage: Coverage
    gaps: list[str] = Field(default_factory=list, description="Known gaps in this data")

    @property
    def preferred_group(self) -> str | None:
        return self.preferred_groups[0] if self.preferred_groups else None
