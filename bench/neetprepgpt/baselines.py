"""The two baselines the service is measured against, on the same uvicorn settings.

- `starlette_app`: a bare Starlette route returning a fixed JSON body.
- `fastapi_app`: a bare FastAPI route returning the same body through the service's own
  response model (`QuestionView`, what a student's GET returns), so validation and
  serialisation cost the same as in the service, but no middleware, dependency, session or
  query runs.
"""

from datetime import UTC, datetime

from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from neetprepgpt.questions.models import Difficulty, QuestionFormat
from neetprepgpt.questions.schemas import QuestionView

SAMPLE = QuestionView(
    external_id="PHY-001",
    subject="physics",
    chapter="units-and-measurements",
    chapter_name="Units and Measurements",
    difficulty=Difficulty.EASY,
    format=QuestionFormat.SINGLE,
    stem="Which pair of physical quantities shares the same dimensions in this benchmark?",
    options={
        "A": "Impulse and force",
        "B": "Torque and work",
        "C": "Speed and force",
        "D": "Mass and weight",
    },
    revision=1,
    created_at=datetime(2026, 1, 1, tzinfo=UTC),
    updated_at=datetime(2026, 1, 1, tzinfo=UTC),
)
SAMPLE_JSON = SAMPLE.model_dump(mode="json")


async def starlette_question(_: Request) -> JSONResponse:
    return JSONResponse(SAMPLE_JSON)


starlette_app = Starlette(routes=[Route("/question", starlette_question)])

fastapi_app = FastAPI()


@fastapi_app.get("/question")
async def fastapi_question() -> QuestionView:
    return SAMPLE
