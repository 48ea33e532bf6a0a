"""Turn one submitted attempt's graded rows into breakdowns. One query for rows, one for rank."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt.analytics.schemas import (
    AttemptAnalytics,
    Breakdown,
    ChapterBreakdown,
    Standing,
    SubjectBreakdown,
)
from neetprepgpt.attempts import repository as attempts
from neetprepgpt.attempts.errors import AttemptNotFound, AttemptNotSubmitted
from neetprepgpt.attempts.grading import grade, scheme_of
from neetprepgpt.attempts.models import AttemptStatus
from neetprepgpt.attempts.repository import GradedRow
from neetprepgpt.attempts.scoring import MarkingScheme

WEAKEST = 5
KeyT = TypeVar("KeyT")


def breakdown(rows: list[GradedRow], scheme: MarkingScheme) -> Breakdown:
    result = grade(rows, scheme)
    return Breakdown(
        questions=len(rows),
        correct=result.correct,
        wrong=result.wrong,
        unanswered=result.unanswered,
        dropped=result.dropped,
        score=result.score,
        max_marks=len(rows) * scheme.correct,
        accuracy=result.accuracy,
        time_spent_ms=sum(row.time_spent_ms for row in rows),
    )


def group(
    rows: Iterable[GradedRow], key: Callable[[GradedRow], KeyT]
) -> dict[KeyT, list[GradedRow]]:
    """Rows by key, keys in first-seen (paper) order."""
    groups: dict[KeyT, list[GradedRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def weakest(chapters: list[ChapterBreakdown]) -> list[ChapterBreakdown]:
    """Chapters that lost marks, the largest share lost first; more questions break ties."""
    losing = [c for c in chapters if c.score < c.max_marks]
    losing.sort(key=lambda c: (c.score / c.max_marks, -c.questions, c.subject, c.chapter))
    return losing[:WEAKEST]


async def attempt_analytics(
    session: AsyncSession, attempt_id: int, candidate_id: str
) -> AttemptAnalytics:
    attempt = await attempts.get(session, attempt_id, candidate_id)
    if attempt is None:
        raise AttemptNotFound(f"Attempt {attempt_id} does not exist.")
    if attempt.status is not AttemptStatus.SUBMITTED or attempt.score is None:
        raise AttemptNotSubmitted(f"Attempt {attempt_id} has analytics once it is submitted.")
    scheme = scheme_of(attempt.paper)
    rows = await attempts.graded_rows(session, [attempt_id])
    subjects = [
        SubjectBreakdown(
            subject=subject, name=items[0].subject_name, **breakdown(items, scheme).model_dump()
        )
        for subject, items in group(rows, lambda r: r.subject).items()
    ]
    chapters = [
        ChapterBreakdown(
            subject=subject,
            chapter=chapter,
            name=items[0].chapter_name,
            **breakdown(items, scheme).model_dump(),
        )
        for (subject, chapter), items in group(rows, lambda r: (r.subject, r.chapter)).items()
    ]
    at_or_below, total = await attempts.score_standing(session, attempt.paper_id, attempt.score)
    return AttemptAnalytics(
        attempt_id=attempt.id,
        paper_id=attempt.paper_id,
        overall=breakdown(rows, scheme),
        standing=Standing(percentile=round(100 * at_or_below / total, 2), attempts=total),
        subjects=subjects,
        chapters=chapters,
        weakest_chapters=weakest(chapters),
    )
