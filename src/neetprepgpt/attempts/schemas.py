"""Bodies for attempts: start, autosave, the attempt as the candidate sees it, the result."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from neetprepgpt.attempts.models import AttemptStatus
from neetprepgpt.questions.models import Difficulty, QuestionFormat
from neetprepgpt.questions.schemas import OptionLabel

CandidateId = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_.@-]{1,64}$"),
    Field(description="Who sits the attempt (until accounts arrive).", examples=["cand-42"]),
]
MAX_TIME_MS = 6 * 60 * 60 * 1000


class AttemptCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    paper_id: int = Field(gt=0, le=2_147_483_647, examples=[1])


class AnswerSave(BaseModel):
    """One question's state. Fields left out keep their saved value; `selected: null` clears."""

    model_config = ConfigDict(extra="forbid")

    position: int = Field(ge=1, le=500, examples=[12])
    selected: OptionLabel | None = Field(default=None, examples=["B"])
    marked_for_review: bool | None = Field(default=None, examples=[False])
    time_spent_ms: int | None = Field(
        default=None,
        ge=0,
        le=MAX_TIME_MS,
        description="Total time on this question so far (not a delta), so retries are harmless.",
        examples=[41000],
    )


class AnswersSave(BaseModel):
    """An autosave: the version the client last saw and the questions that changed."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, examples=[3])
    answers: list[AnswerSave] = Field(min_length=1, max_length=500)

    @field_validator("answers")
    @classmethod
    def positions_unique(cls, answers: list[AnswerSave]) -> list[AnswerSave]:
        positions = [answer.position for answer in answers]
        if len(set(positions)) != len(positions):
            raise ValueError("each position may appear once per save")
        return answers


class AnswerPublic(BaseModel):
    position: int
    selected: OptionLabel | None
    marked_for_review: bool
    time_spent_ms: int


class ResultPublic(BaseModel):
    score: int = Field(examples=[512])
    max_marks: int = Field(examples=[720])
    correct: int
    wrong: int
    unanswered: int


class AttemptPublic(BaseModel):
    id: int
    paper_id: int
    candidate_id: str
    status: AttemptStatus
    version: int = Field(description="Send it back with the next autosave.")
    started_at: datetime
    deadline_at: datetime
    submitted_at: datetime | None
    seconds_left: int = Field(description="0 once the time limit has passed.")
    answers: list[AnswerPublic] = Field(description="Only the questions touched so far.")
    result: ResultPublic | None = None


class AttemptQuestion(BaseModel):
    """A question as a candidate sees it: the key and explanation only after submission."""

    position: int
    external_id: str | None = Field(
        default=None, description="The bank's id, once the attempt is submitted.", examples=[None]
    )
    subject: str
    chapter: str
    difficulty: Difficulty
    format: QuestionFormat
    stem: str
    options: dict[OptionLabel, str]
    accepted_options: list[OptionLabel] | None = None
    dropped: bool | None = None
    explanation: str | None = None
