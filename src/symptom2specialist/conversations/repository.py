"""All SQL for conversations. No commits here: the service owns the transaction."""

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from symptom2specialist.conversations.models import Conversation, Message


class ConversationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, conversation: Conversation) -> None:
        self.session.add(conversation)

    async def get(self, conversation_id: str) -> Conversation | None:
        return await self.session.get(Conversation, conversation_id)

    async def messages(self, conversation_id: str) -> list[Message]:
        query = (
            select(Message)
            .where(Message.conversation_id == conversation_id)
            .order_by(Message.position)
        )
        return list((await self.session.scalars(query)).all())

    async def message_count(self, conversation_id: str) -> int:
        query = select(func.count()).where(Message.conversation_id == conversation_id)
        return int((await self.session.execute(query)).scalar_one())

    def add_message(self, message: Message) -> None:
        self.session.add(message)

    async def delete(self, conversation_id: str) -> bool:
        result = await self.session.execute(
            delete(Conversation).where(Conversation.id == conversation_id)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def delete_untouched_since(self, cutoff: datetime) -> int:
        """Delete conversations (and, by cascade, their messages) idle since `cutoff`."""
        result = await self.session.execute(
            delete(Conversation).where(Conversation.updated_at < cutoff)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
