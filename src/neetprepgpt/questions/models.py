"""A question, its published answer key and any later correction of that key."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.db import Base, str_enum, utcnow


class Difficulty(enum.StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class QuestionFormat(enum.StrEnum):
    SINGLE = "single"
    ASSERTION_REASON = "assertion_reason"
    STATEMENTS = "statements"
    MATCH = "match"


class Question(Base):
    __tablename__ = "questions"
    __table_args__ = (
        # Keyset pages filtered by subject or chapter walk these in id order.
        Index("ix_questions_subject_id_id", "subject_id", "id"),
        Index("ix_questions_chapter_id_id", "chapter_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(16), unique=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subjects.id", ondelete="RESTRICT"))
    chapter_id: Mapped[int] = mapped_column(ForeignKey("chapters.id", ondelete="RESTRICT"))
    difficulty: Mapped[Difficulty] = mapped_column(str_enum(Difficulty, "difficulty"))
    format: Mapped[QuestionFormat] = mapped_column(str_enum(QuestionFormat, "format"))
    stem: Mapped[str] = mapped_column(Text)
    options: Mapped[dict[str, str]] = mapped_column(JSON)
    answer: Mapped[str] = mapped_column(String(1))
    explanation: Mapped[str] = mapped_column(Text)

    # Answer-key corrections (NTA rules): several accepted options, or the question dropped.
    # They are never touched by the seed, which only owns the content above.
    accepted_options: Mapped[list[str] | None] = mapped_column(JSON, default=None)
    dropped: Mapped[bool] = mapped_column(default=False)
    key_note: Mapped[str | None] = mapped_column(Text, default=None)

    # Provenance: where the content came from, its fingerprint and how often it changed.
    source: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    subject: Mapped[Subject] = relationship(lazy="raise")
    chapter: Mapped[Chapter] = relationship(lazy="raise")

    def accepted(self) -> frozenset[str]:
        """The options that earn full marks under the current key."""
        return frozenset(self.accepted_options or [self.answer])
