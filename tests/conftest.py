"""Test-wide fixtures: real external services, skipped when absent unless CI requires them."""

import os
import socket
import uuid
from collections.abc import Iterator

import pytest

POSTGRES_HOST = os.environ.get("PGHOST", "127.0.0.1")
POSTGRES_PORT = int(os.environ.get("PGPORT", "5432"))
POSTGRES_ADMIN_URL = os.environ.get(
    "POSTGRES_ADMIN_URL", f"postgresql://postgres@{POSTGRES_HOST}:{POSTGRES_PORT}/postgres"
)


def services_required() -> bool:
    return os.environ.get("REQUIRE_SERVICES") == "1"


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def need_service(name: str, host: str, port: int) -> None:
    """Skip with a reason when a service is down; fail instead when CI requires services."""
    if port_open(host, port):
        return
    message = f"{name} is not reachable at {host}:{port}"
    if services_required():
        pytest.fail(f"{message}, and REQUIRE_SERVICES=1 makes that a failure.")
    pytest.skip(message)


@pytest.fixture(scope="module")
def postgres_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for each test module; dropped after it.

    Per module, not per session: one module's migration round trip (which leaves an
    `alembic_version` table behind) must not become another module's unexpected schema.

    Yields an asyncpg SQLAlchemy URL.
    """
    need_service("PostgreSQL", POSTGRES_HOST, POSTGRES_PORT)
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
