"""ISO 3166-1 country codes via pycountry, plus the names people actually type.

pycountry calls South Korea "Korea, Republic of"; compliance officers type "South Korea", "ROK"
or "Korea". The extra names below are unambiguous everyday names, not legal facts.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

import pycountry

from exportctl.errors import InputError

_EVERYDAY_NAMES: dict[str, str] = {
    "south korea": "KR",
    "korea": "KR",
    "rok": "KR",
    "republic of korea": "KR",
    "north korea": "KP",
    "dprk": "KP",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "usa": "US",
    "us": "US",
    "america": "US",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "taiwan": "TW",
    "vietnam": "VN",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "czechia": "CZ",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "drc": "CD",
    "dr congo": "CD",
    "democratic republic of the congo": "CD",
    "turkey": "TR",
}


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names = dict(_EVERYDAY_NAMES)
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names.setdefault(value.lower(), c.alpha_2)
        names.setdefault(c.alpha_3.lower(), c.alpha_2)
    return names


def is_iso2(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


def country_name(code: str) -> str:
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return str(getattr(c, "common_name", None) or c.name)


def resolve_country(text: str) -> str:
    """Turn a code or a name into an ISO alpha-2 code, or raise with the closest names."""
    raw = text.strip()
    if len(raw) == 2 and raw.isalpha() and is_iso2(raw.upper()):
        return raw.upper()
    names = _names()
    hit = names.get(raw.lower())
    if hit:
        return hit
    close = difflib.get_close_matches(raw.lower(), list(names), n=3, cutoff=0.6)
    suggestions = sorted({f"{names[c]} ({country_name(names[c])})" for c in close})
    raise InputError(f"unknown country {text!r}", suggestions)
