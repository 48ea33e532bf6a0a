"""Every rule of book/CONVENTIONS.md, one module per family of rules."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mastery.checks.callouts import check_callouts
from mastery.checks.code import check_fences
from mastery.checks.conclusion import check_conclusion
from mastery.checks.content import check_teaching_blocks, check_words
from mastery.checks.model import Context, Finding, Severity
from mastery.checks.projects import check_projects
from mastery.checks.structure import check_header, check_theme_and_mindset, check_topics
from mastery.document import Document, MarkerKind, parse
from mastery.project import Project
from mastery.syllabus import Section, Syllabus

__all__ = ["Finding", "Report", "Severity", "check_section", "check_text"]

Rule = Callable[[Context], Iterable[Finding]]

RULES: tuple[Rule, ...] = (
    check_header,
    check_theme_and_mindset,
    check_topics,
    check_conclusion,
    check_callouts,
    check_projects,
    check_teaching_blocks,
    check_words,
    check_fences,
)


@dataclass(frozen=True)
class Report:
    """The outcome of checking one section."""

    section: Section
    path: Path
    exists: bool
    findings: tuple[Finding, ...] = ()
    words: int = 0
    listings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def passed(self) -> bool:
        return self.exists and not self.errors

    @property
    def listing_errors(self) -> list[Finding]:
        return [f for f in self.errors if f.rule == "code" and "listing" in f.message]


def _listings(doc: Document) -> tuple[str, ...]:
    return tuple(
        marker.path
        for fence in doc.fences
        for marker in fence.markers
        if marker.kind is MarkerKind.LISTING and marker.path
    )


def _run(ctx: Context) -> Iterator[Finding]:
    for rule in RULES:
        yield from rule(ctx)


def check_text(
    project: Project, syllabus: Syllabus, section: Section, text: str, path: Path | None = None
) -> Report:
    """Check Markdown text as if it were the section's file (or `path`)."""
    where = path or project.section_file(section.slug)
    doc = parse(text)
    ctx = Context(project, syllabus, section, where, doc)
    findings = sorted(_run(ctx), key=lambda f: (f.line or 0, f.rule))
    return Report(section, where, True, tuple(findings), doc.prose_words, _listings(doc))


def check_section(project: Project, syllabus: Syllabus, section: Section) -> Report:
    """Check the section's file; a missing file is a report with exists=False."""
    path = project.section_file(section.slug)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Report(section, path, False)
    except (OSError, UnicodeDecodeError) as exc:
        finding = Finding("file", f"cannot read the file: {exc}")
        return Report(section, path, True, (finding,))
    return check_text(project, syllabus, section, text, path)
