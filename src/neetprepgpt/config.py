"""NEETPrepGPT's settings: the shared base plus what only this service needs."""

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from neetprepgpt.bank.loader import DATA_DIR
from servicekit.settings import ServiceSettings

SERVICE_NAME = "neetprepgpt"


class Settings(ServiceSettings):
    """Read from `NEETPREPGPT_*` environment variables (and `.env`)."""

    model_config = SettingsConfigDict(env_prefix="NEETPREPGPT_", env_file=".env", extra="ignore")

    bootstrap_on_startup: bool | None = Field(
        default=None,
        description=(
            "Migrate to head and seed the bank when the app starts. Unset means: only for the "
            "embedded SQLite database (a PostgreSQL deployment migrates as a release step)."
        ),
    )
    bank_dir: Path = Field(
        default=DATA_DIR, description="Where chapters.yaml and questions/*.yaml are read from."
    )
    autosave_grace_seconds: int = Field(
        default=30,
        ge=0,
        le=300,
        description="How long after the deadline a save in flight is still accepted.",
    )

    editor_token: SecretStr | None = Field(
        default=None,
        min_length=16,
        description=(
            "The credential for the bank's editorial surface (keys, explanations, edits), sent "
            "as X-Editor-Token. Unset: editorial access is disabled for everyone."
        ),
    )

    def database(self) -> str:
        return self.resolved_database_url(SERVICE_NAME)

    def should_bootstrap(self) -> bool:
        if self.bootstrap_on_startup is not None:
            return self.bootstrap_on_startup
        return not self.database_url
