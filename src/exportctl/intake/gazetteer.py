"""Names that point at states: countries, demonyms, capitals used as metonyms, agencies.

The everyday names, demonyms and agencies below are lookup aids for reading news, not legal facts.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from exportctl.law.countries import _EVERYDAY_NAMES

DEMONYMS = {
    "japanese": "JP",
    "south korean": "KR",
    "korean": "KR",
    "chinese": "CN",
    "american": "US",
    "taiwanese": "TW",
    "north korean": "KP",
    "german": "DE",
    "dutch": "NL",
    "british": "GB",
    "french": "FR",
    "russian": "RU",
}
CAPITALS = {
    "tokyo": "JP",
    "seoul": "KR",
    "beijing": "CN",
    "washington": "US",
    "pyongyang": "KP",
    "taipei": "TW",
    "moscow": "RU",
    "brussels": "EU",
}
AGENCIES = {
    "meti": "JP",
    "ministry of economy, trade and industry": "JP",
    "economy, trade and industry ministry": "JP",
    "motie": "KR",
    "ministry of trade, industry and energy": "KR",
    "bis": "US",
    "bureau of industry and security": "US",
    "mofcom": "CN",
    "keidanren": "JP",
}
NOT_COUNTRIES = {"us": "US"}  # "US" as a pronoun is filtered by case in the matcher


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                names[v.lower()] = c.alpha_2
    names.update({k: v for k, v in _EVERYDAY_NAMES.items() if len(k) > 3 or k in ("usa", "uk")})
    names.update(
        {
            "south korea": "KR",
            "north korea": "KP",
            "korea": "KR",
            "japan": "JP",
            "u.s.": "US",
            "united states": "US",
            "the us": "US",
            "european union": "EU",
        }
    )
    names.update(DEMONYMS)
    names.update(CAPITALS)
    names.update(AGENCIES)
    return names


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    keys = sorted(_names(), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(k) for k in keys) + r")\b(?:'s)?", re.I)


def states(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO code) of every state named in ``text``, in order."""
    out = []
    for m in _pattern().finditer(text):
        word = m.group(1)
        if word.lower() in ("us",) and word != "US":
            continue
        if word.lower() == "korean" and text[max(0, m.start() - 6) : m.start()].lower().endswith("north "):
            continue
        out.append((m.start(), m.end(), _names()[word.lower()]))
    return out
