"""Idempotency keys for POST: a retried create makes one resource and gets the same answer.

A complete FastAPI app with a SQLite store, following the IETF httpapi draft
"The Idempotency-Key HTTP Header Field": a missing key is 400, the same key with a different
body is 422, a retry while the first request is still running is 409, and a retry after it
finished replays the stored status, headers and body. Keys are scoped to the client.
"""

import asyncio
import hashlib
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import httpx
from fastapi import FastAPI, Header, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

KEY_TTL = timedelta(hours=24)  # published to clients: a key is remembered this long
LEASE = timedelta(seconds=30)  # a claim older than this is presumed dead (the worker crashed)
PROBLEM = "application/problem+json"

Key = Annotated[str | None, Header(alias="Idempotency-Key", min_length=8, max_length=255)]
Candidate = Annotated[str, Header(alias="X-Candidate-Id", pattern=r"^[A-Za-z0-9_.@-]{1,64}$")]


class AttemptCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    paper_id: int = Field(gt=0)


def problem(status: int, title: str, detail: str) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


class IdempotencyStore:
    """Remembers, per (client, key), the request's fingerprint and the response it got."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        db.execute(
            "CREATE TABLE idempotency_keys ("
            " client TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
            " claimed_at TEXT NOT NULL, status INTEGER, headers TEXT, body BLOB,"
            " PRIMARY KEY (client, key))"
        )

    def claim(self, client: str, key: str, fingerprint: str, now: datetime) -> sqlite3.Row | None:
        """Claim the key; None if we own it now, else the row someone else stored first."""
        with self.db:  # one transaction: the unique key settles any race
            self.db.execute(
                "DELETE FROM idempotency_keys WHERE client = ? AND key = ?"
                " AND ((status IS NULL AND claimed_at < ?) OR claimed_at < ?)",
                (client, key, (now - LEASE).isoformat(), (now - KEY_TTL).isoformat()),
            )
            inserted = self.db.execute(
                "INSERT INTO idempotency_keys (client, key, fingerprint, claimed_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (client, key, fingerprint, now.isoformat()),
            )
            if inserted.rowcount == 1:
                return None
            row: sqlite3.Row = self.db.execute(
                "SELECT * FROM idempotency_keys WHERE client = ? AND key = ?", (client, key)
            ).fetchone()
            return row

    def release(self, client: str, key: str) -> None:
        with self.db:
            self.db.execute(
                "DELETE FROM idempotency_keys WHERE client = ? AND key = ?", (client, key)
            )


def fingerprint(request: Request, body: BaseModel) -> str:
    canonical = json.dumps(body.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{request.method} {request.url.path} {canonical}".encode()).hexdigest()


def replay(row: sqlite3.Row) -> Response:
    headers = json.loads(row["headers"]) | {"Idempotent-Replayed": "true"}
    return Response(row["body"], status_code=row["status"], headers=headers)


def create_app(work_seconds: float = 0.0) -> FastAPI:
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.row_factory = sqlite3.Row
    db.execute("CREATE TABLE attempts (id INTEGER PRIMARY KEY, candidate TEXT, paper_id INT)")
    store = IdempotencyStore(db)
    app = FastAPI()
    app.state.db = db

    @app.post("/v1/attempts", status_code=201)
    async def start_attempt(
        body: AttemptCreate,
        request: Request,
        candidate: Candidate,
        key: Key = None,
    ) -> Response:
        if key is None:
            return problem(400, "Idempotency Key Required", "Send an Idempotency-Key header.")
        seen = store.claim(candidate, key, fingerprint(request, body), datetime.now(UTC))
        if seen is not None:
            if seen["fingerprint"] != fingerprint(request, body):
                return problem(
                    422, "Idempotency Key Reused", "This key was sent with another body."
                )
            if seen["status"] is None:
                return problem(409, "Request In Progress", "The first request is still running.")
            return replay(seen)
        try:
            await asyncio.sleep(work_seconds)  # stands in for real work (a slow database, say)
            # The effect and the stored response are written in ONE transaction: either both
            # exist or neither does, so a crash can never leave a resource without its record.
            with db:
                created = db.execute(
                    "INSERT INTO attempts (candidate, paper_id) VALUES (?, ?)",
                    (candidate, body.paper_id),
                )
                attempt: dict[str, Any] = {"id": created.lastrowid, "paper_id": body.paper_id}
                payload = json.dumps(attempt).encode()
                headers = {"Location": f"/v1/attempts/{attempt['id']}"}
                db.execute(
                    "UPDATE idempotency_keys SET status = 201, headers = ?, body = ?"
                    " WHERE client = ? AND key = ?",
                    (json.dumps(headers), payload, candidate, key),
                )
        except BaseException:
            store.release(candidate, key)  # nothing was done: let a retry run it again
            raise
        return Response(payload, status_code=201, headers=headers, media_type="application/json")

    return app


async def main() -> None:
    app = create_app(work_seconds=0.05)
    db: sqlite3.Connection = app.state.db
    transport = httpx.ASGITransport(app=app)
    me = {"X-Candidate-Id": "cand-42"}

    def count() -> int:
        return int(db.execute("SELECT count(*) FROM attempts").fetchone()[0])

    async with httpx.AsyncClient(transport=transport, base_url="http://neet.test") as client:
        missing = await client.post("/v1/attempts", json={"paper_id": 1}, headers=me)
        assert missing.status_code == 400
        print("no key                      ->", missing.status_code, missing.json()["title"])

        headers = me | {"Idempotency-Key": "9f1c2a7e-start-paper-1"}
        first = await client.post("/v1/attempts", json={"paper_id": 1}, headers=headers)
        retry = await client.post("/v1/attempts", json={"paper_id": 1}, headers=headers)
        assert first.status_code == retry.status_code == 201
        assert first.content == retry.content
        assert first.headers["location"] == retry.headers["location"]
        assert retry.headers["idempotent-replayed"] == "true"
        assert count() == 1
        print(
            "first                       ->",
            first.status_code,
            first.json(),
            "Location:",
            first.headers["location"],
        )
        print("retry, same key and body    ->", retry.status_code, retry.json(), "(replayed)")

        changed = await client.post("/v1/attempts", json={"paper_id": 2}, headers=headers)
        assert changed.status_code == 422
        assert count() == 1
        print("same key, different body    ->", changed.status_code, changed.json()["title"])

        theirs = {"X-Candidate-Id": "cand-77", "Idempotency-Key": "9f1c2a7e-start-paper-1"}
        other = await client.post("/v1/attempts", json={"paper_id": 1}, headers=theirs)
        assert other.status_code == 201
        assert other.json()["id"] != first.json()["id"]
        print("same key, another candidate ->", other.status_code, other.json())

        # A double tap: two identical requests in flight at once. One does the work.
        tap = me | {"Idempotency-Key": "4be0d5aa-double-tap"}
        racing = await asyncio.gather(
            *(client.post("/v1/attempts", json={"paper_id": 3}, headers=tap) for _ in range(2))
        )
        codes = sorted(response.status_code for response in racing)
        assert codes == [201, 409]
        after = await client.post("/v1/attempts", json={"paper_id": 3}, headers=tap)
        assert after.status_code == 201
        assert after.headers["idempotent-replayed"] == "true"
        assert count() == 3
        print("double tap, in flight       ->", codes, "then a retry replays", after.json())
        print("attempts stored             ->", count())


if __name__ == "__main__":
    asyncio.run(main())
