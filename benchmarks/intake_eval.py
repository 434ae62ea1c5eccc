"""Intake accuracy and throughput: the five seeds (tests/intake/dev_set.yaml) or the labelled corpus.

    python benchmarks/intake_eval.py [--seeds ../shared/seeds]
    python benchmarks/intake_eval.py --corpus tests/intake/corpus --split dev|train|test [-v] [--json]
        [--extractor rules|learned|hybrid]
    python benchmarks/intake_eval.py --cv 5 [--extractor rules|learned|hybrid] [-v] [--errors] [--json]

Seeds: per document, a found measure is a true positive when jurisdiction, action and targets match a
labelled one; precision and recall count optional labels as neither. Date accuracy is over the
labelled dates of matched measures; "known" accuracy checks the regime measure matched.

Corpus (docs/intake-guideline.md): the same key, scored against the *news* of each text. Gold are the
labels that are neither background nor optional; a found measure the extractor marks background is
not a claim of news and is left out; a found news measure that matches only optional labels counts
neither way, one that matches only background labels is a false positive (that is the failure
"recalled background reported as news"). Effective-date accuracy is over matched gold measures that
have a labelled effective date.

Cross-validation (``--cv K``): the twenty-five labelled sets (tests/intake/corpus, heldout, heldout2 … heldout24;
1,914 texts, all spent as test sets, now development data) are dealt into K folds by document, round robin within each stratum; the
sentence classifier of the learned and hybrid paths is trained on K-1 folds and scores the held-out fold,
K times, and the figures are summed over the folds. That is the figure to judge a change by: no text is
scored by a model that saw it; the document model that every method reads (``exportctl.intake.learned.gate``) is
trained per fold too. (The rules' grammar is not trained; its part of the figure is its score over all texts,
which it was partly written against.)
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import datetime as dt
import functools
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


def miss_reason(k: tuple[Any, ...], found: list[dict[str, Any]]) -> tuple[str, str]:
    """Why a gold news measure was not found as news: the nearest record found, by what it got wrong.

    The groups (``--errors``) say where recall is lost: no candidate of the act at all (the grammar lacks the
    wording), the act with other targets (none: "targets named later"; other states), another actor, another
    action, or the right key called background.
    """
    jurisdiction, action, targets = k

    def ev(m: dict[str, Any]) -> str:
        return f"{key(m)} {m['sources'][0]['evidence'][0]['text'][:90]}"

    for m in found:
        if key(m) == k:
            return "called background", ev(m)
    for m in found:
        if (m["jurisdiction"], m["action"]) == (jurisdiction, action):
            if not m["targets"] and targets:
                return "act found, targets missing", ev(m)
            if set(m["targets"]) > set(targets):
                return "act found, extra targets", ev(m)
            return "act found, other targets", ev(m)
    for m in found:
        if (m["action"], tuple(sorted(m["targets"]))) == (action, targets) or (
            m["action"] == action and m["jurisdiction"] in targets
        ):
            return "other actor", ev(m)
    for m in found:
        if m["jurisdiction"] == jurisdiction:
            return "other action", ev(m)
    if found:
        return "no candidate of the actor", ev(found[0])
    return "nothing found in the text", ""


def spurious_reason(
    k: tuple[Any, ...],
    gold: dict[tuple[Any, ...], dict[str, Any]],
    labels: list[dict[str, Any]],
    news: dict[tuple[Any, ...], dict[str, Any]],
) -> str:
    """Why a found news measure is false: how it relates to the text's labels (``--errors``)."""
    jurisdiction, action, targets = k
    if not gold:
        if any(key(m) == k for m in labels):
            return "no-measure text: background label called news"
        return "no-measure text: talk, reaction or misreading"
    if any(key(m) == k and m.get("background") for m in labels):
        return "background label called news"
    if any((g[0], g[1]) == (jurisdiction, action) for g in gold):
        if not targets:
            return "right act, targets missing"
        return "right act, wrong targets"
    if any(g[1] == action and (g[2] == targets or jurisdiction in g[2]) for g in gold):
        return "wrong actor"
    if any(g[0] == jurisdiction and g[2] == targets for g in gold):
        return "wrong action"
    if set(gold) <= set(news):
        return "extra act in a text whose news was found"
    return "extra act in a text whose news was missed"


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


