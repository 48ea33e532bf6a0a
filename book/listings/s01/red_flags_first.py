"""Red flags first: emergency rules run before, and independently of, specialist routing.

A sketch of the ordering only. The real matcher (src/symptom2specialist/redflags/) also
handles Hinglish, typos and more ways of saying "no", and the real routing step is meant to
learn from labelled messages instead of matching keywords; the shape stays the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

DISCLAIMER = "General information to help you choose a doctor; not a diagnosis or a prescription."
NEGATIONS = frozenset({"no", "not", "without"})


@dataclass(frozen=True)
class RedFlag:
    rule_id: str
    level: str  # one of the five levels: emergency_ambulance ... self_care
    all_of: tuple[str, ...]  # every one of these phrases must appear ...
    groups: tuple[tuple[str, ...], ...] = ()  # ... and at least one phrase from each group
    action: str = "Call 112 now, or 108 for an ambulance."


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "suicidal-intent",
        "emergency",
        (),
        (("kill myself", "end my life", "suicide", "self harm"),),
        action="Call Tele-MANAS 14416 now; call 112 if you are in immediate danger.",
    ),
    RedFlag(
        "cardiac-chest-pain",
        "emergency_ambulance",
        ("chest pain",),
        (("sweat", "breathless", "left arm", "jaw"),),
    ),
    RedFlag(
        "stroke-be-fast",
        "emergency_ambulance",
        (),
        (("face drooping", "slurred speech", "arm weakness", "sudden loss of balance"),),
    ),
)


@dataclass(frozen=True)
class Advice:
    level: str
    headline: str
    reasons: tuple[str, ...]
    disclaimer: str = DISCLAIMER


def mentions(text: str, phrase: str) -> bool:
    """True if the phrase occurs and is not directly negated ("no chest pain")."""
    for match in re.finditer(re.escape(phrase), text):
        previous = text[: match.start()].split()[-1:]
        if not (previous and previous[0] in NEGATIONS):
            return True
    return False


def red_flag(text: str) -> RedFlag | None:
    for rule in RED_FLAGS:
        required = all(mentions(text, phrase) for phrase in rule.all_of)
        grouped = all(any(mentions(text, p) for p in group) for group in rule.groups)
        if required and grouped:
            return rule
    return None


Router = Callable[[str, int | None], Advice]


def triage(text: str, age: int | None, route: Router) -> Advice:
    text = " ".join(text.lower().split())
    rule = red_flag(text)
    if rule is not None:  # the short circuit: the router is never consulted
        return Advice(rule.level, rule.action, (f"red flag: {rule.rule_id}",))
    return route(text, age)


def see(specialist: str, reason: str) -> Advice:
    return Advice("consultation", f"Suggested specialist: {specialist}.", (reason,))


def keyword_router(text: str, age: int | None) -> Advice:
    if age is not None and age < 18:
        return see("Paediatrician", f"age {age} is under 18")
    specialists = {"rash": "Dermatologist", "earache": "ENT", "heartburn": "Gastroenterologist"}
    for word, specialist in specialists.items():
        if mentions(text, word):
            return see(specialist, f"mentions '{word}'")
    return see("General Physician", "no specific match: the fallback")


def broken_router(text: str, age: int | None) -> Advice:
    raise RuntimeError("classifier artifact failed to load")


def main() -> None:
    cases = [
        ("Chest pain since 20 min, sweating a lot", 54),
        ("I want to end my life", 19),
        ("Itchy rash on both arms", 30),
        ("no chest pain, but heartburn after meals", 41),
        ("earache and fever", 9),
    ]
    for text, age in cases:
        advice = triage(text, age, keyword_router)
        print(f"{text!r}\n  -> {advice.level}: {advice.headline} ({'; '.join(advice.reasons)})")
        assert advice.disclaimer == DISCLAIMER

    # Emergencies do not depend on the router: with the router down, they still escalate.
    urgent = triage("slurred speech and face drooping", 67, broken_router)
    assert urgent.level == "emergency_ambulance"
    assert "112" in urgent.headline
    assert triage("no chest pain, but heartburn", 41, keyword_router).level == "consultation"
    try:
        triage("Itchy rash on both arms", 30, broken_router)
    except RuntimeError:
        print("router down: emergencies still escalate; routine advice needs its own fallback")
    else:
        raise AssertionError("the broken router should have been called for a routine case")


if __name__ == "__main__":
    main()
