"""Failure as normal: an optional LLM behind a deadline, a retry rule and an offline default.

NEETPrepGPT can ask an LLM to explain a question in friendlier words. The bank already
holds a reviewed explanation for every question, so the LLM is an improvement, never a
dependency: slow, down, flaky or wrong, the student still gets an answer, on time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

LLM = Callable[[int], Awaitable[str]]


@dataclass(frozen=True)
class BankQuestion:
    answer: str  # the key, e.g. "B"
    explanation: str  # written and reviewed by the team


BANK = {101: BankQuestion("B", "B: the net force is zero, so the velocity stays constant.")}


@dataclass(frozen=True)
class Explanation:
    source: str  # "llm" or "bank"
    text: str
    llm_calls: int
    why: str


async def explain(
    qid: int, llm: LLM | None, *, deadline_s: float = 0.2, attempts: int = 2
) -> Explanation:
    question = BANK[qid]
    if llm is None:
        return Explanation("bank", question.explanation, 0, "no LLM configured (offline default)")
    calls = 0
    why = ""
    try:
        async with asyncio.timeout(deadline_s):  # one deadline for all attempts together
            while calls < attempts:
                calls += 1
                try:
                    text = await llm(qid)
                except ConnectionError:
                    why = "LLM unreachable"
                    if calls < attempts:
                        await asyncio.sleep(0.01 * calls)  # brief backoff, then retry
                    continue
                if text.startswith(f"{question.answer}:"):  # grounded: agrees with the key
                    return Explanation("llm", text, calls, "LLM answer agrees with the key")
                why = "LLM contradicted the answer key"
                break  # a wrong answer is not transient: do not retry it
    except TimeoutError:
        why = f"LLM missed the {deadline_s:.1f} s deadline"
    return Explanation("bank", question.explanation, calls, why)


async def healthy(qid: int) -> str:
    return "B: no net force means no acceleration, so the speed and direction do not change."


async def slow(qid: int) -> str:
    await asyncio.sleep(5)
    return "B: too late to matter."


async def down(qid: int) -> str:
    raise ConnectionError("connection refused")


def flaky_once() -> LLM:
    failures = iter([True])

    async def call(qid: int) -> str:
        if next(failures, False):
            raise ConnectionError("connection reset")
        return await healthy(qid)

    return call


async def confident_but_wrong(qid: int) -> str:
    return "D: the body must be accelerating."


async def main() -> None:
    scenarios: list[tuple[str, LLM | None, str, int]] = [
        ("no LLM configured", None, "bank", 0),
        ("healthy", healthy, "llm", 1),
        ("fails once, then works", flaky_once(), "llm", 2),
        ("down", down, "bank", 2),
        ("too slow", slow, "bank", 1),
        ("confident but wrong", confident_but_wrong, "bank", 1),
    ]
    started = time.perf_counter()
    for name, llm, expected_source, expected_calls in scenarios:
        result = await explain(101, llm)
        print(f"{name:<24} -> {result.source:<4} after {result.llm_calls} call(s): {result.why}")
        assert (result.source, result.llm_calls) == (expected_source, expected_calls)
        assert result.text.startswith("B:")  # the student always gets a correct explanation
    assert time.perf_counter() - started < 2  # six scenarios, one of them a 5 s hang


if __name__ == "__main__":
    asyncio.run(main())
