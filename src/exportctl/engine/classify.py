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
import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field
from rapidfuzz import fuzz

from exportctl.engine.items import cas_numbers, fold, is_catch_all_row, loose, short_title, spelled
from exportctl.engine.results import Answer
from exportctl.errors import InputError
from exportctl.law.model import ControlEntry
from exportctl.law.regime import Regime

ReasonKind = Literal["cas", "code", "name", "near-name", "words", "param", "crosswalk"]

# Weights of the evidence. Tuned on the dev split of tests/classify/labelled.yaml only.
W_CAS = 12.0  # a CAS number the entry names: the substance itself
W_CODE = 10.0  # a control number the entry carries (its row or an equivalent)
W_NAME = 6.0  # an alias or the entry's own name, as a phrase
W_NEAR = 3.0  # an alias written with a typo (rapidfuzz partial ratio >= NEAR_CUTOFF)
W_PARAM = 1.5  # a --param whose name the entry's text uses
W_BRIDGE = 0.6  # share of another country's candidate's score passed on through the shared control number
W_BRIDGE_MAX = 15.0
NEAR_CUTOFF = 90.0
MIN_WORDS = 2.2  # BM25 score below which words alone are not a match
BM25_K1, BM25_B = 1.2, 0.75

_CODE = re.compile(r"(?<![a-z0-9])(\d[a-e]\d{3}(?:\.[a-z0-9]+)*)(?![a-z0-9])")
_CAS_TEXT = re.compile(r"(?<![\d-])\d{2,7}-\d{2}-\d(?![\d-])")
_LATIN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*|\d+(?:[.,]\d+)?")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
_WORD_RUN = re.compile(r"[\u3400-\u9fff]+|[\u30a0-\u30ff]+|[\uac00-\ud7af]+")
_SPACE = re.compile(r"\s+")
_KATAKANA_RUN = re.compile(r"[\u30a0-\u30ff]+")
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
# The trade's words for what the lists name otherwise (one direction: user word -> list word).
# Why a short explicit table: it is reviewable, and a wrong synonym shows up in a candidate's reasons.
_TERMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), t)
    for p, t in [
        (r"extreme[\s-]*ultra[\s-]*violet|極端紫外|극자외선", "euv"),
        (r"metal[\s-]*organic|organo[\s-]*metallic|有機金属|유기금속", "organometallic"),
        (r"(?<![a-z])tmga?(?![a-z])", "trimethylgallium"),
        (r"numerical(?:ly)?[\s-]*control(?:led|lable|able)?|computer numerical control", "cnc"),
        (r"3d[\s-]*print(?:er|ers|ing)?|積層造形|적층제조", "additive manufacturing"),
        (r"field[\s-]*programmable[\s-]*(?:gate[\s-]*array|logic[\s-]*device)s?", "fpga"),
        (r"heat[\s-]*treatment|熱処理|아닐링|열처리|アニー(?:ル|リング)", "annealing"),
        (r"スパッタ(?:リング)?|스퍼터링?", "sputtering"),
        (r"photo[\s-]*resists?|感光材|감광재|감광액", "photoresist"),
        (r"film[\s-]*formation|成膜|デポジション|증착", "deposition"),
        (r"露光|노광", "lithography exposure"),
        (r"洗浄|세정", "cleaning"),
        (r"検査|검사", "inspection"),
        (r"エッチング|식각|에칭", "etching"),
        (r"暗号|암호", "cryptographic"),
    ]
]
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
    """A light suffix stripper: plurals, then one of -ation, -ing, -ion, -ed, -ic, -y, -e.

    Why: "encrypted", "encryption" and "cryptographic" must meet "cryptography" in the list's text;
    the stem only has to be the same on both sides, not a dictionary word.
    """
    w = _SPELLING.get(word, word)
    if w.isdigit() or len(w) <= 4:
        return w
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ation", "ing", "ion", "ed", "ic", "y", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def _terms(text: str) -> str:
    """NFKC, case-folded text (kana kept apart) with the trade's synonyms written the list's way (``_TERMS``)."""
    t = _SPACE.sub(" ", spelled(unicodedata.normalize("NFKC", text).casefold()))
    for pattern, term in _TERMS:
        t = pattern.sub(f" {term} ", t)
    return t


