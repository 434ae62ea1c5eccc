"""The learned half of intake: a sentence classifier that tells, for each sentence the trigger grammar
reads a measure out of, whether the sentence reports it as this text's news, recalls it as background,
or reports no measure at all.

Why a learned step here: the rules that made these three calls (``settle_background`` and the hedge
lists) were written against the development texts and did not carry over to unseen ones (guideline
§9). Slot filling (actor, action, targets, items, dates) stays with the grammar; the call that failed
to generalize is made by a linear model over word and character n-grams of the sentence (states
masked as actor / target / other state, so it learns wording rather than who acted) plus a few facts
about where and when the sentence stands in the document.

Beside it, a target model (which of the states named near an act it is aimed at) and a document model
(whether the text as a whole reports a new measure at all: :func:`gate`, read by every extractor).

The models are trained at build time by ``benchmarks/intake_train.py`` on the labelled sets
(``TRAIN_SETS``) and ship as ``intake/models/*.json`` (weights, no pickled code). Scoring is a sparse
dot product in plain Python: no third-party package and no download at run time.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from exportctl.intake.document import Document
from exportctl.intake.gazetteer import states

#: The shipped model, written by benchmarks/intake_train.py.
MODEL_PATH = Path(__file__).with_name("models") / "sentence_classifier.json"
#: What the classifier says of a sentence that carries a candidate measure: this text's news, a recalled
#: background act, talk of an act (a plan, a wish, pressure, a rumour or a denial: no measure), or no
#: measure at all (the grammar's trigger misread the sentence).
CLASSES = ("news", "background", "talk", "none")
DROPPED = ("talk", "none")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
WORD = re.compile(r"⟨\w+⟩|[a-z]+(?:['’][a-z]+)?|\d+", re.I)


def _bucket(value: int | None, edges: tuple[int, ...]) -> str:
    """A count or a number of days as a coarse bucket (so the model learns "weeks back", not "23 days")."""
    if value is None:
        return "none"
    for edge in edges:
        if value <= edge:
            return f"le{edge}"
    return f"gt{edges[-1]}"


def masked_sentence(sentence: str, actor: str | None, targets: list[str]) -> str:
    """The sentence with every state named in it replaced by its role: ⟨actor⟩, ⟨target⟩ or ⟨state⟩.

    Why: 50 training texts name a handful of states; the wording that makes a sentence news or
    background ("had", "on Friday", "in response to") is what must carry over to other states.
    """
    out, pos = [], 0
    for a, b, code in states(sentence):
        if a < pos:
            continue
        role = "actor" if code == actor else "target" if code in targets else "state"
        out.append(sentence[pos:a])
        out.append(f" ⟨{role}⟩ ")
        pos = b
    out.append(sentence[pos:])
    return re.sub(r"\d", "0", "".join(out).lower())


def _gap_days(published: Any, value: str | None) -> int | None:
    """Days from a candidate's date (of any precision, counted from its first day) to publication."""
    if value is None or published is None:
        return None
    from exportctl.intake.extract import _date_start

    try:
        return int((published - _date_start(value)).days)
    except ValueError:
        return None


