"""One triage turn in idiomatic Python: validate, red flags first, route with a deadline."""

import asyncio
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

# The five levels used by src/symptom2specialist/knowledge/triage_levels.yaml, most urgent first.
Urgency = Literal[
    "emergency_ambulance", "emergency", "consultation_24", "consultation", "self_care"
]
DISCLAIMER = "General information to help you choose a doctor. Not a diagnosis."


class SymptomReport(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    text: str = Field(min_length=3, max_length=2_000)
    age: int = Field(ge=0, le=120)


class Advice(BaseModel):
    urgency: Urgency
    specialist: str | None
    call: tuple[str, ...] = ()
    message: str
    disclaimer: str = DISCLAIMER


@dataclass(frozen=True, slots=True)
class KeywordRule:
    name: str
    urgency: Urgency
    all_of: tuple[str, ...]  # every phrase must appear
    call: tuple[str, ...]
    message: str

    def matches(self, text: str) -> bool:
        return all(phrase in text for phrase in self.all_of)


AMBULANCE = ("112", "108")
RED_FLAGS = (  # reviewed by clinicians, versioned, tested: never guessed by a model
    KeywordRule(
        "chest pain with sweating",
        "emergency_ambulance",
        ("chest pain", "sweat"),
        AMBULANCE,
        "Chest pain with sweating needs help now: call 112 or 108.",
    ),
    KeywordRule(
        "face droop",
        "emergency_ambulance",
        ("face droop",),
        AMBULANCE,
        "A drooping face is a stroke warning sign: call 112 or 108 now.",
    ),
    KeywordRule(
        "self-harm thoughts",
        "emergency",
        ("suicid",),
        ("14416", "112"),
        "You deserve support now: call Tele-MANAS 14416, or 112 if you are in danger.",
    ),
)


class SpecialistRouter(Protocol):
    async def route(self, text: str) -> str: ...


class KeywordRouter:
    TABLE: ClassVar[dict[str, str]] = {"rash": "Dermatology", "palpitation": "Cardiology"}

    def __init__(self) -> None:
        self.calls = 0

    async def route(self, text: str) -> str:
        self.calls += 1
        await asyncio.sleep(0.01)  # e.g. a lookup in the specialist directory
        return next((s for k, s in self.TABLE.items() if k in text), "General Physician")


class SlowModelRouter:
    async def route(self, text: str) -> str:
        await asyncio.sleep(5)  # an LLM having a bad day
        return "Dermatology"


async def triage(report: SymptomReport, router: SpecialistRouter) -> Advice:
    text = report.text.casefold()
    for rule in RED_FLAGS:  # 1. red flags first; a match ends the turn
        if rule.matches(text):
            return Advice(
                urgency=rule.urgency,
                specialist=None,
                call=rule.call,
                message=rule.message,
            )
    if report.age < 18:  # 2. deterministic overrides before any model
        return Advice(
            urgency="consultation", specialist="Paediatrics", message="See a paediatrician."
        )
    try:  # 3. the router gets a deadline; the fallback is always safe
        async with asyncio.timeout(0.2):
            specialist = await router.route(text)
    except TimeoutError:
        specialist = "General Physician"
    return Advice(urgency="consultation", specialist=specialist, message=f"Consider: {specialist}.")


async def main() -> None:
    router = KeywordRouter()
    cases = [
        {"text": "Chest pain for 20 minutes, sweating, and an itchy rash", "age": 52},
        {"text": "I keep thinking about suicide", "age": 19},
        {"text": "Itchy rash on both arms", "age": 34},
        {"text": "Itchy rash on both arms", "age": 9},
    ]
    for raw in cases:
        advice = await triage(SymptomReport.model_validate(raw), router)
        print(f"{advice.urgency:<19} {advice.specialist or '-':<17} {advice.message}")
        assert "diagnos" not in advice.message.casefold()  # it routes; it never diagnoses
    assert router.calls == 1  # red flags and age overrides never reached the router

    slow = await triage(SymptomReport(text="Itchy rash", age=30), SlowModelRouter())
    assert slow.specialist == "General Physician"
    print(f"{slow.urgency:<19} {slow.specialist:<17} (router timed out: safe fallback)")

    try:
        SymptomReport.model_validate({"text": "rash", "age": 200})
    except ValidationError as exc:
        print("422:", [(e["loc"], e["type"]) for e in exc.errors()])


if __name__ == "__main__":
    asyncio.run(main())
