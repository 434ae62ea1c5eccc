"""Session review S27: the shells as a compliance officer, a customs broker and an analyst use them.

The web form's date, spellings, downloads, separators, cautions in summaries and names by language are
tested beside their shells (test_web, test_words, test_screen, test_review_input13); here what ``status``
and ``timeline`` say of the days the data holds uncertain (S27-8).
"""

from __future__ import annotations

import json

from typer.testing import CliRunner

from exportctl.cli import app
from exportctl.engine.history import status_in, timeline_in
from exportctl.law.regime import Regime


def test_status_warns_of_an_uncertain_day_as_check_does(regimes: dict[str, Regime]) -> None:
    s = status_in(regimes, "JP", "KR", "2004-06-01")
    said = " ".join(s.warnings)
    assert "uncertain (between 2004-01-01 and 2004-12-31)" in said and "rests on reports" in said
    assert not any("uncertain" in w for w in status_in(regimes, "JP", "KR", "2020-06-01").warnings)


def test_a_timeline_gives_the_windows_of_its_uncertain_days(regimes: dict[str, Regime]) -> None:
    spans = timeline_in(regimes, "JP", "KR")
    a = next(iv for iv in spans if iv.group == "jp:A" and str(iv.from_) == "2004-01-01")
    assert a.from_uncertain is not None and [str(d) for d in a.from_uncertain] == ["2004-01-01", "2004-12-31"]
    before = next(iv for iv in spans if iv.from_ is None)
    assert before.to_uncertain == a.from_uncertain  # the default stretch ends when that one begins
    result = CliRunner().invoke(app, ["timeline", "JP", "KR", "--json"])
    got = json.loads(result.stdout)["intervals"]
    assert any(iv["from_uncertain"] == ["2004-01-01", "2004-12-31"] for iv in got)
    text = CliRunner().invoke(app, ["timeline", "JP", "KR"]).stdout
    assert "2004-01-01 (?)" in text and "the day is uncertain: between 2004-01-01 and 2004-12-31" in text


def test_the_timeline_json_names_the_licensing_measures_its_chart_marks() -> None:
    """S27-11: the chart marked the 2019-07-04 and 2023-03-23 changes on the three items; the JSON had none."""
    got = json.loads(CliRunner().invoke(app, ["timeline", "JP", "KR", "--json"]).stdout)["licensing_measures"]
    marked = {(e["date"], e["measure"]) for e in got}
    assert ("2019-07-04", "jp-2019-07-three-items") in marked and ("2023-03-23", "jp-2023-03-three-items-sgb") in marked
    known = json.loads(CliRunner().invoke(app, ["timeline", "JP", "KR", "--json", "--known-on", "2020-01-01"]).stdout)
    assert all(e["date"] <= "2020-12-31" for e in known["licensing_measures"]), known["licensing_measures"]


def test_an_open_stretch_is_not_marked_uncertain(regimes: dict[str, Regime]) -> None:
    """S27B-2: every open-ended stretch took the window of the stretch before the records."""
    for exporter, country in (("JP", "KR"), ("KR", "JP"), ("KR", "IR"), ("JP", "US")):
        for iv in timeline_in(regimes, exporter, country):
            if iv.to is None:
                assert iv.to_uncertain is None, (exporter, country, iv)


def test_status_warns_of_a_membership_whose_uncertain_start_holds_the_day(regimes: dict[str, Regime]) -> None:
    """S27B-3: Iran in 2022 read as region Na, certain, where the stricter Na-2 may already have applied."""
    said = " ".join(status_in(regimes, "KR", "IR", "2022-06-01").warnings)
    assert "kr:Na-2#IR does not apply on 2022-06-01 in this data, but the date it began is uncertain" in said


def test_the_resist_entry_says_which_resists_it_holds(regimes: dict[str, Regime]) -> None:
    """S27-7: "photoresist" resolved to an entry titled "Resists (incl. …)", read as every resist; its title
    now names the Goods Order's kinds and says other resists (i-line) are not the item."""
    title = regimes["JP"].entries["jp:7(19)"].title
    assert "Goods Order Art. 6(19)" in title and "i-line" in title and "are not this item" in title
