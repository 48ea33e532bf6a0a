"""The triage API's request and response bodies."""

import unicodedata
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from symptom2specialist.knowledge.loader import Helpline
from symptom2specialist.specialties.models import SpecialtyId
from symptom2specialist.triage.levels import LevelId
from symptom2specialist.urgency.rules import Duration

MAX_TEXT_CHARS = 2000
Sex = Literal["female", "male"]
Age = Annotated[int, Field(strict=True, ge=0, le=120, description="Age in whole years.")]
Basis = Literal["red_flag", "age", "low_confidence_fallback", "classifier", "no_model_fallback"]


def check_message_text(text: str) -> str:
    """Refuse text no person could have typed as a symptom description."""
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in text):
        raise ValueError("must be plain text without control characters")
    if not any(ch.isalpha() for ch in text):
        raise ValueError("must contain words describing the symptoms, not only emoji or numbers")
    return text


MessageText = Annotated[
    str,
    Field(
        min_length=1,
        max_length=MAX_TEXT_CHARS,
        description="What the person feels, in their own words (English or Hinglish).",
        examples=["seene me dard aur pasina aa raha hai"],
    ),
]


class TriageRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: MessageText
    age: Age | None = None
    sex: Sex | None = None
    duration: Duration | None = Field(default=None, description="How long it has been going on.")

    _text = field_validator("text")(check_message_text)


class Evidence(BaseModel):
    group: str = Field(examples=["companion"])
    phrase: str = Field(description="The rule's phrase.", examples=["sweat*"])
    matched: str = Field(description="The words in the message.", examples=["sweating"])


class RedFlag(BaseModel):
    id: str = Field(examples=["cardiac_chest_pain"])
    title: str
    level: LevelId
    action: str
    evidence: list[Evidence]


class SpecialistSuggestion(BaseModel):
    id: SpecialtyId
    name: str
    doctor: str
    basis: Basis
    confidence: float | None = Field(
        description="Calibrated probability from the classifier; null when a rule decided."
    )
    reasons: list[str]
    phrases: list[str] = Field(description="Words in the message that pointed here.")


class TriageResult(BaseModel):
    emergency: bool
    level: LevelId
    level_title: str
    instructions: list[str]
    red_flags: list[RedFlag]
    urgency_reasons: list[str]
    specialists: list[SpecialistSuggestion]
    notes: list[str]
    helplines: list[Helpline]
    disclaimer: str
    model_version: str
