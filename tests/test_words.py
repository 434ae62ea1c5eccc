"""The user's own words: country names, dates and item names as people in Tokyo and Seoul type them."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest
from typer.testing import CliRunner

from exportctl import determine
from exportctl.batch.screen import screen_frame
from exportctl.cli import app
from exportctl.engine.items import resolve_item
from exportctl.engine.query import destination_code, parse_date
from exportctl.errors import InputError
from exportctl.law.countries import read_country, resolve_country
from exportctl.law.loader import load_regimes
from exportctl.law.regime import Regime

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def check_json(to: str, item: str = "HF", on: str = "2020-01-15", exporter: str = "JP") -> dict[str, object]:
    code, out, err = run("check", "-e", exporter, "-t", to, "-i", item, "--on", on, "--json")
    assert code == 0, err
    answer: dict[str, object] = json.loads(out)
    return answer


# ------------------------------------------------------------------------------------ countries

NAMES = {
    "KR": [
        "韓国",
        "大韓民国",
        "한국",
        "대한민국",
        "대한 민국",
        "South Korea",
        "ROK",
        "KOR",
        "ＫＲ",
        "ｶﾝｺｸ",
        "South Korean",
        "韓國",
        "大韓民國",
        "Corea del Sur",
    ],
    "JP": ["日本", "일본", "Japan", "Japanese", "JPN", "ｊｐ"],
    "CN": ["中国", "중국", "China", "中華人民共和国", "CHN"],
    "US": ["米国", "アメリカ", "ｱﾒﾘｶ", "미국", "USA", "U.S.A.", "United States", "American"],
    "TW": ["台湾", "대만", "Taiwan"],
    "KP": ["北朝鮮", "朝鮮民主主義人民共和国", "북한", "DPRK", "North Korea", "PRK", "Corea del Norte"],
    "IR": ["Iran", "イラン", "이란", "IRN", "Iranian"],
    "IQ": ["イラク", "이라크", "Iraq"],
    "DE": ["ドイツ", "독일", "German", "DEU"],
    "GB": ["英国", "イギリス", "영국", "UK", "British"],
    "CD": ["コンゴ民主共和国", "DRC", "콩고민주공화국"],
    "TR": ["トルコ", "튀르키예", "터키", "Turkey"],
    "SS": ["南スーダン", "남수단", "South Sudan"],
    "VN": ["ベトナム", "베트남", "Viet Nam", "Vietnam"],
}


@pytest.mark.parametrize(("code", "name"), [(c, n) for c, names in NAMES.items() for n in names])
def test_country_names_in_three_languages(code: str, name: str) -> None:
    assert read_country(name).code == code
    assert read_country(name).note is None
    assert resolve_country(name) == code


@pytest.mark.parametrize("regime_code", ["JP", "KR"])
def test_every_country_in_a_group_has_a_japanese_and_a_korean_name(
    regimes: dict[str, Regime], regime_code: str
) -> None:
    """Every grouped country can be named in the library's Japanese and Korean translations."""
    import gettext

    import pycountry

    ja = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    ko = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"])
    codes = {m.country for g in regimes[regime_code].groups.values() for m in g.members}
    for code in codes:
        c = pycountry.countries.get(alpha_2=code)
        if c is None:
            continue
        for t in (ja, ko):
            local = t.gettext(c.name).split("(")[0].strip()
            if local != c.name:
                assert read_country(local).code == code, local


def test_check_takes_japanese_and_korean_destinations() -> None:
    for name in ("韓国", "大韓民国", "한국", "대한민국"):
        answer = check_json(name)
        assert answer["destination"] == "KR"
        assert answer["licence_required"] is True
    assert check_json("일본", item="catch-all", exporter="KR")["destination"] == "JP"


def test_exporter_named_in_japanese() -> None:
    assert check_json("韓国", exporter="日本")["exporter"] == "JP"


# ---------------------------------------------------------------------------------- ambiguity


def test_korea_is_taken_as_the_republic_with_a_warning() -> None:
    answer = check_json("Korea")
    assert answer["destination"] == "KR"
    warnings = answer["warnings"]
    assert isinstance(warnings, list)
    assert warnings[0] == "country 'Korea' taken as KR (South Korea); if you meant KP (North Korea), give its code"
    notices = answer["notices"]
    assert isinstance(notices, list)
    assert notices[0]["kind"] == "ambiguous_name"


@pytest.mark.parametrize("name", ["코리아", "コリア", "korean", "ＫＯＲＥＡ"])
def test_korea_in_other_scripts_also_warns(name: str) -> None:
    d = determine("JP", name, "HF", "2020-01-15")
    assert d.destination == "KR"
    assert d.notices[0].kind == "ambiguous_name" and "KP (North Korea)" in d.notices[0].text


def test_guinea_warns_with_all_the_guineas() -> None:
    note = read_country("Guinea").note
    assert note is not None
    assert "taken as GN" in note and "GW" in note and "GQ" in note and "PG" in note


