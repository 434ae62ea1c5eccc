"""Intake grammar that is not the seeds' or the corpus's phrasing (issue 12, items 2-5).

Every sentence here is made up for the rule it tests (none is copied from the corpus or the held-out
set): lists of targets in three languages, who acts in the passive and in entity names, acts told as
the attribute of a noun, undone acts, quantities that are no hedge, and dates told as midnight, as
"immediately after … on Wednesday", as a list addition done on a day, or counted from a promulgation.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.test_intake_corpus import _found, _news


@pytest.mark.parametrize(
    ("text", "published", "expect"),
    [
        (  # a list after "against": every state in it
            "Canada on Monday tightened its export controls against Russia and Belarus to cover machine tools.",
            "2024-03-04",
            ("CA", "add_export_restriction", ("BY", "RU")),
        ),
        (  # "… and the United Arab Emirates", a parenthesised abbreviation inside the list
            "The Commerce Department on Friday added 12 entities in Turkey, India (IN) and the United Arab Emirates "
            "to the Entity List.",
            "2024-11-08",
            ("US", "add_export_restriction", ("AE", "IN", "TR")),
        ),
        (  # Korean: a 대-marked state heads the list after it; the listed state never acts
            "산업통상자원부는 5일부터 대러시아·벨라루스 수출통제를 강화한다고 밝혔다.",
            "2024-02-05",
            ("KR", "add_export_restriction", ("BY", "RU")),
        ),
        (  # an entity named after its state is where the entity is, not who lists it
            "On Tuesday, BIS said that it would add nine Iran-related entities and two firms in Turkey to the Entity "
            "List.",
            "2024-05-14",
            ("US", "add_export_restriction", ("IR", "TR")),
        ),
        (  # the passive: the subject is what is listed, the speaker after the act acts
            "Fourteen Chinese companies have been added to the export control list, the Taiwanese Ministry of "
            "Economic Affairs announced on Monday.",
            "2025-06-16",
            ("TW", "add_export_restriction", ("CN",)),
        ),
        (  # "X's removal from the list": X is taken off
            "Seoul's trade ministry said Japan's removal from its list of trusted trading partners took effect on "
            "Wednesday.",
            "2019-09-18",
            ("KR", "remove_from_preferred_list", ("JP",)),
        ),
        (  # a quantity after "nearly" is no hedge
            "Nearly 300 items were added on Tuesday to the list of goods banned for export to Russia, the Swiss "
            "government announced.",
            "2024-05-21",
            ("CH", "add_export_restriction", ("RU",)),
        ),
        (  # a WTO filing in other words
            "Canada said on Monday it had initiated a complaint at the World Trade Organization against China.",
            "2024-09-09",
            ("CA", "wto_complaint_filed", ("CN",)),
        ),
        (  # an act reported in the passive after its object
            "New trade sanctions on Russia were introduced by Australia on Friday, banning exports of machinery.",
            "2024-06-28",
            ("AU", "add_export_restriction", ("RU",)),
        ),
        (  # the Korean for "put on the list"
            "미국이 중국 기업 12곳을 수출통제 명단에 올렸다.",
            "2024-04-12",
            ("US", "add_export_restriction", ("CN",)),
        ),
    ],
)
def test_who_acts_and_whom_it_aims_at(tmp_path: Path, text: str, published: str, expect: tuple[Any, ...]) -> None:
    assert expect in _news(_found(text, published, tmp_path))


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # the act as the attribute of the noun the news is about
        ("Canada said on Tuesday it would hold talks over India's tightened export controls on rice.", "2024-02-06"),
        # an effort, an attempt, a worry, a "will soon" without a formal act
        ("The ministry is studying any attempts by Mexico to tighten export controls on steel.", "2024-02-06"),
        ("A chipmaker said it was concerned about U.S. moves to expand export curbs on China.", "2024-02-06"),
        ("Sweden will soon join Finland in restricting exports of drones to Russia.", "2024-02-06"),
        # Japanese and Korean: a plan, the news of an act, an act counted from
        ("中国商務部は、日本が計画する輸出規制の実施に反対すると表明した。", "2024-02-06"),
        ("인도가 쌀 수출을 제한한다는 소식에 시장이 출렁였다.", "2024-02-06"),
        ("미국 대통령은 VEU를 철회하겠다고 밝혔다.", "2024-02-06"),
    ],
)
def test_references_efforts_and_plans_are_no_measure(tmp_path: Path, text: str, published: str) -> None:
    assert _news(_found(text, published, tmp_path)) == []


def test_an_act_the_news_undoes_explains_it(tmp_path: Path) -> None:
    text = (
        "Vietnam suspends rice export controls on the Philippines\n\n"
        "Vietnam on Thursday suspended its export controls on the Philippines to allow for talks.\n\n"
        "On Tuesday, Vietnam imposed export controls on the Philippines, limiting rice shipments."
    )
    news = _news(_found(text, "2024-09-26", tmp_path))
    assert ("VN", "ease_export_restriction", ("PH",)) in news
    assert ("VN", "add_export_restriction", ("PH",)) not in news


@pytest.mark.parametrize(
    ("text", "published", "effective"),
    [
        (
            "Japan's removal of Korea from its white list is set to take effect at midnight Tuesday.",
            "2019-08-27",
            "2019-08-28",
        ),
        (
            "Taiwan has banned exports of chipmaking know-how to China. The ban took effect immediately after its "
            "announcement on Wednesday (December 6).",
            "2023-12-09",
            "2023-12-06",
        ),
        (
            "The Commerce Department announced 26 March that it had added 20 entities to the Entity List.",
            "2025-03-28",
            "2025-03-26",
        ),
        (
            "Japan has added 12 entities to its End User List, the ministry said. The revised list will be applied from Monday.",
            "2023-12-06",
            "2023-12-11",
        ),
        (
            "일본 정부는 7일 한국을 백색국가에서 제외하며 공포 후 21일이 경과한 날로부터 시행한다고 밝혔다.",
            "2019-08-07",
            "2019-08-28",
        ),
    ],
)
def test_effective_dates_in_more_words(tmp_path: Path, text: str, published: str, effective: str) -> None:
    dated = [m["effective"] for m in _found(text, published, tmp_path) if not m["background"]]
    assert effective in dated


# ------------------------------------------------------------------------ the known misses (issue 12, sixth session)


@pytest.mark.parametrize(
    ("text", "published", "expect", "never"),
    [
        (  # Korea's controls on Russia and Belarus, headlined with the targets bare before the control
            "러시아‧벨라루스 수출 통제 대상 확대\n\n"
            "산업통상자원부는 다음 달 1일부터 러시아와 벨라루스로의 수출 통제 대상 품목을 늘린다고 10일 밝혔다.",
            "2024-05-10",
            ("KR", "add_export_restriction", ("BY", "RU")),
            ("RU", "add_export_restriction"),
        ),
        (  # a licence review policy moved from denial to case-by-case: an easing
            "The Bureau of Industry and Security on Monday changed the license review policy for certain chips "
            "destined for Vietnam from a presumption of denial to case-by-case review.",
            "2026-03-02",
            ("US", "ease_export_restriction", ("VN",)),
            ("US", "add_export_restriction"),
        ),
        (  # the countries of an entity listing told after a count, in the next sentence
            "The Commerce Department on Tuesday added 40 affiliates of a drone maker to the Entity List. The "
            "affiliates are located in 4 countries: Chile, Peru, Kenya and Ghana.",
            "2026-03-03",
            ("US", "add_export_restriction", ("CL", "GH", "KE", "PE")),
            None,
        ),
        (  # an unnamed ministry under a dateline is the dateline's state's
            "BEIJING, March 3 -- The Ministry of Commerce on Tuesday added gallium alloys to its list of controlled "
            "items.",
            "2026-03-03",
            ("CN", "add_export_restriction", ()),
            None,
        ),
        (  # the United Kingdom's government as its notices name it
            "HM Government has announced new trade sanctions against Belarus, banning exports of machine tools and "
            "electronics to the country from Friday.",
            "2026-03-03",
            ("GB", "add_export_restriction", ("BY",)),
            None,
        ),
    ],
)
def test_the_known_misses(
    tmp_path: Path, text: str, published: str, expect: tuple[Any, ...], never: tuple[str, str] | None
) -> None:
    news = _news(_found(text, published, tmp_path))
    assert expect in news
    if never is not None:
        assert not [m for m in news if m[:2] == never], news


def test_a_regulation_that_tightens_and_eases_is_two_measures(tmp_path: Path) -> None:
    text = (
        "New dual-use regulation enters into force\n\n"
        "The European Union's new dual-use regulation enters into force on Monday. It adds controls on "
        "surveillance software and introduces three new general export authorisations for low-risk shipments."
    )
    news = _news(_found(text, "2026-03-02", tmp_path))
    assert ("EU", "add_export_restriction", ()) in news
    assert ("EU", "ease_export_restriction", ()) in news


@pytest.mark.parametrize(
    "text",
    [
        # an unnamed ministry with neither dateline nor a headline that names its state: not guessed
        "The Ministry of Commerce on Tuesday added gallium alloys to its list of controlled items.",
        # a review policy changed without saying which way
        "The Bureau of Industry and Security on Monday changed the license review policy for certain chips.",
        # a promise to ease is no easing
        "Beijing promised to ease restrictions on exports of rare earths.",
    ],
)
def test_what_the_text_does_not_tell_is_not_guessed(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-03-03", tmp_path)) == []


@pytest.mark.parametrize(
    ("text", "published", "expect"),
    [
        (  # Korean: the state one noun before the control is its target, not its owner
            "미 상무부, 중국 배터리 수출 통제 강화 발표",
            "2026-03-03",
            ("US", "add_export_restriction", ("CN",)),
        ),
        (  # Korean: the recipient of a ban, goods between
            "캐나다 정부는 3일 이란에 드론 부품과 공작기계 등의 수출을 금지한다고 밝혔다.",
            "2026-03-03",
            ("CA", "add_export_restriction", ("IR",)),
        ),
        (  # Korean: the parties named after the list
            "대만이 수출통제 목록에 러시아 기업 5곳을 추가했다.",
            "2026-03-03",
            ("TW", "add_export_restriction", ("RU",)),
        ),
        (  # Korean: a control extended to a place
            "미국 상무부는 지난 2일 반도체 수출 통제 적용 지역을 마카오까지 확대한다고 밝혔다.",
            "2026-03-03",
            ("US", "add_export_restriction", ("MO",)),
        ),
        (  # Korean: a control begun, a licence now required
            "일본이 오늘부터 배터리 소재에 대한 수출규제를 시작했습니다.",
            "2026-03-03",
            ("JP", "add_export_restriction", ()),
        ),
        (  # Korean: items taken off the control for named states
            "정부는 러시아와 벨라루스 등을 대상으로 한 상황허가 대상 품목에서 인공호흡기를 제외하기로 했다.",
            "2026-03-03",
            ("KR", "ease_export_restriction", ("BY", "RU")),
        ),
        (  # Japanese: 厳格化 is a tightening
            "中国商務省は5日、タングステンの輸出管理を厳格化すると発表した。",
            "2026-03-05",
            ("CN", "add_export_restriction", ()),
        ),
        (  # Japanese: a sanctions package approved
            "欧州連合(EU)は3日、ロシアに対する第20次制裁パッケージを承認した。",
            "2026-03-03",
            ("EU", "add_export_restriction", ("RU",)),
        ),
        (  # Japanese: a licence no longer required is an easing
            "経済産業省は3日、展示会用の機械について輸出許可を不要とする政令改正を閣議決定したと発表した。",
            "2026-03-03",
            ("JP", "ease_export_restriction", ()),
        ),
        (  # English: the Council of the EU named bare, in a text about the EU
            "EU sanctions update. On 3 March, the Council adopted a twenty-first package of restrictive measures "
            "against Russia.",
            "2026-03-04",
            ("EU", "add_export_restriction", ("RU",)),
        ),
        (  # English: a permit requirement, a Malaysian dateline
            "KUALA LUMPUR: The ministry has introduced a permit requirement for exports of drone engines.",
            "2026-03-03",
            ("MY", "add_export_restriction", ()),
        ),
        (  # English: every licence to a state suspended
            "The British government said all existing dual-use licences to Belarus have been suspended.",
            "2026-03-03",
            ("GB", "add_export_restriction", ("BY",)),
        ),
    ],
)
def test_wordings_of_the_eighth_round(tmp_path: Path, text: str, published: str, expect: tuple[Any, ...]) -> None:
    news = _news(_found(text, published, tmp_path))
    assert expect in news, news


def test_some_licences_suspended_is_a_licence_decision(tmp_path: Path) -> None:
    text = "The UK Government is suspending about 12 arms export licences to Ruritania, the minister said."
    assert not [m for m in _news(_found(text, "2026-03-03", tmp_path)) if m[0] == "GB"]


def test_a_date_a_ban_runs_till_is_not_when_it_was_told(tmp_path: Path) -> None:
    found = _found("India has banned exports of rice till September 30, officials said.", "2026-05-20", tmp_path)
    assert ("IN", "add_export_restriction", ()) in _news(found)


def test_an_unnamed_actor_in_a_text_dated_in_the_japanese_era_is_japan(tmp_path: Path) -> None:
    text = "新着情報\n令和8年3月2日公表で外国ユーザーリストが改正され、掲載団体は合計850となりました。"
    assert ("JP", "add_export_restriction", ()) in _news(_found(text, "2026-03-03", tmp_path))


@pytest.mark.parametrize(
    ("text", "published", "expect"),
    [
        (  # Japanese: the listed parties' state before their industry and count
            "米商務省は8日、中国の人工知能関連12社・団体をエンティティーリストに加えたと発表した。",
            "2026-03-09",
            ("US", "add_export_restriction", ("CN",)),
        ),
        (  # Japanese: a state heading a company's industry (大手), the control aimed at the company
            "米商務省は17日、中国通信機器大手の中興通訊に対する半導体輸出規制を強化すると発表した。",
            "2026-03-17",
            ("US", "add_export_restriction", ("CN",)),
        ),
        (  # English: a headline's subject is the state of "the government" in the body
            "Trade desk\n\nJapan invokes export controls against Russia\n\n"
            "The government on Friday invoked a measure to tighten export controls against Russia on 30 items.",
            "2026-03-07",
            ("JP", "add_export_restriction", ("RU",)),
        ),
        (  # English: a dateline in title case before a colon
            "Berlin: The government on Friday banned exports of drone engines to Russia.",
            "2026-03-07",
            ("DE", "add_export_restriction", ("RU",)),
        ),
    ],
)
def test_wordings_of_the_tenth_round(tmp_path: Path, text: str, published: str, expect: tuple[Any, ...]) -> None:
    news = _news(_found(text, published, tmp_path))
    assert expect in news, news


def test_a_headline_that_pairs_two_states_names_no_home(tmp_path: Path) -> None:
    text = "Japan, South Korea hold export control talks\n\nThe government on Friday banned exports of drones."
    assert not [m for m in _news(_found(text, "2026-03-07", tmp_path)) if m[0] in ("JP", "KR")]


@pytest.mark.parametrize(
    ("text", "published", "effective"),
    [
        # (English has its own rule, the trigger itself a listing; this keeps it)
        (
            "The Commerce Department on Monday added 12 Chinese companies to the Entity List.",
            "2026-03-10",
            "2026-03-09",
        ),
        ("米商務省は8日、中国の人工知能関連12社をエンティティーリストに加えたと発表した。", "2026-03-09", "2026-03-08"),
        ("미국 상무부는 9일 중국 기업 12곳을 수출통제 명단에 올렸다.", "2026-03-10", "2026-03-09"),
    ],
)
def test_a_listing_reported_as_made_applies_that_day(tmp_path: Path, text: str, published: str, effective: str) -> None:
    news = [m for m in _found(text, published, tmp_path) if not m.get("background")]
    assert [m["effective"] for m in news] == [effective], news


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # a listing named in another clause, or a list only described, dates no other act
        (
            "China on Monday banned exports of gallium to the United States, a week after Washington added 140 "
            "Chinese firms to its entity list.",
            "2026-03-10",
        ),
        (
            "Japan on Monday banned exports of 300 items to Russia, including goods on its export control list.",
            "2026-03-10",
        ),
        ("산업부는 9일 수출통제 목록에 포함된 품목의 러시아 수출을 금지했다.", "2026-03-10"),
        # a listing whose start the next sentence tells
        ("経済産業省は9日、中国の12団体を外国ユーザーリストに追加した。改正リストは来月から適用される。", "2026-03-10"),
    ],
)
def test_no_listing_day_where_the_listing_is_not_the_act(tmp_path: Path, text: str, published: str) -> None:
    news = [m for m in _found(text, published, tmp_path) if not m.get("background")]
    # the ban itself, told as done on the 9th, applies that day (held-out decision 3); never by a listing's day
    assert news and all(
        m["effective"] != "2026-03-09"
        or m["date_evidence"]["effective"].get("inferred") == "the day the act was reported as done"
        for m in news
    ), news


def test_a_listing_announced_for_later_keeps_its_own_date(tmp_path: Path) -> None:
    text = "The Commerce Department said on Monday it will add 12 Chinese companies to the Entity List from April 1."
    news = [m for m in _found(text, "2026-03-10", tmp_path) if not m.get("background")]
    assert [m["effective"] for m in news] == ["2026-04-01"], news


@pytest.mark.parametrize(
    "text",
    [
        # a plural noun after the headline's state is no verb; a title-case label before a headline is no dateline
        "US chips curbs on China: what Japan will do\n\nThe government on Friday banned exports of drone engines to Russia.",
        "Japan exports to China slump as Korea curbs bite\n\nThe government on Friday banned exports of drone engines to "
        "Russia.",
        "Beijing: Japan's new chip curbs draw fire\n\nThe government on Friday tightened export controls on 23 chipmaking "
        "tools.",
    ],
)
def test_no_home_state_from_a_headline_that_names_no_actor(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-03-07", tmp_path)) == []


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # a news agency or a trading house named as a source is no target
        (
            "中国の国営通信の新華社によると、米商務省は8日、半導体製造装置の輸出規制を強化した。",
            ("US", "add_export_restriction", ()),
        ),
        (
            "日本の大手の商社によると、中国商務省は8日、レアアースの輸出規制を強化した。",
            ("CN", "add_export_restriction", ()),
        ),
        # 通信 before a company is telecoms, not a wire service
        (
            "米商務省は17日、中国通信最大手の中国移動に対する半導体輸出規制を強化すると発表した。",
            ("US", "add_export_restriction", ("CN",)),
        ),
    ],
)
def test_sources_and_telecoms_in_japanese(tmp_path: Path, text: str, expect: tuple[Any, ...]) -> None:
    assert _news(_found(text, "2026-03-17", tmp_path)) == [expect]


def test_the_headline_act_takes_the_date_the_body_tells_of_it(tmp_path: Path) -> None:
    text = (
        "Ruritania Releases New Chip Export Controls\n\n"
        "Ruritania last week published new export controls over certain advanced chipmaking equipment. "
        "The measures, previewed by the government in March, take effect Sept. 1 and will require exporters to apply "
        "for a licence."
    )
    text = text.replace("Ruritania", "The Netherlands", 2).replace("The Netherlands Releases", "Netherlands Releases")
    news = [m for m in _found(text, "2023-07-03", tmp_path) if not m.get("background")]
    assert [(m["jurisdiction"], m["effective"]) for m in news] == [("NL", "2023-09-01")], news


def test_a_date_recalled_from_an_older_act_is_not_shared(tmp_path: Path) -> None:
    text = (
        "Japan adds 12 Chinese entities to its End User List\n\n"
        "Japan's trade ministry on Friday added 12 Chinese entities to its End User List. "
        "An earlier revision of the list took effect on May 16, 2019."
    )
    news = [m for m in _found(text, "2024-03-01", tmp_path) if not m.get("background")]
    assert all(m["effective"] != "2019-05-16" for m in news), news


def test_a_start_day_told_well_before_its_verb(tmp_path: Path) -> None:
    text = "オランダ政府は、9月1日より先だって予定していた通り、先端半導体向け製造装置に関する輸出規制を強化した。"
    news = [m for m in _found(text, "2023-09-04", tmp_path) if not m.get("background")]
    assert [(m["jurisdiction"], m["effective"]) for m in news] == [("NL", "2023-09-01")], news


def test_a_day_compared_with_is_no_start(tmp_path: Path) -> None:
    text = "経済産業省は5日、9月1日より前に契約した取引も含め、ロシア向けの輸出を禁止すると発表した。"
    news = [m for m in _found(text, "2026-03-05", tmp_path) if not m.get("background")]
    assert all(m["effective"] != "2026-09-01" for m in news), news


@pytest.mark.parametrize(
    ("text", "published", "expect"),
    [
        (  # a singular noun names the act and what it stops
            "Zambia has imposed an immediate freeze on exports of all unprocessed manganese, the ministry said.",
            "2026-02-10",
            ("ZM", "add_export_restriction", ()),
        ),
        (
            "Chile's trade ministry has announced a restriction on the export of 40 product categories to Peru.",
            "2026-02-10",
            ("CL", "add_export_restriction", ("PE",)),
        ),
        (  # an arms embargo extended to a new destination
            "On Monday the United Kingdom said it will extend its arms embargo on Belarus to Georgia.",
            "2026-02-10",
            ("GB", "add_export_restriction", ("BY", "GE")),
        ),
        (  # the verb "blacklist"
            "The US Commerce Department said on Tuesday it is blacklisting 14 Iranian entities over drone parts.",
            "2026-02-10",
            ("US", "add_export_restriction", ("IR",)),
        ),
        (  # arms shipments halted
            "Norway will halt all arms shipments to Myanmar, its foreign ministry confirmed on Thursday.",
            "2026-02-10",
            ("NO", "add_export_restriction", ("MM",)),
        ),
        (  # "the government" is the one whose organ the sentence names; the organ is no target
            "The government on Friday prohibited the export of onions, according to a notification of the Directorate "
            "General of Foreign Trade (DGFT).",
            "2026-02-10",
            ("IN", "add_export_restriction", ()),
        ),
        (  # a sanctions package approved
            "On Monday the European Union Council approved a 21st sanctions package against Russia.",
            "2026-02-10",
            ("EU", "add_export_restriction", ("RU",)),
        ),
        (  # Japanese: the exports as the subject of the passive ban; the METI minister speaks for Japan
            "経済産業相は3日の閣議後会見で、輸出貿易管理令の改正を閣議決定したと発表した。ベラルーシ向けの工作機械の輸出が10日から禁止される。",
            "2026-02-03",
            ("JP", "add_export_restriction", ("BY",)),
        ),
        (  # Korean: the stop told as a noun and decided
            "정부는 3일 대이란 전략물자 수출 차단을 결정했다고 밝혔다.",
            "2026-02-03",
            ("KR", "add_export_restriction", ("IR",)),
        ),
        (  # Korean: a title that ends on the ban
            "인도네시아, 보크사이트 원광 수출 전면 금지\n\n정부의 조치는 다음 달부터 적용된다.",
            "2026-02-03",
            ("ID", "add_export_restriction", ()),
        ),
    ],
)
def test_wordings_of_the_eleventh_round(tmp_path: Path, text: str, published: str, expect: tuple[Any, ...]) -> None:
    assert expect in _news(_found(text, published, tmp_path))


@pytest.mark.parametrize(
    "text",
    [
        # licences approved under a control are no new control
        "Ruritania approves first licences for gallium shipments since export controls were introduced.",
        # a company halting its own shipments: no state acts
        "Acme Corp said it will halt all arms shipments to its distributors next month.",
    ],
)
def test_no_act_from_licences_approved_or_a_company(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-02-10", tmp_path)) == []


def test_a_korean_subtitle_ending_on_the_ban_is_not_a_second_act(tmp_path: Path) -> None:
    text = (
        "산업부, 전략물자 수출입 고시 개정\n"
        "공작기계·배터리 등 대이란 수출 금지\n"
        "산업통상자원부는 이란과 시리아에 대한 수출 규제 품목을 추가한다고 3일 밝혔다."
    )
    news = _news(_found(text, "2026-02-03", tmp_path))
    assert ("KR", "add_export_restriction", ("IR",)) not in news, news


@pytest.mark.parametrize(
    ("text", "published", "expect"),
    [
        (  # a title: the government opens it without its particle; "Xも対象" names X as a target, never the actor
            "日本政府 イランへの輸出禁止措置を拡大 パキスタンも対象",
            "2026-02-03",
            ("JP", "add_export_restriction", ("IR", "PK")),
        ),
        (  # a title that opens on "政府 ", the parties' states told by where they are based ("や" joins the list)
            "政府 トルコやマレーシアなどに拠点 8の企業に輸出禁止の制裁決定",
            "2026-02-03",
            ("JP", "add_export_restriction", ("MY", "TR")),
        ),
        (  # further sanctions announced
            "2月3日、カナダはロシアに対する追加制裁を発表した。",
            "2026-02-03",
            ("CA", "add_export_restriction", ("RU",)),
        ),
    ],
)
def test_japanese_titles_and_sanctions_announced(
    tmp_path: Path, text: str, published: str, expect: tuple[Any, ...]
) -> None:
    assert expect in _news(_found(text, published, tmp_path))


@pytest.mark.parametrize(
    "text",
    [
        # heading towards sanctions, not imposing them
        "日本政府は、イランに物資を提供した第三国の企業に追加制裁を科す方向で調整に入った。",
        # posturing
        "すでに台湾は、中国の輸出規制をWTOに提訴する構えをみせている。",
        # a measure envisaged
        "制裁対象の企業に対し、日本企業からの輸出を禁止する措置を想定する。",
        # a supposition
        "もしベトナムがレアアースの輸出規制を強めて輸出量を減らすようであれば、価格は上がるだろう。",
    ],
)
def test_japanese_plans_postures_and_suppositions_are_no_acts(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-02-03", tmp_path)) == []


@pytest.mark.parametrize(
    ("text", "published", "effective"),
    [
        (  # the act's start told seven sentences on, after the date the sentence opens on
            "Chile's trade ministry has announced a restriction on the export of 40 product categories to Peru. "
            "The list includes copper wire. It also covers cement. Critics called it late. "
            "Officials declined to comment. Trade between the two fell last year. Peru protested. "
            "Effective from today, the restrictions will stay until talks resume.",
            "2026-02-10",
            "2026-02-10",
        ),
        (  # an immediate freeze applies the day it was announced
            "Zambia on Tuesday imposed an immediate freeze on exports of all unprocessed manganese.",
            "2026-02-11",
            "2026-02-10",
        ),
        (  # a listing told as made, in the progressive
            "WASHINGTON — The U.S. Commerce Department said Thursday it was adding nine Iranian drone makers to a U.S. "
            "economic blacklist.",
            "2026-02-13",
            "2026-02-12",
        ),
        (  # Korean: a listing announced in the present ("추가한다고 밝혔다") is made that day
            "미국 상무부는 9일(현지시간) 이란 기업 12곳을 우려거래자 목록에 추가한다고 관보를 통해 밝혔다.",
            "2026-02-10",
            "2026-02-09",
        ),
    ],
)
def test_start_days_of_the_eleventh_round(tmp_path: Path, text: str, published: str, effective: str) -> None:
    news = [m for m in _found(text, published, tmp_path) if not m.get("background")]
    assert effective in [m["effective"] for m in news], news


def test_a_licence_granted_after_a_tightening_is_no_ban(tmp_path: Path) -> None:
    text = (
        "[東京 3日 ロイター] – 日本政府は工作機械のイランへの輸出を規制強化後初めて許可したと、関係者が明らかにした。"
    )
    assert _news(_found(text, "2026-02-03", tmp_path)) == []


@pytest.mark.parametrize(
    ("text", "published", "effective"),
    [
        (  # the sentence's day is the act's start when the trigger is its coming into force
            "On 2 March 2026, Canada's new Export Control Regulation enters into force.",
            "2026-02-20",
            "2026-03-02",
        ),
        (
            "New EU Firearms Export Regulation enters into force\n\n"
            "In force from today, the recast regulation introduces a licence for exports of drone parts.",
            "2026-02-20",
            "2026-02-20",
        ),
        (  # a time of day before the weekday, and no sentence break after "p.m."
            "China's commerce ministry on Wednesday added nine US firms to its export control list. "
            "Effective from 12:01 p.m. Thursday, the export of dual-use items to these firms will be prohibited.",
            "2026-02-18",
            "2026-02-19",
        ),
    ],
)
def test_start_days_told_with_the_coming_into_force(tmp_path: Path, text: str, published: str, effective: str) -> None:
    news = [m for m in _found(text, published, tmp_path) if not m.get("background")]
    assert effective in [m["effective"] for m in news], news


@pytest.mark.parametrize(
    "text",
    [
        # a licence required if a condition holds: no new act
        "또한 일반 물자라도 한국 정부가 대량파괴무기 전용 가능성이 있다고 판단할 경우 사전 허가를 받아야 한다.",
    ],
)
def test_a_korean_condition_is_no_act(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-02-03", tmp_path)) == []


def test_a_korean_definition_of_a_scheme_is_no_easing(tmp_path: Path) -> None:
    text = (
        "미국 상무부는 3일 한 반도체 기업의 VEU 지위를 철회했다. "
        "VEU 제도는 지정 기업이 미국산 장비를 개별 허가 절차 없이 들여올 수 있도록 허가를 면제한 제도다."
    )
    news = _news(_found(text, "2026-02-03", tmp_path))
    assert not [m for m in news if m[1] in ("ease_export_restriction", "lift_licence_requirement")], news


@pytest.mark.parametrize(
    ("text", "published", "expect"),
    [
        (  # a wire copy's hard-wrapped lines are one sentence
            "LUSAKA, March 3 (Reuters) - Zambia has imposed a ban on\nthe export of raw copper concentrate, according "
            "to a government\nnotice seen by Reuters on Tuesday.",
            "2026-03-04",
            ("ZM", "add_export_restriction", ()),
        ),
        (  # an arms embargo approved
            "The Norwegian government has approved a full arms embargo against Iran.",
            "2026-03-04",
            ("NO", "add_export_restriction", ("IR",)),
        ),
        (  # the arms trade banned; "first in the EU" names the group the actor is one of, never the actor
            "Ireland first in EU to ban arms trade with Iran\n\nIreland has become the first European Union country to "
            "completely ban arms trade with Iran, the government said on Monday.",
            "2026-03-04",
            ("IE", "add_export_restriction", ("IR",)),
        ),
        (  # "put restriction on the export of", "a crackdown on the export of"
            "Ghana has decided to put restriction on the export of unprocessed manganese ore.",
            "2026-03-04",
            ("GH", "add_export_restriction", ()),
        ),
        (
            "The Australian government has initiated a crackdown on the export of drone parts to buyers abroad.",
            "2026-03-04",
            ("AU", "add_export_restriction", ()),
        ),
        (  # Japanese: an export ban lifted; exports banned before, resumed
            "ベトナム政府は10月11日からコメの一時的な輸出禁止を解除する。",
            "2026-10-05",
            ("VN", "ease_export_restriction", ()),
        ),
        (
            "マレーシアは、一時的に禁止していたシンガポールなどへの鶏肉の輸出を、条件付きで再開すると発表しました。",
            "2026-10-05",
            ("MY", "ease_export_restriction", ()),
        ),
        (  # Korean: exports resumed (a title)
            "베트남, 15일부터 쌀 수출 재개…정부 발표",
            "2026-10-05",
            ("VN", "ease_export_restriction", ()),
        ),
    ],
)
def test_wordings_from_the_eighth_held_out_set(
    tmp_path: Path, text: str, published: str, expect: tuple[Any, ...]
) -> None:
    assert expect in _news(_found(text, published, tmp_path))


def test_a_korean_reading_of_what_was_decided_is_no_act(tmp_path: Path) -> None:
    text = "가격이 떨어지자 베트남 정부가 농가를 지원하기 위해 쌀 수출 재개를 결정한 것으로 해석됩니다."
    assert _news(_found(text, "2026-10-05", tmp_path)) == []


# ------------------------------------------------------------------ review of the eleventh session (found by a reviewer, fixed)


@pytest.mark.parametrize(
    "text",
    [
        "Huawei, which the US blacklisted in 2019, reported record revenue on Tuesday.",
        "The US has blacklisted more than 600 Chinese entities since 2018, a think tank said on Tuesday.",
    ],
)
def test_review_a_blacklisting_recalled_is_no_news(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-02-10", tmp_path)) == []


@pytest.mark.parametrize(
    "text",
    [
        "EU ambassadors failed on Tuesday to approve the 20th sanctions package against Russia after Hungary objected.",
        "Hungary's parliament on Tuesday approved a resolution calling for an end to new sanctions against Russia.",
        "Japan's cabinet on Tuesday approved a package of measures to support exporters hit by US tariffs.",
    ],
)
def test_review_approv_before_a_package_is_not_always_an_act(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-02-10", tmp_path)) == []


def test_review_a_proposal_that_rules_enter_into_force_is_not_in_force(tmp_path: Path) -> None:
    text = "On 3 February 2026, the European Commission proposed that the new export restrictions enter into force."
    news = [m for m in _found(text, "2026-02-10", tmp_path) if not m["background"]]
    assert all(m["stage"] == "proposed" and m["effective"] is None for m in news), news


@pytest.mark.parametrize(
    ("text", "published", "wrong"),
    [
        (  # "will take effect": the day is when it was said
            "On 9 February 2026, the Commerce Department said its new export controls on drone parts will take effect.",
            "2026-02-10",
            "2026-02-09",
        ),
        (  # its own start is told ("on 1 March", no year): Monday is the announcement
            "The EU said on Monday its new export rules on drones take effect on 1 March.",
            "2026-02-16",
            "2026-02-16",
        ),
    ],
)
def test_review_an_announcement_day_is_no_start(tmp_path: Path, text: str, published: str, wrong: str) -> None:
    news = [m for m in _found(text, published, tmp_path) if not m["background"]]
    assert news and all(m["effective"] != wrong for m in news), news


def test_review_effective_from_today_of_another_act(tmp_path: Path) -> None:
    text = (
        "Chile banned exports of copper scrap to Peru, the trade ministry said on Monday. "
        "The ban covers copper wire. It also covers brass. Critics called it late. Officials declined to comment. "
        "Trade between the two fell last year. "
        "Effective from today, the new rules on fuel imports require a permit."
    )
    news = [m for m in _found(text, "2026-02-10", tmp_path) if not m["background"]]
    # never the other act's "today" (the day the ban was told, Monday, is its own: held-out decision 3)
    assert news and all(m["effective"] in (None, "2026-02-09") for m in news), news


def test_review_a_korean_listing_announced_for_later(tmp_path: Path) -> None:
    text = (
        "미국 상무부는 9일(현지시간) 이란 기업 12곳을 오는 20일 관보 게재와 함께 우려거래자 목록에 추가한다고 밝혔다."
    )
    news = [m for m in _found(text, "2026-02-10", tmp_path) if not m["background"]]
    assert news and all(m["effective"] != "2026-02-09" for m in news), news


def test_review_a_sentence_that_ends_on_a_time(tmp_path: Path) -> None:
    text = (
        "Japan banned exports of chip tools to Russia from 10 a.m. China banned exports of gallium to the US on Monday."
    )
    news = _news(_found(text, "2026-02-19", tmp_path))
    assert ("JP", "add_export_restriction", ("RU",)) in news and ("CN", "add_export_restriction", ("US",)) in news, news


def test_review_a_government_official_is_not_the_government(tmp_path: Path) -> None:
    text = "정부 관계자는 21일 러시아에 대한 수출을 금지한 미국의 조치에 대해 설명했다."
    found = _found(text, "2026-02-21", tmp_path)
    assert all(m["jurisdiction"] != "KR" for m in found), found


def test_review_also_excluded_is_no_target(tmp_path: Path) -> None:
    news = _news(_found("中国も対象外 米国がロシアへの輸出を禁止", "2026-02-21", tmp_path))
    assert ("US", "add_export_restriction", ("RU",)) in news, news


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        (
            "산업통상자원부는 21일 러시아가 핵실험을 할 경우에 대비해 러시아에 대한 공작기계 수출을 금지했다.",
            ("KR", "add_export_restriction", ("RU",)),
        ),
        (
            "정부는 21일 전쟁이 장기화될 경우 공급이 부족해질 것을 우려해 요소 수출을 금지했다.",
            ("KR", "add_export_restriction", ()),
        ),
        (
            "중국 상무부는 21일 희토류가 군사용으로 전용되는 경우 등을 막기 위해 일본에 대한 희토류 수출을 금지했다고 발표했다.",
            ("CN", "add_export_restriction", ("JP",)),
        ),
        ("정부는 21일 만약의 사태에 대비해 마스크 수출을 금지했다.", ("KR", "add_export_restriction", ())),
        ("もしものときに備え、政府は21日、コメの輸出を禁止すると閣議決定した。", ("JP", "add_export_restriction", ())),
        (
            "仮に紛争が起きた場合に備えて、経済産業省は21日、ロシアへの工作機械の輸出を禁止した。",
            ("JP", "add_export_restriction", ("RU",)),
        ),
    ],
)
def test_review_a_condition_before_a_real_act(tmp_path: Path, text: str, expect: tuple[Any, ...]) -> None:
    assert expect in _news(_found(text, "2026-02-21", tmp_path))


def test_review_a_company_stopping_its_exports_is_no_act(tmp_path: Path) -> None:
    news = _news(_found("현대자동차는 21일 러시아 수출 중단을 결정했다.", "2026-02-21", tmp_path))
    assert news == [], news


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # states the hand-written Japanese and Korean names leave out, read by their CLDR names
        ("나미비아 정부는 3일 미가공 리튬의 수출을 금지한다고 발표했다.", ("NA", "add_export_restriction", ())),
        (
            "コロンビア政府は3日、イスラエルへの石炭の輸出を禁止すると発表した。",
            ("CO", "add_export_restriction", ("IL",)),
        ),
    ],
)
def test_any_state_by_its_japanese_or_korean_name(tmp_path: Path, text: str, expect: tuple[Any, ...]) -> None:
    assert expect in _news(_found(text, "2026-03-03", tmp_path))


def test_the_australia_group_in_korean_is_no_state(tmp_path: Path) -> None:
    text = "정부는 3일 오스트레일리아 그룹 등 국제수출통제체제의 합의에 따라 전략물자 수출 통제 품목을 추가했다."
    assert all(m[0] != "AU" for m in _news(_found(text, "2026-03-03", tmp_path)))


def test_in_force_as_told_without_a_day_is_no_day_of_publication(tmp_path: Path) -> None:
    # "発表と同時に発効" with no day for the announcement: not the day the report was published
    text = "中国政府は日本向けの二重用途品目の輸出を禁止するとし、発表と同時に発効するとしている。"
    found = [m for m in _found(text, "2026-01-07", tmp_path) if not m["background"]]
    assert all(m["effective"] != "2026-01-07" for m in found), found


def test_a_later_sentence_gives_the_day_of_a_month_already_told(tmp_path: Path) -> None:
    # "from June" in the lead, "from the 1st of next month" for the same measures a sentence on: the day
    text = (
        "대만이 6월부터 마스크 수출 금지를 해제한다. "
        "대만 보건당국은 전날 브리핑을 통해 내달 1일부터 이 같은 조치를 취한다고 밝혔다."
    )
    found = [m for m in _found(text, "2020-05-26", tmp_path) if not m["background"]]
    assert [(m["jurisdiction"], m["effective"]) for m in found] == [("TW", "2020-06-01")], found


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # a quota on exports: raised is an easing, introduced or cut a restriction (made-up sentences)
        (
            "Kazakhstan on Tuesday raised the export quota for sunflower seeds by 200,000 tonnes.",
            ("KZ", "ease_export_restriction", ()),
        ),
        (
            "Argentina introduced export quotas for beef on Tuesday to hold down domestic prices.",
            ("AR", "add_export_restriction", ()),
        ),
        (
            "インドネシア政府は3日、パーム油の輸出割当を拡大すると発表した。",
            ("ID", "ease_export_restriction", ()),
        ),
        (
            "우크라이나 정부는 3일 밀 수출 쿼터를 도입한다고 발표했다.",
            ("UA", "add_export_restriction", ()),
        ),
        # an export made subject to an authorisation; approvals of exports paused; a halt put to exports
        (
            "Brazil on Tuesday adopted a decree requiring that exports of ventilators are subject to prior "
            "authorisation by the health ministry.",
            ("BR", "add_export_restriction", ()),
        ),
        (
            "Norway is pausing approvals of new applications for gas exports to non-European buyers, the energy "
            "ministry said on Tuesday.",
            ("NO", "add_export_restriction", ()),
        ),
        (
            "On Tuesday the government of Thailand put a halt to new sugar export contracts.",
            ("TH", "add_export_restriction", ()),
        ),
        # an embargo ordered; the reason the act cites is no target
        (
            "The U.S. has ordered an arms embargo on Myanmar, citing growing Russian military influence.",
            ("US", "add_export_restriction", ("MM",)),
        ),
    ],
)
def test_commodity_instruments_and_verbs(tmp_path: Path, text: str, expect: tuple[Any, ...]) -> None:
    news = _news(_found(text, "2026-03-03", tmp_path))
    assert expect in news, news


@pytest.mark.parametrize(
    "text",
    [
        # "in order to" is no order; a quota on imports is no export measure; a set of rules is no act
        "Exporters must register in order to ship goods under the existing export controls, the ministry said.",
        "Turkey raised the import quota for steel on Tuesday.",
    ],
)
def test_no_commodity_act_where_none_is_told(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-03-03", tmp_path)) == []


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # Japanese: a state abbreviated before its organ (米政権, 豪政府); new licences stopped, and the stop undone
        # (made-up sentences)
        (
            "トランプ米政権は3日、ベネズエラへの石油製品の輸出を禁止すると発表した。",
            ("US", "add_export_restriction", ("VE",)),
        ),
        (
            "豪政府は3日、ウランの輸出許可を新たに出すことを一時的に停止すると発表した。",
            ("AU", "add_export_restriction", ()),
        ),
        (
            "カナダ政府は3日、前政権が導入した原油の輸出認可停止を解除したと発表した。",
            ("CA", "ease_export_restriction", ()),
        ),
        # Korean: exports banned in the passive from a day, arms trade banned with its partner
        (
            "필리핀 정부는 3일부터 니켈 원광의 수출이 전면 금지된다고 밝혔다.",
            ("PH", "add_export_restriction", ()),
        ),
        (
            "아일랜드가 3일 이스라엘과의 모든 무기 거래를 전면 금지했다.",
            ("IE", "add_export_restriction", ("IL",)),
        ),
    ],
)
def test_japanese_and_korean_commodity_acts(tmp_path: Path, text: str, expect: tuple[Any, ...]) -> None:
    news = _news(_found(text, "2026-03-03", tmp_path))
    assert expect in news, news


def test_some_licences_counted_are_no_measure_in_japanese(tmp_path: Path) -> None:
    # a count of licences suspended is a licence decision (guideline §2), not a stop of exports
    text = "英国政府は3日、武器輸出許可約200件のうち20件の発行を停止すると発表した。"
    assert _news(_found(text, "2026-03-03", tmp_path)) == []


@pytest.mark.parametrize(
    "text",
    [
        # a newcomer's review of the commodity wordings (eighteenth session): each was read as a measure before
        # the rules were narrowed (made-up sentences)
        "The government on Tuesday banned exports of onions. Traders said prices in Bangladesh, the main buyer, jumped.",
        "Japan and India agreed on Tuesday to establish a regular dialogue on export controls.",
        "Russian traders boosted shipments under the wheat export quota by 10% in March.",
        "The European Union increased the quota for exports of Ukrainian poultry that enter the bloc duty-free.",
        "Canada's existing regime, which requires that exports of firearms are subject to a permit, saw 312 permits "
        "granted last year.",
        "Russia's blockade put a halt to Ukrainian grain exports for months.",
        "英政府は3日、イスラエル向けの約30の武器輸出許可を停止すると発表した。",
        "日本製鉄は3日、中国向け鋼材の輸出を中止した。",
        "국제축구연맹(FIFA)은 3일 러시아 대표팀에 대한 추가 제재에 나섰다.",
        "현행법상 전략물자는 정부 허가 없이 수출이 금지된다고 산업부는 설명했다.",
        "러시아는 북한과의 무기 거래를 금지하는 유엔 안보리 결의를 위반했다.",
    ],
)
def test_review_commodity_wordings_read_no_measure(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-03-03", tmp_path)) == []


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # easings never read as restrictions; stopping quota allocations never an easing
        ("Washington lowered export controls on Indian companies on Tuesday.", ("US", "add_export_restriction")),
        ("Kazakhstan reduced restrictions on wheat exports on Tuesday.", ("KZ", "add_export_restriction")),
        ("中国商務部は3日、一部企業への輸出枠の割り当てを停止した。", ("CN", "ease_export_restriction")),
    ],
)
def test_review_commodity_wordings_no_wrong_direction(tmp_path: Path, text: str, wrong: tuple[str, str]) -> None:
    assert all(m[:2] != wrong for m in _news(_found(text, "2026-03-03", tmp_path)))


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # a company named for its country is no state (made-up sentences)
        ("日本郵船は3日、中国向けの運航を再開した。", ["CN"]),
        ("韓国電力公社は3日、日本の企業と契約した。", ["JP"]),
        ("한국가스공사는 3일 미국산 LNG를 도입한다고 밝혔다.", ["US"]),
        # the state itself, its government and organs still are
        ("日本政府は3日、中国商務省の発表に反発した。", ["JP", "CN"]),
        ("한국 정부는 3일 발표했다.", ["KR"]),
    ],
)
def test_a_company_named_for_its_country_is_no_state(text: str, expect: list[str]) -> None:
    from exportctl.intake.gazetteer import states

    assert [c for _a, _b, c in states(text)] == expect


def test_a_restriction_ended_is_an_easing(tmp_path: Path) -> None:
    # "put an end to the ban on … exports" undoes a ban; it never imposes one (made-up sentences)
    news = _news(
        _found(
            "Pakistan put an end to the ban on sugar exports on Tuesday after a bumper harvest.", "2026-03-03", tmp_path
        )
    )
    assert ("PK", "ease_export_restriction", ()) in news and all(m[1] != "add_export_restriction" for m in news), news
    news = _news(_found("Myanmar's rice shipments ended as the ban took hold on Tuesday.", "2026-03-03", tmp_path))
    assert all(m[1] != "ease_export_restriction" for m in news), news


@pytest.mark.parametrize(
    "text",
    [
        # lists that are no part of trade (made-up sentences)
        "유럽연합(EU)은 3일 한국을 조세 비협조국 블랙리스트에 올렸다.",
        "프로야구 구단들은 3일 음주운전 선수를 선수 블랙리스트에 올렸다고 밝혔다.",
    ],
)
def test_a_list_that_is_no_part_of_trade_lists_nothing(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-03-03", tmp_path)) == []


# ------------------------------------------------------------------ nineteenth session: who acts, when a ban ends


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # a state's adjective before its government (made-up sentences)
        ("The Malawian government has imposed restrictions on soybean exports to protect local feed mills.", "MW"),
        ("The Kenyan cabinet on Tuesday banned the export of raw avocados for three months.", "KE"),
        # a wire's capital dateline for an unnamed organ, with or without spaces around the dash
        ("DHAKA: The Commerce Ministry on Monday banned the export of potatoes to keep prices down.", "BD"),
        ("CAIRO-The Supreme Council on Sunday banned the export of sugar for three months.", "EG"),
    ],
)
def test_who_acts_from_an_adjective_a_dateline_or_an_organ(tmp_path: Path, text: str, expect: str) -> None:
    news = _news(_found(text + "\n\nTraders in the capital said prices had risen sharply.", "2026-03-03", tmp_path))
    assert (expect, "add_export_restriction", ()) in news, news


def test_an_unnamed_government_is_the_state_whose_organ_the_text_names(tmp_path: Path) -> None:
    # the organ is named only in the next sentence (made-up sentences)
    text = (
        "The government on Friday banned the export of onions with immediate effect.\n\n"
        '"Export of onions is prohibited," the Directorate General of Foreign Trade (DGFT) said in a notification.'
    )
    assert ("IN", "add_export_restriction", ()) in _news(_found(text, "2026-03-06", tmp_path))
    # organs of two states: no guess
    text = (
        "The government on Friday banned the export of onions with immediate effect.\n\n"
        "The DGFT and the Bureau of Industry and Security issued notices on other goods the same day."
    )
    assert ("IN", "add_export_restriction", ()) not in _news(_found(text, "2026-03-06", tmp_path))


def test_a_ban_until_a_month_is_news_not_a_past_act(tmp_path: Path) -> None:
    # "until November" says when the ban ends, never when it was told (made-up sentence)
    found = _found(
        "Vietnam has prohibited the export of fresh durian until November to secure the domestic supply.\n\n"
        "Traders in the capital said prices had risen sharply.",
        "2026-07-20",
        tmp_path,
    )
    assert ("VN", "add_export_restriction", ()) in _news(found), found


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # an adverb of extent or time between the control and its lifting (made-up sentences)
        (
            "米国は5日、中国向けの工作機械に対する輸出規制を一部解除した。業界は歓迎している。",
            ("US", "ease_export_restriction", ("CN",)),
        ),
        (
            "中国商務省は5日、米国へのアンチモンの輸出禁止を一時的に解除した。業界は歓迎している。",
            ("CN", "ease_export_restriction", ("US",)),
        ),
        # exports made subject to an authorisation scheme; a cap on the exported volume
        (
            "インドネシア政府は5日、ニッケルの国外への輸出に対し、許可制度を導入すると発表した。業界は懸念している。",
            ("ID", "add_export_restriction", ()),
        ),
        (
            "インド政府は5日、砂糖の輸出量を最大200万トンに制限すると発表した。業界は懸念している。",
            ("IN", "add_export_restriction", ()),
        ),
    ],
)
def test_japanese_lifting_authorisation_and_cap_wordings(tmp_path: Path, text: str, expect: tuple[Any, ...]) -> None:
    assert expect in _news(_found(text, "2026-03-05", tmp_path))


def test_japanese_from_the_same_day_and_until_a_day_to_come(tmp_path: Path) -> None:
    # "同日から禁止": in force the day it was told; "…まで有効": the day it ends is no date of the act (made-up sentences)
    found = _found(
        "中国商務省は3日、黒鉛の米国への輸出を同日から禁止すると発表した。業界は懸念している。", "2026-03-03", tmp_path
    )
    assert [(m["jurisdiction"], m["effective"]) for m in found if not m["background"]] == [("CN", "2026-03-03")], found
    found = _found(
        "中国商務省は3日、米国への黒鉛の輸出禁止を解除した。決定は即時に発効し、2027年2月27日まで有効となる。",
        "2026-03-03",
        tmp_path,
    )
    assert [(m["jurisdiction"], m["effective"]) for m in found if not m["background"]] == [("CN", "2026-03-03")], found


@pytest.mark.parametrize(
    "text",
    [
        # Russia as the prefix 対ロ / 対露 marks it, the state the sanctions are aimed at (made-up sentences)
        "カナダ政府は24日、対ロ追加制裁を発表した。業界は歓迎している。",
        "カナダ政府は24日、新たな対露制裁を決定した。業界は歓迎している。",
    ],
)
def test_japanese_sanctions_aimed_by_the_prefix(tmp_path: Path, text: str) -> None:
    assert ("CA", "add_export_restriction", ("RU",)) in _news(_found(text, "2026-02-25", tmp_path))


def test_japanese_prefix_never_splits_russia(tmp_path: Path) -> None:
    from exportctl.intake.gazetteer import states

    assert [c for _a, _b, c in states("対ロシア制裁の迂回に関与した中国の団体")] == ["RU", "CN"]


def test_a_fronted_purpose_hedges_nothing_after_the_subject(tmp_path: Path) -> None:
    # the purpose before the comma ("… the potential …") governs nothing after the clause's subject (made-up sentences)
    text = (
        "In a move to curb the potential misuse of advanced sensors, the Canadian government has imposed a ban on the "
        "export of lidar units.\n\nTraders in the capital said prices had risen sharply."
    )
    assert ("CA", "add_export_restriction", ()) in _news(_found(text, "2026-03-03", tmp_path))
    # a condition before the comma still governs what follows
    text = (
        "If the talks fail, the Canadian government has said it could impose a ban on the export of lidar units.\n\n"
        "Traders in the capital said prices had risen sharply."
    )
    assert _news(_found(text, "2026-03-03", tmp_path)) == []


def test_tightened_control_over_exports(tmp_path: Path) -> None:
    text = (
        "Vietnam's trade ministry on Monday announced tightening control over exports of rare earth ores to China.\n\n"
        "Traders in the capital said prices had risen sharply."
    )
    assert ("VN", "add_export_restriction", ("CN",)) in _news(_found(text, "2026-03-03", tmp_path))
    assert (
        _news(
            _found(
                "Officials said Vietnam has little control over exports of ores mined abroad.\n\n"
                "Traders in the capital said prices had risen sharply.",
                "2026-03-03",
                tmp_path,
            )
        )
        == []
    )


# ------------------------------------------------------------------ review of the nineteenth session (a helper's made-up texts)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # a bureau's dateline never gives its state another state's unnamed government
        (
            "KYIV, Dec 3 (Reuters) - Russia said on Thursday it would extend its ban on gasoline exports. Analysts said "
            "prices had jumped. The government also banned exports of diesel by traders, the decree showed.",
            "UA",
        ),
        # councils and committees of bodies that are no government
        (
            "NAIROBI, Dec 3 (Reuters) - The Security Council on Thursday extended its arms embargo on South Sudan, "
            "barring exports of weapons to the country.",
            "KE",
        ),
        (
            "NEW DELHI, Dec 2 - The Cotton Exporters Council on Wednesday stopped exports of cotton bales to Bangladesh "
            "to protest late payments, its chairman said.",
            "IN",
        ),
        # Myanmar's Union government is not India's
        (
            "Myanmar's junta has tightened its grip on border trade. The Union government on Monday banned exports of "
            "rice through the Muse crossing, state television said.",
            "IN",
        ),
        # an organ of one state named while another state acts: no guess
        (
            "The White House welcomed Mexico's pledge on Tuesday. The government on Monday banned exports of "
            "steel scrap for six months, the economy ministry said.",
            "US",
        ),
        (
            "The Bureau of Indian Standards (BIS) issued new rules for helmets. The government on Thursday banned "
            "exports of onions, the notification said.",
            "US",
        ),
    ],
)
def test_review_who_acts_no_wrong_state(tmp_path: Path, text: str, wrong: str) -> None:
    assert all(m[0] != wrong for m in _news(_found(text, "2026-12-04", tmp_path)))


def test_review_south_sudanese_is_south_sudan() -> None:
    from exportctl.intake.gazetteer import states

    assert [c for _a, _b, c in states("The South Sudanese government and the Sudanese army")] == ["SS", "SD"]


@pytest.mark.parametrize(
    "text",
    [
        # permits for something other than exports; an industry's own restraint; a denied report (made-up sentences)
        "農水省は1日、輸出向け農産物の生産を支援するため、ドローン飛行の許可制度を導入すると発表した。業界は歓迎している。",
        "ベトナム政府は1日、輸出向け縫製工場で働く外国人労働者の就労許可制度を導入した。業界は歓迎している。",
        "日本鉄鋼連盟は3日、米国向けの鋼材の輸出量を自主的に制限すると発表した。業界は歓迎している。",
        "経産省は3日、韓国向けの輸出規制を全面的に解除したとの一部報道について「事実ではない」と否定した。",
    ],
)
def test_review_japanese_no_measure(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-12-04", tmp_path)) == []


@pytest.mark.parametrize(
    "text", ["米国は3日、対ロケット技術の輸出規制を強化した。", "中国は3日、対ロボット部品の輸出規制を強化した。"]
)
def test_review_japanese_prefix_before_katakana_is_no_state(tmp_path: Path, text: str) -> None:
    assert all("RU" not in m[2] for m in _news(_found(text + "業界は懸念している。", "2026-12-04", tmp_path)))


def test_review_japanese_year_words_and_the_day_of_publication(tmp_path: Path) -> None:
    found = _found(
        "インドネシア政府は1日、ニッケルの輸出を来年1月1日から禁止すると発表した。業界は懸念している。",
        "2026-12-01",
        tmp_path,
    )
    assert [(m["jurisdiction"], m["effective"]) for m in found if not m["background"]] == [("ID", "2027-01-01")], found
    # a meeting "from the 1st to the 4th" told on the 4th still dates the decision
    found = _found(
        "中国商務部は1日から4日まで開かれた会議で、黒鉛の輸出規制の強化を決定した。業界は懸念している。",
        "2026-12-04",
        tmp_path,
    )
    assert [m["announced"] for m in found if not m["background"]] != [None], found


def _padded(text: str) -> str:
    """A made-up sentence with a neutral one after it in its own language, so the text is read as a body, not a
    one-line headline (and is long enough for the language check)."""
    if re.search("[\uac00-\ud7a3]", text):
        return text + "\n\n업계는 시장 상황을 지켜보고 있다."
    if re.search("[\u3040-\u30ff\u4e00-\u9fff]", text):
        return text + "\n\n業界は動向を注視している。"
    return text + "\n\nTraders said prices had risen."


# ------------------------------------------------------------------ twentieth session: common phrasings read by a grid
# (made-up sentences in each language's usual news wording, run as a grid of actor x verb x target; each phrasing of
# the first test but the last came out empty, without its target or as the opposite act on the session's first commit
# bcb7842; the other tests guard the narrowings the cross-validation asked for)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # Korean: an adverb before the stop, a ban order, a licensing scheme, the goods after 로의, 향, 겨냥
        ("말레이시아 정부는 3일 싱가포르에 닭고기 수출을 전면 금지했다.", ("MY", "add_export_restriction", ("SG",))),
        ("말레이시아 정부는 3일 닭고기 수출을 일시적으로 중단한다고 발표했다.", ("MY", "add_export_restriction", ())),
        ("필리핀 정부는 3일 설탕 수출 금지령을 내렸다.", ("PH", "add_export_restriction", ())),
        ("베트남 정부는 3일 희토류 수출 허가제를 도입했다.", ("VN", "add_export_restriction", ())),
        ("베트남은 다음달 1일부터 희토류 수출 시 정부 허가를 받도록 했다.", ("VN", "add_export_restriction", ())),
        ("파키스탄 정부는 3일 아프가니스탄으로의 밀가루 수출을 중단했다.", ("PK", "add_export_restriction", ("AF",))),
        ("파키스탄 정부는 3일 아프가니스탄향 밀가루 수출을 중단했다.", ("PK", "add_export_restriction", ("AF",))),
        ("러시아가 미국을 겨냥한 우라늄 수출 제한 조치를 발표했다.", ("RU", "add_export_restriction", ("US",))),
        # Korean easings: 수출 제한 완화, 제한을 풀다, a list's removal, a headline after 인도's comma
        ("인도네시아 정부는 3일 석탄 수출 제한을 완화했다.", ("ID", "ease_export_restriction", ())),
        ("인도네시아 정부는 3일 석탄 수출에 대한 제한을 풀었다.", ("ID", "ease_export_restriction", ())),
        (
            "일본 경제산업성은 3일 중국 기업 5곳을 수출통제 명단에서 제외했다.",
            ("JP", "ease_export_restriction", ("CN",)),
        ),
        ("인도, 설탕 수출 금지 해제", ("IN", "ease_export_restriction", ())),
        # Japanese: 停止, a ban order, 許可制, the control's object, a licence needed, a list's removal, に対し
        ("ベトナム政府は3日、コメの輸出を一時停止した。", ("VN", "add_export_restriction", ())),
        ("ベトナム政府は3日、コメの輸出禁止令を出した。", ("VN", "add_export_restriction", ())),
        ("ベトナム政府は3日、レアアースの輸出を許可制にすると発表した。", ("VN", "add_export_restriction", ())),
        ("ベトナム政府は3日、レアアースを輸出規制の対象にすると発表した。", ("VN", "add_export_restriction", ())),
        ("ベトナムは来月1日からレアアースの輸出に許可を必要とする。", ("VN", "add_export_restriction", ())),
        ("英政府は3日、ロシア企業10社を禁輸リストに載せた。", ("GB", "add_export_restriction", ("RU",))),
        ("英政府は3日、ロシア企業10社を禁輸リストから削除した。", ("GB", "ease_export_restriction", ("RU",))),
        (
            "カナダ政府は3日、イランに対して化学品の輸出を制限すると発表した。",
            ("CA", "add_export_restriction", ("IR",)),
        ),
        ("中国商務部は3日、ガリウムの輸出規制を発表しました。", ("CN", "add_export_restriction", ())),
        # English: the goods before "exports" in the lifted ban, exports let resume, a list's removal
        ("Egypt lifted its ban on onion exports on Tuesday.", ("EG", "ease_export_restriction", ())),
        ("Egypt on Tuesday allowed exports of sugar to resume.", ("EG", "ease_export_restriction", ())),
        (
            "The British government on Tuesday removed five Russian firms from its export control list.",
            ("GB", "ease_export_restriction", ("RU",)),
        ),
    ],
)
def test_grid_common_phrasings(tmp_path: Path, text: str, expect: tuple[Any, ...]) -> None:
    found = _found(_padded(text), "2026-12-04", tmp_path)
    assert expect in _news(found), found


@pytest.mark.parametrize(
    "text",
    [
        # a writer's reading of the aim, a guess in a headline, a rule's definition, an act that went before
        "이번 조치는 사실상 중국을 겨냥한 것으로 보인다.",
        "대만, 6월부터 마스크 수출 제한 해제할 듯",
        "FDPR는 미국산 장비가 쓰였다면 수출 시 미 정부의 허가를 받도록 규정한 규칙이다.",
        "中国がゲルマニウムの輸出規制を発表した後、価格は上昇した。",
        "中国は日本に対し、輸出規制の撤回を求めた。",
    ],
)
def test_grid_no_measure(tmp_path: Path, text: str) -> None:
    assert _news(_found(_padded(text), "2026-12-04", tmp_path)) == []


def test_grid_de_facto_aim_is_no_target(tmp_path: Path) -> None:
    found = _found(
        "일본 정부가 사실상 중국을 겨냥해 반도체 장비의 수출 규제를 강화하기로 했다.\n\n업계는 시장 상황을 지켜보고 있다.",
        "2026-12-04",
        tmp_path,
    )
    assert ("JP", "add_export_restriction", ()) in _news(found), found


@pytest.mark.parametrize(
    ("text", "published", "expect"),
    [
        # a start between the Korean exports and the stop; 即日; a month to come; "from" a weekday
        ("태국 정부는 3일 쌀 수출을 다음달 1일부터 금지한다고 밝혔다.", "2026-12-04", ("TH", "decided", "2027-01-01")),
        ("태국 정부는 3일 쌀 수출을 오는 15일부터 중단한다고 밝혔다.", "2026-12-04", ("TH", "decided", "2026-12-15")),
        ("タイ政府は3日、コメの輸出を即日禁止した。", "2026-12-04", ("TH", "in_force", "2026-12-03")),
        ("タイ政府は3日、コメの輸出を来月から禁止すると発表した。", "2026-12-04", ("TH", "decided", "2027-01")),
        ("Thailand on Thursday banned rice exports from Saturday.", "2026-12-04", ("TH", "decided", "2026-12-05")),
    ],
)
def test_grid_dates(tmp_path: Path, text: str, published: str, expect: tuple[str, str, str]) -> None:
    found = _found(_padded(text), published, tmp_path)
    assert [(m["jurisdiction"], m["stage"], m["effective"]) for m in found if not m["background"]] == [expect], found


def test_grid_a_clause_that_only_times_a_statistic_is_no_act(tmp_path: Path) -> None:
    text = (
        "Vietnam's exports of rare earths fell 40% in the month after the controls took effect, customs data "
        "showed on Thursday.\n\nTraders said prices had risen."
    )
    assert _news(_found(text, "2026-12-04", tmp_path)) == []


def test_grid_katakana_names_stand_alone() -> None:
    from exportctl.intake.gazetteer import states

    assert [c for _a, _b, c in states("タイ・ベトナム両政府と対タイ輸出")] == ["TH", "VN", "TH"]
    assert states("朝食のシリアルとネクタイのタイミング") == []
    assert [c for _a, _b, c in states("シリア政府とパプアニューギニア")] == ["SY", "PG"]


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # an act reported as done on a day applies from that day (held-out decision 3); a decided one keeps none
        ("Vietnam on Thursday banned exports of rice to Laos, the trade ministry said.", ("in_force", "2026-12-03")),
        ("ベトナム政府は3日、コメの輸出を禁止した。業界は動向を注視している。", ("in_force", "2026-12-03")),
        ("베트남 정부는 3일 쌀 수출을 금지했다.\n\n업계는 시장 상황을 지켜보고 있다.", ("in_force", "2026-12-03")),
        ("Vietnam said on Thursday it will ban exports of rice to Laos.", (None, None)),
    ],
)
def test_an_act_reported_as_done_applies_that_day(tmp_path: Path, text: str, expect: tuple[Any, Any]) -> None:
    found = [m for m in _found(text, "2026-12-04", tmp_path) if not m["background"]]
    stage = expect[0] or next((m["stage"] for m in found if m["stage"] != "in_force"), "?")
    assert [(m["stage"], m["effective"]) for m in found] == [(stage, expect[1])], found


# ------------------------------------------------------------------ review of the twentieth session (a helper's made-up texts)
# (each came out wrong at a50a3ef, the grid round, and right at bcb7842, the session's start: /tmp/review20, not kept)


@pytest.mark.parametrize(
    "text",
    [
        # trade picking up again, a firm's halt or a licence is no act of a state
        "Brazil resumed beef exports to China on Tuesday after Beijing lifted a two-week suspension.",
        "Korea Zinc resumed exports of germanium to the United States after a two-month halt, the company said.",
        "Taiwan's TSMC halted shipments of advanced chips to Chinese customers after a review.",
        "Danish shipping group Maersk suspended shipments of cargo to Israel through the Red Sea.",
        "미 상무부는 엔비디아와 AMD의 중국 수출을 허용했다. 두 회사는 매출의 15%를 정부에 내기로 했다.",
        "米商務省はエヌビディアのH20の中国への輸出を認めた。同社は売上高の15%を政府に納める。",
        "일본 파나소닉은 중국향 배터리 수출을 일시적으로 중단한다고 밝혔다.",
        "쿠팡은 판매자들에게 러시아 수출 금지령을 내렸다.",
        "The UK's Office of Financial Sanctions Implementation issued a general licence permitting payments to "
        "Russian airlines.",
        # lists that are not export lists, a demand, opinions and plans
        "米財務省は日本を為替監視リストから外した。",
        "The EU removed the Bahamas from its tax blacklist on Tuesday.",
        "Beijing has demanded that Washington remove Chinese firms from the Entity List as a condition for a deal.",
        "정부가 요소 수출을 즉시 금지해야 한다는 목소리가 커지고 있다.",
        "インドが再びコメの輸出禁止令を出すとの見方が市場で広がっている。",
        "政府はレアアースの輸出を許可制にする案を示した。",
        "日本では現在、輸出に許可を必要とする品目は約1000に上る。",
        "중국의 보복관세는 미국산 대두의 중국 수출을 사실상 차단했다.",
        # a court, a bay, a tournament
        "The Islamabad High Court suspended the ban on sugar exports, ruling that growers had not been consulted.",
        "A cargo ship ran aground in Manila Bay, halting exports from the port for two days.",
        "South Korea moved into Group A of the tournament after beating Japan 2-1 on Tuesday.",
    ],
)
def test_review20_no_measure(tmp_path: Path, text: str) -> None:
    assert _news(_found(_padded(text), "2025-06-10", tmp_path)) == []


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # a leader who tells another state's act; firms named by trade that are no target; 등 N개국에 이어; 우회
        ("한국의 안덕근 산업통상자원부 장관은 중국이 흑연 수출을 전면 통제하기로 했다고 밝혔다.", "CN"),
        ("韓国の尹錫悦大統領は、日本が輸出規制を解除したと述べた。", "JP"),
        ("Indonesia banned exports of bauxite on Monday, forcing Chinese refiners to seek supplies from Guinea.", "ID"),
        ("미국, 영국 등 30개국에 이어 일본도 러시아에 대한 반도체 수출을 금지했다.", "JP"),
        ("In line with Wassenaar Arrangement recommendations, Japan added 23 items to its export control list.", "JP"),
    ],
)
def test_review20_who_acts_and_whom(tmp_path: Path, text: str, expect: str) -> None:
    news = _news(_found(_padded(text), "2025-06-10", tmp_path))
    assert news and all(m[0] == expect for m in news), news
    assert all(set(m[2]) <= {"RU", "KR", "JP"} for m in news), news  # never the firms' or the earlier states'


def test_review20_a_written_year_is_kept(tmp_path: Path) -> None:
    found = _found(
        "중국은 2023년 8월부터 갈륨 수출을 통제하고 있다.\n\n업계는 시장 상황을 지켜보고 있다.", "2025-06-10", tmp_path
    )
    assert [m["effective"] for m in found] == ["2023-08"], found


def test_a_bare_government_opening_the_text_is_its_organs_state(tmp_path: Path) -> None:
    text = (
        "Government has lifted all restrictions on the export of onion seeds. The Directorate General of Foreign "
        "Trade (DGFT) said in a notification that the export is free with immediate effect."
    )
    assert ("IN", "ease_export_restriction", ()) in _news(_found(text, "2026-12-04", tmp_path))


@pytest.mark.parametrize(
    "text",
    [
        "Indian government refuses to rule out imposition of iron ore export ban\n\nThe minister said on Friday that "
        "it was a good suggestion.",
        "The Indian government is not ruling out the option of banning iron ore exports, the minister said on Friday.",
    ],
)
def test_not_ruling_out_is_no_act(tmp_path: Path, text: str) -> None:
    assert _news(_found(text, "2026-12-04", tmp_path)) == []


# ------------------------------------------------------------------ twenty-first session: heldout16's misreadings
# (made-up sentences in the wording of heldout16's texts, measured once and spent; 14 of these 17 came out wrong at 30bb7c1:
# not the condition in quotes, the talks and the Belarusian start, kept as guards)


@pytest.mark.parametrize(
    ("text", "published", "expect"),
    [
        # who acts: a demonym, Congo in Korean and Japanese, a leader's portfolio in brackets, the passive of a
        # list removal, Korea's "カの2" group
        (
            "The Malian government has decided to suspend the export of groundnuts and sesame.",
            "2024-10-10",
            [("ML", "add_export_restriction", ())],
        ),
        (
            "콩고 규제 당국은 내달 16일부터 코발트 수출 금지를 해제한다고 밝혔다.",
            "2025-09-22",
            [("CD", "ease_export_restriction", ())],
        ),
        (
            "インドネシアのハルタルト調整相(経済)は27日、パーム油の輸出禁止対象を精製品などに拡大すると発表した。",
            "2022-04-27",
            [("ID", "add_export_restriction", ())],
        ),
        (
            "政令は今月7日に公布され28日に施行されることから、韓国は28日に「ホワイト国」から除外されます。",
            "2019-08-03",
            [("JP", "remove_from_preferred_list", ("KR",))],
        ),
        (
            "韓国政府は、日本を非ホワイト国と同様の規制を受ける「カの2」に分類する告示改正案を18日から施行した。",
            "2019-09-18",
            [("KR", "remove_from_preferred_list", ("JP",))],
        ),
        # acts the grammar had no words for: a policy announced on a day, exports allowed again, a ban on a good
        # lifted in favour of quotas, a licence before exporting, a general licence to named destinations
        (
            "ロシア政府は21日、ガソリンの国外輸出を原則的に禁止する方針を発表した。",
            "2023-09-24",
            [("RU", "add_export_restriction", ())],
        ),
        (
            "인도정부가 지난달 28일 비바스마티 백미의 수출을 다시 허용했다.",
            "2024-10-02",
            [("IN", "ease_export_restriction", ())],
        ),
        (
            "カザフスタン農業省は,穀粉の輸出に対する禁止を解除したが,代わりに輸出割当を導入したと発表した。",
            "2020-03-31",
            [("KZ", "ease_export_restriction", ())],
        ),
        (
            "The Department for Business and Trade has issued a general licence allowing quantum computer technology "
            "to be sold to dozens of countries including the US, Japan, Australia and European Union states.",
            "2024-04-09",
            [("GB", "ease_export_restriction", ("AU", "JP", "US"))],
        ),
    ],
)
def test_review21_acts_read(tmp_path: Path, text: str, published: str, expect: list[tuple[Any, ...]]) -> None:
    news = [(j, a, tuple(sorted(t))) for j, a, t in _news(_found(_padded(text), published, tmp_path))]
    assert news == expect, news


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # a condition, a negated plan, a headline's sources, talks about a ban
        ("「国内需要が満たされれば、もちろん私は輸出禁止措置を解除する」と大統領は述べた。", "2022-04-27"),
        ("우크라이나 총리, 밀 수출 제한 계획 없다고 발표", "2020-05-15"),
        ("ロシア、ガソリン輸出規制を強化へ=関係筋", "2025-07-24"),
        ("精鉱輸出を禁止する規制に係る協議が首都で行われた。", "2020-08-26"),
    ],
)
def test_review21_no_measure(tmp_path: Path, text: str, published: str) -> None:
    assert _news(_found(_padded(text), published, tmp_path)) == []


@pytest.mark.parametrize(
    ("text", "published", "effective"),
    [
        # a month-day two days back though the sentence looks ahead; a start with its hour; a headline's day ahead;
        # "the document comes into force on Monday" after a lead with no date
        (
            "Effective as of November 30, the South African government has imposed a ban on the exports of metal scrap.",
            "2022-12-02",
            "2022-11-30",
        ),
        (
            "インドネシア政府は27日、パーム油の輸出禁止対象を拡大すると発表した。現地時間28日午前0時から実施される。",
            "2022-04-27",
            "2022-04-28",
        ),
        ("インドネシア、23日にパーム油輸出禁止解除へ=大統領", "2022-05-20", "2022-05-23"),
        (
            "Belarusian authorities restrict export of onions and apples\n\nThe government adopted the resolution on "
            "February 4, 2022. The document comes into force on Monday.",
            "2022-02-06",
            "2022-02-07",
        ),
    ],
)
def test_review21_effective(tmp_path: Path, text: str, published: str, effective: str) -> None:
    news = [m for m in _found(_padded(text), published, tmp_path) if not m["background"]]
    assert news and {m["effective"] for m in news} == {effective}, news


def test_review21_recalled_acts_are_background(tmp_path: Path) -> None:
    text = (
        "インドネシアのジョコ大統領は19日、輸出を禁止して3週間になるパーム油の輸出再開を発表した。\n"
        "政府は韓国への半導体材料の輸出管理を強化したのに続くもので、日本がホワイト国の指定を取り消すのは初めてです。"
    )
    news = _news(_found(_padded(text), "2022-05-20", tmp_path))
    assert ("ID", "add_export_restriction", ()) not in news and not any(m[0] == "JP" for m in news), news


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # a leader named for the government, a suspension ordered as a noun, the speaker after a bare government,
        # a ban's scope told as "輸出禁止の対象とする"
        (
            "President Bola Tinubu has ordered an immediate six-month suspension on the export of raw shea nuts.",
            ("NG", "add_export_restriction", ()),
        ),
        (
            "The government has decided to impose temporary restrictions on the export of nitrogen fertilizers, Prime "
            "Minister Mikhail Mishustin said at a cabinet meeting broadcast on television.",
            ("RU", "add_export_restriction", ()),
        ),
        (
            "経済産業省は、半導体や通信機器などの民生汎用品もロシア向けの輸出禁止の対象とする。",
            ("JP", "add_export_restriction", ("RU",)),
        ),
    ],
)
def test_review21_who_acts(tmp_path: Path, text: str, expect: tuple[Any, ...]) -> None:
    assert expect in _news(_found(_padded(text), "2025-08-27", tmp_path))


# ------------------------------------------------------------------ review of the twenty-first session (a helper's made-up texts)
# (286 texts aimed at this session's widened patterns: 70 read right at 30bb7c1 and wrong at 25a9950; narrowed, and
# these kept: each read wrong at 25a9950 and reads right now, and right at 30bb7c1 too but for the new-year day in
# the dates test, which no commit read right before)


@pytest.mark.parametrize(
    ("text", "published", "expect"),
    [
        # a leader named as a person is never the aim
        ("Ukraine banned exports of rye and millet, blaming Putin's blockade of its ports.", "2022-03-10", ("UA", ())),
        ("Japan tightened export controls on 23 chip tools, matching Biden's October rules.", "2023-05-23", ("JP", ())),
        # a connective is no condition; a lifted ban's age is not the lifting's; a press conference's hour no start
        ("言い換えれば、日本政府は2日、韓国をホワイト国から除外した。", "2019-08-03", ("JP", ("KR",))),
        ("結論をまとめれば、中国商務部は1日からガリウムの輸出規制を実施した。", "2023-08-02", ("CN", ())),
        ("インドネシア政府は、3カ月前に導入した石炭の輸出禁止を解除した。", "2023-04-10", ("ID", ())),
        ("日本政府は2日、ホワイト国から、事前に通告せずに韓国を除外した。", "2019-08-03", ("JP", ("KR",))),
        (
            "중국 상무부가 3일 발표한 조치는 미국으로의 갈륨 수출을 전면 금지한 것이어서 업계의 긴장이 높아지고 있다.",
            "2023-07-05",
            ("CN", ("US",)),
        ),
        (
            "일본 정부는 한국에 대한 수출규제를 해제하고 이에 관한 협의를 이어가기로 했다.",
            "2023-03-17",
            ("JP", ("KR",)),
        ),
        # Korea's "가의2" group for another state than Japan
        (
            "산업통상자원부는 2일 헝가리를 전략물자 수출지역 구분상 '가' 지역에서 '가의2' 지역으로 조정하는 고시 개정안을 행정예고했다.",
            "2025-06-03",
            ("KR", ("HU",)),
        ),
        # another state's directorate, a spokesman's "我が国"
        ("파키스탄 상무부 대외무역총국은 설탕 수출을 금지한다고 발표했다.", "2023-09-05", ("PK", ())),
        (
            "中国外務省の報道官は、「我が国は米国向けのガリウムの輸出を禁止した」と述べた。",
            "2024-12-04",
            ("CN", ("US",)),
        ),
    ],
)
def test_review21b_who_acts(tmp_path: Path, text: str, published: str, expect: tuple[Any, ...]) -> None:
    news = [(j, tuple(sorted(t))) for j, _a, t in _news(_found(_padded(text), published, tmp_path))]
    assert news and all(n == expect for n in news), news


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("Indonesia extended the suspension of the palm oil export levy until the end of August.", "2022-07-16"),
        ("Argentina announced a suspension of export duties on soybeans until the end of the month.", "2023-09-05"),
        ("Ghana ordered tighter border controls to curb cocoa smuggling.", "2024-07-20"),
        ("The US Treasury issued a general license allowing Citgo shares to be sold to creditors.", "2023-10-06"),
        ("러시아산 원유 수출도 제한적인 수준에 머물렀다.", "2023-06-15"),
        ("経済産業省が輸出管理の対象とする品目は、約30品目にのぼる。", "2023-05-23"),
        ("中国政府は、外商投資奨励産業目録から自動車製造を削除した。", "2022-10-27"),
    ],
)
def test_review21b_no_measure(tmp_path: Path, text: str, published: str) -> None:
    assert _news(_found(_padded(text), published, tmp_path)) == []


def test_review21b_dates(tmp_path: Path) -> None:
    # a leap day without its year (a crash at 25a9950), a day across the new year, a lifted ban's own start
    assert [
        m["effective"]
        for m in _found(
            _padded("Effective February 29, Kazakhstan has banned exports of potatoes."), "2024-03-15", tmp_path
        )
    ] == ["2024-02-29"]
    assert [
        m["effective"]
        for m in _found(
            _padded("Effective as of December 30, Russia has banned exports of rice."), "2025-01-02", tmp_path
        )
    ] == ["2024-12-30"]
    lifted = _found(
        "Kazakhstan has lifted its ban on exports of sugar, the ministry said.\n\nThe ban took effect on March 14 and was "
        "meant to last six months.",
        "2022-06-10",
        tmp_path,
    )
    assert [(m["action"], m["effective"]) for m in lifted if not m["background"]] == [("ease_export_restriction", None)]
    hour = _found(
        _padded(
            "インドネシアのジョコ大統領は22日午後8時から記者会見を開き、パーム油の輸出を28日から禁止すると発表した。"
        ),
        "2022-04-23",
        tmp_path,
    )
    assert [m["effective"] for m in hour if not m["background"]] == ["2022-04-28"], hour


def test_a_plan_a_cabinet_approved_is_its_decision(tmp_path: Path) -> None:
    """heldout21's 017 ("Japan's cabinet on Friday approved a plan to remove South Korea from a 'whitelist'") found
    nothing: "plan" made the act an intention. A plan a government approved or adopted is its decision; a plan alone
    stays an intention."""
    approved = _found(
        'Japan\'s cabinet on Friday approved a plan to remove South Korea from a "whitelist" of countries with '
        "preferential export controls.\n\nThe new measure, to go into effect August 28, will apply a stricter approvals "
        "process.",
        "2019-08-02",
        tmp_path,
    )
    assert [(m["jurisdiction"], m["action"], m["targets"], m["stage"], m["effective"]) for m in approved] == [
        ("JP", "remove_from_preferred_list", ["KR"], "decided", "2019-08-28")
    ]
    planned = _found(
        "Japan plans to remove South Korea from its whitelist of trusted trading partners.", "2019-07-20", tmp_path
    )
    assert not [m for m in planned if not m["background"]]


# ------------------------------------------------------------------ fortieth session: heldout22's misses, in other words


def test_the_federal_register_s_list_of_destinations_is_one_list(tmp_path: Path) -> None:
    """heldout22 found only China in "under the destinations of China, People's Republic of (China) (42); Iran (2);
    …": the inverted name and the semicolons between the counts broke the list."""
    found = _found(
        "The Bureau of Industry and Security amends the Export Administration Regulations by adding 18 entities to the "
        "Entity List, under the destinations of China, People's Republic of (China) (9); Iran (4); and Turkey (5).",
        "2025-03-25",
        tmp_path,
    )
    assert [(j, a, sorted(t)) for j, a, t in _news(found)] == [("US", "add_export_restriction", ["CN", "IR", "TR"])]


