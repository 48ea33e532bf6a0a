"""Test-wide fixtures: real external services, skipped when absent unless CI requires them."""

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# Shared test helpers in tests/support/ import by name under any --import-mode.
sys.path.insert(0, str(Path(__file__).parent / "support"))

from services import service_gate

POSTGRES_HOST = os.environ.get("PGHOST", "127.0.0.1")
POSTGRES_PORT = int(os.environ.get("PGPORT", "5432"))
POSTGRES_ADMIN_URL = os.environ.get(
    "POSTGRES_ADMIN_URL", f"postgresql://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}/postgres"
)


@pytest.fixture(scope="module")
def postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for each test module; dropped after it.

    Per module, not per session: one module's migration round trip (which leaves an
    `alembic_version` table behind) must not become another module's unexpected schema.

    Yields an asyncpg SQLAlchemy URL.
    """
    service_gate("PostgreSQL", POSTGRES_HOST, POSTGRES_PORT)
    import asyncio

    import asyncpg

    name = f"mastery_test_{uuid.uuid4().hex[:10]}"

    async def admin(sql: str) -> None:
        connection = await asyncpg.connect(POSTGRES_ADMIN_URL)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+asyncpg://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}/{name}"
    finally:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
