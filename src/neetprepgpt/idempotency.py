"""Stored responses for `Idempotency-Key` retries (the generic rules are in the kit).

A key is scoped to its caller (the candidate) and to one operation, and kept for 24 hours.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Index, String, Text, UniqueConstraint, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from neetprepgpt.db import Base
from servicekit.idempotency import RETENTION, IdempotencyKeyReused


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (
        UniqueConstraint("scope", "operation", "key", name="uq_idempotency_keys_scope_key"),
        Index("ix_idempotency_keys_expires_at", "expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(64))
    operation: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(128))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int]
    location: Mapped[str] = mapped_column(String(512))
    response: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]


@dataclass(frozen=True)
class StoredResponse:
    status_code: int
    location: str
    body: str
    replayed: bool = False  # True when it comes from the store, not from doing the work


async def find(
    session: AsyncSession, scope: str, operation: str, key: str, request_hash: str, now: datetime
) -> StoredResponse | None:
    """The response stored for this key, if any and still fresh; 422 if it was another request.

    Expired records of this scope are purged on the way, so the table stays small.
    """
    await session.execute(
        delete(IdempotencyRecord).where(
            IdempotencyRecord.scope == scope, IdempotencyRecord.expires_at <= now
        )
    )
    query = select(IdempotencyRecord).where(
        IdempotencyRecord.scope == scope,
        IdempotencyRecord.operation == operation,
        IdempotencyRecord.key == key,
    )
    record = await session.scalar(query)
    if record is None:
        return None
    if record.request_hash != request_hash:
        raise IdempotencyKeyReused(
            "This Idempotency-Key was already used with a different request; use a new key."
        )
    return StoredResponse(record.status_code, record.location, record.response, replayed=True)


def remember(
    session: AsyncSession,
    scope: str,
    operation: str,
    key: str,
    request_hash: str,
    now: datetime,
    response: StoredResponse,
) -> None:
    """Store the response in the caller's transaction: it commits with the work, or not at all."""
    session.add(
        IdempotencyRecord(
            scope=scope,
            operation=operation,
            key=key,
            request_hash=request_hash,
            status_code=response.status_code,
            location=response.location,
            response=response.body,
            created_at=now,
            expires_at=now + RETENTION,
        )
    )
