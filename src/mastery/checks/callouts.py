"""Call-outs: blockquotes that open with a bold label and a colon."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mastery.checks.model import Context, Finding

LABELS = (
    "Expert Insight",
    "Architect's Reflection",
    "Thinking Trigger",
    "Real-World Insight",
    "What the Future Holds",
    "How to Be the Best",
)
MIN_TOTAL = 10

_LABELLED = re.compile(r"^\*\*(?P<label>[^*]+?):\*\*\s*(?P<body>.*)$")
_MISPLACED_COLON = re.compile(r"^\*\*(?P<label>[^*:]+)\*\*\s*:")


def callout_label(first_line: str) -> tuple[str, str] | None:
    """(label, rest of the line) when a blockquote's first line opens a call-out."""
    match = _LABELLED.match(first_line.strip())
    if not match:
        return None
    return match.group("label").strip(), match.group("body")


def check_callouts(ctx: Context) -> Iterator[Finding]:
    counts = dict.fromkeys(LABELS, 0)
    lowered = {label.lower(): label for label in LABELS}
    for quote in ctx.doc.quotes:
        first = quote.lines[0]
        misplaced = _MISPLACED_COLON.match(first.strip())
        if misplaced:
            yield ctx.error(
                "callouts",
                f"write the colon inside the bold label: `> **{misplaced.group('label')}:**`",
                quote.line,
            )
            continue
        labelled = callout_label(first)
        if labelled is None:
            continue
        label, body = labelled
        if label not in counts:
            guess = lowered.get(label.lower())
            hint = f" (did you mean `{guess}`?)" if guess else ""
            yield ctx.error(
                "callouts",
                f"unknown call-out label `{label}`{hint}; use one of: {', '.join(LABELS)}",
                quote.line,
            )
            continue
        if not body.strip() and not any(line.strip() for line in quote.lines[1:]):
            yield ctx.error("callouts", f"the `{label}` call-out is empty", quote.line)
        counts[label] += 1
    for label, count in counts.items():
        if count == 0:
            yield ctx.error("callouts", f"no `> **{label}:**` call-out: every kind is needed once")
    total = sum(counts.values())
    if total < MIN_TOTAL:
        yield ctx.error("callouts", f"{total} call-outs: a section needs at least {MIN_TOTAL}")
