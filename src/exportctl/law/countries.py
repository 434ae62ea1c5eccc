"""ISO 3166-1 country codes via pycountry, plus the names people actually type.

pycountry calls South Korea "Korea, Republic of"; compliance officers in Tokyo type 韓国, in Seoul
한국, elsewhere "South Korea" or "ROK". Every name is looked up after Unicode NFKC normalisation
and case folding, so full-width letters (ＫＲ), half-width katakana (ｶﾝｺｸ) and spacing variants
(대한 민국) find the same country.

Sources, in order of precedence (the first that knows a name wins):

1. names that are ambiguous ("Korea", "Congo"): never resolved silently (see :class:`Ambiguity`);
2. the hand-written everyday names below, in English, Japanese and Korean: short forms that no
   library offers reliably (pycountry's translations give 大韓民国 but not 韓国 or 한국);
3. ISO alpha-2 and alpha-3 codes;
4. pycountry's English names and its Japanese and Korean translations (iso-codes), which cover
   every country, if sometimes in a formal or dated wording.

These are names, not legal facts: which group a country is in is always the regime data's answer.
"""

from __future__ import annotations

import difflib
import gettext
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from exportctl.errors import InputError

#: Everyday names, short forms and unambiguous English adjectives, per ISO alpha-2 code. At least
#: every country in a regime's groups and Japan's and Korea's major trading partners.
_EVERYDAY: dict[str, tuple[str, ...]] = {
    "AE": ("UAE", "Emirates", "Emirati", "アラブ首長国連邦", "아랍에미리트", "아랍 에미리트 연합"),
    "AF": ("Afghan", "アフガニスタン", "아프가니스탄"),
    "AR": ("Argentine", "Argentinian", "アルゼンチン", "아르헨티나"),
    "AT": ("Austrian", "オーストリア", "오스트리아"),
    "AU": ("Australian", "オーストラリア", "豪州", "濠洲", "호주", "오스트레일리아"),
    "BD": ("Bangladeshi", "バングラデシュ", "방글라데시"),
    "BE": ("Belgian", "ベルギー", "벨기에"),
    "BG": ("Bulgarian", "ブルガリア", "불가리아"),
    "BR": ("Brazilian", "ブラジル", "브라질"),
    "BY": ("Belarusian", "ベラルーシ", "벨라루스"),
    "CA": ("Canadian", "カナダ", "캐나다"),
    "CD": (
        "DRC",
        "DR Congo",
        "Congo-Kinshasa",
        "Democratic Republic of the Congo",
        "コンゴ民主共和国",
        "旧ザイール",
        "콩고민주공화국",
        "민주콩고",
    ),
    "CF": ("Central African", "CAR", "中央アフリカ", "中央アフリカ共和国", "중앙아프리카", "중앙아프리카공화국"),
    "CG": ("Congo-Brazzaville", "Republic of the Congo", "コンゴ共和国", "콩고공화국"),
    "CH": ("Swiss", "スイス", "스위스"),
    "CI": ("Ivory Coast", "Ivorian", "コートジボワール", "象牙海岸", "코트디부아르"),
    "CN": ("PRC", "Chinese", "Mainland China", "中国", "中華人民共和国", "중국", "중화인민공화국"),
    "CZ": ("Czech", "Czechia", "Czech Republic", "チェコ", "체코"),
    "DE": ("German", "ドイツ", "독일"),
    "DK": ("Danish", "デンマーク", "덴마크"),
    "EG": ("Egyptian", "エジプト", "이집트"),
    "ER": ("Eritrean", "エリトリア", "에리트레아"),
    "ES": ("Spanish", "スペイン", "스페인"),
    "FI": ("Finnish", "フィンランド", "핀란드"),
    "FR": ("French", "フランス", "프랑스"),
    "GB": (
        "UK",
        "Britain",
        "Great Britain",
        "British",
        "England",
        "イギリス",
        "英国",
        "連合王国",
        "영국",
    ),
    "GR": ("Greek", "ギリシャ", "ギリシア", "그리스"),
    "GU": ("グアム", "괌"),
    "HK": ("Hong Kong", "香港", "홍콩"),
    "HU": ("Hungarian", "ハンガリー", "헝가리"),
    "ID": ("Indonesian", "インドネシア", "인도네시아"),
    "IE": ("Irish", "アイルランド", "아일랜드"),
    "IL": ("Israeli", "イスラエル", "이스라엘"),
    "IN": ("Indian", "インド", "인도"),
    "IQ": ("Iraqi", "イラク", "이라크"),
    "IR": ("Iran", "Iranian", "Persia", "イラン", "이란"),
    "IT": ("Italian", "イタリア", "이탈리아"),
    "JP": ("Japanese", "Nippon", "Nihon", "日本", "日本国", "ニッポン", "にほん", "にっぽん", "일본", "일본국"),
    "KP": (
        "North Korea",
        "North Korean",
        "DPRK",
        "Democratic People's Republic of Korea",
        "北朝鮮",
        "朝鮮民主主義人民共和国",
        "北韓",
        "Corea del Norte",
        "북한",
        "북조선",
        "조선민주주의인민공화국",
    ),
    "KR": (
        "South Korea",
        "South Korean",
        "ROK",
        "Republic of Korea",
        "韓国",
        "大韓民国",
        "韓國",  # traditional characters (Taiwan, Hong Kong)
        "大韓民國",
        "Corea del Sur",
        "南朝鮮",
        "かんこく",
        "カンコク",
        "한국",
        "대한민국",
        "남한",
    ),
    "KW": ("Kuwaiti", "クウェート", "쿠웨이트"),
    "LA": ("Laos", "Lao", "ラオス", "라오스"),
    "LB": ("Lebanese", "レバノン", "레바논"),
    "LR": ("Liberian", "リベリア", "라이베리아"),
    "LU": ("Luxembourgish", "ルクセンブルク", "룩셈부르크"),
    "LY": ("Libyan", "リビア", "리비아"),
    "MO": ("Macao", "Macau", "マカオ", "澳門", "마카오"),
    "MM": ("Burma", "Burmese", "ビルマ", "버마"),
    "MP": ("Northern Marianas", "北マリアナ諸島", "북마리아나 제도"),
    "MX": ("Mexican", "メキシコ", "멕시코"),
    "MY": ("Malaysian", "マレーシア", "말레이시아"),
    "NL": ("Dutch", "Holland", "オランダ", "네덜란드"),
    "NO": ("Norwegian", "ノルウェー", "노르웨이"),
    "NZ": ("NZ", "New Zealander", "ニュージーランド", "뉴질랜드"),
    "PH": ("Filipino", "Philippine", "フィリピン", "필리핀"),
    "PK": ("Pakistani", "パキスタン", "파키스탄"),
    "PL": ("Polish", "ポーランド", "폴란드"),
    "PR": ("Puerto Rican", "プエルトリコ", "푸에르토리코"),
    "PS": ("Palestine", "Palestinian", "パレスチナ", "팔레스타인"),
    "PT": ("Portuguese", "ポルトガル", "포르투갈"),
    "QA": ("Qatari", "カタール", "카타르"),
    "RU": ("Russia", "Russian", "ロシア", "ロシア連邦", "러시아", "러시아연방"),
    "SA": ("Saudi", "Saudi Arabian", "KSA", "サウジアラビア", "サウジ", "사우디아라비아", "사우디"),
    "SD": ("Sudanese", "スーダン", "수단"),
    "SE": ("Swedish", "スウェーデン", "스웨덴"),
    "SG": ("Singaporean", "シンガポール", "싱가포르", "싱가폴"),
    "SL": ("Sierra Leonean", "シエラレオネ", "시에라리온"),
    "SO": ("Somali", "ソマリア", "소말리아"),
    "SS": ("South Sudanese", "南スーダン", "남수단"),
    "SY": ("Syria", "Syrian", "シリア", "시리아"),
    "TH": ("Thai", "Thailand", "タイ", "タイ王国", "태국", "타이"),
    "TR": ("Turkey", "Turkish", "トルコ", "터키", "튀르키예"),
    "TW": ("Taiwan", "Taiwanese", "Chinese Taipei", "台湾", "臺灣", "中華民国", "대만", "타이완", "중화민국"),
    "UA": ("Ukrainian", "ウクライナ", "우크라이나"),
    "US": (
        "USA",
        "US",
        "U.S.",
        "U.S.A.",
        "America",
        "American",
        "United States of America",
        "アメリカ",
        "アメリカ合衆国",
        "米国",
        "미국",
        "미합중국",
        "아메리카합중국",
    ),
    "VE": ("Venezuela", "Venezuelan", "ベネズエラ", "베네수엘라"),
    "VI": ("US Virgin Islands", "米領バージン諸島", "미국령 버진아일랜드"),
    "VN": ("Vietnam", "Vietnamese", "ベトナム", "베트남"),
    "YE": ("Yemeni", "イエメン", "예멘"),
    "ZA": ("South African", "南アフリカ", "南ア", "남아프리카공화국", "남아공"),
}


