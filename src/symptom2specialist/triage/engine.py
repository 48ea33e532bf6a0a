"""The triage decision, as one synchronous function of the text and the person.

Order matters and is the safety argument of the whole service:
1. red-flag rules; if any fires, the answer is an emergency and routing stops there;
2. urgency rules (never the classifier) set how soon to see a doctor;
3. only then the classifier suggests specialists, overridden by age (< 18: Paediatrics) and
   by low confidence (General Physician, saying so).
"""

from dataclasses import dataclass

from symptom2specialist.classifier.features import document
from symptom2specialist.classifier.model import ClassifierOutput, SpecialtyClassifier
from symptom2specialist.knowledge.loader import Knowledge
from symptom2specialist.language.phrases import TokenIndex
from symptom2specialist.redflags.matcher import RedFlagHit
from symptom2specialist.specialties.models import CHILDREN, EMERGENCY
from symptom2specialist.triage import suggestions
from symptom2specialist.triage.levels import LevelId
from symptom2specialist.triage.schemas import (
    Evidence,
    RedFlag,
    SpecialistSuggestion,
    TriageResult,
)
from symptom2specialist.urgency.level import urgency_level
from symptom2specialist.urgency.rules import Duration

NO_MODEL = "none"


@dataclass(frozen=True)
class TriageInput:
    text: str
    age: int | None = None
    sex: str | None = None
    duration: Duration | None = None


@dataclass(frozen=True)
class Thresholds:
    low_confidence: float = 0.40  # below this, General Physician first
    caution: float = 0.35  # emergency-like wording without a rule: see a doctor within 24 h


class TriageEngine:
    """Pure and thread-safe: the same input always gives the same answer."""

    def __init__(
        self,
        knowledge: Knowledge,
        classifier: SpecialtyClassifier | None,
        model_version: str,
        thresholds: Thresholds = Thresholds(),
    ) -> None:
        self.knowledge = knowledge
        self.classifier = classifier
        self.model_version = model_version if classifier is not None else NO_MODEL
        self.thresholds = thresholds

    def assess(self, request: TriageInput) -> TriageResult:
        tokens = self.knowledge.normaliser.tokens(request.text)
        hits = self.knowledge.matcher.match(tokens)
        if hits:  # the short circuit: the classifier is never consulted
            return self._emergency(hits)
        return self._routine(request, tokens)

    def _emergency(self, hits: list[RedFlagHit]) -> TriageResult:
        levels = self.knowledge.levels
        level = min((hit.rule.level for hit in hits), key=lambda lv: levels[lv].rank)
        flags = [
            RedFlag(
                id=hit.rule.id,
                title=hit.rule.title,
                level=hit.rule.level,
                action=hit.rule.action,
                evidence=[
                    Evidence(group=e.group, phrase=e.phrase, matched=e.text) for e in hit.evidence
                ],
            )
            for hit in hits
        ]
        actions = [hit.rule.action for hit in hits] + levels[level].instructions
        return self._result(
            level,
            instructions=actions,
            flags=flags,
            reasons=[],
            specialists=suggestions.for_emergency(self.knowledge, hits, level),
            notes=[self.knowledge.messages.emergency_routing],
        )

    def _routine(self, request: TriageInput, tokens: list[str]) -> TriageResult:
        output = self._classify(request, tokens)
        top = output.predictions[0].specialty if output else None
        level, reasons = urgency_level(
            self.knowledge.urgency, TokenIndex(tokens), request.age, request.duration, top
        )
        specialists, notes = suggestions.for_routine(
            self.knowledge, output, request.age, self.thresholds.low_confidence
        )
        if output and output.probabilities.get(EMERGENCY, 0.0) >= self.thresholds.caution:
            # The model may raise caution, never declare an emergency.
            if self.knowledge.levels[level].rank > self.knowledge.levels["consultation_24"].rank:
                level = "consultation_24"
            notes.append(self.knowledge.messages.classifier_caution)
        return self._result(
            level,
            instructions=self.knowledge.levels[level].instructions,
            flags=[],
            reasons=reasons,
            specialists=specialists,
            notes=notes,
        )

    def _classify(self, request: TriageInput, tokens: list[str]) -> ClassifierOutput | None:
        if self.classifier is None:
            return None
        excluded = {EMERGENCY}
        if request.age is not None and request.age >= suggestions.ADULT_AGE:
            excluded.add(CHILDREN)
        if request.sex == "male":
            excluded.add("obstetrics_gynaecology")
        text = document(" ".join(tokens), request.age, request.sex)
        return self.classifier.classify(text, k=3, exclude=frozenset(excluded))

    def _result(
        self,
        level: LevelId,
        *,
        instructions: list[str],
        flags: list[RedFlag],
        reasons: list[str],
        specialists: list[SpecialistSuggestion],
        notes: list[str],
    ) -> TriageResult:
        return TriageResult(
            emergency=bool(flags),
            level=level,
            level_title=self.knowledge.levels[level].title,
            instructions=list(dict.fromkeys(instructions)),
            red_flags=flags,
            urgency_reasons=reasons,
            specialists=specialists,
            notes=notes,
            helplines=self.knowledge.messages.helplines,
            disclaimer=self.knowledge.messages.disclaimer,
            model_version=self.model_version,
        )
