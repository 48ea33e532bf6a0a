"""Seed the database from the bank's files, idempotently: upsert by natural key.

Running it twice changes nothing; an edited question is updated in place (its revision goes up
and its provenance is refreshed); answer-key corrections made later are never overwritten.
"""

from dataclasses import dataclass

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt.bank import repository
from neetprepgpt.bank.loader import Bank
from neetprepgpt.bank.schemas import BankQuestion
from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.questions.models import Question

log = structlog.get_logger("neetprepgpt.seed")


@dataclass(frozen=True)
class SeedReport:
    subjects: int
    chapters: int
    inserted: int
    updated: int
    unchanged: int


async def _upsert_catalog(session: AsyncSession, bank: Bank) -> dict[tuple[str, str], Chapter]:
    subjects = await repository.subjects_by_key(session)
    for position, entry in enumerate(bank.chapters.subjects, start=1):
        subject = subjects.get(entry.key)
        if subject is None:
            subject = Subject(key=entry.key, name=entry.name, position=position)
            session.add(subject)
            subjects[entry.key] = subject
        else:
            subject.name, subject.position = entry.name, position
    await session.flush()

    existing = await repository.chapters_by_key(session)
    chapters: dict[tuple[str, str], Chapter] = {}
    for entry in bank.chapters.subjects:
        subject = subjects[entry.key]
        for position, item in enumerate(entry.chapters, start=1):
            chapter = existing.get((subject.id, item.slug))
            if chapter is None:
                chapter = Chapter(
                    subject_id=subject.id,
                    slug=item.slug,
                    position=position,
                    name=item.name,
                    class_level=item.class_level,
                )
                session.add(chapter)
            else:
                chapter.name, chapter.class_level = item.name, item.class_level
                chapter.position = position
            chapters[(entry.key, item.slug)] = chapter
    await session.flush()
    return chapters


def _apply(question: Question, item: BankQuestion, chapter: Chapter, source: str) -> None:
    question.subject_id = chapter.subject_id
    question.chapter_id = chapter.id
    question.difficulty = item.difficulty
    question.format = item.format
    question.stem = item.stem
    question.options = {str(label): text for label, text in item.options.items()}
    question.answer = item.answer
    question.explanation = item.explanation
    question.source = source
    question.content_hash = item.content_hash()


async def seed_bank(session: AsyncSession, bank: Bank) -> SeedReport:
    """Upsert the catalog and every question, then commit once: all of it or none of it."""
    chapters = await _upsert_catalog(session, bank)
    inserted = updated = unchanged = 0
    for subject in bank.subjects:
        ids = [item.id for item in subject.questions]
        existing = await repository.questions_by_external_id(session, ids)
        for item in subject.questions:
            chapter = chapters[(subject.subject, item.chapter)]
            question = existing.get(item.id)
            if question is None:
                question = Question(external_id=item.id)
                _apply(question, item, chapter, subject.source)
                session.add(question)
                inserted += 1
            elif question.content_hash != item.content_hash() or question.source != subject.source:
                _apply(question, item, chapter, subject.source)
                question.revision += 1
                updated += 1
            else:
                unchanged += 1
    await session.commit()
    report = SeedReport(
        subjects=len(bank.chapters.subjects),
        chapters=len(chapters),
        inserted=inserted,
        updated=updated,
        unchanged=unchanged,
    )
    log.info("bank_seeded", **report.__dict__)
    return report
