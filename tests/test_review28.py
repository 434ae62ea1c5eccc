"""Legal review 28 (today's law, black box): names a user types for a destination.

R28-3: "Donetsk" suggested Denmark and Indonesia, "Sevastopol" nothing: a region is refused with
its country's code. R28-4: "Burma" suggested Bermuda and Brazil: it is Myanmar.
"""

from __future__ import annotations

import pytest

from exportctl.errors import InputError
from exportctl.law.countries import read_country


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Donetsk", "UA"),
        ("ルハンスク", "UA"),
        ("Sevastopol", "UA"),
        ("크림반도", "UA"),
        ("West Bank", "PS"),
        ("Gaza Strip", "PS"),
    ],
)
def test_a_region_is_refused_with_its_country_s_code(name: str, code: str) -> None:
    with pytest.raises(InputError, match=rf"^'{name}' names .*, so give {code};"):
        read_country(name)


@pytest.mark.parametrize("name", ["Burma", "ビルマ", "버마"])
def test_burma_is_myanmar(name: str) -> None:
    assert read_country(name).code == "MM"