def test_a_control_suspended_told_as_a_noun_is_an_easing(tmp_path: Path) -> None:
    found = _found(
        _padded(
            "On Tuesday, China's Ministry of Commerce announced the suspension of export control list measures "
            "against 12 U.S. entities."
        ),
        "2025-06-03",
        tmp_path,
    )
    assert _news(found) == [("CN", "ease_export_restriction", ("US",))]
    halt = _found(
        _padded("Argentina announced the suspension of beef exports for 30 days on Monday."), "2021-05-18", tmp_path
    )
    assert [a for _j, a, _t in _news(halt)] != ["ease_export_restriction"]


def test_a_state_written_after_its_own_對_or_대_is_aimed_at_never_the_actor(tmp_path: Path) -> None:
    """heldout22: "'對벨라루스도 수출 통제 조치' 전격 시행" made Belarus the actor ("도", also, reads as a subject's mark)."""
    found = _found(_padded("정부, '對미얀마도 수출 통제 조치' 전격 시행"), "2026-03-02", tmp_path)
    assert [(j, a) for j, a, _t in _news(found)] == [("KR", "add_export_restriction")], found
    assert all("MM" in t for _j, _a, t in _news(found))


def test_an_export_ban_lifted_in_one_word_and_a_rule_withdrawn_ease(tmp_path: Path) -> None:
    lifted = _found(_padded("インド政府は29日、マスクの輸出を解禁したと発表した。"), "2020-06-30", tmp_path)
    assert _news(lifted) == [("IN", "ease_export_restriction", ())]
    withdrawn = _found(
        _padded("米商務省は13日、前政権が導入した半導体の輸出ルールを取りやめると発表した。"), "2025-05-14", tmp_path
    )
    assert [(j, a) for j, a, _t in _news(withdrawn)] == [("US", "ease_export_restriction")]
    # one asked for is no act
    asked = _found(
        _padded("日本大使館は5日、インドネシアに対し石炭の輸出は解禁してほしいと要望した。"), "2022-01-06", tmp_path
    )
    assert not [m for m in _news(asked) if m[1] == "ease_export_restriction"]


