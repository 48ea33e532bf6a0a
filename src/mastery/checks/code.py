"""Code blocks: a language on every fence, and one proven marker on every Python block."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from mastery.checks.model import Context, Finding
from mastery.document import Fence, MarkerKind

FRAGMENT_MAX_LINES = 15
MARKERS_HELP = (
    "`<!-- listing: book/listings/sNN/x.py -->`, `<!-- excerpt: path -->` or `<!-- fragment -->`"
)


def _read(ctx: Context, relative: str) -> tuple[Path, str | None]:
    path = (ctx.project.root / relative).resolve()
    try:
        path.relative_to(ctx.project.root.resolve())
    except ValueError:
        return path, None
    try:
        return path, path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return path, None


def _body(fence: Fence) -> str:
    return "\n".join(fence.body)


def check_fences(ctx: Context) -> Iterator[Finding]:
    for line, text in ctx.doc.bad_markers:
        yield ctx.error("code", f"malformed code marker `{text}`: use {MARKERS_HELP}", line)
    for marker in ctx.doc.orphan_markers:
        yield ctx.error(
            "code", f"the `{marker.kind}` marker is not followed by a ```python block", marker.line
        )
    fences = ctx.doc.fences
    for index, fence in enumerate(fences):
        if fence.end is None:
            yield ctx.error("code", "this code fence is never closed", fence.start)
        if not fence.lang:
            yield ctx.error(
                "code",
                "a code fence needs a language (```python, ```bash, ```text ...)",
                fence.start,
            )
            continue
        if not fence.is_python:
            if fence.markers:
                yield ctx.error(
                    "code",
                    f"a `{fence.markers[0].kind}` marker must precede a ```python block, "
                    f"not ```{fence.lang}",
                    fence.markers[0].line,
                )
            continue
        following = fences[index + 1] if index + 1 < len(fences) else None
        yield from _check_python(ctx, fence, following)


def _check_python(ctx: Context, fence: Fence, following: Fence | None) -> Iterator[Finding]:
    if not fence.markers:
        yield ctx.error(
            "code",
            f"a ```python block needs a marker on the line before it: {MARKERS_HELP}",
            fence.start,
        )
        return
    if len(fence.markers) > 1:
        yield ctx.error(
            "code", "a ```python block takes exactly one marker", fence.markers[-1].line
        )
        return
    marker = fence.markers[0]
    if marker.kind is MarkerKind.FRAGMENT:
        yield from _check_fragment(ctx, fence)
    elif marker.kind is MarkerKind.EXCERPT:
        yield from _check_excerpt(ctx, fence, marker.path or "", marker.line)
    else:
        yield from _check_listing(ctx, fence, marker.path or "", marker.line, following)


def _check_fragment(ctx: Context, fence: Fence) -> Iterator[Finding]:
    if len(fence.body) > FRAGMENT_MAX_LINES:
        yield ctx.error(
            "code",
            f"a fragment has at most {FRAGMENT_MAX_LINES} lines, this one has {len(fence.body)}: "
            "make it a listing or an excerpt",
            fence.start,
        )
    try:
        ast.parse(_body(fence))
    except SyntaxError as exc:
        offset = exc.lineno or 1
        yield ctx.error("code", f"the fragment does not parse: {exc.msg}", fence.start + offset)


def _check_excerpt(ctx: Context, fence: Fence, relative: str, line: int) -> Iterator[Finding]:
    _path, text = _read(ctx, relative)
    if text is None:
        yield ctx.error("code", f"the excerpt's file `{relative}` does not exist", line)
        return
    wanted = [row.rstrip() for row in fence.body]
    while wanted and not wanted[-1]:
        wanted.pop()
    if not wanted:
        yield ctx.error("code", "the excerpt is empty", fence.start)
        return
    have = [row.rstrip() for row in text.splitlines()]
    size = len(wanted)
    if not any(have[i : i + size] == wanted for i in range(len(have) - size + 1)):
        yield ctx.error(
            "code",
            f"the excerpt does not appear verbatim (as consecutive lines) in `{relative}`",
            fence.start,
        )


def _check_listing(
    ctx: Context, fence: Fence, relative: str, line: int, following: Fence | None
) -> Iterator[Finding]:
    folder = f"book/listings/s{ctx.section.number:02d}/"
    if not relative.startswith(folder) or not relative.endswith(".py"):
        yield ctx.error(
            "code",
            f"a listing of section {ctx.section.number} lives in `{folder}*.py`, not `{relative}`",
            line,
        )
    path, text = _read(ctx, relative)
    if text is None:
        yield ctx.error("code", f"the listing `{relative}` does not exist", line)
        return
    if text.rstrip("\n") != _body(fence).rstrip("\n"):
        yield ctx.error(
            "code",
            f"the block differs from `{relative}`: it must equal the file byte for byte",
            fence.start,
        )
    if following is None or following.lang != "text" or fence.end is None:
        return
    between = ctx.doc.lines[fence.end : following.start - 1]
    if any(row.strip() for row in between):
        return
    out = path.with_name(path.name + ".out")
    if not out.is_file():
        yield ctx.error(
            "code",
            f"output shown after the listing must be pinned in `{relative}.out`",
            following.start,
        )
    elif out.read_text(encoding="utf-8").rstrip("\n") != _body(following).rstrip("\n"):
        yield ctx.error("code", f"the output shown differs from `{relative}.out`", following.start)
