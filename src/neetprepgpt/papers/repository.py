"""All SQL for papers and their questions."""

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.papers.models import Paper, PaperKind, PaperQuestion
from neetprepgpt.questions.models import Question


async def get(session: AsyncSession, paper_id: int) -> Paper | None:
    return await session.get(Paper, paper_id)


async def by_slug(session: AsyncSession, slug: str) -> Paper | None:
    return await session.scalar(select(Paper).where(Paper.slug == slug))


async def page(
    session: AsyncSession, kind: PaperKind | None, after: int | None, limit: int
) -> Sequence[Paper]:
    query = select(Paper)
    if kind is not None:
        query = query.where(Paper.kind == kind)
    if after is not None:
        query = query.where(Paper.id > after)
    return (await session.scalars(query.order_by(Paper.id).limit(limit))).all()


async def candidates(
    session: AsyncSession, subject_key: str, chapter_id: int | None = None
) -> list[tuple[int, int]]:
    """(question id, chapter id) pairs a paper may draw from, in id order."""
    query = select(Question.id, Question.chapter_id).join(Subject).where(Subject.key == subject_key)
    if chapter_id is not None:
        query = query.where(Question.chapter_id == chapter_id)
    rows = await session.execute(query.order_by(Question.id))
    return [(row.id, row.chapter_id) for row in rows]


async def sections(
    session: AsyncSession, paper_ids: Sequence[int]
) -> dict[int, list[tuple[str, int, int]]]:
    """Per paper: (subject key, question count, first position), in paper order; one query."""
    query = (
        select(
            PaperQuestion.paper_id,
            Subject.key,
            func.count().label("questions"),
            func.min(PaperQuestion.position).label("first"),
        )
        .join(Question, Question.id == PaperQuestion.question_id)
        .join(Subject, Subject.id == Question.subject_id)
        .where(PaperQuestion.paper_id.in_(paper_ids))
        .group_by(PaperQuestion.paper_id, Subject.key)
        .order_by(PaperQuestion.paper_id, func.min(PaperQuestion.position))
    )
    result: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    for row in await session.execute(query):
        result[row.paper_id].append((row.key, row.questions, row.first))
    return result


async def chapter_slugs(session: AsyncSession, chapter_ids: Sequence[int]) -> dict[int, str]:
    if not chapter_ids:
        return {}
    rows = await session.execute(
        select(Chapter.id, Chapter.slug).where(Chapter.id.in_(chapter_ids))
    )
    return {row.id: row.slug for row in rows}
