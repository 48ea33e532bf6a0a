"""The prompt: the brief's parts, summaries of complete sections within a token budget."""

from __future__ import annotations

import pytest

from mastery.errors import MasteryError
from mastery.project import Project
from mastery.prompt import build_prompt
from mastery.syllabus import Syllabus
from mastery.tokens import estimate_tokens, last_words


def test_prompt_for_the_next_section(repo: Project, syllabus: Syllabus) -> None:
    prompt = build_prompt(repo, syllabus)
    text = prompt.text
    assert prompt.section.number == 2
    order = [
        "# ROLE",
        "# THE FULL SYLLABUS",
        "--- COMPLETED SECTIONS START ---",
        "--- COMPLETED SECTIONS END ---",
        "# YOUR TASK",
        "# FORMAT AND STYLE",
        "# THE CONTRACT",
    ]
    positions = [text.index(marker) for marker in order]
    assert positions == sorted(positions)
    assert '- Section 3: FastAPI High-Level Overview\n  - Theme: "From Writing Endpoints' in text
    assert "**Section 2: Python Refresher for Production-Grade APIs**" in text
    assert "`# SECTION 2 - Python Refresher for Production-Grade APIs`" in text
    assert "Topics: Why This Section Matters; The Two Projects;" in text
    assert "- A section follows one contract that a program can check." in text
    assert "The last words of Section 1, verbatim" in text
    assert "- [ ] Break one rule and read the message." in text  # the tail of section 1
    assert "- src/neetprepgpt/main.py" in text
    assert prompt.completed == (1,)
    assert prompt.tokens == estimate_tokens(text) <= prompt.budget


def test_a_tight_budget_shortens_summaries_then_the_tail(repo: Project, syllabus: Syllabus) -> None:
    full = build_prompt(repo, syllabus, 2)
    tight = build_prompt(repo, syllabus, 2, budget=full.tokens - 20)
    assert tight.levels == (1,)
    assert "Topics:" not in tight.text
    assert "Key takeaways:" in tight.text
    tighter = build_prompt(repo, syllabus, 2, budget=tight.tokens - 60)
    assert tighter.levels == (0,)
    assert tighter.tokens <= tighter.budget


def test_too_small_a_budget_is_a_clear_error(repo: Project, syllabus: Syllabus) -> None:
    with pytest.raises(MasteryError, match="too small"):
        build_prompt(repo, syllabus, 2, budget=300)


def test_first_section_has_nothing_written(repo: Project, syllabus: Syllabus) -> None:
    prompt = build_prompt(repo, syllabus, 1)
    assert "Nothing yet: this is the first section of the guide." in prompt.text
    assert prompt.completed == ()


def test_takeaways_keep_their_continuation_lines(repo: Project, syllabus: Syllabus) -> None:
    path = repo.section_file("01-introduction-and-overview")
    text = path.read_text().replace(
        "- Code in the text is code that runs.\n",
        "- Code in the text is code\n  that runs, every time.\n",
    )
    path.write_text(text, encoding="utf-8")
    prompt = build_prompt(repo, syllabus, 2)
    assert "- Code in the text is code that runs, every time." in prompt.text


def test_token_estimate_and_tail() -> None:
    assert estimate_tokens("abcd" * 100) == 100
    assert estimate_tokens("a b c") == 4
    assert last_words("one two\nthree four five\nsix", 3) == "four five\nsix"
    assert last_words("x", 0) == ""
