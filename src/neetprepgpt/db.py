"""The declarative base, the metadata Alembic migrates, and column types both databases share."""

import enum
from datetime import UTC, datetime

from sqlalchemy import Enum
from sqlalchemy.orm import DeclarativeBase

from servicekit.db import Database, new_metadata
from servicekit.sqlite import begin_writing, writing
from servicekit.types import UTCDateTime

# Re-exported: older listings and scripts import these from here.
__all__ = ["Base", "UTCDateTime", "begin_writing", "open_database", "str_enum", "utcnow", "writing"]


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


def open_database(
    url: str, *, echo: bool = False, pool_timeout: float = 10.0, busy_timeout_ms: int = 5000
) -> Database:
    """The shared kit's Database with explicit transactions and the write gate on SQLite
    (see `servicekit.sqlite`); services wrap each write in `async with writing(session):`."""
    return Database(
        url,
        echo=echo,
        pool_timeout=pool_timeout,
        busy_timeout_ms=busy_timeout_ms,
        explicit_transactions=True,
    )
