"""A paper freezes its questions and its marking scheme, so old attempts stay comparable."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from neetprepgpt.db import Base, str_enum, utcnow
from neetprepgpt.questions.models import Question


class PaperKind(enum.StrEnum):
    MOCK = "mock"
    PRACTICE = "practice"


class Paper(Base):
    __tablename__ = "papers"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    kind: Mapped[PaperKind] = mapped_column(str_enum(PaperKind, "kind"))
    title: Mapped[str] = mapped_column(String(200))
    pattern: Mapped[str] = mapped_column(String(32))
    chapter_id: Mapped[int | None] = mapped_column(
        ForeignKey("chapters.id", ondelete="RESTRICT"), default=None, index=True
    )
    duration_minutes: Mapped[int]
    marks_correct: Mapped[int]
    marks_wrong: Mapped[int]
    marks_unanswered: Mapped[int]
    question_count: Mapped[int]
    seed: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list["PaperQuestion"]] = relationship(
        lazy="raise", order_by="PaperQuestion.position", cascade="all, delete-orphan"
    )

    @property
    def max_marks(self) -> int:
        return self.question_count * self.marks_correct


class PaperQuestion(Base):
    __tablename__ = "paper_questions"
    __table_args__ = (
        UniqueConstraint("paper_id", "question_id"),
        Index("ix_paper_questions_question_id", "question_id"),
    )

    paper_id: Mapped[int] = mapped_column(
        ForeignKey("papers.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="RESTRICT"))

    question: Mapped[Question] = relationship(lazy="raise")
