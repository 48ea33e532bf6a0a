"""Normalisation: case, Unicode, emoji, repeated letters, typos, Hinglish spellings."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from symptom2specialist.knowledge.loader import Knowledge
from symptom2specialist.language.normalise import BOUNDARY, PAUSE, Normaliser, has_words


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("CHEST PAIN!!!", "chest pain"),
        ("I can't breathe", "i cant breathe"),
        ("I can not breathe", "i cant breathe"),
        ("paaaaain in my chset", "pain in my chest"),
        ("sweeeeating", "sweating"),
        ("unconcious since 5 min", "unconscious since 5 min"),
        ("breathng is hard", "breathing is hard"),
        ("seene mein dard nhi", "seene me dard nahi"),
        ("bhot tez bukhaar", "bahut tez bukhar"),
        ("thunder clap headache", "thunderclap headache"),
        ("ｃｈｅｓｔ　ｐａｉｎ", "chest pain"),
        ("chest pain 😰😰 help 🙏", "chest pain help"),
        ("fever, cough. cold", f"fever {PAUSE} cough {BOUNDARY} cold"),
    ],
)
def test_normalise(knowledge: Knowledge, typed: str, expected: str) -> None:
    assert knowledge.normaliser.normalise(typed) == expected


def test_real_words_are_not_corrected_into_rule_words(knowledge: Knowledge) -> None:
    # "beach" is one slip from "bleach" and "locked" from "blocked"; neither may change.
    assert knowledge.normaliser.normalise("went to the beach") == "went to the beach"
    assert knowledge.normaliser.normalise("she locked the door") == "she locked the door"


def test_only_emoji_or_numbers_have_no_words(knowledge: Knowledge) -> None:
    assert not has_words(knowledge.normaliser.tokens("😀😀🙏"))
    assert not has_words(knowledge.normaliser.tokens("123 456"))
    assert has_words(knowledge.normaliser.tokens("सिर दर्द"))  # Devanagari stays words


def test_ambiguous_slip_is_left_alone() -> None:
    normaliser = Normaliser(lexicon=frozenset({"bleeding", "breeding"}))
    # "bleding" is one slip from only "bleeding"; a word equally close to two is not guessed.
    assert normaliser.normalise("bleding") == "bleeding"


@given(st.text(max_size=300))
def test_never_raises_on_any_text(text: str) -> None:
    normaliser = Normaliser(spelling={"pian": ("pain",)}, lexicon=frozenset({"breathing"}))
    tokens = normaliser.tokens(text)
    assert all(token.strip() == token and token for token in tokens)
    assert not tokens or tokens[0] not in {BOUNDARY, PAUSE}


@given(st.binary(max_size=200))
def test_decoded_binary_never_raises(data: bytes) -> None:
    Normaliser().tokens(data.decode("utf-8", errors="replace"))
