"""Rendering the law report (see ``exportctl.law.report``) as plain text or one HTML page.

The text form reads top to bottom like a memo and diffs well between versions; the HTML form
is self-contained (no scripts, no external assets) so it can be mailed, printed and signed.
"""

from __future__ import annotations

from importlib import resources

from jinja2 import Environment, select_autoescape

from exportctl.law.report import LawReport


def _pct(n: int, total: int) -> str:
    return f"{n}/{total} ({100 * n / total:.0f}%)" if total else "0/0"


def report_text(rep: LawReport) -> str:
    s = rep.stats
    out = [
        f"# Law report: {rep.name}",
        f"Regime version {rep.version}; generated for {rep.generated_for}.",
        "",
        rep.coverage,
        "",
        f"Sources: {s.sources}; official text read and quoted: {_pct(s.official_text, s.sources)}; "
        f"official URL: {_pct(s.official_url, s.sources)}; by confidence: "
        + ", ".join(f"{k} {v}" for k, v in sorted(s.by_confidence.items())),
        f"Records resting on quoted official text: {_pct(s.records_on_official_text, s.records)}",
        "",
        "## Known gaps",
        *[f"- {g}" for g in rep.gaps],
    ]
    for inst in rep.instruments:
        out += ["", f"## {inst.title}" + (f" - {inst.title_local}" if inst.title_local else "")]
        if inst.url:
            out.append(inst.url)
        for p in inst.provisions:
            out += ["", f"### {p.locator}  [{p.source_id}; {p.confidence}]"]
            if p.quote:
                out.append(f"> {p.quote}")
                if p.translation:
                    out.append(f"> ({p.translation_by} translation) {p.translation}")
                out.append(
                    f"Official text: {p.official_url}; read {p.checked_on}"
                    + (f" via {p.read_via}" if p.read_via else "")
                )
            else:
                out.append(
                    f"OFFICIAL TEXT NOT READ: {p.unreached}"
                    + (f" (published at {p.official_url})" if p.official_url else "")
                )
            for e in p.evidence:
                out.append(f"Evidence ({e['kind']}): {e['publisher']} {e['date']} {e['url']}".replace("  ", " "))
            if p.note:
                out.append(f"Note: {p.note}")
            if p.resting:
                out.append("Resting on it:")
                for r in p.resting:
                    out.append(
                        f"  - {r.kind} {r.id}: {r.text} [{r.confidence}]" + (f" (todo: {r.todo})" if r.todo else "")
                    )
            else:
                out.append("Resting on it: nothing")
        out += ["", "Reviewed by: ______________________  on: ____________"]
    return "\n".join(out) + "\n"


def report_html(rep: LawReport) -> str:
    env = Environment(autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    template = (resources.files("exportctl") / "interfaces" / "templates" / "law_report.html").read_text(
        encoding="utf-8"
    )
    return env.from_string(template).render(rep=rep, pct=_pct)
