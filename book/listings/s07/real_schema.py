"""The real NEETPrepGPT models, compiled to DDL: every constraint gets a predictable name.

Nothing here declares a table. It imports the service's models, asks SQLAlchemy for the
CREATE TABLE statements SQLite and PostgreSQL would run, and checks that the names come from
the naming convention in servicekit/db.py rather than from the database's whims.
"""

from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.schema import CreateIndex, CreateTable

from neetprepgpt.models import Attempt, AttemptAnswer, Base, Chapter  # every table, registered


def ddl(statement: CreateTable | CreateIndex) -> str:
    compiled = str(statement.compile(dialect=sqlite.dialect())).strip()
    return "\n".join(line.rstrip() for line in compiled.splitlines())


tables = Base.metadata.tables  # typed as Table, unlike Model.__table__
chapters = tables[Chapter.__tablename__]
print(ddl(CreateTable(chapters)))

names = sorted(c.name for c in chapters.constraints if isinstance(c.name, str))
print("\nconstraint names:", ", ".join(names))
assert names == [
    "ck_chapters_class_level",
    "fk_chapters_subject_id_subjects",
    "pk_chapters",
    "uq_chapters_subject_id",
]

# The same model on PostgreSQL: only the types change, never the names.
ddl_pg = str(
    CreateTable(tables[Attempt.__tablename__]).compile(
        dialect=make_url("postgresql+asyncpg://").get_dialect()()
    )
)
assert "CONSTRAINT ck_attempts_version_positive CHECK (version >= 1)" in ddl_pg
assert "TIMESTAMP WITH TIME ZONE" in ddl_pg  # UTCDateTime, from servicekit/types.py

# The indexes the queries need are declared on the model, next to the columns they cover.
for index in sorted(tables[Attempt.__tablename__].indexes, key=lambda i: str(i.name)):
    print(ddl(CreateIndex(index)))

# A composite primary key: one row per (attempt, position), so an answer cannot be duplicated.
assert [c.name for c in tables[AttemptAnswer.__tablename__].primary_key.columns] == [
    "attempt_id",
    "position",
]
print("\ntables:", ", ".join(sorted(Base.metadata.tables)))