def features(
    sentence: str,
    *,
    language: str,
    action: str,
    actor: str | None,
    targets: list[str],
    index: int,
    lead: bool,
    recalled: bool,
    past_tense: bool,
    dated_today: bool,
    announced: str | None,
    effective: str | None,
    published: Any,
    first_in_document: bool,
    same_as_first: bool,
    rule_background: bool | None = None,
    hedged: str | None = None,
    context: dict[str, str] | None = None,
) -> dict[str, float]:
    """The sparse feature vector of one candidate's sentence (name -> value), shared by training and scoring."""
    text = masked_sentence(sentence, actor, targets)
    f: dict[str, float] = {}
    if CJK.search(sentence):
        squeezed = re.sub(r"\s+", " ", text)
        for n in (2, 3):
            for i in range(len(squeezed) - n + 1):
                gram = squeezed[i : i + n]
                if gram.strip():
                    f[f"c{n}:{gram}"] = 1.0
    words = WORD.findall(text)
    for i, w in enumerate(words):
        f[f"w:{w}"] = 1.0
        if i + 1 < len(words):
            f[f"b:{w} {words[i + 1]}"] = 1.0
    norm = 1.0 / math.sqrt(len(f)) if f else 1.0
    f = {k: v * norm for k, v in f.items()}  # long and short sentences weigh alike
    gap_ann = _gap_days(published, announced)
    gap_eff = _gap_days(published, effective)
    for name in (
        f"lang={language}",
        f"action={action}",
        f"lead={lead}",
        f"recalled={recalled}",
        f"past_tense={past_tense}",
        f"dated_today={dated_today}",
        f"targets={bool(targets)}",
        f"index={_bucket(index, (0, 1, 2, 4, 8))}",
        f"gap_announced={_bucket(gap_ann, (-1, 0, 3, 14, 40, 365))}",
        f"gap_effective={_bucket(gap_eff, (-1, 0, 3, 14, 40, 365))}",
        f"first_in_document={first_in_document}",
        f"same_as_first={same_as_first}",
        f"hedged={hedged}",
    ):
        f[name] = 1.0
    for k, v in (context or {}).items():
        f[f"{k}={v}"] = 1.0
    if rule_background is not None:  # the rules' own call, for a model trained to weigh it
        f[f"rule_background={rule_background}"] = 1.0
    return f


def candidate_features(c: Any, doc: Document, found: list[Any], *, rule_feature: bool = False) -> dict[str, float]:
    """Features of a :class:`~exportctl.intake.extract.Candidate` among the document's other candidates.

    ``rule_feature`` adds the rules' background call (``c.background`` as ``settle_background`` left it).
    """
    first = min(found, key=lambda o: o.sentence) if found else None
    same = [o for o in found if (o.jurisdiction, o.action) == (c.jurisdiction, c.action)]
    same_key = [o for o in same if sorted(o.targets) == sorted(c.targets)]
    context = {  # how the document as a whole tells this act: in its headline or lead, how often, among how many
        "act_in_lead": str(any(o.lead for o in same)),
        "key_in_lead": str(any(o.lead for o in same_key)),
        "act_count": _bucket(len(same), (1, 2, 4)),
        "acts_in_document": _bucket(len({(o.jurisdiction, o.action) for o in found}), (1, 2, 4)),
        "earliest_of_act": str(min(o.sentence for o in same) == c.sentence),
    }
    return features(
        c.evidence[0].text,
        language=getattr(doc, "language", "en"),
        action=c.action,
        actor=c.jurisdiction,
        targets=list(c.targets),
        index=c.sentence,
        lead=c.lead,
        recalled=c.recalled,
        past_tense=c.past_tense,
        dated_today=c.dated_today,
        announced=c.announced,
        effective=c.effective,
        published=doc.published,
        first_in_document=first is c,
        same_as_first=first is not None and (first.jurisdiction, first.action) == (c.jurisdiction, c.action),
        rule_background=bool(c.background) if rule_feature else None,
        hedged=next((n.split(":", 1)[1] for n in c.notes if n.startswith("hedged:")), None),
        context=context,
    )


@dataclass(frozen=True)
class SentenceModel:
    """A linear classifier: one weight per (feature, class), one bias per class, softmax on top."""

    classes: tuple[str, ...]
    weights: dict[str, list[float]]
    bias: list[float]
    meta: dict[str, Any]

    def probabilities(self, f: dict[str, float]) -> dict[str, float]:
        scores = list(self.bias)
        for name, value in f.items():
            w = self.weights.get(name)
            if w is not None:
                for i, wi in enumerate(w):
                    scores[i] += wi * value
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "bias": self.bias, "weights": self.weights, "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SentenceModel:
        classes = tuple(data["classes"])
        weights = {str(k): [float(x) for x in v] for k, v in data["weights"].items()}
        if any(len(w) != len(classes) for w in weights.values()) or len(data["bias"]) != len(classes):
            raise ValueError("sentence classifier: weights do not match its classes")
        return cls(classes, weights, [float(b) for b in data["bias"]], dict(data.get("meta", {})))


