"""Dataclasses inside, Pydantic at the edge: where validation belongs."""

import json
from dataclasses import FrozenInstanceError, dataclass
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

OptionKey = Literal["A", "B", "C", "D"]
Subject = Literal["Physics", "Chemistry", "Botany", "Zoology"]


@dataclass(frozen=True, slots=True)
class Question:
    """The domain's own record: cheap, immutable, trusted because it was checked at the door."""

    stem: str
    options: tuple[str, str, str, str]
    answer: OptionKey
    subject: Subject
    chapter: str


class QuestionIn(BaseModel):
    """What an author (or an LLM) submits. Nothing gets past here unchecked."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    stem: str = Field(min_length=10, max_length=2_000)
    options: tuple[str, str, str, str]
    answer: OptionKey
    subject: Subject
    chapter: str = Field(min_length=3)

    @model_validator(mode="after")
    def options_are_distinct(self) -> Self:
        if len({o.casefold() for o in self.options}) != 4:
            raise ValueError("the four options must be different")
        return self

    def to_domain(self) -> Question:
        return Question(self.stem, self.options, self.answer, self.subject, self.chapter)


def main() -> None:
    # 1. A dataclass trusts its caller. Data parsed from JSON is typed Any, so mypy is
    #    blind here too: nothing checks these values, statically or at run time.
    raw = '{"stem": "?", "options": ["x", "x"], "answer": "E", "subject": "Maths", "chapter": ""}'
    junk = Question(**json.loads(raw))
    assert str(junk.answer) == "E"  # not one of A-D, and nobody noticed
    try:
        junk.answer = "A"  # type: ignore[misc]
    except FrozenInstanceError:
        print("dataclass: accepted bad data, but refused mutation")

    # 2. The same data at the boundary: every problem reported at once, with its location.
    payload = {
        "stem": "Which organelle is the site of photosynthesis?",
        "options": ["Mitochondrion", "Chloroplast", "Ribosome"],
        "answer": "E",
        "subject": "Maths",
        "chapter": "Cell: The Unit of Life",
        "difficulty": "hard",
    }
    try:
        QuestionIn.model_validate(payload)
    except ValidationError as exc:
        for err in exc.errors():
            print("pydantic:", ".".join(map(str, err["loc"])), "->", err["type"])

    # 3. A model validator guards a rule that spans fields.
    fixed = {k: v for k, v in payload.items() if k != "difficulty"}
    fixed |= {"options": ["Ribosome", "ribosome", "Chloroplast", "Vacuole"], "answer": "C"}
    fixed |= {"subject": "Botany"}
    try:
        QuestionIn.model_validate(fixed)
    except ValidationError as exc:
        print("pydantic:", exc.errors()[0]["msg"])

    # 4. Good data crosses the boundary once, then lives on as a plain dataclass.
    good = QuestionIn.model_validate(
        {
            "stem": "  Which organelle is the site of photosynthesis?  ",
            "options": ["Mitochondrion", "Chloroplast", "Ribosome", "Golgi body"],
            "answer": "B",
            "subject": "Botany",
            "chapter": "Cell: The Unit of Life",
        }
    )
    question = good.to_domain()
    assert question.stem.startswith("Which")  # whitespace stripped at the door
    assert isinstance(question.options, tuple)  # the JSON list became a 4-tuple
    print("domain:", question.subject, question.answer, len(question.options), "options")

    # 5. The model also knows how to describe itself: this is what lands in OpenAPI.
    schema = QuestionIn.model_json_schema()
    assert schema["properties"]["options"]["maxItems"] == 4
    print("schema requires:", sorted(schema["required"]))


if __name__ == "__main__":
    main()
