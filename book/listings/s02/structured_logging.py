"""pathlib for files, logging for events: one JSON object per line, request id included."""

import asyncio
import hashlib
import hmac
import io
import json
import logging
import sys
import tempfile
from contextvars import ContextVar
from pathlib import Path
from typing import TextIO

request_id: ContextVar[str] = ContextVar("request_id", default="-")
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message"}


class RequestIdFilter(logging.Filter):
    """Stamps every record with the id of the request that produced it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class RedactSymptoms(logging.Filter):
    """Health data never reaches the log: only a keyed fingerprint and a length do."""

    def __init__(self, key: bytes) -> None:
        super().__init__()
        self.key = key  # a secret from settings; a plain hash of "acne" is easy to guess

    def filter(self, record: logging.LogRecord) -> bool:
        text = getattr(record, "symptoms", None)
        if isinstance(text, str):
            digest = hmac.new(self.key, text.encode(), hashlib.sha256).hexdigest()
            record.symptoms = {"hmac": digest[:12], "chars": len(text)}
        return True


class JsonFormatter(logging.Formatter):
    def __init__(self, *, stable: bool = False) -> None:
        super().__init__()
        self.stable = stable  # True drops the fields that differ run to run

    def format(self, record: logging.LogRecord) -> str:
        event = {"level": record.levelname, "logger": record.name, "event": record.getMessage()}
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD}
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            extras["error"] = f"{type(exc).__name__}: {exc}"
            if not self.stable:
                extras["traceback"] = self.formatException(record.exc_info)
        if not self.stable:
            event["ts"] = self.formatTime(record)
        return json.dumps(event | extras, sort_keys=True)


def configure(key: bytes, stream: TextIO = sys.stdout, *, stable: bool = False) -> None:
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RedactSymptoms(key))
    handler.setFormatter(JsonFormatter(stable=stable))
    root = logging.getLogger()
    root.handlers[:] = [handler]  # configure once, at startup, in one place
    root.setLevel(logging.INFO)


log = logging.getLogger("symptom2specialist.triage")


def load_bank(root: Path) -> dict[str, int]:
    """Counts questions per subject file: bank/physics.json -> {"physics": n}."""
    return {
        path.stem: len(json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(root.glob("*.json"))
    }


async def handle(rid: str, symptoms: str) -> None:
    request_id.set(rid)  # each asyncio task runs in its own copy of the context
    log.info("triage started", extra={"symptoms": symptoms})
    await asyncio.sleep(0)  # the other request runs here; its id does not leak into ours
    log.info("routed", extra={"specialist": "Dermatology", "red_flag": False})


async def main() -> None:
    buffer = io.StringIO()
    configure(
        b"demo-key-from-settings", buffer, stable=True
    )  # no time or traceback, only so this page's output is stable

    with tempfile.TemporaryDirectory() as tmp:
        bank = Path(tmp) / "bank"
        bank.mkdir()
        (bank / "physics.json").write_text(json.dumps([{"id": 1}, {"id": 2}]), encoding="utf-8")
        (bank / "botany.json").write_text(json.dumps([{"id": 3}]), encoding="utf-8")
        counts = load_bank(bank)
        assert counts == {"botany": 1, "physics": 2}
        logging.getLogger("neetprepgpt.bank").info("bank loaded", extra={"counts": counts})

    await asyncio.gather(handle("req-a", "itchy red rash on both arms"), handle("req-b", "acne"))

    try:
        json.loads("{not json")
    except json.JSONDecodeError:
        log.exception("bad payload")  # level ERROR, with the exception attached

    lines = buffer.getvalue().splitlines()
    assert all(json.loads(line)["level"] for line in lines)  # every line is one JSON object
    assert "rash" not in buffer.getvalue()  # the symptom text never reached the log
    print("\n".join(lines))


if __name__ == "__main__":
    asyncio.run(main())