@pytest.mark.parametrize("name", ["Congo", "コンゴ", "콩고", "朝鮮", "조선"])
def test_a_name_without_a_safe_reading_is_refused_with_the_choices(name: str) -> None:
    code, _, err = run("check", "-e", "JP", "-t", name, "-i", "HF", "--on", "2020-01-15")
    assert code == 2
    assert "is ambiguous" in err and "it may be" in err
    assert len(err.strip().splitlines()) == 1


def test_congo_lists_both_congos() -> None:
    with pytest.raises(InputError) as exc:
        read_country("Congo")
    assert "CD (" in str(exc.value) and "CG (" in str(exc.value)


def test_where_no_warning_can_be_carried_korea_is_refused(regimes: dict[str, Regime]) -> None:
    with pytest.raises(InputError, match="ambiguous"):
        resolve_country("Korea")
    with pytest.raises(InputError, match="ambiguous"):
        destination_code(regimes["JP"], "Korea")


def test_batch_rejects_an_ambiguous_destination_and_reads_the_rest() -> None:
    rows = [
        ("1", "JP", "Korea", "HF", "2020-01-15"),
        ("2", "日本", "韓国", "ＨＦ", "2020/1/15"),
        ("3", "일본", "대한민국", "불화수소", "令和2年1月15日"),
        ("4", "JP", "Congo", "HF", "2020-01-15"),
        ("5", "ｊｐ", "KR", "HF", "2020-1-15T09:00:00+09:00"),
    ]
    df = pl.DataFrame(
        [{"line_id": i, "exporter": e, "destination": b, "item": c, "ship_date": d} for i, e, b, c, d in rows]
    )
    results, rejects, summary = screen_frame(df, load_regimes())
    assert summary.rows_in == 5 and summary.screened == 3 and summary.rejected == 2
    assert sorted(results["line_id"].to_list()) == ["2", "3", "5"]
    assert results["licence_required"].to_list() == [True, True, True]
    errors = dict(zip(rejects["line_id"].to_list(), rejects["error"].to_list(), strict=True))
    assert "'Korea' is ambiguous" in errors["1"] and "KP (North Korea)" in errors["1"]
    assert "'Congo' is ambiguous" in errors["4"]


# -------------------------------------------------------------------------------------- dates

DAY = dt.date(2020, 1, 15)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2020-01-15", DAY),
        ("2020-1-15", DAY),
        ("2020/01/15", DAY),
        ("2020/1/15", DAY),
        ("20200115", DAY),
        ("2020.01.15", DAY),
        ("2020. 1. 15.", DAY),
        ("２０２０－０１－１５", DAY),
        ("２０２０／１／１５", DAY),
        ("2020-01-15T10:30:00", DAY),
        ("2020-01-15 10:30", DAY),
        ("2020-01-15T23:30:00+09:00", DAY),
        ("2020-01-15T00:30:00Z", DAY),
        ("2020/1/15 9:00", DAY),
        ("2020-1-15T9:00:00.5+09:00", DAY),
        ("2020年1月15日", DAY),
        ("令和2年1月15日", DAY),
        ("令和２年１月１５日", DAY),
        ("R2.1.15", DAY),
        ("r2/1/15", DAY),
        ("㋿2年1月15日", DAY),
        ("2020년 1월 15일", DAY),
        ("2020년1월15일", DAY),
        ("平成31年4月30日", dt.date(2019, 4, 30)),
        ("H31.4.30", dt.date(2019, 4, 30)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("平成元年1月8日", dt.date(1989, 1, 8)),
        ("昭和64年1月7日", dt.date(1989, 1, 7)),
        ("大正15年12月24日", dt.date(1926, 12, 24)),
        ("明治45年7月29日", dt.date(1912, 7, 29)),
    ],
)
def test_dates_as_people_write_them(text: str, day: dt.date) -> None:
    assert parse_date(text) == day


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("平成32年1月1日", "after the Heisei era ended on 2019-04-30"),
        ("令和1年4月30日", "before the Reiwa era began on 2019-05-01"),
        ("H1.1.7", "before the Heisei era began on 1989-01-08"),
        ("明治3年1月1日", "lunisolar"),
        ("令和0年1月1日", "era years start at 1"),
        ("2019-02-30", "February 2019 has 28 days"),
        ("2020/13/01", "there is no month 13"),
        ("2020-01-15T25:00", "not a valid time of day"),
    ],
)
def test_impossible_dates_say_why(text: str, needle: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_date(text, "shipment date")
    assert needle in str(exc.value)
    assert f"impossible shipment date {text!r}" in str(exc.value) or "invalid shipment date" in str(exc.value)


def test_an_era_date_in_the_cli() -> None:
    assert check_json("KR", on="令和2年1月15日")["on"] == "2020-01-15"
    assert check_json("KR", on="2020-1-15")["on"] == "2020-01-15"


@pytest.mark.parametrize("text", ["15/01/2020", "Jan 15 2020", "2020-01", "yesterday"])
def test_a_bad_date_is_one_line_listing_the_accepted_forms(text: str) -> None:
    code, out, err = run("check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", text)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in out + err and "isoformat" not in err
    for form in ("YYYY-MM-DD", "YYYY/MM/DD", "YYYYMMDD", "令和2年1月15日", "R2.1.15", "2020년 1월 15일"):
        assert form in err


def test_an_era_outside_its_span_is_one_line_in_the_cli() -> None:
    code, _, err = run("check", "-e", "JP", "-t", "KR", "-i", "HF", "--on", "平成32年1月1日")
    assert code == 2
    assert "after the Heisei era ended on 2019-04-30" in err
    assert len(err.strip().splitlines()) == 1


# -------------------------------------------------------------------------------------- items


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("ＨＦ", "jp:3(1)"),
        ("hf", "jp:3(1)"),
        ("フッ化水素", "jp:3(1)"),
        ("ﾌｯ化水素", "jp:3(1)"),
        ("ふっ化水素", "jp:3(1)"),
        ("불화수소", "jp:3(1)"),
        ("ＪＰ：３（１）", "jp:3(1)"),
        ("フッ化ポリイミド", "jp:5(17)"),
        ("불화 폴리이미드", "jp:5(17)"),
        ("불화폴리이미드", "jp:5(17)"),
        ("フォトレジスト", "jp:7(19)"),
        ("포토레지스트", "jp:7(19)"),
        ("Photoresist", "jp:7(19)"),
    ],
)
def test_item_names_in_three_languages(regimes: dict[str, Regime], text: str, entry: str) -> None:
    assert resolve_item(regimes["JP"], text).id == entry


