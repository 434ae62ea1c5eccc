"""The learned half of intake: the shipped sentence classifier, how its calls are applied, how it was made.

The quality of the learned path on real texts is gated in tests/test_intake_corpus.py (cross-validated over
the seven labelled sets: every text scored by a model not trained on it); here: the model file is the one
benchmarks/intake_train.py makes from those sets (so nobody ships a model trained on anything else, or one
the features have drifted from), and ``decide`` does what each call says.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from exportctl.intake.document import Document
from exportctl.intake.extract import METHODS, Candidate, Evidence, candidates, extract
from exportctl.intake.learned import CLASSES, MODEL_PATH, SentenceModel, decide, masked_sentence, shipped_model
from exportctl.law.loader import load_regimes

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "intake" / "corpus"


def _trainer():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import intake_train

    return intake_train


def _candidate(sentence: str, *, background: bool = False) -> Candidate:
    return Candidate(
        document="doc.txt",
        jurisdiction="JP",
        action="remove_from_preferred_list",
        targets=["KR"],
        items=[],
        announced=None,
        effective=None,
        stage="in_force",
        background=background,
        evidence=[Evidence(sentence, 0, len(sentence))],
        confidence=0.9,
    )


def _doc(text: str) -> Document:
    return Document(source="doc.txt", text=text, published=dt.date(2019, 8, 2), sha256="0" * 64)


def _biased(winner: str, p: float = 0.9) -> SentenceModel:
    """A model that gives ``winner`` probability ``p`` whatever the sentence (bias only)."""
    import math

    rest = (1 - p) / (len(CLASSES) - 1)
    return SentenceModel(CLASSES, {}, [math.log(p if c == winner else rest) for c in CLASSES], {})


def test_the_shipped_model_is_trained_on_the_three_labelled_sets() -> None:
    model = shipped_model()
    assert model.classes == CLASSES
    assert model.meta["trained_on"] == list(_trainer().TRAIN_SETS)
    assert len(model.weights) > 100 and all(len(w) == len(CLASSES) for w in model.weights.values())


def test_the_shipped_model_is_what_the_trainer_makes_from_the_sets() -> None:
    """Retrain with the shipped model's own settings: the same weights (to rounding), so the file is reproducible
    and the features and candidate set it was trained on are still the ones intake computes."""
    trainer = _trainer()
    shipped = shipped_model()
    sets = [ROOT / s for s in shipped.meta["trained_on"]]
    examples = trainer.sentence_examples(sets, rule_feature=bool(shipped.meta["rule_feature"]))
    counts: dict[str, int] = {}
    for _d, label, _f in examples:
        counts[label] = counts.get(label, 0) + 1
    assert counts == shipped.meta["examples"]
    vec, clf = trainer.fit(examples, shipped.meta["C"], shipped.meta["class_weight"] == "balanced")
    again = trainer.to_model(vec, clf, shipped.meta)
    assert again.bias == pytest.approx(shipped.bias, abs=2e-3)
    for name in set(again.weights) | set(shipped.weights):
        a = again.weights.get(name, [0.0] * len(CLASSES))
        b = shipped.weights.get(name, [0.0] * len(CLASSES))
        assert a == pytest.approx(b, abs=2e-3), name


def test_decide_applies_each_call() -> None:
    doc = _doc("Japan removed South Korea from its white list on Friday.")
    sentence = doc.text
    for winner, kept, background in (("news", True, False), ("background", True, True), ("talk", False, None)):
        out = decide([_candidate(sentence, background=not bool(background))], doc, "learned", _biased(winner))
        assert bool(out) == kept
        if out:
            assert out[0].background is background
            assert any(n.startswith("classifier: news") for n in out[0].notes)
    # hybrid: the rules' background call stands; only a confident "no measure" drops the candidate
    assert decide([_candidate(sentence, background=True)], doc, "hybrid", _biased("news"))[0].background
    assert decide([_candidate(sentence)], doc, "hybrid", _biased("none", 0.95)) == []


def test_states_are_masked_by_role() -> None:
    masked = masked_sentence("Japan removed South Korea from its white list, China said on 2 August.", "JP", ["KR"])
    assert masked.startswith(" ⟨actor⟩  removed  ⟨target⟩  from")
    assert "⟨state⟩" in masked and "0 august" in masked


def test_hedged_acts_reach_only_the_learned_path(tmp_path: Path) -> None:
    text = "Japan is considering removing South Korea from its white list, officials said on Friday."
    p = tmp_path / "d.txt"
    p.write_text(text, encoding="utf-8")
    regimes = load_regimes()
    doc = Document(source=str(p), text=text, published=dt.date(2019, 8, 2), sha256="0" * 64)
    assert extract(doc, regimes, "rules") == []
    aside = candidates(doc, regimes, keep_hedged=True)  # what the classifier is given to judge
    assert [(c.jurisdiction, c.action, c.notes) for c in aside] == [
        ("JP", "remove_from_preferred_list", ["hedged:hedged"])
    ]
    found = extract(doc, regimes, "learned")  # the classifier sees it, and must not call a plan news
    assert [c for c in found if not c.background] == []
    assert all(any(n.startswith("classifier:") for n in c.notes) for c in found)
    with pytest.raises(ValueError, match="unknown intake method"):
        extract(doc, regimes, "magic")
    assert MODEL_PATH.is_file() and set(METHODS) == {"rules", "learned", "hybrid"}


def test_a_class_the_training_sentences_never_show_stays_improbable() -> None:
    trainer = _trainer()
    examples = [
        (f"d{i}", label, {f"w:{word}": 1.0, "lead=True": 1.0})
        for i, (label, word) in enumerate([("news", "announced"), ("background", "had")] * 4)
    ]
    model = trainer.to_model(*trainer.fit(examples, 1.0, False), {})
    assert model.classes == CLASSES
    p = model.probabilities({"w:had": 1.0, "lead=True": 1.0})
    assert p["background"] > p["news"] > p["talk"] and p["none"] < 1e-6
    assert model.probabilities({"w:announced": 1.0})["news"] > 0.5


def test_the_shipped_target_model_is_what_the_trainer_makes() -> None:
    """The target model is retrained from the same sets to the same weights (to rounding)."""
    from exportctl.intake.learned import TARGET_CLASSES, shipped_target_model

    shipped = shipped_target_model()
    assert shipped is not None and shipped.classes == TARGET_CLASSES
    assert shipped.meta["trained_on"] == list(_trainer().TRAIN_SETS)
    again = _trainer().train_target_model()
    assert again.meta["examples"] == shipped.meta["examples"]
    assert again.bias == pytest.approx(shipped.bias, abs=2e-3)
    for name in set(again.weights) | set(shipped.weights):
        a = again.weights.get(name, [0.0, 0.0])
        b = shipped.weights.get(name, [0.0, 0.0])
        assert a == pytest.approx(b, abs=2e-3), name


def test_the_target_model_chooses_among_the_states_named_near_the_act() -> None:
    from exportctl.intake.learned import choose_targets, target_options

    text = (
        "Taiwan adds Huawei and SMIC to its export control list\n\n"
        "Taiwan on Monday added 601 entities from Russia, Pakistan, Iran, Myanmar and China to its export control "
        "list, the economy ministry said. The United States welcomed the move."
    )
    doc = Document(source="doc.txt", text=text, published=dt.date(2025, 6, 16), sha256="0" * 64)
    c = _candidate("Taiwan on Monday added 601 entities from Russia, Pakistan, Iran, Myanmar and China to its list.")
    c.jurisdiction, c.action, c.targets, c.sentence = "TW", "add_export_restriction", ["RU"], 1
    options = dict(target_options(c, doc))
    assert "TW" not in options and {"RU", "PK", "IR", "MM", "CN"} <= set(options)
    everyone = SentenceModel(("out", "in"), {}, [0.0, 5.0], {})
    choose_targets(c, doc, everyone)
    assert c.targets == sorted(options) and any(n.startswith("targets: RU ->") for n in c.notes)
    wto = _candidate("Korea filed a complaint at the WTO against Japan.")
    wto.action = "wto_complaint_filed"
    choose_targets(wto, doc, everyone)
    assert wto.targets == ["KR"]  # a WTO case keeps the grammar's counterpart


def test_the_shipped_document_model_is_what_the_trainer_makes() -> None:
    """The document model is retrained from the same sets to the same grams and weights (to rounding), and its
    plain-Python probability is scikit-learn's (the TF-IDF weighting and the regression, reproduced)."""
    from exportctl.intake.learned import shipped_document_model

    trainer = _trainer()
    shipped = shipped_document_model()
    assert shipped is not None and shipped.meta["trained_on"] == list(trainer.TRAIN_SETS)
    assert shipped.threshold == trainer.DOCUMENT_THRESHOLD
    again = trainer.train_document_model()
    assert again.meta["examples"] == shipped.meta["examples"] and set(again.grams) == set(shipped.grams)
    assert again.bias == pytest.approx(shipped.bias, abs=2e-3)
    for gram, (idf, weight) in again.grams.items():
        assert shipped.grams[gram] == pytest.approx((idf, weight), abs=2e-3), gram
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from exportctl.intake.learned import document_grams

    texts = [
        "Japan removes South Korea from its white list of trusted trading partners",
        "Exports of rare earth magnets fell 12 percent from a year earlier, customs data showed",
        "中国商务部は、ガリウムとゲルマニウムの輸出規制を8月1日から実施すると発表した",
        "산업통상자원부는 일본을 백색국가에서 제외하는 고시 개정안을 시행한다고 밝혔다",
    ]
    labels = [1, 0, 1, 1]
    small = trainer.fit_document_model(texts * 2, labels * 2, {})
    vec = TfidfVectorizer(analyzer=document_grams, min_df=2, sublinear_tf=True, max_features=trainer.DOCUMENT_FEATURES)
    x = vec.fit_transform(texts * 2)
    clf = LogisticRegression(C=trainer.DOCUMENT_C, max_iter=20000, tol=1e-8, class_weight="balanced").fit(x, labels * 2)
    for text, p in zip(texts, clf.predict_proba(vec.transform(texts))[:, 1], strict=True):
        assert small.probability(text) == pytest.approx(float(p), abs=1e-3), text


