"""Opaque cursors for keyset pagination: stable under inserts, no OFFSET scans.

A cursor encodes the sort key of the last row a client saw. The next page starts strictly after
it, so rows inserted meanwhile never shift or repeat what the client already has.
"""

import base64
import binascii
import json
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from servicekit.problems import BadRequest

ItemT = TypeVar("ItemT")


class InvalidCursor(BadRequest):
    slug = "invalid-cursor"
    title = "Invalid Cursor"


class Page(BaseModel, Generic[ItemT]):
    """One page of a collection and the cursor of the next, if there is one."""

    items: list[ItemT]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page.")


def encode_cursor(key: dict[str, Any]) -> str:
    raw = json.dumps(key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, expected_keys: set[str]) -> dict[str, Any]:
    """The key inside a cursor, or `InvalidCursor` (400) if it was forged or mangled."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursor("The cursor is not one this API issued.") from exc
    if not isinstance(key, dict) or set(key) != expected_keys:
        raise InvalidCursor("The cursor does not belong to this listing or sort order.")
    return key
