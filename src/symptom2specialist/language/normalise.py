"""Turn whatever a person typed into a clean list of words that rules and the model can read.

Steps, in order: Unicode NFKC and case folding; apostrophes dropped ("can't" -> "cant");
emoji, symbols and control characters removed; clause punctuation kept as a boundary token
"."; letters repeated three or more times shortened ("paaaain" -> "pain"); spelling fixes
from reviewed data; and, for long words the rules know, one-slip typos repaired (a swapped,
missing or doubled letter). Nothing here ever raises on odd input: the worst case is no words.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

BOUNDARY = "."  # end of a sentence or clause: patterns and negations stop here
PAUSE = ","  # a comma inside a clause: negations stop here, pattern gaps may pass it
BREAKS = frozenset({BOUNDARY, PAUSE})
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´"), "")
_SENTENCE_MARKS = set(".;:!?()[]{}\n\r|")
_TOKEN = re.compile(r"[.,]|[^\W_]+")
_REPEAT = re.compile(r"([^\W\d_])\1{2,}")
# Only long rule words are repaired: short ones sit one slip from real words ("bleach"/"beach").
MIN_FUZZY_LENGTH = 7


def _clean_characters(text: str) -> str:
    """Keep letters, digits, spaces and clause marks; everything else becomes a space."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES):
        if char in _SENTENCE_MARKS:
            kept.append(f" {BOUNDARY} ")
        elif char == PAUSE:
            kept.append(f" {PAUSE} ")
        elif char.isalnum() or unicodedata.category(char) in ("Mn", "Mc"):
            kept.append(char)  # combining marks keep Devanagari words whole
        else:
            kept.append(" ")
    return "".join(kept)


def _one_slip_variants(word: str) -> Iterable[str]:
    """Words one slip away: a letter missing, a letter doubled or extra, two letters swapped."""
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]
    for i in range(len(word) - 1):
        yield word[:i] + word[i + 1] + word[i] + word[i + 2 :]


@dataclass
class Normaliser:
    """Spelling fixes plus the vocabulary the rules are written in (the lexicon)."""

    spelling: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    joins: Mapping[tuple[str, str], str] = field(default_factory=dict)
    lexicon: frozenset[str] = frozenset()
    _fuzzy: dict[str, str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        # Index every lexicon word by its one-slip variants; ambiguous variants are dropped.
        seen: dict[str, set[str]] = {}
        for word in self.lexicon:
            if len(word) < MIN_FUZZY_LENGTH or not word.isalpha():
                continue
            for variant in _one_slip_variants(word):
                seen.setdefault(variant, set()).add(word)
        self._fuzzy = {
            variant: next(iter(words))
            for variant, words in seen.items()
            if len(words) == 1 and variant not in self.lexicon
        }

    def _shorten_repeats(self, word: str) -> str:
        if not _REPEAT.search(word):
            return word
        double = _REPEAT.sub(r"\1\1", word)
        single = _REPEAT.sub(r"\1", word)
        if single in self.lexicon or single in self.spelling:
            return single
        if double in self.lexicon or double in self.spelling:
            return double
        return single

    def _fix(self, word: str) -> tuple[str, ...]:
        word = self._shorten_repeats(word)
        if word in self.spelling:
            return self.spelling[word]
        if word in self.lexicon or len(word) < MIN_FUZZY_LENGTH:
            return (word,)
        # A word one slip from exactly one rule word (and not a word we know) is that word.
        # Also try the slips of the typed word itself, which catches an extra letter.
        if word in self._fuzzy:
            return (self._fuzzy[word],)
        for variant in _one_slip_variants(word):
            if variant in self.lexicon and len(variant) >= MIN_FUZZY_LENGTH:
                return (variant,)
        return (word,)

    def tokens(self, text: str) -> list[str]:
        """Words and break tokens, in order, with no leading, trailing or doubled breaks."""
        words: list[str] = []
        for token in _TOKEN.findall(_clean_characters(text)):
            if token in BREAKS:
                if words and words[-1] in BREAKS:
                    words[-1] = max(words[-1], token, key=lambda t: t == BOUNDARY)
                elif words:
                    words.append(token)
                continue
            for part in self._fix(token):
                if words and (words[-1], part) in self.joins:
                    words[-1] = self.joins[(words[-1], part)]
                else:
                    words.append(part)
        while words and words[-1] in BREAKS:
            words.pop()
        return words

    def normalise(self, text: str) -> str:
        return " ".join(self.tokens(text))


def has_words(tokens: Iterable[str]) -> bool:
    """True if at least one token contains a letter (digits alone do not describe a symptom)."""
    return any(any(char.isalpha() for char in token) for token in tokens)
