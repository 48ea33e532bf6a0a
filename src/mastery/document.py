"""A line-based reading of a section's Markdown: headings, fences, markers, call-outs, links.

The contract in book/CONVENTIONS.md is line-oriented on purpose, so a small reader that keeps
every line number is both simpler and more precise than a full CommonMark parser.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum

_FENCE_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_MARKER = re.compile(
    r"^\s*<!--\s*(?:(?P<kind>listing|excerpt)\s*:\s*(?P<path>\S+)|(?P<fragment>fragment))\s*-->\s*$"
)
_ANY_MARKER_LIKE = re.compile(r"^\s*<!--\s*(listing|excerpt|fragment)", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?P<indent>\s*)(?P<bullet>[-*+]|\d+[.)])\s+(?P<text>.*)$")
_CHECKBOX = re.compile(r"^\[(?P<mark>[ xX])\]\s+")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LINK = re.compile(r"!?\[(?P<text>[^\]]*)\]\((?P<target><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_INLINE_COMMENT = re.compile(r"<!--.*?-->")
_WORD = re.compile(r"\S*[0-9A-Za-zÀ-ÿ]\S*")


class MarkerKind(StrEnum):
    LISTING = "listing"
    EXCERPT = "excerpt"
    FRAGMENT = "fragment"


@dataclass(frozen=True)
class Marker:
    kind: MarkerKind
    path: str | None
    line: int


@dataclass(frozen=True)
class Fence:
    """A fenced code block; lines are 1-based, `end` is None when it is never closed."""

    start: int
    end: int | None
    lang: str
    body: tuple[str, ...]
    markers: tuple[Marker, ...]

    @property
    def marker(self) -> Marker | None:
        return self.markers[0] if len(self.markers) == 1 else None

    @property
    def is_python(self) -> bool:
        return self.lang in {"python", "py", "python3"}


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass(frozen=True)
class Blockquote:
    """A run of `>` lines; `lines` keeps the text after the `>` prefix."""

    line: int
    lines: tuple[str, ...]


@dataclass(frozen=True)
class ListItem:
    line: int
    ordered: bool
    checkbox: bool
    text: str
    indent: int


@dataclass(frozen=True)
class Link:
    text: str
    target: str
    line: int


class LineKind(StrEnum):
    BLANK = "blank"
    TEXT = "text"
    HEADING = "heading"
    FENCE = "fence"
    COMMENT = "comment"
    QUOTE = "quote"
    TABLE = "table"
    LIST = "list"


@dataclass
class Document:
    """Everything the checks need, with 1-based line numbers."""

    lines: list[str]
    kinds: list[LineKind] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    fences: list[Fence] = field(default_factory=list)
    quotes: list[Blockquote] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)
    orphan_markers: list[Marker] = field(default_factory=list)
    bad_markers: list[tuple[int, str]] = field(default_factory=list)
    prose: list[tuple[int, str]] = field(default_factory=list)

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    @functools.cached_property
    def prose_words(self) -> int:
        return count_words("\n".join(text for _, text in self.prose))

    def item_text(self, item: ListItem) -> str:
        """A list item's whole text: its first line and the lines that continue it."""
        parts = [item.text.strip()]
        for number in range(item.line + 1, len(self.lines) + 1):
            if self.kinds[number - 1] is not LineKind.TEXT:
                break
            parts.append(self.lines[number - 1].strip())
        return " ".join(parts)

    def paragraphs_after(self, line: int) -> list[tuple[int, str]]:
        """Paragraphs (first line, joined text) of plain text after `line`, up to a heading."""
        out: list[tuple[int, str]] = []
        current: list[str] = []
        start = 0
        for number in range(line + 1, len(self.lines) + 1):
            kind = self.kinds[number - 1]
            if kind is LineKind.HEADING:
                break
            if kind is LineKind.BLANK:
                if current:
                    out.append((start, " ".join(current)))
                    current = []
                continue
            if not current:
                start = number
            current.append(self.lines[number - 1].strip())
        if current:
            out.append((start, " ".join(current)))
        return out


def strip_inline(text: str) -> str:
    """Text without code spans and inline HTML comments."""
    return _INLINE_COMMENT.sub(" ", _CODE_SPAN.sub(" ", text))


def count_words(text: str) -> int:
    """Words of prose: link targets, Markdown punctuation and bare symbols do not count."""
    text = _INLINE_COMMENT.sub(" ", text)
    text = _LINK.sub(lambda m: m.group("text"), text)
    return len(_WORD.findall(text))


