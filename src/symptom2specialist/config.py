"""Settings, from the environment (prefix SYMPTOM2SPECIALIST_) or a .env file."""

from pathlib import Path

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from servicekit.settings import ServiceSettings
from symptom2specialist.classifier.artifact import MODEL_DIR
from symptom2specialist.knowledge import KNOWLEDGE_DIR


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="SYMPTOM2SPECIALIST_", env_file=".env", extra="ignore"
    )

    model_dir: Path = MODEL_DIR
    knowledge_dir: Path = KNOWLEDGE_DIR
    low_confidence: float = Field(
        default=0.40, gt=0, lt=1, description="Below this top confidence: General Physician first."
    )
    caution: float = Field(
        default=0.35,
        gt=0,
        le=1,
        description="Emergency-like wording without a red flag raises urgency to 24 hours.",
    )
    retention_hours: int = Field(
        default=72, gt=0, description="Conversations untouched this long are deleted."
    )
    purge_interval_seconds: float = Field(default=3600, gt=0)
    max_messages: int = Field(default=20, gt=0, description="Messages per conversation.")
    max_frame_bytes: int = Field(default=16_384, gt=0, description="Largest WebSocket frame.")
    chat_idle_seconds: float = Field(
        default=600, gt=0, description="A chat silent this long is closed (1001)."
    )
    inference_threads: int = Field(
        default=2, gt=0, description="Worker threads for triage (CPU-bound; keep near cores)."
    )
    migrate_on_startup: bool = True