def tokens(text: str) -> list[str]:
    """Words for matching: Latin words stemmed lightly, numbers, and CJK character bigrams.

    Why bigrams: Japanese has no spaces and Korean particles cling to nouns, so two-character
    windows (フッ化水素 -> フッ, 化水, 水素) match names inside running text without a dictionary. Runs are
    cut where the script changes, and hiragana runs (particles, okurigana) are left out.
    """
    t = _CODE.sub(" ", _CAS_TEXT.sub(" ", _terms(text)))  # numbers that name things are matched whole, elsewhere
    out = [_stem(w) for w in _LATIN.findall(t) if w not in _STOP and len(w) > 1]
    # runs of one script each: kanji, katakana, hangul; hiragana (particles, okurigana) says little
    for run in _WORD_RUN.findall(t):
        out.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
    return out


@functools.lru_cache(maxsize=256)
def query_weights(text: str) -> Mapping[str, float]:
    """The description's words with their weights for BM25: each word once, a katakana word as one word.

    Why: ウエハー gives three bigrams; counted as three words, a loanword that names the material would
    outweigh the word that names the equipment (熱処理). Each bigram of a katakana run weighs
    1/(bigrams in the run); a word written twice (a synonym and the list's term) counts up to twice.
    """
    weights: dict[str, float] = {}
    for w in tokens(text):
        weights[w] = min(weights.get(w, 0.0) + 1.0, 2.0)
    t = _CODE.sub(" ", _CAS_TEXT.sub(" ", _terms(text)))
    for run in _KATAKANA_RUN.findall(t):
        if len(run) > 2:
            for i in range(len(run) - 1):
                weights[run[i : i + 2]] = min(weights.get(run[i : i + 2], 1.0), 1.0 / (len(run) - 1))
    return weights


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


def _code_hits(text_codes: list[str], mine: Mapping[str, str]) -> list[str]:
    """Reasons for control numbers of the text that the entry carries (same number, or one inside the other)."""
    hits: list[str] = []
    for c in text_codes:
        for code, how in mine.items():
            if c == code or c.startswith(code + ".") or code.startswith(c + "."):
                hits.append(f"control number {c.upper()} matches {how}")
                break
    return hits


# ----------------------------------------------------------------------------------- index


@dataclass
class _Features:
    """What matching needs of one entry, computed once per regime (names as patterns, codes, CAS numbers)."""

    cas: set[str]
    names: list[tuple[str, str, re.Pattern[str] | None]]  # (name, folded, Latin phrase pattern)
    codes: dict[str, str]
    source_codes: set[str]
    corpus: set[str]

    @classmethod
    def of(cls, e: ControlEntry) -> _Features:
        names: list[tuple[str, str, re.Pattern[str] | None]] = []
        for a in [*e.aliases, e.title_local or ""]:
            f = fold(a)
            if len(f) < 2 or _CODE.fullmatch(f) or cas_numbers(a):
                continue
            la = loose(a)
            pattern = None
            if not _CJK.search(la):
                pattern = re.compile(
                    r"(?<![a-z0-9])" + re.escape(la).replace(r"\ ", r"[\s-]*") + r"(?:e?s)?(?![a-z0-9])"
                )
            names.append((a, f, pattern))
        text = _entry_text(e)
        return cls(
            cas={c for part in text for c in cas_numbers(part)},
            names=names,
            codes=_codes(e),
            source_codes=_source_codes(e),
            corpus=set(tokens(" ".join(text))),
        )


