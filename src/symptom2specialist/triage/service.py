"""Triage off the event loop: rules and model inference run in a worker thread."""

import time

import structlog
from anyio import CapacityLimiter, to_thread

from symptom2specialist.triage.engine import TriageEngine, TriageInput
from symptom2specialist.triage.schemas import TriageRequest, TriageResult

log = structlog.get_logger("symptom2specialist.triage")


class TriageService:
    def __init__(self, engine: TriageEngine, threads: int = 2) -> None:
        self.engine = engine
        self.threads = threads
        self._limiter: CapacityLimiter | None = None

    def _capacity(self) -> CapacityLimiter:
        # Few threads on purpose: the work holds the GIL, so more threads only queue behind it
        # and lengthen the tail. Created on first use, inside the running event loop.
        if self._limiter is None:
            self._limiter = CapacityLimiter(self.threads)
        return self._limiter

    async def assess(self, request: TriageInput) -> TriageResult:
        # CPU-bound work (normalising, ~1,500 phrase patterns, scikit-learn) must not stall
        # other requests and WebSocket frames waiting on this loop.
        started = time.perf_counter()
        result = await to_thread.run_sync(self.engine.assess, request, limiter=self._capacity())
        # The outcome is logged, never the person's words.
        log.info(
            "triaged",
            level=result.level,
            red_flags=[flag.id for flag in result.red_flags],
            first=result.specialists[0].id if result.specialists else None,
            basis=result.specialists[0].basis if result.specialists else None,
            model=result.model_version,
            ms=round((time.perf_counter() - started) * 1000, 1),
        )
        return result

    async def triage(self, request: TriageRequest) -> TriageResult:
        return await self.assess(
            TriageInput(
                text=request.text, age=request.age, sex=request.sex, duration=request.duration
            )
        )
