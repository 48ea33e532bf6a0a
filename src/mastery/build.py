"""`mastery build`: the site (Material for MkDocs, --strict), the PDF and the EPUB.

A fingerprint of every input is stored beside the outputs, so `serve` rebuilds only when
something that shapes the outputs changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from mastery.document import parse
from mastery.errors import MasteryError
from mastery.export import book_markdown, write_epub, write_pdf
from mastery.markdown_rewrite import repository_path
from mastery.project import Project
from mastery.site import mkdocs_config, write_docs
from mastery.status import collect
from mastery.syllabus import Syllabus

BOOK_NAME = "fastapi-mastery"
MKDOCS_TIMEOUT = 600
ENGINE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Outputs:
    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def pdf(self) -> Path:
        return self.root / f"{BOOK_NAME}.pdf"

    @property
    def epub(self) -> Path:
        return self.root / f"{BOOK_NAME}.epub"

    @property
    def fingerprint(self) -> Path:
        return self.root / "fingerprint.json"

    def complete(self) -> bool:
        return (self.site / "index.html").is_file() and self.pdf.is_file() and self.epub.is_file()


@dataclass
class BuildResult:
    outputs: Outputs
    built: bool
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)


def _inputs(project: Project) -> list[Path]:
    book = project.book
    files = [project.syllabus_file, project.mkdocs_file]
    for folder in ("stylesheets", "overrides", "assets"):
        if (book / folder).is_dir():
            files.extend(p for p in (book / folder).rglob("*") if p.is_file())
    sections = sorted(project.sections_dir.glob("*.md")) if project.sections_dir.is_dir() else []
    files.extend(sections)
    for section in sections:
        for link in parse(section.read_text(encoding="utf-8")).links:
            found = repository_path(section, project.root, link.target)
            if found and found[0].is_file():
                files.append(found[0])
    files.extend(sorted(ENGINE.rglob("*.py")))
    return files


def fingerprint(project: Project) -> str:
    """A digest of every input of the build: book files, linked sources and the engine."""
    digest = hashlib.sha256()
    for path in sorted(set(_inputs(project))):
        digest.update(str(path).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


def is_stale(project: Project) -> bool:
    outputs = Outputs(project.build_dir)
    if not outputs.complete() or not outputs.fingerprint.is_file():
        return True
    try:
        stored = json.loads(outputs.fingerprint.read_text(encoding="utf-8")).get("inputs")
    except (OSError, ValueError, AttributeError):
        return True
    return bool(stored != fingerprint(project))


def _run_mkdocs(config: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=MKDOCS_TIMEOUT,
            check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    except subprocess.TimeoutExpired:
        raise MasteryError(f"mkdocs did not finish within {MKDOCS_TIMEOUT}s") from None
    if result.returncode != 0:
        lines = [
            line
            for line in (result.stderr + result.stdout).splitlines()
            if "WARNING" in line or "ERROR" in line or "Error" in line
        ]
        detail = "\n".join(lines[-20:]) or (result.stderr or result.stdout)[-2000:]
        raise MasteryError(f"mkdocs build --strict failed:\n{detail}")


def build(project: Project, syllabus: Syllabus, *, force: bool = False) -> BuildResult:
    """Build everything when stale (or forced); the site is swapped in only when it is whole."""
    outputs = Outputs(project.build_dir)
    if not force and not is_stale(project):
        return BuildResult(outputs, built=False)
    started = time.perf_counter()
    inputs = fingerprint(project)
    outputs.root.mkdir(parents=True, exist_ok=True)
    statuses = collect(project, syllabus)
    result = BuildResult(outputs, built=True)
    downloads: list[Path] = []
    books = ((write_pdf, outputs.pdf, "/"), (write_epub, outputs.epub, ""))
    for writer, target, image_prefix in books:
        try:
            writer(
                project, syllabus, target, book_markdown(project, syllabus, statuses, image_prefix)
            )
            downloads.append(target)
        except MasteryError as exc:
            target.unlink(missing_ok=True)
            result.failures.append(exc.message)
    docs = outputs.root / "docs"
    write_docs(project, syllabus, statuses, docs, downloads)
    fresh = outputs.root / "site.new"
    config = outputs.root / "mkdocs.yml"
    mkdocs_config(project, syllabus, statuses, config, docs, fresh)
    if fresh.exists():
        shutil.rmtree(fresh)
    try:
        _run_mkdocs(config)
    except MasteryError as exc:
        result.failures.append(exc.message)
    else:
        if outputs.site.exists():
            shutil.rmtree(outputs.site)
        fresh.replace(outputs.site)
    result.seconds = time.perf_counter() - started
    if result.failures:
        outputs.fingerprint.unlink(missing_ok=True)
        raise MasteryError("build failed:\n" + "\n".join(result.failures))
    outputs.fingerprint.write_text(
        json.dumps({"inputs": inputs, "built": time.time()}) + "\n", encoding="utf-8"
    )
    return result
