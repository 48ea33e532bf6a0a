"""Progress over the whole syllabus: which sections are missing, drafts or complete."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mastery.checks import Report, check_section
from mastery.project import Project
from mastery.syllabus import Section, Syllabus


class State(StrEnum):
    MISSING = "missing"
    DRAFT = "draft"
    COMPLETE = "complete"


@dataclass(frozen=True)
class SectionStatus:
    section: Section
    report: Report

    @property
    def state(self) -> State:
        if not self.report.exists:
            return State.MISSING
        return State.COMPLETE if self.report.passed else State.DRAFT

    @property
    def listings_summary(self) -> str:
        listings = self.report.listings
        if not self.report.exists or not listings:
            return "-"
        bad = len({f.line for f in self.report.listing_errors})
        return f"{len(listings)} ok" if bad == 0 else f"{len(listings) - bad}/{len(listings)} ok"

    def why_complete(self) -> str:
        report = self.report
        listings = len(report.listings)
        return (
            f"Section {self.section.number} ({self.section.title}): the file exists, passes "
            f"every contract rule with {report.words} words of prose"
            + (f" and {listings} listing(s) that match their files" if listings else "")
        )


def collect(project: Project, syllabus: Syllabus) -> list[SectionStatus]:
    """The status of every section, in syllabus order."""
    return [
        SectionStatus(section, check_section(project, syllabus, section))
        for section in syllabus.sections
    ]


def next_section(statuses: list[SectionStatus]) -> tuple[SectionStatus | None, list[SectionStatus]]:
    """The first section that is not complete, and the complete ones before it."""
    before: list[SectionStatus] = []
    for status in statuses:
        if status.state is not State.COMPLETE:
            return status, before
        before.append(status)
    return None, before
