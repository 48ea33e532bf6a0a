"""Keyset paging on top of servicekit's cursors: one extra row tells whether a next page exists."""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from servicekit.pagination import InvalidCursor, decode_cursor, encode_cursor

RowT = TypeVar("RowT")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def cursor_after(cursor: str | None, sort: str, key_type: type[Any]) -> Any | None:
    """The sort key a cursor points after, checked to belong to the same sort order."""
    if cursor is None:
        return None
    key = decode_cursor(cursor, {"sort", "after"})
    if key["sort"] != sort or type(key["after"]) is not key_type:
        raise InvalidCursor("The cursor was issued for a different listing or sort order.")
    if isinstance(key["after"], str) and not key["after"].isprintable():
        raise InvalidCursor("The cursor is not one this API issued.")
    return key["after"]


def split_page(
    rows: Sequence[RowT], limit: int, sort: str, key: Callable[[RowT], Any]
) -> tuple[list[RowT], str | None]:
    """The page's rows and the next cursor; the query fetched `limit + 1` rows."""
    items = list(rows[:limit])
    if len(rows) <= limit:
        return items, None
    return items, encode_cursor({"sort": sort, "after": key(items[-1])})
