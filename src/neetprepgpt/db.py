"""The declarative base, the metadata Alembic migrates, and column types both databases share."""

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, Enum
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from servicekit.db import new_metadata


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
