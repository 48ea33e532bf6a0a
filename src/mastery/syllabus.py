"""The syllabus as typed data, loaded from book/syllabus.toml."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from mastery.errors import SyllabusError

_SLUG = r"^[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$"

NonEmpty = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Defaults(_Model):
    """Prose-word budget shared by every section."""

    words_min: Annotated[int, Field(gt=0)]
    words_target_min: Annotated[int, Field(gt=0)]
    words_target_max: Annotated[int, Field(gt=0)]

    @model_validator(mode="after")
    def _ordered(self) -> Defaults:
        if not self.words_min <= self.words_target_min <= self.words_target_max:
            raise ValueError("need words_min <= words_target_min <= words_target_max")
        return self


class Section(_Model):
    """One section of the guide."""

    number: Annotated[int, Field(ge=1)]
    title: NonEmpty
    theme: NonEmpty
    slug: Annotated[str, Field(pattern=_SLUG)]
    words_min: Annotated[int, Field(gt=0)] | None = None

    @property
    def label(self) -> str:
        return f"Section {self.number}: {self.title}"

    @property
    def header(self) -> str:
        return f"# SECTION {self.number} - {self.title}"


class Part(_Model):
    """A part of the guide: a numbered group of sections."""

    number: Annotated[int, Field(ge=1)]
    numeral: NonEmpty
    title: NonEmpty
    sections: Annotated[list[Section], Field(min_length=1)]


class Syllabus(_Model):
    """The whole syllabus: the guide's title, the word budget, the parts."""

    title: NonEmpty
    defaults: Defaults
    parts: Annotated[list[Part], Field(min_length=1)]

    @property
    def sections(self) -> list[Section]:
        return [section for part in self.parts for section in part.sections]

    def section(self, number: int) -> Section:
        for section in self.sections:
            if section.number == number:
                return section
        raise KeyError(number)

    def part_of(self, number: int) -> Part:
        for part in self.parts:
            if any(section.number == number for section in part.sections):
                return part
        raise KeyError(number)

    def words_min(self, section: Section) -> int:
        return section.words_min or self.defaults.words_min


_TABLE = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\s]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _table_spans(text: str) -> dict[tuple[str | int, ...], tuple[int, int]]:
    """Map a location like ("parts", 2, "sections", 0) to its (first, last) line numbers."""
    lines = text.splitlines()
    spans: dict[tuple[str | int, ...], tuple[int, int]] = {}
    counters: dict[str, int] = {}
    current: tuple[str | int, ...] = ()
    start = 1
    part_index = -1

    def close(end: int) -> None:
        spans[current] = (start, end)

    for lineno, line in enumerate(lines, start=1):
        match = _TABLE.match(line)
        if not match:
            continue
        close(lineno - 1)
        name = match.group(1).replace(" ", "")
        if name == "parts":
            part_index += 1
            counters["sections"] = -1
            current = ("parts", part_index)
        elif name == "parts.sections":
            counters["sections"] = counters.get("sections", -1) + 1
            current = ("parts", part_index, "sections", counters["sections"])
        else:
            current = tuple(name.split("."))
        start = lineno
    close(len(lines))
    return spans


def _locate(text: str, loc: tuple[str | int, ...]) -> int | None:
    """Best line number for a validation error at loc."""
    spans = _table_spans(text)
    lines = text.splitlines()
    for cut in range(len(loc), -1, -1):
        table, rest = loc[:cut], loc[cut:]
        if table not in spans:
            continue
        first, last = spans[table]
        if rest and isinstance(rest[0], str):
            for lineno in range(first, last + 1):
                key = _KEY.match(lines[lineno - 1]) if lineno - 1 < len(lines) else None
                if key and key.group(1) == rest[0]:
                    return lineno
        return first if table else None
    return None


def _describe(loc: tuple[str | int, ...]) -> str:
    out = ""
    for item in loc:
        out += f"[{item}]" if isinstance(item, int) else (f".{item}" if out else item)
    return out or "(top level)"


def _numbering_problems(syllabus: Syllabus) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Numbering rules across entries: parts 1..n, sections 1..27 in order, unique slugs."""
    for p_index, part in enumerate(syllabus.parts):
        if part.number != p_index + 1:
            yield (
                ("parts", p_index, "number"),
                f"part numbers must run 1, 2, 3... in order: found {part.number} "
                f"where {p_index + 1} was expected",
            )
    expected = 1
    seen: set[int] = set()
    slugs: set[str] = set()
    for p_index, part in enumerate(syllabus.parts):
        for s_index, section in enumerate(part.sections):
            loc: tuple[str | int, ...] = ("parts", p_index, "sections", s_index)
            if section.number in seen:
                yield (*loc, "number"), f"duplicate section number {section.number}"
            elif section.number != expected:
                yield (
                    (*loc, "number"),
                    f"section numbers must run 1, 2, 3... in order: found {section.number} "
                    f"where {expected} was expected",
                )
            if not section.slug.startswith(f"{section.number:02d}-"):
                yield (
                    (*loc, "slug"),
                    f"slug {section.slug!r} must start with {section.number:02d}- "
                    f"(the section number)",
                )
            if section.slug in slugs:
                yield (*loc, "slug"), f"duplicate slug {section.slug!r}"
            seen.add(section.number)
            slugs.add(section.slug)
            expected += 1


def _report(text: str, source: str, problems: list[tuple[tuple[str | int, ...], str]]) -> str:
    lines = []
    for loc, message in problems:
        line = _locate(text, loc)
        where = f"{source}:{line}" if line else source
        lines.append(f"{where}: {_describe(loc)}: {message}")
    return "invalid syllabus\n" + "\n".join(lines)


def parse_syllabus(text: str, source: str = "syllabus.toml") -> Syllabus:
    """Parse and validate syllabus TOML, with errors that name the line and the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SyllabusError(f"{source}: not valid TOML: {exc}") from None
    try:
        syllabus = Syllabus.model_validate(data)
    except ValidationError as exc:
        problems = [
            (tuple(error["loc"]), error["msg"].removeprefix("Value error, "))
            for error in exc.errors()
        ]
        raise SyllabusError(_report(text, source, problems)) from None
    numbering = list(_numbering_problems(syllabus))
    if numbering:
        raise SyllabusError(_report(text, source, numbering))
    return syllabus


def load_syllabus(path: Path) -> Syllabus:
    """Load the syllabus file; every failure is a SyllabusError with a clear message."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SyllabusError(f"{path}: syllabus file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SyllabusError(f"{path}: cannot read the syllabus: {exc}") from None
    return parse_syllabus(text, source=str(path))