def test_parties_put_on_a_blacklist_or_a_named_list_are_a_restriction(tmp_path: Path) -> None:
    found = _found(
        _padded("米商務省は、中国の半導体企業12社をブラックリストに掲載したと発表した。"), "2025-09-13", tmp_path
    )
    assert [(j, a) for j, a, _t in _news(found)] == [("US", "add_export_restriction")]
    # the parties described as on a list are no act
    described = _found(
        _padded("今回の対象は、すでに「対抗措置リスト」に掲載されている企業だ。"), "2025-03-05", tmp_path
    )
    assert not _news(described)


# ------------------------------------------------------------------ forty-first session: heldout23's misses, in other words


def test_the_state_moved_on_a_list_may_be_named_before_the_list(tmp_path: Path) -> None:
    """heldout23: "韓国を「ホワイト国」から除外する政令改正を閣議決定" named no actor; the state taken off, marked as
    the object before the list, says whose list it is (only Japan and Korea keep such lists here)."""
    found = _found(_padded("9月5日に日本を「ホワイト国」に戻す告示改正を決定した。"), "2025-09-06", tmp_path)
    assert _news(found) == [("KR", "add_to_preferred_list", ("JP",))], found
    korean = _found(_padded("일본 정부는 지난 3일 한국을 화이트국가에서 다시 제외했다."), "2025-09-06", tmp_path)
    assert _news(korean) == [("JP", "remove_from_preferred_list", ("KR",))], korean
    # the genitive state acts on the bare one after it
    owned = _found(_padded("한국의 일본 화이트리스트 재지정 결정, 3일부터 시행"), "2025-09-06", tmp_path)
    assert [(j, a, t) for j, a, t in _news(owned)] == [("KR", "add_to_preferred_list", ("JP",))], owned


