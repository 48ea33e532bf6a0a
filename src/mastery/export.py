"""The whole guide as one PDF and one EPUB, through pandoc (and Typst for the PDF)."""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pypandoc
import typst

from mastery.errors import MasteryError
from mastery.markdown_rewrite import IMAGES, as_code_text, repository_path, rewrite_links
from mastery.project import Project
from mastery.status import SectionStatus, State
from mastery.syllabus import Syllabus

PANDOC_FORMAT = "gfm"
_TOP_HEADING = re.compile(r"^= ", re.MULTILINE)  # a level-1 Typst heading: each section


def book_markdown(
    project: Project, syllabus: Syllabus, statuses: list[SectionStatus], image_prefix: str = ""
) -> str:
    """Every written section in order, repository links turned into paths a reader can find.

    Images that exist point at `image_prefix` + their path from the repository root.
    """
    chapters: list[str] = []
    written = [s for s in statuses if s.state is not State.MISSING]
    done = sum(1 for s in statuses if s.state is State.COMPLETE)
    about = [
        "# About This Edition",
        "",
        f"This edition holds {len(written)} of the {len(statuses)} sections of the syllabus "
        f"({done} complete). Paths in code style, such as `src/neetprepgpt/`, name files of the "
        "repository that the guide builds.",
        "",
    ]
    for part in syllabus.parts:
        about.append(f"- **Part {part.numeral}: {part.title}**")
        for section in part.sections:
            state = next(s.state for s in statuses if s.section == section)
            about.append(f"    - Section {section.number}: {section.title} ({state})")
    chapters.append("\n".join(about) + "\n")
    for status in written:
        path = status.report.path

        def rewrite(label: str, target: str, path: Path = path) -> str | None:
            found = repository_path(path, project.root, target)
            if found is None:
                return None
            absolute, relative = found
            if absolute.parent == project.sections_dir.resolve() and absolute.suffix == ".md":
                return label
            return as_code_text(label, relative + ("/" if absolute.is_dir() else ""))

        def image(alt: str, target: str, path: Path = path) -> str | None:
            found = repository_path(path, project.root, target)
            if found is None:
                return None
            absolute, relative = found
            if not absolute.is_file():
                return f"*[image: {alt or relative}]*"
            return f"![{alt}]({image_prefix}{relative})"

        text = rewrite_links(path.read_text(encoding="utf-8"), rewrite)
        chapters.append(rewrite_links(text, image, IMAGES))
    return "\n\n".join(chapters)


def _pandoc_args(syllabus: Syllabus) -> list[str]:
    return [
        "--standalone",
        "--toc",
        "--toc-depth=2",
        f"--metadata=title:{syllabus.title}",
        "--metadata=lang:en",
        f"--metadata=date:{datetime.now(UTC).date().isoformat()}",
    ]


def write_epub(project: Project, syllabus: Syllabus, output: Path, markdown: str) -> None:
    """The EPUB; images are found through pandoc's resource path (the repository root)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        pypandoc.convert_text(
            markdown,
            "epub3",
            format=PANDOC_FORMAT,
            outputfile=str(output),
            extra_args=[
                *_pandoc_args(syllabus),
                "--split-level=1",
                f"--resource-path={project.root}",
            ],
        )
    except (RuntimeError, OSError) as exc:
        raise MasteryError(f"pandoc could not write the EPUB: {exc}") from None


def write_pdf(project: Project, syllabus: Syllabus, output: Path, markdown: str) -> None:
    """Markdown -> Typst (pandoc) -> PDF (the typst package: a wheel with its own fonts).

    Typst's root is the repository, so images written as `/path/from/root` resolve.
    """
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        source = pypandoc.convert_text(
            markdown,
            "typst",
            format=PANDOC_FORMAT,
            extra_args=[*_pandoc_args(syllabus), "--variable=papersize:a4"],
        )
    except (RuntimeError, OSError) as exc:
        raise MasteryError(f"pandoc could not convert the guide to Typst: {exc}") from None
    source = _TOP_HEADING.sub(lambda m: "#pagebreak(weak: true)\n" + m.group(0), source)
    project.build_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".typst-", dir=project.build_dir) as folder:
        typ = Path(folder) / "guide.typ"
        typ.write_text(source, encoding="utf-8")
        partial = output.with_name(output.name + ".part")
        try:
            typst.compile(
                str(typ), output=str(partial), root=str(project.root), ignore_system_fonts=True
            )
        except Exception as exc:  # typst raises its own error type for document errors
            raise MasteryError(f"typst could not typeset the PDF: {exc}") from None
        partial.replace(output)
