"""NEET-UG marking as data: the paper pattern and the answer key drive the scorer.

The scorer knows three rules (+4 correct, -1 wrong, 0 unanswered) and two answer-key
facts that NTA publishes after the exam: a question may accept more than one option,
and a dropped question gives +4 to every candidate, attempted or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType


@dataclass(frozen=True)
class ExamPattern:
    name: str
    questions_per_subject: MappingProxyType[str, int]
    minutes: int
    correct: int
    wrong: int
    unanswered: int

    @property
    def questions(self) -> int:
        return sum(self.questions_per_subject.values())

    @property
    def max_marks(self) -> int:
        return self.questions * self.correct


NEET_UG_2025 = ExamPattern(
    name="NEET-UG (2025 onward)",
    questions_per_subject=MappingProxyType(
        {"Physics": 45, "Chemistry": 45, "Botany": 45, "Zoology": 45}
    ),
    minutes=180,
    correct=4,
    wrong=-1,
    unanswered=0,
)


@dataclass(frozen=True)
class KeyEntry:
    subject: str
    accepted: frozenset[str]  # usually one option; a revised key may accept two
    dropped: bool = False


AnswerKey = dict[int, KeyEntry]  # question number -> key entry
Responses = dict[int, str]  # question number -> chosen option; absent means unanswered


def mark(choice: str | None, entry: KeyEntry, pattern: ExamPattern) -> int:
    if entry.dropped:
        return pattern.correct  # every candidate, even one who left it blank
    if choice is None:
        return pattern.unanswered
    return pattern.correct if choice in entry.accepted else pattern.wrong


def score(responses: Responses, key: AnswerKey, pattern: ExamPattern) -> dict[str, int]:
    unknown = responses.keys() - key.keys()
    if unknown:
        raise ValueError(f"responses to questions not in the key: {sorted(unknown)}")
    by_subject = dict.fromkeys(pattern.questions_per_subject, 0)
    for number, entry in key.items():
        by_subject[entry.subject] += mark(responses.get(number), entry, pattern)
    return {**by_subject, "total": sum(by_subject.values())}


def full_key(pattern: ExamPattern) -> AnswerKey:
    """A synthetic key for a full paper: questions 1-45 Physics, 46-90 Chemistry, ..."""
    key: AnswerKey = {}
    number = 1
    for subject, count in pattern.questions_per_subject.items():
        for _ in range(count):
            key[number] = KeyEntry(subject, frozenset({"ABCD"[number % 4]}))
            number += 1
    return key


def wrong_option(entry: KeyEntry) -> str:
    return next(option for option in "ABCD" if option not in entry.accepted)


def main() -> None:
    p = NEET_UG_2025
    assert (p.questions, p.minutes, p.max_marks) == (180, 180, 720)
    key = full_key(p)
    perfect = {n: min(e.accepted) for n, e in key.items()}

    # Worked example 1: every question right.
    assert score(perfect, key, p)["total"] == 720

    # Worked example 2: 140 right, 30 wrong, 10 left blank -> 140*4 - 30*1 + 0 = 530.
    mixed: Responses = {}
    for n in range(1, 181):
        if n % 18 == 0:
            continue  # 10 questions left blank
        mixed[n] = wrong_option(key[n]) if n % 6 == 3 else perfect[n]  # 30 wrong
    result = score(mixed, key, p)
    assert result["total"] == 530
    print("140 right, 30 wrong, 10 blank:", result)

    # Worked example 3: the revised key. Question 7 also accepts C; question 100 is dropped.
    revised = dict(key)
    revised[7] = KeyEntry("Physics", frozenset({"C", "D"}))
    revised[100] = KeyEntry("Chemistry", key[100].accepted, dropped=True)
    student = dict(mixed)
    student[7] = "C"  # wrong under the provisional key, which accepted only D
    student.pop(100)  # left blank, yet the drop still awards +4
    before = score(student, key, p)["total"]
    after = score(student, revised, p)["total"]
    print(f"same responses, provisional key: {before}, revised key: {after}")
    assert after - before == (4 - -1) + (4 - 0)

    # Worked example 4: the expected value of a guess under +4/-1, exactly.
    blind = Fraction(1, 4) * p.correct + Fraction(3, 4) * p.wrong
    one_eliminated = Fraction(1, 3) * p.correct + Fraction(2, 3) * p.wrong
    print(f"expected marks per guess: blind {blind}, one option ruled out {one_eliminated}")
    assert (blind, one_eliminated) == (Fraction(1, 4), Fraction(2, 3))

    # Bad input is refused with a clear message, not silently ignored.
    try:
        score({181: "A"}, key, p)
    except ValueError as exc:
        print(f"refused: {exc}")
    else:
        raise AssertionError("a response to question 181 must be refused")


if __name__ == "__main__":
    main()
