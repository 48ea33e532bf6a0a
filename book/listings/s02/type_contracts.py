"""Type hints as contracts: the vocabulary FastAPI and Pydantic read at run time."""

import sys
from dataclasses import dataclass
from typing import Annotated, Generic, Literal, Protocol, TypeVar, get_args, get_type_hints

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

# On Python < 3.12 Pydantic needs this TypedDict, not typing.TypedDict.
from typing_extensions import TypedDict

# Literal: a closed set of values, checked by mypy and enforced by Pydantic.
Subject = Literal["Physics", "Chemistry", "Botany", "Zoology"]
OptionKey = Literal["A", "B", "C", "D"]

# Annotated: the type stays `int`; the metadata rides along for whoever reads it.
QuestionNumber = Annotated[int, Field(ge=1, le=180)]


class ScoreBreakdown(TypedDict):
    """A dict with a fixed shape, e.g. what an analytics query hands back."""

    correct: int
    wrong: int
    unanswered: int


def neet_score(b: ScoreBreakdown) -> int:
    """+4 for a correct answer, -1 for a wrong one, 0 for a skipped one."""
    return 4 * b["correct"] - 1 * b["wrong"]


@dataclass(frozen=True, slots=True)
class Question:
    id: int
    subject: Subject
    chapter: str
    answer: OptionKey


class QuestionSource(Protocol):
    """Anything with this method is a QuestionSource: no inheritance needed."""

    def get(self, question_id: int) -> Question | None: ...


class InMemoryBank:  # never mentions QuestionSource, yet satisfies it
    def __init__(self, questions: list[Question]) -> None:
        self._by_id = {q.id: q for q in questions}

    def get(self, question_id: int) -> Question | None:
        return self._by_id.get(question_id)


def answer_key(source: QuestionSource, question_id: int) -> OptionKey | None:
    question = source.get(question_id)
    return None if question is None else question.answer


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One generic envelope for every paginated list the API returns."""

    items: list[T]
    total: int
    next_cursor: str | None = None


class QuestionOut(BaseModel):
    number: QuestionNumber
    subject: Subject


def main() -> None:
    # TypedDict + a plain function: mypy checks the keys, Python sees a dict.
    breakdown: ScoreBreakdown = {"correct": 150, "wrong": 20, "unanswered": 10}
    assert neet_score(breakdown) == 580

    # Protocol: structural typing; InMemoryBank fits because its shape fits.
    bank = InMemoryBank([Question(1, "Botany", "Plant Kingdom", "C")])
    assert answer_key(bank, 1) == "C"
    assert answer_key(bank, 2) is None

    # Annotated + Literal: the same hints become run-time validation in Pydantic.
    assert QuestionOut(number=45, subject="Physics").number == 45
    for bad in ({"number": 181, "subject": "Physics"}, {"number": 1, "subject": "Maths"}):
        try:
            QuestionOut.model_validate(bad)
        except ValidationError as exc:
            print(f"rejected {bad}: {exc.errors()[0]['type']}")
        else:
            raise AssertionError("should have been rejected")

    # Generic[T]: Page[QuestionOut] is a concrete model that validates its items.
    page = Page[QuestionOut].model_validate(
        {"items": [{"number": 1, "subject": "Zoology"}], "total": 180}
    )
    assert isinstance(page.items[0], QuestionOut)
    assert page.next_cursor is None

    # A TypedDict is validated too, once Pydantic is asked to (TypeAdapter).
    checked = TypeAdapter(ScoreBreakdown).validate_python(
        {"correct": "150", "wrong": 20, "unanswered": 10}
    )
    assert checked["correct"] == 150  # lax mode coerced the numeric string

    # The hints are data at run time: this is what FastAPI reads to build a route.
    hints = get_type_hints(QuestionOut, include_extras=True)
    base, *metadata = get_args(hints["number"])
    print(f"number: {base.__name__} carrying {[type(m).__name__ for m in metadata]}")

    # PEP 695 generics (class Page[T]: ...) need Python 3.12; 3.11 cannot parse them.
    try:
        compile("class Page[T]: pass", "<pep695>", "exec")
        parses = True
    except SyntaxError:
        parses = False
    assert parses == (sys.version_info >= (3, 12))


if __name__ == "__main__":
    main()
