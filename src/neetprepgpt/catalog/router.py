"""HTTP for the catalog: subjects and their chapters."""

from fastapi import APIRouter

from neetprepgpt.catalog import service
from neetprepgpt.catalog.errors import SubjectNotFound
from neetprepgpt.catalog.schemas import SubjectPublic
from neetprepgpt.dependencies import SessionDep
from neetprepgpt.questions.schemas import Slug
from servicekit.problems import problem_responses

router = APIRouter(prefix="/v1/subjects", tags=["catalog"])


@router.get("", operation_id="list_subjects")
async def list_subjects(session: SessionDep) -> list[SubjectPublic]:
    """The four NEET subjects with their NCERT chapters, in syllabus order."""
    return await service.list_subjects(session)


@router.get("/{subject}", operation_id="get_subject", responses=problem_responses(SubjectNotFound))
async def get_subject(subject: Slug, session: SessionDep) -> SubjectPublic:
    return await service.get_subject(session, subject)
