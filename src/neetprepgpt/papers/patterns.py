"""Paper patterns, read from `bank/data/patterns.yaml` and validated once."""

from functools import cache
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, Field

from neetprepgpt.attempts.scoring import MarkingScheme
from neetprepgpt.bank.loader import load_yaml

PATTERNS_FILE = Path(__file__).parents[1] / "bank" / "data" / "patterns.yaml"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    subject: str
    questions: int = Field(gt=0)


class Marking(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    correct: int = Field(gt=0, examples=[4])
    wrong: int = Field(le=0, examples=[-1])
    unanswered: int = Field(examples=[0])

    def scheme(self) -> MarkingScheme:
        return MarkingScheme(self.correct, self.wrong, self.unanswered)


class Pattern(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    duration_minutes: int = Field(ge=0)
    marking: Marking
    sections: list[Section]

    @property
    def question_count(self) -> int:
        return sum(section.questions for section in self.sections)


class PatternsFile(BaseModel):
    patterns: list[Pattern]


@cache
def patterns() -> MappingProxyType[str, Pattern]:
    """Read once and shared by every caller, so read-only: nobody can change it for the rest."""
    data = PatternsFile.model_validate(load_yaml(PATTERNS_FILE.read_text(encoding="utf-8")))
    return MappingProxyType({pattern.code: pattern for pattern in data.patterns})


MOCK_PATTERN = "NEET_2025"
PRACTICE_PATTERN = "PRACTICE"