@dataclass
class _Index:
    """BM25 statistics over one regime's entries (document = an entry's own words)."""

    entries: list[ControlEntry]
    docs: list[Counter[str]] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    df: Counter[str] = field(default_factory=Counter)

    feats: list[_Features] = field(default_factory=list)

    def __post_init__(self) -> None:
        for e in self.entries:
            self.feats.append(_Features.of(e))
            # title and aliases count twice: they are the entry's names, the official text its scope
            words = tokens(" ".join([e.title, *e.aliases])) * 2 + tokens(" ".join(_entry_text(e)[2:]))
            words += tokens(e.title_local or "")
            c = Counter(words)
            self.docs.append(c)
            self.lengths.append(sum(c.values()))
            self.df.update(c.keys())
        self.avg = sum(self.lengths) / max(len(self.lengths), 1)

    def score(self, i: int, query: Mapping[str, float]) -> tuple[float, list[str]]:
        n = len(self.entries)
        doc, length = self.docs[i], self.lengths[i]
        total, words = 0.0, []
        for q in query:
            w, factor = q, 1.0
            if q not in doc:
                # a compound of the list's word ("fluoropolyimide" holds "polyimide"): half the weight
                part = max((d for d in doc if len(d) >= 5 and len(q) > len(d) and d in q), key=len, default=None)
                if part is None:
                    continue
                w, factor = part, 0.5
            tf = doc[w]
            idf = math.log(1 + (n - self.df[w] + 0.5) / (self.df[w] + 0.5))
            total += (
                query[q]
                * factor
                * idf
                * tf
                * (BM25_K1 + 1)
                / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / self.avg))
            )
            words.append(w if factor == 1.0 else f"{w} (in {q})")
        return total, words


_INDEXES: dict[tuple[int, str, dt.date | None], _Index] = {}


def _index(regime: Regime, on: dt.date | None) -> _Index:
    """The BM25 index and features of a regime's entries in force ``on``, built once per regime version and day.

    Why a cache: building it tokenises every entry's official text; a service answers many
    descriptions against the same law. Keyed by the regime object and its content hash.
    """
    key = (id(regime), regime.version, on)
    idx = _INDEXES.get(key)
    if idx is None:
        if len(_INDEXES) >= 16:
            _INDEXES.pop(next(iter(_INDEXES)))
        entries = [e for e in regime.entries.values() if not is_catch_all_row(e) and _in_force(e, on)]
        idx = _INDEXES[key] = _Index(entries)
    return idx


def _in_force(e: ControlEntry, on: dt.date | None) -> bool:
    if on is None:
        return True
    if e.valid_from == dt.date.max:  # a listing not yet known (knowledge views): never in force
        return False
    return (e.valid_from is None or e.valid_from <= on) and (e.valid_to is None or on < e.valid_to)


# ----------------------------------------------------------------------------------- ranking


