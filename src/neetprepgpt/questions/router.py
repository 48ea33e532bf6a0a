"""HTTP for the question bank. Translates requests to service calls; no rules live here.

Anyone may read the bank without its keys; the editorial surface (keys, explanations, edits)
needs the editor credential in `X-Editor-Token` (see `dependencies.get_editor`).
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from neetprepgpt.dependencies import (
    EditorDep,
    EditorTokenRejected,
    EditorTokenRequired,
    SessionDep,
    require_editor,
)
from neetprepgpt.pagination import DEFAULT_LIMIT, MAX_LIMIT
from neetprepgpt.questions import service
from neetprepgpt.questions.errors import QuestionExists, QuestionInUse, QuestionNotFound
from neetprepgpt.questions.models import Difficulty, QuestionFormat
from neetprepgpt.questions.repository import QuestionFilter, QuestionSort
from neetprepgpt.questions.schemas import (
    AnswerKey,
    QuestionCreate,
    QuestionEditorial,
    QuestionId,
    QuestionUpdate,
    QuestionView,
    Slug,
    SubjectKey,
)
from servicekit.http import require_json
from servicekit.pagination import InvalidCursor, Page
from servicekit.problems import problem_responses

router = APIRouter(prefix="/v1/questions", tags=["questions"])

# Writes: the credential is checked first, then the media type, then the body.
EDITOR_ONLY = [Depends(require_editor), Depends(require_json)]
AUTH_ERRORS = (EditorTokenRequired, EditorTokenRejected)


@router.get(
    "",
    operation_id="list_questions",
    responses=problem_responses(InvalidCursor, EditorTokenRejected),
)
async def list_questions(
    session: SessionDep,
    editor: EditorDep,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            pattern=r"\w",
            description="Full-text search in stems and explanations; every word must match.",
            examples=["projectile range"],
        ),
    ] = None,
    subject: SubjectKey | None = None,
    chapter: Slug | None = None,
    difficulty: Difficulty | None = None,
    format: QuestionFormat | None = None,
    sort: QuestionSort = QuestionSort.EXTERNAL_ID,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[QuestionEditorial] | Page[QuestionView]:
    """List or search the bank, one keyset page at a time (keys for editors only)."""
    filters = QuestionFilter(subject, chapter, difficulty, format, q)
    return await service.list_questions(session, filters, sort, cursor, limit, editorial=editor)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    operation_id="create_question",
    dependencies=EDITOR_ONLY,
    responses=problem_responses(*AUTH_ERRORS, QuestionExists, body=True),
)
async def create_question(
    body: QuestionCreate, session: SessionDep, request: Request, response: Response
) -> QuestionEditorial:
    question = await service.create_question(session, body)
    location = request.url_for("get_question", external_id=question.external_id)
    response.headers["Location"] = str(location)
    return question


@router.get(
    "/{external_id}",
    operation_id="get_question",
    responses=problem_responses(QuestionNotFound, EditorTokenRejected),
)
async def get_question(
    external_id: QuestionId, session: SessionDep, editor: EditorDep
) -> QuestionEditorial | QuestionView:
    """One question; its key and explanation only for a caller with `X-Editor-Token`."""
    return await service.get_question(session, external_id, editorial=editor)


@router.patch(
    "/{external_id}",
    operation_id="update_question",
    dependencies=EDITOR_ONLY,
    responses=problem_responses(*AUTH_ERRORS, QuestionNotFound, body=True),
)
async def update_question(
    external_id: QuestionId, body: QuestionUpdate, session: SessionDep
) -> QuestionEditorial:
    return await service.update_question(session, external_id, body)


@router.put(
    "/{external_id}/answer-key",
    operation_id="set_answer_key",
    dependencies=EDITOR_ONLY,
    responses=problem_responses(*AUTH_ERRORS, QuestionNotFound, body=True),
)
async def set_answer_key(
    external_id: QuestionId, body: AnswerKey, session: SessionDep
) -> QuestionEditorial:
    """Correct the key (several accepted options, or dropped); submitted attempts are re-scored."""
    return await service.set_answer_key(session, external_id, body)


@router.delete(
    "/{external_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="delete_question",
    dependencies=[Depends(require_editor)],
    responses=problem_responses(*AUTH_ERRORS, QuestionNotFound, QuestionInUse),
)
async def delete_question(external_id: QuestionId, session: SessionDep) -> None:
    await service.delete_question(session, external_id)
