"""Across documents: merge reports of the same measure, surface conflicts, match the law we hold.

Reports merge when they name the same acting state, action and targets and the same procedural
event (a public comment is its own event; deciding, promulgating and applying are one measure
moving through its stages). Conflicting details are reported, never silently resolved. Each
merged measure is matched against the regime data: ``known`` (with the measure it corroborates)
or ``new`` (a proposal for review).
"""

from __future__ import annotations

import re
from typing import Any

from exportctl.intake.extract import Candidate, _date_sort, _date_start
from exportctl.law.model import Measure
from exportctl.law.regime import Regime

STAGES = ["proposed", "decided", "in_force"]
ROLE = re.compile(
    r"\b(?:(president|prime minister|premier)s? of (Japan|South Korea)(?: and (Japan|South Korea))?"
    r"|(Japanese|South Korean) (President|Prime Minister|premier))\b",
    re.I,
)


def _event(c: Candidate) -> str:
    text = " ".join(e.text for e in c.evidence)
    return "comment" if re.search(r"public (comment|opinion)|seeking (public )?opinions", text, re.I) else "measure"


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _family(c: Candidate) -> str:
    ids = {i for item in c.items for i in item["ids"]}
    if any(i.startswith("jp:7(16)") for i in ids):
        return "chip-equipment"
    if {"jp:3(1)", "jp:5(17)", "jp:7(19)"} & ids:
        return "three-materials"
    return ""


def merge(candidates: list[Candidate]) -> list[dict[str, Any]]:
    groups: dict[tuple[Any, ...], list[Candidate]] = {}
    for c in candidates:
        targets = () if c.action.startswith("wto") else tuple(sorted(c.targets))
        family = _family(c) if c.action in ("add_export_restriction", "require_individual_licence") else ""
        key = (
            c.jurisdiction,
            c.action,
            targets,
            _event(c),
            family,
            c.background if c.action.endswith("restriction") else False,
        )
        groups.setdefault(key, []).append(c)
    merged = []
    for (jur, action, targets, event, _family_key, _bg), reports in groups.items():
        all_targets = sorted({t for r in reports for t in r.targets}) if action.startswith("wto") else list(targets)
        items: dict[str, dict[str, Any]] = {}
        for r in reports:
            for i in r.items:
                items.setdefault(i["text"].lower(), i)
        conflicts = []
        chosen: dict[str, str | None] = {}
        for field in ("announced", "effective"):
            values = [getattr(r, field) for r in reports if getattr(r, field)]
            distinct: list[str] = []
            for v in sorted(values, key=len, reverse=True):
                if not any(_compatible(v, d) for d in distinct):
                    distinct.append(v)
            chosen[field] = distinct[0] if distinct else None
            if len(distinct) > 1:
                conflicts.append(
                    {
                        "field": field,
                        "values": distinct,
                        "sources": {
                            v: sorted({r.document for r in reports if (getattr(r, field) or "").startswith(v[:7])})
                            for v in distinct
                        },
                    }
                )
        stage = max((r.stage for r in reports), key=STAGES.index)
        date_evidence = {  # the words the chosen dates were read from, in the first report that gives them
            f: next(r.date_evidence[f] for r in reports if getattr(r, f) == chosen[f] and f in r.date_evidence)
            for f in ("announced", "effective")
            if chosen[f] and any(getattr(r, f) == chosen[f] and f in r.date_evidence for r in reports)
        }
        documents = sorted({r.document for r in reports})
        merged.append(
            {
                "jurisdiction": jur,
                "action": action,
                "targets": all_targets,
                "items": list(items.values()),
                "announced": chosen["announced"],
                "effective": chosen["effective"],
                "date_evidence": date_evidence,
                "stage": stage,
                "event": event,
                "background": all(r.background for r in reports),
                "confidence": round(min(1.0, max(r.confidence for r in reports) + 0.05 * (len(documents) - 1)), 2),
                "corroboration": len(documents),
                "sources": [
                    {
                        "document": r.document,
                        "published": r.published,
                        "stage": r.stage,
                        "announced": r.announced,
                        "effective": r.effective,
                        "background": r.background,
                        "evidence": [{"text": e.text, "start": e.start, "end": e.end} for e in r.evidence],
                        "date_evidence": r.date_evidence,
                    }
                    for r in reports
                ],
                "conflicts": conflicts,
            }
        )
    return sorted(merged, key=lambda m: (m["jurisdiction"] or "", m["action"], m["event"]))


