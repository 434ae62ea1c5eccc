"""Intake on real texts: the quality gate on the corpus's dev split, every state, modality, dates, ja/ko.

The gate runs the scorer of benchmarks/intake_eval.py on tests/intake/corpus (dev split only; the
test split is for the final measurement) and fails when F1, the no-measure accuracy or the
effective-date accuracy falls more than 0.05 below what was measured when the floor was set (one or
two texts of 54), or when intake reads fewer than 50 documents per CPU second, so a regression
cannot land unnoticed. The dev figures were developed against: the test figures in
docs/intake-guideline.md ("Figures") are the ones that say how intake generalizes.
It needs nothing outside the repository (unlike the seed tests, which need shared/seeds).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exportctl.cli import app
from exportctl.errors import InputError
from exportctl.intake.document import load_document
from exportctl.intake.extract import extract
from exportctl.intake.merge import match, merge
from exportctl.intake.proposals import to_proposal
from exportctl.law.loader import load_regimes

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "intake" / "corpus"
REGIMES = load_regimes()
runner = CliRunner()

#: Measured on the dev split when the floor was last set (docs/intake-guideline.md, "Figures"); the gate is 0.05 below.
DEV_F1 = 0.95
DEV_NO_MEASURE = 0.92
DEV_EFFECTIVE = 0.88


def _scorer() -> Any:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import intake_eval

    return intake_eval


def test_dev_split_quality_gate() -> None:
    r = _scorer().evaluate_corpus(CORPUS, "dev")
    assert r["documents"] >= 50 and r["refused"] == 0
    assert r["f1"] >= DEV_F1 - 0.05, r
    assert r["no_measure_accuracy"] >= DEV_NO_MEASURE - 0.05, r
    assert r["effective_accuracy"] >= DEV_EFFECTIVE - 0.05, r


#: Cross-validated figures (``benchmarks/intake_eval.py --cv 5``): the twenty-five labelled sets (1,914 texts: corpus,
#: heldout, heldout2 … heldout24) dealt into five folds by document; the document model (every method) and, for the
#: learned and hybrid paths, the sentence classifier are trained per fold on the other four, so every text is scored by
#: models that never saw it. Measured in the forty-second session, heldout24 in the pool (README, Intake, "Forty-second
#: session"); the gate is 0.03 below (about fifteen texts of 1,914), so a broken model file, a feature that no longer
#: matches the one trained on, or a candidate set that got worse fails.
CV_FIGURES = {
    # the rules' grammar is not trained: its part is its score over all 1,914 texts (written against part of them)
    "rules": {"precision": 0.74, "f1": 0.71, "no_measure_accuracy": 0.86, "effective_accuracy": 0.74},
    "learned": {"precision": 0.80, "f1": 0.70, "no_measure_accuracy": 0.91, "effective_accuracy": 0.76},
    "hybrid": {"precision": 0.77, "f1": 0.71, "no_measure_accuracy": 0.88, "effective_accuracy": 0.75},
}
#: The rules' cross-validated F1 and no-measure accuracy per language, measured with ``CV_FIGURES``: the Japanese and
#: Korean readers (intake/cjk.py) are grammars of their own, and a loss in one would hide in the total.
CV_RULES_BY_LANGUAGE = {
    "en": {"f1": 0.73, "no_measure_accuracy": 0.84},
    "ja": {"f1": 0.67, "no_measure_accuracy": 0.85},
    "ko": {"f1": 0.72, "no_measure_accuracy": 0.89},
}


@pytest.mark.parametrize("method", sorted(CV_FIGURES))
def test_cross_validated_quality_gate(method: str) -> None:
    r = _scorer().evaluate_cv(method=method)
    assert r["documents"] >= 1914 and r["refused"] == 0 and r["extractor"] == method
    for name, floor in CV_FIGURES[method].items():
        assert r[name] >= floor - 0.03, (name, r)
    if method == "rules":
        for lang, figures in CV_RULES_BY_LANGUAGE.items():
            for name, floor in figures.items():
                assert r["by_language"][lang][name] >= floor - 0.03, (lang, name, r["by_language"])
    # Throughput (the 50 documents a second on one core) is a benchmark figure
    # (benchmarks/intake_eval.py prints it), not a timed test: CI failed it at 46/s on a loaded machine.


def _found(text: str, published: str, tmp_path: Path, method: str | None = None) -> list[dict[str, Any]]:
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    found = merge(extract(load_document(str(p), dt.date.fromisoformat(published)), REGIMES, method))
    match(found, REGIMES)
    return found


def _news(found: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(m["jurisdiction"], m["action"], tuple(m["targets"])) for m in found if not m["background"]]


# ----------------------------------------------------------------------------------- every state


def test_a_measure_by_a_state_without_a_regime_is_unmodelled_and_never_proposed(tmp_path: Path) -> None:
    p = tmp_path / "us.txt"
    p.write_text(
        "The U.S. Commerce Department on Monday added 140 Chinese companies to its entity list, restricting "
        "exports of chipmaking tools to China. The rule takes effect immediately, officials said. "
        "Japan and the Netherlands were not covered by the rule.",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["intake", str(p), "--published", "2024-12-02", "--json"])
    assert r.exit_code == 0, r.stderr
    measures = json.loads(r.stdout)["measures"]
    us = [m for m in measures if m["action"] == "add_export_restriction"]
    assert us and all(m["jurisdiction"] == "US" and m["status"] == "unmodelled" for m in us)
    assert us[0]["targets"] == ["CN"] and us[0]["effective"] == "2024-12-02"
    assert all("proposal" not in m for m in measures)
    assert not any(m["jurisdiction"] in ("JP", "KR") for m in measures)
    listed = json.loads(runner.invoke(app, ["proposals", "list", "--json"]).stdout)["proposals"]
    assert listed == []
    with pytest.raises(InputError, match="unmodelled"):
        to_proposal(us[0])


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (
            "Taiwan's Ministry of Economic Affairs on Tuesday announced new export controls requiring prior approval "
            "for 47 products shipped to South Africa.",
            ("TW", "add_export_restriction", ("ZA",)),
        ),
        (
            "China's Ministry of Commerce said on Thursday it would suspend the export control measures announced on "
            "October 9 for one year, effective immediately.",
            ("CN", "ease_export_restriction", ()),
        ),
        (
            "The Dutch government announced Friday broader restrictions on exports of machines that produce "
            "semiconductors.",
            ("NL", "add_export_restriction", ()),
        ),
    ],
)
def test_other_states_keep_their_own_code(tmp_path: Path, text: str, expect: tuple[Any, ...]) -> None:
    found = _found(text, "2025-10-31", tmp_path)
    assert expect in _news(found)
    assert all(m["status"] == "unmodelled" for m in found if m["jurisdiction"] not in ("JP", "KR"))


# ----------------------------------------------------------------------------------- modality


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. government is pressing allies including Japan to further tighten restrictions on China's access "
        "to chip technology, according to people familiar with the matter.",
        "China is considering a ban on exports of rare earth technology to the United States, a source said.",
        "Taiwan is evaluating tighter export control measures that could restrict advanced chip production abroad.",
        "Bloomberg reported that Japan would put similar restrictions on exports of chip materials to China.",
        "Beijing may restrict exports of gallium to Japan, analysts warned on Monday.",
        "The ministry said it has not designated any export items and that the list is not an embargo.",
    ],
)
@pytest.mark.parametrize("method", ["rules", "learned"])
def test_pressure_plans_rumours_and_denials_are_no_measure(tmp_path: Path, text: str, method: str) -> None:
    assert _news(_found(text + " Markets were calm on the news.", "2024-03-07", tmp_path, method)) == []


def test_a_recalled_measure_is_background(tmp_path: Path) -> None:
    text = (
        "Japan's hydrogen fluoride exports to South Korea fell 84 percent in July, customs data showed on Thursday. "
        "On July 4, Tokyo tightened export controls on three materials needed to make chips for South Korea. "
        "In response, Korea downgraded Japan from its own preferential trade partner list."
    )
    found = _found(text, "2019-08-29", tmp_path)
    assert found and all(m["background"] for m in found)


# ----------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "published", "effective"),
    [
        (
            "China's Ministry of Commerce announced today that it will restrict exports of antimony. "
            "New export controls will take effect on antimony from Sept. 15, the ministry said.",
            "2024-08-17",
            "2024-09-15",
        ),
        (
            "The Dutch government announced Friday broader restrictions on exports of chipmaking machines. "
            "The measure will take effect on Saturday.",
            "2024-09-06",
            "2024-09-07",
        ),
        (
            "China's Ministry of Commerce announced on Thursday export controls on rare earth technologies, "
            "effective immediately.",
            "2025-10-10",
            "2025-10-09",
        ),
    ],
)
def test_news_dates_resolve_against_publication(tmp_path: Path, text: str, published: str, effective: str) -> None:
    news = [m for m in _found(text, published, tmp_path) if not m["background"]]
    assert news and news[0]["effective"] == effective


@pytest.mark.parametrize(
    ("text", "published", "field", "words"),
    [
        (
            "Japan's cabinet on Friday approved removing South Korea from its white list, effective Aug. 28.",
            "2019-08-02",
            "effective",
            "Aug. 28",
        ),
        (
            "Japan's cabinet on Friday approved removing South Korea from its white list, effective Aug. 28.",
            "2019-08-02",
            "announced",
            "Friday",
        ),
        (
            "China's Ministry of Commerce announced on Thursday export controls on rare earth technologies, "
            "effective immediately.",
            "2025-10-10",
            "effective",
            "immediately",
        ),
        (
            "経済産業省は本日、外国ユーザーリストを改正し、懸念がある外国団体を追加することを決定しました。"
            "改正後のリストは令和7年10月9日から適用されます。",
            "2025-09-29",
            "effective",
            "令和7年10月9日",
        ),
        (
            "일본 경제산업성은 7일 한국을 '백색국가'(화이트리스트)에서 제외하는 내용의 수출무역관리령 개정안을 공포했다. "
            "이 개정안은 오는 28일부터 시행된다.",
            "2019-08-07",
            "effective",
            "오는 28일",
        ),
    ],
)
def test_each_date_keeps_the_words_it_was_read_from(
    tmp_path: Path, text: str, published: str, field: str, words: str
) -> None:
    news = [m for m in _found(text, published, tmp_path) if not m["background"]]
    assert news and news[0][field], news
    ev = news[0]["date_evidence"][field]
    assert ev["text"] == words and text[ev["start"] : ev["end"]] == words
    assert news[0]["sources"][0]["date_evidence"][field] == ev


# ----------------------------------------------------------------------------------- Japanese and Korean


def test_japanese_release_with_an_era_date(tmp_path: Path) -> None:
    text = (
        "経済産業省は本日、外国ユーザーリストを改正し、通常兵器の開発等の懸念がある外国団体を追加することを決定しました。"
        "改正後のリストは令和7年10月9日から適用されます。輸出者の皆様には引き続き適切な管理をお願いします。"
    )
    news = [m for m in _found(text, "2025-09-29", tmp_path) if not m["background"]]
    assert [(m["jurisdiction"], m["action"]) for m in news] == [("JP", "add_export_restriction")]
    assert news[0]["effective"] == "2025-10-09" and news[0]["announced"] == "2025-09-29"


def test_korean_report_of_a_white_list_removal(tmp_path: Path) -> None:
    text = (
        "일본 경제산업성은 7일 한국을 수출관리 상의 이른바 '백색국가'(화이트리스트)에서 제외하는 내용의 "
        "수출무역관리령 개정안을 공포했다. 지난 2일 일본 정부 각의에서 통과한 이 개정안은 오는 28일부터 시행된다."
    )
    news = [m for m in _found(text, "2019-08-07", tmp_path) if not m["background"]]
    assert [(m["jurisdiction"], m["action"], m["targets"]) for m in news] == [
        ("JP", "remove_from_preferred_list", ["KR"])
    ]
    assert news[0]["status"] == "known" and news[0]["announced"] == "2019-08-07"


def test_chinese_and_german_are_still_refused(tmp_path: Path) -> None:
    p = tmp_path / "zh.txt"
    p.write_text(
        "中华人民共和国商务部今日宣布对稀土相关技术实施出口管制措施，自公布之日起正式实施。" * 3, encoding="utf-8"
    )
    with pytest.raises(InputError, match="English, Japanese or Korean"):
        load_document(str(p))


# ----------------------------------------------------------------------------------- phrasings found in the dev split


@pytest.mark.parametrize(
    "text",
    [
        "Japan and the Netherlands will soon join the US in restricting exports of chipmaking machinery to China, "
        "according to people familiar with the matter.",
        "The Dutch government has nearly finalised new rules restricting exports of ASML machines to China, sources said.",
        "China denied that it had imposed any export ban on rare earths to Japan.",
        "It remains to be seen whether the government will ban exports of both nodes.",
        "韓国産業部によると、今回の修正は輸出管理を強化し制度を改善するため、国際協力が困難な国に向けたもので、改めて分類することを目的としている。",
    ],
)
def test_rumours_denials_and_purposes_are_no_measure(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2023-01-27", tmp_path)) == []


def test_targets_told_after_the_act_and_never_from_guesses(tmp_path: Path) -> None:
    rule = (
        "The Bureau of Industry and Security is amending the Export Administration Regulations to implement controls "
        "on advanced computing integrated circuits. The revisions are intended to restrict China's ability to obtain "
        "advanced chips. The rule also adds entities located in Russia, Iran and China to the Entity List."
    )
    assert _news(_found(rule, "2022-10-13", tmp_path)) == [("US", "add_export_restriction", ("CN", "IR", "RU"))]
    japan = (
        "Japan's trade ministry said on Tuesday it will add 23 types of chipmaking equipment to its list of export "
        "controls. The move is widely seen as aimed at restricting China's ability to make advanced chips."
    )
    assert _news(_found(japan, "2023-05-23", tmp_path)) == [("JP", "add_export_restriction", ())]


@pytest.mark.parametrize(
    ("text", "published", "effective"),
    [
        (
            "Britain's Export Control Joint Unit said it had added new controls on quantum computing items, "
            "effective immediately.",
            "2024-01-15",
            "2024-01-15",
        ),
        (
            "Japan lifted export curbs on three chip materials to South Korea, effective Thursday, the ministry said.",
            "2023-03-24",
            "2023-03-23",
        ),
        (
            "Implementation of Additional Export Controls\nPublished 2022-10-13 · Effective 2022-10-07\n"
            "The Bureau of Industry and Security is amending the Export Administration Regulations to implement "
            "controls on advanced computing integrated circuits.",
            "2022-10-13",
            "2022-10-07",
        ),
        (
            "政府は11日、ロシアに対する経済制裁措置の実施に向け、外為法の輸出貿易管理令の改正を閣議決定した。施行は18日で、同日から輸出禁止措置が発動する。",
            "2022-03-11",
            "2022-03-18",
        ),
        (
            "[아시아월드뉴스] 산업통상자원부는 2.28일 ‘전략물자 수출입고시’ 개정안을 시행한다.",
            "2025-02-24",
            "2025-02-28",
        ),
        (
            "政府は23日、先端半導体の製造装置など23品目を輸出管理の規制対象に加える改正省令を公布した。7月23日に施行する。",
            "2023-05-23",
            "2023-07-23",
        ),
        (
            "산업통상자원부는 6일 전략물자 수출입 고시 개정안을 행정 예고했다. 내년 상반기 중 시행될 예정이다.",
            "2024-12-06",
            "2025",
        ),
        # "at once" told with the verb itself (即時禁止), not only with 施行/実施/発効: the day announced
        (
            "インド政府は5月13日、小麦輸出を即時禁止することを発表した。地元メディアが伝えた。",
            "2022-05-14",
            "2022-05-13",
        ),
        # "in force as it is told": the day the act was announced, told in the sentence before
        (
            "中国商務部は6日、日本向けの二重用途品目の輸出を禁止する公告を発表した。この公告は発表と同時に発効する。",
            "2026-01-07",
            "2026-01-06",
        ),
        # the start told in the next sentence, opening on its weekday; "beginning Monday"
        (
            "South Korea said Thursday it will fully ban exports of protective masks amid soaring demand. "
            "Starting Friday, the country prevents overseas shipment of face masks.",
            "2020-03-05",
            "2020-03-06",
        ),
        (
            "Vietnam said on Tuesday it will halt rice exports beginning Monday to secure domestic supply.",
            "2020-03-24",
            "2020-03-30",
        ),
    ],
)
def test_effective_dates_as_written(tmp_path: Path, text: str, published: str, effective: str) -> None:
    news = [m for m in _found(text, published, tmp_path) if not m["background"]]
    assert news and news[0]["effective"] == effective, news


def test_japanese_and_korean_reports_of_done_acts_and_of_reactions(tmp_path: Path) -> None:
    korean = "일본 정부가 한국을 '화이트리스트'에 재지정하고 21일 시행에 들어갔다고 NHK가 보도했다."
    assert _news(_found(korean, "2023-07-21", tmp_path)) == [("JP", "add_to_preferred_list", ("KR",))]
    japanese = (
        "報道によると、韓国産業通商資源部は18日、告示改正案を公布・実施し、日本を輸出の「ホワイト国」から除外した。"
    )
    assert _news(_found(japanese, "2019-09-18", tmp_path)) == [("KR", "remove_from_preferred_list", ("JP",))]
    reaction = (
        "日本の輸出規制「外国ユーザーリスト」改正に中国商務部がコメント\n"
        "日本が中国の複数の団体を輸出規制「外国ユーザーリスト」に追加したことについて、中国商務部の報道官は29日、反対を表明した。\n"
        "日本経済産業省は29日、輸出規制「外国ユーザーリスト」を改正。"
    )
    assert _news(_found(reaction, "2025-09-30", tmp_path)) == []
    release = (
        "「外国ユーザーリスト」を改正しました\n経済産業省では、輸出者に対し外国ユーザーリストを公表しています。\n"
        "今般、当該リストを改正しました。本リストは、令和7年10月9日から適用します。"
    )
    news = [m for m in _found(release, "2025-09-29", tmp_path) if not m["background"]]
    assert [(m["jurisdiction"], m["action"]) for m in news] == [("JP", "add_export_restriction")]
    assert news[0]["effective"] == "2025-10-09"


@pytest.mark.parametrize(
    ("text", "published", "expect"),
    [
        (
            "China on Tuesday banned exports of gallium, germanium and antimony to the United States.",
            "2024-12-03",
            ("CN", "add_export_restriction", ("US",)),
        ),
        (
            "China's commerce ministry said on Thursday it had added 28 U.S. entities to its export control list.",
            "2025-01-02",
            ("CN", "add_export_restriction", ("US",)),
        ),
        (
            "The U.S. Commerce Department said on Tuesday it would rescind the AI diffusion rule.",
            "2025-05-13",
            ("US", "ease_export_restriction", ()),
        ),
        (
            "Taiwan added 601 entities from Russia, Pakistan, Iran, Myanmar and China to its entity list on Sunday.",
            "2025-06-15",
            ("TW", "add_export_restriction", ("CN", "IR", "MM", "PK", "RU")),
        ),
        (
            "Dutch export restrictions on advanced chipmaking equipment took effect on Friday.",
            "2023-09-01",
            ("NL", "add_export_restriction", ()),
        ),
        (
            "中国商務省は2日、米国の防衛企業など28社を輸出管理リストに加えたと発表した。",
            "2025-01-03",
            ("CN", "add_export_restriction", ("US",)),
        ),
        (
            "중국 상무부는 3일 갈륨, 게르마늄, 안티몬 등의 대미 수출을 금지한다고 발표했다.",
            "2024-12-04",
            ("CN", "add_export_restriction", ("US",)),
        ),
        (
            "Taiwan said on Thursday it was suspending a requirement for prior approval of chip exports to South "
            "Africa to allow for talks.",
            "2025-09-25",
            ("TW", "ease_export_restriction", ("ZA",)),
        ),
        (
            "The Dutch government on Friday said it was expanding export licence requirements for ASML's DUV "
            "immersion lithography tools.",
            "2024-09-06",
            ("NL", "add_export_restriction", ()),
        ),
        (
            "The EU on Thursday added 45 Chinese and Indian companies to its list of entities supporting Russia's "
            "military, restricting exports of dual-use goods to them.",
            "2024-10-31",
            ("EU", "add_export_restriction", ("CN", "IN")),
        ),
    ],
)
def test_other_states_in_their_own_words(tmp_path: Path, text: str, published: str, expect: tuple[Any, ...]) -> None:
    assert _news(_found(text, published, tmp_path)) == [expect]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "A Chinese court fined a local firm for illegally exporting gallium to the United States, state media "
            "reported on Friday. China banned gallium exports to the US in December.",
            "2025-01-10",
        ),
        (
            "일본의 대한국 불화수소 수출이 7월 84% 감소했다고 일본 재무성이 29일 밝혔다. 일본은 지난달 4일 반도체 소재 3개 품목에 "
            "대한 수출 규제를 강화했다. 한국 정부는 이에 대응해 일본을 백색국가에서 제외하기로 했다.",
            "2019-08-29",
        ),
        (
            "BSS\nChina to exempt some Nexperia orders from export ban\nChina's commerce ministry said Saturday it is "
            "considering exempting some Nexperia chips from an export ban.",
            "2025-11-01",
        ),
        ("VEU는 미국 정부가 사전에 승인된 기업에만 지정된 품목 수출을 허용하는 포괄적 허가 방식이다.", "2025-09-01"),
    ],
)
def test_texts_whose_news_is_no_measure(tmp_path: Path, text: str, published: str) -> None:
    assert _news(_found(text, published, tmp_path)) == []


def test_what_a_rule_allows_is_not_a_second_measure(tmp_path: Path) -> None:
    text = (
        "中国商務部は24日、日本の20団体を輸出管理の注視リストに追加したと発表した。"
        "注視リスト掲載企業・団体は、調査への協力義務を果たした場合、注視リストからの除外を申請できる。"
    )
    assert _news(_found(text, "2026-02-24", tmp_path)) == [("CN", "add_export_restriction", ("JP",))]
