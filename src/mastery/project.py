"""Where things live in the repository."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mastery.errors import MasteryError


@dataclass(frozen=True)
class Project:
    """The paths of one checkout of the guide."""

    root: Path

    @property
    def book(self) -> Path:
        return self.root / "book"

    @property
    def syllabus_file(self) -> Path:
        return self.book / "syllabus.toml"

    @property
    def sections_dir(self) -> Path:
        return self.book / "sections"

    @property
    def listings_dir(self) -> Path:
        return self.book / "listings"

    @property
    def mkdocs_file(self) -> Path:
        return self.book / "mkdocs.yml"

    @property
    def var(self) -> Path:
        return self.root / "var"

    @property
    def build_dir(self) -> Path:
        return self.var / "build"

    @property
    def state_dir(self) -> Path:
        return self.var / "mastery"

    def section_file(self, slug: str) -> Path:
        return self.sections_dir / f"{slug}.md"

    def relative(self, path: Path) -> str:
        """The path relative to the root when it is inside, else as given."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def _looks_like_root(path: Path) -> bool:
    return (path / "book" / "syllabus.toml").is_file() and (path / "pyproject.toml").is_file()


def find_project(start: Path | None = None) -> Project:
    """Find the checkout: MASTERY_ROOT, then the working directory and its parents."""
    env = os.environ.get("MASTERY_ROOT")
    if env:
        root = Path(env).resolve()
        if not _looks_like_root(root):
            raise MasteryError(f"MASTERY_ROOT={env} has no book/syllabus.toml and pyproject.toml")
        return Project(root)
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if _looks_like_root(candidate):
            return Project(candidate)
    package_root = Path(__file__).resolve().parents[2]
    if _looks_like_root(package_root):
        return Project(package_root)
    raise MasteryError(
        "cannot find the guide: run mastery inside the repository "
        "(a folder with book/syllabus.toml) or set MASTERY_ROOT"
    )
