"""Proposals found by intake: list them (read key) and decide them (write key)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path

from exportctl.api.deps import ERRORS, Reader, Svc, Writer
from exportctl.service import ProposalsResult, ProposalSummary

router = APIRouter(prefix="/v1/proposals", tags=["proposals"], responses=ERRORS)


@router.get("", response_model=ProposalsResult)
def proposals(svc: Svc, key: Reader) -> ProposalsResult:
    """Measures found by intake, with their status and legal effect."""
    del key
    return svc.proposals()


@router.post("/{proposal_id}/{decision}", response_model=ProposalSummary)
def decide(
    proposal_id: Annotated[str, Path(max_length=64, pattern=r"^[a-z0-9-]+$")],
    decision: Literal["accept", "reject", "revert"],
    svc: Svc,
    key: Writer,
) -> ProposalSummary:
    """Accept (as an overlay), reject, or revert an accepted proposal; every worker sees it next request."""
    return svc.decide(proposal_id, decision, key.name)
