"""Generators produce on demand: a 180-question mock and a streamed chat reply."""

import asyncio
import sys
from collections.abc import AsyncGenerator, Iterable, Iterator
from contextlib import aclosing
from dataclasses import dataclass
from itertools import islice
from typing import Literal

Subject = Literal["Physics", "Chemistry", "Botany", "Zoology"]
SUBJECTS: tuple[Subject, ...] = ("Physics", "Chemistry", "Botany", "Zoology")


@dataclass(frozen=True, slots=True)
class Question:
    id: int
    subject: Subject
    answer: str


def question_bank() -> Iterator[Question]:
    """Pretend this reads rows from a database cursor, one at a time."""
    for n in range(1, 1001):
        yield Question(n, SUBJECTS[n % 4], "ABCD"[n % 4])


def by_subject(bank: Iterable[Question], subject: Subject) -> Iterator[Question]:
    return (q for q in bank if q.subject == subject)  # a generator expression


def mock_paper(per_subject: int = 45) -> Iterator[tuple[int, Question]]:
    """NEET order: 45 Physics, 45 Chemistry, 45 Botany, 45 Zoology, numbered 1-180."""
    number = 0
    for subject in SUBJECTS:
        for question in islice(by_subject(question_bank(), subject), per_subject):
            number += 1
            yield number, question


def marks(responses: Iterable[tuple[str | None, str]]) -> Iterator[int]:
    for chosen, key in responses:
        yield 0 if chosen is None else (4 if chosen == key else -1)


RED_FLAGS = ("chest pain", "can't breathe", "suicide")
CANNED_REPLY = "Please see a dermatologist (skin specialist) about this rash."


async def stream_reply(message: str, journal: list[str]) -> AsyncGenerator[str, None]:
    """Yields a reply token by token, as an LLM stream would; cleans up however it ends."""
    try:
        if any(flag in message.lower() for flag in RED_FLAGS):
            yield "This may be an emergency. Call 112 (or 108 for an ambulance) now."
            return  # red flags short-circuit: no routing, no model, no tokens
        for token in CANNED_REPLY.split(" "):
            await asyncio.sleep(0)  # the model produces the next token
            yield token + " "
    finally:
        journal.append("stream closed")  # runs on exhaustion, on return, and on aclose()


async def main() -> None:
    paper = mock_paper()
    assert sys.getsizeof(paper) < 500  # a paused function, not 180 objects
    questions = list(paper)
    assert len(questions) == 180
    counts = {s: sum(q.subject == s for _, q in questions) for s in SUBJECTS}
    assert set(counts.values()) == {45}
    print("mock:", counts, "first:", questions[0][0], "last:", questions[-1][0])
    assert list(paper) == []  # a generator is single-use: a second pass sees nothing

    responses = [("A", "A")] * 150 + [("B", "C")] * 20 + [(None, "D")] * 10
    print("score:", sum(marks(responses)))  # 150*4 - 20*1 + 10*0

    journal: list[str] = []
    tokens = [t async for t in stream_reply("itchy rash on my arm", journal)]
    print("reply:", "".join(tokens).strip())

    urgent = [t async for t in stream_reply("Crushing CHEST PAIN and sweating", journal)]
    print("urgent:", urgent)

    async with aclosing(stream_reply("itchy rash", journal)) as stream:
        async for token in stream:
            if token.startswith("dermatologist"):
                break  # the client disconnected mid-stream
    assert journal == ["stream closed"] * 3  # every path ran the cleanup
    print("cleanups:", len(journal))


if __name__ == "__main__":
    asyncio.run(main())
