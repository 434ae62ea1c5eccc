"""Help to classify (該非判定 / 해당 여부 판정): rank the control entries a product description may fall under.

Why this exists (issue 14, item 5): classification is the daily work of the people this tool is for,
and they start from a datasheet or an order line, not from an entry id. This module reads the
description the way they would skim the list: a CAS number, a control number (3B001, 1C350.24) or
an entry's own name or alias is strong evidence; the words of the entry's title and of the official
text (BM25 over the entry's title, aliases, local title and the quoted official text and its
translation) are weaker evidence; a ``--param`` whose name the entry's text uses points at the
entries whose threshold it would decide.

It is deliberately explainable and never decides: every candidate carries the reasons it was
ranked (``reasons``), the passages of the entry's text that hold its controlling parameters
(``parameters``: thresholds such as "purity over 99.999 %" as the data holds them) and the values
the user gave beside them. Whether the product meets a threshold is for the person who knows the
product; this module never answers "not controlled". With no match it says that no entry matched
and that the catch-all applies, with the reason and the catch-all's citation, because a gap in
the data (the lists here are incomplete) is never a licence-free answer.

Pure: no I/O; the caller passes the regimes (and the day, for which entries are in force).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field
from rapidfuzz import fuzz

from exportctl.engine.items import cas_numbers, fold, loose
from exportctl.engine.results import Answer
from exportctl.errors import InputError
from exportctl.law.model import ControlEntry
from exportctl.law.regime import Regime

ReasonKind = Literal["cas", "code", "name", "near-name", "words", "param"]

# Weights of the evidence. Tuned on the dev split of tests/classify/labelled.yaml only.
W_CAS = 12.0  # a CAS number the entry names: the substance itself
W_CODE = 10.0  # a control number the entry carries (its row or an equivalent)
W_NAME = 6.0  # an alias or the entry's own name, as a phrase
W_NEAR = 3.0  # an alias written with a typo (rapidfuzz partial ratio >= NEAR_CUTOFF)
W_PARAM = 1.5  # a --param whose name the entry's text uses
NEAR_CUTOFF = 90.0
MIN_WORDS = 2.2  # BM25 score below which words alone are not a match
BM25_K1, BM25_B = 1.2, 0.75

_CODE = re.compile(r"(?<![a-z0-9])(\d[a-e]\d{3}(?:\.[a-z0-9]+)*)(?![a-z0-9])")
_CAS_TEXT = re.compile(r"(?<![\d-])\d{2,7}-\d{2}-\d(?![\d-])")
_LATIN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*|\d+(?:[.,]\d+)?")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "by",
        "can",
        "for",
        "from",
        "has",
        "have",
        "having",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "other",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "these",
        "they",
        "this",
        "those",
        "thereof",
        "therefor",
        "to",
        "used",
        "using",
        "which",
        "with",
        "without",
        "as",
        "follows",
        "following",
        "specially",
        "designed",
        "including",
        "incl",
        "excluding",
        "not",
        "more",
        "less",
        "only",
        "also",
        "see",
        "row",
        "item",
        "art",
        "goods",
        "order",
        "etco",
        "appended",
        "table",
        "annex",
        "public",
        "notice",
        "strategic",
        "items",
        "nb",
        "note",
        "part",
        "parts",
        "eccn",
        "cas",
    ]
)
_SPELLING = {
    "fibre": "fiber",
    "fibres": "fiber",
    "aluminium": "aluminum",
    "synthesiser": "synthesizer",
    "synthesisers": "synthesizer",
    "sulphur": "sulfur",
    "colour": "color",
    "analyser": "analyzer",
    "metre": "meter",
    "centre": "center",
}
# A passage holds a controlling parameter when it has a number with a unit or a comparison.
_EN_PARAM = re.compile(
    r"\d[\d,.]*\s*(?:%|nm|µm|um|mm|cm|m3|m\b|ghz|mhz|khz|hz|bits?|ohm|°c|°|k\b|pa\b|mpa|kpa|w\b|kw|db|mol|"
    r"lut|kg|g\b|ml|l\b|ms\b|ns\b|s\b|zones?|times|ℓ)|more than|less than|or more|or less|exceed|better than|"
    r"greater than|over \d|under \d|at least|not exceeding|below|above|[<>≤≥]",
    re.IGNORECASE,
)
_NUMERAL = re.compile(r"[\d〇一二三四五六七八九十百千万]")
_LOCAL_PARAM = re.compile(r"以上|以下|超|未満|を超え|이상|이하|초과|미만")
_SPLIT = re.compile(r"(?<=[;:])\s+|\s+-\s+|(?<=[。；、])|\s(?=[a-z]\.\s)|\s(?=\d{1,2}\.\s)|\s(?=\([a-z0-9]{1,4}\)\s)")


class Reason(Answer):
    """One piece of evidence for a candidate, in words a reviewer can check against the text."""

    kind: ReasonKind
    text: str
    weight: float


class GivenParam(Answer):
    """A value the user gave with ``--param``, beside the entry's passage that names it (if any)."""

    name: str
    value: str
    in_entry: str | None = Field(None, description="The entry's passage that names this parameter, if one does")


