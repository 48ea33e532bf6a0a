"""Initial schema: catalog, question bank with full-text search, papers, attempts.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Timestamp = sa.DateTime(timezone=True)

# SQLite: an FTS5 index over the questions table ("external content"), kept in step by
# triggers. A later batch migration that rebuilds `questions` must recreate these triggers.
SQLITE_SEARCH = [
    """CREATE VIRTUAL TABLE question_search USING fts5(
        stem, explanation, content='questions', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER questions_search_insert AFTER INSERT ON questions BEGIN
        INSERT INTO question_search(rowid, stem, explanation)
        VALUES (new.id, new.stem, new.explanation);
    END""",
    """CREATE TRIGGER questions_search_delete AFTER DELETE ON questions BEGIN
        INSERT INTO question_search(question_search, rowid, stem, explanation)
        VALUES ('delete', old.id, old.stem, old.explanation);
    END""",
    """CREATE TRIGGER questions_search_update AFTER UPDATE OF stem, explanation ON questions
    BEGIN
        INSERT INTO question_search(question_search, rowid, stem, explanation)
        VALUES ('delete', old.id, old.stem, old.explanation);
        INSERT INTO question_search(rowid, stem, explanation)
        VALUES (new.id, new.stem, new.explanation);
    END""",
]

# PostgreSQL: a generated tsvector (the stem weighs more than the explanation) and a GIN index.
POSTGRES_SEARCH = [
    """ALTER TABLE questions ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', stem), 'A')
        || setweight(to_tsvector('english', explanation), 'B')) STORED""",
    "CREATE INDEX ix_questions_search_vector ON questions USING gin (search_vector)",
]


def upgrade() -> None:
    op.create_table(
        "subjects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subjects")),
        sa.UniqueConstraint("key", name=op.f("uq_subjects_key")),
    )
    op.create_table(
        "chapters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(96), nullable=False),
        sa.Column("name", sa.String(160), nullable=False),
        sa.Column("class_level", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint("class_level IN (11, 12)", name=op.f("ck_chapters_class_level")),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["subjects.id"],
            name=op.f("fk_chapters_subject_id_subjects"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chapters")),
        sa.UniqueConstraint("subject_id", "slug", name=op.f("uq_chapters_subject_id")),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("chapter_id", sa.Integer(), nullable=False),
        sa.Column("difficulty", sa.String(6), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("stem", sa.Text(), nullable=False),
        sa.Column("options", sa.JSON(), nullable=False),
        sa.Column("answer", sa.String(1), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
        sa.Column("accepted_options", sa.JSON(), nullable=True),
        sa.Column("dropped", sa.Boolean(), nullable=False),
        sa.Column("key_note", sa.Text(), nullable=True),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.CheckConstraint(
            "difficulty IN ('easy', 'medium', 'hard')", name=op.f("ck_questions_difficulty")
        ),
        sa.CheckConstraint(
            "format IN ('single', 'assertion_reason', 'statements', 'match')",
            name=op.f("ck_questions_format"),
        ),
        sa.ForeignKeyConstraint(
            ["chapter_id"],
            ["chapters.id"],
            name=op.f("fk_questions_chapter_id_chapters"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["subjects.id"],
            name=op.f("fk_questions_subject_id_subjects"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
        sa.UniqueConstraint("external_id", name=op.f("uq_questions_external_id")),
    )
    op.create_index("ix_questions_chapter_id_id", "questions", ["chapter_id", "id"])
    op.create_index("ix_questions_subject_id_id", "questions", ["subject_id", "id"])
    op.create_table(
        "papers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(64), nullable=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("pattern", sa.String(32), nullable=False),
        sa.Column("chapter_id", sa.Integer(), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("marks_correct", sa.Integer(), nullable=False),
        sa.Column("marks_wrong", sa.Integer(), nullable=False),
        sa.Column("marks_unanswered", sa.Integer(), nullable=False),
        sa.Column("question_count", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.CheckConstraint("kind IN ('mock', 'practice')", name=op.f("ck_papers_kind")),
        sa.ForeignKeyConstraint(
            ["chapter_id"],
            ["chapters.id"],
            name=op.f("fk_papers_chapter_id_chapters"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_papers")),
        sa.UniqueConstraint("slug", name=op.f("uq_papers_slug")),
    )
    op.create_index(op.f("ix_papers_chapter_id"), "papers", ["chapter_id"])
    op.create_table(
        "paper_questions",
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["paper_id"],
            ["papers.id"],
            name=op.f("fk_paper_questions_paper_id_papers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_paper_questions_question_id_questions"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("paper_id", "position", name=op.f("pk_paper_questions")),
        sa.UniqueConstraint("paper_id", "question_id", name=op.f("uq_paper_questions_paper_id")),
    )
    op.create_index("ix_paper_questions_question_id", "paper_questions", ["question_id"])
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("paper_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.String(64), nullable=False),
        sa.Column("status", sa.String(11), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("started_at", Timestamp, nullable=False),
        sa.Column("deadline_at", Timestamp, nullable=False),
        sa.Column("submitted_at", Timestamp, nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("correct_count", sa.Integer(), nullable=True),
        sa.Column("wrong_count", sa.Integer(), nullable=True),
        sa.Column("unanswered_count", sa.Integer(), nullable=True),
        sa.CheckConstraint("version >= 1", name=op.f("ck_attempts_version_positive")),
        sa.CheckConstraint(
            "status IN ('in_progress', 'submitted')", name=op.f("ck_attempts_status")
        ),
        sa.ForeignKeyConstraint(
            ["paper_id"],
            ["papers.id"],
            name=op.f("fk_attempts_paper_id_papers"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attempts")),
    )
    op.create_index("ix_attempts_candidate_id_id", "attempts", ["candidate_id", "id"])
    op.create_index(
        "ix_attempts_paper_id_status_score", "attempts", ["paper_id", "status", "score"]
    )
    op.create_table(
        "attempt_answers",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("selected", sa.String(1), nullable=True),
        sa.Column("marked_for_review", sa.Boolean(), nullable=False),
        sa.Column("time_spent_ms", sa.Integer(), nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
        sa.CheckConstraint(
            "time_spent_ms >= 0", name=op.f("ck_attempt_answers_time_spent_non_negative")
        ),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_attempt_answers_attempt_id_attempts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("attempt_id", "position", name=op.f("pk_attempt_answers")),
    )
    search = SQLITE_SEARCH if op.get_bind().dialect.name == "sqlite" else POSTGRES_SEARCH
    for statement in search:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS questions_search_{trigger}")
        op.execute("DROP TABLE IF EXISTS question_search")
    for table in (
        "attempt_answers",
        "attempts",
        "paper_questions",
        "papers",
        "questions",
        "chapters",
        "subjects",
    ):
        op.drop_table(table)
