"""Runs the legal scenarios in tests/scenarios/*.yaml: outcome *and* citations per dated fact.

Each scenario is validated against its schema (exportctl.law.scenario): a misspelt key fails,
and every scenario names the source that justifies it, which must exist in the exporter's regime.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from exportctl import determine
from exportctl.errors import RegimeError
from exportctl.law.regime import Regime
from exportctl.law.scenario import Scenario, load_scenarios

SCENARIOS = Path(__file__).parent / "scenarios"


def _cases() -> list[object]:
    return [
        pytest.param(s, id=f"{path.stem}: {s.case}")
        for path in sorted(SCENARIOS.glob("*.yaml"))
        for s in load_scenarios(path)
    ]


@pytest.mark.parametrize("case", _cases())
def test_scenario(case: Scenario, regimes: dict[str, Regime]) -> None:
    q = case.query
    regime = regimes[q.exporter]
    missing = [b for b in case.because if b not in regime.sources]
    assert not missing, f"because: names sources that {q.exporter} does not hold: {missing}"
    d = determine(
        q.exporter,
        q.to,
        q.item,
        q.on.isoformat(),
        regimes=regimes,
        value=q.value,
        currency=q.currency,
        end_use=q.end_use,
        informed=q.informed,
        known_on=q.known_on.isoformat() if q.known_on else None,
        at=q.at,
    )
    exp = case.expect
    for key in ("destination_groups", "licence_required", "needs", "refused", "routes", "exemptions", "catch_all"):
        want = getattr(exp, key)
        if want is not None:
            assert getattr(d, key) == want, f"{key}: {getattr(d, key)!r} != {want!r}"
    if exp.classified_as is not None:
        assert d.classified_as is not None and d.classified_as.id == exp.classified_as
    active = {s.rule for s in d.trace if not s.effect.startswith("displaced")}
    for rule in exp.cites:
        assert rule in active, f"{rule} not cited; trace has {sorted(active)}"
    for rule in exp.no_cite:
        assert rule not in active, f"{rule} is in force in the trace, which the case rules out"
    for step in d.trace:
        assert step.source.url.startswith("http"), f"{step.rule} has no source URL"
    cited = {s.measure for s in d.trace} | {s.ended_by for s in d.trace}
    for m in exp.measures:
        assert m in cited, f"measure {m} not cited; trace names {sorted(x for x in cited if x)}"
    text = "\n".join(d.warnings)
    for w in exp.warns:
        assert w in text, f"warning {w!r} missing from:\n{text}"
    if exp.no_warning is not None:
        assert exp.no_warning not in text, f"unexpected warning {exp.no_warning!r}:\n{text}"
    if exp.procedure is not None:
        p = exp.procedure
        assert any(
            n.licence == p.licence and n.documents == p.documents and n.review_days == p.review_days
            for n in d.procedures
        ), d.procedures


def test_a_misspelt_key_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- case: misspelt\n"
        "  query: {exporter: JP, to: KR, item: HF, on: 2020-01-15}\n"
        "  expect: {licence_requred: true}\n"
        "  because: [etco-art1-1]\n",
        encoding="utf-8",
    )
    with pytest.raises(RegimeError, match="licence_requred"):
        load_scenarios(bad)


def test_a_scenario_without_its_source_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "- case: unsupported\n  query: {exporter: JP, to: KR, item: HF, on: 2020-01-15}\n  expect: {licence_required: true}\n",
        encoding="utf-8",
    )
    with pytest.raises(RegimeError, match="because"):
        load_scenarios(bad)


def test_warnings_are_typed(regimes: dict[str, Regime]) -> None:
    """Every warning has a kind a program can branch on, in the same order as the text."""
    d = determine("JP", "KR", "HF", "2023-03-23", regimes=regimes)
    assert [n.text for n in d.notices] == d.warnings
    kinds = {n.kind for n in d.notices}
    assert {"pending_change", "same_day"} <= kinds
    change = next(n for n in d.notices if n.kind == "pending_change")
    assert change.measure == "jp-2023-03-three-items-sgb" and str(change.date) == "2023-03-23"
    d = determine("JP", "KR", "row 7", "2019-09-02", known_on="2019-07-01", regimes=regimes)
    assert {"draft", "knowledge_cutoff"} <= {n.kind for n in d.notices}
    assert not any("--" in w for w in d.warnings)  # no CLI flags in engine text
