"""Sitting a paper: start, autosave, submit once, within the time limit the server keeps.

Races are settled in the database, not in Python: an autosave first bumps the attempt's version
with a conditional UPDATE (it only matches the version the client saw, while the attempt is open
and in time), and a submission flips the status the same way. Whoever loses gets a 409.
"""

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from neetprepgpt import idempotency
from neetprepgpt.attempts import grading, repository
from neetprepgpt.attempts.errors import (
    AttemptNotFound,
    AttemptSubmitted,
    StaleVersion,
    TimeUp,
)
from neetprepgpt.attempts.models import Attempt, AttemptAnswer, AttemptStatus
from neetprepgpt.attempts.schemas import (
    AnswerPublic,
    AnswersSave,
    AttemptCreate,
    AttemptPublic,
    AttemptQuestion,
    ResultPublic,
)
from neetprepgpt.errors import InvalidField
from neetprepgpt.idempotency import StoredResponse
from neetprepgpt.pagination import cursor_after, split_page
from neetprepgpt.papers import repository as papers
from servicekit.idempotency import fingerprint
from servicekit.pagination import Page
from servicekit.sqlite import writing

START = "start_attempt"


def _view(attempt: Attempt, answers: Sequence[AttemptAnswer], now: datetime) -> AttemptPublic:
    open_ = attempt.status is AttemptStatus.IN_PROGRESS
    left = max(0, int((attempt.deadline_at - now).total_seconds())) if open_ else 0
    result = None
    if attempt.score is not None:
        result = ResultPublic(
            score=attempt.score,
            max_marks=attempt.paper.max_marks,
            correct=attempt.correct_count or 0,
            wrong=attempt.wrong_count or 0,
            unanswered=attempt.unanswered_count or 0,
        )
    return AttemptPublic(
        id=attempt.id,
        paper_id=attempt.paper_id,
        candidate_id=attempt.candidate_id,
        status=attempt.status,
        version=attempt.version,
        started_at=attempt.started_at,
        deadline_at=attempt.deadline_at,
        submitted_at=attempt.submitted_at,
        seconds_left=left,
        answers=[
            AnswerPublic(
                position=a.position,
                selected=a.selected,
                marked_for_review=a.marked_for_review,
                time_spent_ms=a.time_spent_ms,
            )
            for a in answers
        ],
        result=result,
    )


async def _existing(session: AsyncSession, attempt_id: int, candidate_id: str) -> Attempt:
    attempt = await repository.get(session, attempt_id, candidate_id)
    if attempt is None:  # someone else's attempt is as invisible as a missing one
        raise AttemptNotFound(f"Attempt {attempt_id} does not exist.")
    return attempt


async def start(
    session: AsyncSession,
    candidate_id: str,
    data: AttemptCreate,
    now: datetime,
    locate: Callable[[int], str],
    idempotency_key: str | None = None,
) -> StoredResponse:
    """Start the clock, or, for a retry under the same `Idempotency-Key`, replay the first
    answer (status, Location and body as they were) without starting a second clock."""
    request_hash = fingerprint(START, data)
    try:
        async with writing(session):
            return await _start_once(session, candidate_id, data, now, locate, idempotency_key)
    except IntegrityError:
        # Two retries raced (PostgreSQL); the winner stored its answer: replay it.
        if idempotency_key is None:
            raise
        async with writing(session):
            stored = await idempotency.find(
                session, candidate_id, START, idempotency_key, request_hash, now
            )
        if stored is None:
            raise
        return stored


async def _start_once(
    session: AsyncSession,
    candidate_id: str,
    data: AttemptCreate,
    now: datetime,
    locate: Callable[[int], str],
    idempotency_key: str | None,
) -> StoredResponse:
    request_hash = fingerprint(START, data)
    if idempotency_key is not None:
        stored = await idempotency.find(
            session, candidate_id, START, idempotency_key, request_hash, now
        )
        if stored is not None:
            return stored
    paper = await papers.get(session, data.paper_id)
    if paper is None:
        raise InvalidField("body.paper_id", f"Paper {data.paper_id} does not exist.")
    attempt = Attempt(
        paper=paper,
        candidate_id=candidate_id,
        started_at=now,
        deadline_at=now + timedelta(minutes=paper.duration_minutes),
    )
    session.add(attempt)
    await session.flush()  # the id, for the Location
    response = StoredResponse(
        status_code=201,
        location=locate(attempt.id),
        body=_view(attempt, [], now).model_dump_json(),
    )
    if idempotency_key is not None:
        idempotency.remember(
            session, candidate_id, START, idempotency_key, request_hash, now, response
        )
    await session.commit()
    return response


async def get_attempt(
    session: AsyncSession, attempt_id: int, candidate_id: str, now: datetime
) -> AttemptPublic:
    attempt = await _existing(session, attempt_id, candidate_id)
    return _view(attempt, await repository.answers(session, attempt_id), now)


