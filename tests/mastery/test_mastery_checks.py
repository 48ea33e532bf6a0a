"""The checker: the good fixture passes; each broken copy fails with the right message and line."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from mastery.checks import Report, check_text
from mastery.project import Project
from mastery.syllabus import Syllabus

Mutation = Callable[[str], str]


def replace(old: str, new: str) -> Mutation:
    def mutate(text: str) -> str:
        assert text.count(old) >= 1, f"fixture text lacks {old!r}"
        return text.replace(old, new, 1)

    return mutate


def line_of(text: str, needle: str) -> int:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1


@dataclass(frozen=True)
class Case:
    id: str
    mutate: Mutation
    rule: str
    message: str
    anchor: str | None  # the mutated text's first line holding this; None: the whole file


FRAGMENT_16 = "\n".join(f"value_{i} = {i}" for i in range(16))

CASES = [
    Case(
        "header-title",
        replace("# SECTION 1 - Introduction & Overview", "# SECTION 1 - Introduction and Overview"),
        "header",
        "must be exactly `# SECTION 1 - Introduction & Overview`",
        "# SECTION 1",
    ),
    Case(
        "header-case",
        replace("# SECTION 1 -", "# Section 1 -"),
        "header",
        "must be exactly",
        "# Section 1",
    ),
    Case(
        "second-h1",
        replace("## 2. The Two Projects", "# 2. The Two Projects"),
        "header",
        "only line 1 may be a level-1 heading",
        "# 2. The Two",
    ),
    Case(
        "theme-wording",
        replace("Learner to System", "Learner To System"),
        "theme",
        "must match the syllabus word for word",
        "**Theme:**",
    ),
    Case(
        "theme-missing",
        replace('**Theme:** "From Framework Learner to System Architect"\n\n', ""),
        "theme",
        "the first paragraph after the header must be",
        "**Mindset:**",
    ),
    Case(
        "mindset-missing",
        replace("**Mindset:** Stop", "Stop"),
        "mindset",
        "must start with `**Mindset:**`",
        "Stop asking",
    ),
    Case(
        "mindset-empty",
        replace(
            "**Mindset:** Stop asking which decorator to write and start asking which system you"
            " are shaping and why.",
            "**Mindset:** Think.",
        ),
        "mindset",
        "8 words at least",
        "**Mindset:**",
    ),
    Case(
        "topic-gap",
        replace("## 5. Fragments Parse", "## 6. Fragments Parse"),
        "topics",
        "expected 5, found 6",
        "## 6. Fragments",
    ),
    Case(
        "topic-unnumbered",
        replace("## 4. Excerpts Stay True", "## Excerpts Stay True"),
        "topics",
        "must read `## N. Title`",
        "## Excerpts",
    ),
    Case(
        "topic-first",
        replace("## 1. Why This Section Matters", "## 1. Why It Matters"),
        "topics",
        "topic 1 must be `Why This Section Matters`",
        "## 1. Why It",
    ),
    Case(
        "topic-last",
        replace("## 8. Conclusion", "## 8. Wrap-up"),
        "topics",
        "the last topic must be `Conclusion`",
        "## 8. Wrap-up",
    ),
    Case(
        "topic-count",
        lambda t: t.replace("## 7. More Call-outs\n", "").replace(
            "## 8. Conclusion", "## 7. Conclusion"
        ),
        "topics",
        "7 main topics: a section has 8 to 14",
        "## 7. Conclusion",
    ),
    Case(
        "subtopic-number",
        replace("## 2. The Two Projects\n", "## 2. The Two Projects\n\n### 3.1 Misplaced\n"),
        "topics",
        "number it 2.1",
        "### 3.1",
    ),
    Case(
        "callout-unknown",
        replace("> **Expert Insight:** The cheapest", "> **Pro Tip:** The cheapest"),
        "callouts",
        "unknown call-out label `Pro Tip`",
        "> **Pro Tip:**",
    ),
    Case(
        "callout-case",
        replace("> **Expert Insight:** Name things", "> **expert insight:** Name things"),
        "callouts",
        "did you mean `Expert Insight`",
        "> **expert insight:**",
    ),
    Case(
        "callout-colon",
        replace("> **Thinking Trigger:** What would", "> **Thinking Trigger**: What would"),
        "callouts",
        "write the colon inside the bold label",
        "> **Thinking Trigger**:",
    ),
    Case(
        "callout-empty",
        replace(
            "> **Real-World Insight:** Outages often begin with a change that looked too small"
            " to review.",
            "> **Real-World Insight:**",
        ),
        "callouts",
        "the `Real-World Insight` call-out is empty",
        "> **Real-World Insight:**\n",
    ),
    Case(
        "callout-kind-missing",
        replace("> **How to Be the Best:** Keep", "> Keep"),
        "callouts",
        "no `> **How to Be the Best:**` call-out",
        None,
    ),
    Case(
        "callout-total",
        replace("> **How to Be the Best:** Keep", "> Keep"),
        "callouts",
        "9 call-outs: a section needs at least 10",
        None,
    ),
    Case(
        "project-named-once",
        lambda t: t.replace("NEETPrepGPT", "the exam app"),
        "projects",
        "`NEETPrepGPT` is named 0 time(s)",
        None,
    ),
    Case(
        "link-missing-file",
        replace("(../../src/neetprepgpt/main.py)", "(../../src/neetprepgpt/app.py)"),
        "links",
        "`../../src/neetprepgpt/app.py` does not exist (resolved to `src/neetprepgpt/app.py`)",
        "(../../src/neetprepgpt/app.py)",
    ),
    Case(
        "link-project-absent",
        replace(
            "[src/symptom2specialist/main.py](../../src/symptom2specialist/main.py)",
            "`src/symptom2specialist/main.py`",
        ),
        "links",
        "link at least one real file of Symptom2Specialist",
        None,
    ),
    Case(
        "link-outside",
        replace("## 3. Reading", "See [this](../../../../../../outside.txt).\n\n## 3. Reading"),
        "links",
        "points outside the repository",
        "See [this]",
    ),
    Case(
        "no-table",
        lambda t: "\n".join(line for line in t.splitlines() if not line.startswith("|")) + "\n",
        "content",
        "no table",
        None,
    ),
    Case(
        "no-bullets",
        lambda t: (
            t.replace("- Run the check often.\n", "")
            .replace("- Read its message and line number.\n", "")
            .replace("- Fix the cause, not the symptom.\n", "")
        ),
        "content",
        "no bullet list before the Conclusion",
        None,
    ),
    Case(
        "conclusion-part-missing",
        replace("### Summary\n", "### Key Points\n"),
        "conclusion",
        "the Conclusion needs a `### Summary` part",
        "## 8. Conclusion",
    ),
    Case(
        "conclusion-order",
        lambda t: (
            t.replace("### Summary", "### TMP")
            .replace("### Action Plan", "### Summary")
            .replace("### TMP", "### Action Plan")
        ),
        "conclusion",
        "must come in order",
        "### Reflective Prompts",
    ),
    Case(
        "prompt-not-question",
        replace("hardest to undo?", "hardest to undo."),
        "conclusion",
        "must be a question ending in `?`",
        "1. Which decision",
    ),
    Case(
        "prompts-not-numbered",
        replace("1. Which decision", "- Which decision"),
        "conclusion",
        "Reflective Prompts must be a numbered list",
        "- Which decision",
    ),
    Case(
        "summary-not-bullets",
        replace("- A section follows", "1. A section follows"),
        "conclusion",
        "the Summary must be a bullet list",
        "1. A section follows",
    ),
    Case(
        "action-not-checklist",
        replace("- [ ] Run the checker", "- Run the checker"),
        "conclusion",
        "every Action Plan item must be a checklist item",
        "- Run the checker",
    ),
    Case(
        "python-unmarked",
        replace("<!-- fragment -->\n", ""),
        "code",
        "a ```python block needs a marker",
        "```python\ntotal",
    ),
    Case(
        "fence-no-language",
        replace("```bash\nuv run", "```\nuv run"),
        "code",
        "a code fence needs a language",
        "```\nuv run",
    ),
    Case(
        "fence-unclosed",
        lambda t: t + "\n```text\nnever closed\n",
        "code",
        "this code fence is never closed",
        "```text\nnever closed",
    ),
    Case(
        "listing-differs",
        replace('assert counts["biology"] == 2', 'assert counts["biology"] == 3'),
        "code",
        "the block differs from `book/listings/s01/hello.py`",
        '```python\n"""Count',
    ),
    Case(
        "listing-missing",
        replace("book/listings/s01/hello.py -->", "book/listings/s01/nope.py -->"),
        "code",
        "the listing `book/listings/s01/nope.py` does not exist",
        "<!-- listing:",
    ),
    Case(
        "listing-folder",
        replace("book/listings/s01/hello.py -->", "book/listings/hello.py -->"),
        "code",
        "a listing of section 1 lives in `book/listings/s01/*.py`",
        "<!-- listing:",
    ),
    Case(
        "listing-output",
        replace("chemistry 1\nphysics 1\n```", "chemistry 2\nphysics 1\n```"),
        "code",
        "the output shown differs from `book/listings/s01/hello.py.out`",
        "```text\nbiology",
    ),
    Case(
        "excerpt-not-verbatim",
        replace('        return "emergency"', '        return "urgent"'),
        "code",
        "does not appear verbatim (as consecutive lines) in `src/symptom2specialist/main.py`",
        "```python\n    if symptom",
    ),
    Case(
        "excerpt-file-missing",
        replace("excerpt: src/symptom2specialist/main.py", "excerpt: src/symptom2specialist/x.py"),
        "code",
        "the excerpt's file `src/symptom2specialist/x.py` does not exist",
        "<!-- excerpt:",
    ),
    Case(
        "fragment-too-long",
        replace("total = sum(range(10))", FRAGMENT_16),
        "code",
        "a fragment has at most 15 lines, this one has 16",
        "```python\nvalue_0",
    ),
    Case(
        "fragment-syntax",
        replace("total = sum(range(10))", "total = sum(range(10)"),
        "code",
        "the fragment does not parse",
        "total = sum(range(10)\n",
    ),
    Case(
        "marker-malformed",
        replace("<!-- fragment -->", "<!-- fragments -->"),
        "code",
        "malformed code marker `<!-- fragments -->`",
        "<!-- fragments -->",
    ),
    Case(
        "marker-orphan",
        replace("## 6. Commands", "<!-- fragment -->\n\nSome words.\n\n## 6. Commands"),
        "code",
        "the `fragment` marker is not followed by a ```python block",
        "<!-- fragment -->\n\nSome",
    ),
    Case(
        "marker-twice",
        replace("<!-- fragment -->", "<!-- fragment -->\n<!-- fragment -->"),
        "code",
        "a ```python block takes exactly one marker",
        "<!-- fragment -->\n```python",
    ),
    Case(
        "marker-on-bash",
        replace("```bash\nuv run", "<!-- fragment -->\n```bash\nuv run"),
        "code",
        "must precede a ```python block, not ```bash",
        "<!-- fragment -->\n```bash",
    ),
]


