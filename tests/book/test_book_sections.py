"""Every section file of the guide passes `mastery check` (messages shown on failure)."""

from __future__ import annotations

import pytest
from book_services import ROOT

from mastery.checks import check_section
from mastery.project import Project
from mastery.syllabus import load_syllabus

PROJECT = Project(ROOT)
SYLLABUS = load_syllabus(PROJECT.syllabus_file)
WRITTEN = [s for s in SYLLABUS.sections if PROJECT.section_file(s.slug).is_file()]


def test_every_section_file_is_in_the_syllabus() -> None:
    known = {f"{s.slug}.md" for s in SYLLABUS.sections}
    strays = (
        sorted(p.name for p in PROJECT.sections_dir.glob("*.md") if p.name not in known)
        if PROJECT.sections_dir.is_dir()
        else []
    )
    assert not strays, f"section files with no syllabus entry (check the slug): {strays}"


@pytest.mark.parametrize("section", WRITTEN, ids=[s.slug for s in WRITTEN])
def test_section_passes_the_contract(section: object) -> None:
    from mastery.syllabus import Section

    assert isinstance(section, Section)
    report = check_section(PROJECT, SYLLABUS, section)
    where = PROJECT.relative(report.path)
    messages = "\n".join(f.render(where) for f in report.errors)
    assert report.passed, f"{len(report.errors)} contract error(s):\n{messages}"
