"""Alembic environment: always runs on a connection handed over by `db.migrate`."""

from alembic import context

import symptom2specialist.conversations.models  # noqa: F401  (registers the tables)
from symptom2specialist.db import VERSION_TABLE, Base

connection = context.config.attributes.get("connection")
if context.is_offline_mode() or connection is None:
    raise SystemExit(
        "Run migrations with `python -m symptom2specialist migrate` (or start the service)."
    )
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    version_table=VERSION_TABLE,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
