"""Finding control entries by id, alias, title or equivalent code.

Users type "hydrogen fluoride", "HF", "3(1)" or "photoresist"; the law says "jp:3(1)". An
exact id or alias wins; otherwise a unique substring match; otherwise a clear error with the
closest names. An ambiguous name is an error listing the candidates, never a guess.

Every comparison is between folded texts (NFKC, case-folded, spaces removed): a user typing
full-width ＨＦ, half-width ﾌｯ化水素 or 불화 폴리이미드 with a space finds the same entry as HF,
フッ化水素 and 불화폴리이미드. Japanese and Korean names live in the regime data as aliases.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

from exportctl.errors import InputError
from exportctl.law.model import ControlEntry
from exportctl.law.regime import Regime

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """The comparison form of a name: NFKC, case-folded, without whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).casefold())


def _keys(e: ControlEntry) -> list[str]:
    return [e.id, *e.aliases, e.title, *(q.code for q in e.equivalents)]


def _folded_keys(e: ControlEntry) -> set[str]:
    return {fold(k) for k in _keys(e)}


def search_items(regime: Regime, query: str | None = None) -> list[ControlEntry]:
    """Entries whose id, alias, title, locator or equivalent code contains ``query``."""
    entries = list(regime.entries.values())
    if not query:
        return entries
    q = fold(query)
    exact = [e for e in entries if q in _folded_keys(e)]
    partial = [
        e
        for e in entries
        if e not in exact and any(q in fold(k) for k in [*_keys(e), e.locator or "", e.title_local or ""])
    ]
    return exact + partial


def resolve_item(regime: Regime, text: str) -> ControlEntry:
    q = text.strip()
    if not q:
        raise InputError("empty item; give a control-list id, a name or an alias")
    ql = fold(q)
    by_id = {fold(e.id): e for e in regime.entries.values()}
    for cand in (ql, fold(regime.prefix) + ql):
        if cand in by_id:
            return by_id[cand]
    exact = [e for e in regime.entries.values() if ql in _folded_keys(e)]
    hits = exact or search_items(regime, q)
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise InputError(
            f"item {text!r} matches {len(hits)} entries of the {regime.jurisdiction} control list; name one",
            [f"{e.id} ({e.title})" for e in hits[:6]] + ([f"... {len(hits) - 6} more"] if len(hits) > 6 else []),
            label="candidates",
        )
    names = {fold(k): e for e in regime.entries.values() for k in _keys(e)}
    close = difflib.get_close_matches(ql, list(names), n=4, cutoff=0.55)
    raise InputError(
        f"unknown item {text!r} in the {regime.jurisdiction} control list",
        sorted({f"{names[c].id} ({names[c].title})" for c in close}),
    )
