"""The labelled corpus: one JSON object per line in knowledge/corpus/*.jsonl."""

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from symptom2specialist.specialties.models import SpecialtyId

Sex = Literal["female", "male"]


class CorpusError(ValueError):
    """The corpus cannot be used; the message names the file and line."""


class CorpusLine(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(min_length=1)
    specialty: SpecialtyId
    red_flag: str | None
    age: int | None = Field(ge=0, le=120)
    sex: Sex | None
    lang: Literal["en", "hinglish"]

    @property
    def stratum(self) -> str:
        """Split key: each red-flag rule, and each specialty, keeps its share in both halves."""
        return self.red_flag or self.specialty


def corpus_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.jsonl"))


def load_corpus(directory: Path) -> list[CorpusLine]:
    files = corpus_files(directory)
    if not files:
        raise CorpusError(f"no *.jsonl files in {directory}")
    lines: list[CorpusLine] = []
    for path in files:
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                lines.append(CorpusLine.model_validate(json.loads(raw)))
            except (ValueError, ValidationError) as exc:
                raise CorpusError(f"{path.name}:{number}: {exc}") from exc
    return lines


def corpus_hash(directory: Path) -> str:
    """SHA-256 over every corpus file's name and bytes, in name order."""
    digest = hashlib.sha256()
    for path in corpus_files(directory):
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()
