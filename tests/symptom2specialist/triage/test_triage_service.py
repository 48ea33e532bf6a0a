"""Inference runs in a worker thread, so the event loop stays free for other requests."""

import threading

from symptom2specialist.triage.engine import TriageEngine, TriageInput
from symptom2specialist.triage.schemas import TriageResult
from symptom2specialist.triage.service import TriageService


class RecordingEngine:
    def __init__(self, real: TriageEngine) -> None:
        self.real = real
        self.thread: int | None = None

    def assess(self, request: TriageInput) -> TriageResult:
        self.thread = threading.get_ident()
        return self.real.assess(request)


async def test_assess_runs_off_the_event_loop(engine: TriageEngine) -> None:
    recording = RecordingEngine(engine)
    service = TriageService(recording)  # type: ignore[arg-type]
    result = await service.assess(TriageInput("toothache"))
    assert result.specialists
    assert recording.thread is not None
    assert recording.thread != threading.get_ident()