def parse(text: str) -> Document:
    """Read a section's Markdown into a Document."""
    doc = Document(lines=text.splitlines())
    doc.kinds = [LineKind.BLANK] * len(doc.lines)
    pending: list[Marker] = []
    number = 0
    total = len(doc.lines)
    while number < total:
        number += 1
        raw = doc.lines[number - 1]
        stripped = raw.strip()
        if not stripped:
            continue
        opening = _FENCE_OPEN.match(raw)
        if opening:
            number = _read_fence(doc, number, opening, pending)
            pending = []
            continue
        if stripped.startswith("<!--"):
            number = _read_comment(doc, number, pending)
            continue
        if pending:
            doc.orphan_markers.extend(pending)
            pending = []
        _read_line(doc, number, raw)
    doc.orphan_markers.extend(pending)
    return doc


def _read_fence(doc: Document, start: int, opening: re.Match[str], markers: list[Marker]) -> int:
    fence = opening.group("fence")
    info = opening.group("info").strip()
    lang = info.split()[0].lower() if info else ""
    indent = len(opening.group("indent"))
    body: list[str] = []
    end: int | None = None
    number = start
    closing = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    while number < len(doc.lines):
        number += 1
        line = doc.lines[number - 1]
        doc.kinds[number - 1] = LineKind.FENCE
        if closing.match(line):
            end = number
            break
        body.append(_dedent(line, indent))
    doc.kinds[start - 1] = LineKind.FENCE
    doc.fences.append(Fence(start, end, lang, tuple(body), tuple(markers)))
    return number


def _dedent(line: str, indent: int) -> str:
    """Remove up to `indent` leading spaces, as CommonMark does inside an indented fence."""
    removable = len(line) - len(line.lstrip(" "))
    return line[min(indent, removable) :]


def _read_comment(doc: Document, start: int, pending: list[Marker]) -> int:
    number = start
    raw = doc.lines[start - 1]
    doc.kinds[start - 1] = LineKind.COMMENT
    marker = _MARKER.match(raw)
    if marker:
        if marker.group("fragment"):
            pending.append(Marker(MarkerKind.FRAGMENT, None, start))
        else:
            pending.append(Marker(MarkerKind(marker.group("kind")), marker.group("path"), start))
        return number
    if _ANY_MARKER_LIKE.match(raw):
        doc.bad_markers.append((start, raw.strip()))
    while "-->" not in doc.lines[number - 1] and number < len(doc.lines):
        number += 1
        doc.kinds[number - 1] = LineKind.COMMENT
    tail = doc.lines[number - 1].split("-->", 1)[1] if "-->" in doc.lines[number - 1] else ""
    if tail.strip():
        doc.prose.append((number, tail))
    return number


def _read_line(doc: Document, number: int, raw: str) -> None:
    stripped = raw.strip()
    heading = _HEADING.match(raw)
    if heading:
        doc.kinds[number - 1] = LineKind.HEADING
        doc.headings.append(Heading(len(heading.group("hashes")), heading.group("text"), number))
        doc.prose.append((number, heading.group("text")))
    elif stripped.startswith(">"):
        doc.kinds[number - 1] = LineKind.QUOTE
        content = stripped[1:].removeprefix(" ")
        previous = doc.kinds[number - 2] if number > 1 else LineKind.BLANK
        if previous is LineKind.QUOTE and doc.quotes:
            last = doc.quotes[-1]
            doc.quotes[-1] = Blockquote(last.line, (*last.lines, content))
        else:
            doc.quotes.append(Blockquote(number, (content,)))
        doc.prose.append((number, content))
    elif stripped.startswith("|"):
        doc.kinds[number - 1] = LineKind.TABLE
        if (
            _TABLE_SEPARATOR.match(stripped)
            and number > 1
            and doc.kinds[number - 2] is LineKind.TABLE
        ):
            doc.tables.append(number - 1)
    else:
        item = _LIST_ITEM.match(raw)
        if item:
            doc.kinds[number - 1] = LineKind.LIST
            text = item.group("text")
            checkbox = _CHECKBOX.match(text)
            doc.items.append(
                ListItem(
                    line=number,
                    ordered=item.group("bullet")[0].isdigit(),
                    checkbox=checkbox is not None,
                    text=text[checkbox.end() :] if checkbox else text,
                    indent=len(item.group("indent")),
                )
            )
        else:
            doc.kinds[number - 1] = LineKind.TEXT
        doc.prose.append((number, stripped))
    for link in _LINK.finditer(strip_inline(raw)):
        target = link.group("target").strip("<>")
        doc.links.append(Link(link.group("text"), target, number))