def test_a_sanctions_round_counted_by_弾_and_the_eu_s_restrictive_measures(tmp_path: Path) -> None:
    found = _found(
        _padded("英国政府は3日、ロシアが隣国に対し侵攻を続けていることを受け、第7弾となる追加の制限的措置を採択した。"),
        "2025-11-04",
        tmp_path,
    )
    assert _news(found) == [("GB", "add_export_restriction", ("RU",))], found


def test_a_new_control_list_published_is_a_restriction(tmp_path: Path) -> None:
    found = _found(_padded("台湾経済部は6日、新たに「対イラン先端物品リスト」を発表した。"), "2025-05-07", tmp_path)
    assert _news(found) == [("TW", "add_export_restriction", ("IR",))], found


def test_the_state_a_war_is_waged_on_is_no_target(tmp_path: Path) -> None:
    found = _found(
        _padded("EUは10日、ロシアのウクライナへの侵攻に対し、新たな制裁措置を決定した。"), "2025-02-11", tmp_path
    )
    assert _news(found) == [("EU", "add_export_restriction", ("RU",))], found


def test_a_report_of_a_done_act_whose_verb_the_trigger_ends_inside(tmp_path: Path) -> None:
    """heldout23: "…수출 통제에 나섰다고 … 언론이 24일 보도했다": the trigger ends inside 나섰다고, the report is of a done act."""
    found = _found(
        _padded("싱가포르 당국이 미얀마에 대한 드론 부품 수출 통제에 나섰다고 현지 언론이 5일 보도했다."),
        "2025-04-05",
        tmp_path,
    )
    assert _news(found) == [("SG", "add_export_restriction", ("MM",))], found


