"""Lax or strict: what a FastAPI body model accepts, and the trap strict mode sets."""

import json
from typing import Annotated, Any, Literal

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field

OptionKey = Literal["A", "B", "C", "D"]
QuestionNumber = Annotated[int, Field(ge=1, le=180)]


class LaxSubmission(BaseModel):  # Pydantic's defaults: lax types, unknown fields ignored
    paper_id: int
    final: bool = False


class StrictSubmission(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    paper_id: int
    final: bool = False


class AnswerMap(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    answers: dict[QuestionNumber, OptionKey]  # the trap: JSON object keys are always strings


class Answer(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    question: QuestionNumber
    option: OptionKey


class AnswerSheet(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    answers: list[Answer]  # the fix: question numbers travel as JSON numbers


app = FastAPI()


@app.post("/lax")
async def lax(body: LaxSubmission) -> LaxSubmission:
    return body


@app.post("/strict")
async def strict(body: StrictSubmission) -> StrictSubmission:
    return body


@app.post("/answer-map")
async def answer_map(body: AnswerMap) -> AnswerMap:
    return body


@app.post("/answer-sheet")
async def answer_sheet(body: AnswerSheet) -> AnswerSheet:
    return body


def send(client: TestClient, path: str, payload: dict[str, Any]) -> int:
    """POST a JSON body and print what came back, errors as location:type."""
    response = client.post(path, json=payload)
    if response.status_code == 422:
        errors = response.json()["detail"]
        shown = str([".".join(map(str, e["loc"][1:])) + ":" + e["type"] for e in errors])
    else:
        shown = json.dumps(response.json())
    print(f"{path:<13} {json.dumps(payload):<45} -> {response.status_code} {shown}")
    return response.status_code


def main() -> None:
    client = TestClient(app)

    # 1. Wrong JSON types: lax mode quietly converts them, strict mode refuses them.
    wrong_types = {"paper_id": "12", "final": "true"}
    assert send(client, "/lax", wrong_types) == 200
    assert send(client, "/strict", wrong_types) == 422

    # 2. A misspelt field: ignored (and its default used), or reported.
    typo = {"paper_id": 12, "fianl": True}
    assert send(client, "/lax", typo) == 200
    assert send(client, "/strict", typo) == 422

    # 3. The trap: FastAPI hands Pydantic the parsed JSON, whose object keys are strings.
    by_key = {"answers": {"1": "B"}}
    assert send(client, "/answer-map", by_key) == 422
    # Pydantic's own JSON parser lets strict dict keys through, so a unit test that
    # validates the model from a JSON string passes, and only the endpoint fails.
    assert AnswerMap.model_validate_json(json.dumps(by_key)).answers == {1: "B"}

    # 4. The fix: a list of objects, numbers as JSON numbers; strict and correct.
    assert send(client, "/answer-sheet", {"answers": [{"question": 1, "option": "B"}]}) == 200


if __name__ == "__main__":
    main()
