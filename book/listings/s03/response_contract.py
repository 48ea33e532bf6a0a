"""The response contract: filtering by the declared type, Rust serialization, and the
OpenAPI document that FastAPI writes from the same declarations.

A NEETPrepGPT question is stored with its answer key. A student fetching the question during
a mock test must never receive that key, and the published schema must say so too.
"""

import asyncio
from collections import Counter
from typing import Annotated, Any, Literal

import httpx
from fastapi import FastAPI, Path
from fastapi._compat import v2
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from servicekit.problems import NotFound, install_problem_handlers, problem_responses

Subject = Literal["Physics", "Chemistry", "Botany", "Zoology"]


class QuestionView(BaseModel):
    """What a candidate may see during a mock test."""

    id: int
    subject: Subject
    stem: str
    options: dict[Literal["A", "B", "C", "D"], str]


class QuestionRecord(QuestionView):
    """What the bank stores: the public part plus the key and the reviewed explanation."""

    answer: Literal["A", "B", "C", "D"]
    explanation: str = Field(min_length=1)


BANK = {
    101: QuestionRecord(
        id=101,
        subject="Physics",
        stem="A body moves with constant velocity. The net force on it is:",
        options={"A": "along the motion", "B": "zero", "C": "opposite", "D": "upward"},
        answer="B",
        explanation="Constant velocity means zero acceleration, so zero net force.",
    )
}

app = FastAPI(title="NEETPrepGPT (listing)", version="0.3.0")
install_problem_handlers(app)  # errors as RFC 9457 problem details, from the shared kit
QuestionId = Annotated[int, Path(gt=0)]


def find(question_id: int) -> QuestionRecord:
    if question_id not in BANK:
        raise NotFound(f"Question {question_id} does not exist.")
    return BANK[question_id]


@app.get(
    "/v1/questions/{question_id}",
    operation_id="get_question",
    responses=problem_responses(NotFound),
)
async def get_question(question_id: QuestionId) -> QuestionView:
    return find(question_id)  # a QuestionRecord; the declared type decides what leaves


@app.get("/v1/legacy/questions/{question_id}", response_class=JSONResponse)
async def get_question_legacy(question_id: QuestionId) -> QuestionView:
    return find(question_id)  # same filtering, but the slower Python dict + json.dumps path


@app.get("/v1/raw/questions/{question_id}", include_in_schema=False)
async def get_question_raw(question_id: QuestionId) -> JSONResponse:
    return JSONResponse(find(question_id).model_dump())  # a Response: no filter at all


paths: Counter[str] = Counter()
rust_json, python_dict = v2.ModelField.serialize_json, v2.ModelField.serialize


def count_rust(self: v2.ModelField, *args: Any, **kwargs: Any) -> bytes:
    paths["pydantic-core dump_json (bytes)"] += 1
    return rust_json(self, *args, **kwargs)


def count_python(self: v2.ModelField, *args: Any, **kwargs: Any) -> Any:
    paths["python dict, then json.dumps"] += 1
    return python_dict(self, *args, **kwargs)


async def fetch(client: httpx.AsyncClient, url: str) -> tuple[dict[str, Any], list[str]]:
    paths.clear()
    response = await client.get(url)
    return response.json(), sorted(paths)


async def main() -> None:
    # Observe which serializer FastAPI picks (a peek at internals, for learning only).
    v2.ModelField.serialize_json = count_rust  # type: ignore[method-assign]
    v2.ModelField.serialize = count_python  # type: ignore[method-assign]

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as client:
        seen = {}
        for url in ("/v1/questions/101", "/v1/legacy/questions/101", "/v1/raw/questions/101"):
            body, used = await fetch(client, url)
            seen[url] = ("answer" in body, used)
            print(f"{url:<27} answer leaked: {'answer' in body!s:<5} serializer: {used or '-'}")
        assert seen["/v1/questions/101"] == (False, ["pydantic-core dump_json (bytes)"])
        assert seen["/v1/legacy/questions/101"] == (False, ["python dict, then json.dumps"])
        assert seen["/v1/raw/questions/101"] == (True, [])  # the trap: no contract, no filter

        missing = await client.get("/v1/questions/999")
        print("missing question:", missing.status_code, missing.headers["content-type"])
        assert missing.json()["type"].endswith("/not-found")

    schema = app.openapi()
    print("\noperation ids:")
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            print(f"  {method.upper()} {path:<38} {operation['operationId']}")
    operation = schema["paths"]["/v1/questions/{question_id}"]["get"]
    documented = sorted(operation["responses"])
    print("documented responses of get_question:", documented)
    assert documented == ["200", "404", "422"]
    public = schema["components"]["schemas"]["QuestionView"]
    print("QuestionView fields:", sorted(public["properties"]))
    assert "answer" not in public["properties"]
    assert public["properties"]["subject"]["enum"] == ["Physics", "Chemistry", "Botany", "Zoology"]


if __name__ == "__main__":
    asyncio.run(main())
