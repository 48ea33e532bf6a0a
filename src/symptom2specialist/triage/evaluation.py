"""End-to-end check of the whole decision (rules, age, fallback, model) on held-out lines.

The classifier's own metrics say how well it ranks specialties; this says what a person would
actually be told first.
"""

from dataclasses import dataclass

from symptom2specialist.classifier.corpus import CorpusLine
from symptom2specialist.specialties.models import EMERGENCY
from symptom2specialist.triage.engine import TriageEngine, TriageInput


@dataclass(frozen=True)
class RoutingReport:
    lines: int
    first_suggestion_correct: float  # emergency lines: answered as an emergency
    within_suggestions: float  # the labelled specialty anywhere in the suggestions
    fallback_rate: float  # non-emergency answers that led with a General Physician fallback
    missed_emergencies: int  # labelled red-flag lines not answered as emergencies

    def format(self) -> str:
        return "\n".join(
            [
                f"end-to-end on {self.lines} held-out lines:",
                f"  first suggestion right   {self.first_suggestion_correct:.4f}",
                f"  among the suggestions    {self.within_suggestions:.4f}",
                f"  General Physician fallback on {self.fallback_rate:.2%} of routine answers",
                f"  emergencies not escalated: {self.missed_emergencies}",
            ]
        )


def routing_check(engine: TriageEngine, lines: list[CorpusLine]) -> RoutingReport:
    first = within = fallback = routine = missed = 0
    for line in lines:
        result = engine.assess(TriageInput(text=line.text, age=line.age, sex=line.sex))
        ids = [suggestion.id for suggestion in result.specialists]
        if line.specialty == EMERGENCY:
            ok = result.emergency
            missed += not ok
            first += ok
            within += ok
            continue
        routine += not result.emergency
        fallback += result.specialists[0].basis == "low_confidence_fallback"
        first += bool(ids) and ids[0] == line.specialty
        within += line.specialty in ids
    total = len(lines) or 1
    return RoutingReport(
        lines=len(lines),
        first_suggestion_correct=round(first / total, 4),
        within_suggestions=round(within / total, 4),
        fallback_rate=round(fallback / (routine or 1), 4),
        missed_emergencies=missed,
    )
