"""NEETPrepGPT fixtures: a migrated database per test (SQLite, and PostgreSQL when present),
the app with its lifespan, an HTTP client, a controllable clock and bank factories."""

import asyncio
import shutil
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from neetprepgpt.bank.loader import Bank, SubjectQuestions, load_bank
from neetprepgpt.bank.schemas import ID_PREFIX, BankQuestion
from neetprepgpt.bank.service import seed_bank
from neetprepgpt.bootstrap import migrate
from neetprepgpt.config import Settings
from neetprepgpt.main import create_app
from servicekit.db import Database

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_BANK = FIXTURES / "bank"
TABLES = (
    "idempotency_keys, attempt_answers, attempts, paper_questions, papers, questions, chapters, "
    "subjects"
)
EDITOR_TOKEN = "editor-token-for-tests-0123456789"
EDITOR = {"X-Editor-Token": EDITOR_TOKEN}


async def _migrate_url(url: str) -> None:
    engine = create_async_engine(url)
    try:
        await migrate(engine)
    finally:
        await engine.dispose()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every database test runs on SQLite; those marked `postgres` on PostgreSQL as well."""
    if "database_url" in metafunc.fixturenames:
        backends = ["sqlite"]
        if metafunc.definition.get_closest_marker("postgres"):
            backends.append("postgres")
        metafunc.parametrize("database_url", backends, indirect=True)


async def _prepare(url: str, bank: Bank | None) -> None:
    database = Database(url)
    try:
        await migrate(database.engine)
        if bank is not None:
            async with database.sessions() as session:
                await seed_bank(session, bank)
    finally:
        await database.dispose()


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    """Migrated SQLite files, empty and seeded; each test copies one (faster than rebuilding)."""
    folder = tmp_path_factory.mktemp("templates")
    templates = {False: folder / "empty.db", True: folder / "seeded.db"}
    for seeded, path in templates.items():
        asyncio.run(_prepare(f"sqlite+aiosqlite:///{path}", build_bank(50) if seeded else None))
    return templates


@pytest.fixture(scope="module")
def postgres_url(postgres_database: str) -> Iterator[str]:
    """A database of our own on the local server (no clash with other services' tables)."""
    name = f"neetprepgpt_{uuid.uuid4().hex[:10]}"
    admin = postgres_database.replace("postgresql+asyncpg", "postgresql")

    async def run(sql: str) -> None:
        connection = await asyncpg.connect(admin)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    url = postgres_database.rsplit("/", 1)[0] + f"/{name}"
    try:
        asyncio.run(_migrate_url(url))
        yield url
    finally:
        asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _truncate(url: str) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()


@pytest.fixture
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_templates: dict[bool, Path]
) -> str:
    """A migrated database, empty or (for tests using `seeded`) holding the test bank.

    Synchronous on purpose: it runs outside the test's event loop, so it may start its own.
    """
    seeded = "seeded" in request.fixturenames
    if request.param == "sqlite":
        path = tmp_path / "neetprepgpt.db"
        shutil.copyfile(sqlite_templates[seeded], path)
        return f"sqlite+aiosqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    asyncio.run(_truncate(url))
    if seeded:
        asyncio.run(_prepare(url, build_bank(50)))
    return url


@dataclass
class FakeClock:
    """The app's clock, moved by hand."""

    now: datetime = field(default_factory=lambda: datetime(2026, 5, 3, 8, 30, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def app(database_url: str, tmp_path: Path, clock: FakeClock) -> AsyncIterator[FastAPI]:
    settings = Settings(
        database_url=database_url,
        data_dir=tmp_path,
        bootstrap_on_startup=False,
        editor_token=SecretStr(EDITOR_TOKEN),
    )
    application = create_app(settings)
    application.state.clock = clock
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


@pytest.fixture
async def editor(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client holding the editor credential: the bank's keys and its writes."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", headers=EDITOR
    ) as http:
        yield http


@pytest.fixture
def database(app: FastAPI) -> Database:
    db: Database = app.state.database
    return db


def filler(subject: str, number: int, chapter: str, **overrides: Any) -> BankQuestion:
    """A synthetic but valid question; the answer cycles so that keys are not all the same."""
    data: dict[str, Any] = {
        "id": f"{ID_PREFIX[subject]}-{number:03d}",
        "chapter": chapter,
        "difficulty": ("easy", "medium", "hard")[number % 3],
        "format": "single",
        "stem": f"Synthetic {subject} item {number} on {chapter}: choose the labelled option.",
        "options": {label: f"option {label} of item {number}" for label in "ABCD"},
        "answer": "ABCD"[number % 4],
        "explanation": f"Item {number} is keyed to option {'ABCD'[number % 4]} by construction.",
    }
    data.update(overrides)
    return BankQuestion.model_validate(data)


BankFactory = Callable[[int], Bank]


def build_bank(per_subject: int) -> Bank:
    """The fixture bank plus synthetic questions up to `per_subject` in every subject."""
    base = load_bank(FIXTURE_BANK)
    subjects = []
    for entry in base.subjects:
        catalog = next(s for s in base.chapters.subjects if s.key == entry.subject)
        slugs = [chapter.slug for chapter in catalog.chapters]
        extra = [
            filler(entry.subject, number, slugs[number % len(slugs)])
            for number in range(len(entry.questions) + 1, per_subject + 1)
        ]
        subjects.append(SubjectQuestions(entry.subject, entry.source, entry.questions + extra))
    return Bank(base.chapters, subjects)


@pytest.fixture
def make_bank() -> BankFactory:
    return build_bank


@pytest.fixture
def seeded(database_url: str) -> Bank:
    """The database holds the test bank: 50 questions per subject, enough for a NEET mock.

    (`database_url` sees this fixture requested and starts from a seeded copy.)
    """
    return build_bank(50)


PaperKeys = Callable[[int], Awaitable[dict[int, str]]]


@pytest.fixture
def paper_keys(database: Database) -> PaperKeys:
    """The published key of each position of a paper, read straight from the database.

    Tests that answer correctly need the keys mid-attempt; the API rightly will not tell them.
    """

    async def keys(paper_id: int) -> dict[int, str]:
        query = text(
            "SELECT pq.position, q.answer FROM paper_questions pq "
            "JOIN questions q ON q.id = pq.question_id WHERE pq.paper_id = :paper_id"
        )
        async with database.sessions() as session:
            rows = (await session.execute(query, {"paper_id": paper_id})).all()
        return {int(position): str(answer) for position, answer in rows}

    return keys
