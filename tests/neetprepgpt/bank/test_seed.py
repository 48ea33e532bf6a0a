"""Seeding is idempotent, updates edited questions, records provenance, keeps key corrections."""

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from neetprepgpt.bank.loader import Bank, SubjectQuestions
from neetprepgpt.bank.service import seed_bank
from neetprepgpt.catalog.models import Chapter, Subject
from neetprepgpt.questions.models import Question
from servicekit.db import Database

BankFactory = Callable[[int], Bank]

pytestmark = pytest.mark.postgres  # these run on SQLite and on PostgreSQL


async def count(database: Database, model: type) -> int:
    async with database.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def question(database: Database, external_id: str) -> Question:
    async with database.sessions() as session:
        found = await session.scalar(select(Question).where(Question.external_id == external_id))
        assert found is not None
        return found


async def test_seed_twice_changes_nothing(database: Database, make_bank: BankFactory) -> None:
    bank = make_bank(5)
    async with database.sessions() as session:
        first = await seed_bank(session, bank)
    async with database.sessions() as session:
        second = await seed_bank(session, bank)
    assert (first.inserted, first.updated, first.unchanged) == (20, 0, 0)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 20)
    assert await count(database, Question) == 20
    assert await count(database, Subject) == 4
    assert await count(database, Chapter) == 8


async def test_edited_question_is_updated_with_provenance(
    database: Database, make_bank: BankFactory
) -> None:
    bank: Bank = make_bank(3)
    async with database.sessions() as session:
        await seed_bank(session, bank)
    before = await question(database, "PHY-001")
    assert (before.source, before.revision) == ("questions/physics.yaml", 1)

    physics = bank.subjects[0]
    edited = physics.questions[0].model_copy(update={"stem": "An edited stem, still valid."})
    changed = SubjectQuestions("physics", physics.source, [edited, *physics.questions[1:]])
    async with database.sessions() as session:
        report = await seed_bank(session, Bank(bank.chapters, [changed, *bank.subjects[1:]]))
    assert (report.inserted, report.updated) == (0, 1)
    after = await question(database, "PHY-001")
    assert after.stem == "An edited stem, still valid."
    assert after.revision == 2
    assert after.content_hash == edited.content_hash() != before.content_hash


async def test_reseed_keeps_answer_key_corrections(
    database: Database, make_bank: BankFactory
) -> None:
    bank: Bank = make_bank(3)
    async with database.sessions() as session:
        await seed_bank(session, bank)
        corrected = await session.scalar(select(Question).where(Question.external_id == "PHY-002"))
        assert corrected is not None
        corrected.dropped = True
        await session.commit()
    async with database.sessions() as session:
        await seed_bank(session, bank)
    assert (await question(database, "PHY-002")).dropped is True


async def test_search_index_follows_seed_updates(
    database: Database, make_bank: BankFactory
) -> None:
    from neetprepgpt.questions import repository
    from neetprepgpt.questions.repository import QuestionFilter, QuestionSort

    bank: Bank = make_bank(3)
    async with database.sessions() as session:
        await seed_bank(session, bank)
    physics = bank.subjects[0]
    edited = physics.questions[0].model_copy(update={"stem": "A pendulum swings on the Moon."})
    changed = SubjectQuestions("physics", physics.source, [edited, *physics.questions[1:]])
    async with database.sessions() as session:
        await seed_bank(session, Bank(bank.chapters, [changed]))
    async with database.sessions() as session:
        found = await repository.page(
            session, QuestionFilter(text="pendulum"), QuestionSort.EXTERNAL_ID, None, 10
        )
        gone = await repository.page(
            session, QuestionFilter(text="cart uniformly"), QuestionSort.EXTERNAL_ID, None, 10
        )
    assert [q.external_id for q in found] == ["PHY-001"]
    assert gone == []


async def test_the_bank_file_wins_over_an_api_edit(
    database: Database, make_bank: BankFactory
) -> None:
    from neetprepgpt.questions.schemas import QuestionUpdate
    from neetprepgpt.questions.service import update_question

    bank: Bank = make_bank(3)
    async with database.sessions() as session:
        await seed_bank(session, bank)
    async with database.sessions() as session:
        edited = await update_question(
            session, "PHY-001", QuestionUpdate(stem="Edited through the API, for now.")
        )
        unchanged = await update_question(session, "PHY-001", QuestionUpdate(difficulty="easy"))
    assert (edited.revision, unchanged.revision) == (2, 2)  # a no-op edit is not a revision
    async with database.sessions() as session:
        report = await seed_bank(session, bank)
    assert report.updated == 1
    restored = await question(database, "PHY-001")
    assert restored.stem == bank.subjects[0].questions[0].stem
    assert restored.revision == 3
