"""HTTP for attempts. Every route acts for the candidate named in `X-Candidate-Id`."""

from typing import Annotated

from fastapi import APIRouter, Body, Query, Request, Response, status

from neetprepgpt.analytics import service as analytics
from neetprepgpt.analytics.schemas import AttemptAnalytics
from neetprepgpt.attempts import service
from neetprepgpt.attempts.errors import (
    AttemptNotFound,
    AttemptNotSubmitted,
    AttemptSubmitted,
    StaleVersion,
    TimeUp,
)
from neetprepgpt.attempts.schemas import (
    AnswersSave,
    AttemptCreate,
    AttemptPublic,
    AttemptQuestion,
)
from neetprepgpt.dependencies import (
    MAX_ID,
    CandidateDep,
    GraceDep,
    IdPath,
    NowDep,
    SessionDep,
    WriteSessionDep,
)
from neetprepgpt.errors import InvalidField
from neetprepgpt.pagination import DEFAULT_LIMIT, MAX_LIMIT
from servicekit.pagination import InvalidCursor, Page
from servicekit.problems import problem_responses

router = APIRouter(prefix="/v1/attempts", tags=["attempts"])

SAVE_EXAMPLES = {
    "answer": {
        "summary": "Answer one question, flag another",
        "value": {
            "version": 3,
            "answers": [
                {"position": 12, "selected": "B", "time_spent_ms": 41000},
                {"position": 13, "marked_for_review": True, "time_spent_ms": 15000},
            ],
        },
    },
    "clear": {
        "summary": "Clear an answer",
        "value": {"version": 4, "answers": [{"position": 12, "selected": None}]},
    },
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    operation_id="start_attempt",
    responses=problem_responses(InvalidField),
)
async def start_attempt(
    body: AttemptCreate,
    candidate: CandidateDep,
    session: WriteSessionDep,
    now: NowDep,
    request: Request,
    response: Response,
) -> AttemptPublic:
    """Start the clock on a paper. The deadline is the server's, not the browser's."""
    attempt = await service.start(session, candidate, body, now)
    response.headers["Location"] = str(request.url_for("get_attempt", attempt_id=attempt.id))
    return attempt


@router.get("", operation_id="list_attempts", responses=problem_responses(InvalidCursor))
async def list_attempts(
    candidate: CandidateDep,
    session: SessionDep,
    now: NowDep,
    paper_id: Annotated[int | None, Query(gt=0, le=MAX_ID)] = None,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[AttemptPublic]:
    """The candidate's attempts, newest first."""
    return await service.list_attempts(session, candidate, paper_id, cursor, limit, now)


@router.get(
    "/{attempt_id}", operation_id="get_attempt", responses=problem_responses(AttemptNotFound)
)
async def get_attempt(
    attempt_id: IdPath, candidate: CandidateDep, session: SessionDep, now: NowDep
) -> AttemptPublic:
    return await service.get_attempt(session, attempt_id, candidate, now)


@router.get(
    "/{attempt_id}/questions",
    operation_id="list_attempt_questions",
    responses=problem_responses(AttemptNotFound),
)
async def list_attempt_questions(
    attempt_id: IdPath, candidate: CandidateDep, session: SessionDep
) -> list[AttemptQuestion]:
    """The paper in order; keys and explanations appear once the attempt is submitted."""
    return await service.questions(session, attempt_id, candidate)


@router.patch(
    "/{attempt_id}/answers",
    operation_id="save_answers",
    responses=problem_responses(AttemptNotFound, StaleVersion, AttemptSubmitted, TimeUp),
)
async def save_answers(
    attempt_id: IdPath,
    body: Annotated[AnswersSave, Body(openapi_examples=SAVE_EXAMPLES)],
    candidate: CandidateDep,
    session: WriteSessionDep,
    now: NowDep,
    grace: GraceDep,
) -> AttemptPublic:
    """Autosave. Send the version you last saw: a stale one gets 409 with `current_version`."""
    return await service.save_answers(session, attempt_id, candidate, body, now, grace)


@router.post(
    "/{attempt_id}/submission",
    operation_id="submit_attempt",
    responses=problem_responses(AttemptNotFound, AttemptSubmitted),
)
async def submit_attempt(
    attempt_id: IdPath, candidate: CandidateDep, session: WriteSessionDep, now: NowDep
) -> AttemptPublic:
    """Submit once and get the score; a second submission gets 409."""
    return await service.submit(session, attempt_id, candidate, now)


@router.get(
    "/{attempt_id}/analytics",
    operation_id="get_attempt_analytics",
    responses=problem_responses(AttemptNotFound, AttemptNotSubmitted),
)
async def get_attempt_analytics(
    attempt_id: IdPath, candidate: CandidateDep, session: SessionDep
) -> AttemptAnalytics:
    """Score, accuracy and time by subject and chapter, weakest chapters, percentile."""
    return await analytics.attempt_analytics(session, attempt_id, candidate)
