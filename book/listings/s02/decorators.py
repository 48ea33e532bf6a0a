"""Decorators that keep their signature: functools.wraps plus ParamSpec."""

import asyncio
import functools
import inspect
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

TIMINGS: defaultdict[str, list[float]] = defaultdict(list)


def timed(func: Callable[P, R]) -> Callable[P, R]:
    """Records how long each call took. Same parameters in, same type out."""

    @functools.wraps(func)  # copies __name__, __doc__, __wrapped__ ... onto the wrapper
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            TIMINGS[func.__qualname__].append(time.perf_counter() - start)

    return wrapper


class TransientError(Exception):
    """A failure worth retrying: a timeout, a 503 from the LLM provider."""


def retry(
    attempts: int, on: tuple[type[Exception], ...] = (TransientError,)
) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Coroutine[Any, Any, R]]]:
    """A decorator factory: retry(3) returns the decorator that wraps the function."""

    def decorate(func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
        @functools.wraps(func)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            for attempt in range(1, attempts + 1):
                try:
                    return await func(*args, **kwargs)
                except on:
                    if attempt == attempts:
                        raise
                    await asyncio.sleep(0.01 * 2**attempt)  # back off before trying again
            raise AssertionError("unreachable")

        return wrapper

    return decorate


CALLS: list[str] = []


@retry(attempts=3)
async def explain_answer(question_id: int, *, language: str = "en") -> str:
    """Ask the LLM to explain a key. It fails twice, as real providers sometimes do."""
    CALLS.append(language)
    if len(CALLS) < 3:
        raise TransientError("provider timed out")
    return f"Q{question_id} [{language}]: the chloroplast is where photosynthesis happens."


@retry(attempts=3)
async def explain_missing(question_id: int) -> str:
    CALLS.append("missing")
    raise LookupError(f"no question {question_id}")  # not transient: never retried


@timed
def neet_score(correct: int, wrong: int) -> int:
    return 4 * correct - wrong


def careless(func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:  # no functools.wraps
        return func(*args, **kwargs)

    return wrapper


RULES: dict[str, Callable[[str], bool]] = {}


def red_flag(name: str) -> Callable[[Callable[[str], bool]], Callable[[str], bool]]:
    """A registering decorator: it records the function and returns it unchanged."""

    def register(rule: Callable[[str], bool]) -> Callable[[str], bool]:
        RULES[name] = rule
        return rule

    return register


@red_flag("possible stroke")
def face_droop(text: str) -> bool:
    return "face droop" in text or "slurred speech" in text


async def main() -> None:
    print(await explain_answer(7, language="hi"))
    assert CALLS == ["hi", "hi", "hi"]  # two transient failures, then success

    try:
        await explain_missing(999)
    except LookupError as exc:
        print("not retried:", exc)
    assert CALLS.count("missing") == 1

    assert neet_score(150, 20) == 580
    assert len(TIMINGS["neet_score"]) == 1

    # wraps keeps what frameworks read: FastAPI builds a route from this signature.
    print("wrapped:", explain_answer.__name__, inspect.signature(explain_answer))
    print("careless:", careless(neet_score).__name__, inspect.signature(careless(neet_score)))

    assert RULES["possible stroke"] is face_droop
    assert face_droop("sudden face droop on one side")


if __name__ == "__main__":
    asyncio.run(main())
