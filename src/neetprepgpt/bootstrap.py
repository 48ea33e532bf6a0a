"""Bring a database to the current schema and load the bank: used by the lifespan and the CLI."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from neetprepgpt.bank.loader import DATA_DIR, load_bank
from neetprepgpt.bank.service import SeedReport, seed_bank
from neetprepgpt.papers.service import ensure_default_mock
from servicekit.db import Database
from servicekit.sqlite import writing

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str = "") -> Config:
    """An Alembic config built in code: no alembic.ini to lose or to keep in sync."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _upgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _downgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


async def migrate(engine: AsyncEngine, revision: str = "head") -> None:
    """Upgrade in one transaction on the caller's loop (Alembic itself is synchronous)."""
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade, revision)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    async with engine.begin() as connection:
        await connection.run_sync(_downgrade, revision)


async def bootstrap(database: Database, data_dir: Path = DATA_DIR) -> SeedReport:
    """Migrate to head, seed the bank, and make sure the default mock exists. Idempotent."""
    await migrate(database.engine)
    bank = load_bank(data_dir)
    async with database.sessions() as session:
        async with writing(session):
            report = await seed_bank(session, bank)
        await ensure_default_mock(session)
    return report
