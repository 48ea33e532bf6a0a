"""All SQL for attempts. Writes that race are single conditional UPDATEs: a row comes back
from RETURNING only if the condition still held."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from neetprepgpt.attempts.models import Attempt, AttemptAnswer, AttemptStatus
from neetprepgpt.attempts.scoring import Key, MarkingScheme, Tally
from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.papers.models import Paper, PaperQuestion
from neetprepgpt.questions.models import Question


async def get(session: AsyncSession, attempt_id: int, candidate_id: str) -> Attempt | None:
    """The attempt with its paper, if it exists and belongs to this candidate."""
    query = (
        select(Attempt)
        .where(Attempt.id == attempt_id, Attempt.candidate_id == candidate_id)
        .options(joinedload(Attempt.paper))
        .execution_options(populate_existing=True)
    )
    return await session.scalar(query)


async def answers(session: AsyncSession, attempt_id: int) -> Sequence[AttemptAnswer]:
    query = (
        select(AttemptAnswer)
        .where(AttemptAnswer.attempt_id == attempt_id)
        .order_by(AttemptAnswer.position)
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(query)).all()


async def page(
    session: AsyncSession, candidate_id: str, paper_id: int | None, after: int | None, limit: int
) -> Sequence[Attempt]:
    query = select(Attempt).where(Attempt.candidate_id == candidate_id)
    if paper_id is not None:
        query = query.where(Attempt.paper_id == paper_id)
    if after is not None:
        query = query.where(Attempt.id < after)  # newest first
    query = query.options(joinedload(Attempt.paper)).order_by(Attempt.id.desc()).limit(limit)
    return (await session.scalars(query)).all()


async def claim_version(
    session: AsyncSession, attempt_id: int, candidate_id: str, version: int, not_after: datetime
) -> bool:
    """Bump the version if the caller saw the latest one and the attempt is open; atomically."""
    statement = (
        update(Attempt)
        .where(
            Attempt.id == attempt_id,
            Attempt.candidate_id == candidate_id,
            Attempt.version == version,
            Attempt.status == AttemptStatus.IN_PROGRESS,
            Attempt.deadline_at >= not_after,
        )
        .values(version=Attempt.version + 1)
        .returning(Attempt.id)
    )
    return await session.scalar(statement) is not None


async def close(session: AsyncSession, attempt_id: int, candidate_id: str, now: datetime) -> bool:
    """Mark an open attempt submitted; False if it was already (a double submit lost)."""
    statement = (
        update(Attempt)
        .where(
            Attempt.id == attempt_id,
            Attempt.candidate_id == candidate_id,
            Attempt.status == AttemptStatus.IN_PROGRESS,
        )
        .values(status=AttemptStatus.SUBMITTED, submitted_at=now, version=Attempt.version + 1)
        .returning(Attempt.id)
    )
    return await session.scalar(statement) is not None


async def record_result(session: AsyncSession, attempt_id: int, tally: Tally) -> None:
    await session.execute(
        update(Attempt)
        .where(Attempt.id == attempt_id)
        .values(
            score=tally.score,
            correct_count=tally.correct,
            wrong_count=tally.wrong,
            unanswered_count=tally.unanswered,
        )
    )


@dataclass(frozen=True)
class GradedRow:
    """One question of one attempt, with what was marked and the current key."""

    attempt_id: int
    position: int
    subject: str
    subject_name: str
    chapter: str
    chapter_name: str
    selected: str | None
    time_spent_ms: int
    key: Key


async def graded_rows(session: AsyncSession, attempt_ids: Sequence[int]) -> list[GradedRow]:
    """Every question of the given attempts (answered or not), in one query."""
    answer_join = and_(
        AttemptAnswer.attempt_id == Attempt.id, AttemptAnswer.position == PaperQuestion.position
    )
    query = (
        select(
            Attempt.id.label("attempt_id"),
            PaperQuestion.position,
            Subject.key.label("subject"),
            Subject.name.label("subject_name"),
            Chapter.slug.label("chapter"),
            Chapter.name.label("chapter_name"),
            AttemptAnswer.selected,
            AttemptAnswer.time_spent_ms,
            Question.answer,
            Question.accepted_options,
            Question.dropped,
        )
        .select_from(Attempt)
        .join(PaperQuestion, PaperQuestion.paper_id == Attempt.paper_id)
        .join(Question, Question.id == PaperQuestion.question_id)
        .join(Chapter, Chapter.id == Question.chapter_id)
        .join(Subject, Subject.id == Question.subject_id)
        .outerjoin(AttemptAnswer, answer_join)
        .where(Attempt.id.in_(attempt_ids))
        .order_by(Attempt.id, PaperQuestion.position)
    )
    return [
        GradedRow(
            attempt_id=row.attempt_id,
            position=row.position,
            subject=row.subject,
            subject_name=row.subject_name,
            chapter=row.chapter,
            chapter_name=row.chapter_name,
            selected=row.selected,
            time_spent_ms=row.time_spent_ms or 0,
            key=Key(frozenset(row.accepted_options or [row.answer]), row.dropped),
        )
        for row in await session.execute(query)
    ]


async def submitted_with_question(session: AsyncSession, question_id: int) -> list[int]:
    query = (
        select(Attempt.id)
        .join(PaperQuestion, PaperQuestion.paper_id == Attempt.paper_id)
        .where(PaperQuestion.question_id == question_id)
        .where(Attempt.status == AttemptStatus.SUBMITTED)
    )
    return list((await session.scalars(query)).all())


async def score_standing(session: AsyncSession, paper_id: int, score: int) -> tuple[int, int]:
    """(submitted attempts of the paper scoring at most `score`, all submitted attempts)."""
    query = select(
        func.count().filter(Attempt.score <= score),
        func.count(),
    ).where(Attempt.paper_id == paper_id, Attempt.status == AttemptStatus.SUBMITTED)
    row = (await session.execute(query)).one()
    return int(row[0]), int(row[1])


async def paper_questions(
    session: AsyncSession, paper_id: int
) -> Sequence[tuple[PaperQuestion, Question]]:
    query = (
        select(PaperQuestion, Question)
        .join(Question, Question.id == PaperQuestion.question_id)
        .where(PaperQuestion.paper_id == paper_id)
        .options(joinedload(Question.subject), joinedload(Question.chapter))
        .order_by(PaperQuestion.position)
    )
    return [(row[0], row[1]) for row in await session.execute(query)]


async def schemes(session: AsyncSession, attempt_ids: Sequence[int]) -> dict[int, MarkingScheme]:
    query = (
        select(Attempt.id, Paper.marks_correct, Paper.marks_wrong, Paper.marks_unanswered)
        .join(Paper, Paper.id == Attempt.paper_id)
        .where(Attempt.id.in_(attempt_ids))
    )
    return {
        row.id: MarkingScheme(row.marks_correct, row.marks_wrong, row.marks_unanswered)
        for row in await session.execute(query)
    }
