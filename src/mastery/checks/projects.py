"""The two projects: named in the prose and linked to real repository files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mastery.checks.model import Context, Finding
from mastery.document import strip_inline

PROJECTS = {"NEETPrepGPT": "src/neetprepgpt", "Symptom2Specialist": "src/symptom2specialist"}
MIN_MENTIONS = 2


def is_external(target: str) -> bool:
    """A link that leaves the repository: a URL scheme, a protocol-relative URL or a mail."""
    return bool(urlsplit(target).scheme) or target.startswith("//")


def local_target(path: Path, target: str) -> Path | None:
    """The file a relative link points at, or None for external links and pure anchors."""
    if is_external(target) or target.startswith("#"):
        return None
    bare = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not bare:
        return None
    return (path.parent / bare).resolve()


def check_projects(ctx: Context) -> Iterator[Finding]:
    prose = " ".join(strip_inline(text) for _, text in ctx.doc.prose)
    for name in PROJECTS:
        mentions = len(re.findall(rf"\b{re.escape(name)}\b", prose))
        if mentions < MIN_MENTIONS:
            yield ctx.error(
                "projects",
                f"`{name}` is named {mentions} time(s) in the prose: name it at least "
                f"{MIN_MENTIONS} times and show how the ideas land there",
            )
    root = ctx.project.root.resolve()
    linked: set[str] = set()
    for link in ctx.doc.links:
        target = local_target(ctx.path, link.target)
        if target is None:
            continue
        try:
            inside = target.relative_to(root).as_posix()
        except ValueError:
            yield ctx.error("links", f"`{link.target}` points outside the repository", link.line)
            continue
        if not target.exists():
            yield ctx.error(
                "links", f"`{link.target}` does not exist (resolved to `{inside}`)", link.line
            )
            continue
        linked.add(inside)
    for name, folder in PROJECTS.items():
        if not any(path == folder or path.startswith(folder + "/") for path in linked):
            yield ctx.error(
                "links",
                f"link at least one real file of {name} with a relative link, e.g. "
                f"`[{folder}/main.py](../../{folder}/main.py)`",
            )