@lru_cache(maxsize=1)
def shipped_model() -> SentenceModel:
    """The model in the package (read once per process)."""
    return SentenceModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def decide(
    found: list[Any],
    doc: Document,
    method: str,
    model: SentenceModel | None = None,
    target_model: SentenceModel | None = None,
) -> list[Any]:
    """News, background or nothing for each candidate, by the classifier (see ``extract.METHODS``).

    "learned": the most probable class wins (news: kept as news; background: kept as background;
    talk or none: dropped); a news call below the model's ``news_threshold`` is kept as background. "hybrid": the rules' news/background call stands and the classifier only
    drops a candidate whose probability of reporting no measure (talk or none) reaches the model's
    ``none_threshold``.
    Each kept candidate says in its notes what the classifier gave it, so a reviewer sees why. Then the
    target model (``target_model``, else the shipped one when there is one) chooses each kept act's targets.
    """
    model = model or shipped_model()
    target_model = target_model or shipped_target_model()
    rule_feature = bool(model.meta.get("rule_feature", False))
    threshold = float(model.meta.get("none_threshold", 0.5))
    news_threshold = float(model.meta.get("news_threshold", 0.0))
    scored = [(c, model.probabilities(candidate_features(c, doc, found, rule_feature=rule_feature))) for c in found]
    kept = []
    for c, p in scored:
        best = max(p, key=lambda k: p[k])
        if method == "learned":
            if best in DROPPED:
                continue
            # precision first: a "news" call the model is not sure of claims nothing (kept as background)
            c.background = best != "news" or p["news"] < news_threshold
        elif sum(p.get(k, 0.0) for k in DROPPED) >= threshold:
            continue
        c.notes.append("classifier: " + ", ".join(f"{k} {v:.2f}" for k, v in p.items()))
        kept.append(c)
    if target_model is not None:
        for c in kept:
            choose_targets(c, doc, target_model)
    return kept


# ----------------------------------------------------------------------------------- targets

#: The shipped target model, written by benchmarks/intake_train.py: for each state a document names near an
#: act, is it one the act is aimed at?
TARGET_MODEL_PATH = Path(__file__).with_name("models") / "target_classifier.json"
TARGET_CLASSES = ("out", "in")
#: Sentences from the document's start that count as its headline and lead for target options.
LEAD_SENTENCES = 3


def _mention_context(text: str, a: int, b: int, prefix: str) -> dict[str, float]:
    """The words (English) or characters (Japanese, Korean) right around one naming of a state."""
    f: dict[str, float] = {}
    before, after = text[max(0, a - 40) : a], text[b : b + 40]
    if CJK.search(text[max(0, a - 6) : b + 6]):
        f[f"{prefix}cb1:{before[-1:]}"] = 1.0
        f[f"{prefix}cb2:{before[-2:]}"] = 1.0
        f[f"{prefix}ca1:{after[:1]}"] = 1.0
        f[f"{prefix}ca2:{after[:2]}"] = 1.0
        f[f"{prefix}ca3:{after[:3]}"] = 1.0
    words_before = WORD.findall(before.lower())[-3:]
    words_after = WORD.findall(after.lower())[:2]
    for i, w in enumerate(reversed(words_before)):
        f[f"{prefix}wb{i}:{w}"] = 1.0
        f[f"{prefix}wb:{w}"] = 1.0
    for i, w in enumerate(words_after):
        f[f"{prefix}wa{i}:{w}"] = 1.0
    word = text[a:b]
    possessive = word.endswith(("'s", "’s"))
    f[f"{prefix}possessive={possessive}"] = 1.0
    f[f"{prefix}demonym={word.lower() in _demonyms()}"] = 1.0
    return f


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    from exportctl.intake.gazetteer import DEMONYMS

    return frozenset(DEMONYMS)