def _candidate(
    regime: Regime,
    e: ControlEntry,
    text: str,
    params: Mapping[str, str],
    idx: _Index,
    i: int,
    extra: Sequence[Reason] = (),
) -> Candidate | None:
    t = loose(text)
    ft = fold(text)
    feat = idx.feats[i]
    reasons: list[Reason] = list(extra)
    for c in cas_numbers(text):
        if c in feat.cas:
            reasons.append(Reason(kind="cas", text=f"CAS {c} is named in the entry", weight=W_CAS))
    for how in _code_hits(_CODE.findall(t), feat.codes):
        reasons.append(Reason(kind="code", text=how, weight=W_CODE))
    named = [(a, f) for a, f, pat in feat.names if (pat.search(t) if pat is not None else f in ft)]
    # the longest names first, and a name inside another found name adds nothing
    named.sort(key=lambda af: -len(af[1]))
    kept: list[tuple[str, str]] = []
    for a, f in named:
        if not any(f in k for _, k in kept):
            kept.append((a, f))
    for a, f in kept[:3]:
        specific = min(len(f), 24) / 12  # "hydrogen fluoride" says more than "HF"
        reasons.append(Reason(kind="name", text=f"names '{a}'", weight=round(W_NAME * (0.5 + specific / 2), 2)))
    if not kept:
        for a, f, pat in feat.names:
            if pat is not None and len(f) >= 6 and fuzz.partial_ratio(loose(a), t) >= NEAR_CUTOFF:
                reasons.append(Reason(kind="near-name", text=f"close to '{a}' (spelling?)", weight=W_NEAR))
                break
    bm25, words = idx.score(i, query_weights(text))
    if bm25 > 0:
        shown = ", ".join(sorted(set(words))[:8])
        reasons.append(Reason(kind="words", text=f"shares words with the entry's text: {shown}", weight=round(bm25, 2)))
    strong = any(r.kind in ("cas", "code", "name", "near-name", "crosswalk") for r in reasons)
    if not strong and bm25 < MIN_WORDS:
        return None
    plist = parameters_of(e)
    given: list[GivenParam] = []
    for name, value in params.items():
        name_words = [w for w in tokens(name) if w]
        passage = next((p for p in plist if name_words and all(w in tokens(p) for w in name_words)), None)
        in_text = bool(name_words) and all(w in feat.corpus for w in name_words)
        given.append(GivenParam(name=name, value=value, in_entry=passage))
        if passage or in_text:
            reasons.append(Reason(kind="param", text=f"its text names the parameter '{name}'", weight=W_PARAM))
    score = sum(r.weight for r in reasons)
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
    catch = [e for e in regime.entries.values() if is_catch_all_row(e) and _in_force(e, on)]
    n = sum(1 for e in regime.entries.values() if not is_catch_all_row(e))
    reason = (
        f"no name, alias, control number or CAS number of the {regime.jurisdiction} list as this data holds it "
        f"({n} entries) occurs in the description, and its words match no entry's text well enough "
        f"(best word score {best:.1f}, needed {MIN_WORDS}). The data's list is incomplete, so check the official "
        "list; goods not listed there are under the catch-all, which needs a licence when the end use, the end "
        "user or the authority's notice raises a concern"
    )
    # Goods outside the list that need an approval of their own (Japan's Appended Table 2: ivory, wastes,
    # radioisotopes ...) are not the catch-all's: a description no word of theirs matched may still be one
    # (legal review 74, R74-3), so the reason names them rather than let "the catch-all applies" stand alone.
    approvals = [
        e for e in regime.entries.values() if e.kind == "catch_all" and not is_catch_all_row(e) and _in_force(e, on)
    ]
    if approvals:
        shown = ", ".join(e.id for e in approvals[:4]) + (" ..." if len(approvals) > 4 else "")
        reason += (
            f"; goods of {len(approvals)} entries outside the list need a licence or an approval of their own whatever the "
            f"end use ({shown}: `exportctl items -e {regime.jurisdiction}` lists them): check that the goods are "
            "not among them"
        )
    return NoMatch(
        jurisdiction=regime.jurisdiction,
        message="no entry matched; the catch-all applies",
        reason=reason,
        catch_all=[CatchAllRef(id=e.id, title=e.title, locator=e.locator, source_url=e.source.url) for e in catch],
    )


def _source_codes(e: ControlEntry) -> set[str]:
    """The control numbers an entry is *as a whole* (row or equivalents, not the sub-items named in aliases)."""
    out = {fold(q.code) for q in e.equivalents}
    if _CODE.fullmatch(fold(e.row)):
        out.add(fold(e.row))
    return out


