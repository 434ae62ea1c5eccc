"""Reading measures out of one document: trigger grammar, actors and targets, items, dates, stage.

Written for real news phrasing, not for made-up sentences. A *trigger* (a verb phrase with its
object: "restore ... to its list of preferred trading partners", "drop its complaint with the
WTO") says which action is reported; the state named nearest before it acts, states named after
it are targets. Items come from the control lists' aliases plus a few news phrases ("three key
semiconductor materials"). Dates are resolved against the publication date; talk about future
talks ("will continue to discuss restoring ...") is not a measure.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from exportctl.intake.document import Document, sentences
from exportctl.intake.gazetteer import states
from exportctl.law.regime import Regime

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
MONTH_RE = "|".join(calendar.month_name[1:])
WEEKDAY_RE = "|".join(calendar.day_name)

PREFERRED = (
    r"(?:white ?list|list of (?:preferred|trusted|favou?red) (?:trading |trade )?(?:partners|destinations|countries)"
    r"|preferred (?:trading )?(?:partners?|status|list)|favou?red (?:trade )?(?:destination|status|partner)"
    r"|(?:trade|export) status|group a\b|white countr\w*)"
)
CURBS = (
    r"(?:export (?:controls?|curbs?|restrictions?|limitations?|regulations?)|curbs|restrictions|limitations"
    r"|licensing requirements?|controls)"
)
WTO = r"(?:WTO|World Trade Organi[sz]ation)"

TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    (
        "wto_complaint_withdrawn",
        re.compile(
            rf"\b(withdr\w*|drop\w*|retract\w*|abandon\w*|halt\w*)\b[^.;]{{0,40}}?\b(?:complaint|case|dispute)\b[^.;]{{0,80}}?\b{WTO}"
            rf"|\b(withdr\w*|drop\w*)\b\s+(?:the |a |its )?{WTO}\s+(?:\(WTO\)\s+)?(?:case|complaint|dispute)",
            re.I,
        ),
    ),
    (
        "wto_complaint_filed",
        re.compile(
            rf"\b(fil(?:e|es|ed|ing)|lodg\w*|launch\w*|brought|bring\w*)\b[^.;]{{0,40}}?\b(?:complaint|case|challenge)\b[^.;]{{0,40}}?\b{WTO}"
            rf"|\b(request\w*) (?:WTO )?consultations",
            re.I,
        ),
    ),
    (
        "add_to_preferred_list",
        re.compile(
            rf"\b(restor\w*|reinstat\w*|re-?add\w*|add(?:s|ed|ing)?|return\w*|put\w* (?:\w+ )?back)\b[^.;]{{0,90}}?\b{PREFERRED}",
            re.I,
        ),
    ),
    (
        "remove_from_preferred_list",
        re.compile(
            rf"\b(remov\w*|strik\w*|struck|delet\w*|downgrad\w*|exclud\w*|took [\w' ]{{0,20}}off|taken [\w' ]{{0,20}}off)\b[^.;]{{0,70}}?\b{PREFERRED}",
            re.I,
        ),
    ),
    (
        "lift_licence_requirement",
        re.compile(
            rf"\b(lift\w*|remov\w*|eas(?:e|es|ed|ing)|roll\w* back|drop\w*|scrap\w*|relax\w*)\b[^.;]{{0,60}}?\b{CURBS}",
            re.I,
        ),
    ),
    (
        "add_export_restriction",
        re.compile(
            rf"\b(tighten\w*|impos\w*|expand\w*|introduc\w*|add\w*|clamp\w* down|strengthen\w*)\b[^.;]{{0,60}}?\b{CURBS}"
            r"|\b(clamp\w* down on)\b[^.;]{0,30}\bexports",
            re.I,
        ),
    ),
]
TALK = re.compile(r"\b(?:talk(?:s|ing)? (?:about|on)|discuss(?:es|ed|ing)?|negotiat\w*)\s+(?:\w+\s+){0,3}$", re.I)
CLAUSE_END = re.compile(r",|;| while | as | but | — | even as ")
CONDITIONAL = re.compile(r"^\s*if\b", re.I)
EFFECT = re.compile(
    rf"\b(?:take|takes|took|taking|go|goes|went|come|comes|came) (?:into )?(?:effect|force)\b[^.]{{0,25}}?"
    rf"(?:on |from )?((?:{MONTH_RE}) \d{{1,2}}(?:, \d{{4}})?|{WEEKDAY_RE})"
    rf"|\beffective (?:from |on )?((?:{MONTH_RE}) \d{{1,2}}(?:, \d{{4}})?|{WEEKDAY_RE}|immediately|today)"
    rf"|\b(?:from|as of|starting(?: on)?) ((?:{MONTH_RE}) \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} (?:{MONTH_RE}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})",
    re.I,
)

ITEM_PHRASES: list[tuple[re.Pattern[str], list[str]]] = [
    (
        re.compile(
            r"\b(?:three|3) (?:key |critical )?(?:semi-?conductor[- ]related |semiconductor |chip(?:making)? |high-tech )?"
            r"materials\b|\bcritical materials for smartphone displays and chips\b|\bkey semiconductor materials\b",
            re.I,
        ),
        ["jp:3(1)", "jp:5(17)", "jp:7(19)"],
    ),
    (
        re.compile(
            r"\b(?:23 types of [\w-]+ chipmaking technology|chipmaking (?:gear|equipment|technology|tools)|"
            r"semiconductor manufacturing equipment|chip(?:-| )making equipment)\b",
            re.I,
        ),
        [
            "jp:7(16)-cleaning",
            "jp:7(16)-deposition",
            "jp:7(16)-annealing",
            "jp:7(16)-lithography",
            "jp:7(16)-etching",
            "jp:7(16)-inspection",
        ],
    ),
]
STAGE_PROPOSED = re.compile(
    r"\b(public (?:comment|opinion)s?|seeking (?:public )?(?:opinions|comments)|draft|plans? to|"
    r"intends? to|propos\w*|expected to|aims? to|would|will|if)\b",
    re.I,
)
STAGE_DECIDED = re.compile(r"\b(decided|decision|decides|approved|agreed|agree|announced)\b", re.I)


@dataclass
class Evidence:
    text: str
    start: int
    end: int


@dataclass
class Candidate:
    """One measure as reported in one document."""

    document: str
    jurisdiction: str | None
    action: str
    targets: list[str]
    items: list[dict[str, Any]]
    announced: str | None
    effective: str | None
    stage: str
    background: bool
    evidence: list[Evidence]
    confidence: float
    published: str | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "action": self.action,
            "targets": self.targets,
            "items": self.items,
            "announced": self.announced,
            "effective": self.effective,
            "stage": self.stage,
            "background": self.background,
            "confidence": round(self.confidence, 2),
            "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in self.evidence],
            "document": self.document,
            "published": self.published,
            "notes": self.notes,
        }


# ------------------------------------------------------------------------------------- dates


class DateResolver:
    """Resolves news time expressions against the publication date, keeping their precision."""

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        self.last_month: str | None = None

    def _month(self, name: str, year: str | None, future: bool) -> str | None:
        if self.published is None and not year:
            return None
        m = MONTHS[name.lower()]
        if year:
            return f"{int(year):04d}-{m:02d}"
        assert self.published is not None
        y = self.published.year
        if future and m < self.published.month:
            y += 1
        if not future and m > self.published.month:
            y -= 1
        return f"{y:04d}-{m:02d}"

    def _day(self, month: str, day: str, year: str | None, future: bool) -> str | None:
        ym = self._month(month, year, future)
        if ym is None:
            return None
        try:
            d = dt.date(int(ym[:4]), int(ym[5:]), int(day))
        except ValueError:
            return None
        if not year and self.published is not None:
            if future and d < self.published - dt.timedelta(days=7):
                d = d.replace(year=d.year + 1)
            elif not future and d > self.published + dt.timedelta(days=7):
                d = d.replace(year=d.year - 1)
        return d.isoformat()

    def _weekday(self, name: str, future: bool) -> str | None:
        if self.published is None:
            return None
        target = WEEKDAYS[name.lower()]
        delta = (self.published.weekday() - target) % 7
        d = self.published - dt.timedelta(days=delta)
        if future and d < self.published:
            d += dt.timedelta(days=7)
        return d.isoformat()

    def expression(self, text: str, future: bool) -> str | None:
        """The date a single expression names (ISO, YYYY-MM or YYYY), or None."""
        t = text.strip()
        low = t.lower()
        if low in ("immediately", "today") and self.published:
            return self.published.isoformat()
        m = re.fullmatch(rf"({MONTH_RE}) (\d{{1,2}})(?:, (\d{{4}}))?", t, re.I)
        if m:
            return self._day(m.group(1), m.group(2), m.group(3), future)
        m = re.fullmatch(rf"({WEEKDAY_RE})", t, re.I)
        if m:
            return self._weekday(m.group(1), future)
        return self._explicit(t)

    def _explicit(self, text: str) -> str | None:
        """Other complete dates ("21 July 2023", "2023-07-21") through dateparser."""
        import dateparser

        settings: dict[str, Any] = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
        return parsed.date().isoformat() if parsed else None

    def in_sentence(self, text: str, future: bool) -> str | None:
        """The first time expression of a sentence (not an effect date) and whether it is in the past year(s)."""
        patterns: list[tuple[re.Pattern[str], Any]] = [
            (
                re.compile(rf"\b(\d{{1,2}} (?:{MONTH_RE}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b"),
                lambda m: self._explicit(m[1]),
            ),
            (
                re.compile(rf"\b({MONTH_RE}) (\d{{1,2}})(?:, (\d{{4}}))?\b"),
                lambda m: self._day(m[1], m[2], m[3], future),
            ),
            (
                re.compile(
                    rf"\b(?:in|since|from|by|during|until|early|late|mid-?) ({MONTH_RE})(?: (\d{{4}}))?\b", re.I
                ),
                lambda m: self._month(m[1], m[2], future),
            ),
            (re.compile(rf"^\s*({MONTH_RE}),?\b"), lambda m: self._month(m[1], None, future)),
            (re.compile(r"\blater that month\b", re.I), lambda m: self.last_month),
            (
                re.compile(r"\b(?:earlier|later) this month\b|\bthis month\b", re.I),
                lambda m: self.published.strftime("%Y-%m") if self.published else None,
            ),
            (
                re.compile(r"\blast month\b", re.I),
                lambda m: (
                    (self.published.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m") if self.published else None
                ),
            ),
            (re.compile(rf"\b(?:on |last |this )?({WEEKDAY_RE})\b"), lambda m: self._weekday(m[1], future)),
        ]
        best: tuple[int, str] | None = None
        for rx, fn in patterns:
            for m in rx.finditer(text):
                if (
                    EFFECT.search(text[max(0, m.start() - 30) : m.end() + 2])
                    and "effect" in text[max(0, m.start() - 30) : m.start()].lower()
                ):
                    continue
                value = fn(m)
                if value and (best is None or m.start() < best[0]):
                    best = (m.start(), value)
                break
        return best[1] if best else None

    def remember(self, text: str) -> None:
        m = re.search(rf"\b(?:in|since|during) ({MONTH_RE})(?: (\d{{4}}))?\b", text, re.I)
        if m:
            self.last_month = self._month(m[1], m[2], False)


def _date_start(d: str) -> dt.date:
    """First day of a date of any precision (YYYY, YYYY-MM or YYYY-MM-DD)."""
    return dt.date.fromisoformat(d if len(d) == 10 else f"{d}-01" if len(d) == 7 else f"{d}-01-01")


def _date_sort(d: str | None) -> dt.date | None:
    """Last day of a date of any precision (what "in 2019" or "in April" still allows)."""
    if d is None:
        return None
    if len(d) == 4:
        return dt.date(int(d), 12, 31)
    if len(d) == 7:
        y, m = int(d[:4]), int(d[5:])
        return dt.date(y, m, calendar.monthrange(y, m)[1])
    return dt.date.fromisoformat(d)


# ------------------------------------------------------------------------------------- items


def _item_index(regimes: dict[str, Regime]) -> list[tuple[re.Pattern[str], str, str]]:
    out = []
    for r in regimes.values():
        for e in r.entries.values():
            if e.kind not in ("sub_item", "category"):
                continue
            for alias in e.aliases:
                if len(alias) < 5 or not re.search(r"[a-z]", alias):
                    continue
                out.append((re.compile(rf"\b{re.escape(alias)}s?\b", re.I), alias, e.id))
    return out


def find_items(text: str, regimes: dict[str, Regime]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for rx, ids in ITEM_PHRASES:
        for m in rx.finditer(text):
            found.setdefault(m.group(0).lower(), {"text": m.group(0), "ids": ids})
    for rx, _alias, entry_id in _item_index(regimes):
        for m in rx.finditer(text):
            key = m.group(0).lower()
            if any(key in k for k in found):
                continue
            found.setdefault(key, {"text": m.group(0), "ids": []})
            if entry_id not in found[key]["ids"]:
                found[key]["ids"].append(entry_id)
    return list(found.values())


# ------------------------------------------------------------------------------------- extraction


def _matches(rx: re.Pattern[str], sent: str, taken: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Matches of ``rx`` that do not overlap text another trigger already took (retrying past it)."""
    out, pos = [], 0
    while pos < len(sent):
        m = rx.search(sent, pos)
        if m is None:
            break
        clash = next(((a, b) for a, b in taken if a <= m.start() < b or m.start() <= a < m.end()), None)
        if clash is not None:
            pos = max(m.start() + 1, min(clash[1], m.end()) if clash[0] <= m.start() else m.start() + 1)
            continue
        taken.append((m.start(), m.end()))
        out.append(m)
        pos = m.end()
    return out


