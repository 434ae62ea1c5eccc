"""Second review of the control lists 14 (2026-12-04): entries not checked in the first review, against the official text.

Each test states what the official text says; each failed on the data before the mend of the same day.
Texts read: the Goods Order (e-Gov 403M50000400049) in the version in force 2026-02-14 through the verbatim e-Gov
copy xyna-bpinelab/law-as-code-fefta (jurisdictions/jp/processed/markdown/ministerial_orders/403M50000400049.md
@ 075bc886de88e53cb68b9b8e80b32a961774b80e, read_file offsets 128,000 and 144,000), the quotes of
src/exportctl/regimes/jp/sources.yaml, and Korea's Annex 2 (고시 제2025-37호) as quoted in
src/exportctl/regimes/kr/sources.yaml.
"""

from __future__ import annotations

import pytest

from exportctl import determine
from exportctl.errors import InputError
from exportctl.law.regime import Regime

NEXT_WEEK = "2026-12-11"

OPTICAL_MATERIALS = (
    "Goods Order Art. 9(16) (ETCO row 10(14)) lists イ 'テルルであって、純度が九九・九九九五パーセント以上のもの', ロ "
    "CdZnTe (zinc under 6 mol %), CdTe and HgCdTe single crystals or epitaxial wafers, リ 'レーザー発振器用の人工の結晶"
    "であって、未完成のもののうち、チタンを添加したサファイア' and ヌ rare-earth-doped double-clad fibres: word for word "
    "6C002.a-.b and 6C005.a.1/.b (annex2-6C002, annex2-6C005); jp:10(14) pairs only 6C004, so check -e JP -i 6C002 "
    "or 6C005, and the names テルル and チタンを添加したサファイア, are 'unknown item'"
)
STAR_TRACKERS_ALTIMETERS = (
    "Goods Order Art. 10(4) (ETCO row 11(4)): 'ジャイロ天測航法装置又は天体若しくは人工衛星の自動追跡により位置若しくは"
    "針路を測定することができる装置であって、方位精度が二〇秒以下のもの' and its optical heads, baffles and data "
    "processing units = 7A004 star trackers (annex2-7A004: azimuth accuracy of 20 seconds of arc or better); Art. "
    "10(6) '航空機用の高度計であって、四・四ギガヘルツを超える周波数又は四・二ギガヘルツより低い周波数で使用することが"
    "できるように設計したもののうち、...送信出力制御機能...位相偏移変調機能' = 7A006 (annex2-7A006); jp:11(4) pairs only "
    "7A005, so 7A004, 7A006 and 'star tracker' are 'unknown item'"
)
NEPTUNIUM = (
    "Goods Order Art. 14(3) (ETCO row 15(3) 核熱源物質): 'あらかじめ分離されたネプツニウム二三七であって、重量が一グラムを"
    "超えるもの'; the name the law lists (ネプツニウム二三七, neptunium-237) is 'unknown item', though 1C012.b finds jp:15(3)"
)
HYDROPHONE = (
    "Goods Order Art. 9(1)ロ(一) (row 10(1)) 'ハイドロホンであって...音圧感度が...マイナス一八〇デシベルを超えるもの' and "
    "Art. 14(6)イ (row 15(5)) 'ハイドロホンであって、次のいずれかに該当するもの': a hydrophone is named by two entries, "
    "but 'ハイドロホン' / 'hydrophone' is 'unknown item' with no candidates"
)
HEAVY_WATER = (
    "Goods Order Art. 1(3) (row 2(3)): '重水素又は重水素化合物であって、重水素の原子数の水素の原子数に対する比率が五、〇〇〇分"
    "の一を超えるもの' - heavy water is a deuterium compound; '重水' is an ambiguity naming jp:2(3), but 'heavy water' "
    "answers jp:2(49) (platinised catalysts, Art. 1(59)) alone, with no candidate"
)
VIRUS = (
    "Goods Order Art. 2-2(1)一 (row 3-2(1)): 'ウイルス（ワクチンを除く。）であって、...エボラウイルス属の全てのウイルス...', "
    "三 toxins incl. 'ボツリヌス神経毒素'; 'virus' / 'ウイルス' answer jp:1(14) (vectors, viruses or cell lines for "
    "biocatalysts degrading military chemical agents) with no candidate, and the names the law lists (エボラウイルス, "
    "Ebola virus, ボツリヌス神経毒素) are 'unknown item' (Korea answers 'Ebola' with kr:1C351)"
)
SUBMARINE = (
    "ETCO row 1(10) is '防潜網若しくは魚雷防御網又は磁気機雷掃海用の浮揚性電らん' (nets and sweeping cables); a "
    "submarine is a military vessel of row 1(8) ('軍用船舶若しくはその船体...') or a submersible of rows 12(1)/15(8) ('潜水艇'); "
    "'submarine' answers jp:1(10) alone"
)
KR_MILITARY_VEHICLE = (
    "Annex 2 7A105 is ''위성항법시스템'의 수신장치로서...' (GNSS receivers for space launch vehicles, sounding rockets or "
    "UAVs; annex2-7A105); 'military vehicle' answers kr:7A105, an entry that names no military vehicle"
)
ADC = (
    "ETCO row 7(10) is 'アナログデジタル変換器（四の項の中欄に掲げるものを除く。）' and row 4(23) names analogue-to-digital "
    "converters for rockets; 'analogue-to-digital converter' is an ambiguity between jp:4(23) and jp:7(10), but its "
    "abbreviation 'ADC' answers jp:7(1) (integrated circuits) alone, with no candidate"
)


