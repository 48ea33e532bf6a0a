"""All SQL for questions, including full-text search on either database."""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal_column, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.papers.models import PaperQuestion
from neetprepgpt.questions.models import Difficulty, Question, QuestionFormat


class QuestionSort(StrEnum):
    """Every order is on a unique key, so keyset pages are stable under inserts."""

    EXTERNAL_ID = "external_id"
    EXTERNAL_ID_DESC = "-external_id"
    CREATED = "created"
    CREATED_DESC = "-created"


SORT_COLUMNS: dict[QuestionSort, Any] = {
    QuestionSort.EXTERNAL_ID: Question.external_id,
    QuestionSort.EXTERNAL_ID_DESC: Question.external_id,
    QuestionSort.CREATED: Question.id,
    QuestionSort.CREATED_DESC: Question.id,
}


@dataclass(frozen=True)
class QuestionFilter:
    subject: str | None = None
    chapter: str | None = None
    difficulty: Difficulty | None = None
    format: QuestionFormat | None = None
    text: str | None = None


def _with_refs(query: Select[Question]) -> Select[Question]:
    return query.options(joinedload(Question.subject), joinedload(Question.chapter))


def search_terms(raw: str) -> list[str]:
    """Words only: the user's text never reaches the FTS query parser as syntax."""
    return re.findall(r"\w+", raw.lower())[:16]


def _matches(dialect: str, raw: str) -> ColumnElement[bool]:
    terms = search_terms(raw)
    if dialect == "postgresql":
        vector: ColumnElement[Any] = literal_column("questions.search_vector")
        query = func.plainto_tsquery("english", " ".join(terms))
        return vector.op("@@")(query)
    # FTS5: each word quoted (so AND, NEAR, * are plain words) and all of them required.
    expression = " ".join(f'"{term}"' for term in terms)
    match = text("question_search MATCH :fts_query").bindparams(fts_query=expression)
    hits: Select[Any] = select(literal_column("rowid")).select_from(text("question_search"))
    hits = hits.where(match)
    return Question.id.in_(hits)


async def get(session: AsyncSession, external_id: str) -> Question | None:
    query = _with_refs(select(Question).where(Question.external_id == external_id))
    query = query.execution_options(populate_existing=True)  # fresh after an edit
    return await session.scalar(query)


async def _chapter_ids(session: AsyncSession, slug: str, subject: str | None) -> list[int]:
    query = select(Chapter.id).where(Chapter.slug == slug)
    if subject is not None:
        query = query.join(Subject).where(Subject.key == subject)
    return list((await session.scalars(query)).all())


async def page(
    session: AsyncSession,
    filters: QuestionFilter,
    sort: QuestionSort,
    after: Any | None,
    limit: int,
) -> Sequence[Question]:
    """Up to `limit` questions after the key `after`, in `sort` order, with their refs.

    Search results come in the same stable orders, not by relevance: a relevance score shifts
    whenever the bank changes, and a cursor over a shifting order repeats or skips rows.
    """
    query = _with_refs(select(Question))
    if filters.subject is not None:
        query = query.where(Question.subject.has(Subject.key == filters.subject))
    if filters.chapter is not None:
        # Resolve the slug first (it is unique per subject only, so it may name several
        # chapters), then filter on the column: `Question.chapter.has(...)` would compile to a
        # correlated EXISTS that cannot use ix_questions_chapter_id_id.
        chapter_ids = await _chapter_ids(session, filters.chapter, filters.subject)
        if not chapter_ids:
            return []
        query = query.where(Question.chapter_id.in_(chapter_ids))
    if filters.difficulty is not None:
        query = query.where(Question.difficulty == filters.difficulty)
    if filters.format is not None:
        query = query.where(Question.format == filters.format)
    if filters.text is not None:
        query = query.where(_matches(session.get_bind().dialect.name, filters.text))
    column = SORT_COLUMNS[sort]
    descending = sort.value.startswith("-")
    if after is not None:
        query = query.where(column < after if descending else column > after)
    query = query.order_by(column.desc() if descending else column.asc()).limit(limit)
    return (await session.scalars(query)).all()


async def is_used(session: AsyncSession, question_id: int) -> bool:
    query = select(PaperQuestion.paper_id).where(PaperQuestion.question_id == question_id)
    return await session.scalar(query.limit(1)) is not None
