"""Write a section with an LLM: prompt, stream, check, retry with the findings, write atomically."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mastery.checks import Report, check_text
from mastery.errors import MasteryError
from mastery.fsutil import write_atomic
from mastery.llm import LLMError, LLMSettings, Message, stream_chat
from mastery.project import Project
from mastery.prompt import DEFAULT_BUDGET, build_prompt
from mastery.status import State, collect
from mastery.syllabus import Syllabus

MAX_RETRIES = 3
MAX_FINDINGS_IN_FEEDBACK = 40

SYSTEM = (
    "You write one section of a technical book in Markdown. You follow the given contract to the "
    "letter, because a program checks it. You answer with the section only."
)

_WRAPPED = re.compile(r"^```(?:markdown|md)?[ \t]*\n(?P<body>.*)\n```[ \t]*$", re.DOTALL)
_THINKING = re.compile(r"^\s*<think>.*?</think>\s*", re.DOTALL)


def clean_answer(text: str) -> str:
    """The section as the model meant it: no reasoning block, no fence around the whole answer."""
    text = _THINKING.sub("", text).strip()
    wrapped = _WRAPPED.match(text)
    if wrapped:
        text = wrapped.group("body").strip()
    return text + "\n"


def feedback(report: Report, where: str) -> str:
    errors = report.errors
    lines = [
        f"A program checked your draft against the contract and found {len(errors)} problem(s):",
        "",
    ]
    lines.extend(f"- {finding.render(where)}" for finding in errors[:MAX_FINDINGS_IN_FEEDBACK])
    if len(errors) > MAX_FINDINGS_IN_FEEDBACK:
        lines.append(f"- ... and {len(errors) - MAX_FINDINGS_IN_FEEDBACK} more")
    lines.append("")
    lines.append(
        "Rewrite the whole section so that every rule passes. Keep what was good. Answer with "
        "the complete section only."
    )
    return "\n".join(lines)


@dataclass(frozen=True)
class Outcome:
    path: Path
    attempts: int
    report: Report
    written: bool
    previous: Path | None  # where the replaced file was kept, if there was one


class GenerationFailed(MasteryError):
    pass


def _keep_previous(project: Project, path: Path) -> Path | None:
    """Keep a copy of the file about to be replaced (a draft, or a section replaced by --force)."""
    if not path.is_file():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    backup = project.state_dir / "replaced" / f"{path.stem}.{stamp}.md"
    write_atomic(backup, path.read_text(encoding="utf-8"))
    return backup


def _log(path: Path, record: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(record, sort_keys=True) + "\n")


def generate(
    project: Project,
    syllabus: Syllabus,
    settings: LLMSettings,
    number: int | None = None,
    *,
    force: bool = False,
    retries: int = MAX_RETRIES,
    budget: int = DEFAULT_BUDGET,
    on_attempt: Callable[[int], None] = lambda _attempt: None,
    on_delta: Callable[[str], None] = lambda _text: None,
) -> Outcome:
    """Generate one section; raise MasteryError (nothing written) when it cannot."""
    retries = max(0, min(retries, MAX_RETRIES))
    prompt = build_prompt(project, syllabus, number, budget=budget)
    section = prompt.section
    path = project.section_file(section.slug)
    state = next(s.state for s in collect(project, syllabus) if s.section == section)
    if state is State.COMPLETE and not force:
        raise MasteryError(
            f"Section {section.number} is complete ({project.relative(path)}): "
            "use --force to replace it"
        )
    log = project.state_dir / "generate.log"
    messages: list[Message] = [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": prompt.text},
    ]
    where = project.relative(path)
    report: Report | None = None
    draft: Path | None = None
    for attempt in range(1, retries + 2):
        on_attempt(attempt)
        record: dict[str, Any] = {
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
            "section": section.number,
            "model": settings.model,
            "attempt": attempt,
        }
        started = time.perf_counter()
        try:
            completion = stream_chat(settings, messages, on_delta)
        except LLMError as exc:
            record |= {
                "outcome": "error",
                "message": exc.message,
                "seconds": round(time.perf_counter() - started, 3),
            }
            _log(log, record)
            raise
        text = clean_answer(completion.text)
        report = check_text(project, syllabus, section, text, path)
        record |= {
            "tokens_in": completion.prompt_tokens,
            "tokens_out": completion.completion_tokens,
            "tokens_estimated": completion.tokens_estimated,
            "seconds": round(completion.seconds, 3),
            "errors": len(report.errors),
            "outcome": "written" if report.passed else "check_failed",
        }
        _log(log, record)
        if report.passed:
            backup = _keep_previous(project, path)
            write_atomic(path, text)
            return Outcome(path, attempt, report, True, backup)
        draft = project.state_dir / "drafts" / f"{section.slug}.attempt-{attempt}.md"
        write_atomic(draft, text)
        messages = [
            *messages,
            {"role": "assistant", "content": completion.text},
            {"role": "user", "content": feedback(report, where)},
        ]
    assert report is not None
    raise GenerationFailed(
        f"Section {section.number}: {retries + 1} attempt(s) still fail the contract "
        f"({len(report.errors)} error(s) in the last); nothing written to {where}. "
        f"The last draft is {project.relative(draft) if draft else '-'}"
    )
