"""All SQL for subjects and chapters."""

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from neetprepgpt.catalog.models import Chapter, Subject


async def list_subjects(session: AsyncSession) -> Sequence[Subject]:
    """Every subject with its chapters, in two queries whatever the count."""
    query = select(Subject).options(selectinload(Subject.chapters)).order_by(Subject.position)
    return (await session.scalars(query)).all()


async def subject_by_key(session: AsyncSession, key: str) -> Subject | None:
    query = select(Subject).where(Subject.key == key).options(selectinload(Subject.chapters))
    return await session.scalar(query)


async def chapter_by_slug(session: AsyncSession, subject_key: str, slug: str) -> Chapter | None:
    query = select(Chapter).join(Subject).where(Subject.key == subject_key, Chapter.slug == slug)
    return await session.scalar(query)
