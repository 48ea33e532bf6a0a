"""Phrase patterns over normalised words: whole words, `word*` prefixes, `#N+` / `#N-M` numbers and
`...` gaps.

A gap may pass a comma ("black, sticky stools") but never a sentence boundary, so
"vomiting. blood pressure is fine" is not "vomiting ... blood".
"""

import re
from dataclasses import dataclass

from symptom2specialist.language.normalise import BOUNDARY, BREAKS, Normaliser

GAP = "..."
_NUMBER = re.compile(r"#\d+(\+|-\d+)")
MAX_GAP = 4


@dataclass(frozen=True)
class Part:
    kind: str  # "word", "prefix", "number" or "gap"
    value: str = ""

    def accepts(self, token: str) -> bool:
        if token in BREAKS:
            return False
        if self.kind == "prefix":
            return token.startswith(self.value)
        if self.kind == "number":
            low, _, high = self.value.partition("-")
            if not token.isdigit():
                return False
            return int(low) <= int(token) and (not high or int(token) <= int(high))
        return token == self.value


@dataclass(frozen=True)
class Phrase:
    """A compiled pattern; `source` is the text a reviewer wrote, shown in explanations."""

    source: str
    parts: tuple[Part, ...]

    def words(self) -> set[str]:
        """Literal words and prefix stems, for the normaliser's lexicon."""
        return {part.value for part in self.parts if part.kind in ("word", "prefix")}


@dataclass(frozen=True)
class Span:
    start: int
    end: int  # exclusive

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


def compile_phrase(source: str, normaliser: Normaliser | None = None) -> Phrase:
    """Compile reviewer text; plain words go through the same spelling fixes as messages."""
    parts: list[Part] = []
    for raw in source.casefold().split():
        if raw == GAP:
            parts.append(Part("gap"))
        elif _NUMBER.fullmatch(raw):
            parts.append(Part("number", raw[1:].rstrip("+")))
        elif raw.endswith("*") and len(raw) > 1:
            parts.append(Part("prefix", raw[:-1]))
        else:
            fixed = normaliser.tokens(raw) if normaliser is not None else [raw]
            parts.extend(Part("word", word) for word in fixed if word not in BREAKS)
    if not any(part.kind != "gap" for part in parts):
        raise ValueError(f"phrase {source!r} has no words")
    if parts[0].kind == "gap" or parts[-1].kind == "gap":
        raise ValueError(f"phrase {source!r} cannot start or end with '...'")
    return Phrase(source=source, parts=tuple(parts))


def _match_from(tokens: list[str], parts: tuple[Part, ...], position: int) -> int | None:
    """End index of the shortest match of `parts` starting exactly at `position`."""
    if not parts:
        return position
    head, rest = parts[0], parts[1:]
    if head.kind == "gap":
        for skip in range(MAX_GAP + 1):
            here = position + skip
            if skip and (here > len(tokens) or tokens[here - 1] == BOUNDARY):
                return None
            end = _match_from(tokens, rest, here)
            if end is not None:
                return end
        return None
    if position < len(tokens) and head.accepts(tokens[position]):
        return _match_from(tokens, rest, position + 1)
    return None


class TokenIndex:
    """A message's words with their positions, so each phrase is tried only where it can start."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self._positions: dict[str, list[int]] = {}
        for position, token in enumerate(tokens):
            self._positions.setdefault(token, []).append(position)
        self._prefixes: dict[str, list[int]] = {}

    def starts(self, part: Part) -> list[int]:
        if part.kind == "word":
            return self._positions.get(part.value, [])
        if part.kind == "prefix":
            if part.value not in self._prefixes:
                self._prefixes[part.value] = sorted(
                    position
                    for token, positions in self._positions.items()
                    if token.startswith(part.value)
                    for position in positions
                )
            return self._prefixes[part.value]
        return [i for i, token in enumerate(self.tokens) if part.accepts(token)]


def find_spans(index: TokenIndex, phrase: Phrase) -> list[Span]:
    spans: list[Span] = []
    for start in index.starts(phrase.parts[0]):
        end = _match_from(index.tokens, phrase.parts, start)
        if end is not None:
            spans.append(Span(start, end))
    return spans
