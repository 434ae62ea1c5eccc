"""Reading measures out of one document: trigger grammar, actors and targets, items, dates, stage.

Written for real news phrasing, not for made-up sentences. A *trigger* (a verb phrase with its
object: "restore ... to its list of preferred trading partners", "drop its complaint with the
WTO") says which action is reported; the state named nearest before it acts, states named after
it are targets. Items come from the control lists' aliases plus a few news phrases ("three key
semiconductor materials"). Dates are resolved against the publication date; talk about future
talks ("will continue to discuss restoring ...") is not a measure.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from exportctl.intake.document import Document, sentences
from exportctl.intake.gazetteer import AGENCIES, CAPITALS, DEMONYMS, LEADERS, states
from exportctl.law.regime import Regime

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
#: Month names as news writes them: "July", "Sept.", "Aug." (abbreviations with or without the dot).
MONTH_RE = "|".join(calendar.month_name[1:]) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?(?=\s)"
WEEKDAY_RE = "|".join(calendar.day_name)

PREFERRED = (
    r"(?:white ?list|list of (?:preferred|trusted|favou?red) (?:trading |trade )?(?:partners|destinations|countries)"
    r"|preferred (?:trading )?(?:partners?|status|list)|favou?red (?:trade )?(?:destination|status|partner)"
    r"|preferential (?:trade |trading )?(?:partner )?(?:list|status)|fast-track export status"
    r"|(?:trade|export) status|group a\b|white countr\w*)"
)
#: Sanctions named as a package ("a 14th package of sanctions", "a new tranche of economic, trade and transport
#: sanctions", "further sanctions against Russia"): what a state adopts or approves.
SANCTIONS_PACKAGE = (
    r"(?:[\w-]+ )?package of sanctions|sanctions package"
    r"|(?:package|tranche|round) of (?:[\w-]+,? ){0,5}?(?:sanctions|restrictions)"
    r"|(?:new|further|additional|fresh) (?:[\w-]+ ){0,2}?sanctions"
)
CURBS = (
    r"(?:export (?:controls?|curbs?|restrictions?|limitations?|regulations?|bans?)|curbs|restrictions|limitations"
    r"|licen[cs](?:ing|e) requirements?|(?:export )?licen[cs]e requirements?|controls|regulations"
    # "an immediate permit requirement for all exports … of AI chips" (Malaysia, July 2025)
    r"|(?:export )?(?:permit|authori[sz]ation) requirements?"
    r"|requirements? for (?:prior )?(?:approval|licen[cs]es?|permits?)|(?:prior )?approval requirements?"
    rf"|{SANCTIONS_PACKAGE}|trade sanctions|export control measures"
    # "a twelfth package of new measures" (adopted; approving one is no act: "approved a package of measures to
    # support exporters")
    r"|(?:package|tranche|round) of (?:[\w-]+,? ){0,5}?measures"
    # one act named by its singular noun and what it stops: "an immediate freeze on exports of all raw minerals",
    # "a restriction on the export of 54 product categories to Israel", "the China arms embargo"
    # (the goods may stand before: "its ban on onion exports", "a freeze on raw mineral exports")
    r"|(?:ban|restriction|freeze|halt|suspension|moratorium|prohibition|crackdown) on (?:the )?"
    r"(?:(?!(?:to|from|by|of|and|or|for|in)\b)[\w-]+ ){0,2}?(?:re-?)?exports?\b"
    # "announced tightening control over exports of strategic high-tech commodities to Russia"
    r"|controls? over (?:the )?(?:re-?)?exports?\b"
    r"|(?:arms |military |weapons? )embargo(?:es)?"
    # the instruments of a commodity's restriction: a quota on its exports ("introduced export quotas for nitrogen
    # fertilizers"), an authorisation scheme for them ("an export authorisation scheme for COVID-19 vaccines"), new
    # approvals of them paused ("a pause on new LNG export approvals")
    r"|export quotas?|quotas? on (?:the )?(?:[\w-]+ ){0,2}?exports?\b"
    r"|(?:export )?authori[sz]ation (?:and notification )?(?:scheme|mechanism|regime|system)s?"
    r"|(?:pause|freeze|halt|moratorium) on (?:[\w-]+ ){0,3}?(?:export )?(?:approvals|permits|authori[sz]ations))"
)
WTO = r"(?:WTO|World Trade Organi[sz]ation)"
LISTS = (
    r"(?:(?:entity|export control|control|end[- ]user|watch|unverified|dual-use|strategic [\w-]+ commodities) list"
    r"|list of (?:[\w-]+ ){0,3}(?:items|goods|exports|products|entities|tools|machines|machinery|equipment|materials"
    r"|chemicals|commodities|substances|technolog(?:y|ies))"
    r"|list of (?:embargoed|sanctioned|restricted|prohibited|proscribed) (?:destinations|countries)"
    # "a U.S. economic blacklist", China's "unreliable entity list", "catalogue of technologies prohibited … from export"
    r"|(?:economic |trade |export )?black ?list|catalog(?:ue)? of (?:[\w-]+ ){0,3}?(?:technolog\w*|items|goods))"
)

TRIGGERS: list[tuple[str, re.Pattern[str]]] = [
    (
        "wto_complaint_withdrawn",
        re.compile(
            rf"\b(withdr\w*|drop\w*|retract\w*|abandon\w*|halt\w*)\b[^.;]{{0,40}}?\b(?:complaint|case|dispute)\b[^.;]{{0,80}}?\b{WTO}"
            rf"|\b(withdr\w*|drop\w*)\b\s+(?:the |a |its )?{WTO}\s+(?:\(WTO\)\s+)?(?:case|complaint|dispute)",
            re.I,
        ),
    ),
    (
        "wto_complaint_filed",
        re.compile(
            rf"\b(fil(?:e|es|ed|ing)|lodg\w*|launch\w*|initiat\w*|submit\w*|brought|bring\w*|reopen\w*|resum\w*)\b[^.;]{{0,40}}?\b(?:complaint|case|challenge|petition|dispute|suit)\b[^.;]{{0,40}}?\b{WTO}"
            rf"|\b(reopen\w*|resum\w*|launch\w*|initiat\w*|fil(?:e|es|ed|ing)|lodg\w*)\b[^.;]{{0,10}}?\b{WTO} (?:dispute )?(?:complaint|case|challenge|dispute)"
            rf"|\b(complain\w*) to the {WTO}"
            rf"|\b(request\w*|seek\w*|sought) (?:WTO )?(?:dispute (?:settlement )?)?(?:consultations|(?:the )?(?:establishment of )?a (?:WTO )?(?:dispute settlement )?panel)"
            rf"|\b(seek\w*|sought) {WTO} panel"
            rf"|\b(ask\w*|request\w*|call\w* on) (?:the )?{WTO} to (?:set up|establish)",
            re.I,
        ),
    ),
    (
        "add_to_preferred_list",
        re.compile(
            rf"\b(restor\w*|reinstat\w*|re-?add\w*|re-?includ\w*|re-?designat\w*|add(?:s|ed|ing)?|return\w*|put\w* (?:\w+ )?back)\b[^.;]{{0,90}}?\b{PREFERRED}"
            # "will move the Philippines into Group A", "moved India into its 'Ga' group of preferred … destinations"
            rf"|\b(mov(?:e|es|ed|ing)|upgrad\w*)\b(?!\s+(?:in)?to\b)[^.;]{{1,40}}?\b(?:in)?to\s+(?:its\s+|the\s+)?[‘'\"“]?"
            rf"(?:{PREFERRED}|Ga\b)(?!\s+of\s+the\s+(?:tournament|competition|league|qualif\w*))",
            re.I,
        ),
    ),
    (
        "remove_from_preferred_list",
        re.compile(
            rf"\b(remov\w*|strik\w*|struck|strip\w*|cut\w*|delet\w*|downgrad\w*|exclud\w*|took [\w' ]{{0,20}}off|taken [\w' ]{{0,20}}off)\b[^.;]{{0,70}}?\b{PREFERRED}"
            # "would move Argentina from Group A", "moved … out of its white list"
            rf"|\b(mov(?:e|es|ed|ing))\b[^.;]{{0,40}}?\b(?:from|out of)\s+(?:its\s+|the\s+)?[‘'\"“]?{PREFERRED}"
            rf"|\b(downgrad\w*)\b [\w ]{{0,20}}? from (?:its|their) own",
            re.I,
        ),
    ),
    (
        "lift_licence_requirement",
        re.compile(
            rf"\b(lift\w*|remov\w*|eas(?:e|es|ed|ing)|roll\w* back|drop\w*|scrap\w*|relax\w*|suspend\w*|exempt\w*|hold\w* off on)\b[^.;]{{0,60}}?\b{CURBS}"
            # controls paused ("decision to pause several newly announced … export controls", "China Hits “Pause” on
            # Rare-Earth Export Controls"): the controls head the short noun phrase right after the verb (never "hit
            # pause on trade talks … after Beijing tightened export controls", "after pausing for a year", "the paused
            # export controls", nor the noun: "when the 90-day pause is over")
            rf"|(?<!\bthe )(?<!\ba )\b(paus(?:es|ed|ing)|pause(?=\s+(?:the|its|their|all|several|some|these|those|\w+ly)\b)"
            rf"|hit(?:s|ting)?\s+[“\"‘']?pause[”\"’']?\s+on)\s+(?:(?:the|its|their|all|several|some|these|those)\s+)?"
            rf"(?:(?!(?:on|in|for|to|with|after|before|of|that|which|approvals?|authori[sz]ations?|permits?)\b)[\w-]+\s+){{0,5}}?"
            rf"{CURBS}"
            # "announced a recission of the Biden administration's January 15, 2025 Artificial Intelligence Diffusion
            # Interim Final Rule": a rule's long name between the revocation and the word "rule"
            r"|\b(rescind\w*|repeal\w*|revo(?:k\w*|cation)|re(?:s|)ciss?ion)\b[^.;]{0,100}?\b(?:rule|regulation|controls?|restrictions?|curbs?|ban)\b"
            # a rule suspended by its name ("will suspend BIS's recently enacted Affiliates Rule", "suspend its Foreign
            # Direct Product Rule"): only a possessive, "recently enacted" and capitalised words of the rule's title
            # between, never parties suspended for breaking a rule nor "the rule that allowed …" (whose end tightens)
            r"|\b(suspend(?:s|ed|ing)?)\s+(?:the\s+|its\s+|their\s+|(?-i:[A-Z]{2,5})[’']s\s+)?"
            r"(?:(?:recently|newly)\s+)?(?:(?:enacted|issued|adopted|introduced)\s+)?(?:(?-i:[A-Z“\"][\w’'”\"-]*)\s+){0,5}?"
            r"(?:rule|regulation)s?\b(?!\s+(?:that|which|allowing|permitting|letting)\b)"
            # a control suspended, told as a noun ("announced the suspension of Unreliable Entity List measures against
            # 17 U.S. entities"); never the exports suspended ("a suspension of wheat exports": a halt)
            rf"|\b(suspensions?)\s+of\s+(?:the\s+|its\s+|their\s+)?(?:(?!(?:re-?)?exports?\b)[\w-]+\s+){{0,4}}?"
            rf"(?:{CURBS}|{LISTS}\s+measures)"
            # a restriction ended ("put an end to the ban on sugar exports", "ended its export ban on onions")
            r"|\b(put(?:s|ting)? an end to|end(?:s|ed|ing)?|terminat(?:e|es|ed|ing))\s+(?:the\s+|its\s+|their\s+|a\s+)?"
            r"(?:(?!(?:as|when|after|before|because|while|with|by)\b)[\w-]+\s+){0,3}?(?:ban|embargo|prohibition|restrictions?|curbs?)\b"
            # exports let start again ("allowed exports of onions to resume", "will allow wheat exports to resume"),
            # parties taken off a control list ("removed 30 Chinese entities from the Entity List")
            r"|\b(allow(?:s|ed|ing)?|permit(?:s|ted|ting)?|let(?:s|ting)?)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?exports?\s+"
            r"(?:of\s+(?:[\w-]+\s+){1,3}?)?to\s+resume\b"
            # "allowed sugar mills to resume exports" (never "resumed exports" alone: trade picking up again, a firm's)
            r"|\b(allow(?:s|ed|ing)?|permit(?:s|ted|ting)?)\s+(?:[\w-]+\s+){1,3}?to\s+resume\s+(?:[\w-]+\s+)?exports?\b"
            # a general licence issued for exports ("issued a general licence allowing exports of … to Syria")
            r"|\b(issu\w*|grant\w*)\s+(?:a\s+|an\s+|new\s+)?general\s+(?:export\s+)?licen[cs]es?\b[^.;]{0,40}?\b(?:allow|permit|authori[sz])\w*"
            r"\s+(?:[\w-]+\s+){0,3}?(?:(?:re-?)?exports?\b|(?:technolog\w*|goods|items|equipment|products|components"
            r"|software|chips|semiconductors|arms|weapons)\s+to\s+be\s+(?:sold|exported|shipped|transferred)\b)"
            rf"|\b(remov\w*|delet\w*|delist\w*|took\s+[\w\s]{{0,30}}?\s+off|taken\s+[\w\s]{{0,30}}?\s+off)\b(?![^.;]{{0,100}}?\b(?:tax|currency|intellectual|Special 301|money[- ]laundering|FATF)\b)[^.;]{{0,100}}?"
            rf"\b(?:from|off)\s+(?:its|the|their|a)\s+(?:[\w\u2024-]+\s+){{0,3}}{LISTS}",
            re.I,
        ),
    ),
    (
        # a licence review policy changed ("shifted from a presumption of denial to case-by-case", "changes the export
        # license review policy for … chips destined for China"): which way is told by REVIEW_DIRECTION
        "review_policy",
        re.compile(
            r"\b(chang\w*|revis\w*|shift\w*|relax\w*|eas(?:e|es|ed|ing)|modif\w*|amend\w*|loosen\w*|tighten\w*|updat\w*)\b"
            r"[^.;]{0,40}?\b(?:export |the |its )?(?:licen[cs](?:e|ing) )?review polic(?:y|ies)\b"
            r"|\b(?:licen[cs](?:e|ing) )?review polic(?:y|ies)\b[^.;]{0,20}?\b(?:has|have|was|were|is)?\s*(shift\w*|chang\w*|mov\w*)"
            r" from\b",
            re.I,
        ),
    ),
    (
        # a quota on exports raised ("raised the export quota for nitrogen fertilizers by 750,000 tons", "the export
        # quotas … have been temporarily increased"): more may be shipped, an easing (never a new restriction)
        "lift_licence_requirement",
        re.compile(
            r"\b(rais(?:e|es|ed|ing)|increas\w*|expand\w*|enlarg\w*|doubl\w*)\b (?:the |its |their |a )?(?:[\w,-]+ ){0,2}?"
            r"export quotas?\b"
            r"|\bexport quotas?\b[^.;]{0,80}?\b(?:have|has) been (?:\w+ly )?(increased|raised|expanded)\b",
            re.I,
        ),
    ),
    (
        "add_export_restriction",
        re.compile(
            # ("adding further force to the … package of sanctions" adds weight, not a measure)
            rf"\b(tighten\w*|impos\w*|expand\w*|introduc\w*|add\w*(?!\s+(?:further\s+|more\s+|new\s+)?(?:force|weight|pressure|momentum|impetus|fuel)\b)"
            rf"|clamp\w* down|strengthen\w*|implement\w*|unveil\w*"
            rf"|put(?:s|ting)? (?:an? |new )?(?=restriction|ban|curb|control|limit)|initiat\w*|authori[sz]\w*"
            rf"|announc\w*|adopt\w*|enact\w*|extend\w*|publish\w*|releas\w*|issu\w*|roll\w* out|modif\w*|broaden\w*"
            rf"|levell?(?:ed|ing|ies|ied|y)|levied|slapp\w*)\b[^.;]{{0,60}}?\b{CURBS}"
            # (never the controls as a field that names something else: "publishes export control compliance code of
            # practice", "issued export control guidance")
            r"(?!\s+(?:compliance|guidance|codes?|training|seminars?|webinars?|courses?|officers?|professionals?|profession"
            r"|teams?|units?|experts?|handbooks?|manuals?|conferences?|forums?|newsletters?|awareness)\b)"
            # an embargo or a quota ordered or established as the verb's own object ("has ordered an arms embargo on
            # Cambodia", "established export quotas"; never "establish a dialogue on export controls"), a quota cut
            rf"|\b(ordered|ordering|establish\w*)\s+(?:an?\s+|new\s+|the\s+)?(?:[\w-]+\s+){{0,1}}?{CURBS}"
            # a suspension of the exports themselves ordered ("has ordered an immediate six-month suspension on the
            # export of raw shea nuts"), never of a levy, a duty or one firm's ("suspension of grain exports by four
            # companies"), nor its end ("the end of the suspension of coal exports")
            r"|\b(order(?:s|ed|ing)?|impos\w*|announc\w*|declar\w*)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:suspension|moratorium)\s+(?:on|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?exports?\b"
            r"(?!\s+(?:levy|levies|dut(?:y|ies)|tax(?:es)?|tariffs?|by)\b)"
            r"|\b(orders)\s+(?:an?\s+)?(?:arms |military |weapons? )embargo"
            r"|\b(cut(?:s|ting)?|reduc\w*|lower(?:s|ed|ing)?)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?export quotas?\b"
            # an export made subject to an authorisation ("by requiring that exports of such equipment … are subject
            # to an export authorisation"; not "which requires …", a standing rule described)
            r"|\b(requiring|required)\b[^.;]{0,80}?\bsubject to (?:an? |prior )?(?:export )?"
            r"(?:authori[sz]ation|licen[cs](?:e|ing)|permit)s?\b"
            # new approvals of exports paused ("is pausing approvals of pending applications for liquefied natural
            # gas exports"), and a stop put to them ("put a halt to the signing of new export contracts")
            r"|\b(paus\w*|freez\w*)\b (?:[\w-]+ ){0,4}?(?:approvals?|authori[sz]ations?|permits?)\b[^.;]{0,60}?\bexports?\b"
            r"|\b(put(?:s|ting)?) (?:a |an )?(?:halt|stop) to (?:the )?(?:signing of )?(?:new |all )?(?:[\w-]+ )?export"
            r" (?:contracts|licen[cs]es|permits|approvals)\b"
            # every licence for a destination suspended or revoked ("all extant and new dual-use licences to Russia
            # have been suspended"): shipments stop; not some licences ("suspending around 30 arms export licences
            # to Israel" is a licence decision, guideline §2)
            r"|\b(suspend\w*|revok\w*)\b all (?:[\w“”\"'-]+ ){0,4}?(?:export )?licen[cs]es\b"
            r"|(?<!\d )(?<!around )(?<!some )(?<!about )\b(?:dual-use |export |arms )?licen[cs]es (?:to|for) [^.;\d]{0,40}?"
            r"\b(?:have|has) been (suspended|revoked)\b"
            r"|\b(clamp\w* down on)\b[^.;]{0,30}\bexports"
            # the list of goods that need a permit widened in the passive ("the list of strategic goods … needing a
            # strategic goods permit will be expanded"): more goods controlled
            # (never the goods that need none: "the list of goods that need no export licence", "items not requiring")
            r"|\bthe list of (?:[\w-]+\s+){0,3}?(?:goods|items|products|technolog(?:y|ies))\b"
            r"(?:(?!\b(?:no|not|without|exempt\w*)\b)[^.;]){0,100}?"
            r"\b(?:need\w*|requir\w*|subject to)\s+(?!no\b|not\b)(?:an?\s+|prior\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:permits?|licen[cs]es?|authori[sz]ations?)\b"
            r"[^.;]{0,20}?\b(?:will be|has been|have been|was|were|is being)\s+(expanded|extended|broadened|widened)\b"
            # a ban told in the passive on the transfer itself ("A ban is imposed on the transfer (including export,
            # transit, and transshipment) to Russia of all items listed as Military Goods")
            r"|\b(?:ban|prohibition|embargo)\s+(?:is|was|has been|have been|will be)\s+(imposed)\s+on\s+(?:the\s+)?"
            r"(?:transfer|exports?|sale|supply)\b"
            # a package of sanctions approved ("the European Union Council approved the 12th sanctions package against
            # Russia"), never licences approved under a control ("approves first licenses … since export controls …")
            rf"|\b(approv\w*)\s+(?:[\w-]+\s+){{0,4}}?(?:{SANCTIONS_PACKAGE}|(?:arms|military|weapons?) embargo)"
            # "it is blacklisting 28 Chinese entities": the verb names the listing
            r"|\b(blacklist(?:s|ed|ing))\b"
            r"|\b(requir\w*)\b (?:an? )?(?:export )?(?:licen[cs]es?|permits?|permission|approval)\b(?! (?:was|were) (?:granted|approved))"
            # "will require exporters to obtain a licence before shipping", "requiring exporters of drones to obtain
            # SCOMET licences"
            r"|\b(requir(?:e|es|ed|ing))\s+(?:all\s+)?(?:exporters|companies|firms|shippers|producers)\b(?:\s+of\s+(?:[\w-]+\s+){1,3}?)?"
            r"\s*to\s+(?:first\s+)?(?:obtain|get|seek|apply\s+for|secure|hold)\s+(?:an?\s+|prior\s+|government\s+)?"
            r"(?:[\w-]+\s+)?(?:export\s+)?(?:licen[cs]es?|permits?|authori[sz]ations?|approvals?)\b"
            # the verb, never the noun ("U.S. restrictions on exports of …" names the act, it does not report it)
            r"|\b(restrict(?:s|ed|ing)?|limit(?:s|ed|ing)?|ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?|curb(?:s|ed|ing)?|halt\w*|suspend\w*|stop(?:s|ped|ping)?)\b"
            r" (?:the |any |all )?(?:(?!(?:on|of|to|for|from|in)\b)[\w-]+ ){0,2}?(?:(?:re-?)?exports?|(?:arms|weapons?|military) (?:shipments|trade|sales))\b"
            # "suspends the export of weapons", never "suspends export tightening" (an easing)
            r"(?!\s+(?:controls?|restrictions?|curbs?|tightening|bans?|licen[cs]\w*|rules?)\b)"
            r"|\b(ban(?:s|ned|ning)?|prohibit\w*|embargo\w*)\b[^.;]{0,20}? export(?:s|ing)?\b"
            # "banned shipments of the two metals to the United States" (a state's ban; a firm halting its own shipments,
            # "TSMC halted shipments of", is no act)
            r"|\b(ban(?:s|ned|ning)?|prohibit(?:s|ed|ing)?)\s+(?:all\s+)?shipments\s+of\b"
            rf"|\b(add\w*|put\w*|plac\w*|includ\w*|nam(?:e|es|ed|ing)|designat\w*)\b[^.;]{{0,150}}?\b(?:to|on|in) (?:its|the|their|a) [“\"‘']?(?:[\w\u2024-]+ ){{0,3}}{LISTS}"
            rf"|\b(updat\w*|amend\w*|revis\w*)\b[^.;]{{0,40}}?\b{LISTS}"
            r"|\b(new|broader|tighter|sweeping|expanded) (?:export )?(?:controls|restrictions|curbs) (?:will|take|took|came|come)"
            # "the Dutch rules on chipmaking machines took effect on Saturday"
            # (never a clause that only times something else: "exports fell in the month after the controls took effect")
            r"|(?<!after )(?<!since )(?<!before )(?<!when )(?<!once )(?<!until )"
            r"\b(new|broader|tighter|sweeping|expanded|the|its|their|(?-i:[A-Z][a-z]+)(?:'s|’s)?)\s+(?:[\w-]+\s+){0,2}(?:export )?"
            r"(?:controls|restrictions|curbs|rules?|regulations?|ordinance|decree)\b[^.;]{0,60}?\b(?:will |would )?"
            r"(?:take|takes|took|come|comes|came|go|goes|went|enter|enters|entered)\s+(?:into\s+)?(?:effect|force)\b"
            # "published new rules on Friday requiring licences for exports of DUV systems"
            r"|\b(publish\w*|issu\w*|adopt\w*|unveil\w*|introduc\w*|announc\w*|laid)\b[^.;]{0,30}?"
            r"\b(?:rules?|regulations?|requirements?|ordinance|decree)\b[^.;]{0,40}?"
            r"\b(?:requir\w* (?:a )?licen[cs]\w*|restrict\w*|that restrict|to restrict)\b[^.;]{0,40}?\bexports?\b"
            # the act in the passive after its object: "new trade sanctions on Russia was introduced on 28 October",
            # "export control measures that were made public by the MOC … on Monday"
            rf"|\b(?:new|additional|further|tighter|the)\s+(?:[\w-]+\s+){{0,2}}{CURBS}[^.;]{{0,60}}?\b(?:was|were|has been|have been)\s+"
            r"(introduced|imposed|adopted|made public|published|announced|unveiled|issued|tightened|expanded)\b"
            # a regulation published in the official journal ("… was published in the Official Journal of the
            # European Union on June 9", "… published in the Federal Register"): the journal names the state
            r"|\b(?:regulation|rules?|ordinance|decree|amendment|final rule)s?\b[^.;]{0,60}?\b(?:was|were|has been|have been|is|are)\s+"
            r"(published|adopted|promulgated)\b[^.;]{0,20}?\bin the (?:EU )?(?:Official Journal|Federal Register|Gazette)\b",
            re.I,
        ),
    ),
]
#: Which way a licence review policy moved: to case-by-case review or approval eases, to denial restricts.
REVIEW_EASE = re.compile(
    r"\bfrom (?:a |the )?(?:policy of |presumption of )*denial\b[^.;]{0,40}?\bto (?:a )?(?:case[- ]by[- ]case|approval"
    r"|presumption of approval)|\brelax\w* (?:licen[cs](?:e|ing) )?review polic",
    re.I,
)
REVIEW_TIGHTEN = re.compile(
    r"\bfrom (?:a |the )?(?:case[- ]by[- ]case|presumption of approval)\b[^.;]{0,40}?\bto (?:a )?(?:policy of |presumption of )*denial"
    r"|\btighten\w* (?:licen[cs](?:e|ing) )?review polic",
    re.I,
)


def review_direction(sent: str, document: str) -> str | None:
    """The action a review-policy change is: told in its sentence, else in the text; ``None`` when not told or
    told both ways (then the change is not read at all rather than guessed)."""
    for scope in (sent, document):
        ease, tighten = bool(REVIEW_EASE.search(scope)), bool(REVIEW_TIGHTEN.search(scope))
        if ease != tighten:
            return "ease_export_restriction" if ease else "add_export_restriction"
        if ease and tighten:
            return None
    return None


REVIEW_POLICY = next(rx for name, rx in TRIGGERS if name == "review_policy")
#: Inside a trigger a clause runs on through the dots of initials ("added 28 U.S. entities to its list"):
#: they are masked (same length, so offsets hold) before the triggers are matched.
INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}")


def _mask_initials(sent: str) -> str:
    return INITIALS.sub(lambda m: m.group(0).replace(".", "\u2024"), sent) if "." in sent else sent


TALK = re.compile(r"\b(?:talk(?:s|ing)? (?:about|on)|discuss(?:es|ed|ing)?|negotiat\w*)\s+(?:\w+\s+){0,3}$", re.I)
CLAUSE_END = re.compile(r",|;| while | as | but | — | even as ")
#: Where the states a restriction is aimed at stop being listed (commas in item lists do not end it).
WIDE_CLAUSE_END = re.compile(
    r";| while | as | but | — | even as | amid | after | a day after |, which |, according|, (?:in )?a move\b| in a (?:step|move|bid)\b"
    # the reason given ("orders arms embargo on Cambodia, cites Chinese influence"): whose influence is no target
    r"|, (?:citing|cites|cited)\b"
)
CONDITIONAL = re.compile(r"^\s*if\b", re.I)
#: Words that make the act a possibility, a wish or a rumour, not an act (guideline §3): said of the
#: actor before the trigger ("is considering exempting", "urging the Netherlands to stop", "may ban").
HEDGE = re.compile(
    r"\b(consider\w*|weigh\w*|mull\w*|explor\w*|evaluat\w*|look\w* into|possibl[ey]|(?-i:may)|might|could|urg\w*"
    r"|press(?:es|ed|ing)\b|pressur\w*|push\w*|call\w* (?:on|for)|ask\w*|wants?|want(?:ed|ing)|expected|expects?|likely|poised"
    r"|nearly(?!\s+\d)|close to(?!\s+\d)|threat\w*|warn\w*|hint\w*|signs? of|rumou?r\w*|reportedly|potential|speculat\w*|if adopted"
    r"|seeking help|encourag\w*|not yet|yet to|opposes?|opposed|oppos(?:ing|ition)|criticiz\w*|condemn\w*|protest\w*"
    r"|review(?:ing)? (?:of )?(?:its|the)|would have|hop(?:e|es|ed|ing) to|claim\w*|aim\w* at|reports? that|the (?:recent |latest )?news that"
    r"|ready to|whether|toward|towards|request|recommend(?:s|ed|ing)?|demand\w*|rul(?:e|es|ed|ing) out|soon|promis\w*|pledg\w*|vow\w*|(?:its|the|a) right to|(?:efforts?|bid|attempts?)(?: by [\w ]{1,30}?)? to|concern\w*|worr\w*|fac\w+ challenges)\b",
    re.I,
)
#: "would" is reported speech of an act when a government announces it ("METI announced that ... the
#: country would lift"), a rumour when a report or a claim carries it ("Bloomberg reported Japan would").
RUMOUR = re.compile(r"\b(report\w*|sources?|people familiar|according to|claim\w*|suggest\w*)\b", re.I)
WOULD = re.compile(r"\bwould\b", re.I)
NEGATION = re.compile(
    # "no" before a number is "No 428/2009" (a regulation's number), not a negation
    r"\b(not|no(?!\.?\s*\d)|never|neither|nor|without|stopping short of|rather than|instead of)\b|n't\b"
    # "EU ambassadors failed on Tuesday to approve the 20th sanctions package": the act was not done
    r"|\b(?:fail(?:s|ed)?|refus(?:es|ed)?)\s+(?:\w+\s+){0,3}?to\s*$"
    r"|\bden(?:y|ies|ied|ying) (?:that|it|any|reports?)\b",
    re.I,
)
#: An earlier year right after a listing's verb, in its clause ("blacklisted in 2019", "… entities since 2018").
RECALLED_YEAR_AFTER = re.compile(
    r"[^,;.]{0,50}?\b(?:in|since|during)\s+(?:the\s+)?(?:late\s+|early\s+)?((?:19|20)\d\d)\b"
)
#: A sentence that reports a saying or a proposal before its act ("On 9 February, the Commerce Department said its new
#: controls take effect", "the Commission proposed that the new restrictions enter into force"): its day is the
#: saying's, not the act's start.
SAID_OR_PROPOSED = re.compile(r"\b(?:said|says|announced|propos\w*|suggest\w*|recommend\w*|plan\w*|expect\w*)\b", re.I)
#: An intention ("plans to restrict") is a measure only when a formal vehicle carries it (a draft, a
#: public comment, a letter to parliament): then it is ``proposed``; otherwise nothing.
INTENT = re.compile(r"\b(plans?|planning|planned|intends?|intending|aims?|aiming|hoping|seeks?|seeking)\b", re.I)
#: A plan a government has adopted is its decision ("Japan's cabinet on Friday approved a plan to remove South Korea
#: from a whitelist"): not an intention. A bill approved by a cabinet goes on to parliament: not named here.
ADOPTED_PLAN = re.compile(
    r"\b(?:approved|adopted|endorsed|signed off on|finali[sz]ed)\s+(?:a|an|the|its)\s+(?:[\w-]+\s+){0,2}?plans?\s+to\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.I,
)
FORMAL = re.compile(
    r"public (?:comment|opinion|consultation)s?|comments? from the public|seeking (?:public )?(?:opinions|comments)"
    r"|\bdraft\b|letter to (?:the )?(?:[\w’']+ )?parliament|written (?:ministerial )?statement|proposed rule|notice of proposed"
    r"|意見公募|意見募集|意見を募|パブリックコメント|行政予告|행정\s?예고|의견\s?수렴|手続きに着手|절차에 착수",
    re.I,
)
#: The act is recalled, not reported: "had imposed", "previously joined", "Earlier this month, Seoul
#: filed", "in response, Korea downgraded", "curbs that have been in force since".
PAST = re.compile(
    r"\b(had|previously|earlier|already|back in|once|since|after|following|amid|ago|prior|later)\b"
    r"|\b(?:complaint|case|dispute|challenge|protest|opposition|objection|response|retaliation|reaction)s?"
    r" (?:against|over|to|on)\s+(?:[\w’']+\s+){0,3}$"
    r"|\blast (?:year|month|week|november|december|october|september|august|july|june|april|march)\b",
    re.I,
)
EFFECT = re.compile(
    rf"\b(?:take|takes|took|taking|go|goes|went|come|comes|came|enter|enters|entered|put) (?:into |in )?(?:effect|force)\b[^.]{{0,25}}?"
    rf"(?:on |from )?((?:{MONTH_RE}) \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} (?:{MONTH_RE}) \d{{4}}|{WEEKDAY_RE}|the \d{{1,2}}(?:st|nd|rd|th)(?: of next month)?|immediately|today)"
    rf"|\beffective (?:from |on |date: This rule is effective )?(?:\d{{1,2}}:\d{{2}}\s?(?:[ap]\.m\.)?\s)?((?:{MONTH_RE}) \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} (?:{MONTH_RE}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|{WEEKDAY_RE}|immediately|today)"
    # "from 8 November": a day before its month, without the year, is the next such day
    rf"|\b(?:from|as of|starting(?: on)?|is effective|apply from|applies from) ((?:{MONTH_RE}) \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} (?:{MONTH_RE})(?: \d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|the \d{{1,2}}(?:st|nd|rd|th) of next month)"
    r"|\b(?:with )?(immediate) effect\b|\ban (immediate) (?:ban|halt|suspension|prohibition|freeze)\b"
    # "Starting Friday, the country prevents overseas shipment of …", "will halt exports beginning Monday"; a
    # sentence that opens "From Monday," (never "from Monday to Friday")
    rf"|\b(?:starting|beginning)(?: on| from)? ({WEEKDAY_RE})\b|^\s*From (?:next )?({WEEKDAY_RE}),"
    # "banned wheat exports from Wednesday" (the act's own words before it; never "from Monday to Friday", "from
    # Wednesday's close", "meet in Paris from Wednesday")
    rf"|\b(?:exports?|shipments|ban|curbs|restrictions|controls)\b[^.;]{{0,30}}?\bfrom ({WEEKDAY_RE})\b"
    r"(?!['’]s|\s*(?:to|through|till|until|and|-|–)\b)"
    # "In force from today, the recast EU Dual-Use Regulation introduces …"
    r"|\bin (?:effect|force) (?:from|as of|since) (today)\b"
    # "has introduced an immediate permit requirement for all exports", "an immediate export licence requirement"
    r"|\ban (immediate) (?:[\w-]+ ){0,2}?(?:requirement|restrictions?|curbs?|controls?)\b"
    # "expected to take effect by the end of 2025", "from the coming month", "to introduce the restrictions in July",
    # "updated it on June 10" (a list's update is when its additions apply)
    r"|\b(?:take|takes|took|come|comes|came|go|goes|went|enter|enters|entered) (?:into )?(?:effect|force) "
    r"(?:in |by |from |at )?(?:the )?(?:end of |beginning of |start of )?((?:19|20)\d\d)\b"
    r"|\b(?:from|starting|beginning|as of|effective) (?:the )?(?:coming|next) (month)\b"
    rf"|\b(?:introduc|implement|enforc|impos)\w* [^.;]{{0,90}}?\bin ((?:{MONTH_RE})(?: \d{{4}})?)\b"
    rf"|\b(?:list|it) was (?:last )?updated on ((?:{MONTH_RE}) \d{{1,2}}|{WEEKDAY_RE})"
    rf"|\bupdated (?:it|the list) on ((?:{MONTH_RE}) \d{{1,2}}|{WEEKDAY_RE})"
    # "The revised list will be applied from Monday", "effective in early 2024"
    rf"|\b(?:be |is |are )?appl(?:y|ies|ied) (?:from|as of|starting) ({WEEKDAY_RE})"
    r"|\beffective (?:in |from )?(?:early |late |mid-?)?((?:19|20)\d\d)\b"
    # "export restrictions to come into force in September"
    rf"|\b(?:take|takes|come|comes|go|goes|enter|enters) (?:into )?(?:effect|force) (?:in |from |by )((?:{MONTH_RE})(?: \d{{4}})?)\b(?! \d)",
    re.I,
)
#: The words before a date that make it the end of a measure ("till September 30", "until 31 December", "through
#: March 2024"), never the day it was told.
END_DATE_BEFORE = re.compile(r"\b(?:till|until|untill|through|thru|up to|expir\w* on)\s+(?:the end of\s+)?$", re.I)
#: "at midnight Tuesday", "at midnight on August 27": the end of that day.
MIDNIGHT = re.compile(rf"\bat midnight (?:on )?((?:{MONTH_RE}) \d{{1,2}}|{WEEKDAY_RE})\b")
#: The effect is told as past ("took effect on Monday", "was updated on Sunday"): a weekday or date is the last one.
PAST_EFFECT = re.compile(r"\b(?:took|went|came|entered|was|were|became|has|have|had|updated)\b", re.I)


def effective_of(dates: DateResolver, eff: re.Match[str], announced: str | None) -> str | None:
    """The date an effect phrase names, read forward for what will take effect, backward for what took effect.

    "effective Thursday" names no tense: the nearest Thursday (the announcement day, guideline §5).
    """
    value = next(g for g in eff.groups() if g)
    if value.lower() == "today" and dates.published is not None:
        return dates.published.isoformat()  # the day of the text, not of the act it reaches back to
    if value.lower() in ("immediately", "immediate") and not (announced and len(announced) == 10):
        # "took effect immediately after its announcement on Wednesday (December 6)": the day named after it
        told = dates.in_sentence(eff.string[eff.end() : eff.end() + 80], False)
        if told and len(told) == 10:
            return told
    midnight = MIDNIGHT.search(eff.string, eff.start(), eff.end() + 40)
    if midnight is not None and dates.published is not None:
        # "take effect at midnight Tuesday": the midnight that ends Tuesday, so the day after
        ending = dates.expression(midnight.group(1), True)
        if ending and len(ending) == 10:
            return (dt.date.fromisoformat(ending) + dt.timedelta(days=1)).isoformat()
    if re.match(r"effective\b", eff.group(0), re.I) and value.lower() in WEEKDAYS and dates.published is not None:
        back = (dates.published.weekday() - WEEKDAYS[value.lower()]) % 7
        day = dates.published - dt.timedelta(days=back) if back <= 3 else dates.published + dt.timedelta(days=7 - back)
        return day.isoformat()
    return dates.expression(value, not PAST_EFFECT.search(eff.group(0)), announced)


ITEM_PHRASES: list[tuple[re.Pattern[str], list[str]]] = [
    (
        re.compile(
            r"\b(?:three|3) (?:key |critical )?(?:semi-?conductor[- ]related |semiconductor |chip(?:making)? |high-tech )?"
            r"materials\b|\bcritical materials for smartphone displays and chips\b|\bkey semiconductor materials\b",
            re.I,
        ),
        ["jp:3(1)", "jp:5(17)", "jp:7(19)"],
    ),
    (
        re.compile(
            r"\b(?:23 types of [\w-]+ chipmaking technology|chipmaking (?:gear|equipment|technology|tools)|"
            r"semiconductor manufacturing equipment|chip(?:-| )making equipment)\b",
            re.I,
        ),
        [
            "jp:7(16)-cleaning",
            "jp:7(16)-deposition",
            "jp:7(16)-annealing",
            "jp:7(16)-lithography",
            "jp:7(16)-etching",
            "jp:7(16)-inspection",
        ],
    ),
]
STAGE_PROPOSED = re.compile(
    r"\b(public (?:comment|opinion)s?|seeking (?:public )?(?:opinions|comments)|draft|plans? to|"
    r"intends? to|propos\w*|expected to|aims? to|would|will|if)\b",
    re.I,
)
STAGE_DECIDED = re.compile(r"\b(decided|decision|decides|approved|agreed|agree|announced)\b", re.I)


@dataclass
class Evidence:
    text: str
    start: int
    end: int


@dataclass
class Candidate:
    """One measure as reported in one document."""

    document: str
    jurisdiction: str | None
    action: str
    targets: list[str]
    items: list[dict[str, Any]]
    announced: str | None
    effective: str | None
    stage: str
    background: bool
    evidence: list[Evidence]
    confidence: float
    published: str | None = None
    notes: list[str] = field(default_factory=list)
    sentence: int = 0  # index of the sentence that reports it
    lead: bool = False  # told in the headline or lead
    recalled: bool = False  # the wording recalls it ("had", "earlier", "in response")
    past_tense: bool = False  # told in the simple past ("Japan also removed …")
    dated_today: bool = False  # one of the sentence's dates is the publication day ("…は23日、…を改正した")
    #: The words each date was read from ("announced"/"effective" -> text and its offsets in the document).
    date_evidence: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "action": self.action,
            "targets": self.targets,
            "items": self.items,
            "announced": self.announced,
            "effective": self.effective,
            "stage": self.stage,
            "background": self.background,
            "confidence": round(self.confidence, 2),
            "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in self.evidence],
            "document": self.document,
            "published": self.published,
            "notes": self.notes,
            "date_evidence": self.date_evidence,
        }


# ------------------------------------------------------------------------------------- dates


class DateResolver:
    """Resolves news time expressions against the publication date, keeping their precision.

    The rules are the labelling guideline's (§5): a weekday is the most recent such day on or before
    publication (the next one for what "will take effect"), a day without a month is in the
    publication month (the previous month when it would be after publication), "the 21st of next
    month" is the following month, Japanese era years convert (令和7年 = 2025).
    """

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        self.last_month: str | None = None
        #: The last year a Japanese or Korean sentence wrote out (2019年, 2019년), for "同年9月", "같은 해 9월".
        self.last_year: int | None = None

    def _month(self, name: str, year: str | None, future: bool) -> str | None:
        if self.published is None and not year:
            return None
        m = MONTHS[name.lower().rstrip(".")]
        if year:
            return f"{int(year):04d}-{m:02d}"
        assert self.published is not None
        y = self.published.year
        if future and m < self.published.month:
            y += 1
        if not future and m > self.published.month:
            y -= 1
        return f"{y:04d}-{m:02d}"

    def _day(self, month: str, day: str, year: str | None, future: bool) -> str | None:
        """A month and day: without a year, the one nearest publication on the side the tense says, within a week.

        Why not the month's year: "effective as of November 30" in a text of 2 December is two days back, not a
        year ahead, though the sentence looks forward (heldout16 001), and "December 30" told on 2 January is three
        days back; a week of slack either way, as for days. A 29 February is looked for only in leap years.
        """
        if year or self.published is None:
            ym = self._month(month, year, future)
            if ym is None:
                return None
            try:
                return dt.date(int(ym[:4]), int(ym[5:]), int(day)).isoformat()
            except ValueError:
                return None
        m, p, week = MONTHS[month.lower().rstrip(".")], self.published, dt.timedelta(days=7)
        days = []
        for y in (p.year - 1, p.year, p.year + 1):
            try:
                days.append(dt.date(y, m, int(day)))
            except ValueError:
                continue
        ahead = [d for d in days if d >= p - week]
        back = [d for d in days if d <= p + week]
        if future and ahead:
            return min(ahead).isoformat()
        return max(back).isoformat() if back else None

    def day_of_month(self, day: int, months_ahead: int = 0, future: bool = False) -> str | None:
        """A day named without its month ("the 27th", 28日, 28일): this month, or the last when still to come."""
        if self.published is None:
            return None
        y, m = self.published.year, self.published.month + months_ahead
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
        if months_ahead == 0 and not future and day > self.published.day:
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        if months_ahead == 0 and future and day < self.published.day - 7:
            y, m = (y, m + 1) if m < 12 else (y + 1, 1)
        try:
            return dt.date(y, m, day).isoformat()
        except ValueError:
            return None

    def _weekday(self, name: str, future: bool) -> str | None:
        if self.published is None:
            return None
        target = WEEKDAYS[name.lower()]
        delta = (self.published.weekday() - target) % 7
        d = self.published - dt.timedelta(days=delta)
        if future and d < self.published:
            d += dt.timedelta(days=7)
        return d.isoformat()

    def expression(self, text: str, future: bool, announced: str | None = None) -> str | None:
        """The date a single expression names (ISO, YYYY-MM or YYYY), or None.

        "effective immediately" is the announcement day when the text gives one, else the publication day.
        """
        t = text.strip()
        low = t.lower()
        if low in ("immediately", "today", "immediate"):
            if announced and len(announced) == 10:
                return announced
            return self.published.isoformat() if self.published else None
        m = re.fullmatch(rf"({MONTH_RE}) (\d{{1,2}})(?:, (\d{{4}}))?", t, re.I)
        if m:
            return self._day(m.group(1), m.group(2), m.group(3), future)
        m = re.fullmatch(rf"(\d{{1,2}}) ({MONTH_RE})", t, re.I)
        if m:
            return self._day(m.group(2), m.group(1), None, future)
        m = re.fullmatch(rf"({WEEKDAY_RE})", t, re.I)
        if m:
            return self._weekday(m.group(1), future)
        m = re.fullmatch(r"the (\d{1,2})(?:st|nd|rd|th)( of next month)?", t, re.I)
        if m:
            return self.day_of_month(int(m.group(1)), 1 if m.group(2) else 0, future)
        if low == "month" and self.published is not None:  # "from the coming month", "from next month"
            p = self.published
            return f"{p.year + 1:04d}-01" if p.month == 12 else f"{p.year:04d}-{p.month + 1:02d}"
        if re.fullmatch(r"(?:19|20)\d\d", t):
            return t
        m = re.fullmatch(rf"({MONTH_RE})(?: (\d{{4}}))?", t, re.I)
        if m:
            return self._month(m.group(1), m.group(2), future)
        return self._explicit(t)

    def _explicit(self, text: str) -> str | None:
        """Other complete dates: "21 July 2023", "July 21, 2023", "2023-07-21"."""
        m = re.fullmatch(rf"(\d{{1,2}}) ({MONTH_RE}),? (\d{{4}})", text, re.I)
        if m:
            return self._day(m.group(2), m.group(1), m.group(3), False)
        m = re.fullmatch(rf"({MONTH_RE}) (\d{{1,2}}),? (\d{{4}})", text, re.I)
        if m:
            return self._day(m.group(1), m.group(2), m.group(3), False)
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            return None

    def in_sentence(self, text: str, future: bool) -> str | None:
        """The first time expression of a sentence (not an effect date) and whether it is in the past year(s)."""
        patterns: list[tuple[re.Pattern[str], Any]] = [
            (
                re.compile(rf"\b(\d{{1,2}} (?:{MONTH_RE}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b"),
                lambda m: self._explicit(m[1]),
            ),
            (
                re.compile(rf"\b({MONTH_RE}) (\d{{1,2}})(?:(?:st|nd|th|rd)?, (\d{{4}}))?\b"),
                lambda m: self._day(m[1], m[2], m[3], future),
            ),
            (  # "announced 26 March that": a day before its month, the year the publication's
                re.compile(rf"\b(\d{{1,2}}) ({MONTH_RE})\b(?!,? \d{{4}})"),
                lambda m: self._day(m[2], m[1], None, future),
            ),
            (
                re.compile(
                    # never "until November": when an act ends, not when it was told (``END_DATE_BEFORE``)
                    rf"\b(?:in|since|from|by|during|early|late|mid-?) ({MONTH_RE})(?: (\d{{4}}))?\b",
                    re.I,
                ),
                lambda m: self._month(m[1], m[2], future),
            ),
            (re.compile(rf"^\s*({MONTH_RE}),?\b"), lambda m: self._month(m[1], None, future)),
            (re.compile(r"\blater that month\b", re.I), lambda m: self.last_month),
            (
                re.compile(r"\b(?:earlier|later) this month\b|\bthis month\b", re.I),
                lambda m: self.published.strftime("%Y-%m") if self.published else None,
            ),
            (
                re.compile(r"\blast month\b", re.I),
                lambda m: (
                    (self.published.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m") if self.published else None
                ),
            ),
            (
                re.compile(r"\b(?:on|since) the (\d{1,2})(?:st|nd|rd|th)\b", re.I),
                lambda m: self.day_of_month(int(m[1]), 0, future),
            ),
            (re.compile(rf"\b(?:on |last |this )?({WEEKDAY_RE})\b"), lambda m: self._weekday(m[1], future)),
            (
                re.compile(r"\b(today|this morning)\b", re.I),
                lambda m: self.published.isoformat() if self.published else None,
            ),
        ]
        best: tuple[int, str] | None = None
        for rx, fn in patterns:
            for m in rx.finditer(text):
                if (
                    EFFECT.search(text[max(0, m.start() - 30) : m.end() + 2])
                    and "effect" in text[max(0, m.start() - 30) : m.start()].lower()
                ):
                    continue
                if END_DATE_BEFORE.search(text[max(0, m.start() - 14) : m.start()]):
                    continue  # "has banned the export of sugar till September 30": when it ends, not when it was told
                value = fn(m)
                if value and (best is None or m.start() < best[0]):
                    best = (m.start(), value)
                break
        return best[1] if best else None

    def remember(self, text: str) -> None:
        m = re.search(rf"\b(?:in|since|during) ({MONTH_RE})(?: (\d{{4}}))?\b", text, re.I)
        if m:
            self.last_month = self._month(m[1], m[2], False)

    # ------------------------------------------------------------------ Japanese and Korean

    CJK_FULL = re.compile(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]")
    CJK_ERA = re.compile(r"(令和|平成)\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
    CJK_ERA_PART = re.compile(r"(令和|平成)\s*(元|\d{1,2})\s*年(?:\s*(\d{1,2})\s*月)?(?!\s*\d{1,2}\s*日)")
    CJK_FISCAL = re.compile(r"((?:19|20)\d\d)\s*年度")
    CJK_MONTH_DAY = re.compile(
        r"(来月|다음\s?달|내달|翌月|今月|이달|先月|지난달)?\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]"
    )
    #: The year word before a month ("来年1月1日から", "내년 9월 30일까지", "昨年12月"): next, this or last year.
    CJK_YEAR_SHIFT: ClassVar[dict[str, int]] = {
        **dict.fromkeys(("来年", "明年", "내년"), 1),
        **dict.fromkeys(("今年", "本年", "올해", "금년"), 0),
        **dict.fromkeys(("昨年", "去年", "작년", "지난해"), -1),
    }
    CJK_YEAR_WORD = re.compile(rf"({'|'.join(CJK_YEAR_SHIFT)})\s*(?:の\s*)?$")
    CJK_DAY = re.compile(
        r"(来月|다음\s?달|내달|翌月|오는|지난달|先月|지난)?\s*(?<![\d.])(\d{1,2})\s*[日일](?!\s*(?:本|간|동안|間))"
    )
    CJK_DOT = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\s?일")  # "2.28일": 28 February
    CJK_YEAR_MONTH = re.compile(r"((?:19|20)?\d\d)\s*[年년]\s*(\d{1,2})\s*[月월](?!\s*\d{1,2}\s*[日일])")
    CJK_MONTH = re.compile(r"(?<![\d年년])(\d{1,2})\s*[月월](?!\s*\d{1,2}\s*[日일])")
    #: A month of the year last written out ("2019年7月…。これに対抗し韓国政府は同年9月", "같은 해 9월", "그해 9월").
    CJK_SAME_YEAR = re.compile(r"(?:同年|같은\s?해|그해)\s*(\d{1,2})\s*[月월](?:\s*(\d{1,2})\s*[日일])?")
    #: A year written out (2019年, 19年7月, 2019년) or told from the last one (翌年, 이듬해: the next; 前年, 전년: the one
    #: before).
    CJK_YEAR = re.compile(
        # (two digits only before a month: "19年7月", never "30年ぶり", "10年間")
        r"(?<!\d)((?:19|20)\d\d|\d\d(?=\s*[年년]\s*\d{1,2}\s*[月월]))\s*[年년](?!度)"
        r"|(翌年|이듬해|다음\s?해|그\s?다음\s?해)|(前年|전년|그\s?전\s?해)"
    )

    def _year_after(self, text: str, year: int | None) -> int | None:
        """The year last written in ``text``, counting 翌年/前年 on from ``year`` (the last one before it)."""
        for m in self.CJK_YEAR.finditer(text):
            if m[1]:
                year = int(m[1]) if len(m[1]) == 4 else 2000 + int(m[1])
            elif year is not None:
                year += 1 if m[2] else -1
        return year

    def remember_year(self, text: str) -> None:
        """Keep the last year ``text`` writes out, for a later sentence's "同年" (the same year)."""
        self.last_year = self._year_after(text, self.last_year)

    def _year_shift(self, text: str, start: int) -> int | None:
        """The years from the publication's that a year word just before ``start`` names (来年 +1, 今年 0, 昨年 -1)."""
        word = self.CJK_YEAR_WORD.search(text[max(0, start - 6) : start])
        return self.CJK_YEAR_SHIFT[word[1]] if word else None

    def cjk_dates(self, text: str) -> list[tuple[int, int, str]]:
        """Every date written in Japanese or Korean in ``text``: (start, end, ISO date of any precision).

        Era dates go through the engine's own parser (``parse_date``), so 令和7年10月9日 is read as
        everywhere else in exportctl.
        """
        from exportctl.engine.query import parse_date
        from exportctl.errors import InputError

        out: list[tuple[int, int, str]] = []
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return not any(x < b and a < y for x, y in taken)

        for m in self.CJK_SAME_YEAR.finditer(text):
            # the year last written before it, in this sentence ("2019年7月に…、同年8月には") or an earlier one
            year, mo = self._year_after(text[: m.start()], self.last_year), int(m[1])
            if year is None or not 1 <= mo <= 12:
                continue
            try:
                same = dt.date(year, mo, int(m[2])).isoformat() if m[2] else f"{year:04d}-{mo:02d}"
            except ValueError:
                continue
            out.append((m.start(), m.end(), same))
            taken.append((m.start(), m.end()))
        for m in self.CJK_ERA.finditer(text):
            try:
                out.append((m.start(), m.end(), parse_date(m.group(0)).isoformat()))
                taken.append((m.start(), m.end()))
            except InputError:
                continue
        for m in self.CJK_ERA_PART.finditer(text):  # 令和7年10月, 令和7年: month or year precision
            if free(m.start(), m.end()):
                first = 2019 if m[1] == "令和" else 1989
                year = first + (0 if m[2] == "元" else int(m[2]) - 1)
                era = f"{year:04d}-{int(m[3]):02d}" if m[3] and 1 <= int(m[3]) <= 12 else f"{year:04d}"
                out.append((m.start(), m.end(), era))
                taken.append((m.start(), m.end()))
        for m in self.CJK_FISCAL.finditer(text):  # 2024年度から: Japan's fiscal year starts in April
            if free(m.start(), m.end()):
                out.append((m.start(), m.end(), f"{int(m[1]):04d}-04"))
                taken.append((m.start(), m.end()))
        for m in self.CJK_FULL.finditer(text):
            if free(m.start(), m.end()):
                try:
                    out.append((m.start(), m.end(), dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()))
                except ValueError:
                    continue
                taken.append((m.start(), m.end()))
        for m in self.CJK_YEAR_MONTH.finditer(text):
            if free(m.start(), m.end()):
                y = int(m[1]) if len(m[1]) == 4 else 2000 + int(m[1])
                if 1 <= int(m[2]) <= 12:
                    out.append((m.start(), m.end(), f"{y:04d}-{int(m[2]):02d}"))
                    taken.append((m.start(), m.end()))
        for m in self.CJK_MONTH_DAY.finditer(text):
            if free(m.start(), m.end()) and self.published is not None:
                mo, day = int(m[2]), int(m[3])
                if not (1 <= mo <= 12):
                    continue
                y = self.published.year
                shift = self._year_shift(text, m.start())
                if shift is not None:
                    y += shift
                elif mo > self.published.month + 1 and not m[1]:
                    y -= 1
                try:
                    out.append((m.start(), m.end(), dt.date(y, mo, day).isoformat()))
                except ValueError:
                    continue
                taken.append((m.start(), m.end()))
        for m in self.CJK_DOT.finditer(text):
            if free(m.start(), m.end()) and self.published is not None and 1 <= int(m[1]) <= 12:
                dotted = self._day(calendar.month_name[int(m[1])], m[2], None, False)
                if dotted:
                    out.append((m.start(), m.end(), dotted))
                    taken.append((m.start(), m.end()))
        for m in self.CJK_DAY.finditer(text):
            if free(m.start(), m.end()):
                ahead = {None: 0, "오는": 0, "지난": 0, "지난달": -1, "先月": -1}.get(m[1], 1)
                value = self.day_of_month(int(m[2]), ahead, future=m[1] == "오는")
                if value:
                    out.append((m.start(), m.end(), value))
                    taken.append((m.start(), m.end()))
        for m in self.CJK_MONTH.finditer(text):
            if free(m.start(), m.end()) and self.published is not None and 1 <= int(m[1]) <= 12:
                mo = int(m[1])
                shift = self._year_shift(text, m.start())
                y = self.published.year + (shift if shift is not None else -(mo > self.published.month))
                out.append((m.start(), m.end(), f"{y:04d}-{mo:02d}"))
        return sorted(out)


