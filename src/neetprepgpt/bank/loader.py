"""Read and validate the bank's files. Every problem is reported with its file, id and field."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from neetprepgpt.bank.schemas import ID_PREFIX, BankQuestion, ChaptersFile

DATA_DIR = Path(__file__).parent / "data"

# libyaml's safe loader is several times faster than the pure-Python one; both are safe.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML safely (no arbitrary objects), with libyaml when it is installed."""
    return yaml.load(text, Loader=SafeLoader)


class BankError(Exception):
    """The bank's files are invalid; `problems` lists every issue found, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class SubjectQuestions:
    subject: str
    source: str  # the file, relative to the data dir: recorded as provenance
    questions: list[BankQuestion]


@dataclass(frozen=True)
class Bank:
    chapters: ChaptersFile
    subjects: list[SubjectQuestions] = field(default_factory=list)

    def question_count(self) -> int:
        return sum(len(subject.questions) for subject in self.subjects)


def _read_yaml(path: Path) -> Any:
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise BankError([f"{path.name}: not valid YAML: {exc}"]) from exc


def _describe(error: Any) -> str:
    location = ".".join(str(part) for part in error["loc"]) or "(question)"
    return f"{location}: {error['msg']}"


def load_chapters(path: Path) -> ChaptersFile:
    try:
        return ChaptersFile.model_validate(_read_yaml(path))
    except ValidationError as exc:
        raise BankError([f"{path.name}: {_describe(e)}" for e in exc.errors()]) from exc


def load_questions(path: Path, subject: str, chapters: ChaptersFile) -> list[BankQuestion]:
    """Validate one subject's file: shape, id prefix, known chapter, and unique ids."""
    raw = _read_yaml(path)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise BankError([f"{path.name}: expected a list of questions at the top level"])
    known = {c.slug for s in chapters.subjects if s.key == subject for c in s.chapters}
    prefix = ID_PREFIX.get(subject, "")
    problems: list[str] = []
    questions: list[BankQuestion] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        label = item.get("id") if isinstance(item, dict) else None
        where = f"{path.name}: question {label or f'#{index}'}"
        try:
            question = BankQuestion.model_validate(item)
        except ValidationError as exc:
            problems.extend(f"{where}: {_describe(e)}" for e in exc.errors())
            continue
        if not question.id.startswith(prefix + "-"):
            problems.append(f"{where}: id: must start with {prefix}- in the {subject} file")
        if question.chapter not in known:
            problems.append(f"{where}: chapter: {question.chapter!r} is not a {subject} chapter")
        if question.id in seen:
            problems.append(f"{where}: id: used twice in this file")
        seen.add(question.id)
        questions.append(question)
    if problems:
        raise BankError(problems)
    return questions


def load_bank(data_dir: Path = DATA_DIR) -> Bank:
    """The chapters and every subject's questions; a missing subject file means no questions."""
    chapters = load_chapters(data_dir / "chapters.yaml")
    subjects: list[SubjectQuestions] = []
    problems: list[str] = []
    for subject in chapters.subjects:
        path = data_dir / "questions" / f"{subject.key}.yaml"
        if not path.exists():
            continue
        try:
            questions = load_questions(path, subject.key, chapters)
        except BankError as exc:
            problems.extend(exc.problems)
            continue
        source = path.relative_to(data_dir).as_posix()
        subjects.append(SubjectQuestions(subject.key, source, questions))
    if problems:
        raise BankError(problems)
    return Bank(chapters, subjects)
