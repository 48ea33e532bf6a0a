"""The baseline: a bare FastAPI endpoint with the same request and response models as
POST /v1/triage, but no rules, no model and no database. It returns one fixed answer."""

from fastapi import FastAPI

from symptom2specialist.knowledge.loader import Helpline
from symptom2specialist.triage.schemas import SpecialistSuggestion, TriageRequest, TriageResult

FIXED = TriageResult(
    emergency=False,
    level="consultation",
    level_title="Book a doctor's appointment",
    instructions=["Book an appointment with the suggested doctor."],
    red_flags=[],
    urgency_reasons=[],
    specialists=[
        SpecialistSuggestion(
            id="dermatology",
            name="Dermatology",
            doctor="Dermatologist",
            basis="classifier",
            confidence=0.8,
            reasons=["Skin, hair and nails."],
            phrases=["rash"],
        )
    ],
    notes=[],
    helplines=[Helpline(number="112", name="National emergency number")],
    disclaimer="General information, not a diagnosis.",
    model_version="bare",
)


def create_bare_app() -> FastAPI:
    app = FastAPI(title="bare baseline")

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/triage")
    async def triage(body: TriageRequest) -> TriageResult:
        return FIXED

    return app
