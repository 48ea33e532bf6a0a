"""The CLI commands over a fixture repository, through Typer's runner (no traceback ever)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mastery.cli import app
from mastery.project import Project

runner = CliRunner()


@pytest.fixture(autouse=True)
def _root(repo: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MASTERY_ROOT", str(repo.root))
    monkeypatch.setenv("COLUMNS", "200")


def test_status_lists_every_section(repo: Project) -> None:
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    assert "complete" in result.output
    assert result.output.count("missing") == 2
    assert "1 of 3 sections complete" in result.output


def test_next_names_the_first_incomplete_and_why(repo: Project) -> None:
    result = runner.invoke(app, ["next"])
    assert result.exit_code == 0
    assert "Next: Section 2 - Python Refresher for Production-Grade APIs" in result.output
    assert 'Theme: "Master the Language Before Commanding the Framework"' in result.output
    assert "Section 1 (Introduction & Overview): the file exists, passes every" in result.output


def test_next_with_no_sections_names_section_1(repo: Project) -> None:
    repo.section_file("01-introduction-and-overview").unlink()
    result = runner.invoke(app, ["next"])
    assert result.exit_code == 0
    assert "Next: Section 1 - Introduction & Overview" in result.output


def test_next_counts_a_draft_as_not_complete(repo: Project) -> None:
    path = repo.section_file("01-introduction-and-overview")
    path.write_text(path.read_text().replace("## 5.", "## 6."), encoding="utf-8")
    result = runner.invoke(app, ["next"])
    assert "Next: Section 1 - Introduction & Overview" in result.output
    assert "(draft)" in result.output


def test_next_when_all_are_complete(repo: Project) -> None:
    good = repo.section_file("01-introduction-and-overview").read_text()
    for number, slug, title, theme in (
        (
            2,
            "02-python-refresher-for-production-grade-apis",
            "Python Refresher for Production-Grade APIs",
            "Master the Language Before Commanding the Framework",
        ),
        (
            3,
            "03-fastapi-high-level-overview",
            "FastAPI High-Level Overview",
            "From Writing Endpoints to Designing Ecosystems",
        ),
    ):
        text = good.replace(
            "# SECTION 1 - Introduction & Overview", f"# SECTION {number} - {title}"
        )
        text = text.replace("From Framework Learner to System Architect", theme)
        text = text.replace("<!-- listing: book/listings/s01/hello.py -->", "<!-- fragment -->")
        text = text.replace(
            '"""Count the questions per subject: a complete program the tests run."""\n\n', ""
        )
        text = text.replace("```text\nbiology 2\nchemistry 1\nphysics 1\n```\n", "")
        repo.section_file(slug).write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["next"])
    assert result.exit_code == 0
    assert "All 3 sections are complete." in result.output


def test_check_passes_and_fails_with_exit_codes(repo: Project) -> None:
    assert runner.invoke(app, ["check", "1"]).exit_code == 0
    path = repo.section_file("01-introduction-and-overview")
    path.write_text(path.read_text().replace("```bash", "```"), encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert "01-introduction-and-overview.md:76: error: [code] a code fence needs a language" in (
        result.output
    )
    assert "0 of 1 passed" in result.output


def test_check_missing_section_fails(repo: Project) -> None:
    result = runner.invoke(app, ["check", "2"])
    assert result.exit_code == 1
    assert "Section 2: missing" in result.output


def test_check_unknown_number_is_a_usage_error(repo: Project) -> None:
    result = runner.invoke(app, ["check", "99"])
    assert result.exit_code == 2
    assert "there is no section 99" in result.output
    assert "Traceback" not in result.output


def test_malformed_syllabus_exit_2_without_traceback(repo: Project) -> None:
    repo.syllabus_file.write_text("title = 3\n", encoding="utf-8")
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 2
    assert "invalid syllabus" in result.output
    assert "Traceback" not in result.output


def test_status_run_executes_listings(repo: Project) -> None:
    result = runner.invoke(app, ["status", "--run"])
    assert result.exit_code == 0, result.output
    assert "1/1 ran ok" in result.output
    out = repo.listings_dir / "s01" / "hello.py.out"
    out.write_text("biology 3\n", encoding="utf-8")
    result = runner.invoke(app, ["status", "--run"])
    assert "0/1 ran ok" in result.output
    assert "book/listings/s01/hello.py: stdout differs from hello.py.out" in result.output


def test_check_reports_a_file_with_a_wrong_slug(repo: Project) -> None:
    good = repo.section_file("01-introduction-and-overview").read_text()
    (repo.sections_dir / "02-python-refresher.md").write_text(good, encoding="utf-8")
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 1
    assert "book/sections/02-python-refresher.md: error: [file] no syllabus section" in (
        result.output
    )
    assert "1 of 2 passed" in result.output
