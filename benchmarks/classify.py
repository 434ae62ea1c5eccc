"""Classification accuracy: top-1 and top-3 of ``exportctl classify`` on the labelled product descriptions.

    python benchmarks/classify.py [--set tests/classify/labelled.yaml] [--split dev|test|both] [-v] [--json]

For each item and each exporter it is labelled for, the engine ranks that exporter's entries for the
text (engine.classify, the code ``exportctl classify`` runs); an item is right at k when one of its
expected entries is among the first k candidates. Two denominators (tests/classify/labelled.yaml):

- ``all``: every labelled (item, exporter); a label the data holds no entry for is a miss;
- ``held``: only those whose label names an entry the data holds (an entry id, or a control number
  that an entry carries as its row or as an equivalent code).

The split is fixed by a hash of the text (``split_of``): one third test, two thirds dev. Tune on dev;
the test split is for the final measurement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from exportctl.engine.classify import classify
from exportctl.engine.items import fold
from exportctl.law.loader import load_regimes
from exportctl.law.regime import Regime

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SET = ROOT / "tests" / "classify" / "labelled.yaml"


def split_of(text: str) -> str:
    """``test`` for about a third of the texts, ``dev`` for the rest, fixed by SHA-256 of the NFKC text."""
    digest = hashlib.sha256(unicodedata.normalize("NFKC", text).encode()).digest()
    return "test" if digest[0] % 3 == 0 else "dev"


def resolve(regime: Regime, label: str) -> set[str]:
    """The entry ids a label names in ``regime``: the id itself, or the entries carrying that control number."""
    if label in regime.entries:
        return {label}
    want = fold(label)
    return {
        e.id for e in regime.entries.values() if fold(e.row) == want or any(fold(q.code) == want for q in e.equivalents)
    }


@dataclass
class Score:
    n: int = 0
    top1: int = 0
    top3: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, rank: int | None, what: str) -> None:
        self.n += 1
        self.top1 += rank == 1
        self.top3 += rank is not None and rank <= 3
        if rank is None or rank > 3:
            self.misses.append(what)

    def row(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "top1": round(self.top1 / self.n, 3) if self.n else None,
            "top3": round(self.top3 / self.n, 3) if self.n else None,
        }


def load_items(path: Path = DEFAULT_SET) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    return items


def evaluate(
    regimes: dict[str, Regime], items: list[dict[str, Any]], split: str, on: dt.date | None = None
) -> dict[tuple[str, str], Score]:
    """Scores keyed by (exporter, ``all`` | ``held``) over the items of ``split`` (``dev``, ``test``).

    Ranked on ``on`` (default: today), as ``exportctl classify`` ranks: an entry deleted before
    that day is not offered (the labels name today's entries).
    """
    on = on or dt.date.today()
    scores: dict[tuple[str, str], Score] = {}
    for item in items:
        if split_of(item["text"]) != split:
            continue
        for jur, labels in item["expected"].items():
            regime = regimes[jur]
            want = set().union(*(resolve(regime, lab) for lab in labels))
            others = [r for j, r in regimes.items() if j != jur]  # as the command runs: the crosswalk bridges
            ranked = [c.id for c in classify([regime], item["text"], on=on, limit=5, bridge=others).candidates]
            rank = next((i + 1 for i, cid in enumerate(ranked) if cid in want), None)
            what = f"{jur} {item['text'][:60]!r}: want {sorted(want) or labels}, got {ranked[:3]}"
            scores.setdefault((jur, "all"), Score()).add(rank, what)
            if want:
                scores.setdefault((jur, "held"), Score()).add(rank, what)
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--set", type=Path, default=DEFAULT_SET)
    ap.add_argument("--split", choices=["dev", "test", "both"], default="both")
    ap.add_argument("-v", "--verbose", action="store_true", help="List the misses at 3")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--on", type=dt.date.fromisoformat, default=None, help="rank on this day (default: today)")
    args = ap.parse_args(argv)
    regimes = load_regimes()
    items = load_items(args.set)
    splits = ["dev", "test"] if args.split == "both" else [args.split]
    out: list[dict[str, Any]] = []
    for split in splits:
        for (jur, scope), s in sorted(evaluate(regimes, items, split, args.on).items()):
            out.append({"split": split, "exporter": jur, "scope": scope, **s.row()})
            if args.verbose:
                for m in s.misses:
                    print(f"  miss [{split} {scope}] {m}", file=sys.stderr)
    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    print(f"{len(items)} labelled descriptions ({args.set.name})")
    print(f"{'split':<6} {'exporter':<8} {'labels':<6} {'n':>4} {'top-1':>6} {'top-3':>6}")
    for r in out:
        print(
            f"{r['split']:<6} {r['exporter']:<8} {r['scope']:<6} {r['n']:>4} "
            f"{r['top1'] if r['top1'] is not None else '-':>6} {r['top3'] if r['top3'] is not None else '-':>6}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
