"""Why the shared kit's 422 handler does not echo the input: binary bytes sent to a JSON
endpoint crash FastAPI's default handler (a 500), while the kit answers with a clean 422.
"""

import asyncio

import httpx
from fastapi import FastAPI
from pydantic import BaseModel

from servicekit.problems import install_problem_handlers


class MessageCreate(BaseModel):
    text: str


def build(with_kit: bool) -> FastAPI:
    app = FastAPI()
    if with_kit:
        install_problem_handlers(app)

    @app.post("/v1/messages")
    async def add_message(body: MessageCreate) -> MessageCreate:
        return body

    return app


async def post_binary(app: FastAPI) -> httpx.Response:
    # raise_app_exceptions=False: see the 500 a real client would get, not the traceback.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://s2s.test") as client:
        binary = bytes(range(256))  # not JSON, not even UTF-8
        headers = {"content-type": "application/octet-stream"}
        return await client.post("/v1/messages", content=binary, headers=headers)


async def main() -> None:
    default = await post_binary(build(with_kit=False))
    print("FastAPI's default handler:", default.status_code, default.text[:40])
    assert default.status_code == 500  # it tried to put the bytes in the error as text

    kit = await post_binary(build(with_kit=True))
    issue = kit.json()["errors"][0]
    print("the kit's handler:        ", kit.status_code, kit.headers["content-type"])
    print("   ", issue["location"], issue["type"], "-", issue["message"])
    assert kit.status_code == 422
    assert "input" not in issue  # the offending bytes are never sent back


if __name__ == "__main__":
    asyncio.run(main())
