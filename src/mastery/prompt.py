"""The generation prompt, in the shape of the brief: role, syllabus, progress, task, format."""

from __future__ import annotations

from dataclasses import dataclass

from mastery.errors import MasteryError
from mastery.project import Project
from mastery.status import SectionStatus, State, collect, next_section
from mastery.summaries import FULL, TITLE, summarize
from mastery.syllabus import Section, Syllabus
from mastery.tokens import estimate_tokens, last_words

DEFAULT_BUDGET = 24_000
DEFAULT_TAIL_WORDS = 300
MAX_LISTED_FILES = 150

ROLE = """\
# ROLE

You are a senior backend architect who also teaches. You are writing one section of the book
"{title}": a production-grade guide to FastAPI that builds mental models, architectural judgement
and professional habits, not just syntax. Your voice is that of an experienced mentor: direct,
warm, precise and motivating, with no filler. Every idea lands in the reader's two real projects:
NEETPrepGPT (NEET-UG exam preparation with AI) and the Symptom2Specialist Bot (from symptoms to the
right medical specialist, red flags first). The guide is correct for today's stack: FastAPI 0.16x,
Pydantic 2, SQLAlchemy 2 async with typed Mapped[] and select(), pydantic-settings, lifespan and
Annotated dependencies."""

TASK = """\
# YOUR TASK

1. Read the roadmap and what is already written, so that you continue the book rather than
   repeat it.
2. The section to write now is **Section {number}: {title}**, theme "{theme}" (Part {numeral}:
   {part}).
3. Write that whole section, complete and ready to publish, and nothing else: no preamble, no
   closing remarks, no surrounding code fence. Start with its header line."""

FORMAT = """\
# FORMAT AND STYLE

- Header: the first line is exactly `{header}`.
- Theme and Mindset: right after the header, the theme word for word as
  `**Theme:** "{theme}"`, then a `**Mindset:**` paragraph on the mental shift it asks for.
- Structure: numbered main topics as `## 1. Why This Section Matters`, `## 2. ...` and so on,
  ending with `## N. Conclusion`.
- Teach with Markdown: tables for comparisons and trade-offs, code blocks for what can be shown
  in code, bullet lists for steps.
- Call-outs as blockquotes with a bold label: Expert Insight, Architect's Reflection, Thinking
  Trigger, Real-World Insight, What the Future Holds, How to Be the Best.
- Tie the ideas to NEETPrepGPT and the Symptom2Specialist Bot explicitly, and link their real
  files with relative links from `book/sections/` (that is, `../../src/...`).
- Conclusion: Reflective Prompts (questions), a Summary (key takeaways) and an Action Plan as a
  `- [ ]` checklist.
- Python code: you cannot add files to the repository, so mark every ```python block either as
  `<!-- fragment -->` (at most 15 lines, must parse) or as `<!-- excerpt: path -->` when it
  copies consecutive lines of a file listed below exactly. Only use `<!-- listing: ... -->` for
  listings that already exist (listed below).
- Prose length: {words_min} words at the very least; aim for {target_min} to {target_max}."""

CONTRACT_INTRO = """\
# THE CONTRACT (a program checks every rule below; a draft that breaks one is sent back)
"""


@dataclass(frozen=True)
class Prompt:
    section: Section
    text: str
    tokens: int
    budget: int
    completed: tuple[int, ...]
    levels: tuple[int, ...]
    tail_words: int


def _syllabus_block(syllabus: Syllabus) -> str:
    lines = [
        "# THE FULL SYLLABUS (follow it exactly, section by section)",
        "",
        f"## {syllabus.title}",
    ]
    for part in syllabus.parts:
        lines.append("")
        lines.append(f"### Part {part.numeral}: {part.title}")
        for section in part.sections:
            lines.append(f"- Section {section.number}: {section.title}")
            lines.append(f'  - Theme: "{section.theme}"')
    return "\n".join(lines)