class Tally:
    """The corpus scorer's counts, added up document by document (see the module docstring)."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.eff_ok = self.eff_all = self.ann_ok = self.ann_all = 0
        self.quiet_ok = self.quiet_all = self.refused = self.documents = 0
        self.elapsed = self.cpu = 0.0
        #: per language: tp, fp, fn, no-measure texts quiet, no-measure texts
        self.by_lang: dict[str, list[int]] = {}
        self.by_set: dict[str, list[int]] = {}
        self.details: list[str] = []
        #: (kind, "fn"/"fp", reason) -> the errors of that group, one line each (``--errors``)
        self.errors: dict[tuple[str, str], list[str]] = {}
        self.candidates = 0  # gold news measures some found record (news or background) has the key of
        #: per language: gold news measures no found record has the key of, and of those, the ones in texts where
        #: nothing at all was found (the grammar proposed no candidate: what caps recall whatever decides)
        self.no_candidate: dict[str, list[int]] = {}

    def score(self, d: dict[str, Any], found: list[dict[str, Any]], name: str | None = None) -> None:
        """Score what was found in one labelled document against its labels."""
        name = name or d["file"]
        self.documents += 1
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
        lang = self.by_lang.setdefault(str(d.get("language", "?")), [0, 0, 0, 0, 0])
        part = self.by_set.setdefault(name.split("/")[0] if "/" in name else "-", [0, 0, 0])
        for k, label in gold.items():
            if k in news:
                self.tp += 1
                lang[0] += 1
                part[0] += 1
                got = news[k]
                if k in effective_labels:
                    self.eff_all += 1
                    ok = (got["effective"] or "") in effective_labels[k]
                    self.eff_ok += ok
                    if not ok:
                        wanted = " or ".join(sorted(effective_labels[k]))
                        self.details.append(f"  effective in {name}: {k} {got['effective']} != {wanted}")
                if "announced" in label:
                    self.ann_all += 1
                    self.ann_ok += _label_date(label["announced"]) == (got["announced"] or "")
            else:
                self.fn += 1
                lang[2] += 1
                part[2] += 1
                self.details.append(f"  missed in {name}: {k}")
                reason = miss_reason(k, found)
                line = f"{name}: {k}" + (f" <- {reason[1]}" if reason[1] else "")
                self.errors.setdefault(("fn", f"{reason[0]} [{d.get('language', '?')}]"), []).append(line)
        self.candidates += sum(1 for k in gold if any(key(m) == k for m in found))
        missing = self.no_candidate.setdefault(str(d.get("language", "?")), [0, 0])
        missing[0] += sum(1 for k in gold if not any(key(m) == k for m in found))
        missing[1] += len(gold) if not found else 0
        for k, got in news.items():
            if k not in gold and k not in optional:
                self.fp += 1
                lang[1] += 1
                part[1] += 1
                evidence = got["sources"][0]["evidence"][0]["text"][:100]
                self.details.append(f"  spurious in {name}: {k} <- {evidence}")
                why = spurious_reason(k, gold, d["measures"], news)
                self.errors.setdefault(("fp", f"{why} [{d.get('language', '?')}]"), []).append(
                    f"{name}: {k} <- {evidence}"
                )
        if not any(not m.get("background") for m in d["measures"]):
            self.quiet_all += 1
            self.quiet_ok += not news
            lang[4] += 1
            lang[3] += not news

    def figures(self, split: str, method: str | None) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return {
            "split": split,
            "extractor": method or DEFAULT_METHOD,
            "documents": self.documents,
            "precision": precision,
            "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "effective_accuracy": self.eff_ok / self.eff_all if self.eff_all else 0.0,
            "effective_labelled": self.eff_all,
            "announced_accuracy": self.ann_ok / self.ann_all if self.ann_all else 0.0,
            "no_measure_accuracy": self.quiet_ok / self.quiet_all if self.quiet_all else 0.0,
            "no_measure_texts": self.quiet_all,
            "docs_per_s": self.documents / self.elapsed if self.elapsed else 0.0,
            # CPU time of this single-threaded process: what one core does, whatever else the machine runs
            "docs_per_cpu_s": self.documents / self.cpu if self.cpu else 0.0,
            "refused": self.refused,
            "candidates": self.candidates,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "by_language": {
                k: {
                    **_language_figures(v),
                    "no_candidate": self.no_candidate.get(k, [0, 0])[0],
                    "nothing_found": self.no_candidate.get(k, [0, 0])[1],
                }
                for k, v in sorted(self.by_lang.items())
            },
            "by_set": {k: dict(zip(("tp", "fp", "fn"), v, strict=True)) for k, v in sorted(self.by_set.items())},
        }


def _language_figures(counts: list[int]) -> dict[str, Any]:
    """One language's share of the score: its counts, precision, recall, F1 and no-measure texts quiet.

    Why per language: the Japanese and Korean readers (intake/cjk.py) are separate grammars; a change to one
    shows here before it is lost in the total.
    """
    tp, fp, fn, quiet_ok, quiet_all = counts
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "no_measure_accuracy": quiet_ok / quiet_all if quiet_all else 0.0,
        "no_measure_texts": quiet_all,
    }


def run_document(
    path: Path,
    d: dict[str, Any],
    regimes: dict[str, Any],
    method: str | None,
    tally: Tally,
    model: Any = None,
    target_model: Any = None,
    document_model: Any = None,
) -> list[dict[str, Any]]:
    """Intake on one labelled text, timed into ``tally`` (a refused text counts as finding nothing)."""
    start, cpu_start = time.perf_counter(), time.process_time()
    try:
        doc = load_document(str(path), published_day(d["published"]))
        found = merge(
            extract(doc, regimes, method, model=model, target_model=target_model, document_model=document_model)
        )
        match(found, regimes)
    except InputError as exc:
        found = []
        tally.refused += 1
        tally.details.append(f"  refused {d['file']}: {exc}")
    tally.elapsed += time.perf_counter() - start
    tally.cpu += time.process_time() - cpu_start
    return found


def evaluate_corpus(
    corpus: Path,
    split: str,
    *,
    verbose: bool = False,
    method: str | None = None,
    errors: bool = False,
    document_model: bool = True,
) -> dict[str, Any]:
    """Precision, recall, F1, date accuracy, no-measure accuracy and speed on one split of the corpus (with the
    shipped document model, or none: ``document_model=False``)."""
    regimes = load_regimes()
    labels = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))["documents"]
    docs = [d for d in labels if d["split"] == split]
    with contextlib.suppress(InputError):  # warm up: imports and compiled patterns are not per-document costs
        merge(extract(load_document(str(corpus / "texts" / docs[0]["file"]), dt.date.today()), regimes, method))
    tally = Tally()
    for d in docs:
        gate = None if document_model else False
        tally.score(d, run_document(corpus / "texts" / d["file"], d, regimes, method, tally, document_model=gate))
    if verbose:
        print("\n".join(tally.details))
    if errors:
        report_errors(tally)
    return tally.figures(split, method)


#: The development data of the cross-validation: the twenty-five labelled sets, all spent as test sets (guideline §9).
DEV_SETS = (
    "tests/intake/corpus",
    "tests/intake/heldout",
    "tests/intake/heldout2",
    "tests/intake/heldout3",
    "tests/intake/heldout4",
    "tests/intake/heldout5",
    "tests/intake/heldout6",
    "tests/intake/heldout7",
    "tests/intake/heldout8",
    "tests/intake/heldout9",
    "tests/intake/heldout10",
    "tests/intake/heldout11",
    "tests/intake/heldout12",
    "tests/intake/heldout13",
    "tests/intake/heldout14",
    "tests/intake/heldout15",
    "tests/intake/heldout16",
    "tests/intake/heldout17",
    "tests/intake/heldout18",
    "tests/intake/heldout19",
    "tests/intake/heldout20",
    "tests/intake/heldout21",
    "tests/intake/heldout22",
    "tests/intake/heldout23",
    "tests/intake/heldout24",
)


def cv_folds(entries: list[tuple[Path, dict[str, Any]]], folds: int) -> list[int]:
    """The fold of each document: dealt round robin within its stratum (main state, +/-), in set and file order.

    Why by stratum: each fold then holds every state and its share of no-measure texts; by document, so
    no text is ever scored by a model that saw one of its sentences. Deterministic: no random seed.
    """
    seen: dict[str, int] = {}
    out = []
    for _corpus, d in entries:
        stratum = str(d.get("stratum", "?"))
        out.append(seen.get(stratum, 0) % folds)
        seen[stratum] = seen.get(stratum, 0) + 1
    return out


@functools.lru_cache(maxsize=2)
def fold_document_models(corpora: tuple[str, ...], folds: int) -> tuple[Any, ...]:
    """The document model of each fold, trained on the other folds' texts (the same for every method: kept for the
    next method's cross-validation in the same process, as the tests run all three)."""
    import intake_train

    entries = intake_train.labelled_documents([Path(c) for c in corpora])
    fold_of = cv_folds(entries, folds)
    texts = [intake_train.document_text(c, d) for c, d in entries]
    labels = [intake_train.document_label(d) for _c, d in entries]
    models = []
    for k in range(folds):
        held_in = [i for i in range(len(entries)) if fold_of[i] != k]
        models.append(
            intake_train.fit_document_model([texts[i] for i in held_in], [labels[i] for i in held_in], {}, tol=1e-4)
        )
    return tuple(models)