def test_the_document_gate_keeps_a_no_news_text_s_acts_as_background() -> None:
    """Below the threshold every act found is kept as background, with the note saying why; at or above it, for
    a text whose acts are all background already, and for a text shorter than an article, nothing changes.
    ``extract(document_model=False)`` reads no document model at all."""
    from exportctl.intake.learned import DOCUMENT_MIN_CHARS, DocumentModel, gate

    statistics = (
        "Japan's exports to South Korea fell 12 percent in July from a year earlier, customs data showed on "
        "Thursday. Shipments of chemicals fell the most, while imports from South Korea were flat. Economists said "
        "the figures reflected weaker demand for chips rather than the export controls Japan introduced in 2019."
    )
    # the gram " fel" (of "fell") weighs against news: this model reads the statistics text as reporting no new measure
    model = DocumentModel({" fel": (1.0, -8.0), " rem": (1.0, 8.0)}, 0.0, 0.3, {})
    assert len(statistics) >= DOCUMENT_MIN_CHARS and model.probability(statistics) < 0.01
    found = [_candidate(statistics), _candidate(statistics, background=True)]
    gate(found, _doc(statistics), model)
    assert [c.background for c in found] == [True, True]
    assert found[0].notes and found[0].notes[0].startswith("document model: the text as a whole reads as reporting no")
    assert not found[1].notes  # already background: untouched
    news = statistics.replace("fell", "will remove")
    kept = [_candidate(news)]
    gate(kept, _doc(news), model)
    assert not kept[0].background and not kept[0].notes
    short = "Japan's exports to South Korea fell 12 percent, customs data showed."
    headline = [_candidate(short)]
    gate(headline, _doc(short), model)  # a sentence is no article: left to the sentence-level reading
    assert not headline[0].background
    regimes = load_regimes()
    doc = _doc("Japan removed South Korea from its white list on Friday, the trade ministry said. " + statistics)
    assert extract(doc, regimes, "rules", document_model=False) == candidates(doc, regimes)
    assert any(not c.background for c in candidates(doc, regimes))
    never = DocumentModel({}, -30.0, 0.3, {})  # reads every text as no news
    assert all(c.background for c in extract(doc, regimes, "rules", document_model=never))
