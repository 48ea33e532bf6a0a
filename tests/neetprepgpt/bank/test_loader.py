"""The bank's files: the real ones must be valid, and a bad file is named precisely."""

from pathlib import Path

import pytest

from neetprepgpt.bank.loader import (
    DATA_DIR,
    Bank,
    BankError,
    load_bank,
    load_chapters,
    load_questions,
)

FIXTURE_BANK = Path(__file__).parents[1] / "fixtures" / "bank"

GOOD = """
- id: PHY-010
  chapter: gravitation
  difficulty: easy
  format: single
  stem: A valid question stem, long enough.
  options: {A: one, B: two, C: three, D: four}
  answer: A
  explanation: A valid explanation here.
"""


def write_bank(tmp_path: Path, physics: str) -> Path:
    (tmp_path / "questions").mkdir()
    (tmp_path / "chapters.yaml").write_text((FIXTURE_BANK / "chapters.yaml").read_text())
    (tmp_path / "questions" / "physics.yaml").write_text(physics)
    return tmp_path


def problems(tmp_path: Path, physics: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        load_bank(write_bank(tmp_path, physics))
    return caught.value.problems


def test_fixture_bank_loads() -> None:
    bank = load_bank(FIXTURE_BANK)
    assert [s.subject for s in bank.subjects] == ["physics", "chemistry", "botany", "zoology"]
    assert bank.question_count() == 9
    assert bank.subjects[0].source == "questions/physics.yaml"


@pytest.fixture(scope="module")
def real_bank() -> Bank:
    return load_bank(DATA_DIR)  # raises with every problem listed if anything is wrong


def test_real_bank_is_valid_and_complete(real_bank: Bank) -> None:
    bank = real_bank
    counts = {s.subject: len(s.questions) for s in bank.subjects}
    assert set(counts) == {"physics", "chemistry", "botany", "zoology"}
    assert all(count >= 45 for count in counts.values()), counts  # a full mock needs 45 each
    ids = [q.id for s in bank.subjects for q in s.questions]
    assert len(ids) == len(set(ids))


def test_real_bank_keys_and_options(real_bank: Bank) -> None:
    bank = real_bank
    chapters = {(s.key, c.slug) for s in bank.chapters.subjects for c in s.chapters}
    for subject in bank.subjects:
        for question in subject.questions:
            assert (subject.subject, question.chapter) in chapters
            assert question.answer in question.options
            texts = [" ".join(t.lower().split()) for t in question.options.values()]
            assert len(set(texts)) == 4, question.id


def test_real_chapters_file_is_valid() -> None:
    chapters = load_chapters(DATA_DIR / "chapters.yaml")
    assert [s.key for s in chapters.subjects] == ["physics", "chemistry", "botany", "zoology"]


def test_unknown_chapter_names_file_id_and_field(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("gravitation", "astrology"))
    assert found == [
        "physics.yaml: question PHY-010: chapter: 'astrology' is not a physics chapter"
    ]


def test_answer_outside_options_is_named(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("answer: A", "answer: E"))
    assert len(found) == 1
    assert found[0].startswith("physics.yaml: question PHY-010: answer: ")


def test_duplicate_option_text_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("B: two", "B: ONE"))
    assert found == [
        "physics.yaml: question PHY-010: options: Value error, two options have the same text"
    ]


def test_missing_option_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace(", D: four", ""))
    assert "missing D" in found[0]


def test_duplicate_ids_and_wrong_prefix(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD + GOOD + GOOD.replace("PHY-010", "CHE-010"))
    assert "physics.yaml: question PHY-010: id: used twice in this file" in found
    assert "physics.yaml: question CHE-010: id: must start with PHY- in the physics file" in found


def test_unknown_field_and_bad_enum(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("difficulty: easy", "difficulty: brutal\n  extra: 1"))
    assert any(p.startswith("physics.yaml: question PHY-010: difficulty:") for p in found)
    assert any(p.startswith("physics.yaml: question PHY-010: extra:") for p in found)


def test_broken_yaml_and_wrong_top_level(tmp_path: Path) -> None:
    found = problems(tmp_path, "- id: [unclosed")
    assert found[0].startswith("physics.yaml: not valid YAML")
    other = tmp_path / "other"
    other.mkdir()
    assert problems(other, "id: PHY-001") == [
        "physics.yaml: expected a list of questions at the top level"
    ]


def test_empty_file_means_no_questions(tmp_path: Path) -> None:
    chapters = load_chapters(FIXTURE_BANK / "chapters.yaml")
    path = tmp_path / "physics.yaml"
    path.write_text("")
    assert load_questions(path, "physics", chapters) == []
