"""Lifespan: load what every request needs once, hand it to requests, release it at shutdown.

Symptom2Specialist loads its reviewed red-flag rules at startup. The lifespan yields a state
dict; the server copies it into each request's scope, read as `request.state`. Tests must
enter the lifespan (`with TestClient(app)`), or the rules are never loaded.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

events: list[str] = []


class RedFlagRules:
    def __init__(self, phrases: dict[str, str]) -> None:
        self.phrases = phrases

    def match(self, text: str) -> str | None:
        lowered = text.lower()
        return next((rule for phrase, rule in self.phrases.items() if phrase in lowered), None)


class State(TypedDict):
    rules: RedFlagRules


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[State]:
    rules = RedFlagRules({"chest pain": "cardiac", "can't breathe": "breathing"})
    events.append(f"startup: {len(rules.phrases)} red-flag rules loaded")
    yield {"rules": rules}
    events.append("shutdown: rules released")


app = FastAPI(lifespan=lifespan)


@app.post("/v1/triage/red-flags")
async def red_flags(text: str, request: Request) -> dict[str, str | None]:
    rules: RedFlagRules = request.state.rules  # put there by the lifespan, per request
    rule = rules.match(text)
    events.append(f"request: {text!r} -> {rule}")
    return {"rule": rule, "call": "112" if rule else None}


def main() -> None:
    with TestClient(app) as client:  # entering runs startup; leaving runs shutdown
        answer = client.post("/v1/triage/red-flags", params={"text": "Chest pain since 1 hour"})
        assert answer.json() == {"rule": "cardiac", "call": "112"}
        client.post("/v1/triage/red-flags", params={"text": "itchy rash"})
    for event in events:
        print(event)
    assert events[0].startswith("startup")
    assert events[-1].startswith("shutdown")

    # Without `with`, no lifespan runs: the app has no rules and the request fails loudly.
    events.clear()
    client = TestClient(app, raise_server_exceptions=False)
    failed = client.post("/v1/triage/red-flags", params={"text": "chest pain"})
    print("without the lifespan:", failed.status_code)
    assert failed.status_code == 500
    assert events == []


if __name__ == "__main__":
    main()
