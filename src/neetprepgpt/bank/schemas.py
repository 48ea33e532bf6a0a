"""The shape of the bank's YAML files, validated strictly before anything touches the database."""

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from neetprepgpt.questions.models import Difficulty, QuestionFormat
from neetprepgpt.questions.schemas import (
    LongText,
    OptionLabel,
    Options,
    QuestionId,
    Slug,
    Text,
)

# A question id names its subject: PHY-001 is physics. Stable forever once published.
ID_PREFIX = {"physics": "PHY", "chemistry": "CHE", "botany": "BOT", "zoology": "ZOO"}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ChapterEntry(Strict):
    slug: Slug
    class_level: Literal[11, 12] = Field(alias="class")
    name: Text


class SubjectEntry(Strict):
    key: Slug
    name: Text
    chapters: list[ChapterEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def slugs_unique(self) -> "SubjectEntry":
        slugs = [chapter.slug for chapter in self.chapters]
        duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        if duplicates:
            raise ValueError(f"chapter slugs repeat within {self.key}: {', '.join(duplicates)}")
        return self


class ChaptersFile(Strict):
    subjects: list[SubjectEntry] = Field(min_length=1)


class BankQuestion(Strict):
    """One question as written in `questions/<subject>.yaml`."""

    id: QuestionId
    chapter: Slug
    difficulty: Difficulty
    format: QuestionFormat
    stem: LongText
    options: Options
    answer: OptionLabel
    explanation: LongText

    def content_hash(self) -> str:
        """A fingerprint of the content, so re-seeding can tell an edited question apart."""
        content = self.model_dump(mode="json", exclude={"id"})
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()
