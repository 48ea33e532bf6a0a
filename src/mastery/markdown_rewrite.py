"""Rewrites of section Markdown for the site and the books: call-outs and repository links."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from mastery.checks.callouts import callout_label
from mastery.checks.projects import local_target

ADMONITION_TYPES = {
    "Expert Insight": "tip",
    "Architect's Reflection": "abstract",
    "Thinking Trigger": "question",
    "Real-World Insight": "example",
    "What the Future Holds": "info",
    "How to Be the Best": "success",
}

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_LINK = re.compile(
    r"(?<!!)\[(?P<text>[^\]]*)\]\((?P<target><[^>]*>|[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)"
)
_IMAGE = re.compile(
    r"!\[(?P<text>[^\]]*)\]\((?P<target><[^>]*>|[^)\s]+)(?P<title>\s+\"[^\"]*\")?\)"
)
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")

IMAGES = _IMAGE

LinkRewriter = Callable[[str, str], str | None]
"""(text, target) -> replacement Markdown, or None to keep the link as it is."""


def _outside_fences(text: str, transform: Callable[[list[str]], list[str]]) -> str:
    """Apply `transform` to each run of lines outside fenced code; fences stay untouched."""
    out: list[str] = []
    run: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if fence is None and match:
            out.extend(transform(run))
            run = []
            fence = match.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
        else:
            run.append(line)
    out.extend(transform(run))
    return "\n".join(out) + "\n"


def callouts_to_admonitions(text: str) -> str:
    """`> **Expert Insight:** ...` blockquotes become Material admonitions (`!!! tip "..."`)."""

    def convert(lines: list[str]) -> list[str]:
        out: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            labelled = callout_label(line.lstrip()[1:]) if line.lstrip().startswith(">") else None
            if labelled is None or labelled[0] not in ADMONITION_TYPES:
                out.append(line)
                index += 1
                continue
            label, first = labelled
            body = [first.strip()] if first.strip() else []
            index += 1
            while index < len(lines) and lines[index].lstrip().startswith(">"):
                body.append(lines[index].lstrip()[1:].removeprefix(" "))
                index += 1
            if out and out[-1].strip():
                out.append("")
            out.append(f'!!! {ADMONITION_TYPES[label]} "{label}"')
            out.append("")
            out.extend(f"    {row}" if row.strip() else "" for row in body)
            out.append("")
        return out

    return _outside_fences(text, convert)


def rewrite_links(text: str, rewrite: LinkRewriter, pattern: re.Pattern[str] = _LINK) -> str:
    """Rewrite Markdown links (or, with pattern=IMAGES, images) outside code."""

    def on_line(line: str) -> str:
        pieces: list[str] = []
        last = 0
        for span in _CODE_SPAN.finditer(line):
            pieces.append(pattern.sub(replace, line[last : span.start()]))
            pieces.append(span.group(0))
            last = span.end()
        pieces.append(pattern.sub(replace, line[last:]))
        return "".join(pieces)

    def replace(match: re.Match[str]) -> str:
        target = match.group("target").strip("<>")
        replacement = rewrite(match.group("text"), target)
        return match.group(0) if replacement is None else replacement

    return _outside_fences(text, lambda lines: [on_line(line) for line in lines])


def as_code_text(text: str, path: str) -> str:
    """A link turned into plain text that still names the repository path."""
    label = text.strip().strip("`")
    return f"`{path}`" if label in {path, path.rstrip("/")} or not label else f"{text} (`{path}`)"


def repository_path(section_file: Path, root: Path, target: str) -> tuple[Path, str] | None:
    """(absolute path, path from the root) for a relative link that stays in the repository."""
    resolved = local_target(section_file, target)
    if resolved is None:
        return None
    try:
        return resolved, resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
