"""`mastery build` on the fixture repository: site (mkdocs --strict), PDF, EPUB, staleness."""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from mastery.build import Outputs, build, is_stale
from mastery.errors import MasteryError
from mastery.project import Project
from mastery.syllabus import Syllabus

BOOK = Path(__file__).resolve().parents[2] / "book"


def _png() -> bytes:
    """A valid 1x1 PNG, made here rather than shipped."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x80\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def buildable(repo: Project) -> Project:
    shutil.copy2(BOOK / "mkdocs.yml", repo.mkdocs_file)
    shutil.copytree(BOOK / "stylesheets", repo.book / "stylesheets")
    (repo.root / "src" / "neetprepgpt" / "flow.png").write_bytes(_png())
    section = repo.section_file("01-introduction-and-overview")
    section.write_text(
        section.read_text().replace(
            "## 4. Excerpts Stay True\n",
            "## 4. Excerpts Stay True\n\n![the flow](../../src/neetprepgpt/flow.png)\n\n"
            "![gone](../../src/neetprepgpt/missing.png)\n",
        ),
        encoding="utf-8",
    )
    return repo


@pytest.mark.slow
def test_a_failing_mkdocs_is_reported_and_keeps_no_fingerprint(
    buildable: Project, syllabus: Syllabus
) -> None:
    buildable.mkdocs_file.write_text(
        buildable.mkdocs_file.read_text().replace("name: material", "name: no-such-theme"),
        encoding="utf-8",
    )
    with pytest.raises(MasteryError, match="mkdocs build --strict failed"):
        build(buildable, syllabus)
    assert not Outputs(buildable.build_dir).fingerprint.exists()
    assert is_stale(buildable)


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
    assert any(name.startswith("EPUB/media/") and name.endswith(".png") for name in names)
    assert 'alt="the flow"' in book_text
    assert "[image: gone]" in book_text

    page = (outputs.site / "sections" / "01-introduction-and-overview" / "index.html").read_text()
    assert 'class="admonition tip"' in page
    assert 'class="admonition abstract"' in page
    assert "../../source/src/neetprepgpt/main.py/" in page
    assert (outputs.site / "assets" / "repository" / "src" / "neetprepgpt" / "flow.png").is_file()
    source = outputs.site / "source" / "src" / "neetprepgpt" / "main.py" / "index.html"
    assert "create_app" in source.read_text()
    home = (outputs.site / "index.html").read_text()
    assert "Introduction &amp; Overview" in home
    assert "0 of 3 sections complete" in home  # the missing image makes section 1 a draft
    assert 'class="admonition warning"' in page
    assert (outputs.site / "downloads" / "fastapi-mastery.pdf").is_file()

    assert not is_stale(buildable)
    assert not build(buildable, syllabus).built
    section = buildable.section_file("01-introduction-and-overview")
    section.write_text(section.read_text() + "\nOne more line.\n", encoding="utf-8")
    assert is_stale(buildable)