#: The first English table, kept as it was: the intake gazetteer (intake/gazetteer.py) matches these
#: names in English documents, where adding adjectives ("Polish", "Turkey") would find false hits.
#: Lookups here use it too; "korea" is overridden below as ambiguous.
_EVERYDAY_NAMES: dict[str, str] = {
    "south korea": "KR",
    "korea": "KR",
    "rok": "KR",
    "republic of korea": "KR",
    "north korea": "KP",
    "dprk": "KP",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "usa": "US",
    "us": "US",
    "america": "US",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "taiwan": "TW",
    "vietnam": "VN",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "czechia": "CZ",
    "czech republic": "CZ",
    "ivory coast": "CI",
    "drc": "CD",
    "dr congo": "CD",
    "democratic republic of the congo": "CD",
    "turkey": "TR",
}


@dataclass(frozen=True)
class Ambiguity:
    """A name that means more than one country.

    ``taken_as`` is the conventional reading, used with a warning; ``None`` means there is no
    safe conventional reading and the name is refused with the alternatives. "Congo" is refused:
    the two Congos are in different Japanese groups (the DRC is in Appended Table 3-2), so a guess
    could change the answer.
    """

    taken_as: str | None
    alternatives: tuple[str, ...]


_KOREA = Ambiguity("KR", ("KP",))
_CONGO = Ambiguity(None, ("CD", "CG"))
_GUINEA = Ambiguity("GN", ("GW", "GQ", "PG"))
_PENINSULA = Ambiguity(None, ("KR", "KP"))
_AMBIGUOUS: dict[str, Ambiguity] = {
    "Korea": _KOREA,
    "Korean": _KOREA,
    "コリア": _KOREA,
    "코리아": _KOREA,
    "Congo": _CONGO,
    "Congolese": _CONGO,
    "The Congo": _CONGO,
    "コンゴ": _CONGO,
    "콩고": _CONGO,
    "Guinea": _GUINEA,
    "Guinean": _GUINEA,
    "ギニア": _GUINEA,
    "기니": _GUINEA,
    "朝鮮": _PENINSULA,
    "조선": _PENINSULA,
    "Virgin Islands": Ambiguity(None, ("VG", "VI")),
    "Dominican": Ambiguity(None, ("DO", "DM")),
}

