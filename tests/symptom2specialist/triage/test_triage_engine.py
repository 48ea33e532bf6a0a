"""Routing rules: red flags short-circuit, children see a paediatrician, doubt means a GP."""

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symptom2specialist.classifier.model import ClassifierOutput, Prediction, SpecialtyClassifier
from symptom2specialist.knowledge.loader import Knowledge
from symptom2specialist.triage.engine import Thresholds, TriageEngine, TriageInput


class ExplodingClassifier:
    """Stands in for the model where the model must not even be asked."""

    def classify(self, *args: Any, **kwargs: Any) -> None:
        raise AssertionError("the classifier was consulted")


def test_red_flag_short_circuits_the_classifier(knowledge: Knowledge) -> None:
    engine = TriageEngine(knowledge, ExplodingClassifier(), "x")  # type: ignore[arg-type]
    result = engine.assess(TriageInput("seene me dard aur pasina", age=54))
    assert result.emergency
    assert result.level == "emergency_ambulance"
    assert result.red_flags[0].id == "cardiac_chest_pain"
    assert {e.matched for e in result.red_flags[0].evidence} >= {"seene me dard", "pasina"}
    assert result.specialists[0].id == "emergency_medicine"
    assert result.specialists[0].basis == "red_flag"
    assert any("112" in line for line in result.instructions)


def test_red_flag_wins_over_age(engine: TriageEngine) -> None:
    result = engine.assess(TriageInput("my son had a fit and is not waking up", age=6))
    assert result.emergency
    assert all(s.id != "paediatrics" for s in result.specialists)


def test_suicidal_intent_gives_tele_manas_and_112(engine: TriageEngine) -> None:
    result = engine.assess(TriageInput("I want to end my life"))
    assert result.level == "emergency"
    assert result.specialists[0].id == "psychiatry"
    assert any("14416" in line and "112" in line for line in result.instructions)


def test_most_urgent_level_wins_when_several_rules_fire(engine: TriageEngine) -> None:
    result = engine.assess(TriageInput("sudden worst headache of my life and now unconscious"))
    assert {flag.id for flag in result.red_flags} >= {"thunderclap_headache", "unconscious_seizure"}
    assert result.level == "emergency_ambulance"


def test_children_see_a_paediatrician_first(engine: TriageEngine) -> None:
    result = engine.assess(TriageInput("itchy rash on both arms", age=7))
    assert not result.emergency
    assert result.specialists[0].id == "paediatrics"
    assert result.specialists[0].basis == "age"
    assert any(s.id == "dermatology" for s in result.specialists[1:])


def test_adults_are_routed_by_the_classifier(engine: TriageEngine) -> None:
    result = engine.assess(TriageInput("itchy red rash on both arms, spreading", age=30))
    top = result.specialists[0]
    assert (top.id, top.basis) == ("dermatology", "classifier")
    assert top.confidence is not None
    assert 0 < top.confidence <= 1
    assert top.phrases
    assert all(phrase in "itchy red rash on both arms spreading" for phrase in top.phrases)
    assert all(s.id != "paediatrics" for s in result.specialists)
    assert len(result.specialists) == 3


def test_low_confidence_falls_back_to_a_general_physician(
    knowledge: Knowledge, classifier: SpecialtyClassifier
) -> None:
    strict = TriageEngine(knowledge, classifier, "x", Thresholds(low_confidence=0.99))
    result = strict.assess(TriageInput("itchy rash on both arms", age=30))
    first = result.specialists[0]
    assert (first.id, first.basis, first.confidence) == (
        "general_physician",
        "low_confidence_fallback",
        None,
    )
    assert "confidence" in first.reasons[0]
    assert knowledge.messages.low_confidence in result.notes
    assert any(s.basis == "classifier" for s in result.specialists[1:])


def test_gibberish_is_low_confidence(engine: TriageEngine) -> None:
    result = engine.assess(TriageInput("blorp zimzam quix"))
    assert result.specialists[0].id == "general_physician"


def test_no_gynaecology_for_men(engine: TriageEngine) -> None:
    result = engine.assess(TriageInput("pain in the lower belly", age=30, sex="male"))
    assert all(s.id != "obstetrics_gynaecology" for s in result.specialists)


def test_without_a_model_routing_still_answers(knowledge: Knowledge) -> None:
    engine = TriageEngine(knowledge, None, "ignored")
    routine = engine.assess(TriageInput("itchy rash"))
    assert routine.model_version == "none"
    assert routine.specialists[0].basis == "no_model_fallback"
    assert engine.assess(TriageInput("chest pain and sweating")).emergency


@pytest.mark.parametrize(
    ("text", "age", "duration", "level"),
    [
        ("a street dog bit my hand", 30, None, "consultation_24"),
        ("kutte ne kaat liya", 30, None, "consultation_24"),
        ("high fever since last night", 30, None, "consultation_24"),
        ("runny nose and sneezing", 30, "1_to_7_days", "self_care"),
        ("runny nose and sneezing", 30, None, "consultation"),  # no duration: no self-care
        ("runny nose and sneezing", 70, "1_to_7_days", "consultation"),
        ("knee pain when climbing stairs", 40, None, "consultation"),
    ],
)
def test_urgency_rules(
    engine: TriageEngine, text: str, age: int, duration: str | None, level: str
) -> None:
    result = engine.assess(TriageInput(text, age=age, duration=duration))  # type: ignore[arg-type]
    assert result.level == level
    assert not result.emergency
    if level != "consultation":
        assert result.urgency_reasons


def test_every_answer_carries_the_disclaimer(engine: TriageEngine, knowledge: Knowledge) -> None:
    for text in ("chest pain and sweating", "itchy rash", "blorp"):
        result = engine.assess(TriageInput(text))
        assert result.disclaimer == knowledge.messages.disclaimer
        assert "not a" in result.disclaimer
        assert "112" in result.disclaimer
        assert {h.number for h in result.helplines} >= {"112", "108", "14416"}


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(min_size=1, max_size=400).filter(lambda t: any(c.isalpha() for c in t)),
    age=st.none() | st.integers(min_value=0, max_value=120),
)
def test_any_text_gets_a_complete_answer(engine: TriageEngine, text: str, age: int | None) -> None:
    result = engine.assess(TriageInput(text, age=age))
    assert result.specialists
    assert result.instructions
    assert result.disclaimer
    assert result.emergency == bool(result.red_flags)


class EmergencyMindedClassifier:
    """A model that thinks everything looks like an emergency."""

    def classify(
        self, document: str, k: int = 3, exclude: frozenset[str] = frozenset()
    ) -> ClassifierOutput:
        predictions = [Prediction("general_physician", 0.05, ())]
        return ClassifierOutput(predictions, {"emergency_medicine": 0.9, "general_physician": 0.05})


def test_the_classifier_never_declares_an_emergency(knowledge: Knowledge) -> None:
    engine = TriageEngine(knowledge, EmergencyMindedClassifier(), "x")  # type: ignore[arg-type]
    result = engine.assess(TriageInput("I feel strange today"))
    assert not result.emergency
    assert result.red_flags == []
    assert result.level == "consultation_24"  # only raised to "within 24 hours", with a note
    assert knowledge.messages.classifier_caution in result.notes
    assert all(s.id != "emergency_medicine" for s in result.specialists)
