"""Where a setting comes from: defaults < .env file < environment < arguments.

Uses NEETPrepGPT's real `Settings` (src/neetprepgpt/config.py) and the guide engine's
`LLMSettings` (src/mastery/llm.py). Every variable it sets is removed first and restored at
the end, and every .env file lives in a temporary directory, so your own .env is never read.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mastery.llm import LLMSettings
from neetprepgpt.config import Settings

PREFIXES = ("NEETPREPGPT_", "MASTERY_LLM_")


@contextmanager
def clean_environment() -> Iterator[None]:
    """Hide every variable with our prefixes for the duration, then put them back."""
    saved = {k: v for k, v in os.environ.items() if k.upper().startswith(PREFIXES)}
    for name in saved:
        del os.environ[name]
    try:
        yield
    finally:
        for name in [k for k in os.environ if k.upper().startswith(PREFIXES)]:
            del os.environ[name]
        os.environ.update(saved)


@contextmanager
def working_directory(path: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def show(source: str, settings: Settings) -> None:
    print(
        f"{source:<30} grace={settings.autosave_grace_seconds:<3} "
        f"log_level={settings.log_level:<7} environment={settings.environment}"
    )


def precedence(tmp: Path) -> None:
    env_file = tmp / "layers.env"

    defaults = Settings(_env_file=None)
    show("1. class defaults", defaults)
    assert (defaults.autosave_grace_seconds, defaults.log_level) == (30, "INFO")

    env_file.write_text(
        "# a .env file: KEY=value lines, comments allowed\n"
        "NEETPREPGPT_AUTOSAVE_GRACE_SECONDS=45\n"
        "NEETPREPGPT_LOG_LEVEL=DEBUG\n"
        "MASTERY_LLM_MODEL=only-the-engine-reads-this\n",
        encoding="utf-8",
    )
    from_file = Settings(_env_file=env_file)
    show("2. .env beats defaults", from_file)
    assert (from_file.autosave_grace_seconds, from_file.log_level) == (45, "DEBUG")

    os.environ["NEETPREPGPT_AUTOSAVE_GRACE_SECONDS"] = "60"
    os.environ["NEETPREPGPT_ENVIRONMENT"] = "test"
    from_env = Settings(_env_file=env_file)
    show("3. environment beats .env", from_env)
    assert from_env.autosave_grace_seconds == 60
    assert from_env.log_level == "DEBUG"  # still from the file: layers merge per field
    assert from_env.environment == "test"

    explicit = Settings(_env_file=env_file, autosave_grace_seconds=90)
    show("4. argument beats environment", explicit)
    assert explicit.autosave_grace_seconds == 90

    os.environ["AUTOSAVE_GRACE_SECONDS"] = "5"  # no prefix: not this service's variable
    assert Settings(_env_file=env_file).autosave_grace_seconds == 60
    del os.environ["AUTOSAVE_GRACE_SECONDS"]
    print("a variable without the NEETPREPGPT_ prefix is ignored")


def relative_env_file(tmp: Path) -> None:
    """`env_file=".env"` is relative to the working directory, not to the code."""
    project = tmp / "project"
    elsewhere = tmp / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    (project / ".env").write_text("NEETPREPGPT_LOG_LEVEL=WARNING\n", encoding="utf-8")
    with working_directory(project):
        assert Settings().log_level == "WARNING"
    with working_directory(elsewhere):
        assert Settings().log_level == "INFO"  # the .env silently did not apply
    print("from another directory, the same code never sees the .env file")


def secrets(tmp: Path) -> None:
    os.environ["MASTERY_LLM_BASE_URL"] = "http://127.0.0.1:11434/v1"
    os.environ["MASTERY_LLM_MODEL"] = "local-model"
    os.environ["MASTERY_LLM_API_KEY"] = "sk-test-not-a-real-key"
    llm = LLMSettings(_env_file=None)
    assert llm.api_key is not None
    print(f"api_key in repr: {llm.api_key!r}")
    print(f"api_key in JSON: {llm.model_dump_json(include={'api_key'})}")
    assert "sk-test" not in repr(llm)
    assert "sk-test" not in llm.model_dump_json()
    assert llm.api_key.get_secret_value() == "sk-test-not-a-real-key"
    print("the real value only through get_secret_value()")


def main() -> None:
    with clean_environment(), tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        os.environ["NEETPREPGPT_DATA_DIR"] = str(tmp / "var")  # nothing written to the repo
        precedence(tmp)
        relative_env_file(tmp)
        secrets(tmp)


if __name__ == "__main__":
    main()