def _rank(
    regime: Regime,
    text: str,
    params: Mapping[str, str],
    on: dt.date | None,
    links: Sequence[tuple[ControlEntry, Candidate]],
) -> tuple[list[Candidate], float]:
    """All candidates of one regime, best first, and the best word score (for the no-match reason).

    ``links`` are other countries' candidates: an entry of this regime whose control number is the
    same as, or wider than, theirs gets part of their score (goods under 1C350.24 are under 1C350;
    not the other way round), so a Japanese name finds Korea's entry through the shared numbering.
    """
    idx = _index(regime, on)
    entries = idx.entries
    found: list[Candidate] = []
    for i, e in enumerate(entries):
        mine = idx.feats[i].codes
        extra: list[Reason] = []
        for other, cand in links:
            shared = next(
                (c for c in sorted(_source_codes(other)) for m in mine if c == m or c.startswith(m + ".")), None
            )
            if shared is not None:
                weight = round(min(W_BRIDGE * cand.score, W_BRIDGE_MAX), 2)
                text_ = f"{other.id} ({cand.jurisdiction}) matched and is {shared.upper()}, which this entry covers"
                extra.append(Reason(kind="crosswalk", text=text_, weight=weight))
        c = _candidate(regime, e, text, params, idx, i, extra[:1])
        if c is not None:
            found.append(c)
    found.sort(key=lambda c: (-c.score, c.id))
    best = max((idx.score(i, query_weights(text))[0] for i in range(len(entries))), default=0.0)
    return found, best


def classify(
    regimes: Sequence[Regime],
    text: str,
    params: Mapping[str, str] | None = None,
    *,
    on: dt.date | None = None,
    limit: int = 5,
    bridge: Sequence[Regime] = (),
) -> Classification:
    """Rank each regime's entries (in force ``on``) for the description ``text``, at most ``limit`` per regime.

    ``bridge``: other regimes whose candidates may point at these regimes' entries through a shared
    control number (the crosswalk); the regimes ranked bridge each other too. Catch-all entries are
    not ranked (they are what applies when nothing else does) and are named in ``no_match`` instead.
    """
    if not text.strip():
        raise InputError("empty description; say what the product is (name, CAS number, control number, specs)")
    params = dict(params or {})
    everyone = {r.jurisdiction: r for r in [*regimes, *bridge]}
    alone = {j: _rank(r, text, params, on, ())[0] for j, r in everyone.items()}
    out: list[Candidate] = []
    misses: list[NoMatch] = []
    for regime in regimes:
        links: list[tuple[ControlEntry, Candidate]] = []
        for j, cands in alone.items():
            if j == regime.jurisdiction or not cands:
                continue
            floor = max(MIN_WORDS, cands[0].score / 2)
            links += [(everyone[j].entries[c.id], c) for c in cands[:3] if c.score >= floor]
        found, best = _rank(regime, text, params, on, links)
        if found:
            out.extend(found[:limit])
        else:
            misses.append(_no_match(regime, on, best))
    return Classification(
        text=text,
        exporters=[r.jurisdiction for r in regimes],
        on=on,
        params=params,
        candidates=out,
        no_match=misses,
    )


def item_in_other_words(regime: Regime, text: str, others: Sequence[Regime], n: int = 3) -> list[str]:
    """Suggestions for an item ``regime`` does not know by these words but the ranker places:
    through another regime's names and the shared control numbers (フッ化水素 asked of Korea's
    list, whose entries carry no Japanese names, is Japan's jp:3(1), which implements 1C350, which
    is kr:1C350).

    Why: an unknown item's fuzzy suggestions come from the regime's own names alone; a word from
    the other country's list found nothing to suggest, though ``classify`` ranked the right entry
    first. Only candidates a name, code, CAS number or the crosswalk supports are suggested (a
    guess from loose words is not).
    """
    if not text.strip():
        return []
    others = [o for o in others if o is not regime]
    # Another list's own id ("jp:3(1)" asked of Korea's): asked by the control numbers it implements.
    key = fold(text.strip())
    named = [o.entries[key] for o in others if key in o.entries]
    if named and named[0].equivalents:
        text = " ".join(q.code for q in named[0].equivalents)
    try:
        found = classify([regime], text, limit=n, bridge=others)
    except InputError:
        return []
    strong = ("cas", "code", "name", "near-name", "crosswalk")
    return [
        f"{c.id} ({short_title(regime.entries[c.id])})"
        for c in found.candidates
        if any(r.kind in strong for r in c.reasons)
    ][:n]
