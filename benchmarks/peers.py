"""Peer engines holding the JP->KR part of the law: GoRules zen-engine and Rego (regopy).

Used by benchmarks/screen.py (timing) and tests/test_peers.py (agreement with exportctl).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from exportctl.engine.compiled import END_USES, compiled

LABELS = {
    "jp:3(1)": "hydrogen fluoride",
    "jp:7(19)": "resist",
    "jp:5(17)": "fluorinated polyimide",
    "jp:5": "row 5",
    "jp:7": "row 7",
    "jp:16": "catch-all",
}


def zen_decision(regimes: dict[str, Any]) -> tuple[Any, list[str]]:
    """The JP->KR rules as a zen decision table: one row per (epoch, item, end use), first hit.

    The rows are written out from the same regime data (each stretch of dates between changes,
    for each item), so both engines hold the same law; the check below proves it line by line.
    """
    import zen

    c = compiled(regimes["JP"]).complete()
    kr = c.country_class[c.country_index["KR"]]
    items = {
        "jp:3(1)": "hydrogen fluoride",
        "jp:7(19)": "resist",
        "jp:5(17)": "fluorinated polyimide",
        "jp:5": "row 5",
        "jp:7": "row 7",
        "jp:16": "catch-all",
    }
    bounds = [-(10**6), *c.epoch_starts.tolist(), 10**6]
    rules = []
    for e in range(len(bounds) - 1):
        for entry, label in items.items():
            for v, end_use in enumerate(END_USES):
                o = c.outcomes[int(c.table[e, kr, c.entry_index[entry], v * 2])]
                rules.append(
                    {
                        "_id": f"r{len(rules)}",
                        "day": f"[{bounds[e]}..{bounds[e + 1]})",
                        "item": json.dumps(label),
                        "end_use": json.dumps(end_use or ""),
                        "licence": "true" if o.licence_required else "false",
                        "routes": json.dumps(";".join(o.routes)),
                        "catch_all": json.dumps(o.catch_all),
                        "groups": json.dumps(";".join(o.groups)),
                    }
                )
    content = {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "Request", "position": {"x": 0, "y": 0}},
            {
                "id": "t",
                "type": "decisionTableNode",
                "name": "jp-kr",
                "position": {"x": 200, "y": 0},
                "content": {
                    "hitPolicy": "first",
                    "inputs": [
                        {"id": "day", "name": "day", "field": "day"},
                        {"id": "item", "name": "item", "field": "item"},
                        {"id": "end_use", "name": "end_use", "field": "end_use"},
                    ],
                    "outputs": [{"id": k, "name": k, "field": k} for k in ("licence", "routes", "catch_all", "groups")],
                    "rules": rules,
                },
            },
            {"id": "out", "type": "outputNode", "name": "Response", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "t", "type": "edge"},
            {"id": "e2", "sourceId": "t", "targetId": "out", "type": "edge"},
        ],
    }
    return zen.ZenEngine().create_decision(json.dumps(content)), list(items.values())


class RegoPeer:
    """The hand-written policy jp_kr.rego on regopy (rego-cpp, an OPA-compatible interpreter)."""

    def __init__(self) -> None:
        import regopy

        self.interpreter = regopy.Interpreter()
        self.interpreter.add_module("jpkr", (Path(__file__).parent / "jp_kr.rego").read_text(encoding="utf-8"))

    def decide(self, date: str, item: str, end_use: str) -> dict[str, Any]:
        self.interpreter.set_input_term(json.dumps({"date": date, "item": item, "end_use": end_use}))
        return dict(json.loads(str(self.interpreter.query("x = data.jpkr.decision")))["bindings"]["x"])


def ours(row: dict[str, Any]) -> tuple[Any, ...]:
    """An exportctl result row in the peers' output shape."""
    return (row["licence_required"], ";".join(row["routes"]), row["catch_all"], ";".join(row["destination_groups"]))


def theirs(out: dict[str, Any]) -> tuple[Any, ...]:
    return (out["licence"], out["routes"], out["catch_all"], out["groups"])
