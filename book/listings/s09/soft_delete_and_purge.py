"""Soft delete's classic trap and its fix; then a hard-delete retention purge, for real.

Part 1: a `deleted_at` column plus a plain UNIQUE on the natural key means a soft-deleted
question still owns its id, so the id can never be created again. A partial unique index
(only live rows) fixes it on SQLite and PostgreSQL alike.

Part 2: the Symptom2Specialist Bot keeps nothing past its retention window. Its real repository
deletes idle conversations in one statement, and the foreign key's ON DELETE CASCADE takes the
messages with them (servicekit turns SQLite's foreign keys on).
"""

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import Index, String, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from servicekit.db import Database
from symptom2specialist.conversations.models import Conversation, Message
from symptom2specialist.conversations.repository import ConversationRepository
from symptom2specialist.db import Base as BotBase

NOW = datetime(2026, 5, 3, 12, 0, tzinfo=UTC)
RETENTION = timedelta(hours=72)


class Base(DeclarativeBase):
    pass


class NaiveQuestion(Base):
    __tablename__ = "naive_questions"
    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(16), unique=True)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)


class Question(Base):
    __tablename__ = "questions"
    __table_args__ = (
        Index(
            "uq_questions_live_external_id",
            "external_id",
            unique=True,
            sqlite_where=text("deleted_at IS NULL"),
            postgresql_where=text("deleted_at IS NULL"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(16))
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)


async def recreate_after_soft_delete(
    connection: AsyncConnection, model: type[NaiveQuestion] | type[Question]
) -> str:
    await connection.execute(insert(model).values(external_id="BOT-042"))
    await connection.execute(update(model).values(deleted_at=NOW))  # the "delete"
    try:
        async with connection.begin_nested():
            await connection.execute(insert(model).values(external_id="BOT-042"))
    except IntegrityError:
        return "refused: the deleted row still owns the id"
    return "created again"


async def main() -> None:
    database = Database("sqlite+aiosqlite:///:memory:")
    async with database.engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
        await connection.run_sync(BotBase.metadata.create_all)
        outcomes = {}
        for model in (NaiveQuestion, Question):
            outcomes[model] = await recreate_after_soft_delete(connection, model)
            print(f"{model.__tablename__:16} re-create BOT-042: {outcomes[model]}")
        assert outcomes == {
            NaiveQuestion: "refused: the deleted row still owns the id",
            Question: "created again",
        }

    async with database.sessions() as session:
        for name, idle_hours in (("fresh", 1), ("stale", 80), ("ancient", 400)):
            moment = NOW - timedelta(hours=idle_hours)
            session.add(Conversation(id=name, created_at=moment, updated_at=moment))
            for position in range(3):
                session.add(
                    Message(conversation_id=name, position=position, text="...", created_at=moment)
                )
        await session.commit()

        deleted = await ConversationRepository(session).delete_untouched_since(NOW - RETENTION)
        await session.commit()
        left = (await session.scalars(select(Conversation.id))).all()
        messages = await session.scalar(select(func.count()).select_from(Message))
        hours = RETENTION.total_seconds() // 3600
        print(f"purge idle > {hours:.0f} h: {deleted} conversations deleted, left {list(left)}")
        print(f"messages left: {messages} (the cascade removed the rest)")
        assert deleted == 2
        assert list(left) == ["fresh"]
        assert messages == 3
    await database.dispose()


if __name__ == "__main__":
    asyncio.run(main())
