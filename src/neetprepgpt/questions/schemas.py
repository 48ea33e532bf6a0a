"""Request and response bodies for questions: Base → Create / Update / Public."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from neetprepgpt.questions.models import Difficulty, Question, QuestionFormat

OptionLabel = Literal["A", "B", "C", "D"]
OPTION_LABELS: tuple[OptionLabel, ...] = ("A", "B", "C", "D")
# No NUL characters: PostgreSQL text cannot hold them, and no question needs one.
PRINTABLE = r"^[^\x00]*$"
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000, pattern=PRINTABLE)
]
LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=10, max_length=8000, pattern=PRINTABLE)
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=96)]
SubjectKey = Literal["physics", "chemistry", "botany", "zoology"]
QuestionId = Annotated[
    str,
    StringConstraints(pattern=r"^(PHY|CHE|BOT|ZOO)-[0-9]{3,4}$"),
    Field(examples=["PHY-001"]),
]


def _four_distinct(options: dict[OptionLabel, str]) -> dict[OptionLabel, str]:
    missing = [label for label in OPTION_LABELS if label not in options]
    if missing:
        raise ValueError(f"options must have A, B, C and D; missing {', '.join(missing)}")
    normalised = {" ".join(text.lower().split()) for text in options.values()}
    if len(normalised) != len(options):
        raise ValueError("two options have the same text")
    return {label: options[label] for label in OPTION_LABELS}  # always in A-D order


Options = Annotated[dict[OptionLabel, Text], AfterValidator(_four_distinct)]

EXAMPLE_OPTIONS = {"A": "2 m/s", "B": "4 m/s", "C": "8 m/s", "D": "16 m/s"}


class QuestionBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    chapter: Slug = Field(examples=["motion-in-a-straight-line"])
    difficulty: Difficulty
    format: QuestionFormat = QuestionFormat.SINGLE
    stem: LongText = Field(examples=["A ball starts from rest with 2 m/s² for 2 s. Its speed?"])
    options: Options = Field(examples=[EXAMPLE_OPTIONS])
    explanation: LongText = Field(examples=["v = u + at = 0 + 2 × 2 = 4 m/s."])


class QuestionCreate(QuestionBase):
    external_id: QuestionId
    subject: SubjectKey
    answer: OptionLabel


class QuestionUpdate(BaseModel):
    """A partial edit of the content. The answer key has its own resource (`/answer-key`)."""

    model_config = ConfigDict(extra="forbid")

    chapter: Slug | None = None
    difficulty: Difficulty | None = None
    format: QuestionFormat | None = None
    stem: LongText | None = None
    options: Options | None = None
    explanation: LongText | None = None


class AnswerKey(BaseModel):
    """The key as it stands after NTA-style corrections."""

    model_config = ConfigDict(extra="forbid")

    accepted_options: list[OptionLabel] = Field(
        min_length=1,
        max_length=4,
        description="Marking any of these earns full marks (all four: anyone who answered).",
        examples=[["B", "C"]],
    )
    dropped: bool = Field(
        default=False, description="Dropped: every candidate gets full marks, answered or not."
    )
    note: Annotated[str, StringConstraints(max_length=500, pattern=PRINTABLE)] | None = Field(
        default=None, examples=["Both B and C follow from the data as printed."]
    )


class ChapterRef(BaseModel):
    slug: str
    name: str


class QuestionView(BaseModel):
    """A question as anyone may read it: no key and no explanation.

    Candidates can read the bank while a mock runs, so the key must never be one GET away.
    """

    external_id: str = Field(examples=["PHY-001"])
    subject: str = Field(examples=["physics"])
    chapter: str = Field(examples=["motion-in-a-straight-line"])
    chapter_name: str = Field(examples=["Motion in a Straight Line"])
    difficulty: Difficulty
    format: QuestionFormat
    stem: str
    options: dict[OptionLabel, str] = Field(examples=[EXAMPLE_OPTIONS])
    revision: int
    created_at: datetime
    updated_at: datetime


class QuestionEditorial(QuestionView):
    """The editor's view (with `X-Editor-Token`): the key, its corrections, the explanation."""

    answer: OptionLabel
    answer_key: AnswerKey
    explanation: str
    source: str = Field(examples=["questions/physics.yaml"])


def question_view(question: Question, *, editorial: bool) -> QuestionView:
    """Map a question (loaded with its subject and chapter) to the view its reader may see."""
    common = {
        "external_id": question.external_id,
        "subject": question.subject.key,
        "chapter": question.chapter.slug,
        "chapter_name": question.chapter.name,
        "difficulty": question.difficulty,
        "format": question.format,
        "stem": question.stem,
        "options": question.options,
        "revision": question.revision,
        "created_at": question.created_at,
        "updated_at": question.updated_at,
    }
    if not editorial:
        return QuestionView.model_validate(common)
    key = AnswerKey(
        accepted_options=sorted(question.accepted()),
        dropped=question.dropped,
        note=question.key_note,
    )
    return QuestionEditorial.model_validate(
        common
        | {
            "answer": question.answer,
            "answer_key": key,
            "explanation": question.explanation,
            "source": question.source,
        }
    )


def question_editorial(question: Question) -> QuestionEditorial:
    view = question_view(question, editorial=True)
    assert isinstance(view, QuestionEditorial)
    return view