class Candidate(Answer):
    jurisdiction: str
    id: str
    title: str
    title_local: str | None = None
    locator: str | None = None
    score: float
    reasons: list[Reason]
    parameters: list[str] = Field(description="Passages of the entry's text that hold its controlling parameters")
    given: list[GivenParam] = Field(default_factory=list)
    source_url: str | None = None
    caution: str | None = Field(None, description="What the data says it did not read for this entry")


class CatchAllRef(Answer):
    id: str
    title: str
    locator: str | None = None
    source_url: str | None = None


class NoMatch(Answer):
    """Why no entry was proposed, and the catch-all that then applies (never "not controlled")."""

    jurisdiction: str
    message: str
    reason: str
    catch_all: list[CatchAllRef]


class Classification(Answer):
    text: str
    exporters: list[str]
    on: dt.date | None = None
    params: dict[str, str] = Field(default_factory=dict)
    candidates: list[Candidate]
    no_match: list[NoMatch] = Field(default_factory=list)
    note: str = (
        "Candidates are leads, not a classification: compare each controlling parameter with the "
        "product's specification and the official list; the lists in this data are incomplete."
    )


# ----------------------------------------------------------------------------------- text


def _stem(word: str) -> str:
    w = _SPELLING.get(word, word)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def tokens(text: str) -> list[str]:
    """Words for matching: Latin words stemmed lightly, numbers, and CJK character bigrams.

    Why bigrams: Japanese has no spaces and Korean particles cling to nouns, so two-character
    windows (フッ化水素 -> ふっ, っ化, 化水, 水素) match names inside running text without a dictionary.
    """
    t = _CODE.sub(" ", _CAS_TEXT.sub(" ", loose(text)))  # numbers that name things are matched whole, elsewhere
    out = [_stem(w) for w in _LATIN.findall(t) if w not in _STOP and len(w) > 1]
    for run in _CJK.findall(t):
        out.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
    return out


def _entry_text(e: ControlEntry) -> list[str]:
    """The entry's own words: title, local title, aliases and the official text with its translation."""
    parts = [e.title, e.title_local or "", *e.aliases]
    off = e.source.official
    if off is not None:
        parts += [off.quote or "", off.translation or ""]
    return [p for p in parts if p]


def parameters_of(e: ControlEntry, limit: int = 6) -> list[str]:
    """Passages of the entry's title and official text that state a threshold or a comparison.

    Why from the text: the data holds no separate parameter table; the thresholds are in the
    words of the list (and of its official English column where Korea prints one).
    """
    off = e.source.official
    texts = [e.title, *(([off.translation or ""] if off.translation else [off.quote or ""]) if off else [])]
    if e.title_local:
        texts.append(e.title_local)
    found: list[str] = []
    for t in texts:
        for piece in _SPLIT.split(t.replace("\n", " ")):
            p = piece.strip(" ,;:()…").strip()
            numbered = re.search(r"\d", p) and _EN_PARAM.search(p)
            if len(p) < 4 or not (numbered or (_LOCAL_PARAM.search(p) and _NUMERAL.search(p))):
                continue
            p = p if len(p) <= 160 else p[:156].rstrip() + " ..."
            if p not in found and not any(p in f for f in found):
                found.append(p)
    return found[:limit]


