"""Urgency rules for messages without a red flag, and how they set the level."""

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from symptom2specialist.language.normalise import Normaliser
from symptom2specialist.language.phrases import Phrase, TokenIndex, compile_phrase
from symptom2specialist.redflags.matcher import present_spans
from symptom2specialist.specialties.models import SpecialtyId

Duration = Literal["under_24_hours", "1_to_7_days", "1_to_4_weeks", "over_4_weeks"]
DURATION_ORDER: tuple[Duration, ...] = (
    "under_24_hours",
    "1_to_7_days",
    "1_to_4_weeks",
    "over_4_weeks",
)
UrgencyLevel = Literal["consultation_24", "self_care"]


class UrgencySpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    level: UrgencyLevel
    reason: str
    phrases: list[str] = Field(min_length=1)
    min_age: int | None = None
    max_age: int | None = None
    max_duration: Duration | None = None
    specialties: list[SpecialtyId] = []


@dataclass(frozen=True)
class UrgencyRule:
    id: str
    spec: UrgencySpec
    phrases: tuple[Phrase, ...]

    def applies(
        self, index: TokenIndex, age: int | None, duration: Duration | None, top: str | None
    ) -> str | None:
        """The matched words if this rule applies to the message and person, else None."""
        spec = self.spec
        if spec.min_age is not None and (age is None or age < spec.min_age):
            return None
        if spec.max_age is not None and (age is None or age > spec.max_age):
            return None
        if spec.max_duration is not None:
            limit = DURATION_ORDER.index(spec.max_duration)
            if duration is None or DURATION_ORDER.index(duration) > limit:
                return None
        if spec.specialties and top not in spec.specialties:
            return None
        for phrase in self.phrases:
            spans = present_spans(index, phrase, [])
            if spans:
                return " ".join(index.tokens[spans[0].start : spans[0].end])
        return None


def compile_urgency(rule_id: str, spec: UrgencySpec, normaliser: Normaliser) -> UrgencyRule:
    phrases = tuple(compile_phrase(text, normaliser) for text in spec.phrases)
    return UrgencyRule(id=rule_id, spec=spec, phrases=phrases)