def role_conflicts(texts: dict[str, str]) -> list[dict[str, Any]]:
    """Different titles given to one state's leader across documents (e.g. "president" vs "prime minister")."""
    seen: dict[str, dict[str, set[str]]] = {}
    for source, text in texts.items():
        for m in ROLE.finditer(text):
            if m.group(1):
                role, states = m.group(1).lower(), [s for s in (m.group(2), m.group(3)) if s]
            else:
                role, states = m.group(5).lower(), ["Japan" if m.group(4).lower() == "japanese" else "South Korea"]
            role = "prime minister" if role == "premier" else role
            for state in states:
                seen.setdefault(state, {}).setdefault(role, set()).add(source)
    return [
        {
            "field": "head_of_government_title",
            "state": state,
            "values": {role: sorted(srcs) for role, srcs in roles.items()},
        }
        for state, roles in seen.items()
        if len(roles) > 1
    ]


# ------------------------------------------------------------------------------------ matching


def _direction(regime: Regime, measure: Measure, target: str) -> str | None:
    for g in regime.groups.values():
        for mem in g.members:
            if mem.country == target and mem.measure == measure.id:
                return "add" if g.id in regime.info.preferred_groups else "remove"
    return None


def _kind_fits(regime: Regime, m: Measure, action: str, targets: list[str], item_ids: set[str]) -> bool:
    if action in ("add_to_preferred_list", "remove_from_preferred_list"):
        want = "add" if action.startswith("add") else "remove"
        return m.kind == "group_amendment" and any(_direction(regime, m, t) == want for t in targets)
    if action in ("lift_licence_requirement", "require_individual_licence"):
        if m.kind != "licensing_policy" or (targets and not set(targets) & set(m.targets)):
            return False
        rules = [r for r in regime.rules if r.measure == m.id]
        restricts = any(r.overrides and not any(g.licence != "individual" for g in r.effect.grant) for r in rules)
        return restricts == (action == "require_individual_licence")
    if action == "add_export_restriction":
        if m.kind == "control_list_amendment":
            return bool(item_ids & set(m.items)) or (any(i.startswith("jp:7(16)") for i in item_ids) and "sme" in m.id)
        rules = [r for r in regime.rules if r.measure == m.id]
        return (
            m.kind == "licensing_policy"
            and any(r.overrides for r in rules)
            and not any(g.licence != "individual" for r in rules for g in r.effect.grant)
        )
    if action.startswith("wto"):
        word = "withdr" if action.endswith("withdrawn") else "request"
        return m.kind == "wto_dispute" and word in m.title.lower()
    return False


def _distance(m: Measure, dates: list[str]) -> int:
    """Days between the reported dates and the measure's own (smallest gap; 0 when a month/year contains it)."""
    own = [d.date for d in (m.announced, m.decided, m.promulgated, m.effective) if d]
    if m.comment_period:
        own.append(m.comment_period.start)
    if not own or not dates:
        return 10_000
    best = 10_000
    for text in dates:
        hi = _date_sort(text)
        assert hi is not None
        lo = _date_start(text)
        for d in own:
            gap = 0 if lo <= d <= hi else min(abs((d - lo).days), abs((d - hi).days))
            best = min(best, gap)
    return best


def match(merged: list[dict[str, Any]], regimes: dict[str, Regime]) -> None:
    """Mark each merged measure ``known`` (with the measure id it corroborates), ``new`` or ``unmodelled``.

    A measure by a state without a regime here (the US, the Netherlands, China…) is ``unmodelled``:
    reported with its ISO code, never matched against another state's data (a US rule on China is
    not a Japanese measure) and never proposed, since there is no regime an overlay could amend.
    """
    modelled = {r.jurisdiction for r in regimes.values()}
    for rec in merged:
        if rec["jurisdiction"] not in modelled:
            rec["status"], rec["measure"] = "unmodelled", None
            continue
        item_ids = {i for item in rec["items"] for i in item["ids"]}
        dates = [d for d in (rec["announced"], rec["effective"]) if d]
        dates += [s["published"] for s in rec["sources"] if s["published"] and not s["background"]]
        best: tuple[int, str] | None = None
        for regime in regimes.values():
            for m in regime.measures.values():
                if m.kind != "wto_dispute" and m.authority and regime.jurisdiction != rec["jurisdiction"]:
                    continue
                if (
                    m.kind == "wto_dispute"
                    and rec["jurisdiction"] not in (regime.jurisdiction, None)
                    and not rec["action"].startswith("wto")
                ):
                    continue
                if not _kind_fits(regime, m, rec["action"], rec["targets"], item_ids):
                    continue
                gap = _distance(m, dates)
                if best is None or gap < best[0]:
                    best = (gap, m.id)
        limit = 400 if rec["background"] else 120
        if best is not None and best[0] <= limit:
            rec["status"], rec["measure"], rec["date_gap_days"] = "known", best[1], best[0]
        else:
            rec["status"], rec["measure"] = "new", None
