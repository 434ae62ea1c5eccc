"""Names that point at states: countries, demonyms, capitals used as metonyms, agencies.

The everyday names, demonyms and agencies below are lookup aids for reading news, not legal facts.
English names match on word boundaries; Japanese and Korean names cannot (no spaces, particles glued
to the noun: 日本政府は, 일본을), so they are a separate list matched as plain substrings, longest
first, and kept to names that are not parts of everyday words (no タイ, 수단, 미 alone).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import pycountry

from exportctl.law.countries import _EVERYDAY_NAMES

DEMONYMS = {
    "japanese": "JP",
    "south korean": "KR",
    "korean": "KR",
    "chinese": "CN",
    "american": "US",
    "taiwanese": "TW",
    "north korean": "KP",
    "german": "DE",
    "dutch": "NL",
    "british": "GB",
    "french": "FR",
    "russian": "RU",
    "indian": "IN",
    "iranian": "IR",
    "pakistani": "PK",
    "belarusian": "BY",
    "turkish": "TR",
    "emirati": "AE",
    "swiss": "CH",
    "canadian": "CA",
    "australian": "AU",
    "italian": "IT",
    "spanish": "ES",
    "polish": "PL",
    "ukrainian": "UA",
    "vietnamese": "VN",
    "israeli": "IL",
    "mexican": "MX",
    "brazilian": "BR",
    "singaporean": "SG",
    "malaysian": "MY",
    "thai": "TH",
    "indonesian": "ID",
    "south african": "ZA",
    "saudi": "SA",
    "finnish": "FI",
    "swedish": "SE",
    "norwegian": "NO",
    "belgian": "BE",
    "austrian": "AT",
    "czech": "CZ",
    # the other states' adjectives as news writes them before an organ ("the Zambian government", "Egypt's" or "the
    # Egyptian cabinet"); left out where one word names two states or a place inside one (Congolese, Dominican,
    # Guinean, Georgian) and where the adjective is mostly an ethnic or language name (Somali, Kurdish, Malay)
    "irish": "IE",
    "greek": "GR",
    "danish": "DK",
    "portuguese": "PT",
    "hungarian": "HU",
    "romanian": "RO",
    "bulgarian": "BG",
    "serbian": "RS",
    "croatian": "HR",
    "slovak": "SK",
    "slovenian": "SI",
    "estonian": "EE",
    "latvian": "LV",
    "lithuanian": "LT",
    "icelandic": "IS",
    "maltese": "MT",
    "cypriot": "CY",
    "luxembourgish": "LU",
    "moldovan": "MD",
    "armenian": "AM",
    "azerbaijani": "AZ",
    "kazakh": "KZ",
    "kazakhstani": "KZ",
    "uzbek": "UZ",
    "kyrgyz": "KG",
    "tajik": "TJ",
    "turkmen": "TM",
    "mongolian": "MN",
    "afghan": "AF",
    "bangladeshi": "BD",
    "sri lankan": "LK",
    "nepalese": "NP",
    "burmese": "MM",
    "cambodian": "KH",
    "laotian": "LA",
    "filipino": "PH",
    "philippine": "PH",
    "bruneian": "BN",
    "new zealand": "NZ",
    "egyptian": "EG",
    "libyan": "LY",
    "tunisian": "TN",
    "algerian": "DZ",
    "moroccan": "MA",
    "nigerian": "NG",
    "ghanaian": "GH",
    "kenyan": "KE",
    "ethiopian": "ET",
    "tanzanian": "TZ",
    "ugandan": "UG",
    "zambian": "ZM",
    "zimbabwean": "ZW",
    "malawian": "MW",
    "mozambican": "MZ",
    "angolan": "AO",
    "namibian": "NA",
    "senegalese": "SN",
    "ivorian": "CI",
    "cameroonian": "CM",
    "rwandan": "RW",
    "south sudanese": "SS",
    "sudanese": "SD",
    "iraqi": "IQ",
    "syrian": "SY",
    "lebanese": "LB",
    "jordanian": "JO",
    "kuwaiti": "KW",
    "qatari": "QA",
    "bahraini": "BH",
    "omani": "OM",
    "yemeni": "YE",
    "saudi arabian": "SA",
    "argentine": "AR",
    "argentinian": "AR",
    "chilean": "CL",
    "peruvian": "PE",
    "colombian": "CO",
    "venezuelan": "VE",
    "ecuadorian": "EC",
    "bolivian": "BO",
    "paraguayan": "PY",
    "uruguayan": "UY",
    "cuban": "CU",
    "guatemalan": "GT",
    "honduran": "HN",
    "salvadoran": "SV",
    "nicaraguan": "NI",
    "costa rican": "CR",
    "panamanian": "PA",
    "jamaican": "JM",
    "haitian": "HT",
    # (heldout16: "The Malian government has decided to suspend the export …")
    "malian": "ML",
    "burkinabe": "BF",
    "burkinabè": "BF",
    "nigerien": "NE",
    "chadian": "TD",
    "beninese": "BJ",
    "togolese": "TG",
    "sierra leonean": "SL",
    "liberian": "LR",
    "gambian": "GM",
    "mauritanian": "MR",
    "gabonese": "GA",
    "botswanan": "BW",
    "malagasy": "MG",
    "mauritian": "MU",
    "eritrean": "ER",
    "djiboutian": "DJ",
    "burundian": "BI",
    "bhutanese": "BT",
    "maldivian": "MV",
    "papua new guinean": "PG",
    "fijian": "FJ",
    "trinidadian": "TT",
    "guyanese": "GY",
    "surinamese": "SR",
    "belizean": "BZ",
    "bahamian": "BS",
    "barbadian": "BB",
}
#: Heads of state or government and trade ministers of 2019-2026 whom export news names for their government, with
#: no state beside them ("President Bola Tinubu has ordered an immediate six-month suspension on the export of raw
#: shea nuts", "Prime Minister Mikhail Mishustin said"): the person speaks for the state (as a capital does). Only
#: names no other common word or person shares (no bare Lee, Kim, Khan, Sharif, Johnson, Morrison, Abe).
LEADERS = {
    **dict.fromkeys(("joe biden", "biden", "donald trump", "gina raimondo", "howard lutnick"), "US"),
    **dict.fromkeys(("xi jinping", "li qiang", "li keqiang", "wang wentao"), "CN"),
    **dict.fromkeys(("vladimir putin", "putin", "mikhail mishustin", "mishustin"), "RU"),
    **dict.fromkeys(("narendra modi", "modi", "piyush goyal"), "IN"),
    **dict.fromkeys(("joko widodo", "widodo", "jokowi", "prabowo subianto", "prabowo", "airlangga hartarto"), "ID"),
    **dict.fromkeys(("bola tinubu", "tinubu", "muhammadu buhari", "buhari"), "NG"),
    **dict.fromkeys(("uhuru kenyatta", "kenyatta", "william ruto"), "KE"),
    **dict.fromkeys(("ferdinand marcos jr", "bongbong marcos", "rodrigo duterte", "duterte"), "PH"),
    "sheikh hasina": "BD",
    "shehbaz sharif": "PK",
    **dict.fromkeys(("recep tayyip erdogan", "erdogan", "erdoğan"), "TR"),
    **dict.fromkeys(("viktor orban", "viktor orbán", "orbán"), "HU"),
    **dict.fromkeys(("luiz inácio lula da silva", "jair bolsonaro", "bolsonaro"), "BR"),
    **dict.fromkeys(("javier milei", "milei"), "AR"),
    **dict.fromkeys(("friedrich merz", "olaf scholz", "scholz", "robert habeck"), "DE"),
    **dict.fromkeys(("liz truss", "rishi sunak", "sunak", "keir starmer", "starmer", "kemi badenoch"), "GB"),
    **dict.fromkeys(("emmanuel macron", "macron"), "FR"),
    **dict.fromkeys(("fumio kishida", "kishida", "shigeru ishiba", "ishiba", "sanae takaichi", "takaichi"), "JP"),
    **dict.fromkeys(("shinzo abe", "yoshihide suga", "hiroshi kajiyama", "yasutoshi nishimura", "ken saito"), "JP"),
    **dict.fromkeys(("yoon suk yeol", "yoon suk-yeol", "moon jae-in", "lee jae-myung", "ahn duk-geun"), "KR"),
    **dict.fromkeys(("anthony albanese", "albanese", "scott morrison"), "AU"),
    **dict.fromkeys(("justin trudeau", "trudeau", "mark carney"), "CA"),
    **dict.fromkeys(("mark rutte", "dick schoof", "reinette klever", "liesje schreinemacher"), "NL"),
    **dict.fromkeys(("tsai ing-wen", "lai ching-te"), "TW"),
    **dict.fromkeys(("anwar ibrahim",), "MY"),
    **dict.fromkeys(("pham minh chinh",), "VN"),
    **dict.fromkeys(("hun sen", "hun manet"), "KH"),
    **dict.fromkeys(("emmerson mnangagwa", "mnangagwa"), "ZW"),
    **dict.fromkeys(("félix tshisekedi", "felix tshisekedi", "tshisekedi"), "CD"),
    **dict.fromkeys(("assimi goïta", "assimi goita"), "ML"),
    **dict.fromkeys(("ibrahim traoré", "ibrahim traore"), "BF"),
    **dict.fromkeys(("mamadi doumbouya", "doumbouya"), "GN"),
    **dict.fromkeys(("volodymyr zelensky", "zelensky", "zelenskyy", "denys shmyhal"), "UA"),
    **dict.fromkeys(("benjamin netanyahu", "netanyahu"), "IL"),
    **dict.fromkeys(("kassym-jomart tokayev", "tokayev"), "KZ"),
    **dict.fromkeys(("shavkat mirziyoyev", "mirziyoyev"), "UZ"),
    **dict.fromkeys(("cyril ramaphosa", "ramaphosa"), "ZA"),
    **dict.fromkeys(("ursula von der leyen", "von der leyen"), "EU"),
}
CAPITALS = {
    "tokyo": "JP",
    "seoul": "KR",
    "beijing": "CN",
    "washington": "US",
    "pyongyang": "KP",
    "taipei": "TW",
    "moscow": "RU",
    "brussels": "EU",
}
#: Capitals the news names a government by ("Canberra on Tuesday banned …", "Ottawa said it would require permits"),
#: read as a government only as a word of the sentence: in capitals ("CANBERRA, Feb 10 -") they are a dateline, which
#: says where the desk is, not who acts. Not those that are mostly a place or a market's name (London, Paris,
#: Singapore, Hong Kong).
GOVERNMENT_CAPITALS = {
    "canberra": "AU",
    "ottawa": "CA",
    "new delhi": "IN",
    "jakarta": "ID",
    "hanoi": "VN",
    "ankara": "TR",
    "berlin": "DE",
    "kyiv": "UA",
    "islamabad": "PK",
    "manila": "PH",
    "tehran": "IR",
    "astana": "KZ",
}
CAPITALS.update(GOVERNMENT_CAPITALS)
AGENCIES = {
    "meti": "JP",
    "ministry of economy, trade and industry": "JP",
    "economy, trade and industry ministry": "JP",
    "motie": "KR",
    "ministry of trade, industry and energy": "KR",
    "bis": "US",
    "bureau of industry and security": "US",
    "mofcom": "CN",
    "keidanren": "JP",
    "department of commerce": "US",
    "commerce department": "US",
    "white house": "US",
    "biden administration": "US",
    "trump administration": "US",
    "european commission": "EU",
    "moea": "TW",
    "ministry of economic affairs": "TW",
    "ministry of investment, trade and industry": "MY",
    "export control joint unit": "GB",
    "ecju": "GB",
    # the United Kingdom's government and departments as its notices name them, and its post-Brexit statutes'
    # title marker ("The Russia (Sanctions) (EU Exit) Regulations 2019": British law, not the Union's)
    "hm government": "GB",
    "his majesty's government": "GB",
    "her majesty's government": "GB",
    "department for international trade": "GB",
    "department for business and trade": "GB",
    "secretary of state for international trade": "GB",
    "secretary of state for business and trade": "GB",
    "eu exit": "GB",
    "council of the european union": "EU",
    # Switzerland's government as English notices name it ("the Federal Council enacted further sanctions"), and its
    # economic affairs secretariat
    # India's foreign trade directorate, which notifies the SCOMET list
    "dgft": "IN",
    "directorate general of foreign trade": "IN",
    "dg of foreign trade": "IN",
    "swiss federal council": "CH",
    "federal council": "CH",
    "seco": "CH",
    "council of the eu": "EU",
    "the hague": "NL",
    # Singapore's customs, which licenses strategic goods under the Strategic Goods (Control) Act
    "singapore customs": "SG",
}
#: Japanese and Korean names of the states news on export controls names, and their agencies.
CJK_NAMES = {
    # India's Directorate General of Foreign Trade (DGFT) as Korean news writes it run together with 인도 (never the bare
    # 대외무역총국, which other states' trade ministries have too)
    "인도대외무역총국": "IN",
    # The Democratic Republic of the Congo as news names it (CLDR gives only "콩고-킨샤사" and no Japanese name):
    # the bare "콩고"/"コンゴ" of the cobalt news is the DRC (heldout13 070, heldout16 006); the Republic is named
    # in full ("콩고공화국", "コンゴ共和国").
    "콩고민주공화국": "CD",
    "민주콩고": "CD",
    "콩고": "CD",
    "콩고공화국": "CG",
    "コンゴ民主共和国": "CD",
    "コンゴ": "CD",
    "コンゴ共和国": "CG",
    # Japanese
    "日本": "JP",
    "経済産業省": "JP",
    "経産省": "JP",
    # the ministry's minister speaks for it ("西村康稔経済産業相は28日の閣議後会見で…閣議決定したと発表した")
    "経済産業相": "JP",
    "経済産業大臣": "JP",
    "経産相": "JP",
    "日本政府": "JP",
    "対日": "JP",  # 対日輸出: exports to Japan (the prefix marks the state aimed at)
    "對日": "JP",
    # the same prefix before Russia's one-character name ("新たな対露制裁"); 対ロ is guarded (JA_GUARDED: never before
    # katakana: 対ロシア, whose ロシア is read as a name of its own, 対ロケット, 対ロボット); not 対中 or 対韓, which begin
    # 対中国 and 対韓国
    "対露": "RU",
    "韓国": "KR",
    "大韓民国": "KR",
    "産業通商資源部": "KR",
    "中国": "CN",
    "中華人民共和国": "CN",
    "商務部": "CN",
    "米国": "US",
    "アメリカ": "US",
    "米商務省": "US",
    "米国商務省": "US",
    "台湾": "TW",
    "経済部": "TW",  # Taiwan's Ministry of Economic Affairs by its own name (Japan's ministries are 省)
    "オランダ": "NL",
    "ロシア": "RU",
    "ベラルーシ": "BY",
    "欧州委員会": "EU",
    "欧州連合": "EU",
    "英国": "GB",
    "イギリス": "GB",
    "北朝鮮": "KP",
    "南アフリカ": "ZA",
    # Korean
    "일본": "JP",
    "日 ": "JP",  # headline abbreviation ("日 불화수소"): only with the following space
    "경제산업성": "JP",
    "경산성": "JP",
    "한국": "KR",
    "대한민국": "KR",
    "우리나라": "KR",
    "우리 정부": "KR",
    "산업통상자원부": "KR",
    "산업부": "KR",
    "중국": "CN",
    "대중국": "CN",
    "대일 ": "JP",
    "대미 ": "US",  # 대미 수출: exports to the US
    "對美": "US",
    "対米": "US",  # 대일 수출규제: only with the following space (대일 alone starts other words)
    "對中": "CN",
    "미국": "US",
    "미 상무부": "US",
    "미 정부": "US",
    "美": "US",
    "대만": "TW",
    "네덜란드": "NL",
    "러시아": "RU",
    "대러 ": "RU",  # 대러 수출, 대러 제재: only with the following space (as 대일, 대미)
    "對러": "RU",
    "對러시아": "RU",
    "대이란": "IR",  # 대이란 수출: exports to Iran (이란 alone is found only as a word of its own, KO_IRAN)
    "벨라루스": "BY",
    "유럽연합": "EU",
    "영국": "GB",
    "북한": "KP",
    "남아공": "ZA",
    # the other states export-control news names as targets (entity lists, sanctions), Japanese then Korean;
    # only names that are not parts of everyday words (no インド: インド太平洋; no 이란, 인도: particles, 인도적)
    "ミャンマー": "MM",
    "イラン": "IR",
    "パキスタン": "PK",
    "シンガポール": "SG",
    "アラブ首長国連邦": "AE",
    "香港": "HK",
    "ドイツ": "DE",
    "フランス": "FR",
    "イタリア": "IT",
    "イスラエル": "IL",
    "ウクライナ": "UA",
    "キューバ": "CU",
    "サウジアラビア": "SA",
    "トルコ": "TR",
    "カナダ": "CA",
    "オーストラリア": "AU",
    "ベトナム": "VN",
    "マレーシア": "MY",
    "インドネシア": "ID",
    # a state's one-character abbreviation with its government or ministry (英政府は, 米当局が): never the
    # character alone, which is an everyday word (米: rice)
    "米政府": "US",
    "米当局": "US",
    "英政府": "GB",
    "独政府": "DE",
    "仏政府": "FR",
    "露政府": "RU",
    "蘭政府": "NL",
    "バイデン政権": "US",
    "トランプ政権": "US",
    # the places entity lists and sanctions name beside the usual states (Macau in the October 2022 rule's extension,
    # the Cayman Islands as a listed firm's seat, the EU members and Central Asian states in Russia packages):
    # only names that are no part of everyday words (no タイ: タイプ, タイミング; no シリア: シリアル; no チリ) nor of
    # places named as the seat of a body (no スイス: ジュネーブ's WTO; no 오스트레일리아: the Australia Group)
    "マカオ": "MO",
    "澳門": "MO",
    "ケイマン": "KY",
    "ブルガリア": "BG",
    "マルタ": "MT",
    "オーストリア": "AT",
    "ベルギー": "BE",
    "スペイン": "ES",
    "ポーランド": "PL",
    "チェコ": "CZ",
    "フィンランド": "FI",
    "スウェーデン": "SE",
    "ノルウェー": "NO",
    "デンマーク": "DK",
    "メキシコ": "MX",
    "ブラジル": "BR",
    "カザフスタン": "KZ",
    "キルギス": "KG",
    "アルメニア": "AM",
    "ウズベキスタン": "UZ",
    "アゼルバイジャン": "AZ",
    "エジプト": "EG",
    "フィリピン": "PH",
    "イラク": "IQ",
    "ベネズエラ": "VE",
    "リトアニア": "LT",
    "ラトビア": "LV",
    "エストニア": "EE",
    "ハンガリー": "HU",
    "アイルランド": "IE",
    "ニュージーランド": "NZ",
    "アフガニスタン": "AF",
    "モンゴル": "MN",
    "カンボジア": "KH",
    "スロバキア": "SK",
    "セルビア": "RS",
    "미얀마": "MM",
    "파키스탄": "PK",
    "싱가포르": "SG",
    "싱가폴": "SG",
    "아랍에미리트": "AE",
    "홍콩": "HK",
    "독일": "DE",
    "프랑스": "FR",
    "이탈리아": "IT",
    "이스라엘": "IL",
    "우크라이나": "UA",
    "쿠바": "CU",
    "사우디아라비아": "SA",
    "사우디": "SA",
    "튀르키예": "TR",
    "캐나다": "CA",
    "호주": "AU",
    "베트남": "VN",
    "말레이시아": "MY",
    "인도네시아": "ID",
    "바이든 행정부": "US",
    "트럼프 행정부": "US",
    # (the same places in Korean; no 오만: arrogance, no 수단: means, no 조지아: the US state)
    "마카오": "MO",
    "케이맨": "KY",
    "불가리아": "BG",
    "몰타": "MT",
    "오스트리아": "AT",
    "벨기에": "BE",
    "스페인": "ES",
    "폴란드": "PL",
    "체코": "CZ",
    "핀란드": "FI",
    "스웨덴": "SE",
    "노르웨이": "NO",
    "덴마크": "DK",
    "멕시코": "MX",
    "브라질": "BR",
    "카자흐스탄": "KZ",
    "키르기스스탄": "KG",
    "키르기스": "KG",
    "아르메니아": "AM",
    "우즈베키스탄": "UZ",
    "아제르바이잔": "AZ",
    "이집트": "EG",
    "태국": "TH",
    "필리핀": "PH",
    "시리아": "SY",
    "이라크": "IQ",
    "베네수엘라": "VE",
    "리투아니아": "LT",
    "라트비아": "LV",
    "에스토니아": "EE",
    "헝가리": "HU",
    "아일랜드": "IE",
    "뉴질랜드": "NZ",
    "아프가니스탄": "AF",
    "몽골": "MN",
    "캄보디아": "KH",
    "슬로바키아": "SK",
    "세르비아": "RS",
    "남아프리카공화국": "ZA",
    "남아프리카": "ZA",
}
#: Korean news abbreviates states to one Hanja (中 상무부, 美·中, 韓 기업); only standing alone, never inside a
#: Hanja word (中企: small firms) and only in Korean text (in Japanese 中 and 日 are everyday characters).
KO_HANJA = re.compile(r"(?<![\u3400-\u9fff\d])([中日韓英露])(?![\u3400-\u9fff])")
KO_HANJA_CODES = {"中": "CN", "日": "JP", "韓": "KR", "英": "GB", "露": "RU"}
#: Japanese news abbreviates a state to one character before its organ (バイデン米政権, 米商務省, 英外務省, 豪政府):
#: the character counts only right before such a word and never after another Kanji (日米政府, 新米: other words).
JA_ABBREVIATED = re.compile(
    r"(?<![\u3400-\u9fff])([米英独仏露蘭豪伊])(?=(?:政府|政権|当局|商務省|国務省|財務省|エネルギー省|外務省|経済省|議会"
    r"|大統領|首相|外相|商務長官))"
)
JA_ABBREVIATED_CODES = {"米": "US", "英": "GB", "独": "DE", "仏": "FR", "露": "RU", "蘭": "NL", "豪": "AU", "伊": "IT"}
#: A katakana letter or the long-vowel mark, never the middle dot that lists names (ロシア・ウクライナ).
KATAKANA_LETTER = re.compile(r"[\u30a1-\u30fa\u30fc]")
#: Iran in Korean: a word of its own (이란 after a noun is a particle: "전략물자란", "규정이란").
KO_IRAN = re.compile(r"(?<![\uac00-\ud7af])이란(?=\s|[은는이가을를의에과와도,.·ㆍ]|으로|$)")
#: Names that are also the start of other words, matched only where they stand alone: India (not インド太平洋,
#: 인도적, 인도네시아, 인도하다), South Africa's short form (南ア, not 南アジア), Thailand and Syria in katakana.
JA_GUARDED = re.compile(
    r"インド(?!太平洋|洋|ネシア|シナ)|南ア(?!ジア|メリカ|フリカ)|対ロ(?![\u30a0-\u30ff])"
    # Thailand and Syria only as katakana words of their own (not タイプ, タイミング, ネクタイ, シリアル)
    rf"|(?<!{KATAKANA_LETTER.pattern})(?:タイ|シリア)(?!{KATAKANA_LETTER.pattern})"
)
KO_GUARDED = re.compile(
    r"(?<![\uac00-\ud7af])인도(?=\s?정부|[은는이가의를에와과]\s|[,·]|\s|$)(?!\s?(?:태평양|양|적|네시아))"
)
GUARDED_CODES = {"インド": "IN", "南ア": "ZA", "인도": "IN", "対ロ": "RU", "タイ": "TH", "シリア": "SY"}
KANA = re.compile(r"[\u3040-\u30ff]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
NOT_COUNTRIES = {"us": "US"}
COMPANY_WORD = re.compile(
    r"[ -](?:Electron|Semiconductor|Electric|Steel|Motor|Chemical|Stock Exchange|Airlines|Times|Post|Herald|Shimbun"
    r"|Daily|News|Broadcasting|High Court|Court|Bay|Airport|University|Port)\b|-based\b"
)  # "US" as a pronoun is filtered by case in the matcher


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                names[v.lower()] = c.alpha_2
    names.update({k: v for k, v in _EVERYDAY_NAMES.items() if len(k) > 3 or k in ("usa", "uk")})
    names.update(
        {
            "south korea": "KR",
            "north korea": "KP",
            "korea": "KR",
            "japan": "JP",
            "u.s.": "US",
            "united states": "US",
            "the us": "US",
            "us": "US",  # only as written in capitals ("16 US entities"): the pronoun is filtered in ``states``
            "european union": "EU",
            "eu": "EU",
            "prc": "CN",
            "rok": "KR",
            "dprk": "KP",
            "people's republic of china": "CN",
            "people’s republic of china": "CN",
            "mainland china": "CN",
            # names news and rules still use beside the ISO ones
            "burma": "MM",
            "uae": "AE",
            "u.a.e.": "AE",
            "macau": "MO",
        }
    )
    names.update(DEMONYMS)
    names.update(CAPITALS)
    names.update(AGENCIES)
    names.update(LEADERS)
    return names


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    keys = sorted(_names(), key=len, reverse=True)
    # (?<!\w)…(?!\w) rather than \b…\b: "U.S." ends in a dot, after which \b never holds before a space.
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in keys) + r")(?!\w)(?:['’]s)?", re.I)


#: A run of Latin words in Japanese or Korean text ("EU", "Bureau of Industry and Security"): the Latin names are
#: matched inside each run, so that a name with a particle glued on ("EU는", "BIS가", "EUは") still stands alone
#: (to ``\\w`` a Hangul or kana particle continues the word) and the long name pattern runs on a few short pieces.
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9.,&'’\- ]*")


@lru_cache(maxsize=1)
def _cjk_names() -> dict[str, str]:
    """The Japanese and Korean names matched: ``CJK_NAMES``, then for the states it does not name ("ジンバブエ",
    "슬로베니아") their Unicode CLDR names (``models/state_names_cldr.json``, its source recorded there), so a measure
    by any state is read with its ISO code, not only by the states export-control news names most. Only names of three
    or more characters (a two-character name such as 수단 or 가나 is also an everyday word); the hand-written entry wins.
    Each name with 国 is also read written with 國."""
    data = json.loads((Path(__file__).parent / "models" / "state_names_cldr.json").read_text(encoding="utf-8"))
    names = {**{name: code for lang in ("ja", "ko") for name, code in data[lang].items()}, **CJK_NAMES}
    # a Japanese text copied from a Chinese-script page writes 国 as 國 ("中國", "アラブ首長國連邦")
    return {**{name.replace("国", "國"): code for name, code in names.items() if "国" in name}, **names}


@lru_cache(maxsize=1)
def _cjk_pattern() -> re.Pattern[str]:
    keys = sorted(_cjk_names(), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: Ministries named by a Korean short name that other states' ministries end with (투자통상산업부, 통상산업부).
CJK_AGENCY_WORDS = frozenset({"산업부", "산업통상자원부", "경제산업성", "경산성"})
CJK_LETTER = re.compile(r"[\uac00-\ud7a3\u3400-\u9fff]")
KATAKANA_WORD = re.compile(rf"{KATAKANA_LETTER.pattern}+")
#: A company's name that opens on its country's (日本製鉄, 日本郵船, 中国石油, 韓国電力, 한국전력, 한국가스공사): the word
#: of its trade written straight after the name, no space or particle (never 日本政府, 中国商務省, 한국 정부).
CJK_COMPANY_AFTER = re.compile(
    r"(?:製鉄|製鋼|鋼管|電産|電気|電工|電機|郵船|航空|製紙|石油|石化|化学|化成|銀行|電力|ガス|通運|生命|重工|精工|光学|放送|テレビ"
    r"|電信電話|触媒|碍子|酸素|曹達|板硝子|製粉|水産|ハム|ペイント|ユニシス|新聞|経済新聞"
    r"|전력|가스공사|석유공사|조선해양|항공우주|항공|철강|제철|은행|일보|경제신문|전자통신|타이어|유리|중공업)"
)
#: "The government" as subject with no state before it: in Japanese domestic news 「政府は21日の閣議で」 is the
#: Japanese government, in Korean news "정부는 또" the Korean one (never 中国政府は, 미 정부는, 양국 정부는).
DOMESTIC_GOVERNMENT = re.compile(r"(政府|정부)(?=\s?(?:は|が|では|는|가|도|에서는))")
#: A title's opening "政府 " or "정부, ": the subject of the headline, its particle left out.
TITLE_GOVERNMENT = re.compile(r"\s*(政府|정부)(?=[,、]?\s)(?![,、]?\s(?:관계자|당국자|고위|소식통|関係者|高官|筋))")
GOVERNMENT_LEAD = re.compile(r"(?:^|[、,，。.“”\"'」』)\]]|\d+\s?[日일]|(?:^|\s)(?:또|한편|이에|이날|今回|また))\s?$")


#: A state named as the scene of a war ("Russia's invasion of Ukraine", "the war in Ukraine", ウクライナ侵攻,
#: 우크라이나와 전쟁 중인): the name says where the war is, not who acts or whom an export control is aimed at.
WAR_BEFORE = re.compile(
    r"\b(?:invasion of|invading|war (?:in|on|against|with)|aggression (?:against|on|in)|attack on)\s+(?:the\s+)?$", re.I
)
WAR_AFTER = re.compile(
    r"^(?:['’]s)?\s?(?:への|での|に対する|에 대한|에서의|에서)?\s?(?:-?war\b|invasion\b|conflict\b|侵攻|侵略|情勢|危機|戦争|침공|사태"
    r"|(?:와|과)(?:의)?\s?전쟁|전쟁)",
    re.I,
)


def states(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO code) of every state named in ``text``, in order (the scene of a war left out)."""
    return [
        (a, b, c)
        for a, b, c in _states(text)
        if not (c == "UA" and (WAR_BEFORE.search(text[max(0, a - 30) : a]) or WAR_AFTER.match(text[b : b + 12])))
    ]


