"""Intake accuracy and throughput on the labelled development set (tests/intake/dev_set.yaml).

    python benchmarks/intake_eval.py [--seeds ../shared/seeds]

Per document, a found measure is a true positive when jurisdiction, action and targets match a
labelled one; precision and recall count optional labels as neither. Date accuracy is over the
labelled dates of matched measures; "known" accuracy checks the regime measure matched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path
from typing import Any

import yaml

from exportctl.intake.document import load_document
from exportctl.intake.extract import extract
from exportctl.intake.merge import match, merge
from exportctl.law.loader import load_regimes

ROOT = Path(__file__).resolve().parents[1]


def key(m: dict[str, Any]) -> tuple[Any, ...]:
    return (m["jurisdiction"], m["action"], tuple(sorted(m["targets"])))


def evaluate(seeds: Path) -> dict[str, float]:
    regimes = load_regimes()
    dev = yaml.safe_load((ROOT / "tests" / "intake" / "dev_set.yaml").read_text(encoding="utf-8"))
    tp = fp = fn = dates_ok = dates_all = known_ok = known_all = 0
    start = time.perf_counter()
    chars = 0
    for d in dev["documents"]:
        doc = load_document(str(seeds / d["file"]), dt.date.fromisoformat(str(d["published"])))
        chars += len(doc.text)
        found = merge(extract(doc, regimes))
        match(found, regimes)
        labels = {key(m): m for m in d["measures"]}
        got = {key(m): m for m in found}
        for k, label in labels.items():
            if k in got:
                if not label.get("optional"):
                    tp += 1
                for field in ("announced", "effective"):
                    if field in label:
                        dates_all += 1
                        dates_ok += str(label[field]) == (got[k][field] or "")
                if "known" in label:
                    known_all += 1
                    known_ok += got[k].get("measure") == label["known"]
            elif not label.get("optional"):
                fn += 1
                print(f"  missed in {d['file']}: {k}")
        for k in got:
            if k not in labels:
                fp += 1
                print(f"  spurious in {d['file']}: {k} <- {got[k]['sources'][0]['evidence'][0]['text'][:90]}")
    elapsed = time.perf_counter() - start
    n_docs = len(dev["documents"])
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "date_accuracy": dates_ok / dates_all if dates_all else 0.0,
        "known_accuracy": known_ok / known_all if known_all else 0.0,
        "docs_per_s": n_docs / elapsed,
        "chars_per_s": chars / elapsed,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    args = ap.parse_args()
    r = evaluate(args.seeds)
    print(f"precision {r['precision']:.2f}  recall {r['recall']:.2f}  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
    print(f"date accuracy {r['date_accuracy']:.2f}  known-measure accuracy {r['known_accuracy']:.2f}")
    print(f"throughput {r['docs_per_s']:.1f} documents/s ({r['chars_per_s']:,.0f} characters/s) on this machine")


if __name__ == "__main__":
    main()