@lru_cache(maxsize=4)
def _document_states(text: str) -> tuple[tuple[tuple[int, int], ...], dict[str, int], tuple[tuple[Any, ...], ...]]:
    """A document's sentence spans, how often it names each state, and the states each sentence names (per document,
    whatever the number of acts in it)."""
    from exportctl.intake.document import sentences

    spans = tuple(sentences(text))
    counts: dict[str, int] = {}
    for _a, _b, code in states(text):
        counts[code] = counts.get(code, 0) + 1
    return spans, counts, tuple(tuple(states(text[s0:s1])) for s0, s1 in spans)


def target_options(c: Any, doc: Document) -> list[tuple[str, dict[str, float]]]:
    """Each state the document names in the act's sentence or its headline and lead (not the actor), with the
    features that tell whether the act is aimed at it: where and how it is named, and the grammar's own call."""
    spans, counts, named_in = _document_states(doc.text)
    where: dict[int, str] = {c.sentence: "s"}
    for j in range(min(LEAD_SENTENCES, len(spans))):
        where.setdefault(j, "h" if j == 0 else "l")
    named: dict[str, dict[str, float]] = {}
    for j, prefix in where.items():
        if j >= len(spans):
            continue
        s0, s1 = spans[j]
        for a, b, code in named_in[j]:
            if code == c.jurisdiction:
                continue
            f = named.setdefault(code, {})
            f.update(_mention_context(doc.text[s0:s1], a, b, prefix + ":"))
            f[f"in:{prefix}"] = 1.0
    for code in c.targets:  # told further on (complete_targets): the grammar's call is all there is
        named.setdefault(code, {"in:rule_only": 1.0})
    top = max(counts.values()) if counts else 0
    out = []
    for code, f in named.items():
        f = dict(f)
        lang = getattr(doc, "language", "en")
        f[f"lang={lang}"] = 1.0
        f[f"action={c.action}"] = 1.0
        rule = code in c.targets
        f[f"rule_target={rule}"] = 1.0
        f[f"rule_target={rule}&action={c.action}"] = 1.0
        f[f"rule_targets={_bucket(len(c.targets), (0, 1, 2))}"] = 1.0
        f[f"mentions={_bucket(counts.get(code, 0), (1, 2, 4))}"] = 1.0
        f[f"most_named={counts.get(code, 0) == top}"] = 1.0
        out.append((code, f))
    return out


@lru_cache(maxsize=1)
def shipped_target_model() -> SentenceModel | None:
    """The target model in the package, if there is one (read once per process)."""
    if not TARGET_MODEL_PATH.is_file():
        return None
    return SentenceModel.from_json(json.loads(TARGET_MODEL_PATH.read_text(encoding="utf-8")))


def choose_targets(c: Any, doc: Document, model: SentenceModel) -> None:
    """Set the act's targets to the states the target model puts in (a WTO case keeps the grammar's counterpart)."""
    if c.action.startswith("wto"):
        return
    chosen = sorted(code for code, f in target_options(c, doc) if model.probabilities(f)["in"] >= 0.5)
    if sorted(c.targets) != chosen:
        c.notes.append(f"targets: {','.join(c.targets) or '-'} -> {','.join(chosen) or '-'} (target model)")
        c.targets = chosen


# ----------------------------------------------------------------------------------- the document as a whole

