"""Triage off the event loop: rules and model inference run in a worker thread."""

from anyio import to_thread

from symptom2specialist.triage.engine import TriageEngine, TriageInput
from symptom2specialist.triage.schemas import TriageRequest, TriageResult


class TriageService:
    def __init__(self, engine: TriageEngine) -> None:
        self.engine = engine

    async def assess(self, request: TriageInput) -> TriageResult:
        # CPU-bound work (normalising, ~1,500 phrase patterns, scikit-learn) must not stall
        # other requests and WebSocket frames waiting on this loop.
        return await to_thread.run_sync(self.engine.assess, request)

    async def triage(self, request: TriageRequest) -> TriageResult:
        return await self.assess(
            TriageInput(
                text=request.text, age=request.age, sex=request.sex, duration=request.duration
            )
        )