_DROP = re.compile(r"[\s\u30fb\u00b7.,'’\-_()]+")  # spaces, ・ and ·, dots, commas, apostrophes, hyphens


def fold(text: str) -> str:
    """The lookup key of a name: NFKC, case-folded, without spaces and punctuation.

    Why: people type 대한 민국 and 대한민국, U.S.A. and USA, ＫＲ and KR; all must find one key.
    """
    return _DROP.sub("", unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True)
class CountryReading:
    """How a typed name was read: the ISO alpha-2 code and, for an ambiguous name, why it is a guess."""

    code: str
    note: str | None = None


def _translations() -> list[gettext.NullTranslations]:
    out: list[gettext.NullTranslations] = []
    for lang in ("ja", "ko"):
        try:
            out.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]))
        except OSError:  # a trimmed pycountry install without locales: the hand-written names remain
            continue
    return out


def _library_names() -> dict[str, str]:
    """pycountry's English names and their Japanese and Korean translations, folded."""
    names: dict[str, str] = {}
    translations = _translations()
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if not value:
                continue
            names.setdefault(fold(value), c.alpha_2)
            for t in translations:
                local = t.gettext(value)
                # "大韓民国 (韓国)": both the name and the short form in brackets are names.
                for part in re.split(r"[()（）]", local):
                    if part.strip():
                        names.setdefault(fold(part), c.alpha_2)
    return names


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names = {fold(n): code for code, many in _EVERYDAY.items() for n in many}
    names.update({fold(n): code for n, code in _EVERYDAY_NAMES.items()})
    for c in pycountry.countries:
        names.setdefault(fold(c.alpha_2), c.alpha_2)
        names.setdefault(fold(c.alpha_3), c.alpha_2)
    for key, code in _library_names().items():
        names.setdefault(key, code)
    for key in _ambiguous():
        names.pop(key, None)
    return names


@lru_cache(maxsize=1)
def _ambiguous() -> dict[str, Ambiguity]:
    return {fold(k): v for k, v in _AMBIGUOUS.items()}


def is_iso2(code: str) -> bool:
    return pycountry.countries.get(alpha_2=code) is not None


def country_name(code: str) -> str:
    c = pycountry.countries.get(alpha_2=code)
    if c is None:
        return code
    return str(getattr(c, "common_name", None) or c.name)


def _labelled(code: str) -> str:
    return f"{code} ({country_name(code)})"


def _ambiguity_error(text: str, a: Ambiguity) -> InputError:
    options = [a.taken_as, *a.alternatives] if a.taken_as else list(a.alternatives)
    return InputError(
        f"country {text!r} is ambiguous; give the code or the full name",
        [_labelled(c) for c in options],
        label="it may be",
    )


