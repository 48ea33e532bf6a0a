"""HTTP for attempts. Every route acts for the candidate named in `X-Candidate-Id`."""

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Request, Response, status
from fastapi.responses import JSONResponse

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
)
from neetprepgpt.errors import InvalidField
from neetprepgpt.pagination import DEFAULT_LIMIT, MAX_LIMIT
from servicekit.http import require_json
from servicekit.idempotency import (
    REPLAYED_HEADER,
    IdempotencyKey,
    IdempotencyKeyReused,
    normalise_key,
)
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
    dependencies=[Depends(require_json)],
    response_model=AttemptPublic,
    responses=problem_responses(InvalidField, IdempotencyKeyReused, body=True),
)
async def start_attempt(
    body: AttemptCreate,
    candidate: CandidateDep,
    session: SessionDep,
    now: NowDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Start the clock on a paper. The deadline is the server's, not the browser's.

    A client that may retry sends `Idempotency-Key`: a retry with the same key and body gets
    the first response again (same attempt, same clock); the same key with another body, 422.
    Keys are per candidate and kept for 24 hours.
    """
    key = normalise_key(idempotency_key) if idempotency_key is not None else None

    def locate(attempt_id: int) -> str:
        return str(request.url_for("get_attempt", attempt_id=attempt_id))

    stored = await service.start(session, candidate, body, now, locate, key)
    # The stored body is replayed byte for byte, so it goes out as it is, not re-serialized.
    response = Response(
        stored.body, status_code=stored.status_code, media_type=JSONResponse.media_type
    )
    response.headers["Location"] = stored.location
    if key is not None:
        response.headers[REPLAYED_HEADER] = "true" if stored.replayed else "false"
    return response


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
    dependencies=[Depends(require_json)],
    responses=problem_responses(AttemptNotFound, StaleVersion, AttemptSubmitted, TimeUp, body=True),
)
async def save_answers(
    attempt_id: IdPath,
    body: Annotated[AnswersSave, Body(openapi_examples=SAVE_EXAMPLES)],
    candidate: CandidateDep,
    session: SessionDep,
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
    attempt_id: IdPath, candidate: CandidateDep, session: SessionDep, now: NowDep
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