def test_an_agentless_ban_made_under_a_state_s_own_law(tmp_path: Path) -> None:
    found = _found(
        _padded(
            "A prohibition was imposed on the export of all dual-use items to Belarus under Malaysia's Strategic "
            "Trade Act 2010, effective 1 April."
        ),
        "2025-04-02",
        tmp_path,
    )
    assert [(j, a, t) for j, a, t in _news(found)] == [("MY", "add_export_restriction", ("BY",))], found


def test_an_order_adopted_for_the_act_is_no_purpose_clause(tmp_path: Path) -> None:
    """heldout23: "…に韓国を再指定するための政令改正を閣議決定した" was read as a purpose ("ため"), no act."""
    decided = _found(
        _padded("政府は5日、輸出優遇の「グループA」に韓国を戻すための省令改正を閣議決定した。"), "2025-06-06", tmp_path
    )
    assert _news(decided) == [("JP", "add_to_preferred_list", ("KR",))], decided


def test_a_list_addition_that_counts_its_parties_before_the_verb(tmp_path: Path) -> None:
    found = _found(
        _padded("대만 경제부는 5일 외국 단체 명단에 러시아와 이란의 기업 등 20곳을 추가했다고 밝혔다."),
        "2025-03-06",
        tmp_path,
    )
    assert [(j, a, sorted(t)) for j, a, t in _news(found)] == [("TW", "add_export_restriction", ["IR", "RU"])], found
    # a list of sanctions on persons is no export control
    persons = _found(_padded("EU는 5일 제재 목록에 개인 10명과 법인 3곳을 추가했다."), "2025-03-06", tmp_path)
    assert not [m for m in _news(persons) if m[1] == "add_export_restriction"], persons