def _codes(e: ControlEntry) -> dict[str, str]:
    """Control numbers the entry carries, folded, with how it carries them."""
    out: dict[str, str] = {}
    for q in e.equivalents:
        out[fold(q.code)] = f"equivalent {q.code} ({q.scheme}, {q.confidence})"
    if _CODE.fullmatch(fold(e.row)):
        out.setdefault(fold(e.row), f"its control number {e.row}")
    for a in e.aliases:
        if _CODE.fullmatch(fold(a)):
            out.setdefault(fold(a), f"its sub-item {a}")
    return out


def _code_hits(text_codes: list[str], e: ControlEntry) -> list[str]:
    """Reasons for control numbers of the text that the entry carries (same number, or one inside the other)."""
    mine = _codes(e)
    hits: list[str] = []
    for c in text_codes:
        for code, how in mine.items():
            if c == code or c.startswith(code + ".") or code.startswith(c + "."):
                hits.append(f"control number {c.upper()} matches {how}")
                break
    return hits


def _phrase_in(alias: str, text: str) -> bool:
    """Whether the alias occurs in the text as a phrase: on word boundaries for Latin, anywhere for CJK."""
    a = loose(alias)
    if not a:
        return False
    if _CJK.search(a):
        return fold(a) in fold(text)
    pattern = r"(?<![a-z0-9])" + re.escape(a).replace(r"\ ", r"[\s-]*") + r"(?:e?s)?(?![a-z0-9])"
    return re.search(pattern, text) is not None


# ----------------------------------------------------------------------------------- index


@dataclass
class _Index:
    """BM25 statistics over one regime's entries (document = an entry's own words)."""

    entries: list[ControlEntry]
    docs: list[Counter[str]] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    df: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        for e in self.entries:
            # title and aliases count twice: they are the entry's names, the official text its scope
            words = tokens(" ".join([e.title, *e.aliases])) * 2 + tokens(" ".join(_entry_text(e)[2:]))
            words += tokens(e.title_local or "")
            c = Counter(words)
            self.docs.append(c)
            self.lengths.append(sum(c.values()))
            self.df.update(c.keys())
        self.avg = sum(self.lengths) / max(len(self.lengths), 1)

    def score(self, i: int, query: Counter[str]) -> tuple[float, list[str]]:
        n = len(self.entries)
        doc, length = self.docs[i], self.lengths[i]
        total, words = 0.0, []
        for w in query:
            tf = doc.get(w, 0)
            if not tf:
                continue
            idf = math.log(1 + (n - self.df[w] + 0.5) / (self.df[w] + 0.5))
            total += idf * tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / self.avg))
            words.append(w)
        return total, words


def _in_force(e: ControlEntry, on: dt.date | None) -> bool:
    if on is None:
        return True
    return (e.valid_from is None or e.valid_from <= on) and (e.valid_to is None or on < e.valid_to)


# ----------------------------------------------------------------------------------- ranking


