"""The marking scheme as pure functions: no database, no clock, easy to test exhaustively.

NTA's rules (domain-anchors A1): +4 for a correct option, −1 for a wrong one, 0 for none. If the
key accepts several options, any of them is correct; if it accepts all four, anyone who answered
gets the marks; a dropped question gives every candidate the marks, answered or not.
"""

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Outcome(enum.StrEnum):
    CORRECT = "correct"
    WRONG = "wrong"
    UNANSWERED = "unanswered"
    DROPPED = "dropped"  # full marks whatever was marked


@dataclass(frozen=True)
class MarkingScheme:
    correct: int = 4
    wrong: int = -1
    unanswered: int = 0


NEET = MarkingScheme()


@dataclass(frozen=True)
class Key:
    accepted: frozenset[str]
    dropped: bool = False


def outcome(selected: str | None, key: Key) -> Outcome:
    if key.dropped:
        return Outcome.DROPPED
    if selected is None:
        return Outcome.UNANSWERED
    return Outcome.CORRECT if selected in key.accepted else Outcome.WRONG


def marks(result: Outcome, scheme: MarkingScheme) -> int:
    if result in (Outcome.CORRECT, Outcome.DROPPED):
        return scheme.correct
    return scheme.wrong if result is Outcome.WRONG else scheme.unanswered


@dataclass(frozen=True)
class Tally:
    score: int = 0
    correct: int = 0
    wrong: int = 0
    unanswered: int = 0
    dropped: int = 0

    @property
    def attempted(self) -> int:
        return self.correct + self.wrong

    @property
    def accuracy(self) -> float | None:
        """Share of answered (not dropped) questions that were right; None if none answered."""
        return round(self.correct / self.attempted, 4) if self.attempted else None


def tally(results: Iterable[Outcome], scheme: MarkingScheme) -> Tally:
    counts = dict.fromkeys(Outcome, 0)
    score = 0
    for result in results:
        counts[result] += 1
        score += marks(result, scheme)
    return Tally(
        score=score,
        correct=counts[Outcome.CORRECT],
        wrong=counts[Outcome.WRONG],
        unanswered=counts[Outcome.UNANSWERED],
        dropped=counts[Outcome.DROPPED],
    )
