"""Every table, imported in one place so Alembic and the tests see the whole metadata."""

from neetprepgpt.attempts.models import Attempt, AttemptAnswer, AttemptStatus
from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.db import Base
from neetprepgpt.idempotency import IdempotencyRecord
from neetprepgpt.papers.models import Paper, PaperKind, PaperQuestion
from neetprepgpt.questions.models import Difficulty, Question, QuestionFormat

__all__ = [
    "Attempt",
    "AttemptAnswer",
    "AttemptStatus",
    "Base",
    "Chapter",
    "Difficulty",
    "IdempotencyRecord",
    "Paper",
    "PaperKind",
    "PaperQuestion",
    "Question",
    "QuestionFormat",
    "Subject",
]
