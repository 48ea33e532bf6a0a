"""Markdown that teaches (tables, code, lists) and the prose word budget."""

from __future__ import annotations

from collections.abc import Iterator

from mastery.checks.model import Context, Finding


def check_teaching_blocks(ctx: Context) -> Iterator[Finding]:
    doc = ctx.doc
    if not doc.tables:
        yield ctx.error("content", "no table: compare options or trade-offs in a Markdown table")
    if not doc.fences:
        yield ctx.error("content", "no code block: show in code what can be shown in code")
    conclusion = next(
        (h.line for h in doc.headings if h.level == 2 and h.text.rstrip().endswith("Conclusion")),
        len(doc.lines) + 1,
    )
    bullets = [item for item in doc.items if not item.ordered and item.line < conclusion]
    if not bullets:
        yield ctx.error(
            "content", "no bullet list before the Conclusion: use one for steps or key points"
        )


def check_words(ctx: Context) -> Iterator[Finding]:
    words = ctx.doc.prose_words
    minimum = ctx.syllabus.words_min(ctx.section)
    defaults = ctx.syllabus.defaults
    if words < minimum:
        yield ctx.error(
            "words",
            f"{words} words of prose: the minimum is {minimum} "
            f"(target {defaults.words_target_min} to {defaults.words_target_max})",
        )
    elif words < defaults.words_target_min:
        yield ctx.warning(
            "words", f"{words} words of prose: below the target of {defaults.words_target_min}"
        )
    elif words > defaults.words_target_max:
        yield ctx.warning(
            "words", f"{words} words of prose: above the target of {defaults.words_target_max}"
        )
