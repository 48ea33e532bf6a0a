"""The Symptom2Specialist Bot's HTTP contract, exercised on the real app.

Triage is a POST that changes nothing (two identical calls, two identical answers); a
conversation is a resource with a lifecycle; the chat is the same resource over a WebSocket.
"""

import re
import tempfile
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from symptom2specialist.config import Settings
from symptom2specialist.main import create_app

CHEST_PAIN: dict[str, Any] = {
    "text": "crushing chest pain going to my left arm, sweating a lot",
    "age": 54,
}
RASH: dict[str, Any] = {"text": "itchy red rash on both arms for a week", "age": 30}


def show(response: Any, note: str = "") -> None:
    """Print one exchange; any conversation id is shown as {id} so the output is stable."""
    request = response.request
    path = re.sub(r"[0-9a-f]{32}", "{id}", request.url.path)
    print(f"{request.method:<6} {path:<36} -> {response.status_code} {note}".rstrip())


def tour(client: TestClient) -> None:
    first = client.post("/v1/triage", json=CHEST_PAIN)
    second = client.post("/v1/triage", json=CHEST_PAIN)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()  # same input, same answer: no state was changed
    assert first.json()["emergency"] is True
    show(first, f"emergency, level {first.json()['level']}")
    rash = client.post("/v1/triage", json=RASH)
    assert rash.json()["emergency"] is False
    assert rash.json()["specialists"]
    show(rash, "not an emergency: specialists suggested")

    as_get = client.get("/v1/triage", params={"text": RASH["text"]})
    assert as_get.status_code == 405
    assert as_get.headers["allow"] == "POST"
    show(as_get, "Allow: POST")
    as_text = client.post(
        "/v1/triage", content=RASH["text"], headers={"Content-Type": "text/plain"}
    )
    assert as_text.status_code == 415
    assert as_text.headers["content-type"] == "application/problem+json"
    show(as_text, as_text.json()["title"])
    empty = client.post("/v1/triage", json={"text": ""})
    assert empty.status_code == 422
    show(empty, empty.json()["errors"][0]["location"])

    created = client.post("/v1/conversations", json={"age": 30, "text": "cough and fever"})
    conversation = created.json()
    url = f"/v1/conversations/{conversation['id']}"
    assert created.status_code == 201
    assert len(conversation["messages"]) == 1
    show(created, "a conversation with 1 message")
    added = client.post(f"{url}/messages", json={"text": "now my ear hurts too"})
    assert added.status_code == 201
    assert len(added.json()["messages"]) == 2
    show(added, "2 messages, the answer recomputed over both")

    with client.websocket_connect(f"{url}/chat") as socket:
        ready = socket.receive_json()
        socket.send_json({"type": "message", "text": "and a mild headache"})
        answer = socket.receive_json()
    assert ready["type"] == "ready"
    assert answer["type"] == "assessment"
    assert answer["message_count"] == 3
    print(f"{'WS':<6} {'/v1/conversations/{id}/chat':<36} -> ready, then an assessment of 3")

    erased = client.delete(url)
    assert erased.status_code == 204
    show(erased, "erased now, not at expiry")
    after = client.get(url)
    assert after.status_code == 404
    show(after, after.json()["title"])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(data_dir=Path(folder), environment="test", log_level="ERROR")
        with TestClient(create_app(settings)) as client:
            tour(client)


if __name__ == "__main__":
    main()
