"""Intake of news and notices, and the review of the proposals it makes."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from exportctl.bundle import load_bundle
from exportctl.cli.common import (
    App,
    DatabaseOpt,
    JsonOpt,
    RegimesOpt,
    app,
    bundle_regimes,
    console,
    emit,
    fail_cleanly,
    settings_for,
)
from exportctl.engine.query import parse_date
from exportctl.errors import InputError
from exportctl.service import Service

proposals_app = App(help="Measures found by intake, awaiting review.", no_args_is_help=True)
app.add_typer(proposals_app, name="proposals")


def _published_map(values: list[str], refs: list[str]) -> tuple[dict[str, Any], Any]:
    """--published DATE (all documents) or --published PATH=DATE (one document), repeatable."""
    every, per = None, {}
    for v in values:
        if "=" in v:
            path, _, day = v.rpartition("=")
            per[path] = parse_date(day, f"--published for {path}")
        else:
            every = parse_date(v, "--published")
    unknown = [p for p in per if p not in refs]
    if unknown:
        raise InputError(f"--published names a document not given: {unknown[0]}")
    return per, every


def _publisher_map(values: list[str], refs: list[str]) -> dict[str, str]:
    """--publisher PATH=NAME (one document), repeatable; a single document may be named without PATH=."""
    named: dict[str, str] = {}
    for v in values:
        path, eq, name = v.rpartition("=")
        if not eq:
            if len(refs) != 1:
                raise InputError(f"--publisher {v!r}: name the document too, as PATH=NAME (several documents given)")
            path = refs[0]
        if not name.strip():
            raise InputError(f"--publisher {v!r}: give the publisher's name, as PATH=NAME")
        if path not in refs:
            raise InputError(f"--publisher names a document not given: {path}")
        named[path] = name.strip()
    return named


def _same_text(text: str) -> str:
    """A text with its whitespace normalised: two saved copies of one article compare equal."""
    return " ".join(text.split())


@app.command()
@fail_cleanly
def intake(
    refs: Annotated[list[str], typer.Argument(help="Files or http(s) URLs: plain text or HTML")],
    published: Annotated[list[str], typer.Option("--published", help="YYYY-MM-DD for all, or PATH=YYYY-MM-DD")] = [],  # noqa: B006
    publisher: Annotated[
        list[str],
        typer.Option(
            "--publisher",
            help="PATH=NAME: who published a file (a URL's host is its publisher); "
            "only known publishers count as independent corroboration",
        ),
    ] = [],  # noqa: B006
    propose: Annotated[bool, typer.Option("--propose/--no-propose", help="Save new measures as proposals")] = True,
    allow_private_addresses: Annotated[
        bool,
        typer.Option(
            "--allow-private-addresses",
            help="Let URLs reach loopback, private, link-local and other non-public addresses (refused by default)",
        ),
    ] = False,
    extractor: Annotated[
        str,
        typer.Option(
            "--extractor",
            help="rules (default) | learned (a sentence classifier decides news, background, talk; a target model "
            "chooses targets) | hybrid (the rules decide, the classifier drops what reports no measure)",
        ),
    ] = "rules",
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """Read news reports and notices: which measures they report, known or new (new ones become proposals)."""
    from exportctl.intake.document import FetchPolicy, load_document
    from exportctl.intake.extract import METHODS
    from exportctl.intake.extract import extract as extract_measures
    from exportctl.intake.merge import match, merge, role_conflicts
    from exportctl.intake.proposals import open_store, save, to_proposal, without_effect

    if extractor not in METHODS:
        raise InputError(f"unknown --extractor {extractor!r}", list(METHODS))
    regs = bundle_regimes(regimes)
    per, every = _published_map(published, refs)
    named = _publisher_map(publisher, refs)
    policy = FetchPolicy(allow_private_addresses=allow_private_addresses)
    documents, candidates = [], []
    # A second copy of a text already read (whitespace aside) is the same report, not corroboration:
    # it is not read again, and says which document it copies.
    first_of: dict[str, str] = {}
    same_as: dict[str, str] = {}
    notes: list[str] = []
    for ref in refs:
        doc = load_document(ref, per.get(ref, every), policy)
        documents.append(doc)
        key = _same_text(doc.text)
        if key in first_of:
            same_as[doc.source] = first_of[key]
            notes.append(f"{doc.source} has the same text as {first_of[key]}: read as one report")
            continue
        first_of[key] = doc.source
        if doc.published is None:  # neither --published nor the page gave one
            notes.append(
                f"{doc.source} has no publication date: relative dates in it ('on Thursday', 'next month') "
                "could not be resolved; give --published"
            )
        found = extract_measures(doc, regs, extractor)
        candidates.extend(found)
    merged = merge(candidates)
    match(merged, regs)
    preferred = {j: r.info.preferred_group for j, r in regs.items() if r.info.preferred_group}
    for rec in merged:
        if rec["status"] == "new" and propose:
            proposal = to_proposal(rec, preferred, named)
            save(proposal, open_store(settings_for(None, database), create=True))  # type: ignore[arg-type]
            rec["proposal"] = proposal["id"]
            notes += [f"proposal {proposal['id']}: {line}" for line in without_effect(proposal, regs)]
    conflicts = role_conflicts({d.source: d.text for d in documents if d.source not in same_as})
    if as_json:
        per_doc = [
            {
                "document": d.source,
                "published": d.published,
                "sha256": d.sha256,
                "measures": [c.as_dict() for c in candidates if c.document == d.source],
                **({"same_as": same_as[d.source]} if d.source in same_as else {}),
            }
            for d in documents
        ]
        emit({"measures": merged, "documents": per_doc, "conflicts": conflicts, "notes": notes})
        return
    t = Table(title=f"Measures reported in {len(documents)} document(s)", show_lines=True)
    for col in ("state", "action", "targets", "stage", "announced", "effective", "sources", "status"):
        t.add_column(col, overflow="fold")
    for rec in merged:
        t.add_row(
            rec["jurisdiction"] or "?",
            rec["action"] + (" (background)" if rec["background"] else ""),
            ", ".join(rec["targets"]) or "all",
            rec["stage"],
            rec["announced"] or "",
            rec["effective"] or "",
            str(rec["corroboration"]),
            f"{rec['status']} {rec.get('measure') or rec.get('proposal') or ''}",
        )
    console.print(t)
    for rec in merged:
        for c in rec["conflicts"]:
            console.print(
                Text.assemble(
                    ("conflict", "yellow"), f" {rec['jurisdiction']} {rec['action']}: {c['field']} {c['values']}"
                )
            )
    for c in conflicts:
        console.print(
            Text.assemble(
                ("conflict", "yellow"),
                f" {c['state']}: head of government called {', '.join(c['values'])} in different sources",
            )
        )
    if not merged:
        console.print("no measure reported")
    for note in notes:
        console.print(Text.assemble(("note", "cyan"), f" {note}"), soft_wrap=True)


@proposals_app.command("list")
@fail_cleanly
def proposals_list(as_json: JsonOpt = False, database: DatabaseOpt = None) -> None:
    """List proposals with their status (from the database: the data directory's unless --database)."""
    from exportctl.intake.proposals import load_all, open_store

    store = open_store(settings_for(None, database), create=False)
    rows = load_all(store)
    if as_json:
        emit(Service(load_bundle(settings_for(None, database)), store).proposals().model_dump(mode="json"))
        return
    t = Table(title="Proposals")
    for col in ("id", "status", "stage", "title", "sources"):
        t.add_column(col, overflow="fold")
    for p in rows:
        t.add_row(p["id"], p["status"], p["stage"], p["measure"]["title"], str(p["provenance"]["corroboration"]))
    console.print(t)


@proposals_app.command("show")
@fail_cleanly
def proposals_show(proposal_id: Annotated[str, typer.Argument()], database: DatabaseOpt = None) -> None:
    """Show a proposal: the measure in regime YAML and its evidence."""
    import yaml as _yaml

    from exportctl.intake.proposals import get, open_store

    sys.stdout.write(
        _yaml.safe_dump(
            get(proposal_id, open_store(settings_for(None, database), create=False)),
            sort_keys=False,
            allow_unicode=True,
        )
    )


@proposals_app.command("accept")
@fail_cleanly
def proposals_accept(
    proposal_id: Annotated[str, typer.Argument()],
    reviewer: Annotated[str | None, typer.Option("--reviewer")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Accept a proposal: it becomes an intake overlay, never an edit of the curated data."""
    from exportctl.cli.common import err
    from exportctl.intake.proposals import open_store

    settings = settings_for(None, database)
    store = open_store(settings, create=True)
    # Through the service, as POST /v1/proposals/{id}/accept: it judges the proposal against the law.
    decided = Service(load_bundle(settings), store).decide(proposal_id, "accept", reviewer)
    console.print(f"accepted {proposal_id}: shown by `exportctl measures` as an intake overlay")
    for line in decided.warnings:
        err.print(f"warning: {line}", soft_wrap=True)


@proposals_app.command("reject")
@fail_cleanly
def proposals_reject(
    proposal_id: Annotated[str, typer.Argument()],
    reviewer: Annotated[str | None, typer.Option("--reviewer")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Reject a proposal."""
    # No law is read for this decision (only accepting compares the proposal with it): the store alone.
    from exportctl.intake.proposals import decide, open_store

    decide(proposal_id, "rejected", reviewer, open_store(settings_for(None, database), create=True))  # type: ignore[arg-type]
    console.print(f"rejected {proposal_id}")


@proposals_app.command("revert")
@fail_cleanly
def proposals_revert(
    proposal_id: Annotated[str, typer.Argument()],
    reviewer: Annotated[str | None, typer.Option("--reviewer")] = None,
    database: DatabaseOpt = None,
) -> None:
    """Revert an accepted proposal: its overlay is withdrawn and answers return to the curated law."""
    # No law is read for this decision (only accepting compares the proposal with it): the store alone.
    from exportctl.intake.proposals import decide, open_store

    decide(proposal_id, "reverted", reviewer, open_store(settings_for(None, database), create=True))  # type: ignore[arg-type]
    console.print(f"reverted {proposal_id}")