def _files_block(project: Project, section: Section) -> str:
    files: list[str] = []
    for folder in ("src/neetprepgpt", "src/symptom2specialist", "src/servicekit"):
        base = project.root / folder
        if base.is_dir():
            files.extend(
                project.relative(path)
                for path in sorted(base.rglob("*"))
                if path.is_file()
                and path.suffix in {".py", ".html", ".toml", ".yaml"}
                and "__pycache__" not in path.parts
            )
    listings_dir = project.listings_dir / f"s{section.number:02d}"
    listings = (
        sorted(project.relative(p) for p in listings_dir.glob("*.py"))
        if listings_dir.is_dir()
        else []
    )
    lines = ["# REPOSITORY FILES YOU MAY LINK OR EXCERPT (paths from the repository root)"]
    shown = files[:MAX_LISTED_FILES]
    lines.extend(f"- {path}" for path in shown)
    if len(files) > len(shown):
        lines.append(f"- ... and {len(files) - len(shown)} more")
    if not files:
        lines.append(
            "- (none yet: link src/neetprepgpt/__init__.py and src/symptom2specialist/__init__.py)"
        )
    lines.append("")
    lines.append(
        f"Existing listings for this section: {', '.join(listings) if listings else 'none'}"
    )
    return "\n".join(lines)


def _completed_block(
    project: Project, done: list[SectionStatus], levels: list[int], tail: str
) -> str:
    parts = ["# WHAT IS ALREADY WRITTEN", "", "--- COMPLETED SECTIONS START ---"]
    if not done:
        parts.append("Nothing yet: this is the first section of the guide.")
    for status, level in zip(done, levels, strict=True):
        text = status.report.path.read_text(encoding="utf-8")
        parts.append("")
        parts.append(summarize(status.section, text, level))
    if tail:
        previous = done[-1].section
        parts.append("")
        parts.append(f"The last words of Section {previous.number}, verbatim, for continuity:")
        parts.append('"""')
        parts.append(tail)
        parts.append('"""')
    parts.append("--- COMPLETED SECTIONS END ---")
    return "\n".join(parts)


def _choose(statuses: list[SectionStatus], number: int | None) -> Section:
    if number is None:
        upcoming, _ = next_section(statuses)
        if upcoming is None:
            raise MasteryError("all sections are complete: name one to write, e.g. `... 3`")
        return upcoming.section
    for status in statuses:
        if status.section.number == number:
            return status.section
    last = statuses[-1].section.number
    raise MasteryError(f"there is no section {number}: sections run 1 to {last}", 2)


def build_prompt(
    project: Project,
    syllabus: Syllabus,
    number: int | None = None,
    budget: int = DEFAULT_BUDGET,
    tail_words: int = DEFAULT_TAIL_WORDS,
) -> Prompt:
    """The prompt for a section (default: the next one), within `budget` estimated tokens."""
    statuses = collect(project, syllabus)
    section = _choose(statuses, number)
    done = [s for s in statuses if s.section.number < section.number and s.state is State.COMPLETE]
    part = syllabus.part_of(section.number)
    defaults = syllabus.defaults
    try:
        contract = project.book.joinpath("CONVENTIONS.md").read_text(encoding="utf-8")
    except OSError:
        contract = "(book/CONVENTIONS.md is missing)"
    fixed = [
        ROLE.format(title=syllabus.title),
        _syllabus_block(syllabus),
        "",  # the completed block goes here
        TASK.format(
            number=section.number,
            title=section.title,
            theme=section.theme,
            numeral=part.numeral,
            part=part.title,
        ),
        FORMAT.format(
            header=section.header,
            theme=section.theme,
            words_min=syllabus.words_min(section),
            target_min=defaults.words_target_min,
            target_max=defaults.words_target_max,
        ),
        _files_block(project, section),
        CONTRACT_INTRO + contract,
        f"Now write Section {section.number}: {section.title}.",
    ]
    previous = done[-1] if done and done[-1].section.number == section.number - 1 else None
    tail = (
        last_words(previous.report.path.read_text(encoding="utf-8"), tail_words) if previous else ""
    )
    levels = [FULL] * len(done)

    def render() -> str:
        fixed[2] = _completed_block(project, done, levels, tail)
        return "\n\n".join(fixed) + "\n"

    text = render()
    while estimate_tokens(text) > budget:
        reducible = next((i for i, level in enumerate(levels) if level > TITLE), None)
        if reducible is not None:
            levels[reducible] -= 1
        elif tail:
            tail = ""
        else:
            raise MasteryError(
                f"a budget of {budget} tokens is too small: the prompt needs at least "
                f"{estimate_tokens(text)} (estimated); raise --budget",
                2,
            )
        text = render()
    return Prompt(
        section=section,
        text=text,
        tokens=estimate_tokens(text),
        budget=budget,
        completed=tuple(s.section.number for s in done),
        levels=tuple(levels),
        tail_words=len(tail.split()),
    )
