"""Legal review 37 (the dates of measures): a timeline as known on a day warns of the changes
announced by then and not yet published, as ``status`` and ``check`` do (R37-4: it said nothing
as known on 2019-08-06, four days after the Cabinet decided Korea's removal from Group A)."""

from __future__ import annotations

from exportctl.bundle import assemble
from exportctl.service import Service
from tests.test_screen import REGIMES


def _service() -> Service:
    return Service(assemble(REGIMES, []))


def test_a_timeline_as_known_warns_of_a_decided_change() -> None:
    t = _service().timeline("JP", "KR", known_on="2019-08-06")
    assert any("jp-2019-kr-table3-removal" in w and "not yet published" in w for w in t.warnings), t.warnings
    assert any(iv.group == "jp:A" and iv.to is None for iv in t.intervals)  # the law as published: still Group A


def test_a_timeline_as_known_once_published_has_no_such_warning() -> None:
    t = _service().timeline("JP", "KR", known_on="2019-08-07")
    assert not any("not yet published" in w for w in t.warnings)
    assert not _service().timeline("JP", "KR").warnings
