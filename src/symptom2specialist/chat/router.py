"""WebSocket chat for one conversation. Each message is saved, then answered."""

import anyio
import structlog
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from symptom2specialist.chat.protocol import (
    AssessmentFrame,
    CloseCode,
    ErrorFrame,
    MessageFrame,
    ProtocolError,
    ReadyFrame,
    message_text_problem,
    parse_frame,
)
from symptom2specialist.conversations.errors import (
    ConcurrentMessage,
    ConversationFull,
    ConversationNotFound,
)
from symptom2specialist.conversations.schemas import ConversationView
from symptom2specialist.dependencies import RuntimeDep
from symptom2specialist.runtime import Runtime

router = APIRouter(tags=["chat"])
log = structlog.get_logger("symptom2specialist.chat")


async def _receive_text(websocket: WebSocket, limit: int, idle: float) -> str | None:
    """The next text frame, None on disconnect; ProtocolError for binary or oversized frames."""
    with anyio.move_on_after(idle) as waiting:
        message = await websocket.receive()
    if waiting.cancelled_caught:
        raise ProtocolError(CloseCode.GOING_AWAY, "closed after a long silence")
    if message["type"] == "websocket.disconnect":
        return None
    if message.get("bytes") is not None:
        raise ProtocolError(CloseCode.UNSUPPORTED_DATA, "binary frames are not supported")
    text: str = message.get("text") or ""
    if len(text.encode("utf-8", errors="surrogatepass")) > limit:
        raise ProtocolError(CloseCode.MESSAGE_TOO_BIG, f"frames are limited to {limit} bytes")
    return text


async def _view(runtime: Runtime, conversation_id: str) -> ConversationView:
    async with runtime.database.sessions() as session:
        return await runtime.conversations(session).get(conversation_id)


async def _append(runtime: Runtime, conversation_id: str, text: str) -> ConversationView:
    # A fresh session per message: a long-lived socket never holds a transaction open.
    # Closing the session rolls back anything the service did not commit.
    async with runtime.database.sessions() as session:
        return await runtime.conversations(session).add_message(conversation_id, text)


@router.websocket("/v1/conversations/{conversation_id}/chat")
async def chat(websocket: WebSocket, conversation_id: str, runtime: RuntimeDep) -> None:
    await websocket.accept()
    try:
        view = await _view(runtime, conversation_id)
    except ConversationNotFound:
        await websocket.close(CloseCode.POLICY_VIOLATION, "unknown or expired conversation")
        return
    await websocket.send_text(ReadyFrame(conversation=view).model_dump_json())
    try:
        await _converse(websocket, runtime, conversation_id)
    except ProtocolError as error:
        log.info("chat_closed", code=int(error.code), reason=error.reason)
        await websocket.close(error.code, error.reason)
    except WebSocketDisconnect:
        return


async def _converse(websocket: WebSocket, runtime: Runtime, conversation_id: str) -> None:
    limit = runtime.settings.max_frame_bytes
    idle = runtime.settings.chat_idle_seconds
    while (raw := await _receive_text(websocket, limit, idle)) is not None:
        frame = parse_frame(raw)
        if not isinstance(frame, MessageFrame):
            await websocket.send_text('{"type":"pong"}')
            continue
        problem = message_text_problem(frame.text)
        if problem is not None:
            error = ErrorFrame(code="invalid_text", detail=f"text {problem}")
            await websocket.send_text(error.model_dump_json())
            continue
        try:
            view = await _append(runtime, conversation_id, frame.text)
        except ConversationNotFound as exc:
            raise ProtocolError(CloseCode.POLICY_VIOLATION, "conversation expired") from exc
        except ConversationFull as exc:
            raise ProtocolError(CloseCode.POLICY_VIOLATION, "conversation is full") from exc
        except ConcurrentMessage as exc:
            await websocket.send_text(ErrorFrame(code="retry", detail=exc.detail).model_dump_json())
            continue
        assert view.assessment is not None  # a message was just added
        answer = AssessmentFrame(message_count=len(view.messages), assessment=view.assessment)
        await websocket.send_text(answer.model_dump_json())
