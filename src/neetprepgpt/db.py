"""The declarative base, the metadata Alembic migrates, and column types both databases share."""

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, DateTime, Dialect, Enum, event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from servicekit.db import Database, is_sqlite, new_metadata


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always stored in UTC and always read back timezone-aware.

    PostgreSQL keeps the offset (`timestamptz`); SQLite keeps text without one, so the value is
    normalised to UTC on the way in and labelled UTC on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous; pass an aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = new_metadata()
    type_annotation_map = {datetime: UTCDateTime()}  # noqa: RUF012


def utcnow() -> datetime:
    return datetime.now(UTC)


def str_enum(cls: type[enum.StrEnum], name: str) -> Enum:
    """A portable enum column: VARCHAR plus a named CHECK constraint, not a native PG type."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.value) for member in cls),
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


# SQLite (WAL) lets readers run beside one writer. Concurrent writers go wrong two ways: a
# transaction that starts as a reader (BEGIN DEFERRED) and then writes fails at once if another
# writer committed meanwhile (its snapshot is stale; busy_timeout does not apply), and a writer
# that waits longer than busy_timeout fails too. So every transaction starts with an explicit
# BEGIN (the driver's implicit one is switched off), writers use BEGIN IMMEDIATE, and within
# one process they first queue on an asyncio lock (see `dependencies.get_write_session`).
IMMEDIATE = "sqlite_immediate"


def _driver_autocommit(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None


def _begin(connection: Connection) -> None:
    immediate = connection.get_execution_options().get(IMMEDIATE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def open_database(url: str, *, echo: bool = False) -> Database:
    """The shared kit's Database, plus explicit transaction control on SQLite."""
    database = Database(url, echo=echo)
    if is_sqlite(url):
        event.listen(database.engine.sync_engine, "connect", _driver_autocommit)
        event.listen(database.engine.sync_engine, "begin", _begin)
    return database


async def begin_writing(session: AsyncSession) -> None:
    """Start the session's transaction as a writer (a no-op outside SQLite)."""
    await session.connection(execution_options={IMMEDIATE: True})
