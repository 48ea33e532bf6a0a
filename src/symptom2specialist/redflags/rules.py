"""Red-flag rules as reviewed data: the YAML shape, and the compiled form the matcher runs."""

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, model_validator

from symptom2specialist.language.normalise import Normaliser
from symptom2specialist.language.phrases import Phrase, compile_phrase
from symptom2specialist.specialties.models import SpecialtyId
from symptom2specialist.triage.levels import LevelId

REQUIRED_RULES = frozenset(
    {
        "cardiac_chest_pain",
        "stroke_befast",
        "severe_breathlessness",
        "unconscious_seizure",
        "thunderclap_headache",
        "meningitis_signs",
        "sepsis_signs",
        "anaphylaxis",
        "gi_bleeding",
        "head_injury",
        "poisoning_overdose",
        "pregnancy_danger",
        "suicidal_intent",
    }
)


class RedFlagSpec(BaseModel):
    """One rule exactly as written in red_flags.yaml."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str
    level: LevelId
    specialty: SpecialtyId
    action: str
    groups: dict[str, list[str]] = Field(min_length=1)
    require: list[list[str]] = Field(min_length=1)
    exclude: list[str] = []

    @model_validator(mode="after")
    def _patterns_name_known_groups(self) -> "RedFlagSpec":
        for pattern in self.require:
            unknown = set(pattern) - set(self.groups)
            if not pattern or unknown:
                raise ValueError(f"pattern {pattern} names unknown groups {sorted(unknown)}")
        return self

    def phrase_texts(self) -> list[str]:
        return [text for phrases in self.groups.values() for text in phrases] + self.exclude


@dataclass(frozen=True)
class RedFlagRule:
    id: str
    title: str
    level: LevelId
    specialty: SpecialtyId
    action: str
    groups: dict[str, tuple[Phrase, ...]]
    require: tuple[tuple[str, ...], ...]
    exclude: tuple[Phrase, ...]


def compile_rule(rule_id: str, spec: RedFlagSpec, normaliser: Normaliser) -> RedFlagRule:
    return RedFlagRule(
        id=rule_id,
        title=spec.title,
        level=spec.level,
        specialty=spec.specialty,
        action=spec.action,
        groups={
            name: tuple(compile_phrase(text, normaliser) for text in phrases)
            for name, phrases in spec.groups.items()
        },
        require=tuple(tuple(pattern) for pattern in spec.require),
        exclude=tuple(compile_phrase(text, normaliser) for text in spec.exclude),
    )