async def list_attempts(
    session: AsyncSession,
    candidate_id: str,
    paper_id: int | None,
    cursor: str | None,
    limit: int,
    now: datetime,
) -> Page[AttemptPublic]:
    after = cursor_after(cursor, "-id", int)
    rows = await repository.page(session, candidate_id, paper_id, after, limit + 1)
    items, next_cursor = split_page(rows, limit, "-id", lambda attempt: attempt.id)
    # A listing shows each attempt's header; its answers are one GET away.
    return Page(items=[_view(a, [], now) for a in items], next_cursor=next_cursor)


def _already_saved(body: AnswersSave, saved: dict[int, AttemptAnswer]) -> bool:
    """True when every change in `body` is already stored: a retry of a save that succeeded."""
    for item in body.answers:
        row = saved.get(item.position)
        current = (
            (row.selected, row.marked_for_review, row.time_spent_ms) if row else (None, False, 0)
        )
        wanted = (
            item.selected if "selected" in item.model_fields_set else current[0],
            current[1] if item.marked_for_review is None else item.marked_for_review,
            current[2] if item.time_spent_ms is None else item.time_spent_ms,
        )
        if wanted != current:
            return False
    return True


def _check_positions(body: AnswersSave, attempt: Attempt) -> None:
    limit_ms = attempt.paper.duration_minutes * 60_000
    for index, item in enumerate(body.answers):
        if item.position > attempt.paper.question_count:
            raise InvalidField(
                f"body.answers.{index}.position",
                f"The paper has {attempt.paper.question_count} questions.",
            )
        if item.time_spent_ms is not None and item.time_spent_ms > limit_ms:
            raise InvalidField(
                f"body.answers.{index}.time_spent_ms", "More than the paper's whole duration."
            )


async def save_answers(
    session: AsyncSession,
    attempt_id: int,
    candidate_id: str,
    body: AnswersSave,
    now: datetime,
    grace: timedelta,
) -> AttemptPublic:
    async with writing(session):
        return await _save(session, attempt_id, candidate_id, body, now, grace)


async def _save(
    session: AsyncSession,
    attempt_id: int,
    candidate_id: str,
    body: AnswersSave,
    now: datetime,
    grace: timedelta,
) -> AttemptPublic:
    claimed = await repository.claim_version(
        session, attempt_id, candidate_id, body.version, now - grace
    )
    attempt = await _existing(session, attempt_id, candidate_id)
    saved = {row.position: row for row in await repository.answers(session, attempt_id)}
    if not claimed:
        if attempt.status is AttemptStatus.SUBMITTED:
            raise AttemptSubmitted(f"Attempt {attempt_id} is submitted; answers are final.")
        if attempt.deadline_at < now - grace:
            raise TimeUp(f"Attempt {attempt_id} ran out of time at {attempt.deadline_at}.")
        if _already_saved(body, saved):
            return _view(attempt, list(saved.values()), now)
        raise StaleVersion(
            f"Version {body.version} is stale; the attempt is at version {attempt.version}.",
            current_version=attempt.version,
        )
    _check_positions(body, attempt)  # raising here rolls the version bump back
    for item in body.answers:
        row = saved.get(item.position)
        if row is None:
            row = AttemptAnswer(attempt_id=attempt_id, position=item.position)
            session.add(row)
            saved[item.position] = row
        if "selected" in item.model_fields_set:
            row.selected = item.selected
        if item.marked_for_review is not None:
            row.marked_for_review = item.marked_for_review
        if item.time_spent_ms is not None:
            row.time_spent_ms = item.time_spent_ms
    await session.commit()
    return _view(attempt, [saved[p] for p in sorted(saved)], now)


async def submit(
    session: AsyncSession, attempt_id: int, candidate_id: str, now: datetime
) -> AttemptPublic:
    async with writing(session):
        closed = await repository.close(session, attempt_id, candidate_id, now)
        attempt = await _existing(session, attempt_id, candidate_id)
        if not closed:
            raise AttemptSubmitted(f"Attempt {attempt_id} was already submitted.")
        await grading.grade_and_record(session, attempt_id, attempt.paper)
        await session.commit()
    return await get_attempt(session, attempt_id, candidate_id, now)


async def questions(
    session: AsyncSession, attempt_id: int, candidate_id: str
) -> list[AttemptQuestion]:
    """The paper's questions in order; keys and explanations only once the attempt is over."""
    attempt = await _existing(session, attempt_id, candidate_id)
    reveal = attempt.status is AttemptStatus.SUBMITTED
    return [
        AttemptQuestion(
            position=item.position,
            # The bank id only after submission: mid-attempt it would map the paper to the bank.
            external_id=question.external_id if reveal else None,
            subject=question.subject.key,
            chapter=question.chapter.slug,
            difficulty=question.difficulty,
            format=question.format,
            stem=question.stem,
            options=question.options,
            accepted_options=sorted(question.accepted()) if reveal else None,
            dropped=question.dropped if reveal else None,
            explanation=question.explanation if reveal else None,
        )
        for item, question in await repository.paper_questions(session, attempt.paper_id)
    ]
