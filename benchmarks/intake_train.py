"""Train intake's sentence classifier on the twenty-five labelled sets and write it into the package.

    python benchmarks/intake_train.py [--rule-feature] [--none-threshold P] [--news-threshold P] [--out PATH]

The sets are ``TRAIN_SETS``: tests/intake/corpus (all three splits), tests/intake/heldout, heldout2,
heldout3 … heldout24, 1,914 texts, all scored once and spent as test sets (guideline §9). How well the classifier does
on texts it was not trained on is measured by cross-validation by document (``benchmarks/intake_eval.py
--cv 5``, which calls ``fit`` here once per fold); a next untouched set is built by someone else and never
read here.

Sentence labels are derived from the document labels, reproducibly: every candidate measure the trigger
grammar reads out of a text (``extract.candidates(..., keep_hedged=True)``: what the rules keep and
what their modality rules hedged) is labelled by the key the scorer
uses (jurisdiction, action, targets; benchmarks/intake_eval.py):

- ``news``        the key is one of the text's labelled news measures (neither background nor optional);
- ``background``  the key is only among its background measures;
- ``talk``        the key is nowhere in the text's labels and the modality rules hedged the sentence (a
                  plan, a wish, pressure, a rumour or a denial: no measure);
- ``none``        the key is nowhere in the text's labels otherwise (the trigger misread the sentence);
- a key that matches only optional labels is left out of training (a careful reader could go either way).

A multinomial logistic regression (scikit-learn, L2) over the features of
``exportctl.intake.learned.features`` is fitted on those sentences; its regularization is chosen by
cross-validation grouped by document over the sets (news F1 per candidate sentence).

The model is written as JSON weights (``src/exportctl/intake/models/sentence_classifier.json``), so run
time needs neither scikit-learn nor a download. scikit-learn is needed only here (the ``intake`` extra).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from exportctl.errors import InputError
from exportctl.intake.document import load_document
from exportctl.intake.extract import candidates
from exportctl.intake.learned import (
    CLASSES,
    DOCUMENT_MODEL_PATH,
    MODEL_PATH,
    TARGET_CLASSES,
    TARGET_MODEL_PATH,
    DocumentModel,
    SentenceModel,
    candidate_features,
    document_grams,
    target_options,
)
from exportctl.law.loader import load_regimes

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from intake_eval import key, published_day  # noqa: E402

#: Regularization strengths tried by grouped cross-validation (inverse: larger C fits harder).
C_GRID = (0.3, 1.0, 3.0, 10.0)


#: The labelled sets the shipped classifier learns from (all twenty-three were scored once and are spent as test
#: sets; guideline §9): every document of each, whatever its ``split``.
TRAIN_SETS = (
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


def labelled_documents(corpora: list[Path]) -> list[tuple[Path, dict[str, Any]]]:
    """(corpus folder, label record) for every document of the given labelled sets, in file order."""
    out = []
    for corpus in corpora:
        documents = yaml.safe_load((corpus / "labels.yaml").read_text(encoding="utf-8"))["documents"]
        out.extend((corpus, d) for d in documents)
    return out


def document_examples(
    corpus: Path, d: dict[str, Any], regimes: dict[str, Any], *, rule_feature: bool
) -> list[tuple[str, str, dict[str, float]]]:
    """(document, label, features) for every candidate sentence of one labelled text, labelled as above."""
    name = f"{corpus.name}/{d['file']}"
    doc = load_document(str(corpus / "texts" / d["file"]), published_day(d["published"]))
    news = {key(m) for m in d["measures"] if not m.get("background") and not m.get("optional")}
    background = {key(m) for m in d["measures"] if m.get("background") and not m.get("optional")}
    optional = {key(m) for m in d["measures"] if m.get("optional")}
    found = candidates(doc, regimes, keep_hedged=True)
    out = []
    for c in found:
        k = key({"jurisdiction": c.jurisdiction, "action": c.action, "targets": c.targets})
        if k in news:
            label = "news"
        elif k in background:
            label = "background"
        elif k in optional:
            continue
        elif any(n.startswith("hedged:") for n in c.notes):
            label = "talk"
        else:
            label = "none"
        out.append((name, label, candidate_features(c, doc, found, rule_feature=rule_feature)))
    return out


def target_examples(
    corpus: Path, d: dict[str, Any], regimes: dict[str, Any]
) -> list[tuple[str, str, dict[str, float]]]:
    """(document, "in"/"out", features) for each state named near each act the grammar reads out of one text.

    The act's labelled targets are those of the text's labels with its state and action (news, background or
    optional alike: whom an act is aimed at does not depend on whether it is news); an act whose state and
    action have labels with different targets is left out (it cannot tell which one it is).
    """
    name = f"{corpus.name}/{d['file']}"
    doc = load_document(str(corpus / "texts" / d["file"]), published_day(d["published"]))
    out = []
    for c in candidates(doc, regimes, keep_hedged=True):
        labelled = {
            tuple(sorted(m["targets"]))
            for m in d["measures"]
            if (m["jurisdiction"], m["action"]) == (c.jurisdiction, c.action)
        }
        if len(labelled) != 1 or c.action.startswith("wto"):
            continue
        gold = set(next(iter(labelled)))
        out.extend((name, "in" if code in gold else "out", f) for code, f in target_options(c, doc))
    return out


def sentence_examples(
    corpora: list[Path], *, rule_feature: bool, regimes: dict[str, Any] | None = None
) -> list[tuple[str, str, dict[str, float]]]:
    """(document, label, features) for every candidate sentence of every text of the given sets."""
    regimes = regimes or load_regimes()
    out = []
    for corpus, d in labelled_documents(corpora):
        out.extend(document_examples(corpus, d, regimes, rule_feature=rule_feature))
    return out


def fit(examples: list[tuple[str, str, dict[str, float]]], c: float, balanced: bool, tol: float = 1e-8) -> Any:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform([f for _d, _l, f in examples])
    y = [label for _d, label, _f in examples]
    # A tight tolerance: the optimum (unique under L2) is reached whatever the version, so retraining reproduces
    # the shipped weights (tests/test_intake_learned.py).
    # (Cross-validation passes a looser one: its models are thrown away.)
    clf = LogisticRegression(C=c, max_iter=20000, tol=tol, class_weight="balanced" if balanced else None)
    clf.fit(x, y)
    return vec, clf


def grouped_cv(examples: list[tuple[str, str, dict[str, float]]], c: float, balanced: bool, folds: int = 5) -> float:
    """F1 of "this sentence is the text's news" over the candidates, each document held out once.

    Why news F1 and not accuracy: the scorer counts only what is kept as news; telling background
    from talk or none is harmless. Documents are dealt round robin to the folds, so the figure is
    reproducible.
    """
    docs = sorted({d for d, _l, _f in examples})
    fold_of = {d: i % folds for i, d in enumerate(docs)}
    tp = fp = fn = 0
    for k in range(folds):
        train = [e for e in examples if fold_of[e[0]] != k]
        held = [e for e in examples if fold_of[e[0]] == k]
        if not held:
            continue
        vec, clf = fit(train, c, balanced, tol=1e-4)
        pred = clf.predict(vec.transform([f for _d, _l, f in held]))
        for p, (_d, label, _f) in zip(pred, held, strict=True):
            tp += p == "news" and label == "news"
            fp += p == "news" and label != "news"
            fn += p != "news" and label == "news"
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def to_model(vec: Any, clf: Any, meta: dict[str, Any], classes: tuple[str, ...] = CLASSES) -> SentenceModel:
    """The fitted regression as plain weights in the order of ``CLASSES`` (tiny weights dropped).

    A class the training sentences never show gets no weights and a bias that keeps it improbable;
    with two classes scikit-learn fits one row (the second class's score against 0), kept as such.
    """
    import numpy as np

    fitted = [str(c) for c in clf.classes_]
    coef = np.asarray(clf.coef_)
    intercept = np.asarray(clf.intercept_)
    if len(fitted) == 2:
        coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
        intercept = np.array([0.0, intercept[0]])
    rows = {c: i for i, c in enumerate(fitted)}
    weights: dict[str, list[float]] = {}
    for j, name in enumerate(vec.feature_names_):
        w = [round(float(coef[rows[c], j]), 4) if c in rows else 0.0 for c in classes]
        if any(abs(x) >= 1e-4 for x in w):
            weights[name] = w
    bias = [round(float(intercept[rows[c]]), 4) if c in rows else -30.0 for c in classes]
    return SentenceModel(classes, dict(sorted(weights.items())), bias, meta)


def dump(model: SentenceModel | DocumentModel) -> str:
    """A model as JSON with one feature (a sentence model's) or gram (the document model's) a line: small, and a
    retrained model diffs line by line."""
    data = model.to_json()
    table = "grams" if isinstance(model, DocumentModel) else "weights"
    lines = [f"  {json.dumps(name, ensure_ascii=False)}: {json.dumps(w)}" for name, w in data[table].items()]
    head = {k: v for k, v in data.items() if k != table}
    return (
        "{\n"
        + "".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n" for k, v in head.items())
        + f'"{table}": {{\n'
        + ",\n".join(lines)
        + "\n}}\n"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rule-feature", action="store_true", help="give the model the rules' background call")
    ap.add_argument("--none-threshold", type=float, default=0.5, help="hybrid: drop when P(talk or none) reaches this")
    ap.add_argument("--news-threshold", type=float, default=0.0, help="learned: a news call below this is background")
    ap.add_argument("--C", type=float, help="skip the grid: this regularization (chosen with intake_eval.py --cv)")
    ap.add_argument("--balanced", action="store_true", help="with --C: balanced class weights")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--target-out", type=Path, default=TARGET_MODEL_PATH)
    ap.add_argument("--document-out", type=Path, default=DOCUMENT_MODEL_PATH)
    args = ap.parse_args()
    examples = sentence_examples([ROOT / s for s in TRAIN_SETS], rule_feature=args.rule_feature)
    counts = Counter(label for _d, label, _f in examples)
    print(f"{len(examples)} candidate sentences from {len({d for d, _l, _f in examples})} texts: {dict(counts)}")
    grid = [(args.C, args.balanced)] if args.C else [(c, b) for c in C_GRID for b in (False, True)]
    scores = {(c, b): grouped_cv(examples, c, b) for c, b in grid}
    for (c, b), acc in scores.items():
        print(f"  C {c:<5} balanced {b!s:<5} grouped 5-fold news F1 per candidate {acc:.3f}")
    (best_c, balanced), best = max(scores.items(), key=lambda kv: (kv[1], -kv[0][0]))
    vec, clf = fit(examples, best_c, balanced)
    meta = {
        "trained_on": list(TRAIN_SETS),
        "examples": dict(sorted(counts.items())),
        "C": best_c,
        "class_weight": "balanced" if balanced else None,
        "cv_news_f1": round(best, 3),
        "rule_feature": args.rule_feature,
        "none_threshold": args.none_threshold,
        "news_threshold": args.news_threshold,
        "trainer": "benchmarks/intake_train.py (scikit-learn LogisticRegression)",
    }
    model = to_model(vec, clf, meta)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(dump(model), encoding="utf-8")
    print(f"C {best_c}, balanced {balanced}: {len(model.weights)} weights -> {args.out}")
    tmodel = train_target_model()
    args.target_out.write_text(dump(tmodel), encoding="utf-8")
    print(f"target model: {tmodel.meta['examples']}, {len(tmodel.weights)} weights -> {args.target_out}")
    dmodel = train_document_model()
    args.document_out.write_text(dump(dmodel), encoding="utf-8")
    print(f"document model: {dmodel.meta['examples']}, {len(dmodel.grams)} grams -> {args.document_out}")


#: The target model's regularization (chosen with ``intake_eval.py --cv 5``: C 0.3, 1 and 3 compared).
TARGET_C = 1.0


def train_target_model(regimes: dict[str, Any] | None = None) -> SentenceModel:
    """The target model, fitted on every state named near every act of the nineteen sets (``target_examples``)."""
    regimes = regimes or load_regimes()
    sets = [ROOT / s for s in TRAIN_SETS]
    examples = [e for c, d in labelled_documents(sets) for e in target_examples(c, d, regimes)]
    vec, clf = fit(examples, TARGET_C, False)
    meta = {
        "trained_on": list(TRAIN_SETS),
        "examples": dict(sorted(Counter(label for _d, label, _f in examples).items())),
        "C": TARGET_C,
        "trainer": "benchmarks/intake_train.py (scikit-learn LogisticRegression)",
    }
    return to_model(vec, clf, meta, TARGET_CLASSES)


#: The document model's settings, chosen with ``intake_eval.py --cv 5`` (thirty-ninth session, rules path): C 1, 3
#: and 10; 20,000, 50,000 and 200,000 grams; thresholds 0.2-0.5 compared (docs/intake-guideline.md).
DOCUMENT_C = 10.0
DOCUMENT_FEATURES = 20_000
DOCUMENT_THRESHOLD = 0.3


def document_label(d: dict[str, Any]) -> int:
    """1 when a labelled text reports a new measure (any measure not only recalled as background), else 0."""
    return int(any(not m.get("background") for m in d["measures"]))


def document_text(corpus: Path, d: dict[str, Any]) -> str:
    """The text intake reads of a labelled document ("" when it refuses it)."""
    try:
        return load_document(str(corpus / "texts" / d["file"]), published_day(d["published"])).text
    except InputError:
        return ""


def fit_document_model(texts: list[str], labels: list[int], meta: dict[str, Any], tol: float = 1e-8) -> DocumentModel:
    """The document model fitted on ``texts``: TF-IDF over :func:`document_grams` (sublinear, unit length) and
    an L2 logistic regression with balanced class weights, written as (idf, weight) per gram."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(analyzer=document_grams, min_df=2, sublinear_tf=True, max_features=DOCUMENT_FEATURES)
    x = vec.fit_transform(texts)
    clf = LogisticRegression(C=DOCUMENT_C, max_iter=20000, tol=tol, class_weight="balanced")
    clf.fit(x, labels)
    coef = clf.coef_[0]
    grams = {
        str(g): (round(float(vec.idf_[j]), 5), round(float(coef[j]), 5)) for g, j in sorted(vec.vocabulary_.items())
    }
    return DocumentModel(grams, round(float(clf.intercept_[0]), 5), DOCUMENT_THRESHOLD, meta)


def train_document_model() -> DocumentModel:
    """The document model, fitted on every text of the sets (``TRAIN_SETS``)."""
    entries = labelled_documents([ROOT / s for s in TRAIN_SETS])
    labels = [document_label(d) for _c, d in entries]
    meta = {
        "trained_on": list(TRAIN_SETS),
        "examples": {"no_measure": labels.count(0), "measure": labels.count(1)},
        "C": DOCUMENT_C,
        "features": DOCUMENT_FEATURES,
        "trainer": "benchmarks/intake_train.py (scikit-learn TfidfVectorizer, LogisticRegression)",
    }
    return fit_document_model([document_text(c, d) for c, d in entries], labels, meta)


if __name__ == "__main__":
    main()