def _date_start(d: str) -> dt.date:
    """First day of a date of any precision (YYYY, YYYY-MM or YYYY-MM-DD)."""
    return dt.date.fromisoformat(d if len(d) == 10 else f"{d}-01" if len(d) == 7 else f"{d}-01-01")


def _date_sort(d: str | None) -> dt.date | None:
    """Last day of a date of any precision (what "in 2019" or "in April" still allows)."""
    if d is None:
        return None
    if len(d) == 4:
        return dt.date(int(d), 12, 31)
    if len(d) == 7:
        y, m = int(d[:4]), int(d[5:])
        return dt.date(y, m, calendar.monthrange(y, m)[1])
    return dt.date.fromisoformat(d)


# ------------------------------------------------------------------------------------- items


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"\w+")


@dataclass
class _ItemIndex:
    """Every control-list alias intake looks for, indexed by how it can start in a text.

    Why an index and not one pattern: the lists carry some ten thousand aliases, and one alternation over all of
    them took a second to compile and about 7 ms a line to scan (Python's ``re`` tries each alternative at
    each position), which held intake under the issue's 50 documents a second. A sentence is scanned instead by
    a pattern over only the aliases that can occur in it, found from its words (a Latin alias's first word, with
    the plural ``s``) or its pairs of characters (an alias with Japanese or Korean script), in the same order the
    one pattern had (longest first): an alias that cannot occur in the sentence never matched there, so the
    matches are the same.
    """

    #: Alias (lower case) -> the entry ids it names.
    ids: dict[str, list[str]]
    #: Alias -> its place in the one pattern's order (longest first), and its part of the pattern.
    order: dict[str, int]
    parts: dict[str, str]
    #: Latin aliases by their first word; aliases with Japanese or Korean script by their first two characters;
    #: aliases starting with neither a word character nor such script (always tried).
    by_word: dict[str, list[str]]
    by_pair: dict[str, list[str]]
    always: list[str]
    #: Patterns made so far, by the aliases they try.
    patterns: dict[tuple[str, ...], re.Pattern[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, regimes: dict[str, Regime]) -> _ItemIndex:
        """Latin aliases match on word boundaries (with a plural s); Japanese and Korean aliases as substrings."""
        ids: dict[str, list[str]] = {}
        for r in regimes.values():
            for e in r.entries.values():
                if e.kind not in ("sub_item", "category"):
                    continue
                for alias in e.aliases:
                    cjk = bool(_CJK.search(alias))
                    if (len(alias) < 5 or not re.search(r"[a-z]", alias)) and not (cjk and len(alias) >= 3):
                        continue
                    bucket = ids.setdefault(alias.lower(), [])
                    if e.id not in bucket:
                        bucket.append(e.id)
        ranked = sorted(ids, key=len, reverse=True)
        parts: dict[str, str] = {}
        by_word: dict[str, list[str]] = {}
        by_pair: dict[str, list[str]] = {}
        always: list[str] = []
        for a in ranked:
            if _CJK.search(a):
                parts[a] = re.escape(a)
                by_pair.setdefault(a[:2], []).append(a)
                continue
            parts[a] = rf"\b{re.escape(a)}s?\b"
            first = _WORD.match(a)
            if first is None:
                always.append(a)
            else:
                by_word.setdefault(first.group(0), []).append(a)
        return cls(ids, {a: i for i, a in enumerate(ranked)}, parts, by_word, by_pair, always)

    def pattern(self, text: str) -> re.Pattern[str] | None:
        """One pattern over the aliases that can occur in ``text``, in the one pattern's order (None: none can)."""
        low = text.lower()
        found = set(self.always)
        for w in _WORD.findall(low):
            found.update(self.by_word.get(w, ()))
            if w.endswith("s"):
                found.update(self.by_word.get(w[:-1], ()))
        if self.by_pair and _CJK.search(low):
            for i in range(len(low) - 1):
                found.update(self.by_pair.get(low[i : i + 2], ()))
        if not found:
            return None
        key = tuple(sorted(found, key=self.order.__getitem__))
        rx = self.patterns.get(key)
        if rx is None:
            if len(self.patterns) >= 4096:
                self.patterns.clear()
            rx = self.patterns[key] = re.compile("|".join(self.parts[a] for a in key), re.I)
        return rx


_ITEM_INDEX: dict[int, tuple[dict[str, Regime], _ItemIndex]] = {}


def _item_index(regimes: dict[str, Regime]) -> _ItemIndex:
    """The aliases' index, built once per regime set (intake reads many documents)."""
    cached = _ITEM_INDEX.get(id(regimes))
    if cached is not None and cached[0] is regimes:
        return cached[1]
    index = _ItemIndex.of(regimes)
    _ITEM_INDEX[id(regimes)] = (regimes, index)
    return index


#: The items last found per (regime set, sentence): a sentence that reports several acts is read once.
_ITEMS_SEEN: dict[tuple[int, str], list[dict[str, Any]]] = {}


def find_items(text: str, regimes: dict[str, Regime]) -> list[dict[str, Any]]:
    """The control-list items a text names (fresh copies: the caller may change them)."""
    key = (id(regimes), text)
    cached = _ITEMS_SEEN.get(key)
    if cached is None or _ITEM_INDEX.get(id(regimes), (None,))[0] is not regimes:
        cached = _find_items(text, regimes)
        if len(_ITEMS_SEEN) > 4096:
            _ITEMS_SEEN.clear()
        _ITEMS_SEEN[key] = cached
    return [{**item, "ids": list(item["ids"])} for item in cached]


def _find_items(text: str, regimes: dict[str, Regime]) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for rx, ids in ITEM_PHRASES:
        for m in rx.finditer(text):
            found.setdefault(m.group(0).lower(), {"text": m.group(0), "ids": ids})
    index = _item_index(regimes)
    pattern, aliases = index.pattern(text), index.ids
    if pattern is None:
        return list(found.values())
    for m in pattern.finditer(text):
        key = m.group(0).lower()
        if any(key in k for k in found):
            continue
        entry_ids = aliases.get(key) or aliases.get(key[:-1] if key.endswith("s") else key) or []
        found.setdefault(key, {"text": m.group(0), "ids": []})
        for entry_id in entry_ids:
            if entry_id not in found[key]["ids"]:
                found[key]["ids"].append(entry_id)
    return list(found.values())


# ------------------------------------------------------------------------------------- extraction


def _matches(rx: re.Pattern[str], sent: str, taken: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Matches of ``rx`` that do not overlap text another trigger already took (retrying past it)."""
    out, pos = [], 0
    while pos < len(sent):
        m = rx.search(sent, pos)
        if m is None:
            break
        clash = next(((a, b) for a, b in taken if a <= m.start() < b or m.start() <= a < m.end()), None)
        if clash is not None:
            pos = max(m.start() + 1, min(clash[1], m.end()) if clash[0] <= m.start() else m.start() + 1)
            continue
        taken.append((m.start(), m.end()))
        out.append(m)
        pos = m.end()
    return out


def _stage(sentence: str, trigger_start: int, effective: str | None, published: dt.date | None) -> str:
    head = sentence[: trigger_start + 40]
    if re.search(r"public (comment|opinion)|seeking (public )?opinions", sentence, re.I):
        return "proposed"
    eff = _date_sort(effective)
    if eff is not None and published is not None:
        return "in_force" if eff <= published else "decided"
    if STAGE_DECIDED.search(head):
        return "decided"
    if STAGE_PROPOSED.search(head):
        return "proposed"
    return "in_force"


#: A clause's subject right after a comma: a state's government or organ, or the state by name ("the UK Government
#: has", "Taiwan's Ministry of Economic Affairs", "Japan on Friday").
FRONTED_SUBJECT = re.compile(
    r"(?:the |The )?(?-i:[A-Z][\w.'’-]*)(?: (?-i:[A-Z][\w.'’-]*)){0,4}(?:'s|’s)?"
    r"(?: (?i:government|cabinet|ministry|administration))?"
    r" (?:has|have|had|on|is|was|will|announced|said|imposed|introduced|initiated|banned|issued|adopted|decided)\b"
)


def _window(before: str) -> str:
    """The words that govern a trigger: back to the last clause break, at most 90 characters."""
    w = before[-90:]
    cut = max(w.rfind(";"), w.rfind(" but "), w.rfind(" while "), w.rfind(" whereas "), w.rfind("— "))
    w = w[cut + 1 :] if cut >= 0 else w
    comma = w.rfind(", ")
    if comma >= 0 and FRONTED_SUBJECT.match(w, comma + 2):
        # "In a move to … curb the potential militarization of …, the UK Government has initiated": a fronted purpose or
        # circumstance ends at the comma before the clause's subject, and governs nothing after it
        return w[comma + 2 :]
    return w


def modality(window: str, trigger: str, document: str) -> str | None:
    """How the words before a trigger qualify it: "hedged" (no measure), "proposed", "negated", or None.

    Why a separate step: the trigger grammar says *what* act is named; whether the text reports the
    act as done, as formally proposed, or only as a possibility, a wish, a rumour or a denial is a
    matter of the governing words (guideline §3), the same for every action.
    """
    span = window + " " + trigger
    if NEGATION.search(window[-45:]):
        return "negated"
    if HEDGE.search(window) or (WOULD.search(window) and RUMOUR.search(window)):
        return "hedged"
    if INTENT.search(window) and not ADOPTED_PLAN.search(window):
        return "proposed" if FORMAL.search(document) or VEHICLE.search(span) else "hedged"
    return None


#: The act as a participle after its noun ("a range of measures introduced in October"): recalled, not reported.
PARTICIPLE_NOUN = re.compile(
    r"\b(?:measures?|controls?|curbs?|restrictions?|rules?|bans?)\s+(?:(?:that|which)\s+(?:were|was|had been)\s+)?$",
    re.I,
)
#: Unnamed sources carry the whole sentence ("…, according to people familiar with the matter"): a rumour.
UNNAMED_SOURCES = re.compile(
    r"\baccording to (?:people|sources|a source|persons?|insiders|a person)\b|\bpeople (?:familiar|briefed)\b"
    r"|\bsources? (?:said|say|says|told|familiar|close)\b|\breportedly\b|\bunnamed (?:officials?|sources?)\b",
    re.I,
)
#: "said it had added": reported speech of the act just done, not a recollection.
REPORTED_HAD = re.compile(
    r"\b(?:said|says|announced|stated|confirmed|revealed|disclosed)(?:\s+on)?(?:\s+[\w.,]+){0,3}?\s+(?:that\s+)?(?:it|they|\w+)\s+had\s+(?:\w+\s+)?$",
    re.I,
)
OBJECT_BEFORE = re.compile(
    r"\b(?:supporting|support|against|to|on|toward|towards|for|with)\s+(?:the\s+)?$"
    # "Slovenia first in EU to ban …", "the first European Union country to": the group the actor is one of
    r"|\b(?:first|second|third|only|latest|last|next)\s+(?:[\w-]+\s+){0,2}?(?:in|of|among|within)\s+(?:the\s+)?$"
    r"|\b(?:first|second|third|only|latest|last|next)\s+$",
    re.I,
)
RELATIVE = re.compile(r"\b(?:which|that)\s+(?:had\s+)?$", re.I)
#: A law named after the state it is aimed at: "The Russia (Sanctions) (EU Exit) (Amendment) Regulations 2023".
SANCTIONS_TITLE = re.compile(r"\s*\((?:Sanctions|Export Controls?)\)")
#: Reported speech told after the act: "…, the South Korean Ministry of Trade announced on Tuesday."
SPEAKER_TAIL = re.compile(
    r",\s+(?:the\s+)?[^,;]{0,80}?\b(?P<verb>said|announced|says|stated|confirmed)\b[^,;]{0,70}$", re.I
)
#: A speaker before a passive act: "The British government said (that) all … licences … have been suspended".
SPEAKER_BEFORE = re.compile(
    r"\b(?:said|says|confirmed|confirms|announced|announces|stated|states)\b(?:\s+on\s+\w+)?(?:\s+that)?\s+"
    r"(?:all\s+|the\s+)?(?:[^\s,;]+\s+){0,6}$",
    re.I,
)
#: The act in the passive ("has been added", "were placed"): the subject is what is listed or taken off.
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|being|been)\s+(?:\w+ly\s+)?$", re.I)
ALLY_AFTER = re.compile(r"\s+(?:ally|allies|partners?|neighbou?rs?)\b", re.I)
#: An act named by its noun ("Japan's removal from the list", "Korea's exclusion", "China's addition").
NOUN_TRIGGER = re.compile(
    r"(?:removal|exclusion|deletion|addition|inclusion|restoration|reinstatement|return|downgrad\w*)\b", re.I
)
#: A subject that names no state but stands for the one just named ("the ministry will impose").
AGENCY_SUBJECT = re.compile(
    r"\b(?:the|its) (?:federal |national |central )?(?:ministry|government|commission|department|agency|cabinet|regulator"
    r"|bureau)\b|\b(?:it|the country)\b"
    # a sentence that opens on the bare word, in the style of a headline or a wire's first line ("Government has lifted
    # all restrictions on the export of …")
    r"|^\s*(?-i:Government|Cabinet)\b"
    # an organ named by its capitalised title ("The Economic Coordination Committee (ECC) on Monday banned …"), never a
    # council or committee of a body that is no government (the UN's Security Council, a company's Audit Committee, an
    # exporters' council, the European Council, a central bank's Monetary Policy Committee)
    r"|\b(?:the|its) (?-i:(?:(?!(?:Security|Audit|European|Monetary|Olympic|Organi[sz]ing|Exporters?|Industry|Business"
    r"|Union|Supervisory|Executive|Management|Nomination|Remuneration|Students?)\b)[A-Z][a-z]+ ){1,3})"
    r"(?-i:Committee|Council|Directorate|Administration|Ministry|Commission)\b",
    re.I,
)
#: A sentence that opens on the act just reported, named again ("The ban, which went into effect on …", "The new rules
#: take effect …"): its effect date is that act's, however far back it was told.
ANAPHORIC_ACT = re.compile(
    # (after the date it opens on, the act named bare: "Effective from today, the restrictions are in line with …")
    r"\s*Effective\s+[^,.;]{0,30},\s*(?i:the|these|this|those|its|their)\s+"
    r"(?:ban|restrictions?|measures?|controls?|curbs?|prohibitions?|sanctions)\b(?!\s+(?:on|of|for|to)\b)"
    r"|\s*(?:The|These|This|Those|Its|Their)\s+(?:new\s+|latest\s+|revised\s+|amended\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:ban|rules?|measures?|restrictions?|controls?|curbs?|regulations?|requirements?|order|amendments?"
    r"|prohibitions?|sanctions)\b"
)
#: The Council of the EU named bare ("the Council adopted …", "the Council's adoption of …"), never another council.
EU_COUNCIL = re.compile(
    r"(?<!Security )(?<!State )(?<!Federal )(?<!National )(?<!Rights )(?<!Europe )\b[Tt]he Council(?:'s|’s)?\s+"
    r"(?:(?:has|have|had|formally|today|also|now|then|finally|on \w+(?: \d{1,2})?,?)\s+){0,3}$"
)
EU_NAMED = re.compile(r"\bEU\b|\bEuropean Union\b")
#: The restrictions just reported, named again to undo them ("has now again lifted these restrictions").
ANAPHORIC_CURBS = re.compile(
    r"\b(?:these|those|the|such)\s+(?:[\w-]+\s+){0,2}?(?:restrictions|curbs|controls|bans?|measures)\b", re.I
)
#: An intention names its legal vehicle ("plans to revise government export regulations"): proposed.
VEHICLE = re.compile(r"\b(?:revis|amend)\w* [^.;]{0,40}?\b(?:regulations?|rules?|ordinance|order|notice|law)\b", re.I)
RESTRICTION_TARGET_BEFORE = re.compile(
    r"(?:\b(?:trade|business) with|\bto|\bagainst|\bon|\btoward|\btowards|\bfor|\bbound for|\bdestined (?:to|for)|\bat|\binvolving|\bover)"
    r"\s+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
RESTRICTION_TARGET_NOT = re.compile(
    # "in response to Russia's war", "due to", "according to", "similar to": the reason or a comparison, not the aim
    r"(?:\b(?:response|due|owing|according|similar|contrary|thanks|compared|reaction|relation|prior|addition) to"
    r"|\bby|(?<!\btrade )(?<!\bbusiness )\bwith|\bfrom|\band|\bjoined|\bsupporting|\baiding|\bhelping|\blike|\bsuch as|\bincluding|\bthan|(?<!\bto )(?<!\bon )(?<!\bagainst )(?<!\bfor )(?<!\bover )\bthe)\s+(?:the\s+)?$",
    re.I,
)
WAR_OWNED = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:war|invasion|aggression|attacks?|military (?:action|operation))\b", re.I
)
ENTITY_NOUN = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}?(?:chipmakers?|compan(?:y|ies)|firms?|entities|customers|military|users?|end[- ]users?"
    r"|organi[sz]ations|defen[cs]e|manufacturers?|market|buyers|institutes?|institutions?|universit(?:y|ies)|academ(?:y|ies))\b",
    re.I,
)
#: A firm named by its trade ("a South Korean steelmaker said it would suspend shipments", "Chinese tech giants Huawei
#: and SMIC"): in the act's own sentence, where the party is, never a government. (Not read in the sentences after an
#: act, where "Chinese giants … have acquired lithium mines" says who invests, not whom the act is aimed at.)
FIRM_NOUN = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}?(?:(?:steel|auto|car|drug|tool)?makers?|producers?|exporters?|suppliers?|giants?"
    r"|conglomerates?|refiners?|miners?|traders?|shipbuilders?|carriers?)\b",
    re.I,
)


#: "European Union states", "EU member countries": the members, none named.
EU_MEMBERS_AFTER = re.compile(r"\s+(?:member\s+)?(?:states|countries)\b")


def _never_aimed(sent: str, a: int, b: int, code: str) -> bool:
    """A name that points at a state but never at the one an act is aimed at: a leader, who is named for who acts
    ("blaming Putin's blockade", "responding to Biden's chip curbs"), and "European Union states", which names no
    member and is not the Union (heldout5 decision 47)."""
    return re.sub(r"['’]s$", "", sent[a:b]).lower() in LEADERS or (
        code == "EU" and bool(EU_MEMBERS_AFTER.match(sent, b))
    )


#: Destinations named as examples of a group the act is for ("to dozens of countries including the US"): aimed at.
DESTINATIONS_NAMED = re.compile(
    r"\bto\s+(?:[\w-]+\s+){0,3}?(?:countries|destinations|nations|jurisdictions)\s+(?:including|such as|like)\s+"
    r"(?:the\s+)?$",
    re.I,
)


def _restriction_targets(
    sent: str, start: int, clause_end: int, named: list[tuple[int, int, str]], actor: str | None
) -> list[str]:
    """The states a control is aimed at: named after "to/against/on …", as a possessive ("China's
    access"), or as a demonym of the entities listed ("Chinese chipmakers"); never the actor itself
    nor states that only join or accompany it ("joined the United States", "by France")."""
    out: list[str] = []
    for a, b, code in named:
        if not (start <= a < clause_end) or code == actor:
            continue
        lead = sent[max(0, a - 40) : a]
        word = sent[a:b]
        if _never_aimed(sent, a, b, code):
            continue
        if DESTINATIONS_NAMED.search(sent[max(0, a - 60) : a]):
            out.append(code)  # "to be sold to dozens of countries including the US, Japan, Australia"
            continue
        if RESTRICTION_TARGET_NOT.search(lead):
            continue
        possessive = word.endswith(("'s", "’s"))
        if possessive and WAR_OWNED.match(sent, b):
            continue  # "support of Russia's invasion of Ukraine": the war the act answers, not whom it is aimed at
        if (
            RESTRICTION_TARGET_BEFORE.search(lead)
            or possessive
            or ENTITY_NOUN.match(sent[b : b + 40])
            # a firm named by its trade only as the parties a list takes in ("added Chinese tech giants Huawei and SMIC
            # to its entity list"; never "forcing Chinese refiners to seek supplies elsewhere")
            or (FIRM_NOUN.match(sent[b : b + 40]) and re.search(LISTS, sent[start:clause_end], re.I))
        ):
            out.append(code)
    return list(dict.fromkeys(out))


def _licence_or_ease(action: str, jurisdiction: str | None, targets: list[str], sent: str, items: list[Any]) -> str:
    """Japan's three items to Korea go back to general licensing (``lift_licence_requirement``); other
    liftings and suspensions ease a restriction (``ease_export_restriction``)."""
    ids = {i for item in items for i in item["ids"]}
    if jurisdiction == "JP" and ("KR" in targets or {"jp:3(1)", "jp:5(17)", "jp:7(19)"} & ids):
        return action
    # back to bulk licensing (a validated end-user status, bulk or general licences again); never any sentence that
    # names a licence ("removed nine companies from the Entity List, lifting curbs that had barred … without a licence",
    # "relaxed licensing requirements for … Australia": easings, guideline §2)
    if re.search(
        r"\bVEU\b|validated end[- ]user|\bbulk licen|comprehensive licen|special general licen", sent, re.I
    ) and not re.search(r"\bsuspend\w*", sent, re.I):
        return action
    return "ease_export_restriction"


#: How news, background and no-measure are told apart: "rules" (the trigger grammar and
#: ``settle_background`` alone), "learned" (the sentence classifier of :mod:`exportctl.intake.learned`
#: decides for every sentence the grammar reads a measure from) or "hybrid" (the rules decide, the
#: classifier only drops what it is confident reports no measure). Chosen on the dev split (guideline §9).
METHODS = ("rules", "learned", "hybrid")
DEFAULT_METHOD = "rules"


def extract(
    doc: Document,
    regimes: dict[str, Regime],
    method: str | None = None,
    *,
    model: Any = None,
    target_model: Any = None,
    document_model: Any = None,
) -> list[Candidate]:
    """Every measure the document reports, with its evidence; background and news told apart.

    ``model`` (learned and hybrid only): a :class:`~exportctl.intake.learned.SentenceModel` to decide with
    instead of the shipped one (cross-validation trains one per fold); ``target_model`` likewise for targets.
    Whatever the method, the document model (``document_model``, else the shipped one; ``False``: none) then keeps
    every act as background when the text as a whole reads as reporting no new measure
    (:func:`~exportctl.intake.learned.gate`).
    """
    method = method or DEFAULT_METHOD
    if method not in METHODS:
        raise ValueError(f"unknown intake method {method!r}; one of {', '.join(METHODS)}")
    from exportctl.intake.learned import decide, gate, shipped_document_model

    found = candidates(doc, regimes, keep_hedged=method == "learned")
    if method != "rules":
        found = decide(found, doc, method, model, target_model)
    if document_model is None:
        document_model = shipped_document_model()
    if document_model:
        gate(found, doc, document_model)
    return found


def candidates(doc: Document, regimes: dict[str, Regime], *, keep_hedged: bool = False) -> list[Candidate]:
    """The rules' reading of a document: every measure the trigger grammar finds, background settled.

    With ``keep_hedged`` (English only), also the acts the modality rules hedged ("is considering",
    "urged", "according to people familiar"), marked ``hedged:<why>`` in their notes: they take no
    part in the rules' reading (targets, dates and background are settled without them) and are
    there for the classifier, which may find that a hedge word did not govern the act.
    """
    if getattr(doc, "language", "en") in ("ja", "ko"):
        from exportctl.intake.cjk import extract_cjk

        found = extract_cjk(doc, regimes)
    else:
        found = _extract_english(doc, regimes, keep_hedged=keep_hedged)
    hedged = [c for c in found if any(n.startswith("hedged:") for n in c.notes)]
    found = [c for c in found if not any(n.startswith("hedged:") for n in c.notes)]
    complete_targets(found, doc.text)
    easing_half(found, doc)
    coordinate_targets(found)
    header_effective(found, doc)
    referent_effective(found, doc)
    settle_background(found, doc)
    share_effective(found, doc)
    if getattr(doc, "language", "en") in ("ja", "ko"):
        from exportctl.intake.cjk import listing_effective

        listing_effective(found, doc)
    done_effective(found, doc)
    for c in hedged:
        c.background = c.recalled
    found = [*found, *hedged]
    attach_date_evidence(found, doc)
    return found


#: A date as news writes it, for finding the words a resolved date was read from (not for resolving).
DATE_PHRASE = re.compile(
    rf"\b(?:(?:{MONTH_RE}) \d{{1,2}}(?:st|nd|rd|th)?(?:, \d{{4}})?|\d{{1,2}} (?:{MONTH_RE}),? \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:{MONTH_RE})(?: \d{{4}})?|{WEEKDAY_RE}|the \d{{1,2}}(?:st|nd|rd|th)(?: of next month)?|(?:19|20)\d\d"
    r"|today|this morning|immediately|immediate|(?:the )?(?:coming|next) month|(?:earlier |later )?this month|last month)\b",
    re.I,
)
#: Japanese and Korean words for "today" and "at once" that date an act on the publication or announcement day.
CJK_NOW = re.compile(r"本日|今日|오늘|이날|即日|즉시|공포한 날|公布日|告示日")


def _phrase_values(dates: DateResolver, phrase: str) -> set[str]:
    """Every date ``phrase`` can name (read forward and backward), as the resolver would give it."""
    core = re.sub(r"^(?:the )?(?:coming|next) ", "", phrase.strip(), flags=re.I)
    core = re.sub(r"(\d)(?:st|nd|rd|th)\b(?=,| |$)", r"\1", core) if not core.lower().startswith("the ") else core
    low = core.lower()
    values = {dates.expression(core, future) for future in (True, False)}
    if low in ("this morning",):
        values.add(dates.published.isoformat() if dates.published else None)
    if low.endswith("this month") and dates.published:
        values.add(dates.published.strftime("%Y-%m"))
    if low == "last month" and dates.published:
        values.add((dates.published.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m"))
    return {v for v in values if v}


def attach_date_evidence(found: list[Candidate], doc: Document) -> None:
    """Keep, for each date a candidate carries, the words of its evidence that name it (issue 12, item 5).

    Why afterwards and apart: the readings above decide the dates; this only finds, in the sentences
    each candidate was read from, the first expression that names the same day, month or year ("on
    Friday", "from Sept. 1", "effective immediately", 令和7年10月9日, 28일), so a reviewer sees what
    gave the date. A date no expression names (one carried over from another sentence of the same
    act, or "in 21 days") gets no entry rather than a guessed one. Dates of precision finer than the
    expression (a day read from a month) are not matched.
    """
    dates = DateResolver(doc.published)
    for c in found:
        for field_name in ("effective", "announced"):
            value = getattr(c, field_name)
            if not value:
                continue
            hit = _date_words(dates, c, value, field_name, doc)
            if hit is not None:
                c.date_evidence[field_name] = hit
        if not c.effective:
            continue
        header = next((m for m in HEADER_EFFECTIVE.finditer(doc.text)), None)
        if (
            "effective" not in c.date_evidence
            and header is not None
            and dates.expression(header.group(1), False) == c.effective
        ):
            c.date_evidence["effective"] = {"text": header.group(0), "start": header.start(), "end": header.end()}
    for c in found:  # a date shared from another report of the act in this text ("施行は18日") keeps its words
        for field_name in ("effective", "announced"):
            value = getattr(c, field_name)
            if value and field_name not in c.date_evidence:
                giver = next(
                    (o for o in found if getattr(o, field_name) == value and field_name in o.date_evidence), None
                )
                if giver is not None:
                    c.date_evidence[field_name] = giver.date_evidence[field_name]
    for c in found:  # an effective day inferred from the report (the act told as done, the listing told as made)
        inferred = next((n.split(": ", 1)[1] for n in c.notes if n.startswith("effective: ")), None)
        if inferred and "effective" in c.date_evidence:
            c.date_evidence["effective"] = {**c.date_evidence["effective"], "inferred": inferred}


def _date_words(dates: DateResolver, c: Candidate, value: str, field_name: str, doc: Document) -> dict[str, Any] | None:
    published = dates.published.isoformat() if dates.published else None
    for ev in c.evidence:
        sent = ev.text
        spans: list[tuple[int, int, set[str]]] = []
        for a, b, v in dates.cjk_dates(sent):
            values = {v}
            bare = re.fullmatch(r"\s*(\d{1,2})\s*[日일]", sent[a:b])
            if bare:  # "施行は18日": a day of taking effect is read forward
                values.add(dates.day_of_month(int(bare.group(1)), 0, future=True) or v)
            if len(v) == 7:  # "9월 중 발효" told in August: this September, read forward
                values.add(f"{int(v[:4]) + 1}{v[4:]}")
            lead = len(sent[a:b]) - len(sent[a:b].lstrip())
            spans.append((a + lead, b, values))
        for m in DATE_PHRASE.finditer(sent):
            values = _phrase_values(dates, m.group(0))
            if m.group(0).lower().startswith("immediate") and c.announced:
                values.add(c.announced)  # "effective immediately": the announcement day
            spans.append((m.start(), m.end(), values))
        if field_name == "effective":  # the phrase that says it takes effect first ("effective Aug. 28")
            effect = [(m.start(), m.end()) for m in EFFECT.finditer(sent)]
            spans.sort(key=lambda t: (not any(a <= t[0] < b for a, b in effect), t[0]))
        else:
            spans.sort(key=lambda t: t[0])
        for a, b, values in spans:
            if value in values:
                return {"text": sent[a:b], "start": ev.start + a, "end": ev.start + b}
        now = CJK_NOW.search(sent)
        if now and value in (published, c.announced):
            return {"text": now.group(0), "start": ev.start + now.start(), "end": ev.start + now.end()}
    return None


#: Who a restriction is aimed at, told in the sentences after the act: "entities located in China",
#: "entities from Russia, Pakistan, Iran, Myanmar, and China", "to restrict China's ability",
#: "Chinese technology companies", "HBM이 중국으로 수출하는 길", "中国向けの輸出".
AIMED_LIST_LEAD = re.compile(
    r"\b(?:entities|companies|firms|organi[sz]ations|individuals|parties|end[- ]users|persons|affiliates|subsidiaries"
    r"|entries|addresses)\b[^.;]{0,40}?"
    r"\b(?:in|from|located in|based in|headquartered in|under the destinations? of|cover(?:s|ed|ing)?)\s+(?:the\s+)?"
    # the countries told as a list after a count: "located in 26 destinations: Belgium, …", "in 25 different
    # countries: Argentina, …", "cover multiple countries and regions, including China (23), India (1) …"
    r"(?:(?:\d+|several|multiple|various|many|the following)\s+(?:different\s+)?(?:destinations|countries|jurisdictions)"
    r"(?:\s+and\s+regions)?(?:,?\s*including|:)\s+(?:the\s+)?)?$",
    re.I,
)
AIMED_POSSESSIVE_LEAD = re.compile(
    r"\b(?:restrict|limit|curb|cut(?:ting)? off|block|prevent|hamper|constrain|target)\w*\s+(?:the\s+)?$", re.I
)
AIMED_EXPORTS_LEAD = re.compile(
    r"\b(?:exports?|shipments?|sales?)\b[^.;]{0,40}?\b(?:to|bound for|destined (?:for|to))\s+(?:the\s+)?$", re.I
)
#: A name inside the reason an act gives ("citing deepening Chinese military influence", "because of Russia's …"):
#: whose conduct explains the act, never whom it is aimed at.
REASON_LEAD = re.compile(r"\b(?:citing|cites|cited|because of)\b[^,;.]{0,60}$", re.I)
AIMED_CJK_AFTER = re.compile(r"\s?(?:으로|로|에)\s?(?:의\s?)?수출|\s?(?:向け(?:の)?|への|に(?:対する)?)輸出")
LIST_JOIN = re.compile(
    # a name's abbreviation or count in brackets ("Turkey (3), and", "(UAE, 2)"), or the next count ("11 from China,
    # 1 from Myanmar, and 1 from Pakistan"); the Federal Register's list of destinations, a count after each and
    # semicolons between ("under the destinations of China, People's Republic of (China) (42); Iran (2); … and the
    # United Arab Emirates (UAE) (4)")
    r"^\s*\)?\s*(?:(?:\([\w.]{1,8}(?:,\s*\d{1,4})?\)\s*|\(\s*[\w.]{1,8}\)\s*){1,2})?(?:;\s*(?:and\s+)?|,\s*(?:and\s+|or\s+)?|\s*(?:and|or|as well as)\s+|、|・|·|ㆍ|，|와\s?|과\s?|및\s?|及び|と)"
    r"\s*(?:\d{1,4}\s+(?:from|in)\s+)?(?:the\s+)?(?:mainland\s+)?$",
    re.I,
)
RESTRICT_WORD = re.compile(
    r"\b(?:restrict\w*|prohibit\w*|ban(?:s|ned)?|bar(?:s|red)?|block\w*|halt\w*|licen[cs]e (?:is )?required|require\w*)\b",
    re.I,
)
#: A sentence that only guesses or denies whom the act is aimed at says nothing about its targets; one
#: about the list's other entries ("other entities on the list include … companies in China") neither.
AIM_GUESS = re.compile(
    r"\bother (?:entities|companies|firms|organi[sz]ations)\b|\b(?:seen as|widely|apparently|observers|analysts|without naming|not (?:name|naming|single|mention|target)"
    r"|did not|does not|doesn't|didn't|in mind|believed)\b"
    # the same in Japanese and Korean: "特定国・地域の名指しはしていないが", "…を念頭に", "…を防ぐ狙い", "겨냥한 것으로"
    r"|名指し|念頭|狙い|とみられ|명시하지|지목하지|겨냥한 것으로|염두",
    re.I,
)


#: A rule's own statement of its effective date, as the Federal Register and law firms print it
#: ("Effective 2022-10-07", "Effective date: This rule is effective September 29, 2025.").
HEADER_EFFECTIVE = re.compile(
    rf"\bEffective(?: [Dd]ate)?:?\s+(?:This rule is effective\s+)?(\d{{4}}-\d{{2}}-\d{{2}}|(?:{MONTH_RE}) \d{{1,2}}, \d{{4}})"
)


#: Words of taking effect in the sentences after an act: a start told apart from the report of the act.
START_WORD = re.compile(
    r"\b(?:take|takes|took|come|comes|came|enter|enters|entered|go|goes) (?:into )?(?:effect|force)\b"
    r"|\beffective\b|\bappl(?:y|ies|ied) (?:from|as of)\b|施行|適用|発効|시행|적용|발효",
    re.I,
)
#: Words that tell a start of its own in an act's sentence: an act told with one is not dated by its report.
LATER_START = re.compile(
    r"\b(?:from|starting|beginning|as of|effective|takes? effect|come into force|until|till|through)\b"
    r"|오는\s?\d|부터|来る\d|から(?:施行|適用|実施|禁止)|より施行|까지|まで|\d\s?日\s?(?:から|より)|月から",
    re.I,
)


def done_effective(found: list[Candidate], doc: Document) -> None:
    """An act reported as done on a day applies from that day: its ``effective`` is its ``announced`` day.

    Why: "China on December 21 banned the export of …", "On 5 July 2022, the UK introduced a new tranche of …
    sanctions", "政府は…輸出を禁止した": a report that tells the act as done, on a day, and names no other start, tells
    that it applies from then (guideline §5, held-out decision 3, the rule the listings already follow). Only news in
    force with a whole day announced and no effective date of its own, never a WTO step (which applies to nothing);
    the note says the date was inferred, for the reviewer. Not when one of the next sentences tells a start ("The
    revised list will be applied from Monday", "施行は8月28日"): that start is the act's, even where it was not read.
    """
    spans: list[tuple[int, int]] | None = None
    for c in found:
        if (
            c.background
            or c.effective
            or c.stage != "in_force"
            or c.action.startswith("wto")
            or c.announced is None
            or len(c.announced) != 10
            # a start told in the sentence, even one not read ("오는 20일 관보 게재와 함께 … 추가한다고", "from midnight")
            or LATER_START.search(c.evidence[0].text)
        ):
            continue
        spans = spans if spans is not None else sentences(doc.text)  # only for a text with such an act
        if any(
            START_WORD.search(doc.text[spans[j][0] : spans[j][1]])
            for j in range(c.sentence + 1, min(len(spans), c.sentence + 4))
        ):
            continue
        c.effective = c.announced
        c.notes.append("effective: the day the act was reported as done")


def header_effective(found: list[Candidate], doc: Document) -> None:
    """The document's one stated effective date, for the act it is about (the first news in its lead)."""
    stated = {m.group(1) for m in HEADER_EFFECTIVE.finditer(doc.text)}
    if len(stated) != 1:
        return
    lead = [c for c in found if c.lead and not c.recalled and c.effective is None]
    if lead and not any(c.effective for c in found if c.lead):
        lead[0].effective = DateResolver(doc.published).expression(stated.pop(), False)


#: A sentence that tells only when "the document" (decree, resolution, rule, ban…) applies: "The document comes into
#: force on Monday and will be valid for three months" after a lead that tells the act without a date.
REFERENT_EFFECTIVE = re.compile(
    # (the instrument, never "the ban" or "the restrictions", which may be the ones an easing lifts; never the past,
    # "The ban took effect on March 14", which tells when a lifted ban began)
    r"\b(?:[Tt]he|[Tt]his|[Ii]ts) (?:new )?(?:document|decree|resolution|order|regulation|decision|amendment|directive"
    r"|notification)"
    r" (?:will )?(?:comes?|takes?|enters?|goes?) (?:into )?(?:force|effect)"
    rf" (?:on |from |as of )?((?:{MONTH_RE}) \d{{1,2}}(?:, \d{{4}})?|\d{{1,2}} (?:{MONTH_RE})(?: \d{{4}})?|{WEEKDAY_RE}"
    r"|immediately|today)\b"
)


def referent_effective(found: list[Candidate], doc: Document) -> None:
    """The lead act without a date takes the day a later sentence says "the document" applies from.

    Why: a report names the act in its headline and lead and gives its start in a sentence of its own that names
    no act ("The document comes into force on Monday", heldout16 028): no trigger reads that sentence. Only when
    the text states one such day and no lead reading has a date of its own.
    """
    stated = {m.group(1) for m in REFERENT_EFFECTIVE.finditer(doc.text)}
    if len(stated) != 1 or any(c.effective for c in found if c.lead):
        return
    lead = [c for c in found if c.lead and not c.recalled and c.effective is None and c.stage != "proposed"]
    if not lead:
        return
    phrase = stated.pop()
    value = DateResolver(doc.published).expression(phrase, True, lead[0].announced)
    if value is None:
        return
    for c in lead:
        if (c.jurisdiction, c.action) == (lead[0].jurisdiction, lead[0].action):
            c.effective = value
            c.stage = _stage(c.evidence[0].text, 0, value, doc.published)
            c.notes.append(f"effective: '{phrase}' told of the act in a later sentence")


#: The tail of a state's name as the Federal Register inverts it, after the name ("China, People's Republic of (China)",
#: "Korea, Republic of"); never "Korea, Democratic People's Republic of", whose head names another state.
INVERTED_NAME = re.compile(r"(?<=China), People's Republic of(?: \(China\))?|(?<=Korea), Republic of(?: \(Korea\))?")


def _uninverted(sent: str) -> str:
    """``sent`` with each inverted name's tail (``INVERTED_NAME``) blanked, offsets kept: one name, and the list it
    stands in runs on past it ("China, People's Republic of (China) (42); Iran (2)")."""
    return INVERTED_NAME.sub(lambda m: " " * len(m.group(0)), sent)


def _list_names(sent: str) -> list[tuple[int, int, str]]:
    """The states a sentence names, without a name's own abbreviation in brackets ("the United Arab Emirates
    (UAE), and Uzbekistan"): the list runs on past it. ``sent`` as :func:`_uninverted` gives it (the callers read
    the gaps between the names in the same text)."""
    out: list[tuple[int, int, str]] = []
    for a, b, code in states(sent):
        if out and out[-1][2] == code and re.fullmatch(r"\s*\(\s*", sent[out[-1][1] : a]) and sent[b : b + 1] == ")":
            continue
        if _never_aimed(sent, a, b, code):
            continue
        out.append((a, b, code))
    return out


def aimed_states(sent: str) -> list[str]:
    """States a sentence says a restriction is aimed at, by the wording around each name (lists followed)."""
    sent = _uninverted(sent)
    named = _list_names(sent)
    hit = []
    for a, b, _code in named:
        before = sent[max(0, a - 80) : a]
        word = sent[a:b]
        possessive = word.endswith(("'s", "’s"))
        hit.append(
            bool(AIMED_LIST_LEAD.search(before))
            or (possessive and bool(AIMED_POSSESSIVE_LEAD.search(before)))
            or (not possessive and bool(AIMED_EXPORTS_LEAD.search(before)) and bool(RESTRICT_WORD.search(sent)))
            or (word.lower() in DEMONYMS and bool(ENTITY_NOUN.match(sent[b : b + 40])))
            or bool(AIMED_CJK_AFTER.match(sent, b))
        )
    # the reason an act gives ("citing deepening Chinese military influence"): whose influence is no target
    hit = [h and not REASON_LEAD.search(sent[max(0, a - 80) : a]) for (a, _b, _c), h in zip(named, hit, strict=True)]
    for i in range(len(named) - 1):  # forward: "entities from Russia, Pakistan, … and China"
        if hit[i] and LIST_JOIN.match(sent[named[i][1] : named[i + 1][0]]):
            hit[i + 1] = True
    for i in range(len(named) - 2, -1, -1):  # backward: "45 Chinese and Indian companies"
        if hit[i + 1] and LIST_JOIN.match(sent[named[i][1] : named[i + 1][0]]):
            hit[i] = True
    return list(dict.fromkeys(c for (_a, _b, c), h in zip(named, hit, strict=True) if h))


CJK_SUBJECT_AFTER = re.compile(r"\s?(?:이|가|은|는|は|が)(?![\uac00-\ud7af\u3040-\u30ff])")


def coordinate_targets(found: list[Candidate]) -> None:
    """A state listed together with a target is a target too: "against Russia and Belarus", "대러시아·벨라루스",
    "entities in France, …, Switzerland and the United Arab Emirates", "ロシア、ベラルーシ向け".

    Why apart from the readings: each grammar finds the state its own cue marks (after "against", before
    向け, after 대); the list it heads is a matter of the punctuation between the names, the same in every
    language. Only for restrictions and their easings (a list change or a WTO case has one counterpart),
    never the actor, and only along an unbroken list.
    """
    for c in found:
        if not c.targets or c.action not in ("add_export_restriction", "ease_export_restriction"):
            continue
        sent = _uninverted(c.evidence[0].text)
        named = _list_names(sent)
        # each target's first naming heads its list ("Chinese chipmakers …, as frictions between the island,
        # China and the United States increase" names the United States in another list)
        seen: set[str] = set()
        hit = []
        for _a, b, code in named:
            # a naming marked as subject ("북한과 러시아가 … 체결한 가운데 … 대러 수출 통제") heads no list of targets
            subject = bool(CJK_SUBJECT_AFTER.match(sent, b))
            hit.append(code in c.targets and code not in seen and not subject)
            if not subject:
                seen.add(code)
        for i in range(len(named) - 1):
            if hit[i] and LIST_JOIN.match(sent[named[i][1] : named[i + 1][0]]):
                hit[i + 1] = True
        for i in range(len(named) - 2, -1, -1):
            if hit[i + 1] and LIST_JOIN.match(sent[named[i][1] : named[i + 1][0]]):
                hit[i] = True
        extra = [code for (_a, _b, code), h in zip(named, hit, strict=True) if h and code != c.jurisdiction]
        c.targets = list(dict.fromkeys([*c.targets, *extra]))


#: What a new regulation opens as well as what it closes: new or wider general authorisations (the EU recast's
#: "two additional Union General Export Authorizations", "expands the range of general export authorisations"),
#: items a list update takes off.
EASING_HALF = re.compile(
    r"\b(?:new|additional|two|three|four|several|further|more)\s+(?:[\w-]+\s+){0,2}?general\s+(?:export\s+)?"
    r"(?:authori[sz]ations?|licen[cs]es?)\b"
    r"|\b(?:expand\w*|widen\w*|extend\w*|broaden\w*)\s+the\s+(?:range|scope|number|list)\s+of\s+(?:[\w-]+\s+){0,2}?"
    r"general\s+(?:export\s+)?(?:authori[sz]ations?|licen[cs]es?)\b"
    # a list update that takes items off as well as adding some ("reduces the number of controlled items from 164 to
    # 134, with 34 deleted, four added"; "removes 12 items from the list")
    r"|\breduc\w*\s+the\s+number\s+of\s+(?:controlled\s+)?(?:items|technologies|goods|entries)\b"
    r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:items\s+|technologies\s+|entries\s+)?(?:were\s+)?"
    r"(?:deleted|removed|delisted|decontrolled)\b"
    r"|\b(?:delet|remov|delist|decontrol)\w*\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:[\w-]+\s+)?(?:items|technologies|goods|entries)\b",
    re.I,
)


def easing_half(found: list[Candidate], doc: Document) -> None:
    """An act that both tightens and eases is two measures (guideline: "one act that both tightens and eases gets
    both records"): a regulation reported as news whose text then tells of new or wider general authorisations
    gets its easing too, with the act's own state and dates, read from the sentence that tells it.

    Why only general authorisations and items taken off: they are the easings a tightening rule's report names in its own words;
    a "temporary general licence" that softens the new rule's own reach is part of the tightening (not matched).
    Only English text, only for a country-neutral act told in the lead (or the text's first act), and only until
    another state's act.
    """
    if getattr(doc, "language", "en") in ("ja", "ko"):
        return
    text = doc.text
    spans = sentences(text)
    first = min((c.sentence for c in found), default=-1)
    for c in list(found):
        if c.action != "add_export_restriction" or c.recalled or c.targets or c.notes:
            continue
        if not c.lead and c.sentence != first:  # the lead's act, or the text's first (after a repeated headline)
            continue
        if any(o.action == "ease_export_restriction" and o.jurisdiction == c.jurisdiction for o in found):
            continue
        for j in range(c.sentence, min(len(spans), c.sentence + 12)):
            if any(o.sentence == j and o.jurisdiction != c.jurisdiction for o in found):
                break
            sent = text[spans[j][0] : spans[j][1]]
            hit = EASING_HALF.search(sent)
            if hit is None or modality(_window(sent[: hit.start()]), hit.group(0), text) in ("hedged", "negated"):
                continue
            found.append(
                Candidate(
                    **{
                        **c.__dict__,
                        "action": "ease_export_restriction",
                        "items": [],
                        "evidence": [Evidence(sent, *spans[j])],
                        "sentence": j,
                        "lead": c.lead and j == c.sentence,
                        "notes": ["easing half"],
                        "date_evidence": {},
                    }
                )
            )
            break


def complete_targets(found: list[Candidate], text: str) -> None:
    """Give a country-neutral-looking restriction the targets the next sentences name for it.

    Why: news and rules name the act first ("BIS is amending the EAR to implement controls on advanced
    computing ICs") and whom it is aimed at later ("entities ... located in China"). Only for the news
    told in the lead, only until another state's act is reported, and never from a sentence that only
    guesses the aim ("widely seen as aimed at China") or denies one (the Dutch and Japanese 2023 rules
    name no country and stay ``[]``).
    """
    spans = sentences(text)
    starts = {c.sentence for c in found}
    for c in found:
        if c.action != "add_export_restriction" or c.recalled or not c.lead or c.notes:
            continue
        extra: list[str] = []
        for j in range(c.sentence + 1, min(len(spans), c.sentence + 7)):  # its own sentence: already read
            if j in starts and any(o.sentence == j and o.jurisdiction != c.jurisdiction for o in found):
                break
            sent = text[spans[j][0] : spans[j][1]]
            if AIM_GUESS.search(sent) or HEDGE.search(sent):
                continue
            extra += [code for code in aimed_states(sent) if code != c.jurisdiction]
        if extra:
            c.targets = list(dict.fromkeys([*c.targets, *extra]))


#: The cities datelines name ("BEIJING, July 31 --", "SEOUL, Aug. 2 (Yonhap) --", "TOKYO (Reuters) -").
DATELINE_CITIES = {
    **CAPITALS,
    "london": "GB",
    "berlin": "DE",
    "paris": "FR",
    "the hague": "NL",
    "amsterdam": "NL",
    "new delhi": "IN",
    "canberra": "AU",
    "ottawa": "CA",
    "sejong": "KR",
    "kuala lumpur": "MY",
    # the other capitals a wire dates a state's own news from; not the hubs a bureau reports a region from
    # (Singapore, Hong Kong, Dubai), whose dateline says nothing of whose government acts
    "islamabad": "PK",
    "jakarta": "ID",
    "hanoi": "VN",
    "bangkok": "TH",
    "manila": "PH",
    "dhaka": "BD",
    "colombo": "LK",
    "kathmandu": "NP",
    "cairo": "EG",
    "abuja": "NG",
    "nairobi": "KE",
    "lusaka": "ZM",
    "addis ababa": "ET",
    "pretoria": "ZA",
    "ankara": "TR",
    "riyadh": "SA",
    "tehran": "IR",
    "kyiv": "UA",
    "kiev": "UA",
    "minsk": "BY",
    "buenos aires": "AR",
    "brasilia": "BR",
    "santiago": "CL",
    "lima": "PE",
    "mexico city": "MX",
    "madrid": "ES",
    "rome": "IT",
    "warsaw": "PL",
    "stockholm": "SE",
    "oslo": "NO",
    "helsinki": "FI",
    "copenhagen": "DK",
    "vienna": "AT",
    "bern": "CH",
    "wellington": "NZ",
}
DATELINE = re.compile(
    r"^\s*([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?),?\s+(?:(?:" + MONTH_RE + r")\s*\d{1,2},?\s*(?:\d{4})?\s*)?"
    r"(?:\([A-Za-z. ]+\)\s*)?(?:--|—|–|-)"
    # "KUALA LUMPUR: The Ministry …", "NEW DELHI: …" (the Malaysian and Indian press), "Berlin: German Chancellor …":
    # the city, a colon
    r"|^\s*([A-Z]+(?: [A-Z]+)?):\s"
    # "ISLAMABAD-The Economic Coordination Committee …": a city in capitals, a dash, the sentence
    r"|^\s*([A-Z]{3,}(?: [A-Z]{3,})?)\s?(?:--|—|–|-)\s?(?=[A-Z][a-z])"
    # … or in title case, before a sentence (a headline's "Beijing: Japan's new chip curbs draw fire" is no dateline)
    r"|^\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?):\s(?=.*[.!?”\"]\s*$)",
)
#: A state named as what an act aims at or where goods go ("exports … to Russia", "sanctions against Iran").
AIMED_BEFORE = re.compile(r"\b(?:to|against|on|into|toward|towards|for|from|with|of)\s+(?:the\s+)?$", re.I)
#: A headline that opens on its state ("China lists new limits on tech exports", "China's commerce ministry …").
HEADLINE_SUBJECT = re.compile(r"^\s*(?:The\s+)?$")
#: A headline's opening state followed by its verb ("invokes", "bans", "tightens", "adds"): its subject. A closed list of
#: verbs: a plural noun after a state is no verb ("US chips curbs on China", "Japan exports to China slump").
HEADLINE_VERB_AFTER = re.compile(
    r"\s+(?:invokes|imposes|bans|adds|tightens|restricts|expands|extends|halts|suspends|lifts|eases|removes|scraps"
    r"|blocks|widens|unveils|announces|approves|adopts|introduces|issues|publishes|releases|places|puts|strikes|blacklists"
    r"|prohibits|requires|designates|delists|reinstates|restores|drops|moves\s+to)\b"
)


#: Bodies the gazetteer names for their state that are no organ of it (a business federation).
NOT_ORGANS = frozenset({"keidanren"})


def _agency(name: str) -> bool:
    """A state's organ ("DGFT", "the Commerce Department's"), not the state's own name."""
    key = re.sub(r"['’]s$", "", name).lower()
    return key in AGENCIES and key not in NOT_ORGANS


def home_state(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The state a text is told from, for a ministry or government it names without its state: the city of its
    dateline, else the state a headline opens on as subject when the headline names no other, else the one state
    whose organs the text names. ``None`` when the text gives none of these (never a guess from the publisher's name
    or the language).
    """
    for i, (s, e) in enumerate(spans[:4]):
        m = DATELINE.match(text[s:e])
        city = (m.group(1) or m.group(2) or m.group(3) or m.group(4) or "").lower() if m else ""
        if city in DATELINE_CITIES:
            # a bureau's city dates whatever it reports ("KYIV, Dec 3 (Reuters) - Russia said …"): its state is the
            # text's only when the lead names no other state but as an aim ("… banned exports of drone engines to Russia")
            assert m is not None  # a city was read
            lead = " ".join(text[a:b] for a, b in spans[i : i + 3])[m.end() :]
            others = {
                c
                for a, _b, c in states(lead)
                if c != DATELINE_CITIES[city] and not AIMED_BEFORE.search(lead[max(0, a - 20) : a])
            }
            return None if others else DATELINE_CITIES[city]
    # the headline: the first sentence that names a state (a site's "App" or section label may come before it)
    head = next((text[s:e] for s, e in spans[:3] if states(text[s:e])), "")
    named = states(head)
    codes = {c for _a, _b, c in named}
    if (
        _headline(head)
        and named
        # one state, or the first as the subject of a verb ("Japan invokes export controls against S. Korea"), not
        # the head of a list or a pair ("Japan, South Korea …", "US-China talks", "China and US agree")
        and (len(codes) == 1 or HEADLINE_VERB_AFTER.match(head, named[0][1]) is not None)
        and HEADLINE_SUBJECT.match(head[: named[0][0]])
        and not HEDGE.search(head)  # "EU Chips Plans Could Lead to New Export Controls" says no one acts
    ):
        return named[0][2]
    # the state whose organs (DGFT, MOFCOM, BIS) a text names when it names no other state at all: "The government on
    # Tuesday banned the export of all sanitisers …" told with "the Directorate General of Foreign Trade (DGFT) said in
    # a notification". Any other state named (a buyer, a state reacting, the state whose unnamed government acts while
    # the organ only comments) and no guess is made.
    mentions = [(c, _agency(text[s:e][a:b])) for s, e in spans for a, b, c in states(text[s:e])]
    codes = {c for c, _organ in mentions}
    return codes.pop() if len(codes) == 1 and any(organ for _c, organ in mentions) else None


#: A state's own law named after "under" ("under Singapore's Strategic Goods (Control) Order 2021"; the name's
#: "'s" is part of the name's span).
UNDER_LAW_BEFORE = re.compile(r"\bunder\s+(?:the\s+)?$")
LAW_AFTER = re.compile(r"\s+(?:[A-Z(][\w()-]*\s+){1,6}?(?:Order|Act|Regulations?|Law|Decree|Ordinance|Rules)\b")


def _extract_english(doc: Document, regimes: dict[str, Regime], *, keep_hedged: bool = False) -> list[Candidate]:
    """Measures an English text reports; with ``keep_hedged``, also those the modality rules call a plan,
    a wish, a rumour or a denial, marked ``hedged:<why>`` in their notes, for the classifier to judge."""
    text = doc.text
    dates = DateResolver(doc.published)
    out: list[Candidate] = []
    last: Candidate | None = None
    last_index = -10
    spans = sentences(text)
    lead_end = lead_sentences(text, spans)
    home = home_state(text, spans)
    hedged_body: set[str] = set()  # actions the body reports only as considered, planned or rumoured
    aside: list[Candidate] = []  # what the modality rules hedged (only with keep_hedged)
    for index, (s, e) in enumerate(spans):
        sent = text[s:e]
        found_in_sentence: list[Candidate] = []
        masked = _mask_initials(sent)  # "added 28 U.S. entities to its list": one clause
        taken: list[tuple[int, int]] = []
        for action, rx in TRIGGERS:
            for m in _matches(rx, masked, taken):
                if rx is REVIEW_POLICY:
                    direction = review_direction(sent, text)
                    if direction is None:
                        continue
                    action = direction
                raw_action = action
                before = sent[: m.start()]
                if TALK.search(before[-60:]):
                    continue
                clause_start = max(before.rfind(","), before.rfind(";"), before.rfind(" while "), before.rfind(" and "))
                if (
                    CONDITIONAL.search(sent[clause_start + 1 if clause_start >= 0 else 0 :])
                    and action != "wto_complaint_withdrawn"
                ):
                    continue
                window = _window(before)
                mood = modality(window, m.group(0), text)
                hedged = mood in ("hedged", "negated") or bool(UNNAMED_SOURCES.search(sent))
                if hedged:
                    if not _headline(sent):
                        hedged_body.add(action)
                    if not keep_hedged:
                        continue
                named = states(sent)
                actors = [c for a, b, c in named if b <= m.start()]
                # "the EU added … companies to its list of entities supporting Russia's military, restricting
                # exports": a state named as an object before the trigger does not act
                # (and the names listed with such an object: "exports … to Russia, Belarus and Iran would require a
                # permit": Iran is the list's last destination, not the subject of "would")
                objects: list[bool] = []
                for i, (a, z, _c) in enumerate(named):
                    hit = OBJECT_BEFORE.search(sent[max(0, a - 30) : a])
                    if hit and hit.group(0).lower().endswith(("of ", "of the ")) and sent[a:z].endswith(("'s", "’s")):
                        hit = None  # "In the latest of Australia's rolling sanctions": whose sanctions, not a group
                    objects.append(
                        bool(hit) or (i > 0 and objects[i - 1] and bool(LIST_JOIN.match(sent[named[i - 1][1] : a])))
                    )
                subjects = [c for (a, b, c), obj in zip(named, objects, strict=True) if b <= m.start() and not obj]
                # "US ally tightens export restrictions": the ally acts, not the state it is allied to
                allied = {(a, b) for a, b, c in named if ALLY_AFTER.match(sent, b)}
                if allied:
                    actors = [c for a, b, c in named if b <= m.start() and (a, b) not in allied]
                    subjects = [c for c in subjects if c in actors]
                actors = subjects or actors
                # "China-related entities", "Chinese chipmakers", "the China Academy … has been added": where
                # the listed entities are, never who lists them
                located = {
                    (a, b)
                    for a, b, c in named
                    if b <= m.start()
                    and (
                        ENTITY_NOUN.match(sent[b : m.start()])
                        or FIRM_NOUN.match(sent[b : m.start()])
                        or sent[b : b + 1] == "-"
                        or SANCTIONS_TITLE.match(sent, b)
                        # "in response to Russia's continuing war of aggression against Ukraine, the Council adopted":
                        # the war's owner is the reason, never the actor
                        or (sent[a:b].endswith(("'s", "’s")) and bool(WAR_OWNED.match(sent, b)))
                    )
                }
                passive = (bool(PASSIVE_BEFORE.search(before)) and bool(re.match(r"\w+ed\b", m.group(0)))) or bool(
                    re.search(r"\b(?:was|were|has been|have been)\s+(?:\w+ed|made public)$", m.group(0))
                )
                patient = [
                    (a, b, c)
                    for a, b, c in named
                    if b <= m.start() and sent[a:b].endswith(("'s", "’s")) and not sent[b : m.start()].strip()
                ]
                noun = NOUN_TRIGGER.match(m.group(0))
                # "Japan's removal of South Korea from …" names the agent: only "X's removal from" names X as moved
                owned = (
                    patient[-1][2]
                    if patient and noun and not re.match(r"\s+of\b", sent[m.start() + noun.end() :])
                    else None
                )
                if owned is not None:
                    # "Japan's removal from a 29-member white list went into effect": the state put on or
                    # taken off is the one whose name owns the act's noun
                    located.add(patient[-1][:2])
                if passive:  # "… has been added to its End User List": the subject is what is listed
                    located |= {(a, b) for a, b, c in named if b <= m.start()}
                if located:
                    kept = [c for a, b, c in named if b <= m.start() and (a, b) not in located]
                    actors = kept
                if passive and not actors:
                    # "… were added by the Commerce Department", "… have been added to a list …, the South Korean
                    # Ministry of Trade announced on Tuesday": the agent or the speaker acts
                    clause = CLAUSE_END.search(sent, m.end())
                    by = re.search(r"\bby\s+(?:the\s+)?", sent[m.end() : clause.start() if clause else len(sent)])
                    speaker = SPEAKER_TAIL.search(sent, m.end())
                    for anchor in ([m.end() + by.end()] if by else []) + ([speaker.start()] if speaker else []):
                        agent = [c for a, b, c in named if anchor <= a < anchor + 60]
                        if agent:
                            actors = agent[:1]
                            break
                    said = SPEAKER_BEFORE.search(before)
                    if not actors and said:
                        # "The British government said all … licences to Belarus have been suspended": the speaker
                        # of the passive act acts (its own subject is what is done, not a state)
                        actors = [c for a, b, c in named if b <= said.start()][-1:]
                end = CLAUSE_END.search(sent, m.end())
                clause_end = end.start() if end else len(sent)
                after = [c for a, b, c in named if m.start() <= a < clause_end]
                jurisdiction = actors[-1] if actors else None
                joined = re.search(r"\bjoin\w*\s+(?:the\s+)?(?:[\w.’']+\s+){0,2}in\s+$", before)
                if joined:  # "Japan and the Netherlands agreed to join the US in imposing …": the joiners act
                    joiners = [c for a, b, c in named if b <= joined.start()]
                    jurisdiction = joiners[-1] if joiners else jurisdiction
                if jurisdiction is None:  # "Dutch export restrictions … took effect", "Japan's export controls on …"
                    owner = [
                        c
                        for a, b, c in named
                        if a
                        <= m.start()
                        < b  # "The European Union's new … regulation": the trigger opens inside the name
                        or (
                            m.start() <= a < m.start() + 12
                            and (sent[a:b].lower() in DEMONYMS or sent[a:b].endswith(("'s", "’s")))
                        )
                        # "New EU Dual-Use Regulation enters into force": the state names the law it makes
                        or (
                            m.start() <= a < m.start() + 12
                            and re.search(
                                r"(?:controls|restrictions|curbs|rules?|regulations?|ordinance|decree)\b",
                                m.group(0),
                                re.I,
                            )
                            and not re.search(r"\b(?:on|to|against|for|from|of)\s+$", sent[m.start() : a])
                        )
                    ]
                    jurisdiction = owner[0] if owner else None
                if jurisdiction is None and last is not None and index - last_index <= 2 and last.action == action:
                    if hedged:
                        continue
                    # "New export controls will take effect on antimony from Sept. 15": the act just reported.
                    eff = EFFECT.search(sent)
                    told = effective_of(dates, eff, last.announced) if eff else None
                    if told and last.effective is None and not _before_act(told, last.announced, doc.published):
                        last.effective = told
                        last.evidence.append(Evidence(sent, s, e))
                    continue
                journal = re.search(r"Official Journal|Federal Register|Gazette", m.group(0))
                if jurisdiction is None and journal:  # the journal the act was published in names its state
                    in_journal = [c for a, b, c in named if journal.end() <= a < journal.end() + 25]
                    jurisdiction = "US" if journal.group(0) == "Federal Register" else next(iter(in_journal), None)
                if jurisdiction is None and after and action.startswith("wto"):
                    # "Korea to file WTO complaint over Japan's export restrictions": the state complained of
                    # is not the complainant
                    first = next(x for x in named if m.start() <= x[0] < clause_end)
                    if not re.search(r"\b(?:over|against|targeting|on|with)\s+(?:the\s+)?$", sent[: first[0]]):
                        jurisdiction = after[0]
                if (
                    jurisdiction is None
                    and last is not None
                    and index - last_index <= 2
                    and AGENCY_SUBJECT.search(window)
                ):
                    jurisdiction = last.jurisdiction  # "The ministry will impose …" after "China's MOFCOM said"
                if jurisdiction is None and AGENCY_SUBJECT.search(window):
                    # "The government has decided to impose temporary restrictions on the export of nitrogen fertilizers,
                    # Prime Minister Mikhail Mishustin said": the speaker named after the act speaks for the government
                    tail = SPEAKER_TAIL.search(sent, m.end())
                    # the speaker's own words before the verb ("…, Prime Minister Mikhail Mishustin said"), never a
                    # state named after it ("…, the minister said during a visit to India")
                    told_by = [c for a, b, c in named if tail and tail.start() <= a < tail.start("verb")]
                    jurisdiction = told_by[0] if told_by else None
                acting = {o.jurisdiction for o in out}
                if (
                    jurisdiction is None
                    and passive
                    and action == "add_export_restriction"
                    and len(acting) == 1
                    and not acting & {c for _a, _b, c in named}
                    and re.search(LISTS, m.group(0), re.I)
                ):
                    # "China, … and the Macao Special Administrative Region will be added to the list of embargoed
                    # destinations" in a text where one state alone acts: the agentless listing is that state's
                    jurisdiction = next(iter(acting))
                if (
                    jurisdiction is None
                    and action in ("add_export_restriction", "ease_export_restriction")
                    and EU_COUNCIL.search(before[-80:])
                    and EU_NAMED.search(text)
                ):
                    # "the Council adopted a twelfth package of new measures", "the Council's adoption of a 14th
                    # package of sanctions" in a text about EU sanctions: the Council of the EU acts for the Union
                    jurisdiction = "EU"
                if jurisdiction is None and (
                    passive or re.search(r"\b(?:is|was|were|been|be)\s+imposed\b", m.group(0))
                ):
                    # "A ban is imposed on the transfer … to Russia of all items listed as “Military Goods” under
                    # Singapore's Strategic Goods (Control) Order 2021": the agentless act is made under that state's law
                    under = [
                        c
                        for a, b, c in named
                        if a > m.start()
                        and UNDER_LAW_BEFORE.search(sent[:a])
                        and sent[a:b].endswith(("'s", "’s"))
                        and LAW_AFTER.match(sent, b)
                    ]
                    jurisdiction = under[0] if under else None
                if (
                    jurisdiction is None
                    and home is not None
                    and m.group(0).lower().startswith("the list of")
                    and named
                    and {c for _a, _b, c in named} == {home}
                    and all(re.search(r"\bin\s+$", sent[:a]) for a, _b, _c in named)
                ):
                    # "the list of strategic goods being transshipped in or in transit in Singapore needing a … permit
                    # will be expanded" in a text whose organs are Singapore's alone: the agentless act is that state's,
                    # named only as the place of the trade it controls
                    jurisdiction = home
                agencies = [c for a, b, c in named if _agency(sent[a:b])]
                if jurisdiction is None and agencies and AGENCY_SUBJECT.search(window):
                    # "The government on Thursday prohibited the export of …, according to a notification of the
                    # Directorate General of Foreign Trade (DGFT)": the unnamed government is the one whose organ
                    # the sentence names; an organ is never whom an act is aimed at
                    jurisdiction = agencies[0]
                    after = [c for a, b, c in named if m.start() <= a < clause_end and not _agency(sent[a:b])]
                if jurisdiction is None and home is not None and AGENCY_SUBJECT.search(window) and home not in after:
                    # "The Ministry of Commerce … unveiled a newly revised catalog" under "China lists new limits …"
                    # or a "BEIJING, July 31 --" dateline: the unnamed ministry is the text's own state's
                    jurisdiction = home
                targets = [c for c in dict.fromkeys(after) if c != jurisdiction]
                if action in ("add_export_restriction", "lift_licence_requirement"):
                    wide = WIDE_CLAUSE_END.search(sent, m.end())
                    aimed = _restriction_targets(
                        sent, m.start(), wide.start() if wide else len(sent), named, jurisdiction
                    )
                    # "added 601 entities from Russia, Pakistan, Iran, Myanmar and China to its entity list"
                    listed = aimed_states(sent[m.start() : wide.start() if wide else len(sent)])
                    aimed = list(dict.fromkeys([*aimed, *(c for c in listed if c != jurisdiction)]))
                    if action == "add_export_restriction" or not (jurisdiction == "JP" and "KR" in targets):
                        targets = aimed
                if action.startswith("wto"):
                    others = [c for _a, _b, c in named if c != jurisdiction]
                    targets = list(dict.fromkeys(others))[:1]
                if (
                    action == "lift_licence_requirement"
                    and not targets
                    and last is not None
                    and index - last_index <= 2
                    and last.jurisdiction == jurisdiction
                    and last.action == "add_export_restriction"
                    and ANAPHORIC_CURBS.search(m.group(0))
                ):
                    # "In August, Germany restricted arms exports to Israel. The federal government has now again
                    # lifted these restrictions.": the restrictions undone are the ones just told, with their targets
                    targets = list(last.targets)
                if action in ("add_to_preferred_list", "remove_from_preferred_list") and not targets:
                    mutual = re.search(r"each other|one another|the other's", sent, re.I)
                    if mutual:
                        targets = [c for c in dict.fromkeys(c for _a, _b, c in named) if c != jurisdiction]
                    elif re.search(r"from (?:its|their) own", sent[m.start() :]):
                        targets = [c for a, b, c in named if m.start() <= a and c != jurisdiction][:1]
                    else:  # "South Korea has become the first country for Japan to remove from its whitelist"
                        targets = [c for c in actors if c != jurisdiction][-1:]
                if owned is not None and action.endswith("preferred_list") and owned != jurisdiction:
                    targets = [owned]
                if action == "add_export_restriction":  # "adopted The Russia (Sanctions) … Regulations 2023"
                    titled = [
                        c
                        for a, b, c in named
                        if a >= m.start() and SANCTIONS_TITLE.match(sent, b) and c != jurisdiction
                    ]
                    targets = list(dict.fromkeys([*targets, *titled]))
                if passive and action == "add_export_restriction":  # "Fourteen Chinese companies have been added"
                    subjects_listed = [c for a, b, c in named if b <= m.start() and c != jurisdiction]
                    targets = list(dict.fromkeys([*targets, *subjects_listed]))
                mutual_actors = re.search(
                    r"(\w[\w ]*?) and (\w[\w ]*?) (?:have |had )?\w+ (?:each other|one another)",
                    before + sent[m.start() : m.end()],
                )
                if mutual_actors and action.endswith("preferred_list"):
                    pair = [c for a, b, c in named if b <= m.start()][-2:]
                    if len(pair) == 2 and pair[0] != pair[1]:
                        jurisdiction, targets = pair[0], [pair[1]]
                        twin_pair = (pair[1], [pair[0]])
                    else:
                        twin_pair = None
                else:
                    twin_pair = None
                items = find_items(sent, regimes)
                if action == "add_export_restriction" and any("jp:3(1)" in i["ids"] for i in items):
                    action = "require_individual_licence"
                if action == "lift_licence_requirement":
                    action = _licence_or_ease(action, jurisdiction, targets, sent, items)
                eff_m = EFFECT.search(sent)
                announced = dates.in_sentence(sent if not eff_m else sent[: eff_m.start()] + sent[eff_m.end() :], False)
                effective = effective_of(dates, eff_m, announced) if eff_m else None
                if announced and effective and announced == effective and not (eff_m and eff_m.group(4)):
                    announced = (
                        None if not re.search(r"immediate", eff_m.group(0) if eff_m else "", re.I) else announced
                    )
                if (
                    effective is None
                    and announced
                    and len(announced) == 10
                    and action == "add_export_restriction"
                    # "added", "said Thursday it was adding …", "is blacklisting": a listing told as made that day
                    and re.match(r"(?:added|adding|adds|placed|put|included|blacklist(?:ed|ing|s))\b", m.group(0), re.I)
                    and re.search(r"\b(?:black ?)?list(?:ing)?\b|^blacklist", m.group(0), re.I)
                    and not EFFECT.search(text[e : e + 700])  # the effect may be told next ("effective Dec. 11")
                ):
                    effective = announced  # "BIS announced 26 March that it had added 80 entities": listed that day
                if (
                    effective is None
                    and announced
                    and len(announced) == 10
                    and re.search(r"\b(?:effect|force)$", m.group(0), re.I)
                    and not re.search(r"\b(?:will|would|shall|should|could|may|might)\b", m.group(0), re.I)
                    and mood is None
                    and not SAID_OR_PROPOSED.search(sent[: m.start()])
                ):
                    # "On 9 September 2021, the new EU Dual-Use Regulation … enters into force": the trigger is the
                    # act's coming into force, so the day the sentence tells is its start, not an announcement
                    effective, announced = announced, None
                if (
                    effective is None
                    and announced
                    and len(announced) == 10
                    and doc.published is not None
                    and announced > doc.published.isoformat()
                    and re.search(r"\bwill\b", window)
                ):
                    # "On 1 April 2025 the Netherlands will modify its … measure": a future day the act applies
                    effective, announced = announced, None
                stage = _stage(sent, m.start(), effective, doc.published)
                if mood == "proposed":
                    stage = "proposed"
                past = (
                    bool(PAST.search(REPORTED_HAD.sub(" ", window)))
                    or bool(re.search(r"\b(after|before|since)\b[^.]{0,40}$", before, re.I))
                    or (bool(PARTICIPLE_NOUN.search(before)) and m.group(0).split()[0].lower().endswith("ed"))
                    # "the Affiliates Rule, which imposed …": a relative clause describes the act, it does not report it
                    or (bool(RELATIVE.search(before)) and m.group(0).split()[0].lower().endswith("ed"))
                    # "influenced by the imposing of the U.S. export restrictions": the act as a noun
                    or (bool(re.search(r"\bthe\s+$", before)) and m.group(0).split()[0].lower().endswith("ing"))
                    # "The US has heavily restricted exports …": a state of affairs, not this text's news
                    or bool(
                        re.search(
                            r"\b(?:has|have|had)\s+(?:heavily|increasingly|long|repeatedly|steadily|gradually|progressively"
                            r"|consistently|continuously)\s+$",
                            before,
                        )
                    )
                    # "over Japan's tightened export controls", "the expanded restrictions": the act as an
                    # attribute of the noun it made, named to say what the news is about
                    or (
                        bool(re.search(r"(?:['’]s|\b(?:the|its|their|these|those|such))\s+$", before))
                        and bool(re.fullmatch(r"\w+ed", m.group(0).split()[0]))
                    )
                )
                # "Huawei, which the US blacklisted in 2019, …", "has blacklisted 600 entities since 2018": a listing
                # recalled in a relative clause or dated by an earlier year right after its verb
                if re.match(r"blacklist", m.group(0), re.I) and doc.published:
                    dated_after = RECALLED_YEAR_AFTER.match(sent, m.end())
                    if (dated_after is not None and int(dated_after.group(1)) < doc.published.year) or re.search(
                        r"\b(?:which|whom)\s+(?:the\s+)?(?:[\w.]+\s+){0,3}$", before
                    ):
                        past, effective = True, None
                year_m = re.search(r"\b(?:in|during|since|of) (?:the )?(?:late |early )?((?:19|20)\d\d)\b", sent, re.I)
                if year_m and doc.published and effective is None and (announced is None or len(announced) == 4):
                    announced = announced or year_m.group(1)
                    past = past or int(year_m.group(1)) < doc.published.year
                if past and re.fullmatch(r"\w+ed", m.group(0).split()[0], re.I):
                    stage = "in_force"
                confidence = (
                    0.5
                    + 0.2 * (jurisdiction is not None)
                    + 0.15 * bool(targets or action.startswith("wto"))
                    + 0.15 * bool(items or action.endswith("preferred_list") or action.startswith("wto"))
                )
                cand = Candidate(
                    document=doc.source,
                    jurisdiction=jurisdiction,
                    action=action,
                    targets=targets,
                    items=items,
                    announced=announced,
                    effective=effective,
                    stage=stage,
                    background=past,
                    evidence=[Evidence(sent, s, e)],
                    confidence=min(confidence, 1.0),
                    published=doc.published.isoformat() if doc.published else None,
                    sentence=index,
                    lead=index <= lead_end,
                    recalled=past,
                    past_tense=bool(re.fullmatch(r"\w+ed|cut|put|struck|took|brought", m.group(0).split()[0], re.I))
                    and not re.search(r"\b(?:has|have|will|to|would)\s+(?:\w+\s+){0,2}$", before[-30:], re.I),
                )
                if hedged:  # kept aside for the classifier; never a rules' measure, never ``last``
                    if jurisdiction is not None:
                        cand.notes.append(f"hedged:{mood or 'sources'}")
                        aside.append(cand)
                    continue
                if index <= lead_end and _headline(sent) and re.search(r"\bto\s+$", before):
                    cand.notes.append(f"headline plan:{raw_action}")  # "China to exempt …"
                if jurisdiction is not None:
                    found_in_sentence.append(cand)
                if twin_pair is not None:
                    twin = Candidate(
                        **{
                            **cand.__dict__,
                            "jurisdiction": twin_pair[0],
                            "targets": twin_pair[1],
                            "evidence": list(cand.evidence),
                            "notes": ["reported as mutual"],
                        }
                    )
                    found_in_sentence.append(twin)
                break
        if found_in_sentence:
            out.extend(found_in_sentence)
            last, last_index = found_in_sentence[-1], index
        else:
            eff_m = EFFECT.search(sent)
            # "The ban, which went into effect on December 3, 2024, …" several sentences on: the act named again
            reach = 8 if ANAPHORIC_ACT.match(sent) else 4
            if eff_m and last is not None and index - last_index <= reach:
                said = re.search(rf"\bsaid (?:on )?({WEEKDAY_RE})\b", sent)
                if said and last.announced is None:
                    last.announced = dates.expression(said.group(1), False)
                effective = effective_of(dates, eff_m, last.announced)
                if effective and last.effective is None and not _before_act(effective, last.announced, doc.published):
                    last.effective = effective
                    last.evidence.append(Evidence(sent, s, e))
                    last.stage = (
                        _stage(last.evidence[0].text, 0, effective, doc.published)
                        if last.stage != "proposed"
                        else last.stage
                    )
        dates.remember(sent)
    return [c for c in out if c.jurisdiction is not None and not _headline_only_plan(c, out, hedged_body)] + aside


def _headline(sent: str) -> bool:
    """A headline: short, and without the full stop a sentence of the body ends with."""
    return len(sent) < 150 and not re.search(r"[.!?。]\W*$", sent)


def _headline_only_plan(c: Candidate, found: list[Candidate], hedged_body: set[str]) -> bool:
    """A headline's "China to exempt some Nexperia orders" whose body says only "is considering exempting":
    the headline's infinitive is the plan the body hedges, not an act."""
    plan = next((n.split(":", 1)[1] for n in c.notes if n.startswith("headline plan:")), None)
    if plan is None or plan not in hedged_body:
        return False
    return not any(
        o is not c and o.sentence > 0 and (o.jurisdiction, o.action) == (c.jurisdiction, c.action) for o in found
    )


#: A photo caption or credit: "(Getty Images)", "(사진=연합뉴스)", "【写真】".
PHOTO_CAPTION = re.compile(
    r"[(（]\s?(?:Getty Images|AP|AFP|Reuters|EPA|ロイター|共同|사진\s?=|写真\s?[:：=]?)[^)）]{0,40}[)）]\s*$|^\s*[\[【]\s?(?:写真|사진)",
    re.I,
)


def lead_sentences(text: str, spans: list[tuple[int, int]]) -> int:
    """Index of the last sentence of the lead: the headline, dateline and first two substantial
    sentences that name a state. The news of a text is told there; what comes later explains it."""
    substantial = 0
    seen: set[str] = set()
    for i, (s, e) in enumerate(spans):
        piece = text[s:e]
        if piece.strip() in seen:  # a headline the page repeats above the body counts once
            continue
        seen.add(piece.strip())
        if PHOTO_CAPTION.search(piece):
            continue  # "インド、稲を植える男性(Getty Images)", "(사진=…)": a picture's caption, not the lead
        long_enough = len(piece) >= 60 or (
            bool(re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", piece)) and len(piece) >= 25
        )
        if long_enough and states(piece):
            substantial += 1
            if substantial == 2:
                return i
    return len(spans) - 1


#: An act reported as done together with the news ("at the same time", 同時に, 동시에, 같은 날).
SAME_TIME = re.compile(r"\bat the same time\b|\bsimultaneously\b|\bon the same day\b|同時に|同日|동시에|같은 날", re.I)
#: Days before publication beyond which a dated act is background whatever the wording.
OLD_DAYS = 40
#: Days before publication beyond which an act told after the lead is there to explain the news.
EXPLAINS_DAYS = 14


def _dated_before(c: Candidate, u: Candidate) -> bool:
    """Whether ``c`` is dated (to the day) before ``u``."""
    cd = [d for d in (c.announced, c.effective) if d and len(d) == 10]
    ud = [d for d in (u.announced, u.effective) if d and len(d) == 10]
    return bool(cd and ud and max(cd) < min(ud))


def _before_act(effective: str, announced: str | None, published: dt.date | None) -> bool:
    """A date told as an act's start that ends more than a month before the act was announced (or, unknown, the text
    published) belongs to an earlier act ("An earlier revision of the list took effect on May 16, 2019")."""
    ref = _date_start(announced) if announced else published
    end = _date_sort(effective)
    return ref is not None and end is not None and end < ref - dt.timedelta(days=31)


def share_effective(found: list[Candidate], doc: Document) -> None:
    """The news without an effective date takes the one another reading of the same act gives.

    Why: a text names its act in the headline ("Netherlands Releases New Chip Export Controls") and tells when it
    applies in the body ("The measures, previewed … in March, take effect Sept. 1"); the body's reading may be called
    background (it recalls the preview) or name no target ("struck its neighbor from a … list"), so the date stays with
    a reading that is not the news. Same state and action, targets one within the other, and a date not older than
    two months before the publication day (a date recalled from an earlier act of the same kind stays there).
    """
    if doc.published is None:
        return
    floor = doc.published - dt.timedelta(days=60)
    for c in found:
        if c.background or c.effective is not None:
            continue
        mine = set(c.targets)
        for o in found:
            if o is c or o.effective is None or (o.jurisdiction, o.action) != (c.jurisdiction, c.action):
                continue
            theirs = set(o.targets)
            if not (mine <= theirs or theirs <= mine) or _date_start(o.effective) < floor:
                continue
            if _before_act(o.effective, c.announced, doc.published):
                continue
            c.effective = o.effective
            if c.stage != "proposed":
                c.stage = _stage(c.evidence[0].text, 0, o.effective, doc.published)
            c.notes.append(f"effective: as told of the same act in sentence {o.sentence + 1}")
            break


def settle_background(found: list[Candidate], doc: Document) -> None:
    """Mark each candidate news or background (guideline §4), from the whole document.

    Background: the wording recalls the act ("had", "earlier", "in response"), or its date is well
    before publication. News: told in the lead. After the lead, an act is news when the lead reports
    none (the headline names the event in other words) and it is not told in the past tense without
    a date, or when it is the lead's state acting again, or when it takes effect after publication,
    or is dated the day of publication; otherwise it explains the news. A restatement of a lead
    measure without its targets is not a second, country-neutral measure.
    """
    published = doc.published

    def gap(c: Candidate) -> int | None:
        # A month before the publication month ("in March", told on 28 April) counts from its first day.
        days = [_date_start(d) if len(d) == 7 else _date_sort(d) for d in (c.announced, c.effective) if d]
        latest = max((d for d in days if d is not None), default=None)
        return (published - latest).days if published and latest else None

    first = min(found, key=lambda c: c.sentence, default=None)
    if first is not None and first.lead and "reacted to" in first.notes:
        # The text opens on a reaction to the act (日本の…改正に中国商務部がコメント, "…したことについて"): the
        # reaction is the news, the act and its restatements explain it.
        for c in found:
            if (c.jurisdiction, c.action) == (first.jurisdiction, first.action):
                c.recalled = True

    def earlier_month(c: Candidate) -> bool:
        # "China banned gallium exports to the US in December", told in January: dated only by an earlier
        # month, the act is recalled (news is told by its day: "on Tuesday", "on the 3rd").
        dates = [d for d in (c.announced, c.effective) if d]
        return bool(published and dates and all(len(d) == 7 and d < published.strftime("%Y-%m") for d in dates))

    for c in found:
        g = gap(c)
        c.background = c.recalled or (g is not None and g > OLD_DAYS) or (c.sentence > 0 and earlier_month(c))
    if first is not None and first.recalled and first.lead and "reacted to" not in first.notes:
        g = gap(first)
        if (
            g is not None
            and 0 <= g <= 1
            and not any(c.lead and not c.background for c in found)
            # only an act told in an "after" clause; "days after removing Korea from its white list" counts from it
            and re.search(r"\bafter\b", first.evidence[0].text, re.I)
            and not re.search(
                r"\b(?:days|weeks|months|years|shortly|soon|long)\s+after\b", first.evidence[0].text, re.I
            )
        ):
            # "Australia will turn back a ship … after the federal government imposed a ban on exporting the material
            # to Russia" (the ban in force the day before): the text's first act, dated the day of publication or the
            # day before, told as the reason for that day's events, is the news though "after" recalls it
            for c in found:
                if (c.jurisdiction, c.action, c.targets) == (first.jurisdiction, first.action, first.targets):
                    c.background = False
    for c in found:
        # A headline's "X to <act>": "S. Korea to tighten export controls on Russia, Belarus" over a body that tells
        # the act only as recalled ("The announcement came after South Korea added 682 items …") names that act, not
        # a new one; over a body that never tells it as done ("US to Lift Export Curbs on Nvidia's H20 Chips", the
        # body telling of licences to come) it is the plan (guideline §3)
        if any(n.startswith("headline plan:") for n in c.notes) and not c.background:
            body = [
                o for o in found if o.sentence > c.sentence and (o.jurisdiction, o.action) == (c.jurisdiction, c.action)
            ]
            if all(o.recalled for o in body):
                c.background = True
    lead_news = [c for c in found if c.lead and not c.background]
    news_states = {c.jurisdiction for c in lead_news}
    for c in found:
        if c.background or c.lead:
            continue
        g = gap(c)
        if (g is not None and g <= 0) or c.dated_today:
            continue  # dated the day of publication or later: this text's news
        if SAME_TIME.search(c.evidence[0].text):
            continue  # "일본도 동시에 … 해제했다": done together with the lead's news, so news too
        if g is not None and g > EXPLAINS_DAYS:
            c.background = True  # told after the lead, dated weeks back: it explains the news
            continue
        if not lead_news:
            c.background = g is None and c.past_tense
        else:
            c.background = c.jurisdiction not in news_states
    undone = [c for c in lead_news if c.action in ("ease_export_restriction", "lift_licence_requirement")]
    for c in found:
        # "Taiwan is holding off on chip export controls it placed on South Africa two days ago": where the
        # news undoes an act, the act undone is told to explain it (a restoration recalls the removal)
        if c.background or c.action not in ("add_export_restriction", "require_individual_licence"):
            continue
        if any(
            u.jurisdiction == c.jurisdiction
            and (set(u.targets) & set(c.targets) or not u.targets)
            # told after the lead, or dated before the undoing ("On Tuesday, Vietnam imposed …")
            and (not c.lead or _dated_before(c, u))
            for u in undone
        ):
            c.background = True
    for c in found:
        if c.background or c.action not in ("add_export_restriction", "ease_export_restriction"):
            continue
        # a restatement that names fewer of the targets ("벨라루스에 대한 수출 통제가 강화된다" beside "러시아와
        # 벨라루스에 대한 수출 통제 품목을 확대") is the same act, told less fully; not the headline's, which names
        # whom the news is about ("further sanctions against Belarus" where the body adds Russia in passing), nor
        # the ordinance that carries several acts (政令 … ロシアに対する, then ロシアとベラルーシ両国に対する …)
        fuller = [
            o
            for o in found
            if o is not c
            and not o.background
            and o.targets
            and (
                set(c.targets) < set(o.targets)
                if c.targets and not _headline(c.evidence[0].text) and "vehicle" not in c.notes
                else not c.targets
            )
            and (o.jurisdiction, o.action) == (c.jurisdiction, c.action)
        ]
        if fuller:
            c.background = True
            for o in fuller:  # the restatement may be where the dates are told ("施行は18日")
                o.announced = o.announced or c.announced
                o.effective = o.effective or c.effective
    for c in found:
        # "韓国に対する輸出規制を強化すると発表した。…3品目について…個別に許可を求める": the tightening named in
        # general is the licensing change the text then spells out, not a second measure.
        if c.background or c.items or c.action != "add_export_restriction":
            continue
        named = [
            o
            for o in found
            if o.action == "require_individual_licence"
            and not o.background
            and o.jurisdiction == c.jurisdiction
            and set(c.targets) <= set(o.targets)
        ]
        if named:
            c.background = True
            for o in named:
                o.announced = o.announced or c.announced
                o.effective = o.effective or c.effective
