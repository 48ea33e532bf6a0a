"""Settings every service has, read from the environment (and `.env`) by pydantic-settings."""

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings

DEFAULT_DATA_DIR = Path("var")


class ServiceSettings(BaseSettings):
    """Base settings; each service subclasses it with its own `env_prefix`."""

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = Field(
        default="",
        description="SQLAlchemy async URL. Empty means the embedded SQLite file under data_dir.",
    )
    data_dir: Path = DEFAULT_DATA_DIR
    max_body_bytes: int = Field(default=1_000_000, gt=0)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_json: bool = False
    sql_echo: bool = False
    db_pool_timeout_seconds: float = Field(
        default=10.0,
        gt=0,
        le=120,
        description="How long a request waits for a pooled connection before a 503.",
    )
    db_busy_timeout_ms: int = Field(
        default=5000,
        ge=0,
        le=60_000,
        description="SQLite only: how long a writer waits for another process's lock.",
    )

    def resolved_database_url(self, service_name: str) -> str:
        """The configured URL, or an embedded SQLite file named after the service."""
        if self.database_url:
            return self.database_url
        self.data_dir.mkdir(parents=True, exist_ok=True)
        return f"sqlite+aiosqlite:///{self.data_dir / f'{service_name}.db'}"