def evaluate_cv(
    corpora: list[Path] | None = None,
    *,
    folds: int = 5,
    method: str | None = None,
    verbose: bool = False,
    model_settings: dict[str, Any] | None = None,
    errors: bool = False,
    document_model: bool = True,
) -> dict[str, Any]:
    """k-fold cross-validation by document over the labelled sets: every text is scored by a model not trained on it.

    For "learned" and "hybrid", a sentence classifier is trained per fold on the other folds' texts (with
    ``benchmarks/intake_train.py``, using the shipped model's settings unless ``model_settings`` gives
    ``C``, ``class_weight``, ``rule_feature``, ``none_threshold``); the rules' grammar needs no training, so for
    it the figure is the score over all texts (the rules were written against parts of these sets: it is not an
    unseen-text figure for them). The document model that every method reads (``learned.gate``) is trained per
    fold too (``document_model=False``: none). Scored as ``evaluate_corpus``, summed over the folds.
    """
    import intake_train

    from exportctl.intake.learned import shipped_model

    method = method or DEFAULT_METHOD
    corpora = corpora or [ROOT / c for c in DEV_SETS]
    regimes = load_regimes()
    entries = intake_train.labelled_documents(corpora)
    fold_of = cv_folds(entries, folds)
    settings = dict(shipped_model().meta)
    settings.update(model_settings or {})
    rule_feature = bool(settings.get("rule_feature", False))
    use_targets = bool(settings.get("targets", True)) and method != "rules"
    examples: list[list[tuple[str, str, dict[str, float]]]] = []
    target_examples: list[list[tuple[str, str, dict[str, float]]]] = []
    if method != "rules":
        examples = [intake_train.document_examples(c, d, regimes, rule_feature=rule_feature) for c, d in entries]
    if use_targets:
        target_examples = [intake_train.target_examples(c, d, regimes) for c, d in entries]
    with contextlib.suppress(InputError):  # warm up
        c0, d0 = entries[0]
        merge(extract(load_document(str(c0 / "texts" / d0["file"]), dt.date.today()), regimes, "rules"))
    # the document model of each fold (every method reads it; ``document_model=False``: none, the gate's effect)
    gates: tuple[Any, ...] = fold_document_models(tuple(map(str, corpora)), folds) if document_model else ()
    tally = Tally()
    for k in range(folds):
        gate: Any = gates[k] if gates else False
        model = None
        if method != "rules":
            train = [e for i, ex in enumerate(examples) if fold_of[i] != k for e in ex]
            vec, clf = intake_train.fit(
                train, float(settings["C"]), settings.get("class_weight") == "balanced", tol=1e-4
            )
            model = intake_train.to_model(vec, clf, {**settings, "rule_feature": rule_feature})
        target_model = None
        if use_targets:
            train = [e for i, ex in enumerate(target_examples) if fold_of[i] != k for e in ex]
            vec, clf = intake_train.fit(train, float(settings.get("target_C", 1.0)), False, tol=1e-4)
            target_model = intake_train.to_model(vec, clf, {}, intake_train.TARGET_CLASSES)
        for i, (corpus, d) in enumerate(entries):
            if fold_of[i] == k:
                found = run_document(corpus / "texts" / d["file"], d, regimes, method, tally, model, target_model, gate)
                tally.score(d, found, f"{corpus.name}/{d['file']}")
    if verbose:
        print("\n".join(tally.details))
    if errors:
        report_errors(tally)
    return tally.figures(f"{folds}-fold cross-validation over {', '.join(c.name for c in corpora)}", method)


