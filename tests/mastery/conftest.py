"""Shared fixtures for the guide engine's tests: a small repository to check and mutate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mastery.project import Project
from mastery.syllabus import Syllabus, load_syllabus

FIXTURES = Path(__file__).parent / "fixtures"
GOOD_SLUG = "01-introduction-and-overview"


@pytest.fixture
def repo(tmp_path: Path) -> Project:
    """A private copy of the fixture repository (safe to edit in a test)."""
    root = tmp_path / "repo"
    shutil.copytree(FIXTURES / "repo", root)
    return Project(root)


@pytest.fixture
def syllabus(repo: Project) -> Syllabus:
    return load_syllabus(repo.syllabus_file)


@pytest.fixture
def good_text(repo: Project) -> str:
    return repo.section_file(GOOD_SLUG).read_text(encoding="utf-8")
