"""An attempt and its saved answers. `version` guards autosaves against stale tabs."""

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from neetprepgpt.db import Base, str_enum, utcnow
from neetprepgpt.papers.models import Paper


class AttemptStatus(enum.StrEnum):
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"


class Attempt(Base):
    __tablename__ = "attempts"
    __table_args__ = (
        Index("ix_attempts_candidate_id_id", "candidate_id", "id"),
        # Percentile: count the submitted attempts of one paper at or below a score.
        Index("ix_attempts_paper_id_status_score", "paper_id", "status", "score"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="RESTRICT"))
    # Who sits the attempt. A plain id for now; it becomes a foreign key when users arrive.
    candidate_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[AttemptStatus] = mapped_column(
        str_enum(AttemptStatus, "status"), default=AttemptStatus.IN_PROGRESS
    )
    version: Mapped[int] = mapped_column(default=1)
    started_at: Mapped[datetime]
    deadline_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None] = mapped_column(default=None)

    # The result, written once at submission and again only if the answer key is corrected.
    score: Mapped[int | None] = mapped_column(default=None)
    correct_count: Mapped[int | None] = mapped_column(default=None)
    wrong_count: Mapped[int | None] = mapped_column(default=None)
    unanswered_count: Mapped[int | None] = mapped_column(default=None)

    paper: Mapped[Paper] = relationship(lazy="raise")
    answers: Mapped[list["AttemptAnswer"]] = relationship(
        lazy="raise", order_by="AttemptAnswer.position", cascade="all, delete-orphan"
    )


class AttemptAnswer(Base):
    __tablename__ = "attempt_answers"
    __table_args__ = (CheckConstraint("time_spent_ms >= 0", name="time_spent_non_negative"),)

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    selected: Mapped[str | None] = mapped_column(String(1), default=None)
    marked_for_review: Mapped[bool] = mapped_column(default=False)
    time_spent_ms: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