def report_errors(tally: Tally, listing: bool = True) -> None:
    """The false negatives and positives grouped by what went wrong, largest group first (``--errors``)."""
    for (kind, why), lines in sorted(tally.errors.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1])):
        print(f"{kind} {len(lines):3d}  {why}")
        if listing:
            for line in lines:
                print(f"        {line}")


def report_corpus(r: dict[str, Any]) -> None:
    print(
        f"{r['split']} ({r['extractor']}): {r['documents']} texts  precision {r['precision']:.2f}  recall {r['recall']:.2f}  "
        f"F1 {r['f1']:.2f}  (tp {r['tp']}, fp {r['fp']}, fn {r['fn']}; candidates for {r['candidates']} of "
        f"{r['tp'] + r['fn']} news measures)"
    )
    print(
        f"effective dates right {r['effective_accuracy']:.2f} of {r['effective_labelled']} matched  "
        f"announced {r['announced_accuracy']:.2f}  no-measure texts quiet {r['no_measure_accuracy']:.2f} "
        f"of {r['no_measure_texts']}  refused {r['refused']}"
    )
    for k, v in r["by_language"].items():
        print(
            f"  {k}: precision {v['precision']:.2f}  recall {v['recall']:.2f}  F1 {v['f1']:.2f}  "
            f"(tp {v['tp']}, fp {v['fp']}, fn {v['fn']})  quiet {v['no_measure_accuracy']:.2f} of {v['no_measure_texts']}  "
            f"no candidate for {v['no_candidate']} of {v['tp'] + v['fn']} news measures "
            f"({v['nothing_found']} in texts where nothing is found)"
        )
    if len(r.get("by_set", {})) > 1:
        print("by set: " + "  ".join(f"{k} {v}" for k, v in r["by_set"].items()))
    print(
        f"throughput {r['docs_per_s']:.1f} documents/s on this machine (wall clock), "
        f"{r['docs_per_cpu_s']:.1f} documents per CPU second (one core)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--corpus", type=Path, help="a labelled corpus folder (labels.yaml, texts/)")
    ap.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    ap.add_argument(
        "--cv", type=int, metavar="K", help="K-fold cross-validation by document over the twenty-five labelled sets"
    )
    ap.add_argument("--C", type=float, help="--cv: the classifier's regularization (default: the shipped model's)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and spurious measure")
    ap.add_argument(
        "--errors", action="store_true", help="the misses and spurious measures grouped by what went wrong, each listed"
    )
    ap.add_argument("--json", action="store_true", help="the figures as JSON")
    ap.add_argument("--extractor", choices=METHODS, help=f"how news is told from background (default {DEFAULT_METHOD})")
    ap.add_argument(
        "--without-document-model",
        action="store_true",
        help="--cv, --corpus: no document model (what its gate adds, by comparison)",
    )
    args = ap.parse_args()
    if args.cv:
        settings = {"C": args.C} if args.C else None
        rc = evaluate_cv(
            folds=args.cv,
            method=args.extractor,
            verbose=args.verbose,
            model_settings=settings,
            errors=args.errors,
            document_model=not args.without_document_model,
        )
        if args.json:
            print(json.dumps(rc, indent=2))
        else:
            report_corpus(rc)
        return
    if args.corpus is not None:
        rc = evaluate_corpus(
            args.corpus,
            args.split,
            verbose=args.verbose,
            method=args.extractor,
            errors=args.errors,
            document_model=not args.without_document_model,
        )
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
