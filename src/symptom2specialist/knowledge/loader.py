"""Load every YAML file, validate it, cross-check ids and compile the rules once."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from symptom2specialist.knowledge import KNOWLEDGE_DIR
from symptom2specialist.language.normalise import Normaliser
from symptom2specialist.language.phrases import compile_phrase
from symptom2specialist.redflags.matcher import RedFlagMatcher
from symptom2specialist.redflags.rules import (
    REQUIRED_RULES,
    RedFlagRule,
    RedFlagSpec,
    compile_rule,
)
from symptom2specialist.specialties.models import Specialty, SpecialtyId
from symptom2specialist.triage.levels import LevelId, TriageLevel
from symptom2specialist.urgency.rules import UrgencyRule, UrgencySpec, compile_urgency


class KnowledgeError(ValueError):
    """The reviewed data is inconsistent; the service refuses to start with it."""


class Helpline(BaseModel):
    model_config = ConfigDict(frozen=True)

    number: str = Field(examples=["112"])
    name: str


class Messages(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    disclaimer: str
    low_confidence: str
    paediatrics: str
    emergency_routing: str
    classifier_caution: str
    helplines: list[Helpline]


class LanguageData(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    spelling: dict[str, str]
    joins: dict[str, str] = {}


@dataclass(frozen=True)
class Knowledge:
    specialties: dict[SpecialtyId, Specialty]
    levels: dict[LevelId, TriageLevel]
    red_flags: list[RedFlagRule]
    urgency: list[UrgencyRule]
    messages: Messages
    normaliser: Normaliser
    matcher: RedFlagMatcher


def _read(directory: Path, name: str) -> Any:
    path = directory / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read {path}: {exc}") from exc


def _validate(adapter: TypeAdapter[Any], data: Any, name: str) -> Any:
    try:
        return adapter.validate_python(data)
    except ValueError as exc:
        raise KnowledgeError(f"{name} is invalid: {exc}") from exc


def _specialties(directory: Path) -> dict[SpecialtyId, Specialty]:
    raw = _read(directory, "specialties.yaml")
    items = [{"id": key, **value} for key, value in raw.items()]
    parsed: list[Specialty] = _validate(TypeAdapter(list[Specialty]), items, "specialties.yaml")
    found = {item.id: item for item in parsed}
    missing = set(get_args(SpecialtyId)) - set(found)
    if missing:
        raise KnowledgeError(f"specialties.yaml lacks {sorted(missing)}")
    return found


def _levels(directory: Path) -> dict[LevelId, TriageLevel]:
    raw = _read(directory, "triage_levels.yaml")
    items = [{"id": key, **value} for key, value in raw.items()]
    parsed: list[TriageLevel] = _validate(TypeAdapter(list[TriageLevel]), items, "levels")
    found = {item.id: item for item in parsed}
    if set(found) != set(get_args(LevelId)) or len({i.rank for i in parsed}) != len(parsed):
        raise KnowledgeError("triage_levels.yaml must define the five levels with distinct ranks")
    return found


def _language(
    directory: Path,
) -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], str]]:
    data = _validate(TypeAdapter(LanguageData), _read(directory, "language.yaml"), "language")
    spelling = {wrong: tuple(right.split()) for wrong, right in data.spelling.items()}
    joins: dict[tuple[str, str], str] = {}
    for pair, joined in data.joins.items():
        words = pair.split()
        if len(words) != 2:
            raise KnowledgeError(f"language.yaml: join {pair!r} must be exactly two words")
        joins[(words[0], words[1])] = joined
    return spelling, joins


def load_knowledge(directory: Path = KNOWLEDGE_DIR) -> Knowledge:
    specialties = _specialties(directory)
    levels = _levels(directory)
    spelling, joins = _language(directory)
    flag_specs: dict[str, RedFlagSpec] = _validate(
        TypeAdapter(dict[str, RedFlagSpec]), _read(directory, "red_flags.yaml"), "red_flags.yaml"
    )
    missing = REQUIRED_RULES - set(flag_specs)
    if missing:
        raise KnowledgeError(f"red_flags.yaml lacks required rules {sorted(missing)}")
    urgency_specs: dict[str, UrgencySpec] = _validate(
        TypeAdapter(dict[str, UrgencySpec]), _read(directory, "urgency.yaml"), "urgency.yaml"
    )
    messages: Messages = _validate(
        TypeAdapter(Messages), _read(directory, "messages.yaml"), "messages.yaml"
    )

    # The lexicon is every word the rules are written in, after the spelling fixes; the
    # normaliser repairs typos only towards these words.
    plain = Normaliser(spelling=spelling, joins=joins)
    texts = [text for spec in flag_specs.values() for text in spec.phrase_texts()]
    texts += [text for spec in urgency_specs.values() for text in spec.phrases]
    lexicon = {word for text in texts for word in compile_phrase(text, plain).words()}
    lexicon |= {word for words in spelling.values() for word in words}
    normaliser = Normaliser(spelling=spelling, joins=joins, lexicon=frozenset(lexicon))

    red_flags = [compile_rule(key, spec, plain) for key, spec in flag_specs.items()]
    urgency = [compile_urgency(key, spec, plain) for key, spec in urgency_specs.items()]
    rank = {level.id: level.rank for level in levels.values()}
    return Knowledge(
        specialties=specialties,
        levels=levels,
        red_flags=red_flags,
        urgency=urgency,
        messages=messages,
        normaliser=normaliser,
        matcher=RedFlagMatcher(red_flags, {str(key): value for key, value in rank.items()}),
    )
