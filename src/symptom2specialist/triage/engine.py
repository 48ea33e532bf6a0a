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
from symptom2specialist.specialties.models import CHILDREN, EMERGENCY, FALLBACK, SpecialtyId
from symptom2specialist.triage.levels import DEFAULT_LEVEL, LevelId
from symptom2specialist.triage.schemas import (
    Basis,
    Evidence,
    RedFlag,
    SpecialistSuggestion,
    TriageResult,
)
from symptom2specialist.urgency.rules import Duration

ADULT_AGE = 18
NO_MODEL = "none"
NO_MODEL_REASON = (
    "Specialist suggestions are unavailable right now; a General Physician can examine you"
    " and refer you on."
)


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
        if hits:
            return self._emergency(hits)
        return self._routine(request, tokens)

    # -- emergencies -----------------------------------------------------------------------

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
        specialists: list[SpecialistSuggestion] = []
        for hit in hits:
            if any(s.id == hit.rule.specialty for s in specialists):
                continue
            words = [e.text for e in hit.evidence]
            reason = f"Red flag: {hit.rule.title} (matched: {', '.join(repr(w) for w in words)})."
            specialists.append(self._suggest(hit.rule.specialty, "red_flag", None, [reason], words))
        if all(s.id != EMERGENCY for s in specialists) and level == "emergency_ambulance":
            specialists.insert(0, self._suggest(EMERGENCY, "red_flag", None, [], []))
        actions = list(dict.fromkeys(hit.rule.action for hit in hits))
        return self._result(
            level, actions, flags, [], specialists, [self.knowledge.messages.emergency_routing]
        )

    # -- everything else -------------------------------------------------------------------

    def _routine(self, request: TriageInput, tokens: list[str]) -> TriageResult:
        messages = self.knowledge.messages
        notes: list[str] = []
        output = self._classify(request, tokens)
        top = output.predictions[0].specialty if output and output.predictions else None
        level, reasons = self._urgency(request, TokenIndex(tokens), top)
        if output and output.probabilities.get(EMERGENCY, 0.0) >= self.thresholds.caution:
            if self.knowledge.levels[level].rank > self.knowledge.levels["consultation_24"].rank:
                level = "consultation_24"
            notes.append(messages.classifier_caution)

        specialists: list[SpecialistSuggestion] = []
        if request.age is not None and request.age < ADULT_AGE:
            specialists.append(self._suggest(CHILDREN, "age", None, [messages.paediatrics], []))
            notes.append(messages.paediatrics)
        if output is None:
            specialists.append(
                self._suggest(
                    FALLBACK,
                    "no_model_fallback",
                    None,
                    [NO_MODEL_REASON],
                    [],
                )
            )
        elif output.predictions[0].confidence < self.thresholds.low_confidence:
            best = output.predictions[0]
            name = self.knowledge.specialties[best.specialty].name  # type: ignore[index]
            reason = f"{messages.low_confidence} (Best guess: {name}, {best.confidence:.0%}.)"
            if not specialists:
                specialists.append(
                    self._suggest(FALLBACK, "low_confidence_fallback", None, [reason], [])
                )
            notes.append(messages.low_confidence)
        for prediction in output.predictions if output else []:
            if any(s.id == prediction.specialty for s in specialists):
                continue
            specialty = self.knowledge.specialties[prediction.specialty]  # type: ignore[index]
            why = f"Usually seen by {specialty.doctor}: {specialty.scope}"
            if prediction.phrases:
                quoted = ", ".join(repr(p) for p in prediction.phrases)
                why = f"Your words {quoted} are typical of this specialty. {specialty.scope}"
            specialists.append(
                self._suggest(
                    specialty.id,
                    "classifier",
                    prediction.confidence,
                    [why],
                    list(prediction.phrases),
                )
            )
        instructions = list(self.knowledge.levels[level].instructions)
        return self._result(level, instructions, [], reasons, specialists, notes, extra=False)

    def _classify(self, request: TriageInput, tokens: list[str]) -> ClassifierOutput | None:
        if self.classifier is None:
            return None
        excluded: set[str] = {EMERGENCY}
        if request.age is not None and request.age >= ADULT_AGE:
            excluded.add(CHILDREN)
        if request.sex == "male":
            excluded.add("obstetrics_gynaecology")
        text = " ".join(tokens)
        return self.classifier.classify(
            document(text, request.age, request.sex), k=3, exclude=frozenset(excluded)
        )

    def _urgency(
        self, request: TriageInput, index: TokenIndex, top: str | None
    ) -> tuple[LevelId, list[str]]:
        urgent: list[str] = []
        calm: list[str] = []
        for rule in self.knowledge.urgency:
            matched = rule.applies(index, request.age, request.duration, top)
            if matched is None:
                continue
            target = urgent if rule.spec.level == "consultation_24" else calm
            target.append(f"{rule.spec.reason} (matched: {matched!r})")
        if urgent:
            return "consultation_24", urgent
        if calm:
            return "self_care", calm
        return DEFAULT_LEVEL, []

    # -- shared ----------------------------------------------------------------------------

    def _suggest(
        self,
        specialty_id: SpecialtyId,
        basis: Basis,
        confidence: float | None,
        reasons: list[str],
        phrases: list[str],
    ) -> SpecialistSuggestion:
        specialty = self.knowledge.specialties[specialty_id]
        return SpecialistSuggestion(
            id=specialty.id,
            name=specialty.name,
            doctor=specialty.doctor,
            basis=basis,
            confidence=confidence,
            reasons=reasons or [specialty.scope],
            phrases=phrases,
        )

    def _result(
        self,
        level: LevelId,
        actions: list[str],
        flags: list[RedFlag],
        reasons: list[str],
        specialists: list[SpecialistSuggestion],
        notes: list[str],
        *,
        extra: bool = True,
    ) -> TriageResult:
        triage_level = self.knowledge.levels[level]
        instructions = [*actions, *triage_level.instructions] if extra else actions
        return TriageResult(
            emergency=bool(flags),
            level=level,
            level_title=triage_level.title,
            instructions=list(dict.fromkeys(instructions)),
            red_flags=flags,
            urgency_reasons=reasons,
            specialists=specialists,
            notes=notes,
            helplines=self.knowledge.messages.helplines,
            disclaimer=self.knowledge.messages.disclaimer,
            model_version=self.model_version,
        )
