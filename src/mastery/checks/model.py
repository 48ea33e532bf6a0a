"""Findings and the context every check reads."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from mastery.document import Document
from mastery.project import Project
from mastery.syllabus import Section, Syllabus


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One broken rule, with the line it points at (None for the whole file)."""

    rule: str
    message: str
    line: int | None = None
    severity: Severity = Severity.ERROR

    def render(self, path: str) -> str:
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.severity}: [{self.rule}] {self.message}"


@dataclass(frozen=True)
class Context:
    """A section to check: its syllabus entry, its file location and its parsed text."""

    project: Project
    syllabus: Syllabus
    section: Section
    path: Path
    doc: Document

    def error(self, rule: str, message: str, line: int | None = None) -> Finding:
        return Finding(rule, message, line)

    def warning(self, rule: str, message: str, line: int | None = None) -> Finding:
        return Finding(rule, message, line, Severity.WARNING)
