"""Progress commands: status, next and check."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from mastery.checks import Report, check_section
from mastery.commands.common import friendly, load, pick
from mastery.console import out
from mastery.project import Project
from mastery.status import State, collect, next_section
from mastery.syllabus import Syllabus

_STATE_STYLE = {State.MISSING: "dim", State.DRAFT: "yellow", State.COMPLETE: "green"}


@friendly
def status(
    run: Annotated[
        bool, typer.Option("--run", help="Also run every listing (as the tests do)")
    ] = False,
) -> None:
    """A table of all sections: file, prose words, contract, listings and state."""
    project, syllabus = load()
    statuses = collect(project, syllabus)
    table = Table(title=syllabus.title, header_style="bold")
    columns = ["#", "title", "file", "words", "contract", "listings", "state"]
    if run:
        columns.insert(6, "tested")
    for column in columns:
        table.add_column(column, justify="right" if column in {"#", "words"} else "left")
    failures: list[str] = []
    for item in statuses:
        report = item.report
        if not report.exists:
            contract = "-"
        elif report.passed:
            contract = "[green]pass[/]"
        else:
            contract = f"[red]{len(report.errors)} error(s)[/]"
        row = [
            str(item.section.number),
            escape(item.section.title),
            project.relative(report.path) if report.exists else "-",
            str(report.words) if report.exists else "-",
            contract,
            item.listings_summary,
            f"[{_STATE_STYLE[item.state]}]{item.state}[/]",
        ]
        if run:
            row.insert(6, _run_listings(project, report.listings, failures))
        table.add_row(*row)
    out.print(table)
    for failure in failures:
        out.print(f"[red]{escape(failure)}[/]")
    done = sum(1 for item in statuses if item.state is State.COMPLETE)
    out.print(f"{done} of {len(statuses)} sections complete")


def _run_listings(project: Project, listings: tuple[str, ...], failures: list[str]) -> str:
    from mastery.listings import Outcome, run_listing

    if not listings:
        return "-"
    runs = [run_listing(project.root, listing) for listing in dict.fromkeys(listings)]
    counts = {outcome: sum(1 for r in runs if r.outcome is outcome) for outcome in Outcome}
    failures.extend(f"{r.path}: {r.detail}" for r in runs if r.outcome is Outcome.FAILED)
    text = f"{counts[Outcome.PASSED]}/{len(runs)} ran ok"
    if counts[Outcome.SKIPPED]:
        text += f", {counts[Outcome.SKIPPED]} skipped"
    return text if not counts[Outcome.FAILED] else f"[red]{text}[/]"


@friendly
def next_() -> None:
    """The first section in syllabus order that is not complete, and why."""
    project, syllabus = load()
    upcoming, before = next_section(collect(project, syllabus))
    if upcoming is None:
        out.print(f"All {len(before)} sections are complete.")
        return
    section = upcoming.section
    out.print(f"Next: Section {section.number} - {escape(section.title)}")
    out.print(f'Theme: "{escape(section.theme)}"')
    part = syllabus.part_of(section.number)
    out.print(f"Part {part.numeral}: {escape(part.title)}")
    out.print(f"File: {escape(project.relative(upcoming.report.path))} ({upcoming.state})")
    if upcoming.state is State.DRAFT:
        out.print(f"It exists but fails {len(upcoming.report.errors)} rule(s); see mastery check")
    if before:
        out.print("Complete before it:")
        for item in before:
            out.print(f"  - {escape(item.why_complete())}")
    else:
        out.print("No section before it is complete yet: it is where the guide starts.")


def _print_report(project: Project, report: Report) -> None:
    where = project.relative(report.path)
    for finding in report.findings:
        colour = "red" if finding in report.errors else "yellow"
        out.print(f"[{colour}]{escape(finding.render(where))}[/]")
    verdict = "[green]pass[/]" if report.passed else f"[red]{len(report.errors)} error(s)[/]"
    warnings = f", {len(report.warnings)} warning(s)" if report.warnings else ""
    out.print(
        f"Section {report.section.number}: {verdict}{warnings} ({report.words} words) - {where}"
    )


def _stray_sections(project: Project, syllabus: Syllabus) -> list[Path]:
    if not project.sections_dir.is_dir():
        return []
    known = {f"{section.slug}.md" for section in syllabus.sections}
    return sorted(p for p in project.sections_dir.glob("*.md") if p.name not in known)


@friendly
def check(
    numbers: Annotated[
        list[int] | None, typer.Argument(help="Section numbers; default: every section that exists")
    ] = None,
) -> None:
    """Check sections against the contract (book/CONVENTIONS.md); exit 1 when a rule fails."""
    started = time.perf_counter()
    project, syllabus = load()
    if numbers:
        sections = [pick(syllabus, number) for number in numbers]
    else:
        sections = [s for s in syllabus.sections if project.section_file(s.slug).is_file()]
    strays = [] if numbers else _stray_sections(project, syllabus)
    for stray in strays:
        message = (
            f"{project.relative(stray)}: error: [file] no syllabus section has the slug "
            f"`{stray.stem}`: rename it to its section's slug"
        )
        out.print(f"[red]{escape(message)}[/]")
    if not sections and not strays:
        out.print("No section files yet: nothing to check (see mastery next).")
        return
    reports = [check_section(project, syllabus, section) for section in sections]
    failed = len(strays)
    for report in reports:
        if not report.exists:
            out.print(
                f"[red]Section {report.section.number}: missing - "
                f"{project.relative(report.path)}[/]"
            )
            failed += 1
            continue
        _print_report(project, report)
        failed += 0 if report.passed else 1
    elapsed = time.perf_counter() - started
    total = len(reports) + len(strays)
    out.print(f"{total - failed} of {total} passed in {elapsed:.2f}s")
    if failed:
        raise typer.Exit(1)
