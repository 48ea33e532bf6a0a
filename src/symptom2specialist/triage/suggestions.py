"""Which specialists to suggest, and why: red flags, then age, then confidence, then the model."""

from typing import cast

from symptom2specialist.classifier.model import ClassifierOutput
from symptom2specialist.knowledge.loader import Knowledge
from symptom2specialist.redflags.matcher import RedFlagHit
from symptom2specialist.specialties.models import (
    CHILDREN,
    EMERGENCY,
    FALLBACK,
    Specialty,
    SpecialtyId,
)
from symptom2specialist.triage.levels import LevelId
from symptom2specialist.triage.schemas import Basis, SpecialistSuggestion

ADULT_AGE = 18
NO_MODEL_REASON = (
    "Specialist suggestions are unavailable right now; a General Physician can examine you"
    " and refer you on."
)


def specialty(knowledge: Knowledge, specialty_id: str) -> Specialty:
    return knowledge.specialties[cast(SpecialtyId, specialty_id)]


def suggest(
    knowledge: Knowledge,
    specialty_id: str,
    basis: Basis,
    reasons: list[str],
    *,
    confidence: float | None = None,
    phrases: tuple[str, ...] | list[str] = (),
) -> SpecialistSuggestion:
    chosen = specialty(knowledge, specialty_id)
    return SpecialistSuggestion(
        id=chosen.id,
        name=chosen.name,
        doctor=chosen.doctor,
        basis=basis,
        confidence=confidence,
        reasons=reasons or [chosen.scope],
        phrases=list(phrases),
    )


def for_emergency(
    knowledge: Knowledge, hits: list[RedFlagHit], level: LevelId
) -> list[SpecialistSuggestion]:
    suggestions: list[SpecialistSuggestion] = []
    if level == "emergency_ambulance":
        suggestions.append(suggest(knowledge, EMERGENCY, "red_flag", []))
    for hit in hits:
        words = [item.text for item in hit.evidence]
        reason = f"Red flag: {hit.rule.title} (matched: {', '.join(map(repr, words))})."
        existing = next((s for s in suggestions if s.id == hit.rule.specialty), None)
        if existing is not None:
            existing.reasons.append(reason)
            continue
        suggestions.append(
            suggest(knowledge, hit.rule.specialty, "red_flag", [reason], phrases=words)
        )
    return suggestions


def for_routine(
    knowledge: Knowledge,
    output: ClassifierOutput | None,
    age: int | None,
    low_confidence: float,
) -> tuple[list[SpecialistSuggestion], list[str]]:
    """Suggestions and notes. Age and doubt decide who comes first; the model fills the rest."""
    messages = knowledge.messages
    suggestions: list[SpecialistSuggestion] = []
    notes: list[str] = []
    if age is not None and age < ADULT_AGE:
        suggestions.append(suggest(knowledge, CHILDREN, "age", [messages.paediatrics]))
        notes.append(messages.paediatrics)
    elif output is None:
        suggestions.append(suggest(knowledge, FALLBACK, "no_model_fallback", [NO_MODEL_REASON]))
    elif output.predictions[0].confidence < low_confidence:
        best = output.predictions[0]
        guess = f"(Best guess: {specialty(knowledge, best.specialty).name}, {best.confidence:.0%}.)"
        reason = f"{messages.low_confidence} {guess}"
        suggestions.append(suggest(knowledge, FALLBACK, "low_confidence_fallback", [reason]))
        notes.append(messages.low_confidence)
    for prediction in output.predictions if output else []:
        if any(s.id == prediction.specialty for s in suggestions):
            continue
        chosen = specialty(knowledge, prediction.specialty)
        why = f"Usually seen by a {chosen.doctor}. {chosen.scope}"
        if prediction.phrases:
            quoted = ", ".join(map(repr, prediction.phrases))
            why = f"Your words {quoted} are typical of this specialty. {chosen.scope}"
        suggestions.append(
            suggest(
                knowledge,
                chosen.id,
                "classifier",
                [why],
                confidence=prediction.confidence,
                phrases=prediction.phrases,
            )
        )
    return suggestions, notes
