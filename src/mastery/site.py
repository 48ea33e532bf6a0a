"""The site's sources: sections as pages, call-outs as admonitions, a home page, source pages."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from mastery.markdown_rewrite import (
    IMAGES,
    as_code_text,
    callouts_to_admonitions,
    repository_path,
    rewrite_links,
)
from mastery.project import Project
from mastery.status import SectionStatus, State
from mastery.syllabus import Syllabus

SOURCE_LANGUAGES = {
    ".py": "python",
    ".toml": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".html": "html",
    ".sql": "sql",
    ".ini": "ini",
    ".cfg": "ini",
    ".sh": "bash",
    ".css": "css",
    ".js": "javascript",
    ".txt": "text",
    ".out": "text",
    ".md": "text",
}
MAX_SOURCE_BYTES = 200_000


@dataclass
class SiteSources:
    """What was written into the docs folder."""

    docs: Path
    pages: list[str] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    images: set[str] = field(default_factory=set)


def _fence_for(text: str) -> str:
    longest = max((len(run) for run in text.split("\n") if set(run) == {"`"}), default=0)
    ticks = 3
    while "`" * ticks in text:
        ticks += 1
    return "`" * max(ticks, longest + 1)


def _source_page(project: Project, relative: str) -> str:
    path = project.root / relative
    data = path.read_bytes()[:MAX_SOURCE_BYTES]
    text = data.decode("utf-8", "replace")
    fence = _fence_for(text)
    language = SOURCE_LANGUAGES.get(path.suffix, "text")
    note = " (first 200 kB)" if path.stat().st_size > MAX_SOURCE_BYTES else ""
    return (
        f"# {relative}\n\nThe file `{relative}` of the repository, as the guide was built{note}."
        f"\n\n{fence}{language}\n{text.rstrip()}\n{fence}\n"
    )


def _page_for_section(
    project: Project, status: SectionStatus, sources: set[str], images: set[str]
) -> str:
    path = status.report.path
    text = path.read_text(encoding="utf-8")
    sections_dir = project.sections_dir.resolve()

    def rewrite(label: str, target: str) -> str | None:
        found = repository_path(path, project.root, target)
        if found is None:
            return None
        absolute, relative = found
        anchor = "#" + target.split("#", 1)[1] if "#" in target else ""
        if absolute.parent == sections_dir and absolute.suffix == ".md" and absolute.is_file():
            return f"[{label}]({absolute.name}{anchor})"
        if absolute.is_file() and absolute.suffix in SOURCE_LANGUAGES:
            sources.add(relative)
            return f"[{label}](../source/{relative}.md)"
        return as_code_text(label, relative + ("/" if absolute.is_dir() else ""))

    def image(alt: str, target: str) -> str | None:
        found = repository_path(path, project.root, target)
        if found is None:
            return None
        absolute, relative = found
        if not absolute.is_file():
            return f"*[image: {alt or relative}]*"
        images.add(relative)
        return f"![{alt}](../assets/repository/{relative})"

    page = rewrite_links(rewrite_links(text, rewrite), image, IMAGES)
    page = callouts_to_admonitions(page)
    if status.state is State.DRAFT:
        errors = len(status.report.errors)
        page = page.replace(
            "\n",
            f'\n\n!!! warning "Draft"\n\n    This section is a draft: it still breaks '
            f"{errors} rule(s) of the guide's contract.\n",
            1,
        )
    return page


def _home(syllabus: Syllabus, statuses: list[SectionStatus], downloads: list[Path]) -> str:
    done = sum(1 for s in statuses if s.state is State.COMPLETE)
    lines = [
        f"# {syllabus.title}",
        "",
        "A production-grade guide to FastAPI in 27 sections: mental models first, then the code, "
        "always tied to two real services built in the same repository, NEETPrepGPT and the "
        "Symptom2Specialist Bot.",
        "",
        f"**Progress:** {done} of {len(statuses)} sections complete.",
        "",
    ]
    if downloads:
        links = " · ".join(f"[{p.suffix[1:].upper()}](downloads/{p.name})" for p in downloads)
        lines += [f"**Download the whole guide:** {links}", ""]
    by_number = {s.section.number: s for s in statuses}
    for part in syllabus.parts:
        lines += [f"## Part {part.numeral}: {part.title}", ""]
        lines += ["| # | Section | Theme | State |", "|---:|---|---|---|"]
        for section in part.sections:
            status = by_number[section.number]
            title = section.title.replace("|", "\\|")
            if status.state is not State.MISSING:
                title = f"[{title}](sections/{section.slug}.md)"
            lines.append(f'| {section.number} | {title} | "{section.theme}" | {status.state} |')
        lines.append("")
    return "\n".join(lines)


def write_docs(
    project: Project,
    syllabus: Syllabus,
    statuses: list[SectionStatus],
    docs: Path,
    downloads: list[Path],
) -> SiteSources:
    """Fill `docs` (emptied first) with every page of the site."""
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "sections").mkdir(parents=True)
    result = SiteSources(docs)
    for status in statuses:
        if status.state is State.MISSING:
            continue
        page = _page_for_section(project, status, result.sources, result.images)
        name = f"sections/{status.section.slug}.md"
        (docs / name).write_text(page, encoding="utf-8")
        result.pages.append(name)
    for relative in sorted(result.sources):
        target = docs / "source" / f"{relative}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_source_page(project, relative), encoding="utf-8")
    for folder in ("stylesheets", "overrides", "assets"):
        if (project.book / folder).is_dir():
            shutil.copytree(project.book / folder, docs / folder)
    for relative in sorted(result.images):
        target = docs / "assets" / "repository" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(project.root / relative, target)
    if downloads:
        (docs / "downloads").mkdir()
        for path in downloads:
            shutil.copy2(path, docs / "downloads" / path.name)
    (docs / "index.md").write_text(_home(syllabus, statuses, downloads), encoding="utf-8")
    return result


def mkdocs_config(
    project: Project,
    syllabus: Syllabus,
    statuses: list[SectionStatus],
    config: Path,
    docs: Path,
    site: Path,
) -> None:
    """The generated config: INHERITs book/mkdocs.yml and adds the folders and the nav."""
    nav: list[object] = [{"Home": "index.md"}]
    for part in syllabus.parts:
        pages = [
            {f"{s.section.number}. {s.section.title}": f"sections/{s.section.slug}.md"}
            for s in statuses
            if s.state is not State.MISSING and s.section in part.sections
        ]
        if pages:
            nav.append({f"Part {part.numeral}: {part.title}": pages})
    settings = {
        "INHERIT": str(project.mkdocs_file.resolve()),
        "docs_dir": str(docs.resolve()),
        "site_dir": str(site.resolve()),
        "nav": nav,
        "not_in_nav": "/source/\n/downloads/\n",
    }
    config.write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")
