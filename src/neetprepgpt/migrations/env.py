"""Alembic environment for NEETPrepGPT, usable two ways.

- From the app or the CLI (`neetprepgpt.bootstrap.migrate`): a live synchronous connection is
  handed over in `config.attributes["connection"]`, so the migration joins the caller's
  transaction and event loop.
- From the `alembic` command line: an async engine is built from `sqlalchemy.url`.

SQLite cannot ALTER most things in place, so operations run in batch mode there.
"""

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from neetprepgpt.migrations import include_name
from neetprepgpt.models import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def run_online() -> None:
    engine = create_async_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        async with engine.connect() as connection:
            await connection.run_sync(run_with)
            await connection.commit()
    finally:
        await engine.dispose()


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


given: Connection | None = config.attributes.get("connection")
if context.is_offline_mode():
    run_offline()
elif given is not None:
    run_with(given)
else:
    asyncio.run(run_online())
