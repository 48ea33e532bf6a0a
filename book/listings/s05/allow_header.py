"""A 405 must name every method the resource supports, and FastAPI alone does not.

Starlette answers a wrong method from the FIRST route whose path matched, so a collection
served by two functions (GET and POST) advertises one of them. The kit's problem handlers
(`servicekit.problems`) put the union of every matching route's methods in `Allow`; this
listing shows the default, the same tiny app with the kit's handlers, and the real NEETPrepGPT
app, also mounted under a prefix the way `mastery serve` mounts it.
"""

import asyncio
import tempfile
from pathlib import Path

import httpx
from fastapi import FastAPI
from starlette.applications import Starlette
from starlette.routing import Mount

from neetprepgpt.config import Settings
from neetprepgpt.main import create_app
from servicekit.problems import install_problem_handlers


def tiny(with_kit: bool) -> FastAPI:
    app = FastAPI()

    @app.get("/v1/questions")
    async def list_questions() -> list[str]:
        return ["PHY-001"]

    @app.post("/v1/questions", status_code=201)
    async def create_question() -> dict[str, str]:
        return {"external_id": "PHY-901"}

    if with_kit:
        install_problem_handlers(app)
    return app


async def probe(app: Starlette, method: str, path: str) -> tuple[int, str]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as client:
        response = await client.request(method, path)
        return response.status_code, response.headers.get("allow", "-")


async def main() -> None:
    default = await probe(tiny(with_kit=False), "PUT", "/v1/questions")
    kit = await probe(tiny(with_kit=True), "PUT", "/v1/questions")
    assert default == (405, "GET")  # incomplete: POST is allowed too
    assert kit == (405, "GET, POST")
    assert (await probe(tiny(with_kit=True), "POST", "/v1/questions"))[0] == 201
    print(f"{'plain FastAPI':<14} {'PUT':<6} {'/v1/questions':<27} -> 405 Allow: {default[1]}")
    print(f"{'kit handlers':<14} {'PUT':<6} {'/v1/questions':<27} -> 405 Allow: {kit[1]}")

    with tempfile.TemporaryDirectory() as folder:
        neet = create_app(Settings(data_dir=Path(folder), log_level="ERROR"))
        mounted = Starlette(routes=[Mount("/neetprepgpt", app=neet)])
        expected = {
            ("PUT", "/v1/questions"): "GET, POST",
            ("HEAD", "/v1/questions"): "GET, POST",
            ("PUT", "/v1/questions/PHY-001"): "DELETE, GET, PATCH",
            ("GET", "/v1/attempts/7/submission"): "POST",
        }
        for (method, path), allow in expected.items():
            status = await probe(neet, method, path)
            assert status == (405, allow)
            assert await probe(mounted, method, "/neetprepgpt" + path) == status
            print(f"{'NEETPrepGPT':<14} {method:<6} {path:<27} -> 405 Allow: {allow}")
        await neet.state.database.dispose()  # the engine was never used; close it anyway


if __name__ == "__main__":
    asyncio.run(main())
