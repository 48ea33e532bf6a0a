"""All SQL the seed needs: lookups by natural key (subject key, chapter slug, question id)."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.questions.models import Question


async def subjects_by_key(session: AsyncSession) -> dict[str, Subject]:
    return {subject.key: subject for subject in await session.scalars(select(Subject))}


async def chapters_by_key(session: AsyncSession) -> dict[tuple[int, str], Chapter]:
    rows = await session.scalars(select(Chapter))
    return {(chapter.subject_id, chapter.slug): chapter for chapter in rows}


async def questions_by_external_id(
    session: AsyncSession, external_ids: list[str]
) -> dict[str, Question]:
    if not external_ids:
        return {}
    rows = await session.scalars(select(Question).where(Question.external_id.in_(external_ids)))
    return {question.external_id: question for question in rows}
