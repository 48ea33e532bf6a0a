"""Header, Theme and Mindset, numbered main topics."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mastery.checks.model import Context, Finding

TOPICS_MIN = 8
TOPICS_MAX = 14
FIRST_TOPIC = "Why This Section Matters"
LAST_TOPIC = "Conclusion"

_TOPIC = re.compile(r"^(?P<number>\d+)\.\s+(?P<title>\S.*)$")
_SUBTOPIC = re.compile(r"^(?P<major>\d+)\.(?P<minor>\d+)\.?\s+\S")
_THEME = re.compile(r'^\*\*Theme:\*\*\s+["“](?P<theme>.*)["”]\s*$')
_MINDSET = re.compile(r"^\*\*Mindset:\*\*\s*(?P<text>.*)$")


def check_header(ctx: Context) -> Iterator[Finding]:
    expected = ctx.section.header
    first = ctx.doc.line(1)
    if first != expected:
        yield ctx.error(
            "header", f"the first line must be exactly `{expected}`, found `{first}`", 1
        )
    for heading in ctx.doc.headings:
        if heading.level == 1 and heading.line != 1:
            yield ctx.error(
                "header", f"only line 1 may be a level-1 heading: `# {heading.text}`", heading.line
            )


def check_theme_and_mindset(ctx: Context) -> Iterator[Finding]:
    paragraphs = ctx.doc.paragraphs_after(1)
    expected = f'**Theme:** "{ctx.section.theme}"'
    if not paragraphs:
        yield ctx.error("theme", f"the paragraph after the header must be `{expected}`", 2)
        return
    line, text = paragraphs[0]
    match = _THEME.match(text)
    if not match:
        yield ctx.error(
            "theme",
            f"the first paragraph after the header must be `{expected}`, found `{text}`",
            line,
        )
    elif match.group("theme") != ctx.section.theme:
        yield ctx.error(
            "theme",
            f'the theme must match the syllabus word for word: "{ctx.section.theme}", '
            f'found "{match.group("theme")}"',
            line,
        )
    if len(paragraphs) < 2 or not _MINDSET.match(paragraphs[1][1]):
        where = paragraphs[1][0] if len(paragraphs) > 1 else line
        yield ctx.error(
            "mindset", "the second paragraph after the header must start with `**Mindset:**`", where
        )
        return
    mindset_line, mindset = paragraphs[1]
    body = _MINDSET.match(mindset)
    if body is not None and len(body.group("text").split()) < 8:
        yield ctx.error(
            "mindset",
            "the Mindset paragraph must state the mental shift (8 words at least)",
            mindset_line,
        )


def check_topics(ctx: Context) -> Iterator[Finding]:
    topics = [h for h in ctx.doc.headings if h.level == 2]
    numbered: list[tuple[int, str, int]] = []
    for heading in topics:
        match = _TOPIC.match(heading.text)
        if not match:
            yield ctx.error(
                "topics",
                f"a main topic must read `## N. Title`, found `## {heading.text}`",
                heading.line,
            )
            continue
        numbered.append((int(match.group("number")), match.group("title").strip(), heading.line))
    for expected, (number, _title, line) in enumerate(numbered, start=1):
        if number != expected:
            yield ctx.error(
                "topics",
                f"main topics must be numbered 1, 2, 3...: expected {expected}, found {number}",
                line,
            )
            break
    if not numbered:
        yield ctx.error("topics", "no numbered main topics (`## 1. Why This Section Matters` ...)")
        return
    if not TOPICS_MIN <= len(numbered) <= TOPICS_MAX:
        yield ctx.error(
            "topics",
            f"{len(numbered)} main topics: a section has {TOPICS_MIN} to {TOPICS_MAX}",
            numbered[-1][2],
        )
    if numbered[0][1] != FIRST_TOPIC:
        yield ctx.error(
            "topics", f"topic 1 must be `{FIRST_TOPIC}`, found `{numbered[0][1]}`", numbered[0][2]
        )
    if numbered[-1][1] != LAST_TOPIC:
        yield ctx.error(
            "topics",
            f"the last topic must be `{LAST_TOPIC}`, found `{numbered[-1][1]}`",
            numbered[-1][2],
        )
    yield from _check_subtopics(ctx)


def _check_subtopics(ctx: Context) -> Iterator[Finding]:
    current: int | None = None
    for heading in ctx.doc.headings:
        if heading.level == 2:
            match = _TOPIC.match(heading.text)
            current = int(match.group("number")) if match else None
        elif heading.level == 3 and current is not None:
            sub = _SUBTOPIC.match(heading.text)
            if sub and int(sub.group("major")) != current:
                yield ctx.error(
                    "topics",
                    f"sub-topic `### {heading.text}` sits under topic {current}: "
                    f"number it {current}.{sub.group('minor')}",
                    heading.line,
                )