# (the bare name テルル asks with the catch-all since legal review 109: Art. 9(16)イ lists tellurium of 99.9995 % or more)
@pytest.mark.parametrize("item", ["6C002", "6C005", "チタンを添加したサファイア"])
def test_tellurium_and_laser_host_materials_are_row_10_14(regimes: dict[str, Regime], item: str) -> None:
    d = determine("JP", "CN", item, NEXT_WEEK, regimes=regimes)
    assert d.item.id == "jp:10(14)"
    assert d.licence_required is True


@pytest.mark.parametrize("item", ["7A004", "7A006", "star tracker"])
def test_star_trackers_and_airborne_altimeters_are_row_11_4(regimes: dict[str, Regime], item: str) -> None:
    # Row 11 gives way to row 4, whose 300 km rocket and UAV goods take star trackers (Goods Order Art. 3(17)) and
    # altimeters (Art. 3(19)): the number or the name asks between them (legal review 81, R81-8).
    with pytest.raises(InputError) as raised:
        determine("JP", "CN", item, NEXT_WEEK, regimes=regimes)
    assert "jp:11(4)" in str(raised.value.suggestions) and "jp:4(" in str(raised.value.suggestions)


@pytest.mark.parametrize("item", ["ネプツニウム二三七", "neptunium-237"])
def test_neptunium_237_is_row_15_3(regimes: dict[str, Regime], item: str) -> None:
    """Row 15(3) holds separated neptunium-237 over one gram (Goods Order Art. 14 item 3): the name asks between
    it and the catch-all (legal review 95, R95-12; session review S36C-15)."""
    with pytest.raises(InputError) as raised:
        determine("JP", "CN", item, NEXT_WEEK, regimes=regimes)
    shown = str(raised.value.suggestions)
    assert "jp:15(3)" in shown and "jp:16" in shown


@pytest.mark.parametrize("item", ["ハイドロホン", "hydrophone"])
def test_a_hydrophone_is_an_ambiguity_between_10_1_and_15_5(regimes: dict[str, Regime], item: str) -> None:
    with pytest.raises(InputError, match=r"jp:10\(1\)[\s\S]*jp:15\(5\)|jp:15\(5\)[\s\S]*jp:10\(1\)"):
        determine("JP", "CN", item, NEXT_WEEK, regimes=regimes)


def test_heavy_water_names_deuterium_compounds_2_3(regimes: dict[str, Regime]) -> None:
    try:
        d = determine("JP", "CN", "heavy water", NEXT_WEEK, regimes=regimes)
    except InputError as err:
        assert "jp:2(3)" in str(err)
    else:
        assert d.item.id == "jp:2(3)"


@pytest.mark.parametrize("item", ["virus", "ウイルス"])
def test_virus_names_row_3_2_1(regimes: dict[str, Regime], item: str) -> None:
    try:
        d = determine("JP", "CN", item, NEXT_WEEK, regimes=regimes)
    except InputError as err:
        assert "jp:3-2(1)" in str(err)
    else:
        assert d.item.id == "jp:3-2(1)"


@pytest.mark.parametrize("item", ["エボラウイルス", "Ebola virus", "ボツリヌス神経毒素"])
def test_pathogens_and_toxins_the_goods_order_names_are_row_3_2_1(regimes: dict[str, Regime], item: str) -> None:
    d = determine("JP", "CN", item, NEXT_WEEK, regimes=regimes)
    assert d.item.id == "jp:3-2(1)"


def test_submarine_is_not_anti_submarine_nets(regimes: dict[str, Regime]) -> None:
    try:
        d = determine("JP", "CN", "submarine", NEXT_WEEK, regimes=regimes)
    except InputError as err:
        assert "jp:1(8)" in str(err) or "jp:12(1)" in str(err)
    else:
        assert d.item.id != "jp:1(10)"


def test_military_vehicle_is_not_korea_gnss_receivers(regimes: dict[str, Regime]) -> None:
    try:
        d = determine("KR", "CN", "military vehicle", NEXT_WEEK, regimes=regimes)
    except InputError:
        return
    assert d.item.id != "kr:7A105"


def test_adc_is_an_ambiguity_naming_row_7_10(regimes: dict[str, Regime]) -> None:
    with pytest.raises(InputError, match=r"jp:7\(10\)"):
        determine("JP", "CN", "ADC", NEXT_WEEK, regimes=regimes)


