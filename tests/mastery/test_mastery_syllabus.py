"""The syllabus loader: the real file loads; a malformed one names the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from mastery.errors import SyllabusError
from mastery.syllabus import load_syllabus, parse_syllabus

REAL = Path(__file__).resolve().parents[2] / "book" / "syllabus.toml"


def test_real_syllabus_has_27_sections_in_8_parts() -> None:
    syllabus = load_syllabus(REAL)
    assert [s.number for s in syllabus.sections] == list(range(1, 28))
    assert len(syllabus.parts) == 8
    first = syllabus.section(1)
    assert first.title == "Introduction & Overview"
    assert first.theme == "From Framework Learner to System Architect"
    assert syllabus.part_of(27).numeral == "VIII"


@pytest.fixture
def text() -> str:
    return REAL.read_text(encoding="utf-8")


def _error(text: str) -> str:
    with pytest.raises(SyllabusError) as caught:
        parse_syllabus(text, source="s.toml")
    assert caught.value.exit_code == 2
    return caught.value.message


def _line(text: str, needle: str, occurrence: int = 1) -> int:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def test_bad_toml(text: str) -> None:
    assert "s.toml: not valid TOML" in _error(text + "\nbroken = [\n")


def test_missing_field_names_line_and_field(text: str) -> None:
    broken = text.replace('theme = "Turning Python', 'them = "Turning Python')
    message = _error(broken)
    line = _line(broken, 'them = "Turning')
    assert "parts[1].sections[1].theme: Field required" in message
    assert f"s.toml:{line}: parts[1].sections[1].them: Extra inputs" in message


def test_wrong_type(text: str) -> None:
    message = _error(text.replace("words_min = 3500", 'words_min = "many"'))
    assert "s.toml:8: defaults.words_min: Input should be a valid integer" in message


def test_duplicate_number(text: str) -> None:
    broken = text.replace("number = 5\n", "number = 4\n", 1)
    message = _error(broken)
    assert f"s.toml:{_line(broken, 'number = 4', 2)}: parts[1].sections[0].number" in message
    assert "duplicate section number 4" in message


def test_numbering_gap(text: str) -> None:
    message = _error(text.replace("number = 9\n", "number = 10\n", 1))
    assert "found 10 where 9 was expected" in message


def test_slug_must_carry_the_number(text: str) -> None:
    message = _error(text.replace('slug = "03-', 'slug = "04-'))
    assert "must start with 03-" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SyllabusError, match="syllabus file not found"):
        load_syllabus(tmp_path / "nope.toml")
