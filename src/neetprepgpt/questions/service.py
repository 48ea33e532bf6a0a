"""Business rules for the bank: lookups, listing and search, edits, answer-key corrections."""

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt.attempts import grading
from neetprepgpt.bank.schemas import ID_PREFIX
from neetprepgpt.catalog import repository as catalog
from neetprepgpt.errors import InvalidField
from neetprepgpt.pagination import cursor_after, split_page
from neetprepgpt.questions import repository
from neetprepgpt.questions.errors import QuestionExists, QuestionInUse, QuestionNotFound
from neetprepgpt.questions.models import Question
from neetprepgpt.questions.repository import QuestionFilter, QuestionSort
from neetprepgpt.questions.schemas import (
    AnswerKey,
    QuestionCreate,
    QuestionEditorial,
    QuestionUpdate,
    QuestionView,
    question_editorial,
    question_view,
)
from servicekit.pagination import Page
from servicekit.sqlite import writing


async def _existing(session: AsyncSession, external_id: str) -> Question:
    question = await repository.get(session, external_id)
    if question is None:
        raise QuestionNotFound(f"Question {external_id!r} does not exist.")
    return question


async def get_question(
    session: AsyncSession, external_id: str, *, editorial: bool = False
) -> QuestionView:
    """The question as its reader may see it: keys and explanations for editors only."""
    return question_view(await _existing(session, external_id), editorial=editorial)


async def _editorial(session: AsyncSession, external_id: str) -> QuestionEditorial:
    return question_editorial(await _existing(session, external_id))


async def list_questions(
    session: AsyncSession,
    filters: QuestionFilter,
    sort: QuestionSort,
    cursor: str | None,
    limit: int,
    *,
    editorial: bool = False,
) -> Page[QuestionEditorial] | Page[QuestionView]:
    by_id = sort in (QuestionSort.CREATED, QuestionSort.CREATED_DESC)
    column, key_type = ("id", int) if by_id else ("external_id", str)
    after = cursor_after(cursor, sort.value, key_type)
    rows = await repository.page(session, filters, sort, after, limit + 1)
    items, next_cursor = split_page(rows, limit, sort.value, lambda q: getattr(q, column))
    if editorial:
        keyed = [question_editorial(q) for q in items]
        return Page[QuestionEditorial](items=keyed, next_cursor=next_cursor)
    views = [question_view(q, editorial=False) for q in items]
    return Page[QuestionView](items=views, next_cursor=next_cursor)


async def create_question(session: AsyncSession, data: QuestionCreate) -> QuestionEditorial:
    if not data.external_id.startswith(ID_PREFIX[data.subject] + "-"):
        raise InvalidField(
            "body.external_id",
            f"A {data.subject} question id starts with {ID_PREFIX[data.subject]}-.",
        )
    async with writing(session):
        return await _create(session, data)


async def _create(session: AsyncSession, data: QuestionCreate) -> QuestionEditorial:
    chapter = await catalog.chapter_by_slug(session, data.subject, data.chapter)
    if chapter is None:
        raise InvalidField("body.chapter", f"{data.chapter!r} is not a {data.subject} chapter.")
    if await repository.get(session, data.external_id) is not None:
        raise QuestionExists(f"Question {data.external_id!r} already exists.")
    question = Question(
        external_id=data.external_id,
        subject_id=chapter.subject_id,
        chapter_id=chapter.id,
        difficulty=data.difficulty,
        format=data.format,
        stem=data.stem,
        options={str(label): text for label, text in data.options.items()},
        answer=data.answer,
        explanation=data.explanation,
        source="api",
        content_hash="",
    )
    session.add(question)
    try:
        await session.commit()
    except IntegrityError as exc:  # a concurrent create won the race for the same id
        await session.rollback()
        raise QuestionExists(f"Question {data.external_id!r} already exists.") from exc
    return await _editorial(session, data.external_id)


async def update_question(
    session: AsyncSession, external_id: str, data: QuestionUpdate
) -> QuestionEditorial:
    """Edit the content. The bank's files stay the source of truth for the questions they hold:
    an edit clears the content fingerprint, so the next seed puts the file's version back."""
    async with writing(session):
        return await _update(session, external_id, data)


async def _update(
    session: AsyncSession, external_id: str, data: QuestionUpdate
) -> QuestionEditorial:
    question = await _existing(session, external_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if "chapter" in changes:
        chapter = await catalog.chapter_by_slug(
            session, question.subject.key, changes.pop("chapter")
        )
        if chapter is None:
            raise InvalidField("body.chapter", f"Not a {question.subject.key} chapter.")
        changes["chapter_id"] = chapter.id
    changed = {name: value for name, value in changes.items() if getattr(question, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(question, name, value)
        question.revision += 1
        question.content_hash = ""
        await session.commit()
    return await _editorial(session, external_id)


async def set_answer_key(
    session: AsyncSession, external_id: str, key: AnswerKey
) -> QuestionEditorial:
    """Correct the key and re-score every submitted attempt that contains the question."""
    async with writing(session):
        return await _set_key(session, external_id, key)


async def _set_key(session: AsyncSession, external_id: str, key: AnswerKey) -> QuestionEditorial:
    question = await _existing(session, external_id)
    if set(key.accepted_options) == {question.answer} and not key.dropped:
        question.accepted_options = None  # back to the published key
    else:
        question.accepted_options = sorted(set(key.accepted_options))
    question.dropped = key.dropped
    question.key_note = key.note
    await session.flush()
    await grading.rescore_attempts_with(session, question.id)
    await session.commit()
    return await _editorial(session, external_id)


async def delete_question(session: AsyncSession, external_id: str) -> None:
    async with writing(session):
        question = await _existing(session, external_id)
        if await repository.is_used(session, question.id):
            raise QuestionInUse(
                f"Question {external_id!r} is part of a paper and cannot be deleted."
            )
        await session.delete(question)
        await session.commit()
