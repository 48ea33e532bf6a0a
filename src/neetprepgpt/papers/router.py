"""HTTP for papers: build a mock or a practice set, read them back."""

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Request, Response, status

from neetprepgpt.dependencies import IdPath, SessionDep
from neetprepgpt.errors import InvalidField
from neetprepgpt.pagination import DEFAULT_LIMIT, MAX_LIMIT
from neetprepgpt.papers import service
from neetprepgpt.papers.errors import NotEnoughQuestions, PaperNotFound
from neetprepgpt.papers.models import PaperKind
from neetprepgpt.papers.schemas import MockPaperCreate, PaperCreate, PaperPublic
from servicekit.http import require_json
from servicekit.pagination import InvalidCursor, Page
from servicekit.problems import problem_responses

router = APIRouter(prefix="/v1/papers", tags=["papers"])

CREATE_EXAMPLES = {
    "mock": {
        "summary": "A full NEET 2025 mock",
        "value": {"kind": "mock", "pattern": "NEET_2025", "seed": 7},
    },
    "practice": {
        "summary": "Ten questions on one chapter",
        "value": {"kind": "practice", "subject": "physics", "chapter": "gravitation", "size": 10},
    },
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    operation_id="create_paper",
    dependencies=[Depends(require_json)],
    responses=problem_responses(NotEnoughQuestions, InvalidField, body=True),
)
async def create_paper(
    body: Annotated[PaperCreate, Body(openapi_examples=CREATE_EXAMPLES)],
    session: SessionDep,
    request: Request,
    response: Response,
) -> PaperPublic:
    """Draw a new paper from the bank; the same seed over the same bank draws the same paper."""
    if isinstance(body, MockPaperCreate):
        paper = await service.create_mock(session, body)
    else:
        paper = await service.create_practice(session, body)
    response.headers["Location"] = str(request.url_for("get_paper", paper_id=paper.id))
    return paper


@router.get("", operation_id="list_papers", responses=problem_responses(InvalidCursor))
async def list_papers(
    session: SessionDep,
    kind: PaperKind | None = None,
    cursor: Annotated[str | None, Query(max_length=512)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[PaperPublic]:
    """Papers, oldest first."""
    return await service.list_papers(session, kind, cursor, limit)


@router.get("/{paper_id}", operation_id="get_paper", responses=problem_responses(PaperNotFound))
async def get_paper(paper_id: IdPath, session: SessionDep) -> PaperPublic:
    return await service.get_paper(session, paper_id)
