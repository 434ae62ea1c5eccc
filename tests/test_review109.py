"""Legal review 109 (docs/research/review-109.md): names that answered "licence required" silently although the
official text lists their goods only within figures or characteristics.

Why: Japan's Goods Order lists fuel bladders, magnetic and superconductive materials, spin-forming machines, sampling
oscilloscopes, recorders, signal generators, network analysers, atomic frequency standards, epitaxy and annealing
equipment, semiconductor SEMs, quantum computers, switching equipment, communication fibre, phased arrays, mirrors,
aspheric elements, tellurium, underwater lighting, air-independent power plants and water tunnels as 「…であって、次の
いずれかに該当するもの」 (Arts. 4-11); Korea's Annex 2 lists detonating cord (1A008.c, over 64 g/m), shielding
windows (1A227), batch and continuous mixers (1B117/1B118), conductive polymers (1C001.c), aluminides (1C002.a),
tungsten and molybdenum powders (1C117), calcium, magnesium and bismuth of stated purities (1C227-1C229), pressure
transducers (2B230), high-velocity guns (2B232) and bellows-sealed scroll pumps (2B233) likewise. An exporter of goods
below the figures is not to be told to apply: these names ask with the catch-all. Seven Korean names really are listed
by name (1A006.b, 1A007.b.2, 1C008.a.1, 1C011.c/.d) and stay silent, marked ``by_name``.
"""

from __future__ import annotations

import pytest

from exportctl import determine
from tests.test_review_session40 import CATCH_ALL, offered
from tests.test_screen import REGIMES

ON = "2026-12-10"

JP_WITHIN_FIGURES = [
    ("fuel bladder", "jp:5(1)"),
    ("金属性磁性材料", "jp:5(6)"),
    ("超電導材料", "jp:5(8)"),
    ("光学仕上げ工作機械", "jp:6(2)"),
    ("絞りスピニング加工機", "jp:6(9)"),
    ("サンプリングオシロスコープ", "jp:7(9)"),
    ("sampling oscilloscope", "jp:7(9)"),
    ("デジタル方式の記録装置", "jp:7(11)"),
    ("信号発生器", "jp:7(12)"),
    ("ネットワークアナライザー", "jp:7(14)"),
    ("原子周波数標準器", "jp:7(15)"),
    ("エピタキシャル成長装置", "jp:7(16)"),
    ("MOCVD reactor", "jp:7(16)"),
    ("アニール装置", "jp:7(16)-annealing"),
    ("annealing equipment", "jp:7(16)-annealing"),
    ("走査型電子顕微鏡", "jp:7(16)-sem"),
    ("量子計算機", "jp:8"),
    ("電子式交換装置", "jp:9(2)"),
    ("通信用の光ファイバー", "jp:9(3)"),
    ("フェーズドアレーアンテナ", "jp:9(5)"),
    ("反射鏡", "jp:10(5)"),
    ("非球面光学素子", "jp:10(7-2)"),
    ("テルル", "jp:10(14)"),
    ("tellurium", "jp:10(14)"),
    ("水中用の照明装置", "jp:12(4)"),
    ("大気から遮断された状態で使用することができる動力装置", "jp:12(6)"),
    ("回流水槽", "jp:12(7)"),
]
KR_WITHIN_FIGURES = [
    ("detonating cord", "kr:1A008"),
    ("도폭선", "kr:1A008"),
    ("방사선 차폐창", "kr:1A227"),
    ("batch mixer", "kr:1B117"),
    ("연속 혼합기", "kr:1B118"),
    ("polyaniline", "kr:1C001"),
    ("폴리피롤", "kr:1C001"),
    ("nickel aluminide", "kr:1C002"),
    ("티타늄 알루미나이드", "kr:1C002"),
    ("텅스텐 분말", "kr:1C117"),
    ("molybdenum powder", "kr:1C117"),
    ("칼슘", "kr:1C227"),
    ("마그네슘", "kr:1C228"),
    ("비스무스", "kr:1C229"),
    ("pressure transducer", "kr:2B230"),
    ("압력변환기", "kr:2B230"),
    ("고속도 건", "kr:2B232"),
    ("scroll vacuum pump", "kr:2B233"),
]


@pytest.mark.parametrize(
    ("exporter", "name", "entry"),
    [("JP", n, e) for n, e in JP_WITHIN_FIGURES] + [("KR", n, e) for n, e in KR_WITHIN_FIGURES],
)
def test_a_name_listed_only_within_figures_asks_with_the_catch_all(exporter: str, name: str, entry: str) -> None:
    assert {entry, CATCH_ALL[exporter]} <= offered(exporter, name)


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        ("disruptor", "kr:1A006"),
        ("exploding bridge wire detonator", "kr:1A007"),
        ("bismaleimide", "kr:1C008"),
        ("비스말레이미드", "kr:1C008"),
        ("guanidine nitrate", "kr:1C011"),
        ("nitroguanidine", "kr:1C011"),
        ("니트로구아니딘", "kr:1C011"),
    ],
)
def test_a_korean_name_the_annex_lists_by_name_answers_silently_and_is_marked(name: str, entry: str) -> None:
    answer = determine("KR", "CN", name, ON, regimes=REGIMES)
    assert answer.item.id == entry and answer.licence_required
    by_name = REGIMES["KR"].entries[entry].by_name
    assert isinstance(by_name, list) and name in by_name
