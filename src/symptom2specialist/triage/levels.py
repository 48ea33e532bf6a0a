"""The five urgency levels (Infermedica's vocabulary) and what each tells a person in India."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

LevelId = Literal[
    "emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"
]
DEFAULT_LEVEL: LevelId = "consultation"
EMERGENCY_LEVELS: frozenset[LevelId] = frozenset({"emergency_ambulance", "emergency"})


class TriageLevel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: LevelId
    rank: int = Field(ge=0, description="0 is the most urgent.")
    title: str
    instructions: list[str] = Field(min_length=1)
