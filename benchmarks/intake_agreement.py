"""How far two careful readers agree: a second, blind labelling of a labelled set scored like an extractor.

    python benchmarks/intake_agreement.py --corpus tests/intake/heldout8 --second LABELS.yaml [--errors]

Why: issue 12 asks the extractor for precision >= 0.90 and recall >= 0.85 against one labeller's labels.
Those figures only mean something if a second careful reader, following the same guideline
(docs/intake-guideline.md and the labelling decisions), would reach them. This scores the second
labelling of the texts it covers (``--second``: a ``labels.yaml`` in the same format, usually a subset)
against the set's own labels with the extractor's scorer (:class:`intake_eval.Tally`): the second reader's
news measures (neither background nor optional) are its "found" measures; the first reader's optional labels
count neither way, as for the extractor. Both directions are printed: each reader in turn as the gold.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml
from intake_eval import Tally, _label_date


def as_found(m: dict[str, Any]) -> dict[str, Any]:
    """A labelled measure as the scorer reads an extractor's record (optional ones are not claims)."""
    return {
        "jurisdiction": m["jurisdiction"],
        "action": m["action"],
        "targets": list(m.get("targets") or []),
        "background": bool(m.get("background") or m.get("optional")),
        "effective": _label_date(m["effective"]) if m.get("effective") is not None else None,
        "announced": _label_date(m["announced"]) if m.get("announced") is not None else None,
        "sources": [{"evidence": [{"text": str(m.get("items") or "")}]}],
    }


def agreement(gold: list[dict[str, Any]], other: list[dict[str, Any]], errors: bool = False) -> dict[str, Any]:
    """``other``'s labels scored against ``gold``'s, over the texts both label."""
    theirs = {d["file"]: d for d in other}
    tally = Tally()
    for d in gold:
        if d["file"] in theirs:
            tally.score(d, [as_found(m) for m in theirs[d["file"]]["measures"] or []])
    if errors:
        print("\n".join(tally.details))
    figures = tally.figures("all", "second reader")
    for k in ("docs_per_s", "docs_per_cpu_s", "refused", "candidates", "extractor", "split"):
        figures.pop(k, None)
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="a labelled set (its labels.yaml)")
    ap.add_argument("--second", type=Path, required=True, help="the second labelling (labels.yaml format)")
    ap.add_argument("--errors", action="store_true", help="list every disagreement")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    first = yaml.safe_load((args.corpus / "labels.yaml").read_text(encoding="utf-8"))["documents"]
    second = yaml.safe_load(args.second.read_text(encoding="utf-8"))["documents"]
    both = {d["file"] for d in second} & {d["file"] for d in first}
    first = [d for d in first if d["file"] in both]
    second = [d for d in second if d["file"] in both]
    result = {
        "texts": len(both),
        "second_against_first": agreement(first, second, args.errors),
        "first_against_second": agreement(second, first, args.errors),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{len(both)} texts labelled by both readers")
    for name, r in (
        ("second reader against the first's labels", result["second_against_first"]),
        ("first reader against the second's labels", result["first_against_second"]),
    ):
        print(
            f"{name}: precision {r['precision']:.2f} ({r['tp']}/{r['tp'] + r['fp']}), recall {r['recall']:.2f} "
            f"({r['tp']}/{r['tp'] + r['fn']}), F1 {r['f1']:.2f}; effective dates agree {r['effective_accuracy']:.2f} "
            f"of {r['effective_labelled']}; no-measure texts quiet {r['no_measure_accuracy']:.2f} of {r['no_measure_texts']}"
        )
        for lang, f in r["by_language"].items():
            print(f"  {lang}: tp {f['tp']} / fp {f['fp']} / fn {f['fn']}, F1 {f['f1']:.2f}")


if __name__ == "__main__":
    main()
