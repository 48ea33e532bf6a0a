"""Call-outs become admonitions; repository links become pages or paths; code is untouched."""

from __future__ import annotations

from pathlib import Path

from mastery.checks.callouts import LABELS
from mastery.markdown_rewrite import (
    ADMONITION_TYPES,
    as_code_text,
    callouts_to_admonitions,
    rewrite_links,
)


def test_every_label_has_its_own_admonition_type() -> None:
    assert set(ADMONITION_TYPES) == set(LABELS)
    assert len(set(ADMONITION_TYPES.values())) == len(LABELS)


def test_callout_becomes_an_admonition() -> None:
    text = "Before.\n> **Expert Insight:** First line\n> second line\n>\n> - a point\n\nAfter.\n"
    assert callouts_to_admonitions(text) == (
        'Before.\n\n!!! tip "Expert Insight"\n\n    First line\n    second line\n\n'
        "    - a point\n\n\nAfter.\n"
    )


def test_plain_quotes_and_code_stay() -> None:
    text = "> Just a quote.\n\n```markdown\n> **Expert Insight:** in code\n```\n"
    assert callouts_to_admonitions(text) == text


def test_links_outside_code_are_rewritten() -> None:
    text = (
        "See [main](../../src/a.py) and `[not](../../src/b.py)`.\n"
        "```markdown\n[in code](../../src/c.py)\n```\n[web](https://example.org)\n"
    )

    def rewrite(label: str, target: str) -> str | None:
        return None if target.startswith("https") else f"<{label}:{target}>"

    assert rewrite_links(text, rewrite) == (
        "See <main:../../src/a.py> and `[not](../../src/b.py)`.\n"
        "```markdown\n[in code](../../src/c.py)\n```\n[web](https://example.org)\n"
    )


def test_as_code_text() -> None:
    assert as_code_text("src/a.py", "src/a.py") == "`src/a.py`"
    assert as_code_text("the entry point", "src/a.py") == "the entry point (`src/a.py`)"
    assert Path("x").name == "x"
