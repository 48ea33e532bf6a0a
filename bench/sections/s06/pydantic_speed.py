"""How much validation costs, and which way of calling Pydantic is cheapest.

Bounded (about ten seconds), no network. Run from the repository root:

    uv run python bench/sections/s06/pydantic_speed.py

Payloads are the services' own: a Symptom2Specialist triage request, a 180-answer NEETPrepGPT
autosave (`AnswersSave`) and the real physics bank file (`list[BankQuestion]`). Times are CPU
time of this process (`time.process_time`), so other programs on a busy machine distort them
less than wall-clock time would; each figure is the best of 15 runs.
"""

import json
import time
import timeit
from collections.abc import Callable

import yaml
from pydantic import TypeAdapter

from neetprepgpt.attempts.schemas import AnswersSave
from neetprepgpt.bank.loader import DATA_DIR
from neetprepgpt.bank.schemas import BankQuestion
from neetprepgpt.papers.schemas import PaperCreate
from symptom2specialist.triage.schemas import TriageRequest

ROUNDS = 15


def per_call_us(fn: Callable[[], object], number: int) -> float:
    """Best of ROUNDS runs of `number` calls, per call, in microseconds of CPU time."""
    runs = timeit.repeat(fn, number=number, repeat=ROUNDS, timer=time.process_time)
    return min(runs) / number * 1e6


def autosave_json() -> bytes:
    answers = [
        {"position": p, "selected": "ABCD"[p % 4], "time_spent_ms": 41_000} for p in range(1, 181)
    ]
    return json.dumps({"version": 3, "answers": answers}).encode()


def report(title: str, timings: dict[str, float]) -> None:
    print(title)
    best = min(timings.values())
    for name, micros in timings.items():
        print(f"  {name:<34} {micros:>9.1f} us   x{micros / best:.1f}")


def main() -> None:
    triage = b'{"text": "seene me dard aur pasina aa raha hai", "age": 54, "sex": "male"}'
    triage_adapter = TypeAdapter(TriageRequest)
    raw = autosave_json()
    assert AnswersSave.model_validate_json(raw) == AnswersSave.model_validate(json.loads(raw))
    bank = yaml.safe_load((DATA_DIR / "questions" / "physics.yaml").read_text(encoding="utf-8"))
    bank_json = json.dumps(bank).encode()
    bank_adapter = TypeAdapter(list[BankQuestion])
    assert bank_adapter.validate_json(bank_json) == bank_adapter.validate_python(bank)

    report(
        f"TriageRequest ({len(triage)} bytes)",
        {
            "json.loads + validate_python": per_call_us(
                lambda: triage_adapter.validate_python(json.loads(triage)), 2000
            ),
            "validate_json": per_call_us(lambda: triage_adapter.validate_json(triage), 2000),
        },
    )
    report(
        f"AnswersSave, 180 answers ({len(raw):,} bytes)",
        {
            "json.loads + model_validate": per_call_us(
                lambda: AnswersSave.model_validate(json.loads(raw)), 100
            ),
            "model_validate_json": per_call_us(lambda: AnswersSave.model_validate_json(raw), 100),
        },
    )
    report(
        f"list[BankQuestion], {len(bank)} questions ({len(bank_json):,} bytes)",
        {
            "json.loads + validate_python": per_call_us(
                lambda: bank_adapter.validate_python(json.loads(bank_json)), 20
            ),
            "validate_json": per_call_us(lambda: bank_adapter.validate_json(bank_json), 20),
        },
    )
    report(
        "Building a TypeAdapter (what reuse saves on every call)",
        {
            "TypeAdapter(TriageRequest)": per_call_us(lambda: TypeAdapter(TriageRequest), 200),
            "TypeAdapter(list[BankQuestion])": per_call_us(
                lambda: TypeAdapter(list[BankQuestion]), 200
            ),
            "TypeAdapter(PaperCreate)": per_call_us(lambda: TypeAdapter(PaperCreate), 200),
        },
    )


if __name__ == "__main__":
    main()
