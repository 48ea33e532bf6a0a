"""Bad configuration stops the process at startup, with a message that names the variable.

A service that starts with a wrong setting fails later, at the worst time, far from the cause.
This program shows the startup check NEETPrepGPT gets from pydantic-settings, a readable
report of every bad variable at once, and the one mistake validation cannot see: a typo.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError
from pydantic_settings import BaseSettings

from mastery.llm import LLMSettings
from neetprepgpt.config import Settings
from symptom2specialist.config import Settings as BotSettings

PREFIX = "NEETPREPGPT_"


@contextmanager
def environment(values: Mapping[str, str]) -> Iterator[None]:
    """Exactly these NEETPREPGPT_ variables for the duration; the caller's are restored."""
    saved = {k: v for k, v in os.environ.items() if k.startswith(PREFIX)}
    for name in saved:
        del os.environ[name]
    os.environ.update(values)
    try:
        yield
    finally:
        for name in [k for k in os.environ if k.startswith(PREFIX)]:
            del os.environ[name]
        os.environ.update(saved)


def explain(error: ValidationError, prefix: str) -> list[str]:
    """One line per bad variable: its name as the operator typed it, the rule, the value."""
    lines = []
    for issue in error.errors():
        name = prefix + "_".join(str(part) for part in issue["loc"]).upper()
        lines.append(f"{name}: {issue['msg']} (got {issue['input']!r})")
    return lines


def load_or_exit() -> Settings:
    """What a service's entry point does: valid settings, or exit 2 with a clear report."""
    try:
        return Settings(_env_file=None)
    except ValidationError as exc:
        report = "\n".join("  " + line for line in explain(exc, PREFIX))
        raise SystemExit(f"invalid configuration, refusing to start:\n{report}") from None


def unknown_names(names: list[str], model: type[BaseSettings], prefix: str) -> list[str]:
    """Names that carry the prefix but match no field: typos that validation never sees."""
    fields = {prefix + field.upper() for field in model.model_fields}
    return sorted(n for n in names if n.upper().startswith(prefix) and n.upper() not in fields)


def main() -> None:
    with environment({"NEETPREPGPT_AUTOSAVE_GRACE_SECONDS": "45"}):
        assert load_or_exit().autosave_grace_seconds == 45
    print("valid settings: the service starts")

    bad = {
        "NEETPREPGPT_AUTOSAVE_GRACE_SECONDS": "900",
        "NEETPREPGPT_ENVIRONMENT": "prod",
        "NEETPREPGPT_LOG_JSON": "maybe",
        "NEETPREPGPT_MAX_BODY_BYTES": "0",
    }
    with environment(bad):
        try:
            load_or_exit()
        except SystemExit as stop:
            message = str(stop.code)
        else:
            raise AssertionError("a bad configuration must not start")
    print(message)
    assert "Traceback" not in message
    for name in bad:
        assert name in message, f"{name} is not named in the report"

    # The blind spot: a misspelt name is not an error, it is simply never read.
    with environment({"NEETPREPGPT_AUTOSAVE_GRACE": "5"}):
        assert load_or_exit().autosave_grace_seconds == 30  # the default, silently
        typos = unknown_names(list(os.environ), Settings, PREFIX)
    assert typos == ["NEETPREPGPT_AUTOSAVE_GRACE"]
    print(f"typo ignored by validation, caught by a name check: {typos[0]}")

    # The same check keeps .env.example honest: every name it documents is a real field of
    # NEETPrepGPT's, the bot's or the LLM client's settings class.
    example = Path(".env.example").read_text(encoding="utf-8")
    documented = re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, flags=re.MULTILINE)
    classes: dict[str, type[BaseSettings]] = {
        PREFIX: Settings,
        "SYMPTOM2SPECIALIST_": BotSettings,
        "MASTERY_LLM_": LLMSettings,
    }
    for prefix, model in classes.items():
        assert unknown_names(documented, model, prefix) == [], prefix
        assert any(name.startswith(prefix) for name in documented), prefix
    print(".env.example documents only variables that exist")


if __name__ == "__main__":
    main()
