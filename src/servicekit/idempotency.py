"""The generic parts of `Idempotency-Key` (IETF draft-ietf-httpapi-idempotency-key-header).

A client that may retry a POST sends a unique key; the server stores the first response under
(scope, operation, key) together with a fingerprint of the request, and answers a retry with
the stored response instead of doing the work again. The same key with a different request is
a client error (422). Storage belongs to each service (its own table and migration); this
module holds the header's shape, the fingerprint, the error and the retention period.
"""

import hashlib
from datetime import timedelta
from typing import Annotated

from fastapi import Header
from pydantic import BaseModel

from servicekit.problems import Unprocessable

RETENTION = timedelta(hours=24)
REPLAYED_HEADER = "Idempotent-Replayed"

# Printable ASCII without spaces, optionally quoted as a structured-field string ("...").
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=130,
        pattern=r'^"?[!#-~]{1,128}"?$',
        description="Retry-safe creation: the same key and body return the first response.",
        examples=['"8e03978e-40d5-43e8-bc93-6894a57f9324"'],
    ),
]


def normalise_key(raw: str) -> str:
    """The key without the structured-field quotes, so `"k"` and `k` are the same key."""
    return raw[1:-1] if len(raw) >= 2 and raw[0] == raw[-1] == '"' else raw.strip('"')


def fingerprint(operation: str, body: BaseModel) -> str:
    """A digest of what was asked: the operation and the validated body, canonically dumped."""
    canonical = operation.encode() + b"\n" + body.model_dump_json().encode()
    return hashlib.sha256(canonical).hexdigest()


class IdempotencyKeyReused(Unprocessable):
    slug = "idempotency-key-reused"
    title = "Idempotency Key Reused"
