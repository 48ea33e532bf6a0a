"""Errors as part of the design: a domain hierarchy, chaining, notes, TaskGroup and except*."""

import asyncio
from typing import Any


class NeetPrepError(Exception):
    """Root of the service's own errors; each subclass knows its HTTP status."""

    status = 500
    title = "Internal error"


class QuestionNotFound(NeetPrepError):
    status = 404
    title = "Question not found"


class AttemptClosed(NeetPrepError):
    status = 409
    title = "Attempt already submitted"


class ProviderUnavailable(Exception):
    """Infrastructure, not domain: the LLM or a downstream service is down."""


def to_problem(exc: NeetPrepError) -> dict[str, Any]:
    """The shape of an RFC 9457 problem-details body."""
    return {"title": exc.title, "status": exc.status, "detail": str(exc)}


QUESTIONS = {1: "Which organelle is the site of photosynthesis?"}


def load_question(question_id: int) -> str:
    try:
        return QUESTIONS[question_id]
    except KeyError as exc:  # translate a low-level error into a domain error...
        raise QuestionNotFound(f"question {question_id} does not exist") from exc  # ...keep cause


async def weak_chapters(journal: list[str]) -> list[str]:
    await asyncio.sleep(0)  # one await, then failure
    raise ProviderUnavailable("analytics store timed out")


async def recommendations(journal: list[str]) -> list[int]:
    await asyncio.sleep(0)  # fails in the same loop iteration as weak_chapters
    load_question(404)
    return []


async def slow_leaderboard(journal: list[str]) -> int:
    try:
        await asyncio.sleep(0.2)
        journal.append("leaderboard finished")
        return 1
    except asyncio.CancelledError:
        journal.append("leaderboard cancelled")
        raise  # never swallow cancellation


async def dashboard_with_taskgroup(journal: list[str]) -> None:
    async with asyncio.TaskGroup() as tg:  # one failure cancels the siblings
        tg.create_task(weak_chapters(journal))
        tg.create_task(recommendations(journal))
        tg.create_task(slow_leaderboard(journal))


async def dashboard_with_gather(journal: list[str]) -> None:
    await asyncio.gather(  # first error propagates; siblings keep running, unsupervised
        weak_chapters(journal), recommendations(journal), slow_leaderboard(journal)
    )


async def main() -> None:
    try:
        load_question(404)
    except QuestionNotFound as exc:
        exc.add_note("while building mock 17 for student 2231")  # context for the log
        problem, notes, cause = to_problem(exc), exc.__notes__, exc.__cause__
    assert isinstance(cause, KeyError)  # the original error is kept, not lost
    print("problem:", problem)
    print("notes:", notes)

    journal: list[str] = []
    try:
        await dashboard_with_taskgroup(journal)
    except* ProviderUnavailable as group:  # each handler gets its own sub-group
        journal.append(f"degrade gracefully: {group.exceptions[0]}")
    except* NeetPrepError as group:
        # a group may nest groups, so filter for the leaves we know how to render
        errors = [e for e in group.exceptions if isinstance(e, NeetPrepError)]
        statuses = [to_problem(e)["status"] for e in errors]
        journal.append(f"problem statuses: {statuses}")
    assert "leaderboard cancelled" in journal
    assert journal[-1] == "problem statuses: [404]"  # both handlers ran
    print("taskgroup:", journal)

    journal = []
    try:
        await dashboard_with_gather(journal)
    except ProviderUnavailable as exc:
        journal.append(f"gather raised only: {exc}")
    await asyncio.sleep(0.25)  # the orphaned leaderboard task is still running...
    assert journal[-1] == "leaderboard finished"  # ...and finishes after we gave up
    print("gather:", journal)


if __name__ == "__main__":
    asyncio.run(main())