def _ambiguity_note(text: str, a: Ambiguity) -> str:
    assert a.taken_as is not None
    others = " or ".join(_labelled(c) for c in a.alternatives)
    return f"country {text!r} taken as {_labelled(a.taken_as)}; if you meant {others}, give its code"


#: Destinations with a code outside ISO 3166-1 (user-assigned), by their folded names and codes.
#: Why refused, and by name: the regimes' groups, the batch's country numbering and the law data's
#: validation are all built on pycountry's ISO list, which has no XK; answering Kosovo would need
#: every one of them widened. Until then the refusal says why, instead of "unknown country" with no
#: suggestion (review 22, L10).
_OUTSIDE_ISO: dict[str, tuple[str, str]] = {
    key: ("XK", "Kosovo") for key in ("kosovo", "xk", "xkx", "kosova", "コソボ", "코소보", "kosovar")
}


#: Regions a shipment is addressed to that are parts of a country, by their folded names: the
#: country's code, its name and the region's name. Why refused with the country named: the law reads
#: destinations by country (ISO 3166-1), so "Donetsk" had suggested Denmark and Indonesia and
#: "Sevastopol" nothing; the answer for the country carries what its laws say of the region (legal
#: review 28, R28-3).
_REGIONS: dict[str, tuple[str, str, str]] = {
    fold(name): (code, country, place)
    for code, country, place, names in (
        (
            "UA",
            "Ukraine",
            "Donetsk",
            (
                "Donetsk",
                "Donetsk oblast",
                "Donetsk People's Republic",
                "DNR",
                "ドネツク",
                "ドネツク州",
                "도네츠크",
                "도네츠크주",
            ),
        ),
        (
            "UA",
            "Ukraine",
            "Luhansk",
            (
                "Luhansk",
                "Lugansk",
                "Luhansk oblast",
                "Luhansk People's Republic",
                "LNR",
                "ルハンスク",
                "ルハンスク州",
                "루한스크",
                "루한스크주",
            ),
        ),
        ("UA", "Ukraine", "Crimea", ("Crimea", "Crimean", "クリミア", "크림", "크림반도")),
        ("UA", "Ukraine", "Sevastopol", ("Sevastopol", "セバストポリ", "세바스토폴")),
        (
            "UA",
            "Ukraine",
            "Zaporizhzhia",
            ("Zaporizhzhia", "Zaporizhzhia oblast", "Zaporozhye", "ザポリージャ", "ザポリージャ州", "자포리자"),
        ),
        ("UA", "Ukraine", "Kherson", ("Kherson", "Kherson oblast", "ヘルソン", "ヘルソン州", "헤르손")),
        ("PS", "Palestine", "the West Bank", ("West Bank", "ヨルダン川西岸", "요르단강 서안")),
        ("PS", "Palestine", "Gaza", ("Gaza", "Gaza Strip", "ガザ", "가자지구")),
    )
    for name in names
}


def read_country(text: str) -> CountryReading:
    """Read a code or a name in English, Japanese or Korean as an ISO alpha-2 code.

    An ambiguous name with a conventional reading ("Korea") comes back with a note saying what it
    was taken as and the alternatives; one without ("Congo") is refused with them. An unknown name
    is refused with the closest names.
    """
    key = fold(text)
    if not key:
        raise InputError("empty country; give an ISO code or a name")
    ambiguity = _ambiguous().get(key)
    if ambiguity is not None:
        if ambiguity.taken_as is None:
            raise _ambiguity_error(text.strip(), ambiguity)
        return CountryReading(ambiguity.taken_as, _ambiguity_note(text.strip(), ambiguity))
    names = _names()
    hit = names.get(key)
    if hit:
        return CountryReading(hit)
    outside = _OUTSIDE_ISO.get(key)
    if outside is not None:
        code, name = outside
        raise InputError(
            f"country {text!r} is {name}: its code {code} is user-assigned, not in the ISO 3166-1 list "
            "the law data is read against, so it is not answered yet"
        )
    region = _REGIONS.get(key)
    if region is not None:
        code, country, place = region
        raise InputError(
            f"{text.strip()!r} names {place}, in {country}: destinations are read by country, so give {code}; "
            "controls aimed at the region alone are warned of only where the data holds them"
        )
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    suggestions = sorted({_labelled(names[c]) for c in close})
    raise InputError(f"unknown country {text!r}", suggestions)


def resolve_country(text: str) -> str:
    """The ISO alpha-2 code of a code or name; an ambiguous name is refused, never guessed.

    Why refuse where :func:`read_country` warns: callers of this function (batch screening, the
    status and history views) have no place to carry a warning, so a guess would be silent.
    """
    reading = read_country(text)
    if reading.note is not None:
        raise _ambiguity_error(text.strip(), _ambiguous()[fold(text)])
    return reading.code
