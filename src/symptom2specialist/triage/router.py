"""HTTP only: parse, delegate, return."""

from fastapi import APIRouter, Depends

from servicekit.http import require_json
from servicekit.problems import problem_responses
from symptom2specialist.dependencies import TriageDep
from symptom2specialist.triage.schemas import TriageRequest, TriageResult

router = APIRouter(prefix="/v1", tags=["triage"], dependencies=[Depends(require_json)])


@router.post(
    "/triage",
    operation_id="triage",
    summary="Is it an emergency, how urgent is it, and which specialist fits?",
    responses=problem_responses(body=True),
)
async def triage(body: TriageRequest, service: TriageDep) -> TriageResult:
    return await service.triage(body)
