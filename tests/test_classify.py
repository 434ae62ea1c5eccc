"""``exportctl classify`` and item search in the users' words (issue 14, items 4 and 5).

The command's behaviour on a few cases (names, CAS numbers, Japanese and Korean, ``--param``, the
no-match catch-all message, one-line errors) and a quality gate: top-3 accuracy on the dev split of
tests/classify/labelled.yaml, scored by benchmarks/classify.py, must stay near what was measured.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exportctl.cli import app
from exportctl.engine.classify import classify, parameters_of
from exportctl.engine.items import cas_numbers, search_items, suggest_items
from exportctl.law.regime import Regime

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

#: Dev-split top-3 measured when the floor was last set (README, "Classification"); the gate is a little under.
DEV_TOP3 = {("JP", "all"): 0.70, ("JP", "held"): 0.98, ("KR", "all"): 0.69, ("KR", "held"): 0.88}
MARGIN = 0.05


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def classify_json(*args: str) -> dict[str, Any]:
    code, out, err = run("classify", *args, "--json")
    assert code == 0, err
    answer: dict[str, Any] = json.loads(out)
    return answer


# ------------------------------------------------------------------------------ item search


@pytest.mark.parametrize(
    ("query", "jur", "entry"),
    [
        ("7664-39-3", "JP", "jp:3(1)"),
        ("7664-39-3", "KR", "kr:1C350"),
        ("CAS No. 7664-39-3", "KR", "kr:1C350"),
        ("불화수소", "KR", "kr:1C350"),
        ("hydrogen fluoride", "KR", "kr:1C350"),
        ("フッ化水素", "JP", "jp:3(1)"),
        ("ふっ化ポリイミド", "JP", "jp:5(17)"),  # hiragana for the katakana alias
        ("fluoride hydrogen", "JP", "jp:3(1)"),  # every word, any order
        ("7803-51-2", "KR", "kr:3C004"),  # phosphine
    ],
)
def test_items_in_the_users_words(regimes: dict[str, Regime], query: str, jur: str, entry: str) -> None:
    assert entry in [e.id for e in search_items(regimes[jur], query)]


def test_cas_numbers_need_their_check_digit() -> None:
    assert cas_numbers("HF (CAS 7664-39-3), not 7664-39-4 nor 2019-07-04") == ["7664-39-3"]


def test_a_miss_gives_suggestions(regimes: dict[str, Regime]) -> None:
    assert any(s.startswith("jp:3(1)") for s in suggest_items(regimes.values(), "hydrogen flouride"))
    code, out, err = run("items", "hydrogen flouride")
    assert code == 1 and out.strip() == ""
    assert "no entry matches 'hydrogen flouride' (did you mean: jp:3(1)" in err
    code, out, _ = run("items", "hydrogen flouride", "--json")
    assert code == 1 and any(s.startswith("kr:1C350") for s in json.loads(out)["suggestions"])  # --json: the document


def test_check_suggests_on_a_typo() -> None:
    code, _, err = run("check", "-e", "KR", "-t", "CN", "-i", "hydrogen flouride", "--on", "2026-12-01")
    assert code == 2 and "did you mean: kr:1C350" in err and len(err.strip().splitlines()) == 1


# ------------------------------------------------------------------------------ classify


def test_cas_number_and_name_rank_the_entry_first_with_reasons() -> None:
    d = classify_json("Anhydrous hydrogen fluoride, CAS 7664-39-3", "-e", "KR")
    top = d["candidates"][0]
    assert top["id"] == "kr:1C350"
    kinds = {r["kind"] for r in top["reasons"]}
    assert {"cas", "name"} <= kinds
    assert d["exporters"] == ["KR"] and d["bundle_version"] and d["no_match"] == []


def test_japanese_and_korean_descriptions() -> None:
    assert classify_json("高純度フッ化水素ガス", "-e", "JP")["candidates"][0]["id"] == "jp:3(1)"
    assert classify_json("EUV 포토레지스트", "-e", "KR")["candidates"][0]["id"] == "kr:3C002"


def test_a_name_in_one_list_finds_the_other_through_the_crosswalk() -> None:
    """Korea's list has no Japanese names; jp:3(1) is 1C350.24, which kr:1C350 covers."""
    top = classify_json("フッ化水素", "-e", "KR")["candidates"][0]
    assert top["id"] == "kr:1C350"
    assert any(r["kind"] == "crosswalk" and "jp:3(1)" in r["text"] for r in top["reasons"])


def test_crosswalk_never_narrows(regimes: dict[str, Regime]) -> None:
    """Sodium fluoride is in kr:1C350 (1C350.44); that must not make it Japan's hydrogen fluoride entry.

    It is Japan's too, by its own name: Goods Order Art. 2(1)(i)カ, the rest of row 3(1).
    """
    found = classify([regimes["JP"]], "sodium fluoride", bridge=[regimes["KR"]]).candidates
    assert found and found[0].id == "jp:3(1)-others"
    assert all(c.id != "jp:3(1)" for c in found if any(r.kind == "crosswalk" for r in c.reasons))


def test_param_is_shown_beside_the_passage_that_names_it() -> None:
    d = classify_json("trimethylgallium for MOCVD", "--param", "purity=99.9999%", "-e", "JP")
    top = d["candidates"][0]
    assert top["id"] == "jp:7(20)"
    assert any("99.999" in p for p in top["parameters"])
    given = top["given"][0]
    assert given["name"] == "purity" and given["value"] == "99.9999%"
    assert given["in_entry"] and "purity" in given["in_entry"]
    assert any(r["kind"] == "param" for r in top["reasons"])
    assert d["params"] == {"purity": "99.9999%"}


def test_parameters_come_from_the_entry_text(regimes: dict[str, Regime]) -> None:
    assert any("10,000 ohm-cm" in p for p in parameters_of(regimes["JP"].entries["jp:7(23)"]))
    assert parameters_of(regimes["KR"].entries["kr:1C350"]) == []  # the data holds no threshold for it


def test_no_match_says_the_catch_all_applies_never_not_controlled() -> None:
    code, out, err = run("classify", "wooden office chair", "-e", "JP")
    assert code == 0, err
    assert "JP: no entry matched; the catch-all applies" in out
    assert "why: no name, alias, control number or CAS number" in out
    assert "jp:16" in out and "laws.e-gov.go.jp" in out
    assert "not controlled" not in out.lower().replace("never 'not controlled'", "")
    d = classify_json("wooden office chair")
    assert d["candidates"] == []
    assert {m["jurisdiction"] for m in d["no_match"]} == {"JP", "KR"}
    kr = next(m for m in d["no_match"] if m["jurisdiction"] == "KR")
    assert kr["message"] == "no entry matched; the catch-all applies"
    assert [c["id"] for c in kr["catch_all"]] == ["kr:catch-all"] and kr["catch_all"][0]["source_url"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["HF", "--param", "purity"], "--param 'purity' is not name=value"),
        (["  "], "empty description"),
        (["HF", "-e", "XX"], "XX"),
        (["HF", "--on", "2019-02-30"], "2019-02-30"),
    ],
)
def test_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    code, out, err = run("classify", *args)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


# ------------------------------------------------------------------------------ quality gate


def test_dev_split_top3_gate() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import classify as bench

    scores = bench.evaluate(bench.load_regimes(), bench.load_items(), "dev")
    assert len(bench.load_items()) >= 100
    for key, measured in DEV_TOP3.items():
        s = scores[key]
        assert s.n >= 40, key
        assert s.top3 / s.n >= measured - MARGIN, (key, s.row(), s.misses)