ROCKET_PROPULSION = (
    "Goods Order Art. 12(5) (ETCO row 13(3)) '次号に該当するものを内蔵する液体ロケット推進装置' = 9A005 (annex2-9A005: liquid "
    "rocket propulsion systems containing any of the systems or components of 9A006) and Art. 12(9) 'ハイブリッドロケット推進"
    "装置であって、...全力積が一・一メガニュートン秒を超えるもの...推力が二二〇キロニュートンを超えるもの' = 9A009 (annex2-9A009); "
    "jp:13(3), located at Art. 12(5)-(9), pairs only 9A006-9A008, so 9A005 and 9A009 are 'unknown item'"
)


@pytest.mark.parametrize("item", ["9A005", "9A009"])
def test_liquid_and_hybrid_rocket_propulsion_systems_are_row_13_3(regimes: dict[str, Regime], item: str) -> None:
    """Row 13(3) holds them (Goods Order Art. 12(5), (9)); legal review 23 (F1) added row 4: rows 11 and 13
    exclude row-4 goods, and these numbers are MTCR Category I for 300 km / 500 kg systems, so the number
    alone is a choice between the rows (row 4 has no small-value exemption), never 13(3) by default."""
    with pytest.raises(InputError, match=r"jp:13\(3\)") as raised:
        determine("JP", "CN", item, NEXT_WEEK, regimes=regimes)
    assert "jp:4(2)" in str(raised.value.suggestions) and "jp:4(3)" in str(raised.value.suggestions)
    assert determine("JP", "CN", "jp:13(3)", NEXT_WEEK, regimes=regimes).item.id == "jp:13(3)"


@pytest.mark.parametrize(
    ("item", "rows"),
    [
        ("9A004", ["jp:4(1)", "jp:13(2)"]),
        ("9A012", ["jp:4(1-2)", "jp:13(4)"]),
        ("7A003", ["jp:4(2)", "jp:11(3)"]),
        ("7B001", ["jp:4(2)", "jp:11(5)"]),
        ("7B003", ["jp:4(2)", "jp:11(5)"]),
    ],
)
def test_mtcr_category_i_numbers_are_never_the_small_value_row_by_default(
    regimes: dict[str, Regime], item: str, rows: list[str]
) -> None:
    """Legal review 23 (F1, high): `check -e JP -t US -i 9A004 --value 500000` said "no licence" under
    row 13(2) with the small-value exemption, though a space launch vehicle is a row-4 rocket, which
    row 13 excludes (「四の項の中欄に掲げるものを除く。」) and which has no small-value exemption (ETCO
    Art. 4(1)(v): rows 5-13 and 15 only). The number alone now asks which row (failed before)."""
    with pytest.raises(InputError) as raised:
        determine("JP", "US", item, NEXT_WEEK, regimes=regimes, value=500_000, currency="JPY")
    assert all(row in str(raised.value.suggestions) for row in rows)
    row4 = determine("JP", "US", rows[0], NEXT_WEEK, regimes=regimes, value=500_000, currency="JPY")
    assert row4.licence_required and not row4.exemptions


@pytest.mark.parametrize(
    "name", ["solid rocket motor", "liquid rocket propulsion system", "inertial navigation system"]
)
def test_rocket_goods_asked_for_by_name_are_a_choice_with_row_4(regimes: dict[str, Regime], name: str) -> None:
    """Review of session 23 (H1, high): "solid rocket motor" resolved to 13(3), whose small-value
    exemption then said "no licence"; the same goods for 300 km rockets are row 4 (no exemption),
    which rows 11 and 13 exclude. The name alone now asks which row (failed before)."""
    with pytest.raises(InputError) as raised:
        determine("JP", "US", name, NEXT_WEEK, regimes=regimes, value=500_000, currency="JPY")
    assert "jp:4(" in str(raised.value.suggestions)


@pytest.mark.parametrize(
    ("item", "entry"), [("3B001.a", "kr:3B001"), ("3B001.a.2", "kr:3B001"), ("ML10.a", "kr:munitions")]
)
def test_a_sub_item_number_is_its_numbers_entry(regimes: dict[str, Regime], item: str, entry: str) -> None:
    """Review of session 23 (low): ``-e KR -i 3B001.a`` resolved to kr:3D002, software whose title
    names "3B001.a to .f", and ``ML10.a`` was unknown (failed before)."""
    assert determine("KR", "CN", item, NEXT_WEEK, regimes=regimes).item.id == entry


def test_a_technology_number_is_not_sent_to_the_goods_catch_all(regimes: dict[str, Regime]) -> None:
    """Legal review 25 (T-1, high): ``-e JP -i 3E001`` said "unknown item ... ask for the catch-all",
    whose answer for goods was "no licence"; providing listed technology needs FEFTA Art. 25(1)
    permission. Japan's data holds goods only, and the error now says so (failed before)."""
    with pytest.raises(InputError, match="software or technology number") as raised:
        determine("JP", "CN", "3E001", NEXT_WEEK, regimes=regimes)
    assert "catch-all" not in str(raised.value).split(";")[0] and "FEFTA Art. 25(1)" in str(raised.value)
    assert determine("KR", "CN", "3E001", NEXT_WEEK, regimes=regimes).item.id == "kr:3E001"  # Korea's list holds it
