"""Context managers own a resource's whole life: open, commit or roll back, always close."""

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from types import TracebackType
from typing import Self


class FakeSession:
    """Records what a real database session would do, so we can assert on it."""

    def __init__(self, journal: list[str]) -> None:
        self.journal = journal
        self.pending: list[str] = []

    def add(self, row: str) -> None:
        self.pending.append(row)

    def commit(self) -> None:
        self.journal.append(f"commit {self.pending}")

    def rollback(self) -> None:
        self.journal.append(f"rollback {self.pending}")
        self.pending.clear()

    def close(self) -> None:
        self.journal.append("close")


@contextmanager
def session_scope(journal: list[str]) -> Iterator[FakeSession]:
    session = FakeSession(journal)
    try:
        yield session  # the body of the `with` block runs here
        session.commit()
    except BaseException:  # BaseException: cancellation must roll back too
        session.rollback()
        raise
    finally:
        session.close()


class AsyncFakeSession(FakeSession):
    async def flush(self) -> None:
        await asyncio.sleep(0.01)  # a network round trip to the database


@asynccontextmanager
async def async_session_scope(journal: list[str]) -> AsyncIterator[AsyncFakeSession]:
    session = AsyncFakeSession(journal)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class Resource:
    """The class form: __aenter__/__aexit__, e.g. an HTTP client or a model loaded at startup."""

    def __init__(self, name: str, journal: list[str]) -> None:
        self.name, self.journal = name, journal

    async def __aenter__(self) -> Self:
        self.journal.append(f"open {self.name}")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:  # returning None (falsy) lets any exception propagate
        self.journal.append(f"close {self.name}")


async def save_attempt(journal: list[str], score: int) -> None:
    async with async_session_scope(journal) as session:
        session.add(f"attempt score={score}")
        await session.flush()
        if not -180 <= score <= 720:  # NEET range: 180 x (-1) up to 180 x 4
            raise ValueError(f"impossible NEET score {score}")


async def main() -> None:
    journal: list[str] = []

    with session_scope(journal) as session:  # sync: success commits
        session.add("question 42")
    assert journal == ["commit ['question 42']", "close"]

    journal.clear()
    await save_attempt(journal, 612)  # async: success commits
    try:
        await save_attempt(journal, 900)  # failure rolls back, then re-raises
    except ValueError as exc:
        journal.append(f"caller saw: {exc}")

    try:  # cancellation (here a timeout) is a BaseException: still rolled back
        async with asyncio.timeout(0.005):
            await save_attempt(journal, 500)
    except TimeoutError:
        journal.append("caller saw: timeout")
    assert "rollback ['attempt score=500']" in journal

    async with AsyncExitStack() as stack:  # how a lifespan holds several resources
        await stack.enter_async_context(Resource("db-engine", journal))
        await stack.enter_async_context(Resource("llm-client", journal))
        journal.append("serving requests")
    assert journal[-2:] == ["close llm-client", "close db-engine"]  # reverse order

    print("\n".join(journal))


if __name__ == "__main__":
    asyncio.run(main())
