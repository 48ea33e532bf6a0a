"""Request and response bodies for conversations."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from symptom2specialist.triage.schemas import (
    Age,
    MessageText,
    Sex,
    TriageResult,
    check_message_text,
)
from symptom2specialist.urgency.rules import Duration


class ConversationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    age: Age | None = None
    sex: Sex | None = None
    duration: Duration | None = None
    text: MessageText | None = Field(default=None, description="An optional first message.")

    @field_validator("text")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return None if value is None else check_message_text(value)


class MessageCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: MessageText

    _text = field_validator("text")(check_message_text)


class MessageView(BaseModel):
    position: int
    text: str
    created_at: datetime


class ConversationView(BaseModel):
    id: str = Field(description="Keep it private: whoever has the id can read the conversation.")
    age: int | None
    sex: Sex | None
    duration: Duration | None
    created_at: datetime
    expires_at: datetime = Field(description="Deleted after this unless another message arrives.")
    messages: list[MessageView]
    assessment: TriageResult | None = Field(
        description="The answer for all messages so far; null until the first message."
    )
