"""Bodies for papers: a discriminated union for creation, one public shape for reading."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from neetprepgpt.papers.models import PaperKind
from neetprepgpt.papers.patterns import Marking
from neetprepgpt.questions.schemas import PRINTABLE, Slug, SubjectKey

Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=PRINTABLE)
]
Seed = Annotated[int, Field(ge=0, le=2**31 - 1, description="Same seed, same bank: same paper.")]


class MockPaperCreate(BaseModel):
    """A full mock in a stored pattern (NEET_2025: 45 questions from each subject)."""

    model_config = ConfigDict(extra="forbid")

    # Plain string tags, so a wrong `kind` is reported as "'mock' or 'practice'", not as enums.
    kind: Literal["mock"]
    pattern: Literal["NEET_2025"] = "NEET_2025"
    title: Title | None = None
    seed: Seed | None = None


class PracticePaperCreate(BaseModel):
    """A chapter-wise practice set with NEET marking."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["practice"]
    subject: SubjectKey
    chapter: Slug = Field(examples=["gravitation"])
    size: int = Field(default=10, ge=1, le=45)
    duration_minutes: int | None = Field(default=None, ge=1, le=180)
    title: Title | None = None
    seed: Seed | None = None


PaperCreate = Annotated[MockPaperCreate | PracticePaperCreate, Field(discriminator="kind")]


class SectionPublic(BaseModel):
    subject: str = Field(examples=["physics"])
    questions: int = Field(examples=[45])
    first_position: int = Field(examples=[1])


class PaperPublic(BaseModel):
    id: int
    kind: PaperKind
    title: str = Field(examples=["NEET 2025 mock 1"])
    pattern: str = Field(examples=["NEET_2025"])
    chapter: str | None = Field(default=None, examples=[None])
    duration_minutes: int = Field(examples=[180])
    marking: Marking
    question_count: int = Field(examples=[180])
    max_marks: int = Field(examples=[720])
    sections: list[SectionPublic]
    seed: int
    created_at: datetime
