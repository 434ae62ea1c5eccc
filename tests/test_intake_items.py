"""Intake's item finder: the aliases' index finds exactly what one pattern over every alias finds.

The index (``extract._ItemIndex``) scans a sentence with a pattern over only the aliases that can occur in it;
the reference here is the plain way it replaced, one alternation over every alias, longest first, so a word the
index files under the wrong key (a plural, a capital, an alias in Japanese or Korean script, one that opens on a
bracket) shows as a difference.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from exportctl.intake.extract import _CJK, ITEM_PHRASES, _find_items, _item_index, _ItemIndex
from exportctl.law.loader import load_regimes

REGIMES = load_regimes()
CORPUS = Path(__file__).resolve().parent / "intake" / "corpus" / "texts"


def _reference(text: str, index: _ItemIndex) -> list[dict[str, Any]]:
    """The items of ``text`` as ``_find_items`` read them with one pattern over every alias."""
    pattern = _PATTERN.get("all")
    if pattern is None:
        ranked = sorted(index.order, key=index.order.__getitem__)
        parts = [re.escape(a) if _CJK.search(a) else rf"\b{re.escape(a)}s?\b" for a in ranked]
        pattern = _PATTERN["all"] = re.compile("|".join(parts), re.I)
    found: dict[str, dict[str, Any]] = {}
    for rx, ids in ITEM_PHRASES:
        for m in rx.finditer(text):
            found.setdefault(m.group(0).lower(), {"text": m.group(0), "ids": ids})
    for m in pattern.finditer(text):
        key = m.group(0).lower()
        if any(key in k for k in found):
            continue
        entry_ids = index.ids.get(key) or index.ids.get(key[:-1] if key.endswith("s") else key) or []
        item = found.setdefault(key, {"text": m.group(0), "ids": []})
        item["ids"] = [*item["ids"], *(i for i in entry_ids if i not in item["ids"])]
    return list(found.values())


_PATTERN: dict[str, re.Pattern[str]] = {}


def _lines() -> list[str]:
    made_up = [
        "Japan tightened exports of HYDROGEN FLUORIDE and Fluorinated Polyimides to Korea.",
        "Exports of fluorinated polyimides and photoresists now need individual licences.",
        "フッ化水素とフォトレジストの輸出を厳格化した。",
        "불화수소와 포토레지스트, 플루오린 폴리이미드의 수출 규제를 해제했다.",
        "Controls on nitrocellulose, x-ray tubes and (other) maraging steels were widened.",
        "An item named in no list: garden hoses.",
    ]
    lines = [line for f in sorted(CORPUS.glob("*.txt"))[:60] for line in f.read_text("utf-8").splitlines()]
    return made_up + [line for line in lines if line.strip()]


@pytest.mark.parametrize("chunk", range(4))
def test_the_index_finds_what_one_pattern_over_every_alias_finds(chunk: int) -> None:
    index = _item_index(REGIMES)
    named = 0
    for text in _lines()[chunk::4]:
        want = _reference(text, index)
        assert _find_items(text, REGIMES) == want, text
        named += bool(want)
    assert named >= 3  # the lines name items, so the comparison compares something
