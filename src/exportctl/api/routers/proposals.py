"""Proposals found by intake: list them (read key) and decide them (write key)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from exportctl.api.body import JsonRoute
from exportctl.api.deps import ERRORS, Reader, Svc, Writer
from exportctl.service import ProposalDecision, ProposalsResult

router = APIRouter(prefix="/v1/proposals", tags=["proposals"], responses=ERRORS, route_class=JsonRoute)


@router.get("", response_model=ProposalsResult)
def proposals(
    svc: Svc,
    key: Reader,
    response: Response,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> ProposalsResult:
    """Measures found by intake, with their status and legal effect; ``X-Total-Count`` counts them all."""
    del key
    found = svc.proposals()
    response.headers["X-Total-Count"] = str(len(found.proposals))
    end = None if limit is None else offset + limit
    return found.model_copy(update={"proposals": found.proposals[offset:end]}) if offset or end else found


@router.post("/{proposal_id}/{decision}", response_model=ProposalDecision)
def decide(
    proposal_id: Annotated[str, Path(max_length=64, pattern=r"^[a-z0-9-]+$")],
    decision: Literal["accept", "reject", "revert"],
    svc: Svc,
    key: Writer,
) -> ProposalDecision:
    """Accept (as an overlay), reject, or revert an accepted proposal; every worker sees it next request."""
    return svc.decide(proposal_id, decision, key.name)