def test_the_status_a_move_starts_from_and_the_list_s_division_are_no_removal(tmp_path: Path) -> None:
    found = _found(
        _padded(
            "산업부는 5일 '가의2 지역'으로 규정한 일본을 '가 지역'으로 옮기는 고시 개정안을 행정예고했다. "
            "'가의1'과 '가의2'로 나눈 구분도 통합한다."
        ),
        "2025-03-06",
        tmp_path,
    )
    assert not [m for m in _news(found) if m[1] == "remove_from_preferred_list"], found


def test_what_a_field_of_export_control_publishes_is_no_restriction(tmp_path: Path) -> None:
    found = _found(
        _padded("Export Control Joint Unit publishes export control compliance code of practice"),
        "2025-03-04",
        tmp_path,
    )
    assert not _news(found)
    weight = _found(
        _padded("The new rules, adding further weight to the sanctions package that Iran faces, were debated today."),
        "2025-03-04",
        tmp_path,
    )
    assert not _news(weight)


def test_the_items_a_control_described_are_the_topic_not_the_act(tmp_path: Path) -> None:
    found = _found(
        _padded("経済産業相は8日、輸出管理を厳格化した工作機械の一部について、初めて輸出を許可したと発表した。"),
        "2025-08-09",
        tmp_path,
    )
    assert not _news(found)