def test_korean_entries_by_their_korean_names(regimes: dict[str, Regime]) -> None:
    assert resolve_item(regimes["KR"], "민감 전략물자").id == "kr:sensitive"
    assert resolve_item(regimes["KR"], "상황허가").id == "kr:catch-all"


def test_full_width_item_in_the_cli() -> None:
    answer = check_json("韓国", item="ＨＦ", on="２０２０／１／１５")
    item = answer["item"]
    assert isinstance(item, dict) and item["id"] == "jp:3(1)"
    assert answer["destination"] == "KR" and answer["on"] == "2020-01-15"


# ------------------------------------------------------------------------------------ spellings

_AMERICAN = {"fibre": "fiber", "aluminium": "aluminum", "vapour": "vapor", "analyser": "analyzer", "sulph": "sulf"}


def _american(text: str) -> str:
    for uk, us in _AMERICAN.items():
        text = text.replace(uk, us).replace(uk.capitalize(), us.capitalize())
    return text


def test_american_spellings_find_what_the_british_find(regimes: dict[str, Regime]) -> None:
    """The lists write British English; "carbon fiber" was an unknown item pointed to the catch-all (S27-2).

    Every entry whose title holds a British spelling is found by the title spelled the American way.
    """
    checked = 0
    for regime in regimes.values():
        for e in regime.entries.values():
            us = _american(e.title)
            if us == e.title:
                continue
            assert resolve_item(regime, us).id == resolve_item(regime, e.title).id == e.id, (e.id, us)
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("item", ["carbon fiber", "aluminum alloy", "optical fiber"])
def test_an_american_spelling_is_not_sent_to_the_catch_all(item: str) -> None:
    code, _, err = run("check", "-e", "JP", "-t", "CN", "-i", item, "--on", "2026-12-10")
    assert code != 0 and "candidates" in err and "unknown item" not in err, err


@pytest.mark.parametrize(
    ("english", "korean"), [("carbon fibre", "탄소섬유"), ("aramid fibre", "아라미드 섬유"), ("zirconium", "지르코늄")]
)
def test_a_korean_good_is_resolved_alike_in_either_language(
    regimes: dict[str, Regime], english: str, korean: str
) -> None:
    """Session review S27-6: "carbon fibre" went straight to 1C010 (not refused for Iran) while 탄소섬유 asked
    between 1C010 and 1C210 (refused for Iran); 지르코늄 went straight to 1C234 while "zirconium" asked. A name
    that fits more than one entry in one language asks in the other too."""
    outcomes = []
    for name in (english, korean):
        try:
            outcomes.append(("resolved", resolve_item(regimes["KR"], name).id))
        except InputError as exc:
            outcomes.append(("asked", ""))
            assert exc.suggestions, name
    assert outcomes[0] == outcomes[1] == ("asked", ""), outcomes


def test_a_cas_number_with_its_prefix_names_what_the_bare_number_names(regimes: dict[str, Regime]) -> None:
    """Session review S27-17: ``items`` found "CAS 7664-39-3" and ``check`` refused it; and the prefix ate the
    first letters of words that begin with "cas" ("casting" was searched as "ting")."""
    from exportctl.engine.items import _CAS_PREFIX

    jp = regimes["JP"]
    for typed in ("CAS 7664-39-3", "CAS No. 7664-39-3", "CASRN 7664-39-3", "CAS番号 7664-39-3"):
        assert resolve_item(jp, typed).id == resolve_item(jp, "7664-39-3").id == "jp:3(1)", typed
    for word in ("casting furnace", "cascade", "Cassette"):
        assert _CAS_PREFIX.sub("", word) == word
