"""The reviewed knowledge, readable by clients: specialties and red-flag rules."""

from fastapi import APIRouter
from pydantic import BaseModel

from symptom2specialist.dependencies import RuntimeDep
from symptom2specialist.specialties.models import Specialty
from symptom2specialist.triage.levels import LevelId, TriageLevel

router = APIRouter(prefix="/v1", tags=["knowledge"])


class RedFlagRuleView(BaseModel):
    id: str
    title: str
    level: LevelId
    action: str


@router.get("/specialties", operation_id="list_specialties")
async def list_specialties(runtime: RuntimeDep) -> list[Specialty]:
    return list(runtime.knowledge.specialties.values())


@router.get("/triage-levels", operation_id="list_triage_levels")
async def list_levels(runtime: RuntimeDep) -> list[TriageLevel]:
    return sorted(runtime.knowledge.levels.values(), key=lambda level: level.rank)


@router.get("/red-flags", operation_id="list_red_flags")
async def list_red_flags(runtime: RuntimeDep) -> list[RedFlagRuleView]:
    return [
        RedFlagRuleView(id=rule.id, title=rule.title, level=rule.level, action=rule.action)
        for rule in runtime.knowledge.red_flags
    ]
