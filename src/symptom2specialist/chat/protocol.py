"""The chat protocol: JSON text frames in both directions, and what each close code means.

Client -> server: {"type": "message", "text": "..."} or {"type": "ping"}.
Server -> client: {"type": "ready" | "assessment" | "error" | "pong", ...}.

Close codes (RFC 6455):
- 1003 unsupported data: a binary frame.
- 1007 invalid payload: not JSON, not an object, or an unknown frame type.
- 1008 policy violation: unknown or expired conversation, or the conversation is full.
- 1009 message too big: a frame over the configured byte limit.
- 1001 going away: the chat was silent longer than the idle limit.
A message whose text is unusable (empty, only emoji, too long) gets an "error" frame instead:
the person can simply type again.
"""

import json
from enum import IntEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from symptom2specialist.conversations.schemas import ConversationView
from symptom2specialist.triage.schemas import MessageText, TriageResult, check_message_text


class CloseCode(IntEnum):
    NORMAL = 1000
    GOING_AWAY = 1001
    UNSUPPORTED_DATA = 1003
    INVALID_PAYLOAD = 1007
    POLICY_VIOLATION = 1008
    MESSAGE_TOO_BIG = 1009


class ProtocolError(Exception):
    def __init__(self, code: CloseCode, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason[:120]  # close reasons are limited to 123 bytes


class MessageFrame(BaseModel):
    type: Literal["message"]
    text: str


class PingFrame(BaseModel):
    type: Literal["ping"]


ClientFrame = Annotated[MessageFrame | PingFrame, Field(discriminator="type")]
_client_frame: TypeAdapter[MessageFrame | PingFrame] = TypeAdapter(ClientFrame)
_message_text: TypeAdapter[str] = TypeAdapter(MessageText)


class ReadyFrame(BaseModel):
    type: Literal["ready"] = "ready"
    conversation: ConversationView


class AssessmentFrame(BaseModel):
    type: Literal["assessment"] = "assessment"
    message_count: int
    assessment: TriageResult


class ErrorFrame(BaseModel):
    type: Literal["error"] = "error"
    code: str = Field(examples=["invalid_text"])
    detail: str


def parse_frame(text: str) -> MessageFrame | PingFrame:
    try:
        data: Any = json.loads(text)
    except ValueError as exc:
        raise ProtocolError(CloseCode.INVALID_PAYLOAD, "frames must be JSON") from exc
    try:
        return _client_frame.validate_python(data)
    except ValidationError as exc:
        raise ProtocolError(
            CloseCode.INVALID_PAYLOAD,
            'expected {"type": "message", "text": "..."} or {"type": "ping"}',
        ) from exc


def message_text_problem(text: str) -> str | None:
    """Why this text cannot be triaged, or None if it can."""
    try:
        check_message_text(_message_text.validate_python(text))
    except ValidationError as exc:
        return str(exc.errors()[0]["msg"])
    except ValueError as exc:
        return str(exc)
    return None
