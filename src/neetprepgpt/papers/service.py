"""Build papers from the bank and read them back.

A mock draws each section's questions from its subject, spread over the chapters: the chapters
are visited round-robin in a shuffled order, each yielding its questions in a shuffled order.
The shuffle is seeded, so the same seed over the same bank gives the same paper.
"""

import random
from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt.catalog import repository as catalog
from neetprepgpt.errors import InvalidField
from neetprepgpt.pagination import cursor_after, split_page
from neetprepgpt.papers import repository
from neetprepgpt.papers.errors import NotEnoughQuestions, PaperNotFound
from neetprepgpt.papers.models import Paper, PaperKind, PaperQuestion
from neetprepgpt.papers.patterns import MOCK_PATTERN, PRACTICE_PATTERN, Pattern, patterns
from neetprepgpt.papers.schemas import (
    MockPaperCreate,
    PaperPublic,
    PracticePaperCreate,
    SectionPublic,
)
from servicekit.pagination import Page
from servicekit.sqlite import writing

DEFAULT_MOCK_SLUG = "neet-2025-mock-1"
DEFAULT_MOCK_SEED = 2025


def spread_pick(pool: Sequence[tuple[int, int]], count: int, rng: random.Random) -> list[int]:
    """`count` distinct question ids from (id, chapter) pairs, covering chapters evenly."""
    by_chapter: dict[int, list[int]] = defaultdict(list)
    for question_id, chapter_id in pool:
        by_chapter[chapter_id].append(question_id)
    queues = [by_chapter[chapter] for chapter in sorted(by_chapter)]
    rng.shuffle(queues)
    for queue in queues:
        rng.shuffle(queue)
    picked: list[int] = []
    while len(picked) < count:
        for queue in queues:
            if queue and len(picked) < count:
                picked.append(queue.pop())
    return picked


async def _draw(
    session: AsyncSession, subject: str, count: int, rng: random.Random, chapter_id: int | None
) -> list[int]:
    pool = await repository.candidates(session, subject, chapter_id)
    if len(pool) < count:
        raise NotEnoughQuestions(
            f"The bank has {len(pool)} {subject} questions here; the paper needs {count}.",
            subject=subject,
            available=len(pool),
            needed=count,
        )
    return spread_pick(pool, count, rng)


def _new_paper(pattern: Pattern, kind: PaperKind, title: str, seed: int, count: int) -> Paper:
    return Paper(
        kind=kind,
        title=title,
        pattern=pattern.code,
        duration_minutes=pattern.duration_minutes or count,
        marks_correct=pattern.marking.correct,
        marks_wrong=pattern.marking.wrong,
        marks_unanswered=pattern.marking.unanswered,
        question_count=count,
        seed=seed,
    )


async def _save(session: AsyncSession, paper: Paper, question_ids: list[int]) -> PaperPublic:
    paper.items = [
        PaperQuestion(position=position, question_id=question_id)
        for position, question_id in enumerate(question_ids, start=1)
    ]
    session.add(paper)
    await session.commit()
    return (await _publish(session, [paper]))[0]


async def create_mock(
    session: AsyncSession, data: MockPaperCreate, slug: str | None = None
) -> PaperPublic:
    async with writing(session):
        return await _create_mock(session, data, slug)


async def _create_mock(
    session: AsyncSession, data: MockPaperCreate, slug: str | None
) -> PaperPublic:
    pattern = patterns()[data.pattern]
    seed = data.seed if data.seed is not None else random.SystemRandom().randrange(2**31)
    rng = random.Random(seed)
    question_ids: list[int] = []
    for section in pattern.sections:
        question_ids += await _draw(session, section.subject, section.questions, rng, None)
    title = data.title or f"{pattern.code} mock (seed {seed})"
    paper = _new_paper(pattern, PaperKind.MOCK, title, seed, len(question_ids))
    paper.slug = slug
    return await _save(session, paper, question_ids)


async def create_practice(session: AsyncSession, data: PracticePaperCreate) -> PaperPublic:
    async with writing(session):
        return await _create_practice(session, data)


async def _create_practice(session: AsyncSession, data: PracticePaperCreate) -> PaperPublic:
    chapter = await catalog.chapter_by_slug(session, data.subject, data.chapter)
    if chapter is None:
        raise InvalidField("body.chapter", f"{data.chapter!r} is not a {data.subject} chapter.")
    seed = data.seed if data.seed is not None else random.SystemRandom().randrange(2**31)
    question_ids = await _draw(session, data.subject, data.size, random.Random(seed), chapter.id)
    pattern = patterns()[PRACTICE_PATTERN]
    title = data.title or f"Practice: {chapter.name}"
    paper = _new_paper(pattern, PaperKind.PRACTICE, title, seed, len(question_ids))
    paper.chapter_id = chapter.id
    if data.duration_minutes is not None:
        paper.duration_minutes = data.duration_minutes
    return await _save(session, paper, question_ids)


async def ensure_default_mock(session: AsyncSession) -> PaperPublic | None:
    """The mock a fresh install serves, built once when the bank is big enough."""
    async with writing(session):
        return await _ensure_default_mock(session)


async def _ensure_default_mock(session: AsyncSession) -> PaperPublic | None:
    existing = await repository.by_slug(session, DEFAULT_MOCK_SLUG)
    if existing is not None:
        return (await _publish(session, [existing]))[0]
    request = MockPaperCreate(
        kind="mock", pattern=MOCK_PATTERN, title="NEET 2025 mock 1", seed=DEFAULT_MOCK_SEED
    )
    try:
        return await create_mock(session, request, slug=DEFAULT_MOCK_SLUG)
    except NotEnoughQuestions:
        await session.rollback()
        return None


async def _publish(session: AsyncSession, papers: Sequence[Paper]) -> list[PaperPublic]:
    ids = [paper.id for paper in papers]
    sections = await repository.sections(session, ids)
    slugs = await repository.chapter_slugs(
        session, [p.chapter_id for p in papers if p.chapter_id is not None]
    )
    return [
        PaperPublic(
            id=paper.id,
            kind=paper.kind,
            title=paper.title,
            pattern=paper.pattern,
            chapter=slugs.get(paper.chapter_id) if paper.chapter_id else None,
            duration_minutes=paper.duration_minutes,
            marking={
                "correct": paper.marks_correct,
                "wrong": paper.marks_wrong,
                "unanswered": paper.marks_unanswered,
            },
            question_count=paper.question_count,
            max_marks=paper.max_marks,
            sections=[
                SectionPublic(subject=key, questions=count, first_position=first)
                for key, count, first in sections.get(paper.id, [])
            ],
            seed=paper.seed,
            created_at=paper.created_at,
        )
        for paper in papers
    ]


async def get_paper(session: AsyncSession, paper_id: int) -> PaperPublic:
    paper = await repository.get(session, paper_id)
    if paper is None:
        raise PaperNotFound(f"Paper {paper_id} does not exist.")
    return (await _publish(session, [paper]))[0]


async def list_papers(
    session: AsyncSession, kind: PaperKind | None, cursor: str | None, limit: int
) -> Page[PaperPublic]:
    after = cursor_after(cursor, "id", int)
    rows = await repository.page(session, kind, after, limit + 1)
    items, next_cursor = split_page(rows, limit, "id", lambda paper: paper.id)
    return Page(items=await _publish(session, items), next_cursor=next_cursor)
