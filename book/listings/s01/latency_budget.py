"""Latency budgets for two requests, checked by arithmetic before any code is written.

A budget is a design target, not a measurement: each stage gets an allowance in
milliseconds, parallel stages cost their slowest member, and the total must fit the
target with a reserve left over. Section 22 measures the real numbers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    name: str
    ms: float

    def cost(self) -> float:
        return self.ms

    def lines(self, indent: str = "") -> list[str]:
        return [f"{indent}{self.name:<{46 - len(indent)}}{self.ms:>7.0f} ms"]


@dataclass(frozen=True)
class Parallel:
    """Stages that run concurrently: the request waits for the slowest one."""

    name: str
    stages: tuple[Stage, ...]

    def cost(self) -> float:
        return max(stage.cost() for stage in self.stages)

    def lines(self, indent: str = "") -> list[str]:
        label = self.name + " (parallel: the slowest)"
        out = [f"{indent}{label:<{46 - len(indent)}}{self.cost():>7.0f} ms"]
        for stage in self.stages:
            out.extend(stage.lines(indent + "  | "))
        return out


class BudgetExceededError(ValueError):
    pass


@dataclass(frozen=True)
class Budget:
    request: str
    target_ms: float
    reserve_ms: float
    steps: tuple[Stage | Parallel, ...]

    def spent(self) -> float:
        return sum(step.cost() for step in self.steps)

    def check(self) -> float:
        """Return the slack left after the reserve, or refuse a budget that does not add up."""
        slack = self.target_ms - self.reserve_ms - self.spent()
        if slack < 0:
            raise BudgetExceededError(
                f"{self.request}: stages need {self.spent():.0f} ms but only "
                f"{self.target_ms - self.reserve_ms:.0f} ms is available"
            )
        return slack

    def report(self) -> str:
        out = [f"{self.request} (target {self.target_ms:.0f} ms at p95, server side)"]
        for step in self.steps:
            out.extend(step.lines("  "))
        out.append(f"  {'reserve for GC, noisy neighbours, retries':<44}{self.reserve_ms:>7.0f} ms")
        out.append(f"  {'slack':<44}{self.check():>7.0f} ms")
        return "\n".join(out)


def tail_probability(calls: int, percentile: float = 0.99) -> float:
    """Chance that at least one of `calls` independent calls is slower than its percentile."""
    return 1 - percentile**calls


TRIAGE_TURN = Budget(
    request="Symptom2Specialist: one chat message -> triage answer",
    target_ms=300,
    reserve_ms=60,
    steps=(
        Stage("receive WebSocket frame, parse JSON", 5),
        Stage("validate message (Pydantic)", 5),
        Stage("red-flag rules (always first)", 10),
        Parallel(
            "after the rules pass",
            (
                Stage("specialist classifier (thread pool)", 60),
                Stage("persist message (INSERT + commit)", 40),
            ),
        ),
        Stage("build answer: urgency, reasons, disclaimer", 5),
        Stage("serialize and send frame", 5),
    ),
)

AUTOSAVE = Budget(
    request="NEETPrepGPT: autosave one answer in a mock test",
    target_ms=150,
    reserve_ms=40,
    steps=(
        Stage("authenticate (verify JWT signature)", 5),
        Stage("validate body (Pydantic)", 2),
        Stage("load attempt, check deadline and version", 15),
        Stage("upsert answer with version check", 20),
        Stage("commit (durable write)", 25),
        Stage("serialize response", 3),
    ),
)


def main() -> None:
    for budget in (TRIAGE_TURN, AUTOSAVE):
        print(budget.report())
        print()

    assert TRIAGE_TURN.spent() == 5 + 5 + 10 + 60 + 5 + 5  # the parallel pair costs 60, not 100
    assert TRIAGE_TURN.check() == 150
    assert AUTOSAVE.check() == 40

    # The same triage turn with a hosted LLM call on the critical path.
    with_llm = Budget(
        request=TRIAGE_TURN.request + " + LLM rewrite",
        target_ms=TRIAGE_TURN.target_ms,
        reserve_ms=TRIAGE_TURN.reserve_ms,
        steps=(*TRIAGE_TURN.steps, Stage("LLM rewrites the answer", 1200)),
    )
    try:
        with_llm.check()
    except BudgetExceededError as exc:
        print(f"refused: {exc}")
    else:
        raise AssertionError("an LLM call on the critical path must not fit")

    # Why budgets are written at p95/p99: a request that makes many calls meets their tails.
    print()
    for calls in (1, 5, 10, 50):
        share = tail_probability(calls)
        print(f"calls per request {calls:>2}: {share:5.1%} of requests wait on a p99-slow call")
    assert round(tail_probability(10), 3) == 0.096


if __name__ == "__main__":
    main()
