"""The analytics report of one submitted attempt."""

from pydantic import BaseModel, Field


class Breakdown(BaseModel):
    """Totals for one slice of a paper (the whole paper, a subject or a chapter)."""

    questions: int = Field(examples=[45])
    correct: int = Field(examples=[30])
    wrong: int = Field(examples=[9])
    unanswered: int = Field(examples=[6])
    dropped: int = Field(examples=[0])
    score: int = Field(examples=[111])
    max_marks: int = Field(examples=[180])
    accuracy: float | None = Field(
        description="Correct ÷ answered (dropped questions excluded); null if none answered.",
        examples=[0.7692],
    )
    time_spent_ms: int = Field(examples=[2_400_000])


class SubjectBreakdown(Breakdown):
    subject: str = Field(examples=["physics"])
    name: str = Field(examples=["Physics"])


class ChapterBreakdown(Breakdown):
    subject: str = Field(examples=["physics"])
    chapter: str = Field(examples=["gravitation"])
    name: str = Field(examples=["Gravitation"])


class Standing(BaseModel):
    percentile: float = Field(
        description="Share of submitted attempts of this paper scoring at most this score, × 100.",
        examples=[87.5],
    )
    attempts: int = Field(description="Submitted attempts of the paper compared.", examples=[8])


class AttemptAnalytics(BaseModel):
    attempt_id: int
    paper_id: int
    overall: Breakdown
    standing: Standing
    subjects: list[SubjectBreakdown]
    chapters: list[ChapterBreakdown]
    weakest_chapters: list[ChapterBreakdown] = Field(
        description="Up to five chapters that lost the largest share of their marks."
    )
