"""Score attempts from their saved answers and the current answer key."""

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt.attempts import repository
from neetprepgpt.attempts.repository import GradedRow
from neetprepgpt.attempts.scoring import MarkingScheme, Tally, outcome, tally
from neetprepgpt.papers.models import Paper


def scheme_of(paper: Paper) -> MarkingScheme:
    return MarkingScheme(paper.marks_correct, paper.marks_wrong, paper.marks_unanswered)


def grade(rows: Sequence[GradedRow], scheme: MarkingScheme) -> Tally:
    return tally((outcome(row.selected, row.key) for row in rows), scheme)


async def grade_and_record(session: AsyncSession, attempt_id: int, paper: Paper) -> Tally:
    result = grade(await repository.graded_rows(session, [attempt_id]), scheme_of(paper))
    await repository.record_result(session, attempt_id, result)
    return result


async def rescore_attempts_with(session: AsyncSession, question_id: int) -> int:
    """After a key correction: re-score every submitted attempt that contains the question.

    The caller owns the transaction, so the correction and the new scores commit together.
    """
    attempt_ids = await repository.submitted_with_question(session, question_id)
    if not attempt_ids:
        return 0
    rows_by_attempt: dict[int, list[GradedRow]] = defaultdict(list)
    for row in await repository.graded_rows(session, attempt_ids):
        rows_by_attempt[row.attempt_id].append(row)
    schemes = await repository.schemes(session, attempt_ids)
    for attempt_id, rows in rows_by_attempt.items():
        await repository.record_result(session, attempt_id, grade(rows, schemes[attempt_id]))
    return len(attempt_ids)
