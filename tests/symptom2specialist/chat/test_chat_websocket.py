"""Chat over WebSocket: the flow, and a clear close code for every kind of bad frame."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from symptom2specialist.chat.protocol import CloseCode
from symptom2specialist.config import Settings
from symptom2specialist.main import create_app


@pytest.fixture(scope="module")
def chat_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("chat"), max_messages=2, max_frame_bytes=4096
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def new_conversation(client: TestClient, **body: object) -> str:
    conversation_id: str = client.post("/v1/conversations", json=body).json()["id"]
    return conversation_id


def url(conversation_id: str) -> str:
    return f"/v1/conversations/{conversation_id}/chat"


def closed_with(
    client: TestClient, conversation_id: str, frame: str | bytes
) -> WebSocketDisconnect:
    with client.websocket_connect(url(conversation_id)) as socket:
        assert socket.receive_json()["type"] == "ready"
        if isinstance(frame, bytes):
            socket.send_bytes(frame)
        else:
            socket.send_text(frame)
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    return closed.value


def test_chat_flow_saves_and_refines(chat_client: TestClient) -> None:
    conversation_id = new_conversation(chat_client, age=60)
    with chat_client.websocket_connect(url(conversation_id)) as socket:
        ready = socket.receive_json()
        assert ready["conversation"]["id"] == conversation_id
        socket.send_json({"type": "ping"})
        assert socket.receive_json() == {"type": "pong"}
        socket.send_json({"type": "message", "text": "pressure in my chest"})
        first = socket.receive_json()
        assert first["type"] == "assessment"
        assert first["message_count"] == 1
        assert first["assessment"]["emergency"] is False
        socket.send_json({"type": "message", "text": "and cold sweat now"})
        second = socket.receive_json()
        assert second["assessment"]["emergency"] is True
        assert second["assessment"]["disclaimer"]
    saved = chat_client.get(f"/v1/conversations/{conversation_id}").json()
    assert len(saved["messages"]) == 2


def test_unusable_text_gets_an_error_frame_and_the_chat_goes_on(chat_client: TestClient) -> None:
    conversation_id = new_conversation(chat_client)
    with chat_client.websocket_connect(url(conversation_id)) as socket:
        socket.receive_json()
        for text in ("", "😀😀", "x" * 2500):
            socket.send_json({"type": "message", "text": text})
            error = socket.receive_json()
            assert error["type"] == "error"
            assert error["code"] == "invalid_text"
        socket.send_json({"type": "message", "text": "toothache"})
        assert socket.receive_json()["type"] == "assessment"


def test_binary_frame_closes_1003(chat_client: TestClient) -> None:
    closed = closed_with(chat_client, new_conversation(chat_client), b"\x00\x01\x02")
    assert closed.code == 1003


@pytest.mark.parametrize(
    "frame",
    ["not json", "[1, 2]", '{"type": "message"}', '{"type": "shout", "text": "hi"}', '{"text": 5}'],
)
def test_invalid_payload_closes_1007(chat_client: TestClient, frame: str) -> None:
    closed = closed_with(chat_client, new_conversation(chat_client), frame)
    assert closed.code == 1007


def test_oversized_frame_closes_1009(chat_client: TestClient) -> None:
    frame = '{"type": "message", "text": "' + "a" * 5000 + '"}'
    closed = closed_with(chat_client, new_conversation(chat_client), frame)
    assert closed.code == 1009


def test_unknown_conversation_closes_1008(chat_client: TestClient) -> None:
    with (
        chat_client.websocket_connect(url("f" * 32)) as socket,
        pytest.raises(WebSocketDisconnect) as closed,
    ):
        socket.receive_json()
    assert closed.value.code == 1008


def test_full_conversation_closes_1008(chat_client: TestClient) -> None:
    conversation_id = new_conversation(chat_client, text="cough")
    with chat_client.websocket_connect(url(conversation_id)) as socket:
        socket.receive_json()
        socket.send_json({"type": "message", "text": "fever too"})
        assert socket.receive_json()["type"] == "assessment"
        socket.send_json({"type": "message", "text": "and a headache"})
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 1008


def test_close_codes_are_the_rfc_6455_values() -> None:
    assert [int(code) for code in CloseCode] == [1000, 1001, 1003, 1007, 1008, 1009]


def test_silent_chat_is_closed_1001(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, chat_idle_seconds=0.2)
    with TestClient(create_app(settings)) as client:
        conversation_id = new_conversation(client)
        with client.websocket_connect(url(conversation_id)) as socket:
            assert socket.receive_json()["type"] == "ready"
            with pytest.raises(WebSocketDisconnect) as closed:
                socket.receive_json()  # say nothing
    assert closed.value.code == 1001
