"""How soon to see a doctor when no red flag fired: from the urgency rules, never the model."""

from symptom2specialist.language.phrases import TokenIndex
from symptom2specialist.triage.levels import DEFAULT_LEVEL, LevelId
from symptom2specialist.urgency.rules import Duration, UrgencyRule


def urgency_level(
    rules: list[UrgencyRule],
    index: TokenIndex,
    age: int | None,
    duration: Duration | None,
    top_specialty: str | None,
) -> tuple[LevelId, list[str]]:
    """The level and the reasons for it. Any "within 24 hours" rule beats self-care."""
    urgent: list[str] = []
    calm: list[str] = []
    for rule in rules:
        matched = rule.applies(index, age, duration, top_specialty)
        if matched is None:
            continue
        target = urgent if rule.spec.level == "consultation_24" else calm
        target.append(f"{rule.spec.reason} (matched: {matched!r})")
    if urgent:
        return "consultation_24", urgent
    if calm:
        return "self_care", calm
    return DEFAULT_LEVEL, []