def _candidate(
    regime: Regime, e: ControlEntry, text: str, params: Mapping[str, str], idx: _Index, i: int
) -> Candidate | None:
    t = loose(text)
    reasons: list[Reason] = []
    entry_cas = {c for part in _entry_text(e) for c in cas_numbers(part)}
    for c in cas_numbers(text):
        if c in entry_cas:
            reasons.append(Reason(kind="cas", text=f"CAS {c} is named in the entry", weight=W_CAS))
    for how in _code_hits(_CODE.findall(t), e):
        reasons.append(Reason(kind="code", text=how, weight=W_CODE))
    names = [a for a in [*e.aliases, e.title_local or ""] if a and not _CODE.fullmatch(fold(a)) and not cas_numbers(a)]
    named = [a for a in names if (len(fold(a)) >= 2 and _phrase_in(a, t))]
    # the longest names first, and a name inside another found name adds nothing
    named.sort(key=lambda a: -len(fold(a)))
    kept: list[str] = []
    for a in named:
        if not any(fold(a) in fold(k) for k in kept):
            kept.append(a)
    for a in kept[:3]:
        specific = min(len(fold(a)), 24) / 12  # "hydrogen fluoride" says more than "HF"
        reasons.append(Reason(kind="name", text=f"names '{a}'", weight=round(W_NAME * (0.5 + specific / 2), 2)))
    if not kept:
        for a in names:
            if len(fold(a)) >= 6 and not _CJK.search(a) and fuzz.partial_ratio(loose(a), t) >= NEAR_CUTOFF:
                reasons.append(Reason(kind="near-name", text=f"close to '{a}' (spelling?)", weight=W_NEAR))
                break
    bm25, words = idx.score(i, Counter(tokens(text)))
    if bm25 > 0:
        shown = ", ".join(sorted(set(words))[:8])
        reasons.append(Reason(kind="words", text=f"shares words with the entry's text: {shown}", weight=round(bm25, 2)))
    plist = parameters_of(e)
    given: list[GivenParam] = []
    corpus = loose(" ".join(_entry_text(e)))
    for name, value in params.items():
        name_words = [w for w in tokens(name) if w]
        passage = next((p for p in plist if name_words and all(w in tokens(p) for w in name_words)), None)
        in_text = bool(name_words) and all(w in tokens(corpus) for w in name_words)
        given.append(GivenParam(name=name, value=value, in_entry=passage))
        if passage or in_text:
            reasons.append(Reason(kind="param", text=f"its text names the parameter '{name}'", weight=W_PARAM))
    strong = any(r.kind in ("cas", "code", "name", "near-name") for r in reasons)
    score = sum(r.weight for r in reasons)
    if not strong and bm25 < MIN_WORDS:
        return None
    off = e.source.official
    return Candidate(
        jurisdiction=regime.jurisdiction,
        id=e.id,
        title=e.title,
        title_local=e.title_local,
        locator=e.locator,
        score=round(score, 2),
        reasons=reasons,
        parameters=plist,
        given=given,
        source_url=off.url if off is not None else e.source.official_url,
        caution=e.todo,
    )


def _no_match(regime: Regime, on: dt.date | None, best: float) -> NoMatch:
    catch = [e for e in regime.entries.values() if e.kind == "catch_all" and _in_force(e, on)]
    n = sum(1 for e in regime.entries.values() if e.kind != "catch_all")
    reason = (
        f"no name, alias, control number or CAS number of the {regime.jurisdiction} list as this data holds it "
        f"({n} entries) occurs in the description, and its words match no entry's text well enough "
        f"(best word score {best:.1f}, needed {MIN_WORDS}). The data's list is incomplete, so check the official "
        "list; goods not listed there are under the catch-all, which needs a licence when the end use, the end "
        "user or the authority's notice raises a concern"
    )
    return NoMatch(
        jurisdiction=regime.jurisdiction,
        message="no entry matched; the catch-all applies",
        reason=reason,
        catch_all=[CatchAllRef(id=e.id, title=e.title, locator=e.locator, source_url=e.source.url) for e in catch],
    )


def classify(
    regimes: Sequence[Regime],
    text: str,
    params: Mapping[str, str] | None = None,
    *,
    on: dt.date | None = None,
    limit: int = 5,
) -> Classification:
    """Rank each regime's entries (in force ``on``) for the description ``text``, at most ``limit`` per regime.

    Catch-all entries are not ranked (they are what applies when nothing else does) and are
    named in ``no_match`` instead.
    """
    if not text.strip():
        raise InputError("empty description; say what the product is (name, CAS number, control number, specs)")
    params = dict(params or {})
    out: list[Candidate] = []
    misses: list[NoMatch] = []
    for regime in regimes:
        entries = [e for e in regime.entries.values() if e.kind != "catch_all" and _in_force(e, on)]
        idx = _Index(entries)
        found = [c for i, e in enumerate(entries) if (c := _candidate(regime, e, text, params, idx, i)) is not None]
        found.sort(key=lambda c: (-c.score, c.id))
        if found:
            out.extend(found[:limit])
        else:
            best = max((idx.score(i, Counter(tokens(text)))[0] for i in range(len(entries))), default=0.0)
            misses.append(_no_match(regime, on, best))
    return Classification(
        text=text,
        exporters=[r.jurisdiction for r in regimes],
        on=on,
        params=params,
        candidates=out,
        no_match=misses,
    )