def _check(repo: Project, syllabus: Syllabus, text: str) -> Report:
    return check_text(repo, syllabus, syllabus.section(1), text)


def test_good_section_passes(repo: Project, syllabus: Syllabus, good_text: str) -> None:
    report = _check(repo, syllabus, good_text)
    assert report.findings == ()
    assert report.passed
    assert report.listings == ("book/listings/s01/hello.py",)
    assert 300 < report.words < 1000


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_each_violation_is_found(
    repo: Project, syllabus: Syllabus, good_text: str, case: Case
) -> None:
    text = case.mutate(good_text)
    report = _check(repo, syllabus, text)
    assert not report.passed
    matching = [f for f in report.errors if f.rule == case.rule and case.message in f.message]
    assert matching, "\n".join(f.render("s.md") for f in report.findings)
    expected = line_of(text, case.anchor) if case.anchor else None
    assert matching[0].line == expected, matching[0].render("s.md")


def test_fragment_syntax_error_points_at_its_line(
    repo: Project, syllabus: Syllabus, good_text: str
) -> None:
    text = good_text.replace("total = sum(range(10))", "x = 1\ny = (\n")
    report = _check(repo, syllabus, text)
    [finding] = [f for f in report.errors if "does not parse" in f.message]
    assert finding.line is not None
    assert text.splitlines()[finding.line - 1] in {"x = 1", "y = ("}


