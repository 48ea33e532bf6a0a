"""Conversation rules: retention, message limits and the refined answer. Owns the commit."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from symptom2specialist.conversations.errors import (
    ConcurrentMessage,
    ConversationFull,
    ConversationNotFound,
)
from symptom2specialist.conversations.models import Conversation, Message
from symptom2specialist.conversations.repository import ConversationRepository
from symptom2specialist.conversations.schemas import (
    ConversationCreate,
    ConversationView,
    MessageView,
)
from symptom2specialist.triage.engine import TriageInput
from symptom2specialist.triage.schemas import TriageResult
from symptom2specialist.triage.service import TriageService
from symptom2specialist.urgency.rules import Duration


def now() -> datetime:
    return datetime.now(UTC)


class ConversationService:
    def __init__(
        self,
        session: AsyncSession,
        triage: TriageService,
        *,
        retention: timedelta,
        max_messages: int,
    ) -> None:
        self.session = session
        self.repository = ConversationRepository(session)
        self.triage = triage
        self.retention = retention
        self.max_messages = max_messages

    async def create(self, request: ConversationCreate) -> ConversationView:
        moment = now()
        conversation = Conversation(
            id=uuid.uuid4().hex,
            age=request.age,
            sex=request.sex,
            duration=request.duration,
            created_at=moment,
            updated_at=moment,
        )
        self.repository.add(conversation)
        messages: list[Message] = []
        if request.text is not None:
            messages.append(self._message(conversation.id, 0, request.text, moment))
        assessment = await self._assess(conversation, messages)
        await self.session.commit()
        return self._view(conversation, messages, assessment)

    async def get(self, conversation_id: str) -> ConversationView:
        conversation = await self._live(conversation_id)
        messages = await self.repository.messages(conversation_id)
        return self._view(conversation, messages, await self._assess(conversation, messages))

    async def add_message(self, conversation_id: str, text: str) -> ConversationView:
        conversation = await self._live(conversation_id)
        messages = await self.repository.messages(conversation_id)
        if len(messages) >= self.max_messages:
            raise ConversationFull(
                f"A conversation holds at most {self.max_messages} messages; start a new one."
            )
        moment = now()
        messages.append(self._message(conversation_id, len(messages), text, moment))
        conversation.updated_at = moment
        assessment = await self._assess(conversation, messages)
        try:
            await self.session.commit()
        except IntegrityError as exc:  # another message took this position first
            await self.session.rollback()
            raise ConcurrentMessage("Another message arrived at the same time; resend.") from exc
        return self._view(conversation, messages, assessment)

    async def delete(self, conversation_id: str) -> None:
        if not await self.repository.delete(conversation_id):
            raise ConversationNotFound(f"Conversation {conversation_id!r} does not exist.")
        await self.session.commit()

    async def purge_expired(self) -> int:
        deleted = await self.repository.delete_untouched_since(now() - self.retention)
        await self.session.commit()
        return deleted

    # -- helpers ---------------------------------------------------------------------------

    async def _live(self, conversation_id: str) -> Conversation:
        conversation = await self.repository.get(conversation_id)
        if conversation is None or conversation.updated_at + self.retention <= now():
            # Expired but not yet purged is treated exactly like deleted.
            raise ConversationNotFound(
                f"Conversation {conversation_id!r} does not exist or has expired."
            )
        return conversation

    def _message(self, conversation_id: str, position: int, text: str, at: datetime) -> Message:
        message = Message(
            conversation_id=conversation_id, position=position, text=text, created_at=at
        )
        self.repository.add_message(message)
        return message

    async def _assess(
        self, conversation: Conversation, messages: list[Message]
    ) -> TriageResult | None:
        if not messages:
            return None
        # One message per line: a sentence boundary, so negations and phrase gaps never
        # reach from one message into the next.
        text = "\n".join(message.text for message in messages)
        duration: Duration | None = conversation.duration  # type: ignore[assignment]
        return await self.triage.assess(
            TriageInput(text=text, age=conversation.age, sex=conversation.sex, duration=duration)
        )

    def _view(
        self, conversation: Conversation, messages: list[Message], assessment: TriageResult | None
    ) -> ConversationView:
        return ConversationView(
            id=conversation.id,
            age=conversation.age,
            sex=conversation.sex,
            duration=conversation.duration,
            created_at=conversation.created_at,
            expires_at=conversation.updated_at + self.retention,
            messages=[
                MessageView(position=m.position, text=m.text, created_at=m.created_at)
                for m in messages
            ],
            assessment=assessment,
        )
