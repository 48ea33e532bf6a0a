"""The Conclusion: Reflective Prompts, Summary and a checklist Action Plan."""

from __future__ import annotations

from collections.abc import Iterator

from mastery.checks.model import Context, Finding
from mastery.document import Heading, ListItem

PARTS = ("Reflective Prompts", "Summary", "Action Plan")


def _conclusion_span(ctx: Context) -> tuple[int, int] | None:
    topics = [h for h in ctx.doc.headings if h.level == 2]
    if not topics or not topics[-1].text.rstrip().endswith("Conclusion"):
        return None
    return topics[-1].line, len(ctx.doc.lines)


def _items(ctx: Context, start: int, end: int) -> list[ListItem]:
    return [item for item in ctx.doc.items if start < item.line < end and item.indent == 0]


def check_conclusion(ctx: Context) -> Iterator[Finding]:
    span = _conclusion_span(ctx)
    if span is None:
        yield ctx.error("conclusion", "no `## N. Conclusion` topic at the end of the section")
        return
    start, end = span
    subs: list[Heading] = [h for h in ctx.doc.headings if h.level == 3 and h.line > start]
    found = {h.text.strip(): h for h in subs}
    for name in PARTS:
        if name not in found:
            yield ctx.error("conclusion", f"the Conclusion needs a `### {name}` part", start)
    present = [h for h in subs if h.text.strip() in PARTS]
    order = [h.text.strip() for h in present]
    if order != [name for name in PARTS if name in order]:
        yield ctx.error(
            "conclusion",
            "the Conclusion's parts must come in order: Reflective Prompts, Summary, Action Plan",
            present[0].line,
        )
    bounds = [h.line for h in subs] + [end + 1]
    for index, heading in enumerate(subs):
        name = heading.text.strip()
        if name not in PARTS:
            continue
        items = _items(ctx, heading.line, bounds[index + 1])
        yield from _check_part(ctx, name, heading, items)


def _check_part(
    ctx: Context, name: str, heading: Heading, items: list[ListItem]
) -> Iterator[Finding]:
    if not items:
        kind = {
            "Reflective Prompts": "a numbered list of questions",
            "Summary": "a bullet list of key takeaways",
            "Action Plan": "a `- [ ]` checklist",
        }[name]
        yield ctx.error("conclusion", f"`### {name}` must hold {kind}", heading.line)
        return
    for item in items:
        if name == "Reflective Prompts":
            if not item.ordered:
                yield ctx.error(
                    "conclusion",
                    "Reflective Prompts must be a numbered list (`1. ...?`)",
                    item.line,
                )
            elif not item.text.rstrip().endswith("?"):
                yield ctx.error(
                    "conclusion",
                    "each reflective prompt must be a question ending in `?`",
                    item.line,
                )
        elif name == "Summary" and (item.ordered or item.checkbox):
            yield ctx.error("conclusion", "the Summary must be a bullet list (`- ...`)", item.line)
        elif name == "Action Plan" and not item.checkbox:
            yield ctx.error(
                "conclusion",
                "every Action Plan item must be a checklist item `- [ ] ...`",
                item.line,
            )
