"""Reading the catalog."""

from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt.catalog import repository
from neetprepgpt.catalog.errors import SubjectNotFound
from neetprepgpt.catalog.models import Subject
from neetprepgpt.catalog.schemas import ChapterPublic, SubjectPublic


def _public(subject: Subject) -> SubjectPublic:
    return SubjectPublic(
        key=subject.key,
        name=subject.name,
        chapters=[
            ChapterPublic(slug=c.slug, name=c.name, class_level=c.class_level)
            for c in subject.chapters
        ],
    )


async def list_subjects(session: AsyncSession) -> list[SubjectPublic]:
    return [_public(subject) for subject in await repository.list_subjects(session)]


async def get_subject(session: AsyncSession, key: str) -> SubjectPublic:
    subject = await repository.subject_by_key(session, key)
    if subject is None:
        raise SubjectNotFound(f"Subject {key!r} does not exist.")
    return _public(subject)
