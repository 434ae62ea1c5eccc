"""Legal scenarios: a query, the answer the law gives, and the source that says so.

Why a schema (docs/design.md, "Scenarios"): a scenario is a legal claim. A misspelt key
(``licence_requred:``) must fail rather than silently assert nothing, and every expectation
names the provision that justifies it (``because:``), so a reviewer can check the claim against
the text, and the law report can list the scenarios resting on each provision.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from exportctl.errors import RegimeError
from exportctl.law.yamlio import load_yaml, strip_lines


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Query(_Strict):
    exporter: str
    to: str
    item: str
    on: dt.date
    at: str | None = None
    known_on: dt.date | None = None
    value: int | None = None
    currency: str | None = None
    end_use: Literal["wmd", "conventional", "civil"] | None = None
    informed: bool = False


class ExpectedProcedure(_Strict):
    licence: str
    documents: int | None = None
    review_days: int | None = None


class Expect(_Strict):
    destination_groups: list[str] | None = None
    licence_required: bool | None = None
    routes: list[str] | None = None
    exemptions: list[str] | None = None
    catch_all: Literal["not_applicable", "exempt", "inform_only", "knowledge", "objective"] | None = None
    classified_as: str | None = None
    needs: list[Literal["licence", "approval"]] | None = None
    refused: list[str] | None = Field(None, description="Needed routes refused in principle, in the answer's order")
    cites: list[str] = Field(
        default_factory=list, description="Rules or memberships that must be in force in the trace"
    )
    no_cite: list[str] = Field(
        default_factory=list,
        description="Rules that must not be in force in the trace (one the case says is displaced or not met)",
    )
    measures: list[str] = Field(default_factory=list, description="Measures the trace must name")
    warns: list[str] = Field(default_factory=list, description="Text that must appear in a warning")
    no_warning: str | None = None
    procedure: ExpectedProcedure | None = None


class Scenario(_Strict):
    case: str
    query: Query
    expect: Expect
    because: list[str] = Field(min_length=1, description="Source ids (of the exporter's regime) that justify it")
    finding: str | None = Field(None, description="The legal-review finding this scenario pins down, if any")


def load_scenarios(path: Path) -> list[Scenario]:
    """Read one scenario file; any unknown or missing key fails with the file and line."""
    raw = load_yaml(path)
    if not isinstance(raw, list):
        raise RegimeError(str(path), 1, "a scenario file is a list of scenarios")
    out = []
    for item in raw:
        line = item.get("__line__", 0) if isinstance(item, dict) else 0
        try:
            out.append(Scenario.model_validate(strip_lines(item)))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise RegimeError(str(path), line, f"scenario {where}: {err['msg']}") from None
    return out