def test_word_budget(repo: Project, good_text: str) -> None:
    raw = repo.syllabus_file.read_text(encoding="utf-8")
    repo.syllabus_file.write_text(
        raw.replace("words_min = 300", "words_min = 2000").replace(
            "words_target_min = 400", "words_target_min = 3000"
        ),
        encoding="utf-8",
    )
    from mastery.syllabus import load_syllabus

    strict = load_syllabus(repo.syllabus_file)
    report = _check(repo, strict, good_text)
    [finding] = [f for f in report.errors if f.rule == "words"]
    assert "words of prose: the minimum is 2000" in finding.message


def test_words_below_target_is_a_warning(repo: Project, syllabus: Syllabus, good_text: str) -> None:
    short = good_text.replace(
        "The words in this fixture are few on purpose: the test syllabus sets a small budget, while"
        " the\nreal guide asks for thousands of words of careful prose in every section it"
        " publishes.",
        "",
    )
    wide = syllabus.model_copy(
        update={"defaults": syllabus.defaults.model_copy(update={"words_target_min": 480})}
    )
    report = _check(repo, wide, short)
    assert report.passed
    assert [f.rule for f in report.warnings] == ["words"]


def test_words_skip_code_tables_and_comments() -> None:
    from mastery.document import parse

    doc = parse(
        "# T\n\nOne two three.\n\n<!-- four five -->\n\n| six | seven |\n|---|---|\n"
        "| eight | nine |\n\n```text\nten eleven\n```\n\n- [twelve](http://x.y/z) ok\n"
    )
    assert doc.prose_words == 6  # T, One, two, three, twelve, ok


def test_all_27_sections_check_fast(repo: Project, syllabus: Syllabus, good_text: str) -> None:
    started = time.perf_counter()
    for _ in range(27):
        _check(repo, syllabus, good_text * 3)
    assert time.perf_counter() - started < 3
