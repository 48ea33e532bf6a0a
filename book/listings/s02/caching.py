"""functools caching: what it buys, and the four ways it bites."""

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Literal

Subject = Literal["Physics", "Chemistry", "Botany", "Zoology"]
LOADS: list[str] = []

SYLLABUS = {
    "Physics": ("Units and Measurements", "Laws of Motion", "Current Electricity"),
    "Botany": ("Plant Kingdom", "Photosynthesis in Higher Plants"),
}


@lru_cache(maxsize=64)
def chapters_for(subject: Subject) -> tuple[str, ...]:
    """Pretend this parses a large syllabus file. A tuple: callers cannot mutate it."""
    LOADS.append(subject)
    return SYLLABUS.get(subject, ())


@cache
def weakest_first(chapters: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(chapters))


@cache
def syllabus_mutable() -> dict[str, list[str]]:
    return {"Botany": ["Plant Kingdom"]}  # one shared dict, handed to every caller


@cache
def syllabus_frozen() -> MappingProxyType[str, tuple[str, ...]]:
    return MappingProxyType({"Botany": ("Plant Kingdom",)})  # a read-only view


@cache
async def specialist_directory() -> tuple[str, ...]:  # the bug: caches the coroutine
    await asyncio.sleep(0)
    return ("Cardiology", "Dermatology", "Neurology")


def misses_in_fresh_process() -> int:
    chapters_for("Physics")
    return chapters_for.cache_info().misses


async def main() -> None:
    # 1. The win: the second call is a dictionary lookup.
    for _ in range(3):
        chapters_for("Physics")
    info = chapters_for.cache_info()
    assert (info.hits, info.misses, LOADS) == (2, 1, ["Physics"])
    print("hits/misses:", info.hits, info.misses)

    # 2. Arguments are dict keys, so they must be hashable.
    try:
        weakest_first(["Laws of Motion", "Current Electricity"])  # type: ignore[arg-type]
    except TypeError as exc:
        print("list argument:", exc)
    assert weakest_first(("b", "a")) == ("a", "b")  # a tuple works

    # 3. A cached mutable result is shared state: one caller poisons every other caller.
    syllabus_mutable()["Botany"].append("Zoology chapter by mistake")
    assert len(syllabus_mutable()["Botany"]) == 2
    try:
        syllabus_frozen()["Zoology"] = ()  # type: ignore[index]
    except TypeError:
        print("frozen result: mutation refused")

    # 4. @cache on async def stores the coroutine object, which can be awaited only once.
    assert len(await specialist_directory()) == 3
    try:
        await specialist_directory()
    except RuntimeError as exc:
        print("async cache:", exc)

    # 5. Every process has its own cache: a worker starts cold though we are warm.
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
        assert pool.submit(misses_in_fresh_process).result() == 1
    print("fresh worker process: cold cache")

    # Tests and config reloads need a way back to a clean slate.
    chapters_for.cache_clear()
    assert chapters_for.cache_info().currsize == 0


if __name__ == "__main__":
    asyncio.run(main())
