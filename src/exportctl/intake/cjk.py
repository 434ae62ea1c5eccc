"""Reading measures out of Japanese and Korean text (METI and MOTIE releases, the Japanese and Korean press).

The English trigger grammar cannot be translated word for word: both languages put the verb last
(ホワイト国から除外した, 화이트리스트에서 제외했다), so the trigger is the list or item named *with*
its verb, the actor is the state marked as subject (は/が, 은/는/이/가) before it, targets are the
states marked as object or destination (を/に/向け, 을/를/에/대(對)), and what qualifies the act —
a plan, a report, a denial, a recollection — follows the verb rather than preceding it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from exportctl.intake.document import Document, sentences
from exportctl.intake.extract import (
    FORMAL,
    Candidate,
    DateResolver,
    Evidence,
    _matches,
    find_items,
    lead_sentences,
)
from exportctl.intake.gazetteer import states
from exportctl.law.regime import Regime

PREF = (
    r"(?:ホワイト国|ホワイトリスト|ホワイト・リスト|グループA|別表第?3|優遇(?:対象)?国|輸出優遇国"
    r"|백색\s?국가|화이트\s?(?:리스트|국가)|수출\s?우대\s?(?:국가?|지역)|전략물자 수출우대지역|우대국|(?<!허)가\s?지역)"
)
THREE = (
    r"(?:(?<![\d０-９])(?:3品目|３品目|3개\s?품목|3종|3대\s?품목)|三品目|フッ化水素|フッ化ポリイミド|レジスト|불화\s?수소"
    r"|포토\s?레지스트|폴리이미드|리지스트|반도체\s?소재\s?3)"
)
LIFT_VERBS = r"(?:緩和|解除|撤廃|簡素化|特別一般包括|元に戻|해제|완화|철회|풀|복원)"
REQUIRE_VERBS = r"(?:厳格化|個別(?:に)?(?:審査|許可)|規制|규제|건별\s?허가|허가를 받|강화)"
#: Licence easings named by their instrument (a validated end-user authorisation, a general licence).
LICENCE_EASING = re.compile(
    r"(?:VEU|검증된 최종 사용자|포괄(?:적)? 허가|包括許可)[^。.]{0,40}?(?:개정|허용|지정|유예|부여|付与|指定)"
    # "'개별 허가'에서 '특정포괄허가'로 바꾸겠다": from case-by-case to bulk licensing
    r"|(?:個別許可|개별\s?허가)\W{0,3}(?:から|에서)[^。.]{0,20}?(?:包括|포괄)"
    r"|包括許可の対象に(?:戻|復帰|再指定)"
    # bulk licensing allowed again ("포괄허가를 다시 허용", "包括許可を再び認め")
    r"|(?:포괄\s?허가|包括許可)(?:를|을|を)?\s?(?:다시|재차|再び|再度)?\s?(?:허용|부여|복원|認め|付与)"
)
#: A validated end-user or bulk authorisation withdrawn: licences case by case again.
LICENCE_REVOKED = re.compile(
    r"(?:VEU|검증된 최종\s?사용자|包括許可|포괄\s?허가)[^。.]{0,40}?(?:철회|취소|박탈|폐지|撤回|取り消|取消|廃止)"
    # case by case from now on ("개별허가로 전환", "건별 허가를 의무화", "個別許可に切り替え")
    r"|(?:개별|건별)\s?허가(?:로\s?전환|를\s?의무화)|個別許可(?:に切り替え|へ切り替え|に移行)"
)
#: The stop a Korean title ends on (a trigger below): read only in the text's first line; a subtitle's shorter
#: version of the lead's act ("굴착기·중대형 승용차·배터리 등 대러 수출 금지") would be a second, partial one.
#: An adverb of extent or time between the Korean exports and the stop ("수출을 전면 금지", "수출을 일시적으로 중단",
#: "수출 전면 금지를 발표"): the same act, told as whole, temporary or immediate.
KO_MANNER = r"(?:(?:전면|일시|잠정|한시|부분)(?:적으로)?\s?|즉시\s?|즉각\s?|당분간\s?)"
#: A start between the Korean exports and the stop ("수출을 다음달 1일부터 금지", "수출을 오는 25일부터 중단"): the
#: day the act runs from, read by the date resolver; the act is the same.
KO_FROM = (
    r"(?:(?:(?:(?:오는|다음\s?달|내달|내년|올해|이달|연말|올해\s?말)\s?)?(?:\d{4}\s?년\s?)?(?:\d{1,2}\s?월\s?(?:말\s?)?)?"
    r"(?:\d{1,2}\s?일\s?)?(?<=[\d일월년달말\s])(?:부터|까지)\s?){1,2}"
    # and a span ("6개월간", "1년 동안", "당분간")
    r"(?:\d+\s?(?:개월|년|주|일)\s?(?:간|동안)\s?)?|\d+\s?(?:개월|년|주|일)\s?(?:간|동안)\s?)"
)
TITLE_STOP = re.compile(r"수출\s?(?:\d+\s?(?:개월|년|주|일)\s?(?:간|동안)\s?)?(?:전면\s?)?(?:금지|중단|차단)$")
#: Lists that are no part of trade (EU 조세 비협조국 블랙리스트, 선수 블랙리스트, 文化人ブラックリスト): their entries are
#: no export-control listing.
NOT_TRADE_LIST = re.compile(
    r"(?:조세|세금|탈세|비협조|선수|연예인|문화\s?예술인?|정치인|언론인|税|租税|非協力|選手|芸能|文化人)[^\s]{0,6}\s?(?:블랙\s?)?(?:ブラック)?"
    r"(?:리스트|목록|명단|リスト|名簿)"
)
#: A quota on exports, named with its export word (never a bare 枠 or 할당, which count budgets and seats).
QUOTA = (
    r"(?:輸出(?:に|への)?(?:割当|割り当て|枠|数量枠)|수출(?:에\s?대한|에)?\s?(?:쿼터|쿼타|할당량?|할당제|물량\s?한도))"
)
CJK_TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    (
        "wto_complaint_withdrawn",
        re.compile(r"(?:提訴|紛争解決手続き?|紛争|제소|분쟁)[^。.]{0,25}?(?:撤回|取り下げ|取下げ|철회|취하)"),
    ),
    (
        "wto_complaint_filed",
        re.compile(
            r"(?:WTO|世界貿易機関|세계무역기구)[^。.]{0,30}?(?:提訴|申し立て|제소|제기)"
            r"|(?:パネル|패널)[)）]?\s?(?:の)?(?:設置|설치)[をを]?\s?(?:要請|요청)"
            r"|(?:WTO|세계무역기구|世界貿易機関)(?:\s?[(（]WTO[)）])?\s?(?:에|に|の)[^.。]{0,24}?(?:분쟁\s?해결\s?)?(?:협의|協議)(?:를|을|を)?\s?(?:요청|要請)"
            r"|제소(?:했|하기로|한다|키로)"
            # the formal resumption of a suspended dispute is a filing (guideline §7)
            r"|(?:紛争解決手続き?|분쟁\s?해결\s?절차|WTO\s?(?:提訴|제소))[^。.]{0,20}?(?:再開|재개)"
        ),
    ),
    ("require_individual_licence", LICENCE_REVOKED),
    ("lift_licence_requirement", LICENCE_EASING),
    (
        "lift_or_ease",
        re.compile(
            r"(?:厳格化|輸出規制|輸出禁止|輸出の(?:禁止|規制)|規制強化|(?<!社の)(?<!同社)輸出(?:許可|認可)(?:の)?(?:停止|凍結)|수출\s?(?:관리\s?)?(?:규제|금지|제한|통제)|규제\s?강화)\s?(?:措置|조치)?\s?(?:중\s?일부|の一部)?\s?"
            r"(?:の|を|를|을)?\s?"
            # an adverb of extent or time between ("輸出規制を一部解除", "輸出禁止を一時的に解除", "수출 규제를 일부 해제")
            r"(?:(?:一部|一時的に|全面的に|段階的に|部分的に|正式に|일부|일시적으로|전면|부분적으로|단계적으로|즉시|即時|即日)\s?)?"
            # a day between ("팜유 수출 금지를 오는 28일 해제", "輸出禁止を28日に解除")
            r"(?:(?:오는\s?)?(?:\d{1,2}\s?월\s?)?\d{1,2}\s?일(?:부터|자로)?\s?|(?:\d{1,2}月)?\d{1,2}日(?:に|付で|から)?)?"
            r"(?:緩和|解除|撤廃|해제|완화)"
            # the ban on the exports of a good undone ("穀粉の輸出に対する禁止を解除した", "수출에 대한 금지를 해제")
            r"|(?:輸出に対する|수출에\s?대한\s?)(?:禁止|規制|制限|금지|규제|제한)(?:措置|\s?조치)?(?:を|를|을)?\s?"
            r"(?:解除|撤廃|緩和|해제|완화)"
            # the restriction undone in plain words ("수출에 대한 제한을 풀었다", "수출 금지를 풀기로")
            r"|수출(?:에\s?대한)?\s?(?:규제|금지|제한|통제)(?:\s?조치)?(?:을|를)\s?(?:풀었|풀기로|푼다|풀어|풀겠)"
        ),
    ),
    ("three_items", re.compile(rf"{THREE}[^。]{{0,80}}?(?:{LIFT_VERBS}|{REQUIRE_VERBS})")),
    (
        "remove_from_preferred_list",
        re.compile(
            rf"{PREF}[^。.]{{0,30}}?(?:除外|削除|外し|外す|格下げ|제외|배제|삭제|하향|빼|뺐|빠지)"
            # (never the status a move starts from: "‘가의2 지역’으로 규정한 일본을 … ‘가 지역’으로 옮기는", nor the
            # division of the list: "‘가의1’과 ‘가의2’로 나눈 구분을 ‘가 지역’으로 통합")
            r"|가의\s?2(?:’|')?\s?(?:로|지역으로)(?!\s?(?:규정|분류|지정)(?:한|된|했던)\s[^.]{0,40}?(?:옮기|옮긴|복원|복귀|되돌|재지정|상향))"
            r"(?!\s?(?:나눈|나뉜|나누|구분한|구분된|세분))"
            r"|グループB(?:に|へ)(?:格下げ|変更)"
            # Korea's 2019 step as Japanese news tells it ("日本を…「カの2」に分類する…改正案を18日00時から施行した")
            r"|[「『]?カの\s?2[」』]?\s?(?:に|へ)\s?(?:分類|移|変更|格下げ)"
            r"|(?:新たな|新設の?|別の)区分に移|새로운 (?:지역|구분)으로 (?:옮|분류|변경)"
        ),
    ),
    (
        "add_to_preferred_list",
        re.compile(
            rf"{PREF}[^。.]{{0,30}}?(?:追加|再指定|復帰|戻|加え|포함|복원|복귀|재지정|추가|재편입|다시\s?(?:지정|포함))"
            rf"|(?:追加|再指定|復帰|재지정|복귀)[^。.]{{0,10}}?{PREF}"
            rf"|{PREF}[^。]{{0,60}}?(?:再指定|재지정)"
            # "「グループA」から除外した措置を取りやめ、対象国に再指定する": the list named once, for the removal undone
            r"|(?:対象国|대상국)(?:に|으로)\s?(?:再指定|재지정|戻|복귀)"
        ),
    ),
    # a quota on exports (輸出割当, 輸出枠, 수출 쿼터, 수출 할당량): raised or ended, more may be shipped (an easing);
    # set up or cut, less (a restriction)
    (
        "ease_export_restriction",
        re.compile(
            rf"{QUOTA}[^。.]{{0,30}}?(?:拡大|引き上げ|引上げ|増や|増加|増枠|拡充|撤廃|廃止"
            r"|늘리|늘린|늘렸|늘려|확대|상향|증가|증량|폐지|해제)"
        ),
    ),
    (
        "add_export_restriction",
        re.compile(
            rf"{QUOTA}[^。.]{{0,30}}?(?:導入|設定|設け|削減|縮小|引き下げ|引下げ|減ら|도입|설정|축소|줄이|줄인|줄였|하향|감축|시행)"
        ),
    ),
    (
        "ease_export_restriction",
        re.compile(
            r"(?:輸出|許可|規制|管理|수출|허가|통제|규제)[^。.]{0,30}?(?:免除|許可不要|適用除外|면제|유예)"
            # a control suspended, never the exports stopped ("수출하는 것을 … 중단시켰다" is a halt)
            r"|(?:規制|管理|措置|통제|규제|조치)[^。.]{0,30}?(?:一時停止|停止|중단)"
            r"|(?:リスト|목록)から[^。]{0,20}?除外"
            # technologies taken off a catalogue ("…「中国伝統建築技術」…が目録から削除された")
            r"|輸出(?:禁止|制限)[^。]{0,40}?目録から[^。]{0,12}?(?:削除|除外)"
            r"|(?:エンティティ\W?リスト|エンティティー\W?リスト|禁輸リスト|取引禁止リスト|規制リスト|ユーザーリスト|管理リスト"
            r"|輸出管理リスト|同リスト)[」』]?から[^。]{0,20}?(?:削除|外した|外す|外し)"
            # items taken off a control ("상황허가 대상 품목에서 … 의료기기를 제외하기로", "통제 대상에서 제외")
            # (never the bulk-licence list: "포괄허가 대상에서 제외하고 개별허가로" is a tightening)
            r"|(?<!VEU\)'\s)(?<!VEU\)’\s)(?<!VEU\)\s)(?<!VEU\s)(?<!허가\s)(?<!허가)(?:리스트|목록|명단|대상|품목)에서[^.]{0,40}?(?:제외|삭제)"
            # a licensing scheme abolished ("수출 허가제를 폐지"); never exports "allowed" (수출을 허용, 輸出を認める: most
            # often a licence granted, guideline §7) nor a general licence issued to one firm
            r"|(?:수출\s?)?(?:허가|승인)\s?제(?:를|을|가|도)?\s?(?:폐지|철폐|해제)|(?:輸出)?(?:許可|承認)制を?(?:廃止|撤廃)"
            # a licence no longer required ("輸出許可を要しない特例の追加", "輸出許可を不要とするため")
            r"|許可を?(?:要しない|不要と(?:する|し))"
            # exports banned before, resumed ("禁止していた日本などへの石炭の輸出を、条件付きで再開する", "팜유 수출 재개")
            r"|輸出を[、,]?\s?(?:[^。、]{0,8}?)再開|(?<![입])수출\s?(?:을|를)?\s?재개"
            # exports allowed again ("쌀의 수출을 다시 허용했다", "수출 재허용"): a ban undone, not a licence granted
            r"|(?<![입])수출(?:을|를)?\s?(?:다시\s?허용|재허용)|輸出を再び(?:認め|許可)"
            # a ban lifted in one word ("PPEの輸出を解禁した", "輸出解禁"), never one asked for ("輸出解禁を求める", "輸出は解禁してほしいと要望")
            r"|輸出(?:を|の)?[^。、]{0,8}?解禁(?![^。、]{0,8}?(?:求め|要望|要請|働きかけ|ほしい|よう)|に向け)"
            # a control withdrawn ("中東や友好国の制限撤回", "「AI拡散ルール」を取りやめる")
            r"|(?:規制|制限|ルール)[」』]?\s?(?:を|の)?\s?(?:撤回|取りやめ|取り止め)(?!を求め|を要求|を要請)"
        ),
    ),
    (
        "add_export_restriction",
        re.compile(
            r"(?:輸出(?:禁止|規制|管理|制限|統制)|注視リスト|外国ユーザーリスト|エンドユーザーリスト|リスト規制|キャッチオール規制"
            r"|規制対象|管理リスト|輸出禁止対象|二重用途品目|軍民両用|管理措置)[^。]{0,40}?"
            r"(?:加え|追加|強化|導入|拡充|拡大|施行|改正|採択|発動|見直し|禁止|決定|実施|公表|厳格化|強め)"
            r"|(?:輸出貿易管理令|外為法|外為令|外国為替令|輸出令|政令|省令|委任規則)[^。]{0,40}?(?:改正|採択)[^。]{0,30}?"
            r"(?:閣議決定|公布|施行|採択|決定|発表|公表)"
            # Korea's notice in Japanese, amended before it is named ("改訂した戦略物資輸出入告示を施行したと発表")
            r"|(?:改正|改訂)(?:した|された|後の)\s?(?:戦略物資)?輸出入告示を(?:施行|公布|告示|発表)"
            # (never an industry's own restraint: "輸出量を自主的に制限")
            # the control announced as such ("ガリウムの輸出規制を発表しました", "輸出規制に関する二つの公告を発表", "輸出管理を
            # 厳しくする措置を新たに行う"), never as what came before ("…を発表した後")
            r"|輸出(?:規制|禁止|制限)(?:措置)?を発表(?!した後|後|して以来|以降)"
            r"|輸出(?:規制|管理)に関する[^。、]{0,10}?(?:公告|告示)を(?:発表|公布|発出)(?!した後|後|して以来|以降)"
            r"|輸出管理を厳しく(?:する|した|し、)"
            # the exports as the object of a control set in place ("先進技術の輸出に対する規制を実施することを発表")
            r"|輸出に対(?:する|して)\s?(?:新たな|新しい|追加の|厳しい)?(?:規制|管理|制限|統制)(?:措置)?を\s?(?:実施|導入|強化|発動|設け)"
            r"|委任規則を採択|輸出(?:量|数量)?を(?:(?!自主)[^。、]){0,12}?(?:禁止|規制|制限|禁じ|止め|(?:一時)?(?:停止|中止|中断))(?!強化後|強化以降|後|以降|以来)"
            # a ban order issued ("輸出禁止令を出した"), exports made subject to a licence ("輸出を許可制にする", "…を輸出
            # 規制の対象にする", "輸出に許可を必要とする")
            r"|輸出(?:禁止|制限|停止)(?:令|命令)を(?:出|発令|発動)"
            r"|輸出を(?:許可|承認)制に(?:する|した|し|(?=\s*$))"
            # a ban kept on longer ("ガソリン輸出の禁止措置を年末まで延長", "輸出入の全面禁止措置を2年間延長")
            r"|輸出入?(?:の)?(?:全面)?(?:禁止|規制|制限|停止)(?:措置)?を[^。、]{0,12}?延長"
            # a licence made a duty ("輸出する際に許可の取得を義務付ける"), the licensed scope widened ("輸出許可が必要と
            # なる対象を広げる"), all trade with a state stopped ("イスラエルとの全ての輸出入を停止")
            r"|(?:輸出|出荷)[^。]{0,20}?(?:許可|承認|ライセンス)(?:の取得)?を義務(?:付け|づけ|化)"
            r"|(?:輸出)?許可が必要(?:と|に)?なる(?:対象|品目|範囲)を(?:広げ|拡大|追加)"
            r"|との[^。、]{0,8}?(?:輸出入|貿易|取引)を(?:全て|すべて|全面的に)?(?:停止|禁止|中止)"
            r"|(?:輸出規制|輸出管理|輸出禁止)の対象(?:に(?:する|した|し、|指定)|と(?:する|した)(?!品目|もの|貨物|技術|国)|とし、)"
            r"|輸出(?:に|には|の際に?)[^。、]{0,10}?(?:許可|承認|ライセンス)(?:を|が)必要と(?=する|した|なる|し)(?!する(?:品目|もの|対象|貨物))"
            # exports made subject to an authorisation scheme ("域外への輸出に対し、許可制度を導入する", "輸出承認制を導入"):
            # the scheme's own word next to the exports, never a permit for something else (就労許可制度, 飛行の許可制度)
            r"|輸出(?:に対し(?:て)?|について|には)?[、,]?\s?(?:事前の?)?(?:許可|承認)(?:制度|制)\s?を\s?(?:導入|設け|開始)"
            # new export licences no longer given ("輸出許可を新たに出すことを一時的に停止", "新規の輸出認可を凍結"); never
            # some licences ("約30の武器輸出許可を停止": a licence decision, guideline §2) nor one firm's (同社の)
            r"|輸出(?:許可|認可|承認)を新たに[^。、]{0,16}?(?:停止|凍結)(?!を解除|の解除|を撤回)"
            r"|新規(?:の)?輸出(?:許可|認可|承認)[^。、]{0,12}?(?:停止|凍結)(?!を解除|の解除|を撤回)"
            # the exports as subject of the passive ban ("ロシア向けの輸出が9日から禁止される")
            r"|輸出が[^。、]{0,12}?(?:禁止|規制|制限)され"
            # a package of sanctions decided ("追加の制裁措置を決めました", "追加制裁決定"), an entity list extended
            # ("エンティティ−リストに追加"), a control law enacted ("輸出管理法が成立")
            r"|追加(?:の)?制裁(?:措置)?\s?(?:を|の)?\s?(?:決め|決定|閣議了解|閣議決定|発動|導入|科|発表)"
            # a sanctions package adopted ("第5次制裁パッケージを承認", "新たな対露制裁を発動", "第10弾となる追加の制限的
            # 措置を採択": the EU's "restrictive measures" in Japanese, "16回目の制裁措置を採択")
            r"|(?:第\s?\d+\s?(?:次|弾)|\d+\s?回目|新たな|新しい)[^。、]{0,8}?(?:制裁|制限的措置)(?:パッケージ|措置)?\s?(?:を|の)?\s?"
            r"(?:承認|採択|決定|発動|導入|科)"
            # a new control list published ("新たに「対ロシア輸出ハイテク物品リスト」を発表"), never one told as old
            r"|新たに[^。、]{0,6}?[「『][^」』]{1,30}?(?:リスト|目録)[」』]\s?を\s?(?:発表|公表|公布|策定|制定)"
            # a licence now required ("H20の輸出にもライセンスが必要になった")
            r"|(?:輸出|出荷)[^。]{0,10}?(?:ライセンス|許可)が必要に(?:なった|なる)"
            # parties put on a control list, a blacklist or a list named by its kind ("中国企業をブラックリストに掲載", "…を
            # 新たに特定国・地域リストに追加"), never the parties described as on it ("「対抗措置リスト」に掲載されている企業"),
            # or on a list told as new ("今回リストには、…計27の企業が新たに追加された")
            r"|(?:エンティティ\W?リスト|エンティティー\W?リスト|禁輸リスト|取引禁止リスト|規制リスト|同リスト|ブラックリスト"
            r"|(?:地域|国|企業|管控|制裁|措置)\s?リスト)[」』]?\s?に[^。]{0,10}?(?:追加|加え|掲載|載せ)(?!され(?:てい|てき|た\d)|済)"
            r"|(?:リスト|目録)(?:に|には)[、,]?[^。]{0,60}?新たに(?:追加|加え|掲載)"
            r"|輸出管理法[」』]?\s?(?:が|を)?\s?(?:成立|施行|可決|制定)"
            # (never the listed parties described: "목록에 등재된 기업에 대해서는")
            r"|(?:리스트|목록|명단)(?:\s?\([^)]{0,30}\))?[’'”\"」』]?에\s?(?:[가-힣]{1,3}\s)?(?:올렸|올린|올리|포함시|추가|등재(?!된))"
            # the parties counted between on a list of parties of concern ("외국 단체 명단에 북한 로케트공업부 등 36곳을
            # 추가했다"), never a list of sanctions on persons ("제재 목록에 개인 17명과 법인 6곳을 추가")
            r"|(?:단체|기업|우려|통제|엔티티|유저|사용자|블랙|거래자)\s?(?:리스트|목록|명단)(?:\s?\([^)]{0,30}\))?[’'”\"」』]?에\s?[^.]{0,50}?(?:\d+\s?(?:곳|개사|개\s?기업|개\s?단체|개|명|개인)|등)"
            r"(?:을|를)\s?(?:추가|등재|올렸|올린|올리|포함시)"
            # (not the agency's name: 전략물자관리원, KOSTI; the controls may be named 수출 관리 규제: "수출 관리 규제 대상에 추가")
            r"|(?:전략물자(?!\s?관리원)|수출\s?통제|수출\s?(?:관리\s?)?규제|수출\s?제한|수출\s?금지|반출\s?금지|통제\s?대상|제재\s?대상|우려\s?거래자)[^.]{0,40}?"
            r"(?:추가\s?지정|추가|지정|강화|시행|확대|도입|적용|개정|내놓|발표|들어|실시|단행|늘리|늘린|늘렸|복원"
            # "수출규제를 시작했다", "수출제한 조치에 나섰다", "대중국 반도체 규제에 동참하기로 했다" (the actor adopts it)
            r"|시작|나섰|나선다|나서기로|동참하기로|동참했)"
            # the controls begun, as 돌입's own object ("대중국 수출 규제에 돌입했다", a title's "對中 수출규제 돌입"; never "수출 통제 관련 협상에 돌입", a
            # probe or talks begun)
            r"|수출\s?(?:관리\s?)?(?:규제|통제|제한)(?:\s?조치)?(?:에)?\s?돌입"
            # sanctions decided or imposed ("추가 제재를 발표"), a control law enacted ("수출관리법을 제정", "만들었다")
            r"|(?:추가\s?제재|대러\s?제재|제재\s?(?:조치|패키지)|\d+\s?(?:차|번째)\s?(?:[^\s.]{1,6}\s)?제재안?|제재안)[^.]{0,20}?"
            r"(?:발표|결정|시행|채택|부과|도입|단행|공개|확정|승인)"
            r"|수출\s?(?:관리|통제)\s?법[’'”\"]?\s?(?:을|를|이|가)?\s?(?:제정|통과|시행|만들)"
            r"|(?:수출입\s?고시|고시)\s?개정안[^.]{0,30}?(?:시행|행정\s?예고|공포)"
            # an adverb of extent or time may stand between ("수출을 전면 금지했다", "수출을 일시적으로 중단")
            rf"|수출(?:을|도)\s?{KO_FROM}?{KO_MANNER}?(?:금지|제한|규제|통제|중단|차단)(?!적)"
            # a licence required before exporting ("수출 전에 정부의 허가를 받아야 한다")
            r"|수출\s?(?:전에|전|前)\s?[^.]{0,16}?(?:허가|승인)(?:를|을)\s?(?:받아야|받도록)"
            # a ban order issued ("밀 수출 금지령을 내렸다"), a licensing scheme brought in ("갈륨 수출 허가제를 도입"),
            # a licence made a condition of the exports ("수출 시 허가를 받도록 했다")
            r"|수출\s?(?:금지|제한|중단)\s?(?:명령|령)(?:을|를)?\s?(?:내렸|내린|내리|발령|발동|시행)"
            r"|수출(?:에|에는|되는|\s?시|할\s?때|하려면)[^.]{0,40}?(?:허가|승인|면허)(?:를|을)\s?(?:받도록|취득하도록)"
            r"|수출(?:에|에는)?\s?(?:대해(?:서)?\s?)?[^.]{0,20}?(?:허가|승인)\s?제(?:를|을|가|도)?\s?(?:도입|시행|실시|적용)"
            r"|(?:수출\s?)?(?:허가|승인)(?:를|을)?\s?의무화(?!는|은)"
            # a ban kept on longer ("휘발유 수출 금지 조치를 연말까지 연장하기로")
            r"|수출\s?(?:금지|제한|통제|규제|중단)(?:\s?조치)?(?:를|을)\s?[^.]{0,16}?연장"
            r"|(?:와|과)의\s?(?:모든\s?)?(?:수출입|교역|무역)(?:을|를)?\s?(?:전면\s?)?(?:중단|금지|차단)"
            # the stop as a noun, decided ("대러시아 전략물자 수출 차단을 결정했습니다", "…에 대한 수출 금지도 결정")
            rf"|수출\s?{KO_MANNER}?(?:중단|차단|금지)(?:을|를|도)?\s?(?:결정|발표|시행|단행)"
            # a title that ends on the stop ("베트남, 희토류 원광 수출 전면 금지"): only as the text's first line
            # (TITLE_STOP), where no body sentence tells the act more fully
            rf"|{TITLE_STOP.pattern}"
            # a licence now required for the goods ("…을 수출할 경우 개별 허가절차를 거쳐야", "수출하려면 … 면허를
            # 취득해야", "허가가 필요한 품목을 확대")
            r"|(?:개별|사전)\s?(?:허가|승인)\s?(?:절차를|을|를)?\s?(?:거쳐야|받아야)"
            r"|수출하려면[^.]{0,40}?(?:허가|면허|승인)(?:를|을)?\s?(?:받아야|취득해야)"
            r"|(?:허가|승인)(?:가|이)?\s?필요한\s?(?:품목|물품|대상)(?:을|를)?\s?(?:확대|추가|늘리|늘린|늘렸)"
            # joining another state's controls is adopting them ("미국의 대 중국 반도체 규제에 동참하기로 했다")
            r"|(?:규제|통제|제재)에\s?동참(?:하기로|했|한다)"
            # exports banned in the passive from a day ("26일부터 …의 수출이 금지된다"), arms trade or shipments banned
            # ("무기 거래를 전면 금지했다"), an entry on an export-control blacklist ("수출통제 블랙리스트 등재"), sanctions
            # in force ("대러 제재안이 발효")
            r"|부터[^.]{0,30}?수출(?:이|은)\s?(?:전면\s?)?(?:금지|제한)(?:된다|됩니다)"
            r"|무기\s?(?:거래|수출|판매|운송|반출)(?:를|을)?\s?(?:전면\s?)?(?:금지|중단)(?:했|한다|하기로|키로|하겠다)"
            r"|(?:수출\s?통제|무역|거래\s?제한|수출\s?제한)\s?블랙\s?리스트(?:에)?\s?(?:[가-힣]{1,3}\s)?(?:등재|추가|올)"
            r"|(?:수출\s?통제|대러|대중|추가)\s?제재(?:안|\s?조치)?(?:이|가)\s?발효"
        ),
    ),
]
#: A state's government, ministry or agency written after its name ("韓国産業通商資源省", "米国商務省産業安全保障局(BIS)",
#: "미국 상무부 산업안보국", "중국 상무부", "네덜란드 정부"): the subject is the state, whichever body acts for it.
AGENCY = (
    r"(?:\s?(?:の(?=[^\s、。]{0,10}?(?:省|庁)))?(?![의の])"
    r"[\u3400-\u9fff\u30a0-\u30ff\uac00-\ud7af]{0,10}?"
    r"(?:政府|側|当局|省|庁|部|局|委員会|(?<![일내외전세])부|(?<![요신])청|(?<![대])처|(?:안보|관리|통제|무역)국|당국|정부|측|위원회)"
    r"(?:\s?[(（][A-Za-z]{2,8}[)）])?)"
)
#: After a body's name the Korean particle ends the word ("상무부는 ", never "백색국가": 국 + 가 is one noun).
#: A state's leader or minister named after it ("インドネシアのジョコ大統領は", "인도네시아의 조코 위도도 대통령은",
#: "中国の王文濤商務相は"): the state acts through its head of government or minister.
LEADER = (
    r"(?:の[\u3400-\u9fff\u30a0-\u30ff・]{0,12}?|의?\s(?:[\uac00-\ud7a3]{1,5}\s){0,3}?)"
    r"(?:大統領|首相|国家主席|主席|首脳|[\u3400-\u9fff]{1,5}相|長官|대통령|총리|주석|[\uac00-\ud7a3]{0,5}장관)"
)
LEADER_AT = re.compile(LEADER)
SUBJECT = re.compile(
    rf"[)）]?(?:{AGENCY}{{1,3}}\s?(?:は|が|も|では|(?:은|는|이|가|도|에서는)(?=[\s,.·\"'’”]|$))"
    # (a portfolio in brackets may follow the title: "ハルタルト調整相(経済)は")
    rf"|{LEADER}(?:[(（][^()（）]{{1,8}}[)）])?\s?(?:は|が|も|(?:은|는|이|가|도)(?=[\s,.·\"'’”]|$))"
    # (a gloss in brackets may follow any name: "韓国の産業通商資源部(部は省に当たる)は")
    r"|(?:[(（][^()（）]{1,12}[)）])?\s?(?:は|が|も|では|은|는|이|가|도|에서는))"
)
OBJECT = re.compile(r"(?:\s?(?:の\d*|\s))?(?:を|に|から|向け|への|に対する|을|를|에|에서|에 대한|으로|로|의\s?\d+)")
TARGET_BEFORE = re.compile(r"(?:対|對|대\(對\)|대)\s?$")
ENTITY_AFTER = re.compile(
    r"\s?(?:법인|공장|法人|工場|の\s?\d*\s?(?:[^\s、。,の]{1,8}の)?[^\s、。,の]{0,8}?(?<!新華)(?<!通信)(?<!新聞)(?<!商)"
    r"(?:企業|団体|社|機関|エンティティー?|事業体|(?:エンド)?ユーザー)(?!によると|によれば|の報道|が報じ|は報じ|が伝え|は伝え)"
    # (a news agency, a paper or a trading house that is only a source, "中国の国営通信の新華社によると", is no target);
    # "中国通信機器大手の華為技術": a state heading the industry of the company named next (大手, a major firm)
    r"|[^\s、。,のはがを]{1,8}大手の|[^\s、。,のはがを]{0,6}?(?:企業|団体)\d|の[^。、]{0,60}?(?:など|等)\s?\d+\s?(?:社|団体|企業|機関|事業体)|との[^。、]{0,8}?(?:輸出入|貿易|取引)"
    # (never the state a war is waged on: "ロシアのウクライナへの全面的な侵攻", "우크라이나에 대한 침공")
    r"|(?:両国|양국)?(?:向け|(?:に対する|への)(?![^。、]{0,8}?(?:侵攻|侵略|攻撃))|향(?=\s|의)"
    r"|に対し(?:て)?(?![^。]{0,12}?(?:抗議|反発|要求|求め|要請|懸念|侵攻|侵略|攻撃)))|など\d+カ国"
    r"|(?:\s[^\s.,]{1,12}){0,3}\s?(?:기업|업체|기관|단체|회사)|에 대한(?!\s?(?:[^\s.]{1,6}\s)?(?:침공|침략|공격))"
    r"|에 대해(?:서)?(?:도|는)?\s|을 상대로"
    r"|\s?등\s?(?:특정\s?)?(?:국가|나라)(?:에|를|을)|\s?등(?:을|를)\s?(?:대상으로|상대로)"
    # "네팔, 카메룬 … 등 7개국에 대해 … 수출을 허용": the states a measure names by count
    r"|\s?등\s?\d+\s?개\s?(?:국|나라)(?:에|을|를|으로)(?!\s?(?:이어|뒤이어|이어서))"
    # the partner of the arms trade banned ("이스라엘과의 모든 무기 거래")
    r"|(?:과|와)의\s?(?:모든\s?)?(?:무기\s?(?:거래|교역|무역|수출)|수출입|교역|무역))"
)
#: "中国など5カ国の団体" is a target, "対ロシア制裁の迂回" (circumventing the sanctions on Russia) is not.
CIRCUMVENTION_AFTER = re.compile(
    r"\s?(?:への|에 대한)?\s?制裁の?(?:迂回|回避|逃れ)|\s?(?:에 대한)?\s?제재\s?(?:우회|회피)"
    # the state the listed parties helped ("러시아군을 지원한 중국 … 기업", "ロシア軍を支援した"): the reason
    r"|(?:군|측)?(?:을|를)\s?(?:지원|도운|도와)|(?:軍|側)?を(?:支援|援助)"
)
#: "우리 정부의 대러시아 조치와 유사한 방식", "ロシアに対する措置と同様に": the state of the act compared with, not a target.
COMPARED_AFTER = re.compile(
    r"[^\s。.、,]{0,8}\s?(?:조치|제재|措置|制裁)?\s?(?:와|과|と)\s?(?:유사|같은|같이|동일|마찬가지|同様|同じ)"
)
#: "미국 주도의 대중국 반도체 장비 수출 통제에 동참하는": the controls another state leads, which the actor joins; the
#: states aimed at inside are the leader's targets, not the joiner's.
JOINED = re.compile(
    r"(?:주도|主導)(?:의|の|する|한)?\s?[^.。]{0,30}?(?:에\s?동참|に(?:参加|加わ|同調|合流))"
    # "일본이 미국의 대 중국 반도체 규제에 동참하기로 했다": the leader named as the controls' owner
    r"|(?<=[\uac00-\ud7a3])의\s[^.。]{0,30}?(?:규제|통제|제재)에\s?동참"
)
#: "러시아와 벨라루스 등 특정 국가에", "ロシア、ベラルーシ向け": a state coordinated with a target is one too.
COORDINATED = re.compile(r"\s?(?:와|과|및|、|・|·|ㆍ|‧|/|,|及び|と|や)\s?$")
#: A start set by day or month ("다음달 1일부터", "4월 1일부터", "오는 25일부터"): an act with its own start is decided,
#: whatever the mood it is told in.
DATED_START = re.compile(r"(?:\d{1,2}\s?[월일]|다음\s?달|내달)\s?부터")
#: After a Japanese or Korean verb: a report, a plan, an expectation, a consideration (no measure).
HEDGE_AFTER = re.compile(
    r"検討|見通し|可能性|かもしれ|と報じ|報道|とみられ|反対|^し?ていく|^し?ていきたい|呼びかけ|促し|促す|動きが(?:み|見)られ|見込み|求め|要請し|圧力|反発|抗議|意向|狙い"
    r"|전망|검토|가능성|보도|관측|촉구|요구|압박|의향|논의|할 것이라고|것으로 알려|조짐|コメント|批判|비판|항의"
    r"|を申請できる|ことができる|할 수 있|수 있도록"
    # heading towards an act, or posturing ("追加制裁を科す方向で調整に入った", "WTOに提訴する構えをみせている")
    r"|方向で|調整に入|構えを|構えだ|想定|방향으로\s?(?:조율|검토|가닥)|채비"
    # a reaction to the act, or wariness of it ("…결정에 대해 강력한 불만을 표시", "통제품목 확대는 경계"): no act told
    r"|불만|유감|반발|우려|不満|遺憾|懸念|(?:는|은|을|를)\s?경계"
    # "추후 공개될 예정": an act still to be made public or decided is not yet one; "잠정 합의": nearly final, not adopted
    r"|^(?:될|할)\s?예정|^する予定|(?:공개|발표|제안|결정|논의|확정)(?:될|할)\s?예정|(?:公表|発表|決定)する予定"
    r"|잠정\s?합의|暫定(?:的に)?合意|정치적\s?합의|政治(?:的)?合意|임박|目前|間近"
    # "업데이트가 있을 것으로 보고 있다": what someone expects
    r"|것으로\s?(?:보고|보인|보이|봤|예상|예측|점쳐)"
    r"|요청에|要請に|법안|法案|^\s?소식|^\s?の(?:報|ニュース)"
    # what someone thinks should or could be done ("금지해야 한다는 목소리", "할 수도 있다", "出すとの見方", "案を示した",
    # "厳しくした方がよい", "받도록 당부")
    r"|야\s?한다|수도\s?있|との見方|見方が|案を(?:示|まとめ|提示|固め)|方がよい|べきだ|당부"
    r"|겠다고\s?(?:밝혔|말했|언급|했)|다는 소식|는 소식|との報|との一部(?:の)?報|計画|^\w{0,3}려\s?(?:하|고|는)|ようと(?:して|する)"  # "수출을 제한한다는 소식에": the news of it, not the act; "強化計画": a plan  # "リストからの除外を申請できる": what a rule allows, not an act
)
#: A sentence whose own verb is a plan, a consideration or an outlook ("…범위 확대를 동시다발적으로 추진", "…を検討している",
#: "…할 방침이다"): the acts listed before it are what is pursued, not done.
HEDGE_END = re.compile(
    # "…조치에 나섰다는 분석이다": a commentator's reading of what an act means, not the report of the act
    r"(?:다는|라는|란|는)\s?(?:분석|관측|해석|평가)(?:이다|입니다|이 나온다|이 나왔다|된다|됩니다)[.]?\s*$|"
    # "…수출 재개를 결정한 것으로 해석됩니다": a reading of what was decided, not its report
    r"것으로\s?(?:해석|분석|관측|풀이)(?:된다|됩니다|되고 있다|되고 있습니다)[.]?\s*$|"
    # "…해제할 듯", "…결정될 듯": a headline's guess, not the act
    r"(?:할|될|한|된)\s?듯(?:하다|합니다)?[.]?\s*$|"
    r"(?:추진|검토|논의|전망|계획|방침|検討|見通し|方針|計画|議論)(?:하고 있다|하고 있습니다|할 예정이다|중이다|이다|입니다|했다|하기로 했다|している|する|だ|です)?[。.]?\s*$"
)
#: "…輸出規制を導入する予定である", "…도입할 예정이다": scheduled, which is a plan unless the act is adopted (a rule
#: decided, promulgated or taking effect on a day: "28일부터 시행할 예정이다" is decided).
SCHEDULED_END = re.compile(r"(?:予定|예정)(?:である|だ|です|이다|입니다)?[。.]?\s*$")
ADOPTED = re.compile(
    r"施行|発効|公布|閣議決定|決定|改正|시행|발효|공포|의결|결정|개정|고시|\d\s?(?:日|일)\s?(?:から|より|부터)"
)
#: Inside the act's own words: agreed only provisionally or politically, imminent, or a draft to come soon
#: ("제재안에 잠정 합의했다고 발표", "省令改正案を近く公表").
NOT_YET = re.compile(
    r"잠정\s?합의|暫定(?:的に)?合意|정치적\s?합의|政治(?:的)?合意|임박|(?:案|안)を?\s?(?:近く|近日中に?|조만간)"
)
#: The verb's object is a meeting, not a control ("수출통제 관련 소통을 위해 '…수출통제 대화'를 실시한다"): talks.
TALK_OBJECT = re.compile(
    r"(?:대화|협의|회의|협상|설명회|간담회|세미나|포럼|対話|協議|会議|会合|説明会)\W{0,3}(?:를|을|を)?\s?\S{0,3}$"
)
#: The act as the subject of talks ("精鉱輸出を禁止する規制に係る協議が…行われた", "수출 제한에 관한 협의"): no act told.
TALK_AFTER = re.compile(
    r"^(?:する|した|하는|한)?\s?(?:規制|措置|조치|규제)?\s?(?:に係る|に関する|をめぐる|について(?:の)?|에\s?관한|을\s?둘러싼|를\s?둘러싼)\s?"
    r"(?:協議|会議|会合|対話|議論|説明会|협의|회의|논의|대화|협상)"
)
#: "수출을 규제하는 3품목은", "輸出を規制する品目は", "백색국가로 지정한 나라는": the control describes the topic (items, a
#: regime, the states listed so far), tells no act.
ATTRIBUTIVE_TOPIC = re.compile(
    r"^(?:하는|되는|한|된|する|される|した|された)\s?(?!것|の)[^\s。.、,]{1,10}?(?:은|는|は)(?=\s|、)"  # not "…완화한 것은 이번이 처음"
    # "韓国への輸出管理を厳格化した半導体材料3品目の一部について、…初めて…輸出を許可した": what the sentence tells of them
    r"|^(?:した|された)(?!もの|こと|の)[^\s。.、,]{1,14}?(?:について|に関して)[、,]"
)
#: The same inside a trigger's gap ("백색국가로 지정한 나라는 미국과 영국 등을 포함"): the verb is another clause's.
INNER_TOPIC = re.compile(r"(?:하는|되는|한|된)\s(?!것)[\uac00-\ud7a3]{1,6}(?:은|는)\s")
#: A plan or consideration qualifying the act named after it ("日本が計画する輸出規制", "검토 중인 수출 통제").
HEDGE_BEFORE = re.compile(
    r"(?:計画する|計画中の|予定する|検討する|検討中の|検討している|검토\s?중인|추진\s?중인|계획\s?중인|예정인)\s?$"
)
INTENT_AFTER = re.compile(r"方針|계획|방침")
#: A government's policy told as announced on a day ("21日、…禁止する方針を発表した", "방침을 발표했다"): the act as
#: announced (heldout16 decision 138; the 2019 Korean step "…分類する方針を発表した"), not a plan waiting for procedure.
#: Never "方針を固めた" (a policy settled, told by sources) or "方針だ" (a plan).
POLICY_ANNOUNCED = re.compile(
    r"^[^、,。]{0,6}?(?:方針|방침)(?:を|을)?\s?(?:発表|公表|발표)(?:した|しました|했다|했습니다)"
)
#: "もし", "만약": a clause opened as a supposition ("もし中国が輸出規制を強めて…減らすようであれば").
CONDITIONAL_BEFORE = re.compile(
    r"(?:^|[、,。「“]\s?|\s)(?:もし(?!も)|仮に|만약(?!의)|만일(?!의))"
    # "…우려가 있다고 판단할 경우 개별 허가를 받아야": the act as what follows a condition
    r"|(?:할|될|하는|되는|한|된)\s?경우(?:에는|에도)?\s"
    # "国内需要が満たされれば、もちろん私は輸出禁止措置を解除する": the act on a condition told before it
    # (never a connective: "総合すれば、", "まとめれば、", "言い換えれば、", "裏を返せば、", "比べれば、"; nor a condition that is
    # part of the measure: "許可を取得しなければ、…輸出できない")
    r"|(?<!によ)(?<!に依)(?<!総合す)(?<!まとめ)(?<!換え)(?<!換言す)(?<!要約す)(?<!返)(?<!比べ)(?<!なけ)"
    r"(?:れ|せ|け|て|め|げ|べ)ば[、,]|(?:し|なっ)たら[、,]"
)
#: Between a condition and the act: a precaution or purpose ("…할 경우에 대비해", "…경우 등을 막기 위해", "場合に備えて"), so
#: the act is done against the case, not on condition of it.
PRECAUTION = re.compile(r"備え|대비|막기|防ぐ|防止|우려해|懸念し|ため|위해|위한")
#: "제외되면", "除外されると": the act as a condition, not as done.
CONDITIONAL_AFTER = re.compile(
    r"^[^。.,、]{0,6}(?:되면|하면|하게 되면|すれば|されると|すると(?!\s?(?:発表|決定|表明|明らか|正式|発言|述べ|伝え|公告|公表|告示|通知|通達|閣議決定|の(?:方針|決定)|ともに|同時に))"
    r"|になれば|になると|場合|(?:せば|れば|けば|たら)(?=[、,\s])"
    # "グループAに戻ると、…": a verb's plain form with と and a comma is "if/when"
    r"|[るうくつぬむぶぐ]と[、,])"
)
#: A report of a completed act ("시행에 들어갔다고 NHK가 보도했다", "施行したと報じた") is a report of a fact;
#: only a report of what would or might happen is a rumour.
REPORTED_DONE = re.compile(
    # (and the act in the present: "밀가루 수출도 규제한다고 … 외신이 보도했다"; a rumour is "규제할 것이라고")
    r"(?:었|았|였|했|됐|갔|왔|섰|켰|렸)다고|(?<!할 것이라)(?:한|된|린|킨)다고|(?:した|された|なった)(?:と|ことを)"
)
REPORT_WORD = re.compile(r"보도|報道|と報じ")
#: A report or unnamed sources carry the sentence (official sources such as 산업부에 따르면 do not).
SOURCE_RUMOUR = re.compile(
    r"(?:보도|소식통|외신|관계자)에 따르면|(?:報道|関係者|消息筋)によると|(?:다|라|냐)고 한다|と報じ"
    # a headline's source after "=" ("ロシア、ガソリン輸出規制を強化へ=関係筋")
    r"|[=＝]\s?(?:複数の)?(?:関係筋|消息筋|情報筋|業界筋|関係者|当局者)\s*$"
)
#: The act as the purpose of another ("輸出管理を強化し制度を改善するため", "강화하기 위해"): not an act itself.
PURPOSE_AFTER = re.compile(
    r"^[^。.]{0,10}?(?:ため|위해|위한|目的|목적)|^[^。.]{0,4}?(?:함으로써|으로써|することで|することにより)"
)
#: A sentence that states the purpose of an act ("今回の修正は…を目的としている").
PURPOSE_SENTENCE = re.compile(r"(?:を目的と(?:している|する)|目的だ|목적으로 한다|목적이다)[。.]?\s*$")
#: A sentence whose verb is a hope or expectation ("… 규제 철회' 등을 기대한 바 있다", "…を期待している"): no act.
HOPE_END = re.compile(r"(?:기대|期待|희망|希望)(?:한|했|하|된|し|され|을|を)[^。.]{0,12}[。.]?\s*$")
#: A definition ("VEU는 … 포괄적 허가 방식이다", "…とは…制度だ"): says what an instrument is, reports no act.
DEFINITION_END = re.compile(
    r"(?:방식|제도|개념|의미|규칙|규정)(?:다|이다|입니다)[.。]?\s*$|(?:制度|仕組み|方式|もの)(?:だ|である|です)[。.]?\s*$"
    # "…목록을 말한다", "…국가를 가리킨다", "…を指す", "…のことをいう": what a word means
    r"|(?:을|를)\s?(?:말한다|뜻한다|가리킨다|의미한다|말합니다|뜻합니다|가리킵니다)[.。]?\s*$|(?:を指す|のことを?いう|をいう)[。.]?\s*$"
)
#: "…に韓国を再指定するための政令改正を閣議決定した", "…위한 시행령 개정안을 의결했다": the order that makes the act, adopted;
#: the act is decided, not a purpose.
ORDER_ADOPTED_AFTER = re.compile(
    r"^[^。.]{0,12}?(?:ため|위한)[^。.]{0,6}(?:(?:政令|省令|告示)?改正|(?:시행령|고시)\s?개정안?)\s?(?:を|을|를)\s?"
    r"(?:閣議決定|公布|決定|의결|공포|확정)"
)
#: "日本をホワイト国に戻すための手続きに着手した": the purpose of a formal procedure is the act proposed.
PROCEDURE_AFTER = re.compile(
    r"^[^。.]{0,12}?(?:ため|위해|위한)[^。.]{0,6}(?:手続き|절차|改正案|개정안|意見公募|행정\s?예고)"
)
#: A sentence that ends on a completed act ("…除外した。", "…철회했다.").
DONE_END = re.compile(r"(?:した|された|했다|됐다|었다|았다|였다)[。.]?\s*$")
#: A sentence told in the past, plain or polite ("…除外しました。", "…조치를 내렸습니다."): after a lead that reports no
#: news, an undated act told so explains it (``Candidate.past_tense``, as "removed" in English).
#: Not "…하기로 했다", "…ことにした" (decided to: the act is still to come).
PAST_SENTENCE = re.compile(
    r"(?<!기로 )(?<!기로)(?<!ことに)(?:した|された|ました|했다|됐다|었다|았다|였다|었습니다|았습니다|였습니다|했습니다|됐습니다)[。.]?\s*$"
)
THIS_TIME = re.compile(r"이번|今回|今度")
REPORTED_SPEECH_END = re.compile(r"(?:다|라|며)고\s?[\uac00-\ud7a3]{1,4}(?:다|습니다)[.。]?\s*$")
KO_PAST_END = re.compile(r"(?<!기로 )(?<!기로)([\uac00-\ud7a3])(?:다|습니다)[.。”\"']?\s*$")


def _past_sentence(sent: str) -> bool:
    """A sentence told in the past: the endings of ``PAST_SENTENCE``, or any Korean verb whose last syllable before
    다/습니다 carries the past marker ㅆ ("내렸습니다", "줬다")."""
    if PAST_SENTENCE.search(sent):
        return True
    if REPORTED_SPEECH_END.search(sent):
        return False  # "…금지하고, …심사하겠다고 밝혔습니다": the saying is past, not the act
    m = KO_PAST_END.search(sent)
    return m is not None and (ord(m.group(1)) - 0xAC00) % 28 == 20  # final consonant ㅆ


#: The act named as a noun that the sentence is about ("the curbs, over which Korea filed"), not done in it.
NOUN_REF_AFTER = re.compile(
    r"^[^。.]{0,10}(?:조치(?:에 대해|와 관련|에 대한|를 둘러싼)|(?<=^)(?:와|과)\s?관련(?:해|하여|된)|措置(?:を受けて|をめぐ|に対し|について)|をめぐ|を巡|을 둘러싼|에 대해 제기|결정에 대(?:해|한)|決定に対|(?<=^)(?:について|に関して|に関する)"
    r"|ことについて|ことに対し|ことを受け|것에 대해|데 대해|한 데 대한|것을 (?:두고|놓고)|것과 관련"
    r"|했을\s?때|됐을\s?때|ことで|ことにより|\s?시점|\s?の?時期|した措置を(?:取りやめ|撤回|解除)|한 조치를 (?:철회|해제)|との質問|という質問|는 질문|ことへの|것에 대한|한 데 이어|한 뒤|한 후|한 이후|했음에도|음에도|にもかかわらず|에 따른|に伴う|에 따라|함에 따라)"
)
#: A date in the Japanese era (令和7年, 平成31年), which only Japanese official writing uses for its own acts.
JAPANESE_ERA = re.compile(r"(?:令和|平成)\s?(?:\d{1,2}|元)\s?年")
#: An amendment named as the ground of what the sentence then reports done ("…개정에 따라 한국은 … 추가했다").
VEHICLE_THEN_ACT = re.compile(
    r"^\s?(?:에 따라|에 의해|により|に基づき)[^.。]{4,}?(?:했다|됐다|였다|した|された)[.。]?\s*$"
)
#: "…を公表したとの質問に", "…했다는 질문에": the acts are what a spokesperson was asked about (a reaction follows).
QUESTION_ABOUT = re.compile(r"(?:との|という)質問|(?:냐는|다는|한다는)\s?질문")
#: "미국이 … 추가하자 정부는 … 밝혔다": the act as the occasion of what follows; when a text opens on it, the reaction is
#: the news (``settle_background``).
WHEN_CLAUSE = re.compile(r"^(?:하|되|했|됐)?자\s")
#: "…한 것에 대한 공지", "…ことについての告示": a notice of the act, which reports it.
NOTICE_OF = re.compile(
    r"^[^。.]{0,10}?(?:것에 대한|ことについての|に関する)\s?(?:공지|공고|발표|고시|告示|公告|発表|通知)"
)
#: The verb of a list change in the passive ("除外されます", "제외됐다"): its subject is the state changed.
PASSIVE_AFTER = re.compile(r"^[^。、,.]{0,3}?(?:され|되었|되어|됐|된다|될|되는|됩니다)")
#: The act's verb telling a standing state of affairs ("…지정해 관리하고 있다", "…수출을 통제하고 있다”며"): what a state
#: keeps doing, not the act this text reports (in Japanese only the act's own verb ending the sentence: "…と発表して
#: いる" reports a fresh act).
ONGOING_AFTER = re.compile(
    r"^[^。.,、]{0,12}?(?:하고|되고|해 오고|해오고)\s?있(?:다|습니다|으며|다[”\"]?며|다고)"
    r"|^(?:・[^。、,]{1,4}?)?(?:し|され)(?:ている|ています|ておる|てきた|てきている)(?:[。.]|$)"  # "…輸出を禁止・制限しています。"
    # "輸出を禁止して3週間になるパーム油", "수출을 금지한 지 3주": how long a ban has stood, so it is not this text's act
    r"|^(?:し|され)て(?:から)?\s?(?:\d+|[一二三四五六七八九十]+)\s?(?:週間|カ月|か月|ヶ月|ケ月|日|年)(?:に|が|余り|近く|以上)"
    r"|^(?:한|된)\s?지\s?(?:\d+|[한두세네]|약)\s?"
    # "輸出管理を強化したのに続くもので", "수출규제를 강화한 데 이어": the earlier act this one follows
    r"|^(?:し|され)た(?:の)?に続(?:く|き|いて)|^(?:한|된|했던)\s?(?:데|것에)\s?(?:이어|뒤이어)(?!서)"
)
#: A sentence that ends in the past perfect or "was at the stage of" ("…協議中の段階だった", "…提訴していた").
PAST_END = re.compile(r"(?:ていた|でいた|段階だった|ところだった|했었다|였었다)[。.]?\s*$")
RELATED_LINK = re.compile(r"^\W*(?:【関連記事】|関連記事|관련\s?기사|\[관련기사\])")
#: "한국을 화이트리스트에서 제외한 지 약 4년 만에": the act counted from is recalled (the news is what ends it).
SINCE_AFTER = re.compile(
    r"^[^。.]{0,4}\s?지\s?(?:[^\s.]{1,4}\s){0,3}?(?:약\s?)?\d+\s?년|^[^。.]{0,6}(?:てから|して以来)"
    # "韓国をグループAから除外した後も…輸出を許可していた": what followed the act, told after it
    r"|^[^。.]{0,3}(?:した|された)後(?:も|に|は|で)"
)
YEAR = re.compile(r"((?:19|20)\d\d)\s*[年년](?!\s*\d{1,2}\s*[月월])|(?<!\d)(\d\d)年(?=\s*\d{1,2}月)")
#: A negation inside a long trigger ("수출 제한 계획 없다고 발표": no plan to restrict, announced; "規制対象として名指し
#: はしていない"), never a licence not required ("輸出許可を要しない特例").
NEGATED_INSIDE = re.compile(r"없다|없는|없을|않(?:는|겠|기로|았|을)|ていない")
#: ("…を禁止する代わりに", "금지하는 대신": instead of the act; never "解除したが,代わりに…導入", a new clause after the act)
NEGATION_AFTER = re.compile(r"^[^。.]{0,6}(?:ない|ず|않|없|아니|못)|^[^。.,、]{0,4}(?:대신|代わりに)")
#: Past words that describe a state of things ("禁止していた", "금지했던", "제한해왔"), not when an act was done: before an
#: undoing they tell the restriction undone.
ASPECT_OF_UNDONE = frozenset({"ていた", "했던", "해왔", "했었"})
#: A recollection: "had excluded", "since", "after receiving", "last year", "recently designated".
PAST_CJK = re.compile(
    r"(?<!令和)(?<!平成)元年|以前|かつて|当時|以来|ていた(?!\s?(?:通り|とおり))|した経緯|を受けて|(?<!侵攻を)(?<!侵略を)(?<!ていることを)受け、|に続き|経緯がある|그간|당시|이후|했던(?!\s?대로)|한 바 있|해왔|지난해|작년|앞서|최근|바 있다"
    # 단행한 as an attribute ("단행한 조치"), not 단행한다; 이미 as a word, not inside 폴리이미드; a response to a war
    # ("침공에 대응해", "侵攻を受け、") or to what goes on ("…を続けていることを受け、") is no recollection of an earlier act
    # (the lookbehinds guard 「受け、」 only: 「侵攻を受けて」 still reads as a recollection, a change left to be measured)
    # "지난 9일 발표한 '희토류 수출통제 역외 적용' 등": an act dated days ago named as an attribute of what follows
    r"|지난\s?\d{1,2}\s?일\s?[^.]{0,20}?(?:발표|시행|도입|부과|단행|확대|강화)한\s"
    r"|했었|단행한(?!다)|시작했다|(?<!\d)\d{1,2}\s?(?:년|年)\s?전(?!\s?\d)|(?<!\d)\d{1,2}年前|(?<!\d)\d{1,2}\s?(?:カ月|か月|ヶ月|ケ月|週間)前(?:には|に[、,])|지난달|先月|昨年|去年|一昨年|(?<![\uac00-\ud7af])이미|既に|이에 대응"
    r"|(?<!침공에 )(?<!침공에)(?<!전쟁에 )(?<!전쟁에)대응해|맞대응|対抗して|対抗措置として"
)
#: A clause ending in a connective ("…해왔지만,", "…한 뒤", "…したが、"): what comes after is another clause.
CLAUSE_END = re.compile(r"(?:지만|는데|으나|했고|하고|한 뒤|한 후|한 다음|したが|だが|けれど|ものの)[,、\s]|^が[,、\s]")
EFFECT_AFTER = re.compile(
    r"\s?(?:(?:午前|午後)\s?\d{1,2}\s?時\s?|夕方|朝|夜|正午|오전|오후)?\s?(?:から|より|に|까지)?\s?중?\s?"
    r"(?:施行|適用|発効|시행|적용|발효|부터|부로|付で)"
)
#: "7月4日から個別に輸出許可を求める", "8月1日から輸出規制を実施": a start date, then the act applying.
FROM_START = re.compile(
    r"\s?(?:(?:午前|午後)\s?\d{1,2}\s?時\s?|(?:오전|오후)\s?\d{1,2}\s?시\s?|夕方|朝|夜|正午|午前|午後)?\s?"
    r"(?:から|より|부터)(?!前|後|以前|以後|전|후)(?!\s?(?:記者)?会見|\s?(?:기자회견|브리핑|회의|会議))[^。.]{0,40}?"
    r"(?:施行|適用|発効|実施|求め|導入|規制|禁止|開始|必要|義務|시행|적용|발효|실시|도입|금지|개시|통제|허가|의무)"
)
#: A day an act runs until ("2026年11月27日まで有効となる", "내년 9월 30일까지 금지"): its end.
UNTIL_AFTER = re.compile(r"\s?(?:まで|迄|까지)")
EFFECT_BEFORE = re.compile(r"(?:施行は|施行日|適用日|시행일은?|발효일은?)\s?$")
IMMEDIATE = re.compile(
    r"告示日より(?:正式に)?施行|即日(?:施行|実施|発効|適用)|公布日(?:から|より)施行|공포한 날부터|즉시\s?(?:시행|발효|적용)"
    # "…を公布し、同日付で施行しました", "발표 당일부터 시행": the day the act was told
    r"|同日(?:付で|から|より)\s?(?:施行|実施|発効|適用)|당일부터\s?(?:시행|발효|적용)"
    # "…の米国への輸出を同日から禁止すると発表した": the act applies from the day it was told
    r"|同日(?:から|より)[^。]{0,30}?(?:禁止|規制|制限|停止|解除)"
    # "小麦輸出を即時禁止", "수출을 즉시 중단": at once, whatever the verb
    r"|(?:即時|即日)(?:に)?(?:禁止|停止|中止|施行|実施|発効|適用|実行)|즉시\s?(?:금지|중단)"
)
#: "この公告は発表と同時に発効する", "발표와 동시에 시행": in force on the day the act was told, which is not the day of
#: publication (a report the next morning): dated only by the act's own announcement.
AS_TOLD = re.compile(
    r"(?:発表|公布|公告|告示|公表)と同時に(?:発効|施行|適用|実施)|(?:발표|공포|고시)와\s?동시에\s?(?:시행|발효|적용)"
)
TODAY = re.compile(r"本日|今日|오늘|이날")
#: (an act told as a thing to do before the report, "規制を実施することを発表": still to come; "禁止すると発表" stays a
#: report of the act, which labels date from its day)
DECIDED = re.compile(r"閣議決定|決定|公布|採択|결정|공포|의결|발표|改正した|することを\s?(?:発表|表明)")
IN_FORCE = re.compile(r"施行された|施行され|適用となった|시행에 들어|시행됐|시행된다|발효됐|해제했|철회했|제외했")


#: The word that names a state as a target ("対象", "대상"), never as excluded ("対象外", "대상에서 제외").
TARGET_WORD = r"(?:対象(?!外)|대상(?!에서|\s?제외))"
#: "ベラルーシも対象", "벨라루스도 대상": a state named as also a target (``TARGET_WORD``), in a headline's last words.
ALSO_TARGET = re.compile(rf"\s?(?:も|도)\s?{TARGET_WORD}")


#: The end of a Japanese subordinate clause of time or cause ("…してから", "…を受け、", "…に伴い"): a subject inside it
#: is the clause's own.
SUBORDINATE_END = re.compile(
    r"(?:て|で)から(?!の)|て以来|ので[、,]|ため[、,]|を受け[、,て]|の受け[、,]|に伴い|に伴って|ことから[、,]"
)
#: A state told as waging a war ("ロシアがウクライナに対し侵略戦争を開始", "ロシアのウクライナへの侵攻", "러시아의 우크라이나
#: 침공"): when sanctions name no target, they are aimed at it.
AGGRESSOR_AFTER = re.compile(r"\s?(?:が|の|による|의|이|가|에 의한)\s?[^。.]{0,20}?(?:侵略|侵攻|침공|침략)")
#: Sanctions, by the words of Japanese and Korean news.
SANCTIONS = re.compile(r"制裁|制限的措置|제재")


def _actor(
    named: list[tuple[int, int, str]], sent: str, start: int, aimed_in_text: frozenset[str] = frozenset()
) -> str | None:
    """The state marked as subject before the trigger (else after it, as in a headline: 韓国「ホワイト国」
    復帰、経産省が…), else the first state named before it that is not an object nor, unmarked, one the text
    aims its acts at (``aimed_in_text``: "러시아‧벨라루스 수출 통제 품목 확대" in a text that says 대러시아)."""
    before = [(a, b, c) for a, b, c in named if b <= start]
    marked_at = [
        (b, c, m)
        for a, b, c in before
        if (m := SUBJECT.match(sent, b))
        and not _prefixed_target(sent, a)
        # the subject of a clause that closes before the act ("ロシアが…侵略戦争を開始してから1年が過ぎるのを受け、
        # …制裁措置を採択"): that clause's own, never the act's
        and not SUBORDINATE_END.search(sent[m.end() : start])
    ]
    # a leader or minister who tells another state's act ("한국의 … 장관은 중국이 흑연 수출을 … 통제하기로 했다고 밝혔다"):
    # the state marked after the leader acts, never the leader's
    marked = [
        (c, m)
        for i, (b, c, m) in enumerate(marked_at)
        if not (LEADER_AT.match(sent, b) and any(c2 != c for _b, c2, _m in marked_at[i + 1 :]))
    ]
    topics = [
        c
        for c, m in marked
        if re.search(r"(?:は|では|(?<![\uac00-\ud7af]{2}[이가])(?:은|는|에서는))$", m.group(0))
        and not re.search(r"[“「『\"]", sent[m.end() : start])
    ]
    if topics:  # "BISは、中国が…能力を制約する規則を公表した": the topic acts, a が-subject may be a clause's own
        return topics[-1]
    subjects = [c for c, _m in marked]
    if subjects:
        return subjects[-1]
    # (not "ベラルーシも対象", "벨라루스도 대상": also a target)
    later = [c for a, b, c in named if a > start and SUBJECT.match(sent, b) and not ALSO_TARGET.match(sent, b)]
    if later:
        return later[0]
    aimed = {(a, b) for (a, b, _c), h in zip(named, _aimed(named, sent), strict=True) if h}
    non_objects = [
        c
        for a, b, c in before
        if not OBJECT.match(sent, b)
        and not TARGET_BEFORE.search(sent[:a])
        and not _prefixed_target(sent, a)
        and (a, b) not in aimed
        # "군용물자의 미얀마 수출을 금지": the exports to a state are the object, the state does not act
        and not re.match(
            r"\s?(?:으로의?|로의?)?\s?수출(?:\s?(?:중단|차단|금지|제한|규제|통제)(?:\s?(?:령|명령|조치))?)?(?:을|를)",
            sent[b:],
        )
        # "中国政府の軍事力近代化を推し進める同国の…140社を…リストに追加した": a genitive names whose thing it is, not
        # who acts (a control's own owner is read by ``_owner``)
        and not re.match(r"\s?(?:政府|政権|当局|정부|정권|당국)?\s?(?:の|의)", sent[b:])
        and c not in aimed_in_text
        # "일본 파나소닉은 …", "중국 화웨이는 …": the state names the firm that is the subject, never the government
        and not re.match(
            r"\s(?![^\s,.·、]{0,10}(?:상|장관|부|청|처|원|대통령|총리|정부|당국|대변인|대사|위원회)(?:은|는|이|가)\s)"
            r"[^\s,.·、]{1,12}(?:은|는|이|가)\s",
            sent[b:],
        )
    ]
    if non_objects:
        return non_objects[0]
    return None


#: The control named as a noun taken over by the subject ("…조치를 도입했다", "…措置を導入した").
ADOPTED_AFTER = re.compile(r"[^。.、,]{0,12}?(?:を|를|을)\s?(?:導入|採用|採択|도입|채택|시행)")
#: A control named as a noun: whose it is, is told by a genitive before it ("중국의 희토류 수출통제 강화", "日本の輸出規制").
CONTROL_NOUN = re.compile(r"(?:수출\s?(?:통제|규제|관리|금지|제한)|輸出(?:規制|管理|統制|禁止|制限)|제재|制裁)")
#: Between the owner's genitive and the control: a few words, no particle that ends a phrase.
OWNER_GAP = re.compile(
    # (the owner may be named with its government: "韓国政府の輸出統制", "중국 정부의 수출 통제")
    r"\s?(?:政府|当局|정부|당국)?\s?(?:의|の)\s?[^\s、。,.을를이가은는をがは]{0,8}(?:\s[^\s、。,.을를이가은는をがは]{1,8}){0,2}\s?"
    # a quoted name of the goods between ("中国の「デュアルユース（軍民両用）」物資の輸出禁止措置")
    r"|\s?(?:政府|当局)?\s?の\s?[「『][^」』。]{1,24}[」』][^\s、。,.をがは「」]{0,8}"
)


def _owner(named: list[tuple[int, int, str]], sent: str, m: re.Match[str]) -> str | None:
    """The state whose control the trigger names as a noun ("정부는 중국의 희토류 수출통제 강화로 …": China's, not the
    subject's; "日本の輸出規制の強化"): the genitive owner right before the control noun, never a target (対/대)."""
    noun = CONTROL_NOUN.match(sent, m.start()) or CONTROL_NOUN.search(sent, m.start(), m.end())
    if noun is None or ADOPTED_AFTER.match(sent[noun.end() : m.end() + 12]):
        return None  # "스위스 정부는 EU의 최신 대러 수출 금지 조치를 도입했다": the subject adopts the other's control
    # (the trigger may open on the goods before the control: "「デュアルユース（軍民両用）」物資の輸出禁止")
    at = noun.start()
    for a, b, c in reversed(named):
        if b <= m.start() and OWNER_GAP.fullmatch(sent[b:at]) and not _prefixed_target(sent, a):
            return c
    return None


#: "中国通信機器大手", "中国通信最大手" are China's telecom makers: 通信 is a wire service only as 通信社 or before
#: its report ("ロシア通信によると").
MEDIA_AFTER = re.compile(
    r"\s?(?:의\s?)?(?:로이터|블룸버그|AP|AFP|언론|매체|신문|방송|통신사|ロイター|ブルームバーグ|メディア|紙|通信社|通信(?=によると|によれば|は伝え|が伝え|が報じ|は報じ|の報道)|報道機関|新聞)"
)
#: A state named as where exports go or whom a control is for: "러시아로의 수출", "러시아를 대상으로", "ロシアへの".
DESTINATION_AFTER = re.compile(r"\s?(?:으로의|로의|를 대상으로|을 대상으로|への|に対する|向け)")


#: Between a target and the control aimed at it: nothing, or a word of direction ("에 대한", "への").
AIMED_GAP = re.compile(r"\s?(?:에 대한|으로의|로의|への|に対する|向けの?)?\s?")


def aimed_in_text(text: str, spans: list[tuple[int, int]]) -> frozenset[str]:
    """The states a Japanese or Korean text names only as aimed at: marked as target or destination somewhere
    (대러시아, 러시아에 대한, 러시아로의 수출, 対ロシア, ロシア向け) and never marked as subject (러시아는, ロシアが).

    Why: a headline names the target bare before the control ("러시아‧벨라루스 수출 통제 품목 확대", "대러 수출통제
    강화"), which reads like the state's own act ("중국 수출통제 제도" is China's); the rest of the text tells which.
    """
    aimed: set[str] = set()
    subjects: set[str] = set()
    for s, e in spans:
        sent = text[s:e]
        named = states(sent)
        hits = [
            h or bool(DESTINATION_AFTER.match(sent, b))
            for (_a, b, _c), h in zip(named, _aimed(named, sent), strict=True)
        ]
        for i in range(len(named) - 2, -1, -1):  # "러시아와 벨라루스로의 수출": the list the destination ends
            between = sent[named[i][1] : named[i + 1][0]]
            if hits[i + 1] and COORDINATED.search(between) and len(between) <= 4:
                hits[i] = True
        for (_a, b, c), hit in zip(named, hits, strict=True):
            if hit:
                aimed.add(c)
            elif SUBJECT.match(sent, b) and not re.match(r"[)）]?\s?(?:와|과|및)", sent[b:]):
                subjects.add(c)
    return frozenset(aimed - subjects)


#: A state the act is said to be aimed at ("중국을 겨냥한 신규 반도체 제재안", "米国を標的にした輸出規制"), never a guess
#: at the aim ("…을 겨냥한 것으로 보인다", "…を狙ったとみられる": ``AIM_GUESS`` in the extractor).
#: "사실상 중국을 겨냥해", "事実上中国を標的に": the writer's reading of an act that names no state, no target.
DE_FACTO_BEFORE = re.compile(r"(?:사실상|事実上|실질적으로)\s?$")
AIMED_AT_AFTER = re.compile(
    r"\s?(?:을|를)\s?(?:겨냥|표적으로)(?:한|해|하여|했던|하는|삼은)?(?!\s?것으로)|を(?:標的|ターゲット)に(?:した)?(?!とみられ)"
)


def _prefixed_target(sent: str, a: int) -> bool:
    """A name written with its own 対/對/대 prefix (対日, 對中, 대중국) names the state aimed at; so does a name the
    prefix stands right before ("'對벨라루스도 수출 통제 조치' 전격 시행", "대벨라루스 수출 통제"): the state is never
    the one acting."""
    return (
        sent[a] in "対對"
        or sent.startswith(("대중", "대일", "대미", "대러", "대이란"), a)
        or (a > 0 and sent[a - 1] in "対對")
        # a word-initial 대 (never the end of a word: 확대, 시대)
        or (a > 0 and sent[a - 1] == "대" and (a == 1 or not sent[a - 2].isalnum()))
    )


def _aimed(named: list[tuple[int, int, str]], sent: str) -> list[bool]:
    """Which names a restriction is aimed at: marked as destination or entity (向け, に対する, 기업, 対/대),
    and the names coordinated with one ("러시아와 벨라루스 등 특정 국가에", "ロシアとベラルーシ両国に対する")."""
    hit = [
        bool(
            ENTITY_AFTER.match(sent, b)
            or (AIMED_AT_AFTER.match(sent, b) and not DE_FACTO_BEFORE.search(sent[max(0, a - 6) : a]))
            or TARGET_BEFORE.search(sent[max(0, a - 6) : a])
            or _prefixed_target(sent, a)
        )
        for a, b, _c in named
    ]
    for i in range(len(named) - 2, -1, -1):
        between = sent[named[i][1] : named[i + 1][0]]
        # a 대/対 prefix heads the list after it, not the name before ("EU, 대러 10차 제재안": the EU acts)
        # (a name and its gloss in brackets are one: "아랍에미리트(UAE), 카자흐스탄 … 등 6개국 단체")
        glossed = between in ("(", "（") and named[i][2] == named[i + 1][2]
        if (
            hit[i + 1]
            and (COORDINATED.search(between) or glossed)
            and len(between) <= 4
            and not _prefixed_or_marked(sent, named[i + 1])
        ):
            hit[i] = True
    for i in range(len(named) - 1):  # "대러시아·벨라루스", "對러시아, 벨라루스": the list a 대/対 heads
        between = sent[named[i][1] : named[i + 1][0]]
        if hit[i] and _prefixed_or_marked(sent, named[i]) and COORDINATED.search(between) and len(between) <= 4:
            hit[i + 1] = True
    return hit


def _prefixed_or_marked(sent: str, span: tuple[int, int, str]) -> bool:
    """A name marked as aimed at by what precedes it (対, 對, 대), which then heads the list after it."""
    a = span[0]
    return bool(TARGET_BEFORE.search(sent[max(0, a - 6) : a])) or _prefixed_target(sent, a)


#: A state another state restricts, named before the exports or the control ("미국 상무부, 미얀마 수출규제 강화",
#: "러시아로의 수출", "ロシアへの輸出禁止"): a target only once the actor is known to be another state.
BARE_TARGET_AFTER = re.compile(
    # (the goods may stand between: "러시아로의 알루미나 수출")
    r"\s?(?:(?:으로|로)\s?(?:의\s?)?(?:수출|반출)|(?:으로|로)의\s(?!우회)(?:[^\s.,]{1,10}\s){1,3}?(?:수출|반출)|수출\s?(?:규제|통제|금지|제한)|수출(?:을|를)|への輸出|向け輸出|輸出(?:規制|禁止|制限)"
    r"|(?:추가\s?)?제재안?\s?(?:시행|을|를|이|가|안|패키지)|制裁(?:措置|パッケージ)?(?:を|の))"
)


#: A state named one noun before the control it is aimed at ("중국 반도체 수출 통제 강화": China's chips, the target),
#: not a body of the acting state ("미국 상무부 수출 통제") nor a possessive pronoun ("자국 수출통제").
NOUN_TARGET_AFTER = re.compile(
    r"\s(?![\uac00-\ud7a3]{0,5}(?:정부|당국|부|청|국|처|측|위원회)\s?수출)[\uac00-\ud7a3]{1,5}\s?수출\s?(?:규제|통제|금지|제한)"
)
#: A state as the recipient of a banned export, the goods between ("벨라루스에 정유 제품, … 명품 등의 수출을 금지",
#: "ロシアに…の輸出を禁止"): the destination of the clause's own ban.
DATIVE_TARGET_AFTER = re.compile(
    r"\s?(?:에|에게|に)\s(?:(?!(?:다|며|고|して|し、)\s)[^.。]){0,60}?(?:수출|輸出)(?:을|를|を)?\s?"
    rf"{KO_MANNER}?(?:금지|제한|중단|禁止|制限|停止)"
)
#: A state the control is extended to ("마카오까지 확대 적용", "대상에 마카오도 포함"): a target of the extension.
EXTENDED_TO_AFTER = re.compile(rf"\s?(?:까지|도|も|まで)\s?(?:확대|포함|추가|拡大|含め|追加|{TARGET_WORD})")
#: Parties based in a state ("中国やインドなどに拠点がある…企業", "중국에 본사를 둔 기업"): the state is where the
#: listed parties are, and so whom the act is aimed at.
LOCATED_AFTER = re.compile(
    r"\s?(?:など|等|등)?\s?(?:に拠点|に本社|に所在|에\s?(?:거점|본사|소재)|(?:\s?\([A-Z]{2,5}\))?\s?소재\s)"
)
#: The parties put on a list, named after it ("자국 수출통제 목록에 중국 화웨이와 SMIC를 추가했다", "リストに中国の企業を
#: 追加"): a state inside the object, before the verb, names the listed parties' state.
LISTED_OBJECT = re.compile(
    r"(?:리스트|목록|명단|대상|リスト|名簿)[」』’']?\s?(?:에|に)\s?([^.。]{0,40}?)(?:추가|포함|등재|올렸|올린|올리|追加|加え|掲載)"
)
#: A list addition at the trigger: entities put on a control or entity list.
LIST_ADDITION = re.compile(
    r"[^。.]{0,40}?(?:リスト|名簿|리스트|목록|명단)\W{0,2}(?:に|에)\s?(?:[가-힣]{1,3}\s)?(?:追加|加え|掲載|올렸|올린|올리|추가|등재|포함)"
)


def _targets(action: str, named: list[tuple[int, int, str]], sent: str, actor: str | None, start: int) -> list[str]:
    joined = [(j.start(), j.end()) for j in JOINED.finditer(sent)]
    others = [
        (a, b, c)
        for a, b, c in named
        if c != actor
        and not CIRCUMVENTION_AFTER.match(sent, b)
        and not COMPARED_AFTER.match(sent, b)
        and not any(s0 <= a < e0 for s0, e0 in joined)
    ]
    if action in ("add_export_restriction", "ease_export_restriction"):
        hit = _aimed(others, sent)
        if actor is not None:
            hit = [
                h or bool(BARE_TARGET_AFTER.match(sent, b) or LOCATED_AFTER.match(sent, b))
                for (_a, b, _c), h in zip(others, hit, strict=True)
            ]
            for i in range(len(others) - 2, -1, -1):  # "러시아·벨라루스 수출통제": the list before it
                between = sent[others[i][1] : others[i + 1][0]]
                if hit[i + 1] and COORDINATED.search(between) and len(between) <= 4:
                    hit[i] = True
            hit = [
                h
                or bool(NOUN_TARGET_AFTER.match(sent, b) or EXTENDED_TO_AFTER.match(sent, b))
                or (b <= start and bool(DATIVE_TARGET_AFTER.match(sent, b)))
                for (_a, b, _c), h in zip(others, hit, strict=True)
            ]
            for lm in LISTED_OBJECT.finditer(sent):
                hit = [
                    h or (lm.start(1) <= a and b <= lm.end(1) and not SUBJECT.match(sent, b))
                    for (a, b, _c), h in zip(others, hit, strict=True)
                ]
            if not any(hit) and SANCTIONS.search(sent, start, start + 40):
                # "第10弾となる制裁措置を採択" after "ロシアがウクライナに対し侵略戦争を開始してから": the aggressor
                hit = [bool(AGGRESSOR_AFTER.match(sent, b)) for (_a, b, _c) in others]
            if LIST_ADDITION.match(sent, start):
                # "대만, 중국 화웨이·SMIC 수출 통제 리스트에 추가": a state before a list addition that is neither
                # subject nor owner ("자국의") names the listed parties' state
                hit = [
                    h or (b <= start and not SUBJECT.match(sent, b) and not re.match(r"\s?(?:の|의)", sent[b:]))
                    for (_a, b, _c), h in zip(others, hit, strict=True)
                ]
        return list(dict.fromkeys(c for (a, b, c), h in zip(others, hit, strict=True) if h))
    if action.startswith("wto"):
        return [c for _a, _b, c in others][:1]
    marked = [c for a, b, c in others if OBJECT.match(sent, b) or TARGET_BEFORE.search(sent[max(0, a - 6) : a])]
    chosen = marked or [c for _a, _b, c in others]
    return list(dict.fromkeys(chosen))[:1]


#: A listing as the sentence's own act: parties put on an entity, control or end-user list, the verb at the end of the
#: sentence or before its reporting verb ("…をエンティティーリストに加えたと発表した", "…수출통제 명단에 올렸다").
LISTING = re.compile(
    r"(?:リスト|名簿)[」』”\"]?\s?(?:に|へ)\s?[^。]{0,40}?(?:追加し|追加され|加え|掲載し|掲載され)"
    r"|を[^。]{0,30}?(?:リスト|名簿)[」』”\"]?\s?に\s?(?:追加し|加え|掲載し)"
    r"|(?:리스트|목록|명단)[’'”\"]?\s?(?:에|으로)\s?[^.]{0,40}?(?:추가했|추가됐|등재했|등재됐|올렸)"
    # announced as done that day ("…을 우려거래자 목록에 추가한다고 관보를 통해 밝혔다", "…명단에 포함한다고 발표했다")
    r"|(?:리스트|목록|명단)[’'”\"]?\s?(?:\([^)]{0,20}\)\s?)?(?:에|으로)\s?[^.]{0,40}?(?:추가|포함|등재)한다고"
)
#: The listing told in the present and announced ("추가한다고 … 밝혔다"): made the day it was announced.
LISTING_ANNOUNCED = re.compile(r"(?:추가|포함|등재)한다고$")
#: After "…추가한다고": its reporting verb and the end ("관보를 통해 밝혔다.", "발표했습니다."), no "…지만" going on.
LISTING_ANNOUNCED_END = re.compile(r"^\s?(?:[^,.]{0,14}\s)?(?:밝혔다|발표했다|밝혔습니다|발표했습니다)[.]?\s*$")
#: A later day the listing is told to apply from ("오는 20일 관보 게재와 함께", "20일부터").
LATER_DAY = re.compile(r"오는\s?\d{1,2}\s?일|\d{1,2}\s?일\s?부터|来る\d{1,2}日|\d{1,2}日から")
#: After the listing verb: the end of the sentence, or a reporting verb and then the end.
LISTING_END = re.compile(r"^[^。.]{0,24}[。.]?\s*$")
#: Words of taking effect: a sentence after the listing that tells its own start.
EFFECT_WORD = re.compile(r"施行|適用|発効|시행|발효|효력")


def listing_effective(found: list[Candidate], doc: Document) -> None:
    """A listing reported as made on a day applies from that day: its ``effective`` is its ``announced`` day.

    Why: an entity or control list changes when the change is published ("米商務省は8日、…をエンティティリストに
    加えた"); reports rarely say when it applies, and the labels read such a listing as in force that day (guideline
    §5, held-out decision 3). Only for news in force (or decided, when the listing is told in the present and reported:
    "…추가한다고 밝혔다", then it is in force from that day) with a whole day announced and no effective date, only when
    the listing is the sentence's own verb, not when the sentence tells a later day, and not when the next sentence
    tells a start of its own; the note says the
    date was inferred, for the reviewer. Run on the settled reading (``extract.candidates``), as background is known
    only then. (English has its own rule, where the trigger itself is the listing.)
    """
    spans: list[tuple[int, int]] | None = None
    for c in found:
        if (
            c.action != "add_export_restriction"
            or c.background
            or c.effective
            or c.stage not in ("in_force", "decided")
        ):
            continue
        if c.announced is None or len(c.announced) != 10:
            continue
        sent = c.evidence[0].text
        listing = LISTING.search(sent)
        if listing is None or not LISTING_END.match(sent[listing.end() :]):
            continue
        announced_form = bool(LISTING_ANNOUNCED.search(listing.group(0)))
        if announced_form and (not LISTING_ANNOUNCED_END.match(sent[listing.end() :]) or LATER_DAY.search(sent)):
            continue  # "…오는 20일 … 추가한다고 밝혔다", "…밝혔지만, 시행 시기는 정하지 않았다": no day of its own
        if c.stage == "decided" and (
            not announced_form or (doc.published is not None and c.announced > doc.published.isoformat())
        ):
            continue  # a listing decided but not told as made that day (or not yet) stays without a day
        spans = spans if spans is not None else sentences(doc.text)
        after = doc.text[spans[c.sentence + 1][0] : spans[c.sentence + 1][1]] if c.sentence + 1 < len(spans) else ""
        if EFFECT_WORD.search(after):
            continue
        c.effective = c.announced
        c.stage = "in_force"
        c.notes.append("effective: the day the listing was reported as made")


def _still_to_come(value: str, published: dt.date) -> bool:
    """A date after the day of publication; a month given alone counts from the publication's own month on."""
    told = published.isoformat()[: len(value)]
    return value > told or (len(value) == 7 and value == told)


def _dates(dates: DateResolver, sent: str, published: dt.date | None) -> tuple[str | None, str | None]:
    """(announced, effective) told in a sentence."""
    announced = effective = None
    for a, b, value in dates.cjk_dates(sent):
        if (
            UNTIL_AFTER.match(sent, b)
            and not EFFECT_AFTER.match(sent, b)
            and published is not None
            and _still_to_come(value, published)
        ):
            # "2026年11月27日まで有効", "내년 9월 30일까지": a day still to come that an act runs until is its end, never
            # when it was told or began (a day already past, or the day of publication itself, "1日から4日まで開かれた会議",
            # still dates what the sentence tells)
            continue
        if (
            effective is None
            and (
                EFFECT_AFTER.match(sent, b)
                or EFFECT_BEFORE.search(sent[max(0, a - 8) : a])
                or FROM_START.match(sent, b)
                # "インドネシア、23日にパーム油輸出禁止解除へ": in a headline that looks ahead, the day the act applies
                or (len(value) == 10 and HEADLINE_AHEAD.search(sent) and re.match(r"\s?に(?!は)", sent[b:]) is not None)
            )
        ):
            effective = value
            if published and len(value) == 10 and not re.search(r"\d{4}|令和|平成", sent[a:b]):
                # "7月23日に施行する" told in May: a month-day without its year that takes effect is still to come
                same_year = f"{published.year:04d}{value[4:]}"
                if value < same_year and dt.date.fromisoformat(same_year) >= published - dt.timedelta(days=7):
                    effective = same_year
            bare = re.fullmatch(r"\s*(\d{1,2})\s*[日일]", sent[a:b])
            if bare:  # "施行は18日", "28일부터 시행": a day of taking effect is this month's unless long past
                effective = dates.day_of_month(int(bare.group(1)), 0, future=True) or value
            if (
                published
                and len(value) == 7
                and value < published.strftime("%Y-%m")
                and not re.search(r"(?:지난|去る|先の)\s?$", sent[max(0, a - 4) : a])  # "지난 7월부터": past
                and not re.search(r"\d{4}\s?[年년]|令和|平成", sent[a:b])  # "2022년 9월부터": its year is written
            ):
                effective = f"{int(value[:4]) + 1}{value[4:]}"  # "9월 중 발효" told in August: this September
        elif announced is None:
            announced = value
    if announced and published and NON_PAST_END.search(sent):
        told = next((sent[a:b] for a, b, v in dates.cjk_dates(sent) if v == announced), "")
        day = re.fullmatch(r"\s*(\d{1,2})\s*[日일]", told)
        if day and published.day < int(day.group(1)) <= published.day + 7:
            # "経済産業省は23日、…省令を施行する" told on the 22nd: a day just ahead with a verb still to come is
            # this month's (the previous month is for what a text reports as done)
            announced = dates.day_of_month(int(day.group(1)), 0, future=True) or announced
    if TODAY.search(sent) and announced is None and published is not None:
        announced = published.isoformat()
    if (
        effective is None
        and published is not None
        and re.search(r"(?:本日|今日|오늘|이날)\s?(?:[(（][^)）]{0,12}[)）])?\s?(?:から|より|부터)", sent)
    ):
        effective = published.isoformat()  # "오늘부터 … 규제에 들어갑니다": in force from the day of publication
    if IMMEDIATE.search(sent):
        # undated, "at once" is the day of publication, except in a headline ("…を発表、即日実施"), which the body dates
        undated = published.isoformat() if published and re.search(r"[。.]\s*$", sent) else None
        effective = effective or announced or undated
    elif AS_TOLD.search(sent):
        effective = effective or announced
    period = PERIOD_AFTER.search(sent)
    if period and announced and len(announced) == 10 and (effective is None or effective == announced):
        # "공포 후 21일이 경과한 날로부터 시행", "公布の日から起算して21日を経過した日から施行": counted from the
        # promulgation the sentence dates
        effective = (dt.date.fromisoformat(announced) + dt.timedelta(days=int(period.group(1)))).isoformat()
    if effective is None and announced and SELF_EFFECT.search(sent):
        effective = announced  # "2.28일 … 개정안을 시행한다", "18日、…を施行した": applied that day
    relative = RELATIVE_EFFECT.search(sent)
    if effective is None and published is not None and relative:
        effective = _relative_period(relative.group(1), published)
    return announced, effective


def _open_date(effective: str | None) -> bool:
    """No effective date yet, or only its year or month ("6월부터"): a later sentence may still give the day."""
    return effective is None or len(effective) < 10


def _refines(old: str | None, new: str) -> bool:
    """``new`` dates an act that has no day yet: none at all, or a day within the year or month it has
    ("6월부터 … 해제한다", then "내달 1일부터 이 같은 조치를 취한다": 2020-06 -> 2020-06-01)."""
    return old is None or (len(old) < len(new) and new.startswith(old))


#: A Japanese headline that ends on "へ" (…解除へ, …禁止へ=大統領): the act is still to come.
HEADLINE_AHEAD = re.compile(r"へ\s?(?:[=＝][^。=＝]{1,12})?\s*$")
#: A sentence whose verb is still to come ("…を施行する。", "…시행한다.", "…する予定だ").
NON_PAST_END = re.compile(r"(?:する|される|予定だ?|한다|된다|할 예정이다|될 예정이다)[。.]?\s*$")
#: A period counted from promulgation, then taking effect.
PERIOD_AFTER = re.compile(
    r"(?:公布|공포|告示|고시)\s?(?:후|の日から起算して|日から起算して|後|한 날부터|から)\s?(\d{1,3})\s?(?:일|日)\s?(?:이|が|を)?\s?(?:경과한|経過した|지난)"
)
#: The sentence's own verb is taking effect ("…を施行した", "개정안을 시행한다"): its one date is the effective one.
AMENDMENT = re.compile(r"개정|改正|고시|政令|省令")
SELF_EFFECT = re.compile(
    r"(?:施行|発効|시행|발효)(?:한다|했다|된다|됐다|에 들어갔다|에 들어간다|する|した|された|される"
    r"|しました|されました|합니다|했습니다|됩니다|됐습니다)"
    r"|実施(?:した|し、)|公布・実施"  # "…を公布・実施し、日本を…除外した": applied that day
)
#: A sentence that refers back to the act ("本リストは", "改正後のリストは", "本公告は", "이번 개정안은").
ANAPHORA = re.compile(r"^\s*(?:本|改正後の|この|同|今回の|이번|해당|본\s?|개정된|개정안은)")
#: A period named relative to publication, then the verb of taking effect: "이달 중 … 시행할 예정",
#: "내년 상반기 중 시행될 예정", "来月から適用", "来月から禁止する".
RELATIVE_EFFECT = re.compile(
    r"(이달|이번\s?달|今月|다음\s?달|내달|来月|翌月|내년|来年|올해|今年|연내|年内)(?!\s?\d)"
    r"(?:[^。.]{0,24}?(?:施行|適用|発効|시행|적용|발효)"
    # "来月から禁止する", "다음달부터 수출을 금지한다": the ban itself from that period
    r"|\s?(?:から|より|부터)[^。.]{0,30}?(?:禁止|規制|制限|停止|금지|제한|중단))"
)


def _relative_period(word: str, published: dt.date) -> str:
    """The month or year a relative period word names, against the publication date (guideline §5)."""
    word = re.sub(r"\s", "", word)
    if word in ("이달", "이번달", "今月"):
        return published.strftime("%Y-%m")
    if word in ("다음달", "내달", "来月", "翌月"):
        y, m = (published.year + 1, 1) if published.month == 12 else (published.year, published.month + 1)
        return f"{y:04d}-{m:02d}"
    if word in ("내년", "来年"):
        return str(published.year + 1)
    return str(published.year)


def _stage(sent: str, effective: str | None, published: dt.date | None) -> str:
    if FORMAL.search(sent):
        return "proposed"
    if effective and published and len(effective) == 10:
        return "in_force" if dt.date.fromisoformat(effective) <= published else "decided"
    if effective and published and len(effective) in (4, 7) and effective > published.isoformat()[: len(effective)]:
        return "decided"  # "来月から禁止する": a month or year still to come
    if IN_FORCE.search(sent):
        return "in_force"
    return "decided" if DECIDED.search(sent) else "in_force"


#: The polite forms a ministry's release is titled in ("…を改正しました", "…를 개정합니다").
RELEASE_TITLE = re.compile(r"(?:ました|します|されました|합니다|했습니다|됩니다)\s*$")


def _next_subject(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The first state marked as subject in these sentences (the acting ministry after a title)."""
    for s, e in spans:
        sent = text[s:e]
        for a, b, c in states(sent):
            if SUBJECT.match(sent, b) and not _prefixed_target(sent, a):
                return c
    return None


#: The legal vehicle named alone ("전략물자 수출입고시 개정안", "輸出貿易管理令の改正"): in a text that also names
#: the act it carries (a list change, the three items), it is that act, not a second, country-neutral one.
VEHICLE = re.compile(r"고시|개정안|政令|輸出令|輸出貿易管理令|외국환|外為法|輸出入告示")
#: Korea's second group of its preferred list ("カの2", "가의 2"): only Korea's list has one, so an act that moves a state
#: into it is Korea's, and its state is Japan unless the text names another.
KOREA_SECOND_GROUP = re.compile(r"カの\s?2|가의\s?2")


def _share_vehicle_dates(found: list[Candidate]) -> None:
    """Acts carried by one notice or ordinance apply when it does: "2.28일 … 고시 개정안을 시행한다" gives its date
    to "對러시아 의료기기 … 상황허가를 면제한다" and to the list additions told without a date."""
    for v in found:
        if "vehicle" not in v.notes or v.recalled or not v.effective:
            continue
        for c in found:
            if c is not v and c.jurisdiction == v.jurisdiction and not c.recalled and c.effective is None:
                c.effective = v.effective


def _drop_vehicles(found: list[Candidate]) -> list[Candidate]:
    specific = {c.jurisdiction for c in found if c.action.endswith(("preferred_list", "licence_requirement"))}
    return [
        c for c in found if not ("vehicle" in c.notes and c.jurisdiction in specific and not c.targets and not c.items)
    ]


#: A control named as a noun in a headline without a verb ("미국, 한국산 HBM·반도체장비 중국으로 수출 통제",
#: "台湾、南アに半導体関連47品目の輸出制限").
HEADLINE_CONTROL = re.compile(r"수출\s?(?:통제|규제|제한|금지)|輸出(?:規制|制限|禁止|管理)")
#: The headline's acting state: named first and set off by a comma ("미국, …", "台湾、…") or marked as subject.
HEADLINE_ACTOR = re.compile(r"\s?(?:[,、，]|(?:은|는|이|가|は|が)\s)")
#: A state the headline names as where the controlled exports go ("중국으로 수출", "南アに…輸出", "ロシア向け").
HEADLINE_TARGET = re.compile(r"\s?(?:으로|로|에|에\s?대한|への|に|向け)(?![\uac00-\ud7a3])")


def _headline_targets(found: list[Candidate], text: str, spans: list[tuple[int, int]]) -> None:
    """A lead act without targets takes those of the verbless headline that names its control and its actor.

    Why: Japanese and Korean headlines name the act as a noun with its destination ("미국, … 중국으로 수출 통제") and the
    body's first sentence tells the act without it ("…수출통제 대상 품목에 특정 HBM 제품을 추가한다고 … 밝혔다").
    """
    if not spans:
        return
    head = text[spans[0][0] : spans[0][1]]
    if re.search(r"[。.]\s*$", head):
        return
    named = states(head)
    control = HEADLINE_CONTROL.search(head)
    if control is None or len(named) < 2 or not HEADLINE_ACTOR.match(head, named[0][1]):
        return
    actor = named[0][2]
    aimed = [c for a, b, c in named[1:] if c != actor and b <= control.start() and HEADLINE_TARGET.match(head, b)]
    if not aimed:
        return
    for c in found:
        if (
            c.jurisdiction == actor
            and c.action == "add_export_restriction"
            and not c.targets
            and c.lead
            and not c.recalled
        ):
            c.targets = list(dict.fromkeys(aimed))


def extract_cjk(doc: Document, regimes: dict[str, Regime]) -> list[Candidate]:
    """Every measure a Japanese or Korean document reports (background is settled by the caller)."""
    text = doc.text
    dates = DateResolver(doc.published)
    spans = sentences(text)
    lead_end = lead_sentences(text, spans)
    text_aimed = aimed_in_text(text, spans)
    out: list[Candidate] = []
    last_actor: tuple[int, str] | None = None
    first_actor: str | None = None
    for index, (s, e) in enumerate(spans):
        sent = text[s:e]
        if RELATED_LINK.match(sent):
            continue  # "【関連記事】…": another article's headline, not this text
        # "영국 로이터에 따르면", "アメリカメディアが報じました": the nationality of a news outlet is no party to the act
        named = [(a, b, c) for a, b, c in states(sent) if not MEDIA_AFTER.match(sent, b)]
        taken: list[tuple[int, int]] = []
        specific = False  # a generic "notice amended" in a sentence that names the act itself adds nothing
        for action, rx in CJK_TRIGGERS:
            for m in _matches(rx, sent, taken):
                if action == "add_export_restriction" and specific:
                    continue
                if index > 0 and TITLE_STOP.fullmatch(m.group(0)):
                    continue
                after = sent[m.end() :]
                if NEGATION_AFTER.match(after) or CONDITIONAL_AFTER.match(after) or NEGATED_INSIDE.search(m.group(0)):
                    continue
                if (
                    PURPOSE_AFTER.match(after)
                    and not PROCEDURE_AFTER.match(after)
                    and not ORDER_ADOPTED_AFTER.match(after)
                ):
                    continue
                if PURPOSE_SENTENCE.search(sent) or DEFINITION_END.search(sent) or HOPE_END.search(sent):
                    continue
                if NOT_TRADE_LIST.search(sent[max(0, m.start() - 16) : m.start() + 4]):
                    continue  # a tax haven's, a league's or a blacklist of artists: no list of trade
                if (
                    TALK_OBJECT.search(m.group(0))
                    or TALK_AFTER.match(after)
                    or ATTRIBUTIVE_TOPIC.match(after)
                    or INNER_TOPIC.search(m.group(0))
                    or NOT_YET.search(m.group(0))
                ):
                    continue
                if (
                    HEDGE_END.search(sent) or (SCHEDULED_END.search(sent) and not ADOPTED.search(sent))
                ) and not FORMAL.search(sent):
                    continue
                if HEDGE_BEFORE.search(sent[max(0, m.start() - 12) : m.start()]):
                    continue
                cond = list(CONDITIONAL_BEFORE.finditer(sent[: m.start()]))
                if (
                    cond
                    and m.start() - cond[-1].end() <= 40
                    and not PRECAUTION.search(sent[cond[-1].end() : m.start()])
                ):
                    continue  # "もし中国が…規制を強めて…であれば": a supposition
                source = SOURCE_RUMOUR.search(sent)
                if source and not (DONE_END.search(sent) and not HEDGE_AFTER.search(sent[source.end() :])):
                    continue  # "報道によると、…を公布・実施し、日本を…除外した。" reports a done act
                clause = re.split(r"[、,]", after, maxsplit=1)[0][:40]  # the verb's own clause
                hedge = HEDGE_AFTER.search(clause)
                if hedge and hedge.group(0) == "求め" and m.group(0).endswith("許可"):
                    hedge = None  # "個別に許可を求める": requires a licence, not a demand
                draft = bool(hedge and hedge.group(0).startswith("案を") and FORMAL.search(text))
                if draft:
                    hedge = None  # "…リストに加える案を提示した" put to public comment: a draft rule, proposed
                if hedge and hedge.group(0).startswith("겠다고") and DATED_START.search(sent[: m.end()]):
                    # "다음달 1일부터 … 수출 허가를 받도록 하겠다고 밝혔다": a start is set, the act decided
                    hedge = None
                if hedge and not (
                    # (the trigger may end inside the reported verb: "…통제에 나섰" + "다고 … 보도했다")
                    REPORT_WORD.fullmatch(hedge.group(0))
                    and REPORTED_DONE.search(m.group(0)[-2:] + clause[: hedge.start()])
                ):
                    continue
                proposed = bool(INTENT_AFTER.search(clause)) or bool(PROCEDURE_AFTER.match(after)) or draft
                if proposed and not FORMAL.search(text) and not POLICY_ANNOUNCED.match(after):
                    continue
                actor = _owner(named, sent, m) or _actor(named, sent, m.start(), text_aimed)
                if action.endswith("preferred_list"):
                    # "일본의 한국 화이트리스트 복원", "日本の韓国ホワイト国復帰": the genitive state acts on the bare one
                    # after it (never "한국의 화이트리스트 복귀": the one state named is the one moved)
                    actor = next(
                        (
                            c1
                            for (_a1, b1, c1), (a2, b2, c2) in itertools.pairwise(named)
                            if c1 != c2
                            and re.fullmatch(r"\s?(?:の|의)\s?", sent[b1:a2])
                            and re.fullmatch(r"\s?[「『'‘]?", sent[b2 : m.start()])
                        ),
                        actor,
                    )
                if actor is None and last_actor is not None and index - last_actor[0] <= 2:
                    aimed_here = {c for (_a, _b, c), h in zip(named, _aimed(named, sent), strict=True) if h}
                    actor = last_actor[1] if last_actor[1] not in aimed_here else None  # 韓国向け: never the actor
                if (
                    actor is None
                    and index <= lead_end
                    and action in ("add_export_restriction", "ease_export_restriction")
                    and RELEASE_TITLE.search(sent)
                ):
                    # A release's title without its subject (「外国ユーザーリスト」を改正しました): the body's first
                    # sentences say who acts (経済産業省では…). Not for news headlines, whose later subject may
                    # be a reporter or the target ("韓国は正式に除外された").
                    actor = _next_subject(text, spans[index + 1 : index + 4])
                if actor is None and action.endswith("preferred_list"):
                    # 「別表第3の国から大韓民国を削除」 in METI's own release: the state taken off or put on the
                    # list is the object; the list is the other's (only Japan and Korea keep such lists here).
                    # or right before it ("韓国を「ホワイト国」から除外", "한국을 화이트리스트에서 제외")
                    obj = [
                        c
                        for a, b, c in named
                        if (mark := re.match(r"\s?(?:を|을|를)", sent[b:]))
                        and (a >= m.start() or re.fullmatch(r"\W{0,3}", sent[b + mark.end() : m.start()]))
                    ]
                    actor = {"KR": "JP", "JP": "KR"}.get(obj[0]) if obj else None
                if (
                    actor is None
                    and named
                    and action in ("add_export_restriction", "ease_export_restriction")
                    and all(c in text_aimed for _a, _b, c in named)
                    # the control named right after its target ("러시아 수출통제 강화", "벨라루스에 대한 수출 통제가")
                    and any(AIMED_GAP.fullmatch(sent[b : m.start()]) for _a, b, _c in named if b <= m.start())
                ):
                    # "러시아‧벨라루스 수출 통제 품목 확대" (a headline), "…벨라루스에 대한 수출 통제가 강화된다": only
                    # the states the text aims at are named; the state the next sentences make subject acts
                    # (산업통상자원부는 …), or the text's acting state so far; unsure, none.
                    nxt = _next_subject(text, spans[index + 1 : index + 4])
                    actor = nxt if nxt is not None and nxt not in text_aimed else first_actor
                if actor is None and first_actor is not None and named and all(_aimed(named, sent)):
                    # "對러시아 의료기기 수출에 대해 … 면제한다" in MOTIE's notice, "今回の改正では、ロシアとベラルーシ
                    # 両国に対する…": only targets are named, so the text's own acting state acts.
                    actor = first_actor
                acting = {c.jurisdiction for c in out}
                if (
                    actor is None
                    and not named
                    and len(acting) == 1
                    and last_actor is not None
                    and index - last_actor[0] <= 5
                ):
                    # "…허가면제 요건을 확대한다" a few sentences after the notice's acts, naming no state: in a text where
                    # one state alone acts, the act is that state's (as an agentless listing is in English)
                    actor = next(iter(acting))
                if (
                    actor is None
                    and not named
                    and index <= lead_end + 2
                    and action in ("add_export_restriction", "ease_export_restriction")
                    and JAPANESE_ERA.search(text)
                ):
                    # "令和7年9月29日公表…で外国ユーザーリストが改正され": only Japan's government dates its acts by the
                    # Japanese era, so an unnamed actor in a text that does is Japan
                    actor = "JP"
                if actor is None and action.endswith("preferred_list") and KOREA_SECOND_GROUP.search(m.group(0)):
                    actor = "KR"  # "「カの2」に分類されたのは日本のみ": no actor named, none needed
                if actor is None:
                    continue
                last_actor = (index, actor)
                first_actor = first_actor or actor
                specific = specific or action != "add_export_restriction"
                kind = action
                if action == "lift_or_ease":  # Japan's tightening on Korea was the three items' licensing
                    aimed = _targets("ease_export_restriction", named, sent, actor, m.start())
                    kind = (
                        "lift_licence_requirement"
                        if actor == "JP" and aimed in ([], ["KR"])
                        else "ease_export_restriction"
                    )
                if action == "three_items":
                    kind = (
                        "lift_licence_requirement"
                        if re.search(LIFT_VERBS, m.group(0) + after[:15])
                        else "require_individual_licence"
                    )
                targets = _targets(kind, named, sent, actor, m.start())
                if kind.endswith("preferred_list"):
                    # 韓国を…ホワイト国から外す政令が施行され、韓国は正式に除外: the object is the target,
                    # and only Japan and Korea keep such lists in these texts.
                    obj = [c for a, b, c in named if b <= m.start() and re.match(r"\s?(?:を|을|를)", sent[b:])]
                    # … or, with no object, its genitive right before the list ("政府は24日、日本のホワイトリストへの
                    # 再指定を…"; beside an object the genitive owns the list: "일본을 한국의 화이트리스트에서")
                    if not any(b <= m.end() and re.match(r"\s?(?:を|을|를)", sent[b:]) for _a, b, _c in named):
                        obj = [
                            c
                            for a, b, c in named
                            if b <= m.start() and re.fullmatch(r"\s?(?:の|의)\s?", sent[b : m.start()])
                        ]
                    if obj and (actor == obj[-1] or not targets):
                        targets = [obj[-1]]
                        if actor == obj[-1]:
                            actor = {"KR": "JP", "JP": "KR"}.get(obj[-1], actor)
                    if KOREA_SECOND_GROUP.search(m.group(0)):
                        # only Korea's list has a "가의 2" group: Japan in it unless the text moves another state there
                        # ("헝가리를 … '가의2' 지역으로 조정")
                        actor, targets = "KR", [t for t in targets if t != "KR"] or ["JP"]
                    if not targets and actor in ("JP", "KR") and PASSIVE_AFTER.match(after):
                        # "韓国は28日に「ホワイト国」から除外されます": the subject of the passive is the state
                        # taken off (or put on) the list, the other keeps it
                        targets, actor = [actor], {"KR": "JP", "JP": "KR"}[actor]
                if kind in ("lift_licence_requirement", "require_individual_licence") and not targets and actor == "JP":
                    targets = ["KR"]  # the three items are Japan's measure on Korea in every text that names them
                if action == "three_items" and actor == "KR" and targets in ([], ["JP"]):
                    actor, targets = "JP", ["KR"]  # "산업부는 … 일본의 3개 품목 수출규제와 관련해 …": still Japan's
                announced, effective = _dates(dates, sent, doc.published)
                if kind.startswith("wto") and actor == "JP" and "KR" in targets:
                    actor, targets = "KR", ["JP"]  # Japan is the respondent in DS590, never the complainant
                if kind.startswith("wto") and not targets:
                    # "韓国政府は…厳格化措置を受けて進めてきたWTOの紛争解決手続きを取り下げる" after Japan's lifting: the
                    # dispute is over the acts (recalled ones too: the 2019 steps) of the one other state whose earlier acts
                    # in the text are aimed at the complainant, never a state acting on a third ("EU는 … 러시아에 대한 제재")
                    others = {j for c in out if (j := c.jurisdiction) is not None and j != actor and actor in c.targets}
                    targets = sorted(others) if len(others) == 1 else targets
                stage = "proposed" if proposed else _stage(sent, effective, doc.published)
                years = [int(y) if y else 2000 + int(yy) for y, yy in YEAR.findall(sent[: m.end() + 10])]
                today = bool(TODAY.search(sent[: m.start()])) or (
                    doc.published is not None
                    and any(v == doc.published.isoformat() for _a, _b, v in dates.cjk_dates(sent[: m.start()]))
                )
                undoing = kind in (
                    "lift_licence_requirement",
                    "ease_export_restriction",
                    "wto_complaint_withdrawn",
                    "add_to_preferred_list",  # a restoration undoes the removal the year dates
                )
                past_word = PAST_CJK.search(sent[: m.end() + 25])
                if past_word and today and undoing and past_word.start() < m.start():
                    # "상무부는 이날 … 지난달 9일 내려졌던 … 조치를 즉시 유예한다": the past word dates the act undone
                    past_word = None
                if past_word and undoing and past_word.start() < m.start() and past_word.group(0) in ASPECT_OF_UNDONE:
                    # "一時的に禁止していた…石炭の輸出を、条件付きで再開すると発表": the past tells the restriction undone,
                    # not the undoing
                    past_word = PAST_CJK.search(sent[: m.end() + 25], m.start())
                last_month_day = (
                    re.match(r"\s?(\d{1,2})\s?[일日]", sent[past_word.end() :])
                    if past_word and past_word.group(0) in ("지난달", "先月")
                    else None
                )
                if last_month_day and doc.published:
                    # "인도정부가 지난달 28일 … 수출을 다시 허용했다" told on 2 October: a day a few days back dates the
                    # news, it does not recall an older act (a day weeks back still does)
                    day = dates.day_of_month(int(last_month_day[1]), -1)
                    if day and (doc.published - dt.date.fromisoformat(day)).days <= 7:
                        past_word = None
                if past_word and past_word.start() < m.start() and CLAUSE_END.search(sent[past_word.end() : m.start()]):
                    # "그동안 대만은 … 제한해왔지만, 특정 중국 기업을 … 올린 것은": the past word belongs to a clause
                    # that ends before the act's own
                    past_word = PAST_CJK.search(sent[: m.end() + 25], m.start())
                # "전략물자무역규정 개정에 따라 한국은 … 682개 품목을 추가했다": the amendment is the vehicle of the act the
                # sentence goes on to tell, not an earlier act reacted to
                by_vehicle = bool(re.search(r"(?:개정|改正)$", m.group(0))) and bool(VEHICLE_THEN_ACT.match(after))
                noun_ref = bool(NOUN_REF_AFTER.match(after)) and not by_vehicle and not draft
                recalled = (
                    bool(ONGOING_AFTER.match(after))
                    or bool(past_word)
                    or bool(PAST_END.search(sent))
                    or noun_ref
                    or bool(QUESTION_ABOUT.search(after))
                    or bool(SINCE_AFTER.match(after))
                )
                # "16일 … 2019년 7월 수출규제 조치를 즉시 해제하기로": dated today, the year is the undone act's
                if doc.published and any(y < doc.published.year for y in years) and not (today and undoing):
                    recalled = True
                if announced and len(announced) >= 4 and doc.published and int(announced[:4]) < doc.published.year:
                    recalled = True
                out.append(
                    Candidate(
                        document=doc.source,
                        jurisdiction=actor,
                        action=kind,
                        targets=targets,
                        items=find_items(sent, regimes),
                        announced=announced,
                        effective=effective,
                        stage=stage,
                        background=recalled,
                        evidence=[Evidence(sent, s, e)],
                        confidence=0.7 + 0.15 * bool(targets or kind.startswith("wto")),
                        published=doc.published.isoformat() if doc.published else None,
                        sentence=index,
                        lead=index <= lead_end,
                        recalled=recalled,
                        # "이번 … 조치는 …라고 진단했다": the act of this news ("this time"), whatever the verb's tense
                        past_tense=_past_sentence(sent) and not THIS_TIME.search(sent[: m.end()]),
                        dated_today=doc.published is not None
                        and any(v == doc.published.isoformat() for _a, _b, v in dates.cjk_dates(sent)),
                        notes=(["vehicle"] if kind == "add_export_restriction" and VEHICLE.search(m.group(0)) else [])
                        # a reaction ("日本の…改正に中国商務部がコメント"), not a notice of the act ("중국 당국은 …
                        # 유예하기로 한 것에 대한 공지를 7일 …": the act reported)
                        + (
                            ["reacted to"]
                            if (noun_ref or QUESTION_ABOUT.search(after) or WHEN_CLAUSE.match(after))
                            and not NOTICE_OF.match(after)
                            else []
                        ),
                    )
                )
        acts = [c for c in out if "vehicle" not in c.notes] or out  # the act a vehicle carries, when named
        # a standing practice or recollection told in between ("経済産業省では、…リストを公表しています") takes no date:
        # "本リストは、令和7年10月9日から適用します" dates the act reported before it
        acts = [c for c in acts if not c.recalled] or acts
        prev = acts[-1] if acts else None
        reach = 8 if ANAPHORA.search(sent) else 4
        if prev is not None and prev.sentence < index <= prev.sentence + reach and _open_date(prev.effective):
            # "改正後のリストは令和7年10月9日から適用されます": the act just reported takes effect then; when the
            # sentence names the amendment itself ("개정 절차를 밟은 후 내년 상반기 중 시행"), every act it carries.
            _announced, effective = _dates(dates, sent, doc.published)
            if (IMMEDIATE.search(sent) or AS_TOLD.search(sent)) and _announced is None and prev.announced:
                effective = prev.announced  # "この公告は即日実施された": the day the act just told was announced
            if effective and not any(c.sentence == index and "vehicle" not in c.notes for c in out):
                whole = AMENDMENT.search(sent)
                for c in out if whole else [prev]:
                    if _refines(c.effective, effective) and not c.recalled and c.jurisdiction == prev.jurisdiction:
                        c.effective = effective
                        c.evidence.append(Evidence(sent, s, e))
                        c.stage = _stage(sent, effective, doc.published)
        if (
            named
            and last_actor is not None
            and last_actor[0] < index
            and any(c == last_actor[1] and SUBJECT.match(sent, b) for _a, b, c in named)
        ):
            # the acting state named as subject again keeps acting in the sentences after ("韓国外交部は…発表した。…
            # 韓国政府は、以下の措置を…。(1)対ロシア輸出管理:…強化し")
            last_actor = (index, last_actor[1])
        if named and last_actor is None:
            subject = next((c for a, b, c in named if SUBJECT.match(sent, b)), None)
            if subject:
                last_actor = (index, subject)
                first_actor = first_actor or subject
        dates.remember_year(sent)
    _headline_targets(out, text, spans)
    _share_vehicle_dates(out)
    return _drop_vehicles(out)
