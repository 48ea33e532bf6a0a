"""One thread, many waits: measuring what the event loop does for I/O, and what blocks it."""

import asyncio
import time
from collections.abc import Awaitable, Callable

SLOT = 0.2  # seconds; every simulated I/O call takes one slot


async def fetch_explanation(question_id: int) -> str:
    """Stands in for a database read or an LLM call: mostly waiting."""
    await asyncio.sleep(SLOT)  # a yield point: the loop runs other tasks meanwhile
    return f"explanation for Q{question_id}"


async def sequential(ids: list[int]) -> list[str]:
    return [await fetch_explanation(i) for i in ids]  # each wait ends before the next starts


async def concurrent(ids: list[int]) -> list[str]:
    return list(await asyncio.gather(*(fetch_explanation(i) for i in ids)))  # waits overlap


async def timed(work: Awaitable[list[str]]) -> tuple[list[str], int]:
    start = time.perf_counter()
    result = await work
    return result, round((time.perf_counter() - start) / SLOT)


async def heartbeat(gaps: list[float], stop: asyncio.Event) -> None:
    """A task that wants to run every 20 ms, like every other request on this worker."""
    last = time.perf_counter()
    while not stop.is_set():
        await asyncio.sleep(0.02)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now


async def longest_stall(handler: Callable[[], Awaitable[None]]) -> float:
    gaps: list[float] = []
    stop = asyncio.Event()
    beat = asyncio.create_task(heartbeat(gaps, stop))
    await asyncio.sleep(0.05)  # let the heartbeat settle
    await handler()
    stop.set()
    await beat
    return max(gaps)


def score_with_legacy_sdk() -> None:
    """A synchronous library call: it holds the thread for 0.3 s and never yields."""
    time.sleep(0.3)


async def blocking_handler() -> None:
    score_with_legacy_sdk()  # the bug: sync I/O inside async def freezes the whole loop


async def offloaded_handler() -> None:
    await asyncio.to_thread(score_with_legacy_sdk)  # the fix: wait for a worker thread


async def main() -> None:
    ids = [1, 2, 3, 4, 5]
    seq, seq_slots = await timed(sequential(ids))
    con, con_slots = await timed(concurrent(ids))
    assert seq == con  # same answers, same order
    assert con_slots * 2 < seq_slots
    print(f"sequential: {len(ids)} calls took {seq_slots} slots of {SLOT} s")
    print(f"concurrent: {len(ids)} calls took {con_slots} slot of {SLOT} s")

    blocked = await longest_stall(blocking_handler)
    offloaded = await longest_stall(offloaded_handler)
    assert blocked >= 0.25  # the 20 ms heartbeat missed its turn for the whole sleep
    assert offloaded < 0.2  # it kept beating while the thread slept
    print(f"time.sleep in async def -> heartbeat stalled: {blocked >= 0.25}")
    print(f"asyncio.to_thread       -> heartbeat stalled: {offloaded >= 0.25}")


if __name__ == "__main__":
    asyncio.run(main())