def test_a_month_of_the_same_year_and_of_the_next(tmp_path: Path) -> None:
    """heldout23: "韓国は同年9月、…WTOに提訴" had no date, so an act of 2019 was told as this text's news."""
    found = _found(
        "中国は2021年7月にガリウムの輸出を規制した。これに対抗し米国は同年9月、中国企業をエンティティーリストに追加した。"
        "\n\n業界は動向を注視している。",
        "2025-03-04",
        tmp_path,
    )
    assert all(m["background"] for m in found if m["jurisdiction"] == "US"), found
    assert [m["announced"] for m in found if m["jurisdiction"] == "US"] == ["2021-09"], found


def test_an_act_told_as_what_came_after_it_is_recalled(tmp_path: Path) -> None:
    found = _found(
        _padded(
            "経産省は28日、インドを「グループA」に追加すると発表した。経産省はインドをグループAから除外した後も、"
            "安全保障上の問題がなければ輸出を許可していたため、影響は限定的とみられる。"
        ),
        "2025-03-29",
        tmp_path,
    )
    assert _news(found) == [("JP", "add_to_preferred_list", ("IN",))], found


# ------------------------------------------------------------------ forty-second session: heldout24's misses, in other words
# (made-up sentences; each test but the guards failed on the session's first commit 3766ec6)


