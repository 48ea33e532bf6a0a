"""Hostile input against the real Symptom2Specialist app (lifespan run: migrations, model).

Every refusal is a 4xx problem-details body that names the field; nothing reaches the
red-flag rules or the classifier unless it is text a person could have typed.
"""

import asyncio
import tempfile
from pathlib import Path
from typing import Any

import httpx

from symptom2specialist.config import Settings
from symptom2specialist.main import create_app

CASES: list[tuple[str, dict[str, Any]]] = [
    ("emoji only", {"text": "😷🤒🤕"}),
    ("digits only", {"text": "102 102 102"}),
    ("20,000 characters", {"text": "pain " * 4000}),
    ("NUL inside", {"text": "fever\u0000 since morning"}),
    ("age as a string", {"text": "fever since morning", "age": "30"}),
    ("age as 30.0", {"text": "fever since morning", "age": 30.0}),
    ("age 130", {"text": "fever since morning", "age": 130}),
    ("unknown sex", {"text": "fever since morning", "sex": "x"}),
    ("extra field", {"text": "fever since morning", "name": "Asha"}),
]


def summary(response: httpx.Response) -> str:
    body = response.json()
    issues = body.get("errors") or [{"location": "-", "type": body["title"]}]
    return "; ".join(f"{i['location']} {i['type']}" for i in issues)


async def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(data_dir=Path(data_dir), environment="test", log_level="WARNING")
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://s2s.test") as c:
                await probe(c)


async def probe(client: httpx.AsyncClient) -> None:
    for label, body in CASES:
        response = await client.post("/v1/triage", json=body)
        print(f"{label:<18} {response.status_code} {summary(response)}")
        assert response.status_code == 422

    binary = bytes(range(256)) * 8
    response = await client.post(
        "/v1/triage", content=binary, headers={"content-type": "application/octet-stream"}
    )
    print(f"{'binary upload':<18} {response.status_code} {response.json()['detail']}")
    assert response.status_code == 415

    as_json = {"content-type": "application/json"}
    response = await client.post("/v1/triage", content=b"{not json", headers=as_json)
    print(f"{'broken JSON':<18} {response.status_code} {summary(response)}")
    assert response.status_code == 422
    # Bytes that are not even text (a UTF-16 byte-order mark, then junk): FastAPI's 400.
    response = await client.post("/v1/triage", content=b"\xff\xfe{not json", headers=as_json)
    print(f"{'undecodable bytes':<18} {response.status_code} {response.json()['detail']}")
    assert response.status_code == 400

    response = await client.post("/v1/triage", content=b"x" * 2_000_000)
    print(f"{'2 MB body':<18} {response.status_code} {response.json()['detail']}")
    assert response.status_code == 413

    fine = {"text": "Seene me dard aur pasina aa raha hai!!", "age": 54, "sex": "male"}
    result = (await client.post("/v1/triage", json=fine)).json()
    print(f"{'Hinglish, valid':<18} 200 emergency={result['emergency']} level={result['level']}")
    assert result["emergency"] is True


if __name__ == "__main__":
    asyncio.run(main())
