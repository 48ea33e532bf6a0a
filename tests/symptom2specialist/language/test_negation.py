"""Negation: narrow on purpose. A wrongly negated danger sign is the worst possible mistake."""

import pytest

from symptom2specialist.language.negation import is_negated
from symptom2specialist.language.phrases import Span, TokenIndex, compile_phrase, find_spans


def negated(text: str, phrase: str) -> bool:
    tokens = text.split()
    spans = find_spans(TokenIndex(tokens), compile_phrase(phrase))
    assert spans, f"{phrase!r} not found in {text!r}"
    return is_negated(tokens, spans[0])


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("no chest pain", "chest pain"),
        ("i do not have chest pain", "chest pain"),
        ("i dont have any chest pain", "chest pain"),
        ("no fever or chest pain", "chest pain"),
        ("without sweating", "sweating"),
        ("seene me dard nahi", "seene ... dard"),
        ("seene me dard nahi hai", "seene ... dard"),
        ("pasina ya ulti nahi hota", "pasina"),
    ],
)
def test_negated(text: str, phrase: str) -> None:
    assert negated(text, phrase)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("no appetite and chest pain", "chest pain"),  # "and" starts a new thought
        ("not sure but chest pain", "chest pain"),
        ("no relief from chest pain", "chest pain"),
        ("not only chest pain", "chest pain"),
        ("no , i have chest pain", "chest pain"),  # a pause ends the cue's reach
        ("seene me dard nahi ruk raha", "seene ... dard"),  # the pain is not stopping
        ("saans nahi aa rahi", "saans"),  # breath is not coming
        ("dard hai par bukhar nahi hai", "dard"),
        ("no idea why my chest pain started", "chest pain"),
    ],
)
def test_not_negated(text: str, phrase: str) -> None:
    assert not negated(text, phrase)


def test_window_is_limited() -> None:
    tokens = ["no", "it", "was", "yesterday", "morning", "chest", "pain"]
    assert not is_negated(tokens, Span(5, 7))


def test_number_ranges_and_gaps() -> None:
    tokens = ["spo2", "was", "only", "88", "today"]
    assert find_spans(TokenIndex(tokens), compile_phrase("spo2 ... #50-92"))
    assert not find_spans(TokenIndex(["spo2", "97"]), compile_phrase("spo2 ... #50-92"))
    blocked = ["vomiting", ".", "blood", "pressure"]
    assert not find_spans(TokenIndex(blocked), compile_phrase("vomit* ... blood"))
