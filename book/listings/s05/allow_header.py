"""405 must name every method the resource supports; with one route per method it may not.

Starlette answers a wrong method from the FIRST route whose path matched, so a collection
served by two functions (GET and POST) advertises only one of them. The fix collects the
methods of every route that matches the path.
"""

import asyncio

import httpx
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import Match


def build(fix: bool) -> FastAPI:
    app = FastAPI()

    @app.get("/v1/questions")
    async def list_questions() -> list[str]:
        return ["PHY-001"]

    @app.post("/v1/questions", status_code=201)
    async def create_question() -> dict[str, str]:
        return {"external_id": "PHY-901"}

    if fix:

        @app.exception_handler(HTTPException)
        async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
            headers = dict(exc.headers or {})
            if exc.status_code == 405:
                allowed: set[str] = set()
                for route in request.app.router.routes:
                    match, _ = route.matches({**request.scope, "method": "OPTIONS"})
                    if match is not Match.NONE:
                        allowed |= getattr(route, "methods", None) or set()
                headers["Allow"] = ", ".join(sorted(allowed))
            body = {"title": "Method Not Allowed", "status": exc.status_code}
            return JSONResponse(body, exc.status_code, headers, "application/problem+json")

    return app


async def allow_for(app: FastAPI, method: str) -> tuple[int, str]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as client:
        response = await client.request(method, "/v1/questions")
        return response.status_code, response.headers.get("allow", "-")


async def main() -> None:
    before = await allow_for(build(fix=False), "PUT")
    after = await allow_for(build(fix=True), "PUT")
    assert before == (405, "GET")  # incomplete: POST is allowed too
    assert after == (405, "GET, POST")
    print("PUT /v1/questions, default handler ->", *before)
    print("PUT /v1/questions, with the fix    ->", *after)
    # The fix only touches 405s: the methods that exist still work.
    assert (await allow_for(build(fix=True), "POST"))[0] == 201


if __name__ == "__main__":
    asyncio.run(main())
