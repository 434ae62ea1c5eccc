"""Intake accuracy and throughput: the five seeds (tests/intake/dev_set.yaml) or the labelled corpus.

    python benchmarks/intake_eval.py [--seeds ../shared/seeds]
    python benchmarks/intake_eval.py --corpus tests/intake/corpus --split dev|train|test [-v] [--json]
        [--extractor rules|learned|hybrid]

Seeds: per document, a found measure is a true positive when jurisdiction, action and targets match a
labelled one; precision and recall count optional labels as neither. Date accuracy is over the
labelled dates of matched measures; "known" accuracy checks the regime measure matched.

Corpus (docs/intake-guideline.md): the same key, scored against the *news* of each text. Gold are the
labels that are neither background nor optional; a found measure the extractor marks background is
not a claim of news and is left out; a found news measure that matches only optional labels counts
neither way, one that matches only background labels is a false positive (that is the failure
"recalled background reported as news"). Effective-date accuracy is over matched gold measures that
have a labelled effective date. The test split is for the final measurement only.
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import yaml

from exportctl.errors import InputError
from exportctl.intake.document import load_document
from exportctl.intake.extract import DEFAULT_METHOD, METHODS, extract
from exportctl.intake.merge import match, merge
from exportctl.law.loader import load_regimes

ROOT = Path(__file__).resolve().parents[1]


def key(m: dict[str, Any]) -> tuple[Any, ...]:
    return (m["jurisdiction"], m["action"], tuple(sorted(m["targets"])))


def evaluate(seeds: Path, method: str | None = None) -> dict[str, float]:
    regimes = load_regimes()
    dev = yaml.safe_load((ROOT / "tests" / "intake" / "dev_set.yaml").read_text(encoding="utf-8"))
    tp = fp = fn = dates_ok = dates_all = known_ok = known_all = 0
    start = time.perf_counter()
    chars = 0
    for d in dev["documents"]:
        doc = load_document(str(seeds / d["file"]), dt.date.fromisoformat(str(d["published"])))
        chars += len(doc.text)
        found = merge(extract(doc, regimes, method))
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


def published_day(value: Any) -> dt.date:
    """The labelled publication date as a day: ``YYYY-MM`` and ``YYYY`` read as the period's last day.

    Why the last day: the text was published no later than that, so what it reports as done is done
    by then; relative dates ("on Friday") cannot be right anyway when only the month is known.
    """
    text = str(value)
    if len(text) == 4:
        return dt.date(int(text), 12, 31)
    if len(text) == 7:
        y, m = int(text[:4]), int(text[5:])
        return dt.date(y, m, calendar.monthrange(y, m)[1])
    return dt.date.fromisoformat(text)


def _label_date(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def evaluate_corpus(corpus: Path, split: str, *, verbose: bool = False, method: str | None = None) -> dict[str, Any]:
    """Precision, recall, F1, date accuracy, no-measure accuracy and speed on one split of the corpus."""
    regimes = load_regimes()
    labels = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))["documents"]
    docs = [d for d in labels if d["split"] == split]
    tp = fp = fn = eff_ok = eff_all = ann_ok = ann_all = quiet_ok = quiet_all = refused = 0
    by_lang: dict[str, list[int]] = {}
    elapsed = cpu = 0.0
    details: list[str] = []
    with contextlib.suppress(InputError):  # warm up: imports and compiled patterns are not per-document costs
        merge(extract(load_document(str(corpus / "texts" / docs[0]["file"]), dt.date.today()), regimes, method))
    for d in docs:
        path = corpus / "texts" / d["file"]
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            doc = load_document(str(path), published_day(d["published"]))
            found = merge(extract(doc, regimes, method))
            match(found, regimes)
        except InputError as exc:
            found, refused = [], refused + 1
            details.append(f"  refused {d['file']}: {exc}")
        elapsed += time.perf_counter() - start
        cpu += time.process_time() - cpu_start
        gold: dict[tuple[Any, ...], dict[str, Any]] = {}
        effective_labels: dict[tuple[Any, ...], set[str]] = {}
        optional: set[tuple[Any, ...]] = set()
        for m in d["measures"]:
            if m.get("optional"):
                optional.add(key(m))
            elif not m.get("background"):
                # Two acts with one key (China's 9 October 2025 rules: one in force at once, one from
                # 1 December) are one gold measure; either labelled effective date is right.
                gold.setdefault(key(m), m)
                if "effective" in m:
                    effective_labels.setdefault(key(m), set()).add(_label_date(m["effective"]))
        news: dict[tuple[Any, ...], dict[str, Any]] = {}
        for m in found:
            if not m["background"]:
                news.setdefault(key(m), m)
        lang = by_lang.setdefault(str(d.get("language", "?")), [0, 0, 0])
        for k, label in gold.items():
            if k in news:
                tp += 1
                lang[0] += 1
                got = news[k]
                if k in effective_labels:
                    eff_all += 1
                    ok = (got["effective"] or "") in effective_labels[k]
                    eff_ok += ok
                    if not ok:
                        wanted = " or ".join(sorted(effective_labels[k]))
                        details.append(f"  effective in {d['file']}: {k} {got['effective']} != {wanted}")
                if "announced" in label:
                    ann_all += 1
                    ann_ok += _label_date(label["announced"]) == (got["announced"] or "")
            else:
                fn += 1
                lang[2] += 1
                details.append(f"  missed in {d['file']}: {k}")
        for k, got in news.items():
            if k not in gold and k not in optional:
                fp += 1
                lang[1] += 1
                evidence = got["sources"][0]["evidence"][0]["text"][:100]
                details.append(f"  spurious in {d['file']}: {k} <- {evidence}")
        if not any(not m.get("background") for m in d["measures"]):
            quiet_all += 1
            quiet_ok += not news
    if verbose:
        print("\n".join(details))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "split": split,
        "extractor": method or DEFAULT_METHOD,
        "documents": len(docs),
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "effective_accuracy": eff_ok / eff_all if eff_all else 0.0,
        "effective_labelled": eff_all,
        "announced_accuracy": ann_ok / ann_all if ann_all else 0.0,
        "no_measure_accuracy": quiet_ok / quiet_all if quiet_all else 0.0,
        "no_measure_texts": quiet_all,
        "docs_per_s": len(docs) / elapsed if elapsed else 0.0,
        # CPU time of this single-threaded process: what one core does, whatever else the machine runs
        "docs_per_cpu_s": len(docs) / cpu if cpu else 0.0,
        "refused": refused,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "by_language": {k: dict(zip(("tp", "fp", "fn"), v, strict=True)) for k, v in sorted(by_lang.items())},
    }


def report_corpus(r: dict[str, Any]) -> None:
    print(
        f"{r['split']} ({r['extractor']}): {r['documents']} texts  precision {r['precision']:.2f}  recall {r['recall']:.2f}  "
        f"F1 {r['f1']:.2f}  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})"
    )
    print(
        f"effective dates right {r['effective_accuracy']:.2f} of {r['effective_labelled']} matched  "
        f"announced {r['announced_accuracy']:.2f}  no-measure texts quiet {r['no_measure_accuracy']:.2f} "
        f"of {r['no_measure_texts']}  refused {r['refused']}"
    )
    print("by language: " + "  ".join(f"{k} {v}" for k, v in r["by_language"].items()))
    print(
        f"throughput {r['docs_per_s']:.1f} documents/s on this machine (wall clock), "
        f"{r['docs_per_cpu_s']:.1f} documents per CPU second (one core)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--corpus", type=Path, help="a labelled corpus folder (labels.yaml, texts/)")
    ap.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and spurious measure")
    ap.add_argument("--json", action="store_true", help="the figures as JSON")
    ap.add_argument("--extractor", choices=METHODS, help=f"how news is told from background (default {DEFAULT_METHOD})")
    args = ap.parse_args()
    if args.corpus is not None:
        rc = evaluate_corpus(args.corpus, args.split, verbose=args.verbose, method=args.extractor)
        if args.json:
            print(json.dumps(rc, indent=2))
        else:
            report_corpus(rc)
        return
    r = evaluate(args.seeds, args.extractor)
    print(f"precision {r['precision']:.2f}  recall {r['recall']:.2f}  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']})")
    print(f"date accuracy {r['date_accuracy']:.2f}  known-measure accuracy {r['known_accuracy']:.2f}")
    print(f"throughput {r['docs_per_s']:.1f} documents/s ({r['chars_per_s']:,.0f} characters/s) on this machine")


if __name__ == "__main__":
    main()
