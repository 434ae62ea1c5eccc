"""``exportctl classify``: candidate control entries for a product description, with their parameters.

A shell over :meth:`exportctl.service.Service.classify`: parse ``--param name=value``, ask, print.
It never prints "not controlled": with no candidate it prints that no entry matched and that the
catch-all applies, with the reason and the catch-all's citation (see engine/classify.py).
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from exportctl.cli.common import DatabaseOpt, JsonOpt, RegimesOpt, app, console, emit, fail_cleanly, service_for
from exportctl.errors import InputError


def parse_params(values: list[str]) -> dict[str, str]:
    """``["purity=99.999 %", "wavelength=193nm"]`` as a mapping; a value without ``=`` is refused in one line."""
    out: dict[str, str] = {}
    for v in values:
        name, sep, value = v.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise InputError(f"--param {v!r} is not name=value (e.g. --param purity=99.999%)")
        out[name.strip()] = value.strip()
    return out


@app.command()
@fail_cleanly
def classify(
    text: Annotated[str, typer.Argument(help="Product description: name, trade name, CAS or control number, specs")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter of the product, name=value (repeatable), e.g. purity=99.999%"),
    ] = None,
    exporter: Annotated[str | None, typer.Option("--exporter", "-e", help="Only this jurisdiction (JP or KR)")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Entries in force on this date (default: today)")] = None,
    as_json: JsonOpt = False,
    database: DatabaseOpt = None,
    regimes: RegimesOpt = None,
) -> None:
    """Rank the control entries TEXT may fall under, with the parameters that decide it (never 'not controlled')."""
    if not text.strip():
        raise InputError("empty description; say what the product is (name, CAS number, control number, specs)")
    result = service_for(regimes, database).classify(text, parse_params(param or []), exporter, on)
    if as_json:
        emit(result.model_dump(mode="json", by_alias=True))
        return
    for jur in result.exporters:
        mine = [c for c in result.candidates if c.jurisdiction == jur]
        if not mine:
            continue
        t = Table(title=f"{jur}: candidate entries for {text!r}", show_lines=True)
        for col in ("#", "entry", "why", "controlling parameters (entry text)", "given"):
            t.add_column(col, overflow="fold")
        for n, c in enumerate(mine, 1):
            why = "\n".join(f"{r.text} (+{r.weight:g})" for r in c.reasons)
            given = "\n".join(
                f"{g.name}={g.value}" + ("" if g.in_entry else " (not named in the entry's text)") for g in c.given
            )
            t.add_row(
                str(n),
                f"{c.id}\n{c.title}",
                why,
                "\n".join(f"- {p}" for p in c.parameters) or "(none stated in the data's text)",
                given or "-",
            )
        console.print(t, crop=False)
    for miss in result.no_match:
        console.print(Text.assemble((f"{miss.jurisdiction}: {miss.message}", "bold yellow")))
        console.print(f"  why: {miss.reason}")
        for ca in miss.catch_all:
            console.print(f"  {ca.id}: {ca.title}; {ca.locator or ''} {ca.source_url or ''}".rstrip(), crop=False)
    console.print(Text(result.note, style="dim"))
