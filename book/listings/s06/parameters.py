"""Five places a request carries data, each declared with `Annotated`, each validated.

A search over NEETPrepGPT's bank, written as a small app: the chapter in the path, filters as
one query-parameter model, the candidate in a header, a display preference in a cookie, and a
body for the write. Every bad value comes back as a 422 naming where it was.
"""

import asyncio
from typing import Annotated, Any, Literal

import httpx
from fastapi import Cookie, FastAPI, Header, Path, Query
from pydantic import BaseModel, ConfigDict, Field

Subject = Literal["physics", "chemistry", "botany", "zoology"]
ChapterSlug = Annotated[str, Path(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=96)]
CandidateId = Annotated[str, Header(pattern=r"^[A-Za-z0-9_.@-]{1,64}$")]


class QuestionFilters(BaseModel):
    """All the query parameters of a listing, as one model (FastAPI 0.115 and later)."""

    model_config = ConfigDict(extra="forbid")  # an unknown ?param is a 422, not ignored

    subject: Subject | None = None
    difficulty: Literal["easy", "medium", "hard"] | None = None
    q: str | None = Field(default=None, min_length=1, max_length=200)
    limit: int = Field(default=20, ge=1, le=100)


class Bookmark(BaseModel):
    model_config = ConfigDict(extra="forbid")

    external_id: str = Field(pattern=r"^(PHY|CHE|BOT|ZOO)-[0-9]{3,4}$")
    note: str | None = Field(default=None, max_length=280)


app = FastAPI()


@app.get("/v1/chapters/{chapter}/questions", operation_id="list_chapter_questions")
async def list_chapter_questions(
    chapter: ChapterSlug,
    filters: Annotated[QuestionFilters, Query()],
    x_candidate_id: CandidateId,
    theme: Annotated[Literal["light", "dark"], Cookie()] = "light",
) -> dict[str, Any]:
    return {
        "chapter": chapter,
        "filters": filters.model_dump(),
        "who": x_candidate_id,
        "theme": theme,
    }


@app.post("/v1/bookmarks", status_code=201, operation_id="create_bookmark")
async def create_bookmark(bookmark: Bookmark, x_candidate_id: CandidateId) -> Bookmark:
    return bookmark


def where(response: httpx.Response) -> list[str]:
    """The location and type of each validation error, FastAPI's default 422 shape."""
    return [".".join(map(str, e["loc"])) + " " + e["type"] for e in response.json()["detail"]]


async def main() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as client:
        who = {"X-Candidate-Id": "cand-42"}
        url = "/v1/chapters/gravitation/questions"

        ok = await client.get(url, params={"subject": "physics", "limit": "5"}, headers=who)
        ok_body = ok.json()
        print("ok:", ok.status_code, ok_body["filters"], ok_body["who"], ok_body["theme"])
        assert ok_body["filters"]["limit"] == 5  # "5" in the URL became an int (lax, on purpose)

        client.cookies.set("theme", "blue")
        bad = await client.get(
            "/v1/chapters/Gravitation!/questions",
            params={"subject": "maths", "limit": "500", "sort": "new"},
            headers={"X-Candidate-Id": "cand 42"},
        )
        client.cookies.clear()
        print("bad:", bad.status_code)
        for line in where(bad):
            print("  ", line)
        assert bad.status_code == 422
        assert len(where(bad)) == 6  # every problem at once, not one per round trip

        no_header = await client.post("/v1/bookmarks", json={"external_id": "PHY-001"})
        print("no header:", where(no_header))
        created = await client.post("/v1/bookmarks", json={"external_id": "PHY-001"}, headers=who)
        assert created.status_code == 201

    # The same declarations, read by OpenAPI: each query field is its own documented parameter.
    operation = app.openapi()["paths"]["/v1/chapters/{chapter}/questions"]["get"]
    print("documented parameters:")
    for parameter in operation["parameters"]:
        print(f"   {parameter['in']:<6} {parameter['name']:<14} required={parameter['required']}")
    names = {p["name"] for p in operation["parameters"]}
    assert {"subject", "difficulty", "q", "limit", "x-candidate-id", "theme"} <= names


if __name__ == "__main__":
    asyncio.run(main())
