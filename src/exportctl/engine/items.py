"""Finding control entries by id, alias, title, equivalent code or CAS number.

Users type "hydrogen fluoride", "HF", "3(1)", "CAS 7664-39-3" or "photoresist"; the law says
"jp:3(1)". An exact id or alias wins; otherwise a unique substring match; otherwise an entry whose
names hold every word of the query; otherwise a clear error with the closest names. An ambiguous
name is an error listing the candidates, never a guess.

Every comparison is between folded texts (NFKC, case-folded, katakana read as hiragana, spaces
removed): a user typing full-width ＨＦ, half-width ﾌｯ化水素, フッ化 for ふっ化 or 불화 폴리이미드 with a
space finds the same entry as HF, ふっ化水素 and 불화폴리이미드. Japanese and Korean names and CAS
numbers live in the regime data as aliases (lookup aids, not legal terms).

Suggestions on a miss come from rapidfuzz (edit-distance and token scores over every name, id,
code and CAS number), so "hydrogen flouride" or "3B0O1" still points at the right entries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from exportctl.errors import InputError, UnknownItem
from exportctl.law.model import ControlEntry
from exportctl.law.regime import Regime

_SPACE = re.compile(r"\s+")
_KATAKANA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F7)}  # ァ..ヶ -> ぁ..ゖ
# A CAS Registry Number: 2-7 digits, 2 digits, a check digit (validated in cas_numbers).
_CAS = re.compile(r"(?<![\d-])(\d{2,7})-(\d{2})-(\d)(?![\d-])")
#: A control number with sub-item parts (3B001.a, 3B001.a.2, ML10.a): the parts are cut one by one
#: to find the number the list holds (:func:`_by_parent_number`).
_SUB_ITEM = re.compile(r"^(?:\d[A-E]\d{3}|ML\d{1,2})(?:\.[0-9a-z]+)+$", re.IGNORECASE)
#: A control number without a sub-item (6A002, ML10).
_NUMBER = re.compile(r"^(?:\d[A-E]\d{3}|ML\d{1,2})$", re.IGNORECASE)
#: A software or technology control number (3D001, 3E001.a): the D and E categories of the list.
_TECHNOLOGY = re.compile(r"^\d[DE]\d{3}(?:\.[0-9a-z]+)*$", re.IGNORECASE)
#: "CAS", "CAS No.", "CASRN", "CAS番号" before a number; never the start of a word ("casting",
#: "cascade" lost their first three letters to it, session review S27-17).
_CAS_PREFIX = re.compile(
    r"^\s*cas(?:\s*(?:no\.?|number|rn|registry\s*number|番号|번호))?(?![a-z])\s*[:：#]?\s*", re.IGNORECASE
)


#: British spellings written the American way (or the reverse: both sides of every comparison are
#: written alike, so which way does not matter). Why: the lists' English is British ("fibres",
#: "aluminium", "vapour"), and "carbon fiber" was an unknown item pointed to the catch-all, which
#: answered "no licence" for goods the list holds (session review S27-2). Word parts, so plurals and
#: compounds follow ("fibreglass", "centimetres", "polarisation").
_SPELLINGS = {
    "fibre": "fiber",
    "analyser": "analyzer",
    "aluminium": "aluminum",
    "vapour": "vapor",
    "colour": "color",
    "sulph": "sulf",
    "caesium": "cesium",
    "centre": "center",
    "metre": "meter",
    "litre": "liter",
    "calibre": "caliber",
    "programme": "program",
    "analogue": "analog",
    "mould": "mold",
    "ageing": "aging",
    "grey": "gray",
    "defence": "defense",
    "manoeuvr": "maneuver",
    "jewellery": "jewelry",
    "isation": "ization",
    "ised": "ized",
    "iser": "izer",
    "ising": "izing",
}
_SPELLING = re.compile("|".join(sorted(_SPELLINGS, key=len, reverse=True)))


#: How many candidates a question names before "... N more" (session review S33D-8: ten keeps Korea's computers whole).
_SHOWN = 10


def is_catch_all_row(e: ControlEntry) -> bool:
    """The catch-all itself ("goods not listed"), not a group of goods the catch-all also reaches: a
    catch-all entry with a ``category`` names goods of another list (Japan's Appended Table 2), which
    are matched by their own names and never offered as "the catch-all applies"."""
    return e.kind == "catch_all" and e.category is None


def is_arms_row(regime: Regime, e: ControlEntry) -> bool:
    """An entry of the rows that list arms by kind, without parameters (:attr:`RegimeInfo.arms_rows`)."""
    return e.row in regime.info.arms_rows


def spelled(text: str) -> str:
    """Case-folded ``text`` with British spellings written as American ones (:data:`_SPELLINGS`)."""
    return _SPELLING.sub(lambda m: _SPELLINGS[m.group(0)], text)


def fold(text: str) -> str:
    """The comparison form of a name: NFKC, case-folded, katakana as hiragana, spellings alike, no whitespace.

    Why the ASCII path: NFKC and the katakana table leave ASCII text as it is, and case-folding it
    is lowering it; folding the lists' names was most of a batch run's item lookups (benchmarks,
    twenty-seventh session).
    """
    if text.isascii():
        return _SPACE.sub("", spelled(text.lower()))
    return _SPACE.sub("", loose(text))


def loose(text: str) -> str:
    """NFKC, case-folded, katakana as hiragana, spellings alike, runs of whitespace as one space.

    Why keep the spaces: word-based scores (the suggestions, classification) need the words.
    """
    return _SPACE.sub(" ", spelled(unicodedata.normalize("NFKC", text).casefold().translate(_KATAKANA))).strip()


def cas_numbers(text: str) -> list[str]:
    """The CAS Registry Numbers written in ``text``, those whose check digit is right.

    Why the check digit: "2019-07-4" or a part number shaped like a CAS number must not be read as
    a chemical; the registry's own checksum (digits weighted 1, 2, 3 ... from the right) tells.
    """
    found: list[str] = []
    for m in _CAS.finditer(unicodedata.normalize("NFKC", text)):
        digits = (m.group(1) + m.group(2))[::-1]
        if sum(int(d) * (i + 1) for i, d in enumerate(digits)) % 10 == int(m.group(3)):
            cas = "-".join(m.groups())
            if cas not in found:
                found.append(cas)
    return found


def entry_keys(e: ControlEntry) -> list[str]:
    """The names an entry is found by: id, aliases, title, local title and equivalent control numbers."""
    return [e.id, *e.aliases, e.title, *([e.title_local] if e.title_local else []), *(q.code for q in e.equivalents)]


def _haystack(e: ControlEntry) -> list[str]:
    return [*entry_keys(e), e.locator or "", e.title_local or ""]


def _folded(regime: Regime) -> list[tuple[ControlEntry, frozenset[str], tuple[str, ...]]]:
    """Each entry with its folded names (exact matches) and folded haystack (substrings), once per regime.

    Why a memo on the regime object: folding every name and alias is most of a lookup's time, and
    the list does not change under a loaded regime (a reloaded bundle brings new regime objects).
    """
    memo: list[tuple[ControlEntry, frozenset[str], tuple[str, ...]]] | None = regime.__dict__.get("_folded_names")
    if memo is None:
        memo = [
            (e, frozenset(fold(k) for k in entry_keys(e)), tuple(fold(k) for k in _haystack(e)))
            for e in regime.entries.values()
        ]
        regime.__dict__["_folded_names"] = memo
    return memo


def _by_id(regime: Regime) -> dict[str, ControlEntry]:
    """The entries by folded id, once per regime (as :func:`_folded`): built anew on every lookup,
    it was a third of a batch run's item lookups."""
    memo: dict[str, ControlEntry] | None = regime.__dict__.get("_entries_by_folded_id")
    if memo is None:
        memo = regime.__dict__["_entries_by_folded_id"] = {fold(e.id): e for e in regime.entries.values()}
    return memo


_LATIN = re.compile(r"[a-z0-9]")


def _words(query: str) -> re.Pattern[str] | None:
    """``query`` as whole words, where it is written in Latin letters; ``None`` for other scripts.

    Why words: names compared without their spaces ran into one another, so "GPU" was found in
    "transmittin*g pu*lse" (legal review 29, R29-14). Japanese and Korean names, written without
    spaces between words, are still compared as runs of characters (their folded forms).
    """
    return re.compile(rf"(?<![a-z0-9]){re.escape(query)}(?![a-z0-9])") if _LATIN.search(query) else None


def search_items(regime: Regime, query: str | None = None, *, by_words: bool = True) -> list[ControlEntry]:
    """Entries found by ``query``: exact names first, then names holding it, CAS numbers, then all words.

    A query naming a CAS number ("CAS No. 7664-39-3") finds the entries that carry it; a query of
    several words ("fluoride hydrogen anhydrous") finds an entry whose names hold every word
    (``by_words=False`` leaves that last, loosest step out).
    """
    entries = list(regime.entries.values())
    if not query:
        return entries
    q = fold(_CAS_PREFIX.sub("", query))
    if not q:
        return []
    words = _words(loose(_CAS_PREFIX.sub("", query)))
    folded = _folded(regime)
    exact = [e for e, names, _ in folded if q in names]
    partial = [
        e
        for (e, names, hay), spaced in zip(folded, _spaced(regime), strict=True)
        if q not in names and (any(words.search(k) for k in spaced) if words else any(q in k for k in hay))
    ]
    found = exact + partial
    if found:
        return found
    cas = set(cas_numbers(query))
    if cas:
        found = [e for e in entries if cas & {c for k in e.aliases for c in cas_numbers(k)}]
        if found:
            return found
    parts = [fold(w) for w in loose(query).replace(",", " ").split() if len(w) > 1]
    if by_words and len(parts) > 1:
        # Not the catch-all's rows: their names are many (every name that also fits unlisted goods sits there, to be
        # offered beside the listed entry), so their words together hold almost any query and crowded out the listed
        # entries a query's words lead to (session review S36D-16: "servo valve for rocket propellant").
        found = [e for e, _, hay in folded if not is_catch_all_row(e) and all(any(w in k for k in hay) for w in parts)]
    return found


def short_title(e: ControlEntry, width: int = 60) -> str:
    """The title cut to ``width`` characters, for one-line suggestions."""
    return e.title if len(e.title) <= width else e.title[: width - 4].rstrip() + " ..."


def suggest_items(regimes: Iterable[Regime], text: str, n: int = 5) -> list[str]:
    """The entries whose names, ids, codes or CAS numbers are closest to ``text``, best first.

    Why rapidfuzz's ``WRatio``: it blends the plain edit ratio (typos: "flouride") with partial and
    token-set ratios (a short name inside a longer query, words in another order). Each entry is
    suggested once, as ``id (title)``.
    """
    choices: list[str] = []
    owners: list[ControlEntry] = []
    for regime in regimes:
        for e in regime.entries.values():
            for k in {loose(k) for k in _haystack(e) if k}:
                choices.append(k)
                owners.append(e)
    q = loose(_CAS_PREFIX.sub("", text))
    if not q or not choices:
        return []
    out: list[str] = []
    hits = process.extract(q, choices, scorer=fuzz.WRatio, limit=n * 8, score_cutoff=70)
    best = hits[0][1] if hits else 0.0
    for _, score, i in hits:
        if score < best - 10:  # far behind the best guess: noise, not a suggestion
            break
        label = f"{owners[i].id} ({short_title(owners[i])})"
        if label not in out:
            out.append(label)
    return out[:n]


def resolve_item(regime: Regime, text: str) -> ControlEntry:
    """The entry ``text`` names, remembered per regime (the words of checks and batch lines repeat).

    Bounded; an unknown or ambiguous item is not remembered (its error is built anew each time).
    """
    memo: dict[str, ControlEntry] = regime.__dict__.setdefault("_resolved_items", {})
    hit = memo.get(text)
    if hit is None:
        hit = _resolve_item(regime, text)
        if len(memo) >= 4096:
            memo.clear()
        memo[text] = hit
    return hit


def _holds_technology(regime: Regime) -> bool:
    """Whether the regime's list holds software or technology numbers at all (Korea's does; Japan's
    goods list does not: its technology is the Foreign Exchange Order's, not modelled here).

    Why: "unknown item, ask for the catch-all" sent a user asking for 3E001 to a goods catch-all
    that answered "no licence", though providing that technology needs a licence of its own.
    """
    found = regime.__dict__.get("_holds_technology")
    if found is None:
        found = regime.__dict__["_holds_technology"] = any(
            _TECHNOLOGY.match(q.code) for e in regime.entries.values() for q in e.equivalents
        )
    return bool(found)


def _spaced(regime: Regime) -> list[tuple[str, ...]]:
    """Each entry's haystack with its spaces kept (:func:`loose`), in :func:`_folded`'s order, once per regime."""
    memo: list[tuple[str, ...]] | None = regime.__dict__.get("_spaced_names")
    if memo is None:
        memo = [tuple(loose(k) for k in _haystack(e)) for e in regime.entries.values()]
        regime.__dict__["_spaced_names"] = memo
    return memo


def _by_parent_number(regime: Regime, text: str) -> list[ControlEntry]:
    """The entries that hold a sub-item's control number (``3B001.a`` -> the entry of 3B001).

    Why: a sub-item the list does not hold apart falls under its number's entry, but a search by
    text found it instead in another entry's title ("software for the equipment of 3B001.a to
    .f" is 3D002, not 3B001). Parts are cut from the end until a number the list names.
    """
    if not _SUB_ITEM.match(text.strip()):
        return []
    parts = text.strip().split(".")
    while len(parts) > 1:
        parts.pop()
        code = fold(".".join(parts))
        found = [e for e, names, _ in _folded(regime) if code in names]
        if found:
            return found
    return []


def _finer_rows(regime: Regime, text: str, found: list[ControlEntry]) -> list[ControlEntry]:
    """Entries of other rows that hold sub-items of the number or sub-item ``text`` names (6A002 -> 15(6),
    3A001.a -> 4(26), which holds 3A001.a.1).

    Why: a number whose sub-items the list splits between rows (Japan's 6A002 in row 10(2), its
    space-qualified detectors 6A002.a.1.c in row 15(6)) resolved to the general row alone, with its
    small-value exemption and bulk licences, where a sub-item needs the stricter row (legal review
    29, R29-13); a sub-item number typed (3A001.a) did the same through its parent's entry (legal
    review 81, R81-9). Sub-items within the same row (3B001's 23 tools in row 7(16)) change nothing.
    """
    if not found or not (_NUMBER.match(text.strip()) or _SUB_ITEM.match(text.strip())):
        return []
    prefix = fold(text) + "."
    rows = {e.row for e in found}
    return [
        e
        for e, names, _ in _folded(regime)
        # a name that is itself a sub-item number, not a sentence that opens with one (Korea's software
        # 3D002, titled "3B001.a.~f 및 3B002에서 규정하는 장비의 …", holds no sub-item of 3B001.a)
        if e not in found and e.row not in rows and any(n.startswith(prefix) and _SUB_ITEM.match(n) for n in names)
    ]


def _not_named(regime: Regime, text: str, leads_are: str, leads: list[ControlEntry]) -> InputError:
    """The refusal of a name no entry bears, with the entries whose names hold it as leads."""
    return InputError(
        f"no entry of the {regime.jurisdiction} control list is named {text!r}; {leads_are}",
        [f"{e.id} ({short_title(e)})" for e in leads],
        label="candidates",
    )


def _unknown(regime: Regime, text: str, q: str) -> UnknownItem:
    """The refusal of a name no entry bears or holds, with the nearest names as suggestions."""
    return UnknownItem(
        f"unknown item {text!r} in the {regime.jurisdiction} control list", suggest_items([regime], q, n=4)
    )


def _resolve_item(regime: Regime, text: str) -> ControlEntry:
    q = text.strip()
    bare = _CAS_PREFIX.sub("", q)
    if bare != q and cas_numbers(bare):  # "CAS 7664-39-3" names what "7664-39-3" names (S27-17)
        q = bare
    if not q:
        raise InputError("empty item; give a control-list id, a name or an alias")
    ql = fold(q)
    by_id = _by_id(regime)
    for cand in (ql, fold(regime.prefix) + ql):
        if cand in by_id:
            return by_id[cand]
    exact = [e for e, names, _ in _folded(regime) if ql in names] or _by_parent_number(regime, q)
    exact += _finer_rows(regime, q, exact)
    hits = exact or search_items(regime, q, by_words=False)
    if not exact and len(hits) == 1 and is_catch_all_row(hits[0]):
        # A name inside one of the catch-all's names is no lead to it: "listed goods" inside
        # "non-listed goods", "strategic goods" inside "non-strategic goods" mean the opposite, and
        # a hint to name the catch-all would answer "no licence" (session reviews S25-1, S25B-1).
        raise _unknown(regime, text, q)
    if not exact and len(hits) == 1:
        # A name found only inside another entry's name is a lead, never the answer: "EUV mask"
        # lies inside "inspection equipment for EUV masks", 인공위성 inside "devices tracking
        # satellites" (legal review 29, R29-2, R29-11). Only an entry's own name, alias or number
        # resolves without asking.
        raise _not_named(
            regime,
            text,
            "the only entry whose names hold it is below - name it if it is the goods, or classify the goods first",
            hits,
        )
    if not hits:
        # Every word somewhere in an entry's names ("military vehicle" in a GNSS receiver's "launch
        # vehicles ... military decryption") is a lead for the user, not an answer: a check names its goods.
        loose_hits = search_items(regime, q)
        if loose_hits:
            raise _not_named(regime, text, "entries whose names hold every word of it", loose_hits[:6])
    if len(hits) == 1 and is_catch_all_row(hits[0]):
        # A trade name of the catch-all ("machine tool", 工作機械) that listed entries also bear (NC
        # machine tools, 6(2)) is a question of classification, not an answer: "not listed" would
        # be a guess that the goods fall below every listed entry's parameters.
        # Only listed rows are offered beside it: Table 2 goods (kind catch_all too) are no alternative to "not listed".
        listed = [e for e in search_items(regime, q) if e.kind != "catch_all"]
        if listed:
            hits = hits + listed  # the catch-all first: it is the choice "not listed", never cut off
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        shown = [f"{e.id} ({e.title})" for e in hits[:_SHOWN]] + (
            [f"... {len(hits) - _SHOWN} more"] if len(hits) > _SHOWN else []
        )
        # The name denotes goods listed whatever their figures: the entry's every name, or this one (S37B-6).
        listed_by_name = any(
            e.by_name is True or (isinstance(e.by_name, list) and ql in {fold(n) for n in e.by_name}) for e in exact
        )
        if (
            not any(is_catch_all_row(e) for e in hits)
            and not all(is_arms_row(regime, e) for e in hits)
            and not listed_by_name
        ):
            # Goods the name fits that meet none of these entries' parameters are not listed: the question says so,
            # or a user with an ordinary good is pushed to pick a listed entry (session review S33D-7). Arms are
            # listed by what they are, not by parameters: between arms rows alone there is no such choice, and
            # beside one the choice is for goods that are not arms (session review S34C-3).
            unlisted = "goods that meet none of these entries' specifications"
            arms = [e.id for e in hits[:_SHOWN] if is_arms_row(regime, e)]
            if arms:
                # Named, since the arms rows reach further than a user may read "arms": Japan's row 1(3) takes
                # every explosive and firework of the Explosives Control Act (METI's circular, legal review 96).
                unlisted += f" and are not arms or other military goods ({', '.join(arms)})"
            shown.append(f"catch-all ({unlisted}: --item catch-all)")
        raise InputError(
            f"item {text!r} matches {len(hits)} entries of the {regime.jurisdiction} control list; name one",
            shown,
            label="candidates",
        )
    if _TECHNOLOGY.match(q) and not _holds_technology(regime):
        raise InputError(
            f"{text!r} is a software or technology number, and the {regime.jurisdiction} data holds goods only: "
            "providing technology or software is licensed under other provisions (Japan: FEFTA Art. 25(1) and the "
            "Foreign Exchange Order), which this tool does not model; for goods, name the goods or ask for the catch-all"
        )
    raise _unknown(regime, text, q)
