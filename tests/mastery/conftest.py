"""Shared fixtures for the guide engine's tests: a small repository to check and mutate."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from mastery.project import Project
from mastery.syllabus import Syllabus, load_syllabus

FIXTURES = Path(__file__).parent / "fixtures"
# Helper modules in support/ (mastery_llm_server) import by name under any --import-mode.
sys.path.insert(0, str(Path(__file__).parent / "support"))
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


def rewrite_for(good: str, number: int, title: str, theme: str) -> str:
    """The good fixture section rewritten as another section (its listing becomes a fragment)."""
    text = good.replace("# SECTION 1 - Introduction & Overview", f"# SECTION {number} - {title}")
    text = text.replace("From Framework Learner to System Architect", theme)
    text = text.replace("<!-- listing: book/listings/s01/hello.py -->", "<!-- fragment -->")
    docstring = '"""Count the questions per subject: a complete program the tests run."""'
    text = text.replace(docstring + "\n\n", "")
    return text.replace("```text\nbiology 2\nchemistry 1\nphysics 1\n```\n", "")


@pytest.fixture
def good_section_2(good_text: str) -> str:
    return rewrite_for(
        good_text,
        2,
        "Python Refresher for Production-Grade APIs",
        "Master the Language Before Commanding the Framework",
    )