def _stage(sentence: str, trigger_start: int, effective: str | None, published: dt.date | None) -> str:
    head = sentence[: trigger_start + 40]
    if re.search(r"public (comment|opinion)|seeking (public )?opinions", sentence, re.I):
        return "proposed"
    eff = _date_sort(effective)
    if eff is not None and published is not None:
        return "in_force" if eff <= published else "decided"
    if STAGE_DECIDED.search(head):
        return "decided"
    if STAGE_PROPOSED.search(head):
        return "proposed"
    return "in_force"


def extract(doc: Document, regimes: dict[str, Regime]) -> list[Candidate]:
    """Every measure the document reports, with its evidence."""
    text = doc.text
    dates = DateResolver(doc.published)
    out: list[Candidate] = []
    last: Candidate | None = None
    last_index = -10
    for index, (s, e) in enumerate(sentences(text)):
        sent = text[s:e]
        found_in_sentence: list[Candidate] = []
        taken: list[tuple[int, int]] = []
        for action, rx in TRIGGERS:
            for m in _matches(rx, sent, taken):
                before = sent[: m.start()]
                if TALK.search(before[-60:]):
                    continue
                clause_start = max(before.rfind(","), before.rfind(";"), before.rfind(" while "), before.rfind(" and "))
                if (
                    CONDITIONAL.search(sent[clause_start + 1 if clause_start >= 0 else 0 :])
                    and action != "wto_complaint_withdrawn"
                ):
                    continue
                named = states(sent)
                actors = [c for a, b, c in named if b <= m.start()]
                end = CLAUSE_END.search(sent, m.end())
                clause_end = end.start() if end else len(sent)
                after = [c for a, b, c in named if m.start() <= a < clause_end]
                jurisdiction = actors[-1] if actors else None
                if jurisdiction is None and after and action.startswith("wto"):
                    jurisdiction = after[0]
                targets = [c for c in dict.fromkeys(after) if c != jurisdiction]
                if action.startswith("wto"):
                    others = [c for _a, _b, c in named if c != jurisdiction]
                    targets = list(dict.fromkeys(others))[:1]
                if action in ("add_to_preferred_list", "remove_from_preferred_list") and not targets:
                    mutual = re.search(r"each other|one another|the other's", sent, re.I)
                    if mutual:
                        targets = [c for c in dict.fromkeys(c for _a, _b, c in named) if c != jurisdiction]
                mutual_actors = re.search(
                    r"(\w[\w ]*?) and (\w[\w ]*?) (?:have |had )?\w+ (?:each other|one another)",
                    before + sent[m.start() : m.end()],
                )
                if mutual_actors and action.endswith("preferred_list"):
                    pair = [c for a, b, c in named if b <= m.start()][-2:]
                    if len(pair) == 2 and pair[0] != pair[1]:
                        jurisdiction, targets = pair[0], [pair[1]]
                        twin_pair = (pair[1], [pair[0]])
                    else:
                        twin_pair = None
                else:
                    twin_pair = None
                items = find_items(sent, regimes)
                if action == "add_export_restriction" and any("jp:3(1)" in i["ids"] for i in items):
                    action = "require_individual_licence"
                eff_m = EFFECT.search(sent)
                effective = (
                    dates.expression(eff_m.group(1) or eff_m.group(2) or eff_m.group(3), True) if eff_m else None
                )
                announced = dates.in_sentence(sent if not eff_m else sent[: eff_m.start()] + sent[eff_m.end() :], False)
                if announced and effective and announced == effective:
                    announced = None
                stage = _stage(sent, m.start(), effective, doc.published)
                latest = max((d for d in (_date_sort(announced), _date_sort(effective)) if d), default=None)
                background = bool(doc.published and latest and latest < doc.published - dt.timedelta(days=60))
                year_m = re.search(r"\b(?:in|during|since|of) (?:the )?(?:late |early )?((?:19|20)\d\d)\b", sent, re.I)
                if year_m and doc.published and effective is None and (announced is None or len(announced) == 4):
                    announced = announced or year_m.group(1)
                    background = background or int(year_m.group(1)) < doc.published.year
                if re.search(r"\b(after|before|since)\b[^.]{0,40}$", before, re.I):
                    background = True
                if background and re.fullmatch(r"\w+ed", m.group(0).split()[0], re.I):
                    stage = "in_force"
                confidence = (
                    0.5
                    + 0.2 * (jurisdiction is not None)
                    + 0.15 * bool(targets or action.startswith("wto"))
                    + 0.15 * bool(items or action.endswith("preferred_list") or action.startswith("wto"))
                )
                cand = Candidate(
                    document=doc.source,
                    jurisdiction=jurisdiction,
                    action=action,
                    targets=targets,
                    items=items,
                    announced=announced,
                    effective=effective,
                    stage=stage,
                    background=background,
                    evidence=[Evidence(sent, s, e)],
                    confidence=min(confidence, 1.0),
                    published=doc.published.isoformat() if doc.published else None,
                )
                found_in_sentence.append(cand)
                if twin_pair is not None:
                    twin = Candidate(
                        **{
                            **cand.__dict__,
                            "jurisdiction": twin_pair[0],
                            "targets": twin_pair[1],
                            "evidence": list(cand.evidence),
                            "notes": ["reported as mutual"],
                        }
                    )
                    found_in_sentence.append(twin)
                break
        if found_in_sentence:
            out.extend(found_in_sentence)
            last, last_index = found_in_sentence[-1], index
        else:
            eff_m = EFFECT.search(sent)
            if eff_m and last is not None and index - last_index <= 2:
                effective = dates.expression(eff_m.group(1) or eff_m.group(2) or eff_m.group(3), True)
                if effective and last.effective is None:
                    last.effective = effective
                    last.evidence.append(Evidence(sent, s, e))
                    said = re.search(rf"\bsaid (?:on )?({WEEKDAY_RE})\b", sent)
                    if said and last.announced is None:
                        last.announced = dates.expression(said.group(1), False)
                    last.stage = (
                        _stage(last.evidence[0].text, 0, effective, doc.published)
                        if last.stage != "proposed"
                        else last.stage
                    )
        dates.remember(sent)
    return [c for c in out if c.jurisdiction is not None]
