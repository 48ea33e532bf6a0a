"""Short summaries of written sections, at three levels of detail, for prompts."""

from __future__ import annotations

import re

from mastery.document import Document, parse
from mastery.syllabus import Section

_TOPIC = re.compile(r"^\d+\.\s+(?P<title>.+)$")

FULL = 2
TAKEAWAYS = 1
TITLE = 0


def _takeaways(doc: Document) -> list[str]:
    summary = next((h for h in doc.headings if h.level == 3 and h.text.strip() == "Summary"), None)
    if summary is None:
        return []
    following = [h.line for h in doc.headings if h.line > summary.line]
    end = min(following, default=len(doc.lines) + 1)
    return [
        doc.item_text(item)
        for item in doc.items
        if summary.line < item.line < end and item.indent == 0
    ]


def _topics(doc: Document) -> list[str]:
    topics = []
    for heading in doc.headings:
        match = _TOPIC.match(heading.text) if heading.level == 2 else None
        if match:
            topics.append(match.group("title").strip())
    return topics


def summarize(section: Section, text: str, level: int) -> str:
    """A summary: title and theme; with key takeaways; and with the list of topics."""
    lines = [f'Section {section.number}: {section.title} (theme: "{section.theme}")']
    if level == TITLE:
        return lines[0]
    doc = parse(text)
    if level >= FULL:
        topics = _topics(doc)
        if topics:
            lines.append("Topics: " + "; ".join(topics))
    takeaways = _takeaways(doc)
    if takeaways:
        lines.append("Key takeaways:")
        lines.extend(f"- {item}" for item in takeaways)
    return "\n".join(lines)