def test_a_package_counted_by_its_round_is_adopted(tmp_path: Path) -> None:
    found = _found(_padded("EUは10日、ベラルーシに対する9回目の制裁措置を採択した。"), "2025-03-11", tmp_path)
    assert _news(found) == [("EU", "add_export_restriction", ("BY",))], found


def test_korea_s_second_group_needs_no_named_actor_and_a_gloss_keeps_the_subject(tmp_path: Path) -> None:
    found = _found(
        _padded(
            "韓国の産業通商資源部(部は日本の省に相当)は20日、改正した戦略物資輸出入告示を施行したと発表した。"
            "「カの2」に移されたのは日本だけだ。"
        ),
        "2025-03-21",
        tmp_path,
    )
    news = [m for m in found if not m["background"]]
    assert {(m["jurisdiction"], m["action"], tuple(m["targets"])) for m in news} == {
        ("KR", "remove_from_preferred_list", ("JP",))
    }, found
    assert {m["effective"] for m in news} == {"2025-03-20"}, found


def test_a_control_on_the_exports_set_in_place_and_still_to_come(tmp_path: Path) -> None:
    found = _found(
        _padded("英国政府は3日、人工知能チップの輸出に対する規制を導入することを発表した。"), "2025-03-04", tmp_path
    )
    assert _news(found) == [("GB", "add_export_restriction", ())], found
    assert [m["stage"] for m in found] == ["decided"], found


def test_names_written_with_the_old_character_for_state(tmp_path: Path) -> None:
    found = _found(_padded("EUは12日、中國とアラブ首長國連邦の企業を制裁リストに追加した。"), "2025-03-13", tmp_path)
    assert _news(found) == [("EU", "add_export_restriction", ("AE", "CN"))], found


def test_parties_of_states_counted_with_a_gloss_are_targets_and_circumvention_is_the_reason(tmp_path: Path) -> None:
    found = _found(
        _padded(
            "일본 정부는 10일 러시아에 대한 추가 제재를 발표했다. 러시아에 대한 제재 회피에 관여한 것으로 의심되는 "
            "튀르키예, 아랍에미리트(UAE), 카자흐스탄 등 3개국 단체 9곳에 대한 수출 금지도 결정했다."
        ),
        "2025-03-11",
        tmp_path,
    )
    assert ("JP", "add_export_restriction", ("AE", "KZ", "TR")) in _news(found), found


def test_controls_begun_and_goods_added_to_the_export_control_scope(tmp_path: Path) -> None:
    begun = _found(
        _padded("대만이 1일부터 고성능 공작기계 12개 품목에 대해 수출 규제에 돌입했다."), "2025-03-01", tmp_path
    )
    assert _news(begun) == [("TW", "add_export_restriction", ())], begun
    added = _found(
        _padded("싱가포르 정부는 드론 부품 7개 품목을 수출 관리 규제 대상에 추가했다."), "2025-03-01", tmp_path
    )
    assert _news(added) == [("SG", "add_export_restriction", ())], added


def test_a_rule_suspended_by_its_name_and_a_pause_of_controls_are_easings(tmp_path: Path) -> None:
    rule = _found(
        _padded("The Commerce Department said on Monday it will suspend its Foreign Direct Product Rule for allies."),
        "2025-03-04",
        tmp_path,
    )
    assert _news(rule) == [("US", "ease_export_restriction", ())], rule
    paused = _found(
        _padded("Beijing on Monday paused several recently announced graphite export controls."), "2025-03-04", tmp_path
    )
    assert _news(paused) == [("CN", "ease_export_restriction", ())], paused


def test_a_pause_as_a_noun_and_exports_suspended_under_a_rule_are_no_easing(tmp_path: Path) -> None:
    """Guards of the two easings above (each sentence names its actor, so a misreading would show)."""
    for text in (
        "The US Commerce Department will notify exporters when the 30-day pause is over and said no new licence "
        "requirements have been put in place.",
        "The Commerce Department said on Monday it will suspend companies that violate the new rule from contracts.",
        "The Commerce Department said on Monday it will suspend the rule that allowed Nvidia to sell chips to China.",
        "China said on Monday the paused export controls on rare earths would take effect again in November.",
    ):
        found = _found(_padded(text), "2025-03-04", tmp_path)
        assert not [m for m in _news(found) if m[1] == "ease_export_restriction"], (text, found)
    talks = _found(
        _padded(
            "The US on Monday hit pause on trade talks with China after Beijing tightened export controls on graphite."
        ),
        "2025-03-04",
        tmp_path,
    )
    assert _news(talks) == [("CN", "add_export_restriction", ())], talks
    adverb = _found(
        _padded("Beijing recently imposed export controls on graphite, the commerce ministry said on Friday."),
        "2025-03-04",
        tmp_path,
    )
    assert _news(adverb) == [("CN", "add_export_restriction", ())], adverb


def test_goods_that_need_no_permit_talks_begun_and_a_control_lifted_are_no_restriction(tmp_path: Path) -> None:
    """Guards of the list expansion, 돌입 and 수출 관리 규제 (an independent review of the change found each misread)."""
    none_needed = _found(
        _padded(
            "India's commerce ministry said on Monday the list of goods that need no export licence will be expanded."
        ),
        "2025-03-04",
        tmp_path,
    )
    assert not [m for m in _news(none_needed) if m[1] == "add_export_restriction"], none_needed
    for text in (
        "한국 정부는 1일 미국과 반도체 수출 통제 관련 협상에 돌입했다.",
        "산업통상자원부는 1일 수출 통제 위반 혐의에 대한 조사에 돌입했다.",
    ):
        found = _found(_padded(text), "2025-03-04", tmp_path)
        assert not _news(found), (text, found)
    lifted = _found(_padded("일본 정부는 24일 한국에 대한 수출 관리 규제 해제를 발표했다."), "2025-03-25", tmp_path)
    assert not [m for m in _news(lifted) if m[1] == "add_export_restriction"], lifted


def test_a_wto_step_is_never_aimed_at_a_state_acting_on_a_third(tmp_path: Path) -> None:
    found = _found(
        _padded(
            "EU는 3일 러시아에 대한 제18차 제재안을 채택했다. "
            "한국 정부는 같은 날 세계무역기구(WTO) 제소를 철회한다고 발표했다."
        ),
        "2025-03-04",
        tmp_path,
    )
    assert ("KR", "wto_complaint_withdrawn", ("EU",)) not in _news(found), found


def test_an_agentless_list_expansion_in_the_state_whose_customs_license_the_goods(tmp_path: Path) -> None:
    found = _found(
        "From 1 July, the list of dual-use goods brought in transit in Singapore that need an export permit will be "
        "expanded.\n\n"
        "Singapore Customs published the circular on 3 June. Traders said prices had risen.",
        "2025-06-10",
        tmp_path,
    )
    assert _news(found) == [("SG", "add_export_restriction", ())], found


def test_a_wto_withdrawal_is_over_the_one_other_acting_state(tmp_path: Path) -> None:
    found = _found(
        _padded(
            "日本政府は20日、韓国向け輸出管理の厳格化措置を解除すると発表した。"
            "韓国政府は同日、世界貿易機関(WTO)への提訴を取り下げると発表した。"
        ),
        "2025-03-21",
        tmp_path,
    )
    assert ("KR", "wto_complaint_withdrawn", ("JP",)) in _news(found), found
