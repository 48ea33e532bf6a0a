"""`mastery build` on the fixture repository: site (mkdocs --strict), PDF, EPUB, staleness."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from mastery.build import Outputs, build, is_stale
from mastery.project import Project
from mastery.syllabus import Syllabus

BOOK = Path(__file__).resolve().parents[2] / "book"


@pytest.fixture
def buildable(repo: Project) -> Project:
    shutil.copy2(BOOK / "mkdocs.yml", repo.mkdocs_file)
    shutil.copytree(BOOK / "stylesheets", repo.book / "stylesheets")
    return repo


@pytest.mark.slow
def test_build_site_pdf_epub_and_staleness(buildable: Project, syllabus: Syllabus) -> None:
    assert is_stale(buildable)
    result = build(buildable, syllabus)
    outputs = Outputs(buildable.build_dir)
    assert result.built
    assert outputs.pdf.read_bytes().startswith(b"%PDF")
    assert zipfile.is_zipfile(outputs.epub)
    with zipfile.ZipFile(outputs.epub) as epub:
        names = epub.namelist()
        assert any(name.endswith("nav.xhtml") for name in names)
        book_text = " ".join(
            epub.read(n).decode("utf-8", "replace") for n in names if n.endswith(".xhtml")
        )
    assert "SECTION 1 - Introduction" in book_text
    assert "<code>src/neetprepgpt/main.py</code>" in book_text

    page = (outputs.site / "sections" / "01-introduction-and-overview" / "index.html").read_text()
    assert 'class="admonition tip"' in page
    assert 'class="admonition abstract"' in page
    assert "../../source/src/neetprepgpt/main.py/" in page
    source = outputs.site / "source" / "src" / "neetprepgpt" / "main.py" / "index.html"
    assert "create_app" in source.read_text()
    home = (outputs.site / "index.html").read_text()
    assert "Introduction &amp; Overview" in home
    assert "1 of 3 sections complete" in home
    assert (outputs.site / "downloads" / "fastapi-mastery.pdf").is_file()

    assert not is_stale(buildable)
    assert not build(buildable, syllabus).built
    section = buildable.section_file("01-introduction-and-overview")
    section.write_text(section.read_text() + "\nOne more line.\n", encoding="utf-8")
    assert is_stale(buildable)