#: The shipped document model, written by benchmarks/intake_train.py: does the text as a whole report a new measure?
DOCUMENT_MODEL_PATH = Path(__file__).with_name("models") / "document_classifier.json"
#: Characters from the document's start the document model reads (headline and lead: where a text says what it is).
DOCUMENT_CHARS = 1500
#: Character n-gram lengths of the document model.
DOCUMENT_GRAMS = (2, 3, 4)
#: Texts shorter than this are not read by the document model: a headline or a few sentences are not an article, and
#: the model learned from articles (one labelled text in twenty is shorter; cross-validated, leaving them to the
#: sentence-level reading costs 0.003 of F1, docs/intake-guideline.md "Thirty-ninth session").
DOCUMENT_MIN_CHARS = 300


def document_grams(text: str) -> list[str]:
    """The character n-grams of a text's start, within words (each padded with a space either side).

    Why characters: one model reads English, Japanese and Korean without a tokenizer, and what marks a text
    as statistics, results, a reaction or an explainer ("exports fell", 前年同月比, 실적) is in its wording
    whatever states it names. Training (``benchmarks/intake_train.py``) and scoring use this one function.
    """
    out: list[str] = []
    for word in text[:DOCUMENT_CHARS].lower().split():
        padded = f" {word} "
        for n in DOCUMENT_GRAMS:
            out.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
    return out


@dataclass(frozen=True)
class DocumentModel:
    """Logistic regression over the text's n-grams weighted as scikit-learn's ``TfidfVectorizer`` weighs them
    (sublinear term frequency times the gram's idf, the vector scaled to unit length)."""

    #: gram -> (idf, weight); grams outside the vocabulary are not read.
    grams: dict[str, tuple[float, float]]
    bias: float
    #: Below this probability of reporting a new measure, every act found is kept as background.
    threshold: float
    meta: dict[str, Any]

    def probability(self, text: str) -> float:
        """The probability that ``text`` reports a new measure (news, not only recalled acts)."""
        known = self.grams
        read = [(1.0 + math.log(n), known[g]) for g, n in Counter(document_grams(text)).items() if g in known]
        norm = math.sqrt(sum((tf * idf) ** 2 for tf, (idf, _w) in read)) or 1.0
        score = self.bias + sum(tf * idf * w for tf, (idf, w) in read) / norm
        return 1.0 / (1.0 + math.exp(-score)) if score > -500 else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "bias": self.bias,
            "threshold": self.threshold,
            "grams": {g: [idf, w] for g, (idf, w) in self.grams.items()},
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentModel:
        grams = {str(g): (float(v[0]), float(v[1])) for g, v in data["grams"].items()}
        return cls(grams, float(data["bias"]), float(data["threshold"]), dict(data.get("meta", {})))


@lru_cache(maxsize=1)
def shipped_document_model() -> DocumentModel | None:
    """The document model in the package (read once per process), or None if the package has none."""
    if not DOCUMENT_MODEL_PATH.is_file():
        return None
    return DocumentModel.from_json(json.loads(DOCUMENT_MODEL_PATH.read_text(encoding="utf-8")))


def gate(found: list[Any], doc: Document, model: DocumentModel) -> None:
    """Keep every act found as background when the text as a whole reads as reporting no new measure.

    Why: texts that report no measure (statistics, results, reactions, talks, explainers) were the largest
    source of false measures, one sentence at a time: each recalls or discusses an act in words the trigger
    grammar reads as news. Whether a text is news is better told from the whole of its start than from any
    one sentence (cross-validated over the labelled sets; docs/intake-guideline.md, "Thirty-ninth session").
    The acts stay in the output as background, with a note saying why, so a reviewer still sees them. A text
    shorter than ``DOCUMENT_MIN_CHARS`` is left to the sentence-level reading.
    """
    if len(doc.text.strip()) < DOCUMENT_MIN_CHARS or not any(not c.background for c in found):
        return
    p = model.probability(doc.text)
    if p >= model.threshold:
        return
    for c in found:
        if not c.background:
            c.background = True
            c.notes.append(
                f"document model: the text as a whole reads as reporting no new measure "
                f"(probability {p:.2f} < {model.threshold:.2f}); kept as background"
            )
