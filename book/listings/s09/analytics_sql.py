"""The SQL behind NEETPrepGPT's attempt analytics, captured from the real code and compiled.

Three candidates sit the default NEET mock (180 questions) on a fresh SQLite install and submit.
The real `attempt_analytics` builds the report; a session listener records each statement it
runs, and the percentile query is compiled for SQLite and for PostgreSQL. Then the same
per-chapter totals are computed by a GROUP BY in the database and checked against the report.
"""

import asyncio
import tempfile
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import ORMExecuteState, Session

from neetprepgpt.analytics.service import attempt_analytics
from neetprepgpt.attempts import repository as attempts_repository
from neetprepgpt.attempts import service as attempts
from neetprepgpt.attempts.models import Attempt, AttemptAnswer
from neetprepgpt.attempts.schemas import AnswerSave, AnswersSave, AttemptCreate, AttemptPublic
from neetprepgpt.bootstrap import bootstrap
from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.db import open_database
from neetprepgpt.papers.models import PaperQuestion
from neetprepgpt.questions.models import Question
from servicekit.db import Database
from servicekit.logging import configure_logging

NOW = datetime(2026, 5, 3, 9, 0, tzinfo=UTC)
GRACE = timedelta(seconds=30)
SQLITE = sqlite.dialect()
POSTGRES = postgresql.dialect()  # type: ignore[no-untyped-call]


async def sit(database: Database, candidate: str, skill: int) -> int:
    """Start, answer (right when (position * 7 + skill) % 10 < skill), submit.

    One session per step, as one request each would have: a service that writes opens its
    own transaction with `writing()`, so it must not find one already open on the session.
    """
    async with database.sessions() as session:
        started = await attempts.start(
            session, candidate, AttemptCreate(paper_id=1), NOW, locate=lambda n: f"/attempts/{n}"
        )
    attempt = AttemptPublic.model_validate_json(started.body)  # the stored 201 response
    async with database.sessions() as session:
        keyed = await attempts_repository.paper_questions(session, attempt.paper_id)
    answers = []
    for item, question in keyed:
        if item.position % 9 == 0:
            continue  # left blank
        wrong = next(label for label in "ABCD" if label != question.answer)
        right = (item.position * 7 + skill) % 10 < skill
        answers.append(
            AnswerSave(
                position=item.position,
                selected=question.answer if right else wrong,
                time_spent_ms=20_000 + (item.position % 4) * 15_000,
            )
        )
    save = AnswersSave(version=attempt.version, answers=answers)
    async with database.sessions() as session:
        await attempts.save_answers(session, attempt.id, candidate, save, NOW, GRACE)
    async with database.sessions() as session:
        await attempts.submit(session, attempt.id, candidate, NOW + timedelta(minutes=170))
    return attempt.id


def chapter_totals(attempt_id: int) -> Select[str, str, int, int, Any, int]:
    """Per-chapter questions, answered, correct (published key only) and time, in SQL."""
    answered = AttemptAnswer.selected.is_not(None)
    return (
        select(
            Subject.key.label("subject"),
            Chapter.slug.label("chapter"),
            func.count().label("questions"),
            func.count(AttemptAnswer.selected).label("answered"),
            func.sum(
                case((and_(answered, AttemptAnswer.selected == Question.answer), 1), else_=0)
            ).label("correct"),
            func.coalesce(func.sum(AttemptAnswer.time_spent_ms), 0).label("time_spent_ms"),
        )
        .select_from(Attempt)
        .join(PaperQuestion, PaperQuestion.paper_id == Attempt.paper_id)
        .join(Question, Question.id == PaperQuestion.question_id)
        .join(Chapter, Chapter.id == Question.chapter_id)
        .join(Subject, Subject.id == Question.subject_id)
        .outerjoin(
            AttemptAnswer,
            and_(
                AttemptAnswer.attempt_id == Attempt.id,
                AttemptAnswer.position == PaperQuestion.position,
            ),
        )
        .where(Attempt.id == attempt_id)
        .group_by(Subject.key, Chapter.slug)
    )


async def main() -> None:
    configure_logging("ERROR", json=False)  # keep the seed's log line out of the output
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(f"sqlite+aiosqlite:///{folder}/neet.db")
        try:
            await bootstrap(database)
            ids = [await sit(database, f"cand-{n}", skill) for n, skill in ((1, 6), (2, 8), (3, 4))]

            statements: list[Any] = []

            def record(state: ORMExecuteState) -> None:
                statements.append(state.statement)

            event.listen(Session, "do_orm_execute", record)
            async with database.sessions() as session:
                report = await attempt_analytics(session, ids[0], "cand-1")
            event.remove(Session, "do_orm_execute", record)

            print(f"statements for one report: {len(statements)}")
            assert len(statements) == 3  # the attempt, its graded rows, its standing
            o = report.overall
            print(f"overall: {o.score}/{o.max_marks}, accuracy {o.accuracy}, {o.correct} right")
            print(f"percentile {report.standing.percentile} of {report.standing.attempts}")
            print("subjects:", [(s.subject, s.score, s.accuracy) for s in report.subjects])
            print("weakest:", [(c.chapter, c.score, c.max_marks) for c in report.weakest_chapters])

            standing = statements[2]
            for name, dialect in (
                ("SQLite", SQLITE),
                ("PostgreSQL", POSTGRES),
            ):
                print(f"\n-- percentile query on {name}")
                print(standing.compile(dialect=dialect))

            async with database.sessions() as session:
                rows = (await session.execute(chapter_totals(ids[0]))).all()
            print("\n-- per-chapter GROUP BY on PostgreSQL")
            print(chapter_totals(ids[0]).compile(dialect=POSTGRES))
            by_chapter = {(r.subject, r.chapter): r for r in rows}
            for chapter in report.chapters:
                row = by_chapter[(chapter.subject, chapter.chapter)]
                assert row.questions == chapter.questions
                assert row.questions - row.answered == chapter.unanswered
                assert row.correct == chapter.correct
                assert row.time_spent_ms == chapter.time_spent_ms
            print(f"\nGROUP BY agrees with the report on all {len(rows)} chapters")
        finally:
            await database.dispose()


if __name__ == "__main__":
    asyncio.run(main())