def _add_uncovered(
    out: list[tuple[int, int, str]], found: Iterable[re.Match[str]], code: Callable[[re.Match[str]], str]
) -> None:
    """Add what a narrower reading ``found`` names, except where a name already read covers its start: a
    one-character abbreviation or a guarded name never counts again inside a longer name."""
    covered = [(a, b) for a, b, _c in out]
    out.extend((m.start(), m.end(), code(m)) for m in found if not any(a <= m.start() < b for a, b in covered))


def _states(text: str) -> list[tuple[int, int, str]]:
    out = []
    if CJK.search(text):
        for m in _cjk_pattern().finditer(text):
            word = m.group(0)
            if CJK_COMPANY_AFTER.match(text, m.end()):
                continue  # 日本製鉄, 韓国電力, 한국전력: a company named for its country, never the state
            if word in CJK_AGENCY_WORDS and m.start() > 0 and CJK_LETTER.match(text, m.start() - 1):
                continue  # 말레이시아 투자통상산업부: another state's ministry that ends as Korea's short name does
            if KATAKANA_WORD.fullmatch(word) and (
                KATAKANA_LETTER.match(text, m.end()) or (m.start() > 0 and KATAKANA_LETTER.match(text, m.start() - 1))
            ):
                continue  # シリアル, ネクタイ: a katakana name inside a longer katakana word is no state
            if text[max(0, m.start() - 1) : m.start()] in ("北", "북"):  # 北韓国? no: 北 + 韓 is North Korea
                continue
            if word == "日 " and (KANA.search(text) or text[max(0, m.start() - 1) : m.start()].isdigit()):
                continue  # "15日 ロイター": a day of the month, not Japan (the abbreviation is Korean headline style)
            out.append((m.start(), m.end(), _cjk_names()[word]))
        if HANGUL.search(text) and not KANA.search(text):
            ko = [*KO_HANJA.finditer(text), *KO_IRAN.finditer(text)]
            _add_uncovered(out, ko, lambda m: KO_HANJA_CODES.get(m.group(0), "IR"))
        if KANA.search(text):
            _add_uncovered(out, JA_ABBREVIATED.finditer(text), lambda m: JA_ABBREVIATED_CODES[m.group(1)])
        guarded = [*JA_GUARDED.finditer(text), *KO_GUARDED.finditer(text)]
        _add_uncovered(out, guarded, lambda m: GUARDED_CODES[m.group(0)])
        for m in DOMESTIC_GOVERNMENT.finditer(text):
            if GOVERNMENT_LEAD.search(text[max(0, m.start() - 12) : m.start()]) or m.start() == 0:
                out.append((m.start(), m.end(), "JP" if m.group(1) == "政府" else "KR"))
        title = TITLE_GOVERNMENT.match(text)
        if title and len(text) < 80 and not re.search(r"[.。]\s*$", text):
            # a title (short, no full stop) that opens on the government ("政府 …に輸出禁止の制裁決定", "정부, …수출 중단");
            # never a body sentence's "정부 관계자는"
            out.append((title.start(1), title.end(1), "JP" if title.group(1) == "政府" else "KR"))
    if CJK.search(text):
        matches = [
            (run.start() + m.start(), run.start() + m.end(), m.group(1))
            for run in LATIN_RUN.finditer(text)
            for m in _pattern().finditer(run.group(0))
        ]
    else:
        matches = [(m.start(), m.end(), m.group(1)) for m in _pattern().finditer(text)]
    for start, end, word in matches:
        if word.lower() in ("us",) and word != "US":
            continue
        if word.lower() == "korean" and text[max(0, start - 6) : start].lower().endswith("north "):
            continue
        if COMPANY_WORD.match(text, end):  # Tokyo Electron, Taiwan Semiconductor: companies, not states
            continue
        if word.isupper() and word.lower() in GOVERNMENT_CAPITALS:
            continue  # "NEW DELHI, Dec 2 -": a dateline, read (with its guards) by the extractor, not a government
        out.append((start, end, _names()[word.lower()]))
    return sorted(out)
