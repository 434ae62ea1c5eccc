"""Runs the legal scenarios in tests/scenarios/*.yaml: outcome *and* citations per dated fact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from exportctl import determine
from exportctl.law.regime import Regime
from exportctl.law.yamlio import load_yaml, strip_lines

SCENARIOS = Path(__file__).parent / "scenarios"


def _cases() -> list[Any]:
    out = []
    for path in sorted(SCENARIOS.glob("*.yaml")):
        # The project's loader: plain PyYAML would read the key `on:` as the boolean True.
        for case in strip_lines(load_yaml(path)):
            out.append(pytest.param(case, id=f"{path.stem}: {case['case']}"))
    return out


@pytest.mark.parametrize("case", _cases())
def test_scenario(case: dict[str, Any], regimes: dict[str, Regime]) -> None:
    q = dict(case["query"])
    d = determine(
        q.pop("exporter"),
        q.pop("to"),
        q.pop("item"),
        str(q.pop("on")),
        regimes=regimes,
        **{k: (str(v) if k == "known_on" else v) for k, v in q.items()},
    )
    exp = case["expect"]
    for key in ("destination_groups", "licence_required", "routes", "exemptions", "catch_all"):
        if key in exp:
            assert getattr(d, key) == exp[key], f"{key}: {getattr(d, key)!r} != {exp[key]!r}"
    if "classified_as" in exp:
        assert d.classified_as is not None and d.classified_as.id == exp["classified_as"]
    active = {s.rule for s in d.trace if not s.effect.startswith("displaced")}
    for rule in exp.get("cites", []):
        assert rule in active, f"{rule} not cited; trace has {sorted(active)}"
    for step in d.trace:
        assert step.source.url.startswith("http"), f"{step.rule} has no source URL"
    cited = {s.measure for s in d.trace} | {s.ended_by for s in d.trace}
    for m in exp.get("measures", []):
        assert m in cited, f"measure {m} not cited; trace names {sorted(x for x in cited if x)}"
    text = "\n".join(d.warnings)
    for w in exp.get("warns", []):
        assert w in text, f"warning {w!r} missing from:\n{text}"
    if "no_warning" in exp:
        assert exp["no_warning"] not in text, f"unexpected warning {exp['no_warning']!r}:\n{text}"
    if "procedure" in exp:
        p = exp["procedure"]
        assert any(
            n.licence == p["licence"] and n.documents == p.get("documents") and n.review_days == p.get("review_days")
            for n in d.procedures
        ), d.procedures
