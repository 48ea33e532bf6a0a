"""Field and model validators (before, after, wrap), a computed field, and the real
discriminated union NEETPrepGPT uses to create papers.
"""

import re
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    computed_field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from neetprepgpt.papers.models import PaperKind
from neetprepgpt.papers.schemas import MockPaperCreate, PaperCreate, PracticePaperCreate

trace: list[str] = []


class PracticeRequest(BaseModel):
    """A practice set as a student asks for it (a teaching model, not the service's)."""

    model_config = ConfigDict(extra="forbid")

    chapter: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=96)
    size: int = Field(ge=1, le=45)
    duration_minutes: int = Field(ge=1, le=180)

    @field_validator("chapter", mode="before")
    @classmethod
    def slugify(cls, value: Any) -> Any:
        # Before: sees the raw input, whatever its type. Reshape it; let the type check judge.
        trace.append(f"before  chapter={value!r}")
        if isinstance(value, str):
            return re.sub(r"[^a-z0-9]+", "-", value.strip().lower()).strip("-")
        return value

    @field_validator("chapter", mode="after")
    @classmethod
    def known_chapter(cls, value: str, info: ValidationInfo) -> str:
        # After: sees a value that already passed the type and the pattern.
        trace.append(f"after   chapter={value!r}")
        allowed = (info.context or {}).get("chapters")
        if allowed is not None and value not in allowed:
            raise ValueError(f"{value!r} is not a chapter of the syllabus")
        return value

    @field_validator("size", mode="wrap")
    @classmethod
    def size_message(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> int:
        # Wrap: runs around the standard validation and may replace its error.
        trace.append(f"wrap    size={value!r}")
        try:
            result: int = handler(value)
        except ValidationError as exc:
            raise PydanticCustomError(
                "practice_size", "a practice set has 1 to 45 questions, got {got}", {"got": value}
            ) from exc
        return result

    @model_validator(mode="after")
    def enough_time(self) -> Self:
        # Model "after": every field is valid; now check rules that span fields.
        trace.append("model   after")
        if self.duration_minutes < self.size:
            raise ValueError("allow at least one minute per question")
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def max_marks(self) -> int:
        return self.size * 4  # +4 per correct answer: derived, never sent by the client


class EnumTaggedMock(BaseModel):
    kind: Literal[PaperKind.MOCK]  # how PaperCreate's tags were first written: enum members


class EnumTaggedPractice(BaseModel):
    kind: Literal[PaperKind.PRACTICE]


EnumTagged = Annotated[EnumTaggedMock | EnumTaggedPractice, Field(discriminator="kind")]


def errors(exc: ValidationError) -> list[str]:
    return [f"{'.'.join(map(str, e['loc'])) or '(model)'}: {e['type']}" for e in exc.errors()]


def main() -> None:
    # 1. The order: before, then the type and constraints, then after; wrap surrounds its field.
    ok = PracticeRequest.model_validate(
        {"chapter": "  Motion in a Straight Line ", "size": 10, "duration_minutes": 12}
    )
    print("\n".join(trace))
    print("dumped:", ok.model_dump())
    assert ok.chapter == "motion-in-a-straight-line"
    assert ok.model_dump()["max_marks"] == 40

    # 2. Context carries what a validator needs from outside (here: the syllabus).
    try:
        PracticeRequest.model_validate(
            {"chapter": "vectors", "size": 99, "duration_minutes": 0},
            context={"chapters": {"gravitation", "motion-in-a-straight-line"}},
        )
    except ValidationError as exc:
        print("errors:", errors(exc))
        print("wrap's message:", exc.errors()[1]["msg"])
    trace.clear()

    # 3. A model validator runs only when every field passed.
    try:
        PracticeRequest.model_validate(
            {"chapter": "gravitation", "size": 30, "duration_minutes": 20}
        )
    except ValidationError as exc:
        print("cross-field:", errors(exc), "|", exc.errors()[0]["msg"])

    # 4. The computed field is in the output schema only: clients read it, never send it.
    out = PracticeRequest.model_json_schema(mode="serialization")["properties"]
    inp = PracticeRequest.model_json_schema(mode="validation")["properties"]
    print("max_marks in output schema:", "max_marks" in out, "| in input:", "max_marks" in inp)
    assert "max_marks" in out
    assert "max_marks" not in inp

    # 5. The real PaperCreate: the "kind" tag picks the model, so errors speak about one arm.
    papers = TypeAdapter(PaperCreate)
    mock = papers.validate_python({"kind": "mock", "seed": 7})
    practice = papers.validate_python(
        {"kind": "practice", "subject": "physics", "chapter": "gravitation"}
    )
    assert isinstance(mock, MockPaperCreate)
    assert isinstance(practice, PracticePaperCreate)
    print("picked:", type(mock).__name__, type(practice).__name__, "size default", practice.size)
    for bad in ({"kind": "practice", "subject": "physics"}, {"kind": "quiz"}, {"seed": 7}):
        try:
            papers.validate_python(bad)
        except ValidationError as exc:
            print(f"tagged   {bad!s:<40} -> {errors(exc)}")

    # Without the discriminator Pydantic tries every arm and reports every arm's complaints.
    untagged = TypeAdapter(MockPaperCreate | PracticePaperCreate)
    reported: list[str] = []
    try:
        untagged.validate_python({"kind": "practice", "subject": "physics"})
    except ValidationError as exc:
        reported = errors(exc)
    print(f"untagged {'(same practice body)':<40} -> {reported}")
    assert len(reported) == 3  # two of them about the mock arm the client never meant

    # 6. The message for an unknown tag: enum members leak their Python repr, strings do not.
    expected: dict[str, str] = {}
    for label, adapter in (("enum tags", TypeAdapter(EnumTagged)), ("str tags", papers)):
        try:
            adapter.validate_python({"kind": "quiz"})
        except ValidationError as exc:
            expected[label] = exc.errors()[0]["msg"].split("expected tags: ", 1)[1]
            print(f"{label:<9} expected tags: {expected[label]}")
    assert "PaperKind" in expected["enum tags"]
    assert expected["str tags"] == "'mock', 'practice'"


if __name__ == "__main__":
    main()
